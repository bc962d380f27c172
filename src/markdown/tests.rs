use super::*;
use std::path::{Path, PathBuf};

fn run(body: &str) -> (Body, Vec<Diagnostic>) {
    run_with(body, false)
}

fn run_with(body: &str, allow_html: bool) -> (Body, Vec<Diagnostic>) {
    let text = format!("+++\ntitle = \"t\"\n+++\n{body}");
    let input = Input {
        text: &text,
        body_start: text.len() - body.len(),
        source: Path::new("articles/legs/a.md"),
        base_path: "/health/",
        allow_html,
    };
    let mut out = Vec::new();
    let r = render(&input, &mut out);
    (r, out)
}

#[test]
fn headings_get_unique_ids_anchors_and_a_toc() {
    let (r, _) = run(
        "## Strained *calf*\ntext\n### Who gets it\n## Strained calf\n#### Deep\n## Contents\n",
    );
    assert_eq!(
        r.ids,
        [
            "strained-calf",
            "who-gets-it",
            "strained-calf-2",
            "deep",
            "contents-2"
        ]
    );
    let toc: Vec<_> = r.toc.iter().map(|t| (t.level, t.text.as_str())).collect();
    assert_eq!(
        toc,
        [
            (2, "Strained calf"),
            (3, "Who gets it"),
            (2, "Strained calf"),
            (2, "Contents")
        ]
    );
    assert!(r.html.contains(
        "<h2 id=\"strained-calf\">Strained <em>calf</em><a class=\"heading-anchor\" href=\"#strained-calf\" data-pagefind-ignore=\"all\">"
    ), "{}", r.html);
}

#[test]
fn sections_keep_their_first_top_level_paragraph() {
    let (r, _) = run(
        "Intro.\n\n## Cramp\n\n> [!NOTE]\n> Not this.\n\nA *sudden* tight\nmuscle.\n\nMore.\n## Empty\n",
    );
    assert_eq!(r.sections.len(), 2);
    assert_eq!(r.sections[0].excerpt, "A sudden tight muscle.");
    assert_eq!(r.sections[1].excerpt, "");
}

#[test]
fn extensions_are_on() {
    let (r, _) =
        run("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\" note[^1]\n\n[^1]: A source.\n");
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("“quoted”"));
    assert!(r.html.contains(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n<table>"
    ));
    assert!(r.html.contains("<sup class=\"footnote-reference\"><a href=\"#fn-1\" id=\"fnref-1\" aria-label=\"Footnote 1\">1</a></sup>"), "{}", r.html);
    assert!(
        r.html
            .contains("<div class=\"footnote-definition\" id=\"fn-1\">")
    );
    assert!(r.html.contains("<a href=\"#fnref-1\">Back to the text"));
}

#[test]
fn alerts_become_callouts() {
    let (r, _) = run("> [!WARNING]\n> Call for help.\n");
    assert!(r.html.starts_with(
        "<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n<p>Call for help.</p>\n</div>"
    ), "{}", r.html);
}

#[test]
fn links_to_markdown_files_become_page_urls() {
    let (r, d) =
        run("[a](../knees/b.md#stairs) [c](c.md) [s](#top) [x](https://e.org) [abs](/causes/)");
    assert!(d.is_empty(), "{d:?}");
    assert!(
        r.html.contains("href=\"/health/articles/knees/b/#stairs\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"/health/articles/legs/c/\""));
    assert!(r.html.contains("href=\"#top\""));
    assert!(r.html.contains("href=\"https://e.org\""));
    assert!(r.html.contains("href=\"/health/causes/\""));
    let links: Vec<_> = r
        .links
        .iter()
        .map(|l| (l.target.to_str().unwrap(), l.fragment.as_deref()))
        .collect();
    assert_eq!(
        links,
        [
            ("articles/knees/b.md", Some("stairs")),
            ("articles/legs/c.md", None),
            ("articles/legs/a.md", Some("top")),
        ]
    );
    assert_eq!(r.links[0].pos, Position { line: 4, column: 1 });
}

#[test]
fn local_images_are_copied_beside_the_page() {
    let (r, d) = run("![calf](img/calf%20a.png) [bad](../x.png)");
    assert_eq!(r.assets.len(), 1);
    assert_eq!(
        r.assets[0].source,
        PathBuf::from("articles/legs/img/calf a.png")
    );
    assert_eq!(r.assets[0].dest, "img/calf a.png");
    assert!(
        r.html
            .contains("src=\"/health/articles/legs/a/img/calf%20a.png\""),
        "{}",
        r.html
    );
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].code, d[0].column), ("bad-link", Some(27)));
}

