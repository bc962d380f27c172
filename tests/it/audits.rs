//! What Lighthouse's SEO, accessibility and best-practices audits look for in
//! the HTML, checked on every page of the bundled site (the browser suite
//! runs Lighthouse itself on five of them): the HTML5 doctype (no quirks
//! mode), a language, a charset, a viewport, a title and a description on every indexable page, headings
//! that never skip a level, and images with a text alternative.

use crate::crawl::pages;
use crate::harness::Site;
use scraper::{Html, Selector};

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// The problems Lighthouse would report on one page, one line each.
fn audit(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    let attr = |css: &str, name: &str| {
        doc.select(&sel(css))
            .next()
            .and_then(|e| e.value().attr(name).map(str::to_owned))
    };
    if attr("html", "lang").is_none_or(|l| l.trim().is_empty()) {
        out.push("no <html lang>".to_owned());
    }
    if attr("head > meta[charset]", "charset").is_none_or(|c| !c.eq_ignore_ascii_case("utf-8")) {
        out.push("no <meta charset=\"utf-8\">".to_owned());
    }
    if attr("meta[name=viewport]", "content").is_none_or(|c| !c.contains("width=device-width")) {
        out.push("no viewport".to_owned());
    }
    let title = doc.select(&sel("head > title")).next();
    if title.is_none_or(|t| t.text().collect::<String>().trim().is_empty()) {
        out.push("no <title>".to_owned());
    }
    let noindex = attr("meta[name=robots]", "content").is_some_and(|c| c.contains("noindex"));
    if !noindex && attr("meta[name=description]", "content").is_none_or(|d| d.trim().is_empty()) {
        out.push("no <meta name=\"description\">".to_owned());
    }
    let mut previous = 0;
    for h in doc.select(&sel("h1, h2, h3, h4, h5, h6")) {
        let level = h.value().name()[1..].parse::<u32>().unwrap();
        if previous > 0 && level > previous + 1 {
            let text = h.text().next().unwrap_or_default();
            out.push(format!(
                "<h{level}> “{}” after <h{previous}>: a heading level skipped",
                text.trim()
            ));
        }
        previous = level;
    }
    for img in doc.select(&sel("img")) {
        if img.value().attr("alt").is_none() {
            out.push(format!("<img> without alt: {}", img.html()));
        }
    }
    out
}

#[test]
fn every_page_of_the_bundled_site_has_what_lighthouse_looks_for() {
    let site = Site::bundled();
    let run = site.build(&[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    // Its Markdown, too, keeps every heading in step.
    assert!(!run.stderr().contains("heading-skip"), "{}", run.stderr());
    let mut problems = Vec::new();
    let all = pages(&site);
    for page in &all {
        let rel = page.to_string_lossy();
        let html = site.page(&rel);
        if !html
            .get(..15)
            .is_some_and(|s| s.eq_ignore_ascii_case("<!doctype html>"))
        {
            problems.push(format!("{rel}: does not start with <!doctype html>"));
        }
        let doc = Html::parse_document(&html);
        problems.extend(audit(&doc).into_iter().map(|p| format!("{rel}: {p}")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(all.len() > 40);
}

#[test]
fn pages_without_a_written_description_get_one() {
    let site = Site::bundled();
    let run = site.build(&[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let description = |rel: &str| {
        let doc = Html::parse_document(&site.page(rel));
        doc.select(&sel("meta[name=description]"))
            .next()
            .and_then(|e| e.value().attr("content").map(str::to_owned))
    };
    // A cause and a treatment without an overview page, a section without
    // an _index.md, a tag, and the 404 page.
    for (rel, expected) in [
        (
            "causes/flat-feet/index.html",
            "Flat feet: what our articles say about it, and what helps.",
        ),
        (
            "treatments/ice/index.html",
            "Ice: what it is used for, and the articles that recommend it.",
        ),
        (
            "articles/head/index.html",
            "Every article in Head, newest first.",
        ),
        (
            "tags/running/index.html",
            "Every article tagged “running”, newest first.",
        ),
        (
            "404.html",
            "The page may have moved, or the link may have a typo.",
        ),
    ] {
        assert_eq!(description(rel).as_deref(), Some(expected), "{rel}");
    }
    // A written description is kept.
    assert_eq!(
        description("causes/dehydration/index.html").as_deref(),
        Some(
            "Dehydration means your body has less water than it needs. It can cause headaches, muscle cramps and tired, achy legs."
        )
    );
}
