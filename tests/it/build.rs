//! The pages a build writes, read the way a reader meets them: parsed HTML.

use crate::harness::{FrontMatter, Site};
use salve::progress::Stage;
use scraper::{Html, Selector};

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_page_kind_is_written() {
    let site = Site::fixture("basic");
    let run = site.build(&[]);
    for page in [
        "index.html",
        "404.html",
        "articles/legs/calf-pain/index.html",
        "articles/legs/cramps/index.html",
        "articles/knee/index.html",
        "causes/index.html",
        "causes/strained-calf/index.html",
        "causes/runners-knee/index.html",
        "treatments/index.html",
        "treatments/rest/index.html",
        "authors/ana/index.html",
        "authors/dr-bo/index.html",
        "tools/calorie-goal/index.html",
        "tools/calorie-goal/form.html",
        "search/index.html",
        "articles/index.html",
        "articles/legs/index.html",
        "tags/index.html",
        "tags/legs/index.html",
        "tags/sleep/index.html",
        "reviewers/index.html",
        "pagefind/pagefind.js",
        "js/search.js",
        "js/calorie-goal.js",
        "css/salve.css",
        "images/ana.svg",
        "articles/legs/calf-pain/calf.svg",
        ".salve-output",
    ] {
        assert!(site.path("public").join(page).is_file(), "missing {page}");
    }
    // Drafts stay out unless asked for.
    assert!(!site.path("public/articles/draft").exists());
    assert_eq!(
        run.stdout().split(" in ").next().unwrap(),
        "Built 3 articles (1 draft and 1 scheduled left out; --drafts to include them; 1 past its expiry date), 4 causes, 5 treatments (27 pages)"
    );
    site.build(&["--drafts"]);
    assert!(site.path("public/articles/draft/index.html").is_file());
}

#[test]
fn the_summary_counts_in_words_and_says_what_was_left_out() {
    let site = Site::fixture("basic");
    for rel in [
        "articles/legs/calf-pain.md",
        "articles/legs/cramps.md",
        "articles/draft.md",
        "articles/causes/strained-calf.md",
    ] {
        std::fs::remove_file(site.path(rel)).unwrap();
    }
    let one = site.build(&[]).stdout();
    assert!(
        one.starts_with(
            "Built 1 article (1 scheduled left out; --drafts to include it; 1 past its expiry date), 2 causes, 1 treatment (15 pages)"
        ),
        "{one}"
    );
}

#[test]
fn a_missing_cause_section_is_a_warning_naming_the_place() {
    let site = Site::fixture("basic");
    let run = site.build(&[]);
    assert_eq!(
        run.stderr(),
        "warning[cause-without-section]: the cause `Runner's knee` has no section in the body\n  --> articles/knee.md:11:8\n   |\n11 | name = \"Runner's knee\"\n   |        ^\n   |\n   = help: add a section headed `## Runner's knee`; its first paragraph is shown on the cause page\n\n"
    );
    assert!(
        run.stdout().contains("with 1 warning → public/\n"),
        "{}",
        run.stdout()
    );
}

