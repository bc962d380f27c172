//! Arbitrary bytes as an article: splitting and reading the front matter
//! never panics, and every error points inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use salve::content::{ARTICLE_FIELDS, ArticleMeta};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("articles/fuzz.md");
    let lines = text.lines().count().max(1);
    let diagnostic = match salve::frontmatter::split(text, path) {
        Err(d) => d,
        Ok(split) => match salve::frontmatter::parse::<ArticleMeta>(&split, text, path, ARTICLE_FIELDS) {
            Ok(_) => return,
            Err(d) => d,
        },
    };
    if let Some(line) = diagnostic.line {
        assert!(line >= 1 && line <= lines + 1, "line {line} outside a {lines}-line file");
    }
    if let Some(column) = diagnostic.column {
        assert!(column >= 1);
    }
});
