//! The table of page kinds is the one place a kind of page is registered:
//! every page of the bundled site belongs to a kind and is in the sitemap,
//! the search index and the JSON-LD exactly as its kind's entry says, and a
//! new kind of page needs nothing but an entry, a view and a template.

use crate::harness::{Site, today};
use salve::BuildOptions;
use salve::kinds::{At, Fixed, KINDS, Kind, Pages};
use salve::output::OutputFile;
use salve::pages::{PageJob, TemplateFailure};
use salve::views::Views;
use std::collections::BTreeMap;
use std::fs;
use std::sync::Mutex;

fn options(site: &Site) -> BuildOptions {
    BuildOptions {
        root: site.root.clone(),
        base_url: None,
        drafts: false,
        today: today(),
        search: true,
    }
}

/// Collects every page with the name of its kind.
#[derive(Default)]
struct Collect(Mutex<BTreeMap<String, (String, String, At)>>);

impl salve::render::Sink for Collect {
    fn keep(&self, _: &str, _: &Kind, _: At, _: u64) -> bool {
        false
    }

    fn may_keep(&self, _: &str) -> bool {
        false
    }

    fn put(&self, file: OutputFile, kind: &Kind, at: At, _: u64) {
        let html = String::from_utf8(file.bytes).unwrap();
        let entry = (kind.name.to_owned(), html, at);
        let old = self.0.lock().unwrap().insert(file.path, entry);
        assert!(old.is_none(), "two pages at one path");
    }
}

/// Renders the linked site with `kinds`: every page by path, with its
/// kind's name and HTML, and the sitemap's text.
fn render(
    site: &Site,
    kinds: &[Kind],
) -> (
    salve::Linked,
    BTreeMap<String, (String, String, At)>,
    String,
) {
    let linked = salve::link_site(&options(site), None, &|_, _| {}).unwrap();
    let pages = Collect::default();
    // Every language of the site (the bundled site has Spanish too).
    for language in linked.sites() {
        salve::render::render(language, &linked.templates, kinds, &pages).unwrap();
    }
    let sites: Vec<salve::link::Site> = linked.sites().into_iter().cloned().collect();
    let feeds = salve::feeds::files(&sites, kinds);
    let sitemap = feeds.iter().find(|f| f.path == "sitemap.xml").unwrap();
    let sitemap = String::from_utf8(sitemap.bytes.clone()).unwrap();
    (linked, pages.0.into_inner().unwrap(), sitemap)
}

/// The `@type` of the first node of a page's JSON-LD.
fn schema_type(html: &str) -> String {
    let start = html.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let json: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    json["@graph"][0]["@type"].as_str().unwrap().to_owned()
}

/// The bundled site with what it does not have yet: standalone pages, one
/// of them an about page (whose schema.org type is its own).
fn bundled_with_pages() -> Site {
    let site = Site::bundled();
    fs::create_dir_all(site.path("pages/policies")).unwrap();
    fs::write(
        site.path("pages/about.md"),
        "+++\ntitle = \"About us\"\nkind = \"about\"\n+++\nWho we are.\n",
    )
    .unwrap();
    fs::write(
        site.path("pages/policies/privacy.md"),
        "+++\ntitle = \"Privacy\"\n+++\nWhat we keep.\n",
    )
    .unwrap();
    site
}

/// The schema.org type page `i` of `kind` says it has: its kind's, unless
/// a standalone page names its own.
fn expected_type(linked: &salve::Linked, kind: &Kind, i: usize) -> &'static str {
    if kind.name == salve::kinds::PAGE.name {
        if let Some(t) = linked.site.pages[i].page_type {
            return t.schema_type();
        }
    }
    kind.schema_type
}

/// Checks one page against its kind's entry.
fn check_page(kind: &Kind, at: At, path: &str, html: &str, sitemap: &str, base: &str) {
    check_page_as(kind, kind.schema_type, at, path, html, sitemap, base);
}

/// [`check_page`] with the page's own schema.org type.
fn check_page_as(
    kind: &Kind,
    schema: &str,
    at: At,
    path: &str,
    html: &str,
    sitemap: &str,
    base: &str,
) {
    let loc = format!("<loc>{base}{}</loc>", path.trim_end_matches("index.html"));
    assert_eq!(
        sitemap.contains(&loc),
        kind.in_sitemap,
        "{path} in the sitemap"
    );
    // Of a list, only the first page is a search result.
    assert_eq!(
        html.contains("data-pagefind-body"),
        kind.in_search && at.page == 0,
        "{path} marked for the search index"
    );
    if schema.is_empty() {
        assert!(!html.contains("application/ld+json"), "{path} has JSON-LD");
    } else {
        assert_eq!(schema_type(html), schema, "{path}'s JSON-LD type");
    }
}

#[test]
fn every_page_of_the_bundled_site_is_as_its_kind_says() {
    let site = bundled_with_pages();
    let pages = every_page_is_as_its_kind_says(&site, true);
    // A standalone page's type is its front matter's kind, else WebPage.
    assert_eq!(schema_type(&pages["about/index.html"].1), "AboutPage");
    assert_eq!(
        schema_type(&pages["policies/privacy/index.html"].1),
        "WebPage"
    );
}

