//! What search engines, feed readers and crawlers read: JSON-LD, Open Graph,
//! the sitemap and the Atom feed; and which articles are published.

use crate::crawl::pages;
use crate::harness::{FrontMatter, Site};
use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::BTreeSet;

/// The schema.org properties each type may use here (checked against
/// schema.org's definitions of the type and its parents). A property outside
/// this list fails the test: add it only after checking schema.org.
const ALLOWED: &[(&str, &[&str])] = &[
    (
        "MedicalWebPage",
        &[
            "@id",
            "url",
            "headline",
            "name",
            "description",
            "datePublished",
            "dateModified",
            "lastReviewed",
            "reviewedBy",
            "author",
            "publisher",
            "image",
            "about",
            "citation",
            "inLanguage",
            "breadcrumb",
        ],
    ),
    (
        "MedicalCondition",
        &["name", "url", "description", "possibleTreatment"],
    ),
    ("MedicalTherapy", &["name", "url", "description"]),
    (
        "Person",
        &["name", "url", "jobTitle", "description", "image", "sameAs"],
    ),
    ("Organization", &["name", "url"]),
    ("ImageObject", &["url", "caption", "creditText"]),
    ("CreativeWork", &["name", "url", "publisher"]),
    ("BreadcrumbList", &["itemListElement"]),
    ("ListItem", &["position", "name", "item"]),
    (
        "WebSite",
        &["name", "url", "description", "inLanguage", "publisher"],
    ),
    (
        "CollectionPage",
        &["name", "url", "description", "inLanguage"],
    ),
    ("WebPage", STANDALONE),
    ("AboutPage", STANDALONE),
    ("ContactPage", STANDALONE),
    ("ItemList", &["itemListElement"]),
];

/// The properties of a `WebPage` and its kinds (all `CreativeWork`'s).
const STANDALONE: &[&str] = &[
    "name",
    "url",
    "description",
    "dateModified",
    "inLanguage",
    "publisher",
    "mainEntity",
];

fn jsonld(html: &str) -> Value {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("script[type='application/ld+json']").unwrap();
    let scripts: Vec<_> = doc.select(&sel).collect();
    assert_eq!(scripts.len(), 1, "one JSON-LD script per page");
    let doc: Value =
        serde_json::from_str(&scripts[0].text().collect::<String>()).expect("JSON-LD parses");
    assert_eq!(doc["@context"], "https://schema.org");
    doc
}

/// Checks every node's properties against [`ALLOWED`]; returns the types seen.
fn check_types(v: &Value, seen: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(t)) = map.get("@type") {
                let allowed = ALLOWED
                    .iter()
                    .find(|(name, _)| name == t)
                    .unwrap_or_else(|| panic!("unexpected @type {t}"))
                    .1;
                for key in map.keys().filter(|k| *k != "@type") {
                    assert!(
                        allowed.contains(&key.as_str()),
                        "{t} has no property `{key}` in schema.org"
                    );
                }
                seen.push(t.clone());
            }
            map.values().for_each(|v| check_types(v, seen));
        }
        Value::Array(items) => items.iter().for_each(|v| check_types(v, seen)),
        _ => {}
    }
}

#[test]
fn every_page_has_valid_json_ld_of_its_kind() {
    let site = Site::bundled();
    std::fs::create_dir_all(site.path("pages")).unwrap();
    std::fs::write(
        site.path("pages/about.md"),
        "+++\ntitle = \"About\"\ndescription = \"Us.\"\nkind = \"about\"\nupdated = 2025-01-01\n+++\nUs.\n",
    )
    .unwrap();
    std::fs::write(
        site.path("pages/contact.md"),
        "+++\ntitle = \"Contact\"\nkind = \"contact\"\n+++\nWrite.\n",
    )
    .unwrap();
    site.build(&[]);
    for page in pages(&site) {
        let html = std::fs::read_to_string(site.path("public").join(&page)).unwrap();
        if html.contains(r#"<meta name="robots" content="noindex">"#) {
            // A redirect page (an alias) is no page of its own.
            assert!(!html.contains("application/ld+json"), "{}", page.display());
            continue;
        }
        let doc = jsonld(&html);
        let mut seen = Vec::new();
        check_types(&doc, &mut seen);
        let p = page.to_string_lossy();
        let main = doc["@graph"][0]["@type"].as_str().unwrap();
        // The Spanish pages are of the same types as the English.
        let expected = match p.strip_prefix("es/").unwrap_or(&p) {
            "index.html" => "WebSite",
            "causes/index.html" | "treatments/index.html" => "CollectionPage",
            // Every article and tag list; the bundled site's articles are
            // in folders, so `articles/<folder>/` is a section.
            "articles/index.html" | "articles/page/2/index.html" => "CollectionPage",
            p if p.starts_with("tags/") => "CollectionPage",
            p if p.starts_with("articles/") && p.matches('/').count() == 2 => "CollectionPage",
            "404.html"
            | "tools/calorie-goal/index.html"
            | "search/index.html"
            | "reviewers/index.html"
            | "editorial-policy/index.html" => "WebPage",
            "about/index.html" => "AboutPage",
            "contact/index.html" => "ContactPage",
            p if p.starts_with("articles/") => "MedicalWebPage",
            p if p.starts_with("causes/") => "MedicalCondition",
            p if p.starts_with("treatments/") => "MedicalTherapy",
            p if p.starts_with("authors/") => "Person",
            p => panic!("unexpected page {p}"),
        };
        assert_eq!(main, expected, "{p}");
        assert!(
            seen.contains(&"BreadcrumbList".to_owned()),
            "{p} has no BreadcrumbList"
        );
    }
}

