use super::*;

#[test]
fn base_url_keeps_its_sub_path() {
    let b = BaseUrl::parse("https://example.org/health").unwrap();
    assert_eq!(b.full, "https://example.org/health/");
    assert_eq!(b.path, "/health/");
    let b = BaseUrl::parse("http://localhost:4000").unwrap();
    assert_eq!(
        (b.full.as_str(), b.path.as_str()),
        ("http://localhost:4000/", "/")
    );
    assert!(BaseUrl::parse("example.org").is_err());
    assert!(BaseUrl::parse("https:///x").is_err());
    assert!(BaseUrl::parse("https://e.org/?q=1").is_err());
}

#[test]
fn defaults_fill_optional_settings() {
    let mut out = Vec::new();
    let (c, base) = parse(
        "title = \"T\"\nbase_url = \"https://e.org/\"\n[authors.ana]\nname = \"Ana\"\n",
        Path::new("site.toml"),
        None,
        &mut out,
    )
    .unwrap();
    assert!(out.is_empty());
    assert_eq!(base.full, "https://e.org/");
    assert_eq!(c.language.get_ref(), "en");
    assert!(!c.allow_html);
    assert!(!c.calculator);
    assert_eq!(c.review_interval_days, 365);
    assert_eq!(c.emergency_number, "911");
    assert_eq!(c.reading_grade_max, 8.0);
    assert_eq!(c.reading_ease_min, 55.0);
    assert!(c.disclaimer.contains("not a substitute"));
    assert_eq!(c.authors["ana"].name, "Ana");
    assert_eq!(*c.paginate_by.get_ref(), 20);
}

#[test]
fn paginate_by_zero_is_an_error_at_its_line() {
    let mut out = Vec::new();
    let text = "title = \"T\"\nbase_url = \"https://e.org/\"\npaginate_by = 0\n";
    assert!(parse(text, Path::new("site.toml"), None, &mut out).is_none());
    assert_eq!(out.len(), 1);
    assert_eq!((out[0].line, out[0].column), (Some(3), Some(15)));
    assert!(out[0].message.contains("paginate_by"), "{}", out[0].message);
    let text = "title = \"T\"\nbase_url = \"https://e.org/\"\npaginate_by = 3\n";
    let (c, _) = parse(text, Path::new("site.toml"), None, &mut out).unwrap();
    assert_eq!(*c.paginate_by.get_ref(), 3);
}

#[test]
fn bad_base_url_and_author_key_are_located() {
    let mut out = Vec::new();
    let text = "title = \"T\"\nbase_url = \"e.org\"\n[authors.Ana_B]\nname = \"Ana\"\n";
    assert!(parse(text, Path::new("site.toml"), None, &mut out).is_none());
    assert_eq!(out.len(), 2);
    assert_eq!((out[0].line, out[0].column), (Some(2), Some(12)));
    assert_eq!((out[1].line, out[1].column), (Some(3), Some(2)));
}

#[test]
fn a_replacement_base_url_wins_and_is_checked_too() {
    let text = "title = \"T\"\nbase_url = \"https://e.org/\"\n";
    let mut out = Vec::new();
    let (_, base) = parse(
        text,
        Path::new("site.toml"),
        Some("http://127.0.0.1:4000/"),
        &mut out,
    )
    .unwrap();
    assert_eq!(base.path, "/");
    assert_eq!(base.full, "http://127.0.0.1:4000/");
    assert!(parse(text, Path::new("site.toml"), Some("ftp://x"), &mut out).is_none());
    assert_eq!(out[0].path, Path::new("--base-url"));
}
