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
    // Text is escaped (`<` becomes `&lt;`), so every `<` followed by a letter
    // opens a real tag: check those, not text that merely mentions a script.
    let html = r.html.to_ascii_lowercase();
    for (i, _) in html.match_indices('<') {
        let rest = &html[i + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        assert!(!tag.starts_with("script") && !tag.starts_with("iframe"), "raw tag <{tag}> in {:?}", r.html);
        // URL attributes only: a code block's class may say "javascript".
        for attr in [" href=\"", " src=\""] {
            if let Some(start) = tag.find(attr) {
                let value = &tag[start + attr.len()..];
                let value: String = value[..value.find('"').unwrap_or(value.len())]
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                assert!(
                    !value.starts_with("javascript:") && !value.starts_with("vbscript:") && !value.starts_with("data:"),
                    "script URL in <{tag}>"
                );
            }
        }
        assert!(!tag.contains(" onerror") && !tag.contains(" onload"), "event handler in <{tag}>");
    }
    let lines = text.lines().count().max(1);
    for d in &out {
        if let Some(line) = d.line {
            assert!(line >= 1 && line <= lines + 1);
        }
    }
});