#[test]
fn article_json_ld_has_every_property_search_engines_use() {
    let site = Site::bundled();
    site.build(&[]);
    let doc = jsonld(&site.page("articles/legs/leg-aches-after-exercise/index.html"));
    let page = &doc["@graph"][0];
    let url = "https://health.salve-example.org/articles/legs/leg-aches-after-exercise/";
    assert_eq!(page["url"], url);
    assert_eq!(page["headline"], "What causes leg aches after exercise");
    assert_eq!(page["datePublished"], "2024-03-02");
    assert_eq!(page["dateModified"], "2026-03-18");
    assert_eq!(page["lastReviewed"], "2026-03-12");
    assert_eq!(page["reviewedBy"]["name"], "Dr. Ana Ruiz");
    assert_eq!(
        page["author"]["url"],
        "https://health.salve-example.org/authors/brenda-barron/"
    );
    assert_eq!(page["publisher"]["name"], "Salve Health Media");
    assert_eq!(page["image"]["url"], format!("{url}leg-aches.svg"));
    assert_eq!(
        page["image"]["creditText"],
        "Salve Health studio/Ines Moreau"
    );
    assert_eq!(page["about"][0]["@type"], "MedicalCondition");
    assert!(
        page["about"][0]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://health.salve-example.org/causes/")
    );
    assert!(!page["citation"].as_array().unwrap().is_empty());
    assert_eq!(page["inLanguage"], "en");
    let crumbs = page["breadcrumb"]["itemListElement"].as_array().unwrap();
    assert_eq!(crumbs.last().unwrap()["item"], url);
    let cause = jsonld(&site.page("causes/overuse/index.html"));
    let therapies = cause["@graph"][0]["possibleTreatment"].as_array().unwrap();
    assert!(
        therapies
            .iter()
            .all(|t| t["@type"] == "MedicalTherapy" && t["url"].is_string())
    );
}

#[test]
fn sitemap_and_feed_parse_and_list_exactly_the_published_pages() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let sitemap = site.page("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap is XML");
    let locs: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_owned())
        .collect();
    // Every page but 404.html and those kept out of search engines (the
    // calculator's form file).
    let expected: BTreeSet<String> = pages(&site)
        .into_iter()
        .filter(|p| p.to_str() != Some("404.html"))
        .filter(|p| {
            !std::fs::read_to_string(site.path("public").join(p))
                .unwrap()
                .contains(r#"<meta name="robots" content="noindex">"#)
        })
        .map(|p| {
            format!(
                "https://fixture.example.org/{}",
                p.to_string_lossy().trim_end_matches("index.html")
            )
        })
        .collect();
    assert_eq!(locs, expected);
    assert!(
        doc.descendants()
            .filter(|n| n.has_tag_name("url"))
            .all(|u| u.children().any(|c| c.has_tag_name("lastmod")))
    );

    let feed = site.page("feed.xml");
    let doc = roxmltree::Document::parse(&feed).expect("feed is XML");
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            e.children()
                .find(|c| c.has_tag_name("title"))
                .unwrap()
                .text()
                .unwrap()
        })
        .collect();
    assert_eq!(
        titles,
        [
            "Night cramps",
            "Calf pain after running",
            "Knee pain on stairs"
        ]
    );
    let content = doc
        .descendants()
        .find(|n| n.has_tag_name("content"))
        .unwrap();
    assert!(
        content
            .text()
            .unwrap()
            .contains("<h2 id=\"strained-calf\">")
    );
    assert_eq!(
        site.page("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://fixture.example.org/sitemap.xml\n"
    );
}

#[test]
fn a_sub_path_base_url_gives_right_absolute_urls() {
    let site = Site::fixture("basic");
    site.build(&["--base-url", "https://example.org/health"]);
    let page = Html::parse_document(&site.page("articles/legs/calf-pain/index.html"));
    let attr = |css: &str, name: &str| {
        page.select(&Selector::parse(css).unwrap())
            .next()
            .unwrap()
            .value()
            .attr(name)
            .unwrap()
            .to_owned()
    };
    let url = "https://example.org/health/articles/legs/calf-pain/";
    assert_eq!(attr("link[rel=canonical]", "href"), url);
    assert_eq!(attr("meta[property='og:url']", "content"), url);
    // The SVG photo, drawn as a PNG beside it.
    let image = attr("meta[property='og:image']", "content");
    assert!(
        image.starts_with(&format!("{url}calf-")) && image.ends_with("-share.png"),
        "{image}"
    );
    assert_eq!(
        attr("meta[property='article:author']", "content"),
        "https://example.org/health/authors/ana/"
    );
    assert_eq!(attr("html", "lang"), "en");
    let sitemap = site.page("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    assert!(
        doc.descendants()
            .filter(|n| n.has_tag_name("loc"))
            .all(|n| n.text().unwrap().starts_with("https://example.org/health/"))
    );
    assert!(
        site.page("robots.txt")
            .ends_with("Sitemap: https://example.org/health/sitemap.xml\n")
    );
    let feed = site.page("feed.xml");
    assert!(feed.contains("xml:base=\"https://example.org/health/\""));
    assert!(feed.contains("&lt;a href=&quot;/health/articles/legs/cramps/&quot;&gt;"));
}