/// The same for a site whose lists run to several pages: each page of a
/// list is a page of its kind, in the sitemap as its kind says.
#[test]
fn every_page_of_every_list_is_as_its_kind_says() {
    let site = Site::fixture("sections");
    every_page_is_as_its_kind_says(&site, false);
    let linked = salve::link_site(&options(&site), None, &|_, _| {}).unwrap();
    for kind in KINDS {
        let pages = kind.pages(&linked.site).count();
        if kind.list.is_some() && kind.count(&linked.site) > 0 {
            assert!(
                pages > kind.count(&linked.site),
                "{}: no list runs to page 2",
                kind.name
            );
        } else {
            assert_eq!(pages, kind.count(&linked.site), "{}", kind.name);
        }
    }
}

/// Checks every page of `site` against its kind's entry (and, with
/// `every_kind`, that the site has a page of each kind); returns the pages.
fn every_page_is_as_its_kind_says(
    site: &Site,
    every_kind: bool,
) -> BTreeMap<String, (String, String, At)> {
    let (linked, pages, sitemap) = render(site, KINDS);
    let base = &linked.site.base.full;
    for kind in KINDS {
        assert!(
            !every_kind || kind.count(&linked.site) > 0,
            "the bundled site has no {} page",
            kind.name
        );
        for at in kind.pages(&linked.site) {
            let path = kind.output(&linked.site, at);
            let (name, html, made_at) = &pages[&path];
            assert_eq!((name.as_str(), *made_at), (kind.name, at), "{path}");
            let schema = expected_type(&linked, kind, at.item);
            check_page_as(kind, schema, at, &path, html, &sitemap, base);
        }
    }
    let made: usize = linked
        .sites()
        .iter()
        .flat_map(|s| KINDS.iter().map(|k| k.pages(s).count()))
        .sum();
    assert_eq!(pages.len(), made, "a page of no kind");
    // And a real build writes no HTML page that has no kind.
    site.build(&["--no-search"]);
    let written: Vec<String> = crate::harness::snapshot(&site.path("public"))
        .into_keys()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p.ends_with(".html"))
        .collect();
    for path in &written {
        assert!(
            pages.contains_key(path),
            "{path} was written but has no kind"
        );
    }
    assert_eq!(written.len(), pages.len());
    // The feed carries the newest pages of the kinds in it: articles.
    let feed = fs::read_to_string(site.path("public/feed.xml")).unwrap();
    let newest = &linked.site.articles[0];
    assert!(feed.contains(&format!("<id>{base}{}</id>", newest.path)));
    pages
}

#[test]
fn rendering_leaves_the_linked_site_as_it_was() {
    let site = Site::bundled();
    let linked = salve::link_site(&options(&site), None, &|_, _| {}).unwrap();
    let before: Vec<String> = linked
        .site
        .articles
        .iter()
        .map(|a| a.body.html.clone())
        .collect();
    let pages = Collect::default();
    salve::render::render(&linked.site, &linked.templates, KINDS, &pages).unwrap();
    let after: Vec<&String> = linked.site.articles.iter().map(|a| &a.body.html).collect();
    assert!(before.iter().all(|b| !b.is_empty()));
    assert!(before.iter().eq(after), "render changed the bodies");
    // `check` hands the whole site to the lints, bodies and all.
    let checked = salve::check(&options(&site)).unwrap();
    assert!(
        checked
            .site
            .articles
            .iter()
            .all(|a| !a.body.html.is_empty())
    );
}

/// A kind of page added by a site's own table: a colophon (how the site is made).
const COLOPHON: Kind = Kind {
    name: "colophon",
    template: "colophon.html",
    pages: Pages::One(Fixed {
        path: "colophon/",
        title: "Colophon",
        description: "How this site is made and published.",
        only_if: None,
    }),
    in_sitemap: true,
    feed: None,
    in_search: false,
    schema_type: "WebPage",
    parent: None,
    list: None,
    view: colophon,
};

/// The colophon's view: nothing beyond what every page of one kind gets.
fn colophon(views: &Views<'_>, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
    views.fixed(kind, at)
}

#[test]
fn a_new_kind_of_page_is_one_entry_one_view_and_one_template() {
    let site = Site::bundled();
    fs::write(
        site.path("templates/colophon.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>{% endblock %}",
    )
    .unwrap();
    let mut kinds: Vec<Kind> = KINDS.to_vec();
    kinds.push(COLOPHON);
    let (linked, pages, sitemap) = render(&site, &kinds);
    let (name, html, at) = &pages["colophon/index.html"];
    assert_eq!(name, "colophon");
    assert!(html.contains("<h1>Colophon</h1>"), "{html}");
    check_page(
        &COLOPHON,
        *at,
        "colophon/index.html",
        html,
        &sitemap,
        &linked.site.base.full,
    );
    assert!(html.contains(r#""name":"Colophon""#), "{html}");
}
