//! Reading level by language: a Spanish site is graded on the INFLESZ
//! scale, with its own limit and words, in the build and in the report; a
//! language with no formula is not graded, and the build says so once.

use crate::harness::{FrontMatter, Site};

/// 23 words, 4 sentences, 39 syllables: INFLESZ ≈ 95.4, «muy fácil».
const EASY: &str = "Si te duele la rodilla, descansa un poco. Pon hielo diez minutos. \
Camina despacio. Si el dolor no se va, ve al médico.";

/// 26 words, 1 sentence, 54 syllables: INFLESZ ≈ 51.4, «algo difícil»
/// (the unit tests of `readability` count it word by word).
const HARD: &str = "El dolor de la rodilla aparece con frecuencia después de correr \
durante mucho tiempo sobre superficies duras, sobre todo cuando los músculos del muslo \
están cansados.";

/// The `basic` fixture in `language`, with an easy and a hard article of
/// over 100 words each (the same sentences repeated keep the score).
fn site_in(language: &str) -> Site {
    let site = Site::fixture("basic");
    site.replace(
        "site.toml",
        "title = \"Fixture Health\"\n",
        &format!("title = \"Fixture Health\"\nlanguage = \"{language}\"\n"),
    );
    let repeat = |text: &str, times: usize| vec![text; times].join(" ") + "\n";
    FrontMatter::new("Rodilla: lo básico").write(&site, "articles/facil.md", &repeat(EASY, 5));
    FrontMatter::new("Rodilla: en detalle").write(&site, "articles/dificil.md", &repeat(HARD, 4));
    site
}

const HARD_WARNING: &str = "warning[reading-level]: the article scores INFLESZ 51.4, \
«algo difícil»; the site asks for 55 or more\n --> articles/dificil.md";

#[test]
fn a_hard_spanish_article_is_warned_about_on_the_inflesz_scale_and_an_easy_one_passes() {
    let site = site_in("es");
    let run = site.build(&[]);
    let stderr = run.stderr();
    assert!(stderr.contains(HARD_WARNING), "{stderr}");
    assert!(
        stderr.contains("reading_ease_min in site.toml sets the limit"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("warning[reading-level]").count(),
        1,
        "{stderr}"
    );
    assert!(!stderr.contains("articles/facil.md"), "{stderr}");
    assert!(!stderr.contains("no-reading-formula"), "{stderr}");

    // The site's own limit moves the line: at 50 the hard one passes too.
    site.replace(
        "site.toml",
        "language = \"es\"\n",
        "language = \"es-MX\"\nreading_ease_min = 50\n",
    );
    let stderr = site.build(&[]).stderr();
    assert!(!stderr.contains("warning[reading-level]"), "{stderr}");
}

#[test]
fn the_report_of_a_spanish_site_gives_inflesz_scores() {
    let site = site_in("es");
    let run = site.salve(&["report", "--format", "json"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(json["reading"]["formula"], "inflesz");
    assert_eq!(json["reading"]["limit"], 55.0);
    let row = |path: &str| {
        json["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["path"] == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone()
    };
    let hard = row("articles/dificil.md");
    assert_eq!(hard["reading"]["score"], 51.4);
    assert_eq!(hard["reading"]["passes"], false);
    assert_eq!(hard["above_grade"], true);
    assert!(hard["reading_grade"].is_null());
    let easy = row("articles/facil.md");
    assert_eq!(easy["reading"]["score"], 95.4);
    assert_eq!(easy["reading"]["passes"], true);
    assert_eq!(easy["above_grade"], false);
    let hard_listed = json["summary"]["above_grade"].as_array().unwrap();
    assert!(hard_listed.contains(&"articles/dificil.md".into()));
    assert!(!hard_listed.contains(&"articles/facil.md".into()));

    let csv = site.salve(&["report", "--format", "csv"]).stdout();
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains(",days_left,reading_ease,words,"),
        "{header}"
    );
    let line = csv
        .lines()
        .find(|l| l.contains("articles/dificil.md"))
        .unwrap();
    assert!(line.contains(",51.4,"), "{line}");

    let out = site.path("report-out");
    let out = out.to_str().unwrap();
    let run = site.salve(&["report", "--output", out]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let page = std::fs::read_to_string(site.path("report-out/index.html")).unwrap();
    for words in [
        "the reading ease limit is INFLESZ 55 or more.",
        "Below INFLESZ 55 (",
        "Rodilla: en detalle, INFLESZ 51.4, «algo difícil»",
        ">Reading ease (INFLESZ)</th>",
        "51.4 (algo difícil) <span class=\"flag\">below limit</span>",
    ] {
        assert!(page.contains(words), "no {words:?} in the report");
    }
    assert!(!page.contains("reading grade"), "{page}");
}

#[test]
fn a_language_without_a_formula_is_not_graded_and_the_build_says_so_once() {
    let site = site_in("fr");
    let stderr = site.build(&[]).stderr();
    assert_eq!(
        stderr.matches("warning[no-reading-formula]").count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "warning[no-reading-formula]: salve has no reading-level formula for `fr`; \
its articles are not graded\n --> site.toml:2:12\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("salve has formulas for `en` (Flesch–Kincaid grade) and `es` (INFLESZ)"),
        "{stderr}"
    );
    assert!(!stderr.contains("warning[reading-level]"), "{stderr}");

    // `[lints]` silences it like any warning.
    site.edit("site.toml", |text| {
        text + "\n[lints]\nno-reading-formula = \"allow\"\n"
    });
    let stderr = site.build(&[]).stderr();
    assert!(!stderr.contains("no-reading-formula"), "{stderr}");
}
