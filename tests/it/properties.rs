//! Properties that hold for any input, checked on generated cases (a bounded
//! number, so CI time stays fixed). The fuzz targets in `fuzz/` explore the
//! same properties for longer with coverage guidance.

use proptest::prelude::*;
use salve::content::{ARTICLE_FIELDS, ArticleMeta};
use std::path::{Component, Path, PathBuf};

/// Pieces that make Markdown interesting for an attacker or a parser.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=x>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](vbscript:x)",
        "[x](data:text/html,<script>)",
        "![i](javascript:x)",
        "[a](<b",
        "a***",
        "## Heading\n",
        "> [!WARNING]\n> text\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "[^1]\n\n[^1]: note\n",
        "```\ncode\n```\n",
        "[l](other.md#x)",
        "[l](../../../x.md)",
        "\n\n",
        "text ",
        "*",
        "_",
        "`",
        "<",
        ">",
        "&",
        "\"",
        "'",
        "\u{202e}",
        "\u{0301}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Where a link leads, worked out on its text alone (the model `resolve` is
/// checked against).
struct Walk<'a> {
    /// The folders and file named, from the site root.
    target: Vec<&'a str>,
    /// Whether no `..` on the way climbed above `articles/`.
    stays_in_articles: bool,
}

/// Follows `link` from the folder of `from`, segment by segment; `None` when
/// a `..` climbs above the site root or the link starts at the root.
fn walk<'a>(from: &'a str, link: &'a str) -> Option<Walk<'a>> {
    if link.starts_with('/') {
        return None;
    }
    let mut target: Vec<&str> = from.split('/').collect();
    target.pop();
    let mut stays_in_articles = true;
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                target.pop()?;
                stays_in_articles &= !target.is_empty();
            }
            name => target.push(name),
        }
    }
    Some(Walk {
        target,
        stays_in_articles,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn markdown_never_lets_script_through(body in markdownish()) {
        let text = format!("+++\ntitle = \"t\"\n+++\n{body}");
        let input = salve::markdown::Input {
            text: &text,
            body_start: text.len() - body.len(),
            source: Path::new("articles/legs/a.md"),
            base_path: "/",
            allow_html: false,
        };
        let mut out = Vec::new();
        let html = salve::markdown::render(&input, &mut out).html.to_ascii_lowercase();
        prop_assert!(!html.contains("<script"), "{}", html);
        prop_assert!(!html.contains("<img src=x"), "{}", html);
        prop_assert!(!html.contains("<svg"), "{}", html);
        prop_assert!(!html.contains("<iframe"), "{}", html);
        prop_assert!(!html.contains("href=\"javascript:") && !html.contains("href=\"vbscript:") && !html.contains("href=\"data:"), "{}", html);
        let lines = text.lines().count() + 1;
        for d in &out {
            prop_assert!(d.line.is_none_or(|l| (1..=lines).contains(&l)), "{d:?}");
        }
    }

    #[test]
    fn front_matter_errors_point_inside_the_file(text in any::<String>(), toml in "[a-z_]{1,12} = [\"0-9a-z\\[\\]{}.,= \n-]{0,40}") {
        let path = Path::new("articles/a.md");
        for input in [text.clone(), format!("+++\n{toml}\n+++\nbody")] {
            let lines = input.lines().count() + 1;
            let d = match salve::frontmatter::split(&input, path) {
                Err(d) => d,
                Ok(split) => match salve::frontmatter::parse::<ArticleMeta>(&split, &input, path, ARTICLE_FIELDS) {
                    Ok(_) => continue,
                    Err(d) => d,
                },
            };
            prop_assert!(d.line.is_some_and(|l| (1..=lines).contains(&l)), "{d:?}");
            prop_assert!(d.column.is_some_and(|c| c >= 1), "{d:?}");
        }
    }

    #[test]
    fn links_resolve_where_their_text_leads_and_never_outside_the_site(
        from in prop::sample::select(vec!["articles/a.md", "articles/legs/a.md", "articles/legs/deep/a.md"]),
        link in "(\\.\\./|\\./|articles/|[a-z]{1,4}/|/){0,8}(\\.\\.|\\.|[a-z]{0,4}(\\.md)?)",
    ) {
        let target = salve::paths::resolve(Path::new(from), &link);
        let expected = walk(from, &link);
        let walked: Option<PathBuf> = expected.as_ref().map(|w| w.target.iter().collect());
        prop_assert_eq!(&target, &walked, "{} from {}", link, from);
        if let Some(target) = target {
            prop_assert!(target.components().all(|c| matches!(c, Component::Normal(_))), "{target:?}");
            // What the link check relies on: a link that never climbs above
            // articles/ leads to a path under it, so it can only name a page.
            if expected.is_some_and(|w| w.stays_in_articles) {
                prop_assert!(target.starts_with("articles"), "{} from {} gave {:?}", link, from, target);
            }
        }
    }

    #[test]
    fn slugs_are_stable_and_url_safe(name in any::<String>()) {
        let slug = salve::slug::slugify(&name);
        prop_assert_eq!(salve::slug::slugify(&slug), slug.clone());
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
        prop_assert!(slug.chars().all(|c| c == '-' || c.is_alphanumeric() || !c.is_ascii()));
    }
}
