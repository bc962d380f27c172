//! Arbitrary Markdown: rendering never panics and nothing escapes its page —
//! no raw `<script`, no `javascript:` link, every diagnostic inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let text = format!("+++\ntitle = \"t\"\n+++\n{body}");
    let input = salve::markdown::Input {
        text: &text,
        body_start: text.len() - body.len(),
        source: Path::new("articles/legs/fuzz.md"),
        base_path: "/",
        allow_html: false,
    };
    let mut out = Vec::new();
    let r = salve::markdown::render(&input, &mut out);
    let lower = r.html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "raw script in {:?}", r.html);
    assert!(!lower.contains("href=\"javascript:"), "script link in {:?}", r.html);
    assert!(!lower.contains("src=\"javascript:"), "script src in {:?}", r.html);
    let lines = text.lines().count().max(1);
    for d in &out {
        if let Some(line) = d.line {
            assert!(line >= 1 && line <= lines + 1);
        }
    }
});