#[test]
fn article_page_shows_everything_a_reader_needs() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let doc = Html::parse_document(&site.page("articles/legs/calf-pain/index.html"));
    assert_eq!(text(&select(&doc, "h1")[0]), "Calf pain after running");
    assert_eq!(
        text(&select(&doc, ".lede")[0]),
        "Why calves ache after a run."
    );
    let img = select(&doc, ".lead-photo img")[0];
    assert_eq!(img.value().attr("alt"), Some("A drawing of a calf"));
    assert_eq!(
        img.value().attr("src"),
        Some("/articles/legs/calf-pain/calf.svg")
    );
    assert_eq!(
        text(&select(&doc, ".lead-photo figcaption")[0]),
        "Photo credit: Fixture/Studio"
    );
    assert_eq!(
        text(&select(&doc, ".review")[0]),
        "✓ Medically reviewed by Dr. Bo Reviewer, MD on 1 June 2026 · Next review due 1 June 2027"
    );
    assert_eq!(select(&doc, "time[datetime='2025-01-10']").len(), 1);
    // Author box with the writer's name, link and bio.
    let box_ = text(&select(&doc, ".about-author .author-box")[0]);
    assert!(
        box_.starts_with("Ana Writer, BSc Writes the fixture articles."),
        "{box_}"
    );
    // Table of contents from the ## headings, with anchors.
    let toc: Vec<String> = select(&doc, ".toc a").iter().map(text).collect();
    assert_eq!(toc, ["Strained calf", "Peripheral Artery Disease!"]);
    assert_eq!(
        select(&doc, "h2#peripheral-artery-disease a.heading-anchor").len(),
        1
    );
    // The see-doctor callout sits in that cause's section, after its heading.
    let callout = select(
        &doc,
        "h2#peripheral-artery-disease + .callout-see-doctor .callout-title",
    );
    assert_eq!(text(&callout[0]), "i See a doctor");
    // Each cause's treatments, linked.
    let helps: Vec<String> = select(&doc, ".glance-help").iter().map(text).collect();
    assert_eq!(helps, ["What helps: Rest, Ice", "What helps: See a doctor"]);
    // Related searches lead to the search page with the phrase.
    let search = select(&doc, ".related-searches a")[0];
    assert_eq!(
        search.value().attr("href"),
        Some("/search/?q=calf+pain+running")
    );
    // Links to other articles' .md files became their URLs.
    let body_links: Vec<&str> = select(&doc, ".prose a:not(.heading-anchor)")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        body_links,
        ["/articles/legs/cramps/", "/articles/knee/#who-gets-it"]
    );
    // You might also like: the other two published articles, most shared first.
    let related: Vec<String> = select(&doc, ".related .card-title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(related, ["Night cramps", "Knee pain on stairs"]);
    assert!(text(&select(&doc, ".disclaimer")[0]).contains("not a substitute"));
}

#[test]
fn cause_page_gathers_every_article_with_its_section() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let doc = Html::parse_document(&site.page("causes/strained-calf/index.html"));
    assert_eq!(text(&select(&doc, "h1")[0]), "Strained calf");
    assert!(text(&select(&doc, ".prose")[0]).starts_with("An overview of calf strains."));
    let mentions: Vec<(String, String, String)> = select(&doc, ".mention")
        .iter()
        .map(|m| {
            let doc = Html::parse_fragment(&m.html());
            let link = select(&doc, "p a")[0]
                .value()
                .attr("href")
                .unwrap()
                .to_owned();
            (
                text(&select(&doc, "h3")[0]),
                text(&select(&doc, ".excerpt")[0]),
                link,
            )
        })
        .collect();
    assert_eq!(
        mentions,
        [
            (
                "Night cramps".into(),
                "Cramping can follow a strain.".into(),
                "/articles/legs/cramps/#strained-calf".into()
            ),
            (
                "Calf pain after running".into(),
                "A strained calf is a small tear in the muscle.".into(),
                "/articles/legs/calf-pain/#strained-calf".into()
            ),
            (
                "Knee pain on stairs".into(),
                "A tight calf changes how the knee moves.".into(),
                "/articles/knee/#strained-calf".into()
            ),
        ]
    );
    let helps: Vec<String> = select(&doc, ".chips a").iter().map(text).collect();
    assert_eq!(helps, ["Gentle stretching", "Ice", "Rest"]);
    // The most urgent level across articles is the cause's.
    let dehydration = Html::parse_document(&site.page("causes/dehydration/index.html"));
    assert_eq!(
        text(&select(&dehydration, ".callout-title")[0]),
        "!! Call emergency services now"
    );
}

