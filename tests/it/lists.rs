//! The lists of articles: sections (folders under `articles/`, with their
//! `_index.md`), `/articles/`, tags, and every growing list split into
//! pages of `paginate_by` with numbered, previous and next links.

use crate::crawl::crawl;
use crate::harness::{FrontMatter, Site, today};
use scraper::{Html, Selector};
use serde_json::Value;

fn select(html: &str, css: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn attrs(html: &str, css: &str, attr: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(css).unwrap())
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// The names of the page's JSON-LD breadcrumb, and its main node's type.
fn jsonld_crumbs(html: &str) -> (Vec<String>, String) {
    let start = html.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let doc: Value = serde_json::from_str(&html[start..end]).unwrap();
    let graph = doc["@graph"].as_array().unwrap();
    let main = graph[0]["@type"].as_str().unwrap().to_owned();
    let list = graph
        .iter()
        .map(|n| n.get("breadcrumb").unwrap_or(n))
        .find(|n| n["@type"] == "BreadcrumbList")
        .unwrap();
    let names = list["itemListElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .collect();
    (names, main)
}

#[test]
fn sections_nest_with_their_index_intro_and_breadcrumbs() {
    let site = Site::fixture("sections");
    let run = site.build(&[]);
    // `_index.md` is no article.
    assert!(
        run.stdout().starts_with("Built 6 articles"),
        "{}",
        run.stdout()
    );
    assert!(!site.path("public/articles/knees/index/").exists());

    let knees = site.page("articles/knees/index.html");
    assert_eq!(select(&knees, "h1"), ["Knee problems"]);
    assert_eq!(select(&knees, ".lede"), ["Pain in and around the knee."]);
    // The intro is rendered and its links are rewritten like an article's.
    let intro = select(&knees, ".section-intro");
    assert!(
        intro[0].starts_with("Knees carry the body’s weight"),
        "{intro:?}"
    );
    assert!(
        attrs(&knees, ".section-intro a", "href")
            .contains(&"/articles/knees/stairs/#overuse".to_owned())
    );
    assert_eq!(
        attrs(&knees, ".section-intro h2", "id"),
        ["how-to-use-this-section", "sub-sections-2"]
    );
    // Sub-folders with their counts, then the folder's own articles newest
    // first (two a page here).
    assert_eq!(select(&knees, ".section-list .index-name"), ["Sports"]);
    assert_eq!(
        attrs(&knees, ".section-list a", "href"),
        ["/articles/knees/sports/"]
    );
    assert_eq!(select(&knees, ".section-list .meta"), ["1 article"]);
    assert_eq!(
        select(&knees, ".card-title"),
        ["Knee pain on stairs", "Knee pain after running"]
    );
    assert_eq!(
        select(&knees, ".breadcrumbs li"),
        ["Home", "Articles", "Knee problems"]
    );
    assert_eq!(
        jsonld_crumbs(&knees),
        (
            vec!["Home".into(), "Articles".into(), "Knee problems".into()],
            "CollectionPage".into()
        )
    );

    // A folder without `_index.md` is titled from its name.
    let sports = site.page("articles/knees/sports/index.html");
    assert_eq!(select(&sports, "h1"), ["Sports"]);
    assert_eq!(
        select(&sports, ".breadcrumbs li"),
        ["Home", "Articles", "Knee problems", "Sports"]
    );
    // An article's trail goes through its sections.
    let acl = site.page("articles/knees/sports/acl/index.html");
    let trail = [
        "Home",
        "Articles",
        "Knee problems",
        "Sports",
        "Twisted knee in sport",
    ];
    assert_eq!(select(&acl, ".breadcrumbs li"), trail);
    assert_eq!(jsonld_crumbs(&acl).0, trail);
    assert_eq!(
        attrs(&acl, ".breadcrumbs a", "href"),
        [
            "/",
            "/articles/",
            "/articles/knees/",
            "/articles/knees/sports/"
        ]
    );
    let top = site.page("articles/top/index.html");
    assert_eq!(
        select(&top, ".breadcrumbs li"),
        ["Home", "Articles", "Aches after a long walk"]
    );

    // A folder with only `_index.md` is a section with nothing in it yet.
    let empty = site.page("articles/empty/index.html");
    assert_eq!(select(&empty, "h1"), ["Coming soon"]);
    assert!(empty.contains("There are no articles in this section yet."));
    assert!(select(&empty, ".card-title").is_empty());

    // `/articles/` lists the top-level sections A–Z and every article.
    let all = site.page("articles/index.html");
    assert_eq!(
        select(&all, ".section-list .index-name"),
        ["Back", "Coming soon", "Knee problems"]
    );
    assert_eq!(
        select(&all, ".section-list .meta"),
        ["1 article", "0 articles", "4 articles"]
    );
    assert_eq!(
        select(&all, ".card-title"),
        ["Aches after a long walk", "Lower back pain after lifting"]
    );
    assert_eq!(jsonld_crumbs(&all).1, "CollectionPage");
    // Overview folders are no sections.
    assert!(!site.path("public/articles/causes").exists());
    assert!(site.path("public/causes/overuse/index.html").is_file());
}

/// The numbers, previous and next links of a page's pager.
fn pager(html: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    (
        select(html, ".pagination li"),
        attrs(html, "a[rel=prev]", "href"),
        attrs(html, "a[rel=next]", "href"),
    )
}

#[test]
fn lists_split_into_pages_with_numbers_and_prev_next() {
    let site = Site::fixture("sections");
    site.build(&[]);
    // 6 articles at 2 a page.
    let first = site.page("articles/index.html");
    assert_eq!(
        pager(&first),
        (
            vec![
                "Page 1".into(),
                "Page 2".into(),
                "Page 3".into(),
                "Next page →".into()
            ],
            vec![],
            vec!["/articles/page/2/".into()]
        )
    );
    assert_eq!(
        attrs(&first, "link[rel=next]", "href"),
        ["/articles/page/2/"]
    );
    assert!(attrs(&first, "link[rel=prev]", "href").is_empty());
    assert_eq!(
        attrs(&first, ".pagination a[aria-current=page]", "href"),
        ["/articles/"]
    );
    assert_eq!(
        attrs(&first, "nav.pagination", "aria-label"),
        ["Pagination"]
    );
    let second = site.page("articles/page/2/index.html");
    assert_eq!(
        select(&second, ".card-title"),
        ["Twisted knee in sport", "Knee pain on stairs"]
    );
    assert_eq!(attrs(&second, "link[rel=prev]", "href"), ["/articles/"]);
    assert_eq!(
        attrs(&second, "link[rel=next]", "href"),
        ["/articles/page/3/"]
    );
    assert_eq!(attrs(&second, "a[rel=prev]", "href"), ["/articles/"]);
    assert_eq!(
        attrs(&second, ".pagination a[aria-current=page]", "href"),
        ["/articles/page/2/"]
    );
    assert_eq!(
        select(&second, "title"),
        ["Articles, page 2 of 3 | Sections Health"]
    );
    assert_eq!(
        attrs(&second, "link[rel=canonical]", "href"),
        ["https://sections.example.org/articles/page/2/"]
    );
    assert_eq!(jsonld_crumbs(&second).0, ["Home", "Articles", "Page 2"]);
    let third = site.page("articles/page/3/index.html");
    assert_eq!(
        select(&third, ".card-title"),
        ["Knee pain after running", "Sore knees from kneeling"]
    );
    assert!(attrs(&third, "link[rel=next]", "href").is_empty());
    assert!(attrs(&third, "a[rel=next]", "href").is_empty());
    // Page 1 is only at the list's own URL (`page/1/` redirects there);
    // no page past the last.
    let page_one = site.page("articles/page/1/index.html");
    assert!(page_one.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!site.page("sitemap.xml").contains("articles/page/1/"));
    assert!(!site.path("public/articles/page/4").exists());

    // Every growing list: a section, a tag, a cause, a treatment, authors.
    for (page, titles) in [
        (
            "articles/knees/page/2/index.html",
            vec!["Sore knees from kneeling"],
        ),
        (
            "tags/knees/page/2/index.html",
            vec!["Knee pain after running", "Sore knees from kneeling"],
        ),
        ("causes/overuse/page/3/index.html", vec![]),
        (
            "treatments/rest/page/3/index.html",
            vec!["Knee pain after running", "Sore knees from kneeling"],
        ),
        (
            "authors/ana/page/3/index.html",
            vec!["Knee pain after running", "Sore knees from kneeling"],
        ),
    ] {
        let html = site.page(page);
        if !titles.is_empty() {
            assert_eq!(select(&html, ".card-title"), titles, "{page}");
        }
        assert_eq!(attrs(&html, "link[rel=prev]", "href").len(), 1, "{page}");
    }
    // The cause page shows each article's section, a page at a time, and
    // keeps its overview.
    let cause = site.page("causes/overuse/page/3/index.html");
    assert_eq!(
        select(&cause, ".mention h3"),
        ["Knee pain after running", "Sore knees from kneeling"]
    );
    assert!(cause.contains("Overuse is the commonest cause of aches."));
    // The visible breadcrumb ends, as the JSON-LD one does, at the page.
    assert_eq!(
        select(&cause, ".breadcrumbs li"),
        ["Home", "Causes A–Z", "Overuse", "Page 3"]
    );
    assert_eq!(
        jsonld_crumbs(&cause).0,
        ["Home", "Causes A–Z", "Overuse", "Page 3"]
    );
    // The reviewer's list is paginated beside the written one.
    let bo = site.page("authors/dr-bo/page/2/index.html");
    assert_eq!(
        select(&bo, "#reviewed ~ .cards .card-title"),
        ["Twisted knee in sport", "Knee pain on stairs"]
    );

    // Each page is in the sitemap; page 1 only as the list itself.
    let sitemap = site.page("sitemap.xml");
    for url in [
        "articles/",
        "articles/page/2/",
        "articles/page/3/",
        "articles/knees/",
        "articles/knees/page/2/",
        "tags/",
        "tags/knees/",
        "tags/knees/page/2/",
        "causes/overuse/page/3/",
        "authors/ana/page/3/",
    ] {
        let loc = format!("<loc>https://sections.example.org/{url}</loc>");
        assert!(sitemap.contains(&loc), "{loc} not in the sitemap");
    }
    // A section's last change counts its sub-sections' articles.
    assert!(sitemap.contains(
        "<loc>https://sections.example.org/articles/knees/</loc><lastmod>2025-04-01</lastmod>"
    ));
    assert!(!sitemap.contains("/page/1/"));
    assert!(!sitemap.contains("articles/page/4/"));

    // Search finds each article, cause and treatment once: a cause's later
    // pages repeat its overview and are not indexed.
    let entry: Value = serde_json::from_str(&site.page("pagefind/pagefind-entry.json")).unwrap();
    assert_eq!(entry["languages"]["en"]["page_count"], 6 + 1 + 1);
    assert!(!cause.contains("data-pagefind-body"));
    assert!(
        site.page("causes/overuse/index.html")
            .contains("data-pagefind-body")
    );
}

/// A cause's treatments and a treatment's causes are on its first page
/// only, as a section's intro is: the later pages are its articles, and do
/// not each repeat a list of links that grows with the site (a treatment's
/// causes ran to 40% of its later pages' bytes on 1,000 articles). The
/// cause's overview stays on every page.
#[test]
fn the_later_pages_of_a_cause_or_treatment_do_not_repeat_its_links() {
    let site = Site::fixture("sections");
    site.build(&["--no-search"]);
    for (list, links) in [
        ("causes/overuse/", "What helps"),
        ("treatments/rest/", "Used for"),
    ] {
        let first = site.page(&format!("{list}index.html"));
        assert_eq!(select(&first, "section > h2")[0], links, "{list}");
        assert!(!select(&first, "section > .chips a").is_empty(), "{list}");
        for page in [2, 3] {
            let later = site.page(&format!("{list}page/{page}/index.html"));
            assert!(
                !select(&later, "section > h2").contains(&links.to_owned()),
                "{list} page {page}"
            );
            assert!(
                select(&later, "section > .chips a").is_empty(),
                "{list} page {page}"
            );
            assert!(!attrs(&later, "link[rel=prev]", "href").is_empty());
        }
    }
    let later = site.page("causes/overuse/page/2/index.html");
    assert!(later.contains("Overuse is the commonest cause of aches."));
}

/// A site with `n` articles, all tagged `t`, at `paginate_by = 3`.
fn site_with(n: usize) -> Site {
    let site = Site::from_dirs(&[]);
    std::fs::write(
        site.path("site.toml"),
        "title = \"Pages\"\nbase_url = \"https://pages.example.org/\"\npaginate_by = 3\n\
         [authors.ana]\nname = \"Ana Writer\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.path("articles")).unwrap();
    for i in 0..n {
        FrontMatter::new(&format!("Article {i}"))
            .date(&format!("2025-01-{:02}", i + 1))
            .field("tags", "[\"t\"]")
            .write(&site, &format!("articles/a{i}.md"), "Text.\n");
    }
    site
}

/// A site's own cause template from before lists had pages marks every
/// page for search; the later pages still stay out of the index.
#[test]
fn only_the_first_page_of_a_list_is_indexed_whatever_the_template() {
    let site = Site::fixture("sections");
    let builtin =
        std::fs::read_to_string(crate::harness::repo().join("templates/cause.html")).unwrap();
    let own = builtin.replace(
        "{% if page.in_search %} data-pagefind-body data-pagefind-filter=\"kind:Cause\"{% endif %}",
        " data-pagefind-body data-pagefind-filter=\"kind:Cause\"",
    );
    assert_ne!(own, builtin);
    std::fs::create_dir_all(site.path("templates")).unwrap();
    std::fs::write(site.path("templates/cause.html"), own).unwrap();
    site.build(&[]);
    assert!(
        site.page("causes/overuse/page/2/index.html")
            .contains("data-pagefind-body")
    );
    let entry: Value = serde_json::from_str(&site.page("pagefind/pagefind-entry.json")).unwrap();
    assert_eq!(entry["languages"]["en"]["page_count"], 6 + 1 + 1);
}

#[test]
fn page_counts_at_the_boundaries() {
    for (n, pages) in [(0, 1), (1, 1), (3, 1), (4, 2)] {
        let site = site_with(n);
        site.build(&[]);
        let first = site.page("articles/index.html");
        assert_eq!(select(&first, ".card-title").len(), n.min(3), "{n}");
        // One page: no pager and no rel links.
        assert_eq!(
            select(&first, "nav.pagination").len(),
            usize::from(pages > 1),
            "{n}"
        );
        assert_eq!(
            attrs(&first, "link[rel=next]", "href").len(),
            usize::from(pages > 1),
            "{n}"
        );
        let second = site.path("public/articles/page/2/index.html");
        assert_eq!(second.is_file(), pages == 2, "{n}");
        // `page/1/` redirects to the list when there is a page 2 to lead
        // anyone to try it.
        assert_eq!(
            site.path("public/articles/page/1/index.html").is_file(),
            pages == 2,
            "{n}"
        );
        let sitemap = site.page("sitemap.xml");
        assert_eq!(
            sitemap.contains("https://pages.example.org/articles/page/2/"),
            pages == 2,
            "{n}"
        );
        if n == 0 {
            assert!(first.contains("There are no articles yet."));
            assert!(!site.path("public/tags/t").exists());
            assert!(
                site.page("tags/index.html")
                    .contains("No article has a tag yet.")
            );
        } else {
            let tag = site.page("tags/t/index.html");
            assert_eq!(select(&tag, ".card-title").len(), n.min(3), "{n}");
            assert_eq!(select(&tag, "nav.pagination").len(), usize::from(pages > 1));
        }
        if pages == 2 {
            let second = site.page("articles/page/2/index.html");
            // Newest first: the oldest is alone on the last page.
            assert_eq!(select(&second, ".card-title"), ["Article 0"]);
            assert_eq!(attrs(&second, "a[rel=prev]", "href"), ["/articles/"]);
            assert!(attrs(&second, "a[rel=next]", "href").is_empty());
        }
    }
}

#[test]
fn a_long_list_links_its_ends_and_neighbours_with_a_gap_between() {
    // 19 articles at 3 a page: 7 pages.
    let site = site_with(19);
    site.build(&[]);
    let first = site.page("articles/index.html");
    assert_eq!(
        select(&first, ".pagination li"),
        ["Page 1", "Page 2", "Page 3", "…", "Page 7", "Next page →"]
    );
    assert_eq!(attrs(&first, ".pagination-gap", "aria-hidden"), ["true"]);
    let last = site.page("articles/page/7/index.html");
    assert_eq!(
        select(&last, ".pagination li"),
        [
            "← Previous page",
            "Page 1",
            "…",
            "Page 5",
            "Page 6",
            "Page 7"
        ]
    );
    assert_eq!(select(&last, ".card-title"), ["Article 0"]);
}

#[test]
fn tags_gather_spellings_and_articles_link_to_them() {
    let site = Site::fixture("sections");
    site.build(&[]);
    let tags = site.page("tags/index.html");
    // "Knees" ×3 and "knees" ×1 are one tag, named as most write it.
    assert_eq!(
        select(&tags, ".tag-list a"),
        [
            "back (1 article)",
            "Knees (4 articles)",
            "running (1 article)",
            "sport (1 article)",
            "stairs (1 article)"
        ]
    );
    assert_eq!(
        attrs(&tags, ".letters a", "href"),
        ["#letter-b", "#letter-k", "#letter-r", "#letter-s"]
    );
    assert_eq!(
        jsonld_crumbs(&tags),
        (
            vec!["Home".into(), "Tags A–Z".into()],
            "CollectionPage".into()
        )
    );
    let knees = site.page("tags/knees/index.html");
    assert_eq!(select(&knees, "h1"), ["Articles tagged “Knees”"]);
    assert_eq!(
        select(&knees, ".card-title"),
        ["Twisted knee in sport", "Knee pain on stairs"]
    );
    assert_eq!(
        select(&knees, ".breadcrumbs li"),
        ["Home", "Tags A–Z", "Knees"]
    );
    // Tag lists are not search results.
    assert!(!knees.contains("data-pagefind-body"));
    assert!(!tags.contains("data-pagefind-body"));
    let stairs = site.page("articles/knees/stairs/index.html");
    assert_eq!(select(&stairs, ".article-tags a"), ["Knees", "stairs"]);
    assert_eq!(
        attrs(&stairs, ".article-tags a", "href"),
        ["/tags/knees/", "/tags/stairs/"]
    );
    let running = site.page("articles/knees/running/index.html");
    assert_eq!(select(&running, ".article-tags a"), ["Knees", "running"]);
}

#[test]
fn every_link_of_the_lists_resolves_at_the_root_and_under_a_sub_path() {
    let site = Site::fixture("sections");
    site.build(&[]);
    let problems = crawl(&site, "https://sections.example.org/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    site.build(&["--base-url", "https://example.org/health/"]);
    let problems = crawl(&site, "https://example.org/health/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let page = site.page("articles/knees/page/2/index.html");
    assert_eq!(
        attrs(&page, "link[rel=prev]", "href"),
        ["/health/articles/knees/"]
    );
}

#[test]
fn headings_in_intros_and_articles_never_take_the_lists_ids() {
    // The fixture's knees intro has "## Sub-sections" and an article
    // "## Tags", the ids of the templates' own headings.
    let site = Site::fixture("sections");
    site.build(&[]);
    for page in crate::crawl::pages(&site) {
        let html = std::fs::read_to_string(site.path("public").join(&page)).unwrap();
        let mut ids = attrs(&html, "[id]", "id");
        let all = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all, "{} has an id twice", page.display());
    }
    let knees = site.page("articles/knees/index.html");
    assert_eq!(attrs(&knees, "#sub-sections", "id").len(), 1);
    assert!(knees.contains("id=\"sub-sections-2\""), "{knees}");
}

#[test]
fn first_page_aliases_lead_every_page_1_to_its_list() {
    let site = Site::fixture("sections");
    let options = salve::BuildOptions {
        root: site.root.clone(),
        base_url: None,
        drafts: false,
        today: today(),
        search: false,
    };
    let linked = salve::link_site(&options, None, &|_, _| {}).unwrap();
    let aliases = salve::kinds::first_page_aliases(&linked.site);
    // Every list that runs to a second page, and only those.
    let mut expected = Vec::new();
    for kind in salve::kinds::KINDS.iter().filter(|k| k.list.is_some()) {
        for i in 0..kind.count(&linked.site) {
            if kind.page_count(&linked.site, i) > 1 {
                let to = kind.item_path_of(&linked.site, i).to_owned();
                expected.push((format!("{to}page/1/"), to));
            }
        }
    }
    assert!(expected.len() >= 5, "{expected:?}");
    assert_eq!(aliases, expected);
    assert!(aliases.contains(&("articles/page/1/".to_owned(), "articles/".to_owned())));
    assert!(
        !aliases.iter().any(|(_, to)| to == "articles/empty/"),
        "an empty list is one page: no page 2, no page/1/"
    );
    // A build writes each as a redirect page and a line in _redirects.
    site.build(&["--no-search"]);
    let page = site.page("articles/page/1/index.html");
    assert!(page.contains(r#"content="0; url=/articles/""#), "{page}");
    assert!(
        site.page("_redirects")
            .contains("/articles/page/1/ /articles/ 301\n")
    );
    assert!(!site.path("public/articles/empty/page/1").exists());
}
