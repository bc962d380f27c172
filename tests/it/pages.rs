//! Standalone pages (`pages/`), the medical reviewers page, menus from
//! site.toml, and the hooks a site's templates get (`partials/head-extra.html`,
//! `partials/body-end.html`, `[extra]`). The site is the `basic` fixture with
//! `tests/fixtures/pages` laid over it.

use crate::crawl::crawl;
use crate::harness::{FrontMatter, Site, repo};
use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::fs;

fn site() -> Site {
    let fixtures = repo().join("tests/fixtures");
    Site::from_dirs(&[fixtures.join("basic"), fixtures.join("pages")])
}

/// The `<a>` elements of a page's main menu, as written.
fn main_menu(html: &str) -> &str {
    let start = html.find("<nav class=\"site-nav\"").expect("a main menu");
    &html[start..start + html[start..].find("</nav>").unwrap()]
}

/// The footer's text, as written.
fn footer(html: &str) -> &str {
    let start = html.find("<footer").expect("a footer");
    &html[start..]
}

#[test]
fn a_standalone_page_has_a_title_and_body_and_nothing_of_an_article() {
    let site = site();
    let run = site.build(&[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let about = site.page("about/index.html");
    assert!(
        about
            .contains("<h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"10\">About us</h1>"),
        "{about}"
    );
    assert!(about.contains("<p class=\"lede\">Who writes this site.</p>"));
    assert!(about.contains("<h2 id=\"who-we-are\">"), "{about}");
    // Its links to an article's and a page's Markdown are their URLs, and
    // a file beside it is copied beside its page.
    assert!(about.contains("href=\"/articles/legs/calf-pain/\""));
    assert!(about.contains("href=\"/policies/privacy/#cookies\""));
    assert!(site.path("public/about/team.svg").is_file());
    for absent in [
        "class=\"byline\"",
        "Medically reviewed",
        "cg-form",
        "You might also like",
        "Medical disclaimer",
    ] {
        assert!(!about.contains(absent), "about/ has {absent}");
    }
    assert!(about.contains("data-pagefind-body data-pagefind-filter=\"kind:Page\""));
    assert!(about.contains("\"@type\":\"AboutPage\""), "{about}");
    // A page in a sub-folder, linking back; an article linking to a page.
    let privacy = site.page("policies/privacy/index.html");
    assert!(privacy.contains("href=\"/about/#who-we-are\""), "{privacy}");
    assert!(privacy.contains("\"@type\":\"WebPage\""));
    let article = site.page("articles/legs/about-link/index.html");
    assert!(article.contains("href=\"/about/#who-we-are\""));
    // In the sitemap (with its last change), not in the feed or the
    // home page's latest articles; a draft is left out.
    let sitemap = site.page("sitemap.xml");
    assert!(
        sitemap.contains(
            "<url><loc>https://fixture.example.org/about/</loc><lastmod>2025-02-01</lastmod></url>"
        ),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://fixture.example.org/policies/privacy/</loc>"));
    let feed = site.page("feed.xml");
    assert!(feed.contains("<id>https://fixture.example.org/articles/legs/about-link/</id>"));
    assert!(!feed.contains("<id>https://fixture.example.org/about/</id>"));
    assert!(
        !site
            .page("index.html")
            .contains("<a href=\"/about/\">About us</a></h3>")
    );
    assert!(!site.path("public/unfinished").exists());
    assert!(!sitemap.contains("unfinished"));
    site.build(&["--drafts"]);
    assert!(site.path("public/unfinished/index.html").is_file());
}

#[test]
fn every_link_of_a_site_with_pages_resolves_also_under_a_sub_path() {
    let site = site();
    site.build(&[]);
    let problems = crawl(&site, "https://fixture.example.org/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    site.build(&["--base-url", "https://example.org/health/"]);
    let problems = crawl(&site, "https://example.org/health/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Menus are the base path plus the path written.
    let menu = main_menu(&site.page("about/index.html")).to_owned();
    assert!(menu.contains("href=\"/health/causes/\""), "{menu}");
    assert!(
        menu.contains("href=\"/health/policies/privacy/#cookies\""),
        "{menu}"
    );
    assert!(
        menu.contains("href=\"https://example.org/elsewhere\""),
        "{menu}"
    );
    assert!(footer(&site.page("about/index.html")).contains("href=\"/health/\""));
}

#[test]
fn the_menus_are_site_tomls_with_the_current_page_marked() {
    let site = site();
    site.build(&[]);
    let about = site.page("about/index.html");
    assert_eq!(
        main_menu(&about)
            .lines()
            .filter(|l| l.contains("<li>"))
            .map(str::trim)
            .collect::<Vec<_>>(),
        [
            "<li><a href=\"/causes/\">Causes</a></li>",
            "<li><a href=\"/about/\" aria-current=\"page\">About us</a></li>",
            "<li><a href=\"/policies/privacy/#cookies\">Cookies</a></li>",
            "<li><a href=\"https://example.org/elsewhere\">Elsewhere</a></li>",
        ]
    );
    // An entry is current on its page and on the pages under it, as the
    // causes index on a cause's page; only one entry is.
    let cause = site.page("causes/strained-calf/index.html");
    assert!(main_menu(&cause).contains("<a href=\"/causes/\" aria-current=\"page\">Causes</a>"));
    assert_eq!(main_menu(&cause).matches("aria-current").count(), 1);
    let privacy = site.page("policies/privacy/index.html");
    assert!(
        main_menu(&privacy)
            .contains("<a href=\"/policies/privacy/#cookies\" aria-current=\"page\">")
    );
    let reviewers = site.page("reviewers/index.html");
    assert!(
        footer(&reviewers)
            .contains("<a href=\"/reviewers/\" aria-current=\"page\">Medical reviewers</a>")
    );
    assert!(!main_menu(&site.page("index.html")).contains("aria-current"));
    assert!(
        footer(&site.page("index.html")).contains("<a href=\"/\" aria-current=\"page\">Home</a>")
    );
}

#[test]
fn without_menus_the_defaults_are_as_before() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let cause = site.page("causes/strained-calf/index.html");
    let menu = main_menu(&cause);
    for item in [
        "<a href=\"/causes/\" aria-current=\"page\">Causes A–Z</a>",
        "<a href=\"/treatments/\">Treatments A–Z</a>",
        "<a href=\"/search/\">Search</a>",
        "<a href=\"/tools/calorie-goal/\">Calorie calculator</a>",
    ] {
        assert!(menu.contains(item), "{item} in {menu}");
    }
    assert!(
        main_menu(&site.page("treatments/rest/index.html"))
            .contains("<a href=\"/treatments/\" aria-current=\"page\">")
    );
    let footer_items: Vec<&str> = footer(&cause)
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<li>"))
        .collect();
    assert_eq!(
        footer_items,
        [
            "<li><a href=\"/causes/\" aria-current=\"page\">Causes A–Z</a></li>",
            "<li><a href=\"/treatments/\">Treatments A–Z</a></li>",
            "<li><a href=\"/reviewers/\">Medical reviewers</a></li>",
        ]
    );
}

#[test]
fn without_the_calculator_there_is_no_calculator_page_or_menu_entry() {
    let site = Site::fixture("basic");
    // The fixture turns it on; a site without the key has it off.
    site.replace("site.toml", "calculator = true\n", "");
    site.build(&[]);
    assert!(!site.path("public/tools").exists());
    assert!(!site.page("sitemap.xml").contains("calorie-goal"));
    let home = site.page("index.html");
    assert!(!home.contains("calorie-goal"), "{home}");
    assert!(main_menu(&home).contains("Search"));
    // An article that shows it turns the page back on.
    site.replace(
        "articles/knee.md",
        "author = \"ana\"",
        "author = \"ana\"\ncalculator = true",
    );
    site.build(&[]);
    assert!(site.path("public/tools/calorie-goal/index.html").is_file());
    assert!(
        main_menu(&site.page("index.html"))
            .contains("<a href=\"/tools/calorie-goal/\">Calorie calculator</a>")
    );
}

/// The `id`s of a document's elements.
fn ids(doc: &Html) -> BTreeSet<String> {
    doc.select(&Selector::parse("[id]").unwrap())
        .filter_map(|e| e.value().id().map(str::to_owned))
        .collect()
}

/// Beside an article the calculator is a card: a heading, a sentence and a
/// link to the calculator page, naming the one file with the form that its
/// script loads into it. No article carries the form; that file and the
/// calculator page have it, from the same partial.
#[test]
fn an_article_has_a_calculator_card_and_the_form_is_one_file_they_share() {
    let site = Site::fixture("basic");
    site.build(&["--no-search"]);
    let file = site.page("tools/calorie-goal/form.html");
    let form = &file[file.find("<form").unwrap()..file.find("</form>").unwrap()];
    assert!(form.contains("class=\"calorie-goal\""), "{file}");
    assert!(
        site.page("tools/calorie-goal/index.html").contains(form),
        "the calculator page has the same form"
    );
    // A document of its own, kept out of search engines and the sitemap,
    // with no heading of its own: the card's stays the only one.
    let fragment = Html::parse_document(&file);
    assert!(file.starts_with("<!doctype html>"), "{file}");
    assert!(file.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(!file.contains("application/ld+json"));
    assert!(!site.page("sitemap.xml").contains("form.html"));
    let headings = Selector::parse("body h1, body h2, body h3, body h4").unwrap();
    assert_eq!(fragment.select(&headings).count(), 0, "{file}");
    // Every control has a label, and every label its control.
    let form_ids = ids(&fragment);
    for label in fragment.select(&Selector::parse("label").unwrap()) {
        let target = label
            .value()
            .attr("for")
            .expect("a label names its control");
        assert!(form_ids.contains(target), "no control #{target}");
    }
    let controls = Selector::parse("input, select").unwrap();
    for control in fragment.select(&controls) {
        let id = control.value().id().expect("a control has an id");
        assert!(
            file.contains(&format!("<label for=\"{id}\">")),
            "#{id} has no label"
        );
    }
    for article in [
        "articles/legs/calf-pain/index.html",
        "articles/legs/cramps/index.html",
        "articles/knee/index.html",
    ] {
        let html = site.page(article);
        assert!(!html.contains("<form"), "{article} carries a form");
        assert!(
            !html.contains("Mifflin"),
            "{article} carries the form's text"
        );
        let doc = Html::parse_document(&html);
        let cards: Vec<_> = doc
            .select(&Selector::parse("aside [data-cg-card]").unwrap())
            .collect();
        assert_eq!(cards.len(), 1, "{article}");
        let card = cards[0];
        assert_eq!(
            card.value().attr("data-cg-form"),
            Some("/tools/calorie-goal/form.html")
        );
        let heading = card.select(&Selector::parse("h2").unwrap()).next();
        assert_eq!(
            heading.map(|h| h.text().collect::<String>()),
            Some("Work out your daily calories".to_owned())
        );
        assert!(
            card.inner_html().contains(
                "<a href=\"/tools/calorie-goal/\">Open the calorie calculator on its own page</a>"
            ),
            "{article}"
        );
        assert!(card.inner_html().contains("data-cg-placeholder"));
        assert!(html.contains("<script type=\"module\" src=\"/js/calorie-goal.js\"></script>"));
        // Put in the card, the form's ids are still unique on the page.
        let clash: Vec<_> = ids(&doc).intersection(&form_ids).cloned().collect();
        assert!(clash.is_empty(), "{article} already has {clash:?}");
    }
}

#[test]
fn the_reviewers_page_lists_each_reviewer_with_their_newest_articles() {
    let site = Site::fixture("basic");
    for i in 0..12 {
        FrontMatter::new(&format!("Reviewed {i:02}"))
            .date(&format!("2025-04-{:02}", i + 1))
            .string("reviewed_by", "dr-bo")
            .write(&site, &format!("articles/reviewed-{i:02}.md"), "Text.\n");
    }
    site.build(&[]);
    let page = site.page("reviewers/index.html");
    assert!(
        page.contains("<h2 id=\"reviewer-1\"><a href=\"/authors/dr-bo/\">Dr. Bo Reviewer</a></h2>"),
        "{page}"
    );
    assert!(page.contains("<p class=\"credentials\">MD</p>"));
    assert!(page.contains("Reviews the fixture articles."));
    // Ana reviews nothing, so she is not listed.
    assert!(!page.contains("Ana Writer"));
    // The newest ten of the thirteen, newest first, then a link to the rest.
    let listed: Vec<&str> = page
        .match_indices("<li><a href=\"/articles/")
        .map(|(i, _)| &page[i + 13..i + 13 + page[i + 13..].find('"').unwrap()])
        .collect();
    assert_eq!(listed.len(), 10, "{listed:?}");
    assert_eq!(listed[0], "/articles/reviewed-11/");
    assert_eq!(listed[9], "/articles/reviewed-02/");
    assert!(
        page.contains(
            "<a href=\"/authors/dr-bo/\">All 13 articles reviewed by Dr. Bo Reviewer</a>"
        )
    );
    assert!(page.contains("\"mainEntity\":{\"@type\":\"ItemList\""));
    assert!(
        site.page("sitemap.xml")
            .contains("<loc>https://fixture.example.org/reviewers/</loc>")
    );
}

#[test]
fn a_site_where_nobody_reviews_has_no_reviewers_page() {
    let site = Site::fixture("basic");
    site.replace(
        "articles/legs/calf-pain.md",
        "reviewed_by = \"dr-bo\"\n",
        "",
    );
    site.build(&[]);
    assert!(!site.path("public/reviewers").exists());
    assert!(!site.page("sitemap.xml").contains("reviewers"));
    assert!(!footer(&site.page("index.html")).contains("reviewers"));
}

#[test]
fn hooks_and_extra_reach_the_templates_escaped() {
    let site = site();
    let article = fs::read_to_string(repo().join("templates/article.html")).unwrap();
    let article = article.replacen(
        "{% block content %}",
        "{% block content %}{% if article.extra.sponsor is defined %}<p class=\"sponsor\">{{ article.extra.sponsor }}</p>{% endif %}",
        1,
    );
    fs::write(site.path("templates/article.html"), article).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let page = site.page("articles/legs/about-link/index.html");
    let head = &page[..page.find("</head>").unwrap()];
    assert!(
        head.ends_with(
            "<meta name=\"analytics\" content=\"UA-1 &lt;script&gt;alert(1)&lt;/script&gt;\">\n\n"
        ),
        "{head}"
    );
    assert!(
        page.contains("<p class=\"sponsor\">&lt;i&gt;Nobody&lt;/i&gt;</p>"),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"body-end\">article </p>\n\n</body>"),
        "{page}"
    );
    let about = site.page("about/index.html");
    assert!(
        about.contains("<p class=\"body-end\">page &lt;b&gt;Plain words&lt;/b&gt;</p>"),
        "{about}"
    );
}

#[test]
fn a_page_or_article_without_a_description_is_described_by_its_first_paragraph() {
    let site = site();
    fs::write(
        site.path("pages/contact.md"),
        "+++\ntitle = \"Contact\"\n+++\n![A map](/images/ana.svg)\n\nWrite to us at the address below; we answer within a week.\n\n## Post\n\nA second paragraph.\n",
    )
    .unwrap();
    FrontMatter::new("Undescribed").write(
        &site,
        "articles/undescribed.md",
        "- a list item is not a lead\n\nCalf cramps are sudden, painful tightenings of the muscle at the back of the lower leg, and most of them pass within minutes when the muscle is gently stretched and rubbed.\n",
    );
    site.build(&["--no-search"]);
    let description = |page: &str| {
        let html = site.page(page);
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse("meta[name=description]").unwrap();
        doc.select(&sel)
            .next()
            .and_then(|m| m.attr("content").map(str::to_owned))
            .unwrap_or_else(|| panic!("{page}: no description"))
    };
    assert_eq!(
        description("contact/index.html"),
        "Write to us at the address below; we answer within a week."
    );
    let article = description("articles/undescribed/index.html");
    assert!(
        article.starts_with("Calf cramps are sudden, painful tightenings")
            && article.ends_with('…')
            && article.chars().count() <= 160,
        "{article}"
    );
    // The article shows no lede it was not given.
    assert!(
        !site
            .page("articles/undescribed/index.html")
            .contains("<p class=\"lede\">")
    );
}