#[test]
fn indexes_list_a_to_z_with_letter_jumps() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let causes = Html::parse_document(&site.page("causes/index.html"));
    let names: Vec<String> = select(&causes, ".index-name a").iter().map(text).collect();
    assert_eq!(
        names,
        [
            "Dehydration",
            "Peripheral artery disease",
            "Runner's knee",
            "Strained calf"
        ]
    );
    let jumps: Vec<&str> = select(&causes, ".letters a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(jumps, ["#letter-d", "#letter-p", "#letter-r", "#letter-s"]);
    let treatments = Html::parse_document(&site.page("treatments/index.html"));
    let rows: Vec<String> = select(&treatments, ".index-list > li")
        .iter()
        .map(text)
        .collect();
    // Names, descriptions and counts only: the index stays small however
    // many articles there are; the pages list the articles.
    assert_eq!(rows[0], "Fluids Recommended in 1 article");
    assert_eq!(rows[3], "Rest Recommended in 2 articles");
    assert!(select(&treatments, ".index-list a").len() == rows.len());
    assert!(select(&causes, ".index-list a").len() == names.len());
    let author = Html::parse_document(&site.page("authors/dr-bo/index.html"));
    let reviewed: Vec<String> = select(&author, "#reviewed ~ .cards .card-title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(reviewed, ["Calf pain after running"]);
}

#[test]
fn templates_in_the_site_override_the_defaults() {
    let site = Site::fixture("basic");
    std::fs::create_dir_all(site.path("templates")).unwrap();
    std::fs::write(site.path("templates/404.html"), "{% extends \"base.html\" %}{% block content %}<p>Lost? {{ site.title }}</p>{% endblock content %}").unwrap();
    site.build(&[]);
    assert!(
        site.page("404.html")
            .contains("<p>Lost? Fixture Health</p>")
    );
    // Other pages keep the built-in templates.
    assert!(site.page("index.html").contains("Latest articles"));
}

#[test]
fn hostile_markdown_is_escaped() {
    let site = Site::fixture("basic");
    FrontMatter::new("<script>alert(1)</script>").write(
        &site,
        "articles/evil.md",
        "<script>alert(2)</script>\n\n[x](javascript:alert(3)) <img src=x onerror=alert(4)>\n",
    );
    let run = site.build(&[]);
    let page = site.page("articles/evil/index.html");
    assert!(!page.contains("<script>"), "{page}");
    assert!(!page.contains("<img src=x"), "{page}");
    assert!(!page.contains("javascript:"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(run.stderr().contains("warning[unsafe-link]"));
}

#[test]
fn check_reports_in_json_and_writes_nothing() {
    let site =
        crate::harness::Site::from_dirs(&[crate::harness::repo().join("tests/invalid/_base")]);
    FrontMatter::new("x")
        .author("anna")
        .write(&site, "articles/bad.md", "Text.\n");
    let run = site.salve(&["check", "--format", "json"]);
    assert_eq!(run.code(), 1);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(
        findings[0],
        serde_json::json!({
            "file": "articles/bad.md", "line": 4, "column": 10, "severity": "error",
            "code": "unknown-author", "message": "author `anna` is not an author in site.toml",
            "hint": "did you mean `ana`? Authors are the [authors.<key>] tables of site.toml",
        })
    );
    assert!(!site.path("public").exists());
    // Warnings only: exit 0, with the lints a build does not make.
    std::fs::remove_file(site.path("articles/bad.md")).unwrap();
    let run = site.salve(&["check", "--format", "json"]);
    assert_eq!(run.code(), 0, "{}", run.stdout());
    let findings: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let codes: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "missing-photo",
            "unreviewed",
            "missing-references",
            "no-share-image"
        ]
    );
}

#[test]
fn new_writes_an_article_that_builds_and_never_overwrites() {
    let site = Site::fixture("basic");
    let run = site.salve(&["new", "Why do my knees click?"]);
    assert_eq!(run.stdout(), "Wrote articles/why-do-my-knees-click.md\n");
    let text = std::fs::read_to_string(site.path("articles/why-do-my-knees-click.md")).unwrap();
    assert!(
        text.starts_with("+++\ntitle = \"Why do my knees click?\"\n"),
        "{text}"
    );
    assert!(text.contains(&format!("date = {}\n", crate::harness::today().iso())));
    assert!(text.contains("author = \"ana\"  # one of: ana, dr-bo\n"));
    site.build(&["--drafts"]);
    assert!(
        site.path("public/articles/why-do-my-knees-click/index.html")
            .is_file()
    );
    let again = site.salve(&["new", "Why do my knees click?"]);
    assert_eq!(again.code(), 2);
    assert!(
        again
            .stderr()
            .contains("already exists; salve will not overwrite it")
    );
    assert_eq!(
        std::fs::read_to_string(site.path("articles/why-do-my-knees-click.md")).unwrap(),
        text
    );
}

#[test]
fn init_writes_a_site_that_builds_at_once() {
    let site = crate::harness::Site::from_dirs(&[]);
    let run = site.salve(&["init", "fresh"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    // It says what to run next, in order.
    let steps: Vec<usize> = [
        "cd fresh",
        "salve new ",
        "salve serve ",
        "salve check ",
        "salve build ",
    ]
    .iter()
    .map(|step| {
        run.stdout()
            .find(step)
            .unwrap_or_else(|| panic!("no {step}"))
    })
    .collect();
    assert!(steps.is_sorted(), "{}", run.stdout());
    let fresh = site.path("fresh");
    // site.toml shows every key salve reads, most of them commented out.
    let config = std::fs::read_to_string(fresh.join("site.toml")).unwrap();
    for key in salve::config::CONFIG_FIELDS {
        assert!(
            [format!("{key} = "), format!("[{key}"), format!(".{key}]")]
                .iter()
                .any(|form| config.contains(form)),
            "init's site.toml does not show `{key}`"
        );
    }
    let run = site.salve(&["build", "--root", "fresh"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(run.stderr(), "", "a new site builds without warnings");
    assert!(fresh.join("public/articles/welcome/index.html").is_file());
    // The calculator is something a site turns on.
    let welcome =
        std::fs::read_to_string(fresh.join("public/articles/welcome/index.html")).unwrap();
    assert!(
        !welcome.contains("<section class=\"calculator\""),
        "a new site shows no calculator"
    );
    assert!(!fresh.join("templates").exists());
    assert_eq!(
        std::fs::read_to_string(fresh.join(".gitignore")).unwrap(),
        "/public\n/.salve-serve\n"
    );
    let again = site.salve(&["init", "fresh"]);
    assert_eq!(again.code(), 2);
}

#[test]
fn every_key_init_comments_out_is_valid_when_turned_on() {
    let site = crate::harness::Site::from_dirs(&[]);
    assert_eq!(site.salve(&["init", "fresh"]).code(), 0);
    let path = site.path("fresh/site.toml");
    let config = std::fs::read_to_string(&path).unwrap();
    // Uncomment each line that is a commented-out key or table.
    let on: String = config
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") || rest.starts_with('[') => rest,
            _ => line,
        })
        .map(|line| format!("{line}\n"))
        .collect();
    assert!(on.contains("\n[[menus.footer]]\n") && on.contains("\npaginate_by = 20"));
    std::fs::write(&path, &on).unwrap();
    // The menus link to pages the site must have.
    for (name, title) in [("about", "About"), ("privacy", "Privacy")] {
        std::fs::create_dir_all(site.path("fresh/pages")).unwrap();
        std::fs::write(
            site.path(&format!("fresh/pages/{name}.md")),
            format!("+++\ntitle = \"{title}\"\n+++\nText.\n"),
        )
        .unwrap();
    }
    std::fs::create_dir_all(site.path("fresh/static/images")).unwrap();
    // A real JPEG: photos are decoded and resized.
    let mut jpeg = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(8, 8)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .unwrap();
    std::fs::write(
        site.path("fresh/static/images/editor.jpg"),
        jpeg.into_inner(),
    )
    .unwrap();
    let run = site.salve(&["build", "--root", "fresh"]);
    assert_eq!(run.code(), 0, "{on}\n{}", run.stderr());
}

#[test]
fn pathological_markdown_and_other_scripts_build() {
    // Inputs that once made pulldown-cmark quadratic; with the size cap they
    // must finish like any other page (no timing asserted: a hang fails CI).
    let site = Site::fixture("basic");
    for (name, unit, times) in [("brackets", "[a](<b", 50_000), ("stars", "a***", 80_000)] {
        FrontMatter::new(name).write(&site, &format!("articles/{name}.md"), &unit.repeat(times));
    }
    // Right-to-left text and combining characters in names and headings.
    FrontMatter::new("ألم الركبة — Cafe\u{301}")
        .tables("[[causes]]\nname = \"التهاب الأوتار\"\ntreatments = [\"Re\u{301}pit\"]\n")
        .write(
            &site,
            "articles/scripts.md",
            "## التهاب الأوتار\n\nنص قصير.\n",
        );
    // A very long title still builds, whole, escaped, in the page and its metadata.
    let long = "Knee pain & <stairs> ".repeat(250);
    FrontMatter::new(&long).write(&site, "articles/long-title.md", "Text.\n");
    site.build(&["--no-search"]);
    let page = site.page("articles/long-title/index.html");
    assert!(
        page.contains(
            &long
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        )
    );
    assert!(site.path("public/articles/brackets/index.html").is_file());
    assert!(site.path("public/articles/stars/index.html").is_file());
    let cause_dir = std::fs::read_dir(site.path("public/causes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.starts_with("التهاب"));
    assert_eq!(cause_dir.as_deref(), Some("التهاب-الأوتار"));
    let page = site.page("articles/scripts/index.html");
    assert!(page.contains("<h2 id=\"التهاب-الأوتار\">"), "{page}");
}

/// The stages a library build reports, with their counts, in order.
fn stages_of(site: &Site, search: bool) -> Vec<(Stage, Option<usize>)> {
    let options = salve::BuildOptions {
        root: site.path(""),
        base_url: None,
        drafts: false,
        today: crate::harness::today(),
        search,
    };
    let seen = std::cell::RefCell::new(Vec::new());
    salve::build_with(&options, &site.path("public"), None, &|stage, count| {
        seen.borrow_mut().push((stage, count));
    })
    .unwrap();
    seen.into_inner()
}

#[test]
fn a_build_reports_each_stage_in_order_with_its_count() {
    let site = Site::fixture("basic");
    let seen = stages_of(&site, true);
    let stages: Vec<Stage> = seen.iter().map(|(s, _)| *s).collect();
    assert_eq!(stages, Stage::ALL);
    // Counts where they are known beforehand: the fixture's 7 Markdown files
    // and its 27 pages (the calculator's form file is one).
    let count = |stage| seen.iter().find(|(s, _)| *s == stage).unwrap().1;
    assert_eq!(count(Stage::Load), None);
    assert_eq!(count(Stage::Parse), Some(7));
    assert_eq!(count(Stage::Link), Some(7));
    assert_eq!(count(Stage::Search), Some(27));
    assert!(count(Stage::Write).is_some_and(|n| n > 27));
}

#[test]
fn a_build_without_search_skips_only_the_index_stage() {
    let site = Site::fixture("basic");
    let stages: Vec<Stage> = stages_of(&site, false)
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let expected: Vec<Stage> = Stage::ALL
        .into_iter()
        .filter(|s| *s != Stage::Search)
        .collect();
    assert_eq!(stages, expected);
}

#[test]
fn a_root_that_is_not_a_folder_is_named_as_such() {
    let site = Site::from_dirs(&[]);
    std::fs::write(site.path("file.txt"), "not a site").unwrap();
    for command in ["build", "check", "serve"] {
        let run = site.salve(&[command, "--root", "nowhere"]);
        assert_eq!(run.code(), 2, "{command}");
        assert_eq!(
            run.stderr(),
            "error: the site folder nowhere does not exist\n  = help: pass --root the folder that has site.toml, or start a new site there with `salve init nowhere`\n",
            "{command}"
        );
        let run = site.salve(&[command, "--root", "file.txt"]);
        assert_eq!(run.code(), 2, "{command}");
        assert!(
            run.stderr()
                .starts_with("error: the site folder file.txt is not a folder\n"),
            "{command}: {}",
            run.stderr()
        );
    }
    assert!(!site.path("nowhere").exists(), "nothing was created");
}