#[test]
fn script_links_and_raw_html_are_neutralised() {
    let (r, d) = run(
        "<script>alert(1)</script>\n\n[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](java&#x09;script:x) [d](vbscript:x) [e](data:text/html,x) <img src=x onerror=alert(1)>",
    );
    assert!(!r.html.contains("<script"), "{}", r.html);
    assert!(!r.html.contains("<img"), "{}", r.html);
    assert!(!r.html.to_lowercase().contains("script:"), "{}", r.html);
    assert!(!r.html.contains("data:"), "{}", r.html);
    assert!(r.html.contains("&lt;script&gt;"));
    let codes: Vec<_> = d.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "raw-html",
            "unsafe-link",
            "unsafe-link",
            "unsafe-link",
            "unsafe-link",
            "unsafe-link"
        ]
    );
}

#[test]
fn a_site_may_opt_in_to_raw_html() {
    let (r, d) = run_with("<b>bold</b>", true);
    assert!(r.html.contains("<b>bold</b>"));
    assert!(d.is_empty());
}

#[test]
fn counts_prose_words_only() {
    let (r, _) = run("One two three.\n\n```\nnot counted here\n```\n");
    assert_eq!(r.stats.words, 3);
    assert_eq!(r.stats.sentences, 1);
}

#[test]
fn an_image_without_alt_text_warns_where_it_is_written() {
    let (r, d) = run("Text.\n\nSee ![](a.svg) and ![ ](b.svg).\n");
    let places: Vec<_> = d.iter().map(|d| (d.code, d.line, d.column)).collect();
    assert_eq!(
        places,
        [
            ("missing-alt", Some(6), Some(5)),
            ("missing-alt", Some(6), Some(20))
        ]
    );
    assert_eq!(r.assets.len(), 2);
}

#[test]
fn alt_text_may_be_formatted_and_images_may_sit_in_links() {
    let (_, d) = run("![a *sore* calf](a.svg) [![calf](b.svg)](https://example.org/)\n");
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn a_decorative_image_has_an_empty_alt_no_title_and_no_warning() {
    let (r, d) = run("![](rule.svg \"Decorative\")\n");
    assert!(d.is_empty(), "{d:?}");
    assert!(r.html.contains("alt=\"\""), "{}", r.html);
    assert!(!r.html.contains("title="), "{}", r.html);
}

#[test]
fn a_heading_more_than_one_level_below_the_one_before_is_a_skip() {
    let (r, out) = run(
        "intro\n\n### Under the title\n## Back\n#### Two down\n##### One down\n# Up\n### Two down again\n",
    );
    let found: Vec<_> = out
        .iter()
        .map(|d| (d.code, d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "heading-skip",
                Some(6),
                "this `###` heading comes straight after the page's title (`#`), skipping `##`"
            ),
            (
                "heading-skip",
                Some(8),
                "this `####` heading follows a `##` heading, skipping `###`"
            ),
            (
                "heading-skip",
                Some(11),
                "this `###` heading follows a `#` heading, skipping `##`"
            ),
        ]
    );
    // Sections know the line of their heading, to be pointed at.
    let sections: Vec<_> = r
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.line))
        .collect();
    assert_eq!(sections, [("Back", 7)]);
    let (_, out) = run("## A\n### B\n#### C\n## D\n");
    assert!(out.is_empty(), "{out:?}");
    let (_, out) = run("#### Four under the title\n");
    assert_eq!(
        out[0].message,
        "this `####` heading comes straight after the page's title (`#`), skipping 2 levels"
    );
}

#[test]
fn links_to_other_sites_are_noted_where_their_address_is_written() {
    let (r, d) = run(
        "See [a](https://e.org/a) and ![b](//cdn.e.org/b.png \"B\").\n\
         <http://e.org/c> [d][ref] [mail](mailto:x@e.org) [page](c.md) [top](#top)\n\n\
         [ref]: https://e.org/d\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let noted: Vec<_> = r
        .externals
        .iter()
        .map(|e| (e.url.as_str(), e.pos.line, e.pos.column))
        .collect();
    // The front matter is three lines; a reference-style link is noted
    // where the link is, its address being elsewhere.
    assert_eq!(
        noted,
        [
            ("https://e.org/a", 4, 9),
            ("//cdn.e.org/b.png", 4, 35),
            ("http://e.org/c", 5, 2),
            ("https://e.org/d", 5, 18),
        ]
    );
    assert_eq!(
        &*r.externals[0].line,
        "See [a](https://e.org/a) and ![b](//cdn.e.org/b.png \"B\")."
    );
}
