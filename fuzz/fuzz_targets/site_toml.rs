//! Arbitrary bytes as site.toml: reading it never panics, every problem
//! points inside the file, and settings it accepts are ones the later stages
//! can use: a base URL that splits, author URLs with a safe scheme, and a
//! language tag the search index takes (a long one once made it panic).
#![no_main]

use libfuzzer_sys::fuzz_target;
use salve::output::OutputFile;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut out = Vec::new();
    let config = salve::config::parse(text, Path::new("site.toml"), None, &mut out);
    let lines = text.lines().count().max(1);
    for d in &out {
        if let Some(line) = d.line {
            assert!(line >= 1 && line <= lines + 1, "line {line} outside a {lines}-line file");
        }
    }
    let Some((config, base)) = config else { return };
    if out.iter().any(|d| d.is_error()) {
        return;
    }
    assert!(base.full.ends_with(&base.path), "an accepted base_url splits: {base:?}");
    for author in config.authors.values() {
        if let Some(url) = &author.url {
            assert_eq!(salve::url::unsafe_scheme(url.get_ref()), None, "{url:?}");
        }
    }
    let language = config.language.get_ref();
    assert!(
        language.len() <= 35 && language.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
        "{language:?}"
    );
    let page = OutputFile {
        path: "articles/a/index.html".into(),
        bytes: b"<html><body><main data-pagefind-body><h1>Knee pain</h1><p>Rest helps.</p></main></body></html>".to_vec(),
    };
    salve::search::index(&[page], "/", language, &|_| false).expect("the search index takes the language");
});