#[test]
fn urgency_levels_render_their_headings() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let heading = |page: &str, level: &str| {
        let doc = Html::parse_document(&site.page(page));
        let sel = Selector::parse(&format!(".callout-{level} .callout-title")).unwrap();
        doc.select(&sel)
            .map(|e| e.text().collect::<String>())
            .next()
            .unwrap_or_default()
    };
    assert_eq!(
        heading("articles/legs/calf-pain/index.html", "see-doctor"),
        "i See a doctor"
    );
    assert_eq!(
        heading("causes/runners-knee/index.html", "urgent"),
        "! Get medical help today"
    );
    assert_eq!(
        heading("articles/legs/cramps/index.html", "emergency"),
        "!! Call emergency services now"
    );
    assert!(
        site.page("causes/dehydration/index.html")
            .contains("call <strong>911</strong>")
    );
    // GitHub-style alerts use the same callout component.
    assert!(site.page("articles/knee/index.html").contains("<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>"));
}

#[test]
fn drafts_and_future_articles_wait_for_drafts_and_expired_ones_go() {
    let site = Site::fixture("basic");
    site.build(&[]);
    for gone in ["draft", "future", "expired"] {
        assert!(
            !site.path(&format!("public/articles/{gone}")).exists(),
            "{gone}"
        );
    }
    assert!(!site.page("sitemap.xml").contains("/future/"));
    site.build(&["--drafts"]);
    assert!(site.path("public/articles/draft/index.html").is_file());
    assert!(site.path("public/articles/future/index.html").is_file());
    assert!(!site.path("public/articles/expired").exists());
    assert!(site.page("feed.xml").contains("Coming next year"));
}

#[test]
fn review_dates_show_and_overdue_reviews_warn() {
    let site = Site::fixture("basic");
    let run = site.build(&[]);
    let page = site.page("articles/legs/calf-pain/index.html");
    assert!(
        page.contains("Next review due <time datetime=\"2027-06-01\">1 June 2027</time>"),
        "{page}"
    );
    assert!(!run.stderr().contains("review-overdue"));
    site.replace(
        "site.toml",
        "publisher =",
        "review_interval_days = 90\npublisher =",
    );
    let run = site.build(&[]);
    assert!(run.stderr().contains(
        "warning[review-overdue]: the medical review is overdue: it was due on 30 August 2026\n --> articles/legs/calf-pain.md:5:12\n"
    ), "{}", run.stderr());
}

#[test]
fn hostile_text_is_escaped_in_html_feed_sitemap_and_json_ld() {
    let site = Site::fixture("basic");
    site.replace(
        "site.toml",
        "title = \"Fixture Health\"",
        "title = \"Fish & <Chips> \\\"Health\\\"\"",
    );
    FrontMatter::new("</script><script>alert(1)</script> \"quoted\" & more")
        .string("description", "<img src=x onerror=alert(2)> 'single'")
        .date("2025-06-01")
        .field("tags", r#"["<b>tag</b>"]"#)
        .tables(
            r#"[photo]
src = "legs/calf.svg"
alt = "\"><script>alert(3)</script>"
"#,
        )
        .write(
            &site,
            "articles/hostile.md",
            r#"Text with a [link](https://example.org "a \"title\" <script>").

```<script>
code
```
"#,
        );
    // The photo lives next to another article: reference it from static instead.
    std::fs::create_dir_all(site.path("static/legs")).unwrap();
    std::fs::copy(
        site.path("articles/legs/calf.svg"),
        site.path("static/legs/calf.svg"),
    )
    .unwrap();
    site.build(&[]);
    let html = site.page("articles/hostile/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(!html.contains("<b>tag</b>"));
    let doc = jsonld(&html);
    assert_eq!(
        doc["@graph"][0]["headline"],
        "</script><script>alert(1)</script> \"quoted\" & more"
    );
    let feed = site.page("feed.xml");
    let parsed = roxmltree::Document::parse(&feed).expect("the feed stays valid XML");
    let title = parsed
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .unwrap()
        .text()
        .unwrap();
    assert_eq!(title, "Fish & <Chips> \"Health\"");
    roxmltree::Document::parse(&site.page("sitemap.xml")).expect("the sitemap stays valid XML");
    let home = site.page("index.html");
    assert!(home.contains("Fish &amp; &lt;Chips&gt;"), "{home}");
}
