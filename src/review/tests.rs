use super::*;

fn day() -> Date {
    Date::new(2026, 12, 3).unwrap()
}

fn edit(text: &str) -> String {
    record(text, Path::new("articles/a.md"), "dr-ana-ruiz", day()).unwrap()
}

#[test]
fn replacing_both_keys_keeps_every_other_byte() {
    let text = "+++\n# The writer's notes stay.\ntitle   =   \"Knees\"  # odd spacing\ndate = 2025-01-02\nreviewed =   2025-03-04   # last check\n\treviewed_by=\"old-key\"\nauthor = \"ana\"\n\n[photo]\nsrc = \"k.jpg\" # a comment\n+++\nBody *text* stays.\n  +++ not a fence\n";
    let want = text
        .replace("2025-03-04", "2026-12-03")
        .replace("\"old-key\"", "\"dr-ana-ruiz\"");
    assert_eq!(edit(text), want);
}

#[test]
fn absent_keys_are_added_after_updated_and_reviewed() {
    let text = "+++\ntitle = \"Knees\"\ndate = 2025-01-02\nupdated = 2025-02-03 # edited\n# who wrote it\nauthor = \"ana\"\ntags = [ \"a\",\"b\" ]\n\n[[causes]]\nname = \"X\"\n+++\nBody\n";
    let want = "+++\ntitle = \"Knees\"\ndate = 2025-01-02\nupdated = 2025-02-03 # edited\nreviewed = 2026-12-03\nreviewed_by = \"dr-ana-ruiz\"\n# who wrote it\nauthor = \"ana\"\ntags = [ \"a\",\"b\" ]\n\n[[causes]]\nname = \"X\"\n+++\nBody\n";
    assert_eq!(edit(text), want);
    // Without `updated`, after `date`; a lone `reviewed` gets its reviewer beside it.
    let text = "+++\ntitle = \"K\"\ndate = 2025-01-02\nauthor = \"ana\"\n+++\n";
    let want = "+++\ntitle = \"K\"\ndate = 2025-01-02\nreviewed = 2026-12-03\nreviewed_by = \"dr-ana-ruiz\"\nauthor = \"ana\"\n+++\n";
    assert_eq!(edit(text), want);
    let text = "+++\ntitle = \"K\"\nreviewed = 2020-01-01\ndate = 2025-01-02\n+++\n";
    let want = "+++\ntitle = \"K\"\nreviewed = 2026-12-03\nreviewed_by = \"dr-ana-ruiz\"\ndate = 2025-01-02\n+++\n";
    assert_eq!(edit(text), want);
}

#[test]
fn a_reviewer_key_is_written_as_a_toml_string() {
    let text = "+++\ntitle = \"K\"\ndate = 2025-01-02\n+++\n";
    let out = record(text, Path::new("a.md"), "a\"b", day()).unwrap();
    assert!(
        out.contains("reviewed_by = 'a\"b'") || out.contains("reviewed_by = \"a\\\"b\""),
        "{out}"
    );
}

#[test]
fn broken_front_matter_is_refused_at_its_place() {
    let text = "+++\ntitle = \"K\"\ndate = = 2025\n+++\n";
    let err = record(text, Path::new("articles/a.md"), "x", day()).unwrap_err();
    assert_eq!((err.code, err.line), ("front-matter", Some(3)));
    let err = record("no fence\n", Path::new("a.md"), "x", day()).unwrap_err();
    assert_eq!(err.code, "front-matter-missing");
}

#[test]
fn an_unknown_reviewer_gets_the_nearest_key_and_the_list() {
    let known = ["dr-ana-ruiz".to_owned(), "marcus-okafor".to_owned()];
    let (message, hint) = unknown_reviewer("dr-ana-ruis", &known);
    assert_eq!(message, "`dr-ana-ruis` is not an author in site.toml");
    assert_eq!(
        hint,
        "did you mean `dr-ana-ruiz`? the reviewers there are: dr-ana-ruiz, marcus-okafor"
    );
    let (_, hint) = unknown_reviewer("zed", &known);
    assert!(hint.starts_with("add [authors.zed]"), "{hint}");
}

#[test]
fn only_markdown_files_under_articles_are_articles() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("articles/knees")).unwrap();
    fs::create_dir_all(root.join("articles/causes")).unwrap();
    fs::create_dir_all(root.join("pages")).unwrap();
    for f in [
        "articles/knees/a.md",
        "articles/knees/_index.md",
        "articles/causes/overuse.md",
        "articles/knees/photo.jpg",
        "pages/about.md",
        "site.toml",
    ] {
        fs::write(root.join(f), "").unwrap();
    }
    assert!(article_path(root, Path::new("articles/knees/a.md")).is_ok());
    for refused in [
        "articles/knees/_index.md",
        "articles/causes/overuse.md",
        "articles/knees/photo.jpg",
        "pages/about.md",
        "site.toml",
        "articles/../site.toml",
        "articles/knees",
    ] {
        let err = article_path(root, Path::new(refused)).unwrap_err();
        assert!(
            matches!(err, ReviewError::NotAnArticle(_)),
            "{refused}: {err}"
        );
    }
    let err = article_path(root, Path::new("articles/none.md")).unwrap_err();
    assert!(matches!(err, ReviewError::Missing(_)), "{err}");
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("x.md"), "").unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.md"), root.join("articles/x.md"))
            .unwrap();
        let err = article_path(root, Path::new("articles/x.md")).unwrap_err();
        assert!(matches!(err, ReviewError::NotAnArticle(_)), "{err}");
    }
}

#[test]
fn replacing_a_file_leaves_nothing_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    fs::write(&path, "old").unwrap();
    replace_file(&path, "new").unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["a.md"]);
}
