//! Every internal link of a built site resolves: each `href` and `src` names
//! a file in the output, and each `#fragment` an element id on that page.

use crate::harness::{Site, snapshot};
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Crawls `public/` of `site`, whose pages are served under `base` (a full
/// URL ending in `/`). Returns the problems found, one line each.
pub fn crawl(site: &Site, base: &str) -> Vec<String> {
    let out = site.path("public");
    let files = snapshot(&out);
    let base_path = base
        .splitn(4, '/')
        .nth(3)
        .map_or("/".to_owned(), |p| format!("/{p}"));
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut links: Vec<(PathBuf, String)> = Vec::new();
    let id_sel = Selector::parse("[id]").unwrap();
    // `data-cg-form`: the calculator card's form, which its script fetches.
    let link_sel = Selector::parse("a[href], link[href], img[src], script[src], meta[property='og:url'], meta[property='og:image'], [data-cg-form]").unwrap();
    for (path, bytes) in &files {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        ids.insert(
            path.clone(),
            doc.select(&id_sel)
                .filter_map(|e| e.value().id().map(str::to_owned))
                .collect(),
        );
        for e in doc.select(&link_sel) {
            let v = e.value();
            let url = v
                .attr("href")
                .or(v.attr("src"))
                .or(v.attr("content"))
                .or(v.attr("data-cg-form"))
                .unwrap();
            links.push((path.clone(), url.to_owned()));
        }
    }
    let mut problems = Vec::new();
    for (page, url) in links {
        // An absolute URL of this site (canonical, og:url) counts as internal.
        let url = match url.strip_prefix(base) {
            Some(rest) => format!("{base_path}{rest}"),
            None => url,
        };
        if url.contains("://") || url.starts_with("mailto:") || url.starts_with("tel:") {
            continue;
        }
        let (path_part, fragment) = match url.split_once('#') {
            Some((p, f)) => (p.to_owned(), Some(f.to_owned())),
            None => (url.clone(), None),
        };
        let path_part = path_part.split('?').next().unwrap_or_default().to_owned();
        let target = if path_part.is_empty() {
            page.clone()
        } else if let Some(rel) = path_part.strip_prefix(&base_path) {
            let decoded = percent_decode(rel);
            if decoded.is_empty() || decoded.ends_with('/') {
                PathBuf::from(format!("{decoded}index.html"))
            } else {
                PathBuf::from(decoded)
            }
        } else {
            problems.push(format!(
                "{}: {url} is outside the site's base path {base_path}",
                page.display()
            ));
            continue;
        };
        if !files.contains_key(&target) {
            problems.push(format!(
                "{}: {url} → missing {}",
                page.display(),
                target.display()
            ));
            continue;
        }
        if let Some(f) = fragment {
            if !ids
                .get(&target)
                .is_some_and(|set| set.contains(&percent_decode(&f)))
            {
                problems.push(format!(
                    "{}: {url} → no id `{f}` in {}",
                    page.display(),
                    target.display()
                ));
            }
        }
    }
    problems
}

fn percent_decode(s: &str) -> String {
    salve::paths::percent_decode(s)
}

/// Every HTML page of the output, relative to it.
pub fn pages(site: &Site) -> Vec<PathBuf> {
    snapshot(&site.path("public"))
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

#[test]
fn every_link_of_the_bundled_site_resolves() {
    let site = Site::bundled();
    site.build(&[]);
    let problems = crawl(&site, "https://health.salve-example.org/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(pages(&site).len() > 40);
}

#[test]
fn every_link_works_under_a_sub_path() {
    let site = Site::bundled();
    site.build(&["--base-url", "https://example.org/health/"]);
    let problems = crawl(&site, "https://example.org/health/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let home = site.page("index.html");
    assert!(home.contains("href=\"/health/css/salve.css\""));
    assert!(home.contains("<link rel=\"canonical\" href=\"https://example.org/health/\">"));
    let article = site.page("articles/legs/shin-splints/index.html");
    assert!(article.contains("href=\"https://example.org/health/articles/legs/shin-splints/\""));
}

#[test]
fn every_link_of_the_fixture_resolves_without_site_templates() {
    let site = Site::fixture("basic");
    assert!(!Path::new(&site.path("templates")).exists());
    site.build(&[]);
    let problems = crawl(&site, "https://fixture.example.org/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
