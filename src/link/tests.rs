use super::*;
use crate::diagnostic::Diagnostic;
use crate::load::SourceFile;
use std::path::Path;

const CONFIG: &str =
    "title = \"T\"\nbase_url = \"https://e.org/\"\n[authors.ana]\nname = \"Ana\"\n";

fn article(path: &str, date: &str, causes: &[(&str, &[&str])], body: &str) -> SourceFile {
    let mut text = format!("+++\ntitle = \"{path}\"\ndate = {date}\nauthor = \"ana\"\n");
    for (name, treatments) in causes {
        let list: Vec<String> = treatments.iter().map(|t| format!("\"{t}\"")).collect();
        text.push_str(&format!(
            "[[causes]]\nname = \"{name}\"\ntreatments = [{}]\n",
            list.join(", ")
        ));
    }
    text.push_str("+++\n");
    text.push_str(body);
    SourceFile {
        path: PathBuf::from(path),
        text,
    }
}

fn link_files(files: Vec<SourceFile>) -> (Option<Site>, Vec<Diagnostic>) {
    link_with_static(files, &[])
}

/// Links `files` with these files under `static/`.
fn link_with_static(files: Vec<SourceFile>, statics: &[&str]) -> (Option<Site>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let (config, base) =
        crate::config::parse(CONFIG, Path::new("site.toml"), None, &mut out).unwrap();
    let all: BTreeSet<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    let parsed = crate::parse::parse(files, "/", false, &mut out);
    let assets = crate::load::Files::default();
    let mut static_files = crate::load::Files::default();
    for name in statics {
        static_files.insert(PathBuf::from(name), Path::new("/static").join(name));
    }
    let inputs = Inputs {
        base: &base,
        config_text: CONFIG,
        assets: &assets,
        static_files: &static_files,
        host_redirects: None,
        all_markdown: &all,
        drafts: false,
        today: crate::date::Date::new(2026, 1, 1).unwrap(),
        strings: &crate::i18n::Strings::default(),
        prefix: "",
    };
    let site = link(config, parsed, inputs, &mut out);
    (site, out)
}

#[test]
fn names_match_without_case_or_punctuation_and_keep_the_common_spelling() {
    let (site, out) = link_files(vec![
        article(
            "articles/a.md",
            "2025-01-01",
            &[("Strained calf", &["Rest"])],
            "## Strained calf!\nA.\n",
        ),
        article(
            "articles/b.md",
            "2025-01-02",
            &[("strained  calf", &["rest"])],
            "## STRAINED CALF\nB.\n",
        ),
        article(
            "articles/c.md",
            "2025-01-03",
            &[("Strained calf.", &["Rest"])],
            "## strained-calf\nC.\n",
        ),
    ]);
    assert!(out.is_empty(), "{out:?}");
    let site = site.unwrap();
    assert_eq!(site.causes.len(), 1);
    assert_eq!(site.treatments.len(), 1);
    assert_eq!(site.treatments[0].name, "Rest");
    assert_eq!(site.causes[0].slug, "strained-calf");
    // Every article's section was found, newest first.
    let mentions: Vec<(usize, Option<usize>)> = site.causes[0]
        .mentions
        .iter()
        .map(|m| (m.article, m.section))
        .collect();
    assert_eq!(mentions, [(0, Some(0)), (1, Some(0)), (2, Some(0))]);
    assert_eq!(site.articles[0].source, PathBuf::from("articles/c.md"));
}

#[test]
fn causes_and_treatments_are_sorted_a_to_z_with_indices_rewritten() {
    let (site, out) = link_files(vec![article(
        "articles/a.md",
        "2025-01-01",
        &[
            ("Zoster", &["Yoga", "Antivirals"]),
            ("Ankle sprain", &["Yoga"]),
        ],
        "## Zoster\nz\n## Ankle sprain\na\n",
    )]);
    assert!(out.is_empty(), "{out:?}");
    let site = site.unwrap();
    let causes: Vec<&str> = site.causes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(causes, ["Ankle sprain", "Zoster"]);
    let treatments: Vec<&str> = site.treatments.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(treatments, ["Antivirals", "Yoga"]);
    let a = &site.articles[0];
    assert_eq!(site.causes[a.causes[0].cause].name, "Zoster");
    let zoster_treatments: Vec<&str> = a.causes[0]
        .treatments
        .iter()
        .map(|&t| site.treatments[t].name.as_str())
        .collect();
    assert_eq!(zoster_treatments, ["Yoga", "Antivirals"]);
    assert_eq!(site.causes[1].treatments, [0, 1]);
    assert_eq!(site.treatments[1].causes, [0, 1]);
}

#[test]
fn broken_references_are_all_reported() {
    let (site, out) = link_files(vec![
        article(
            "articles/a.md",
            "2025-01-01",
            &[("Cramp", &[])],
            "[x](b.md#nope) [y](c.md)\n",
        ),
        article("articles/b.md", "2025-01-02", &[], "## Here\n"),
    ]);
    assert!(site.is_none());
    let found: Vec<(&str, Option<usize>)> = out.iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(
        found,
        [
            ("broken-anchor", Some(9)),
            ("broken-link", Some(9)),
            ("cause-without-section", Some(6))
        ]
    );
}

#[test]
fn a_static_file_over_a_page_is_a_duplicate_url() {
    let (site, out) = link_with_static(
        vec![article("articles/legs/a.md", "2025-01-01", &[], "A.\n")],
        &[
            "articles/legs/a/index.html",
            "authors/ana/index.html",
            "css/site.css",
        ],
    );
    assert!(site.is_none());
    let found: Vec<_> = out
        .iter()
        .map(|d| {
            (
                d.code,
                d.path.to_string_lossy().into_owned(),
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "duplicate-url",
                "static/articles/legs/a/index.html".to_owned(),
                "this file and the page /articles/legs/a/ would both be written to /articles/legs/a/index.html"
            ),
            (
                "duplicate-url",
                "static/authors/ana/index.html".to_owned(),
                "this file and the page /authors/ana/ would both be written to /authors/ana/index.html"
            ),
        ]
    );
}

#[test]
fn a_photo_without_alt_is_pointed_at_its_src_and_a_blank_alt_at_itself() {
    let photo = |alt: &str| {
        let mut a = article("articles/a.md", "2025-01-01", &[], "A.\n");
        a.text = a.text.replace(
            "+++\nA.",
            &format!("[photo]\nsrc = \"p.svg\"\n{alt}+++\nA."),
        );
        a
    };
    for (alt, line, column) in [("", 6, 7), ("alt = \" \"\n", 7, 7)] {
        let (site, out) = link_with_static(vec![photo(alt)], &["p.svg"]);
        assert!(site.is_some(), "{out:?}");
        let found: Vec<_> = out.iter().map(|d| (d.code, d.line, d.column)).collect();
        assert_eq!(
            found,
            [("missing-alt", Some(line), Some(column))],
            "{alt:?}"
        );
    }
    let (_, out) = link_with_static(vec![photo("alt = \"A calf\"\n")], &["p.svg"]);
    assert!(out.is_empty(), "{out:?}");
}
