//! A site in two languages: the fixture `languages` is in English, with
//! Spanish at `/es/` (`[languages.es]`, files named `<name>.es.md`). Every
//! link of both resolves, each page names its translations and is named
//! back, the sitemap lists the alternates, and each language has its own
//! words, feed and search index.

use crate::crawl::{crawl, pages};
use crate::harness::{Site, snapshot};
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::path::PathBuf;

const BASE: &str = "https://fixture.example.org/";

fn built() -> Site {
    let site = Site::fixture("languages");
    let run = site.build(&[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    site
}

/// The page's language and its `hreflang` alternates (language → URL),
/// x-default included.
fn alternates(html: &str) -> (String, BTreeMap<String, String>) {
    let doc = Html::parse_document(html);
    let lang = doc
        .select(&Selector::parse("html").unwrap())
        .next()
        .and_then(|e| e.value().attr("lang"))
        .unwrap_or_default()
        .to_owned();
    let links = doc
        .select(&Selector::parse("link[rel=alternate][hreflang]").unwrap())
        .map(|e| {
            let v = e.value();
            (
                v.attr("hreflang").unwrap().to_owned(),
                v.attr("href").unwrap().to_owned(),
            )
        })
        .collect();
    (lang, links)
}

/// The output file of an absolute URL of the site.
fn file_of(url: &str) -> PathBuf {
    let path = url.strip_prefix(BASE).expect("a URL of the site");
    PathBuf::from(format!("{path}index.html"))
}

#[test]
fn every_link_resolves_in_both_languages() {
    let site = built();
    let problems = crawl(&site, BASE);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let all = pages(&site);
    let has = |p: &str| all.contains(&PathBuf::from(p));
    assert!(has("articles/legs/cramps/index.html"));
    assert!(has("es/articles/legs/cramps/index.html"));
    // An article in one language is published in that language only.
    assert!(has("es/articles/legs/knee/index.html"));
    assert!(!has("articles/legs/knee/index.html"));
    assert!(has("articles/legs/strain/index.html"));
    assert!(!has("es/articles/legs/strain/index.html"));
    // Every page kind exists in Spanish too.
    for page in [
        "es/index.html",
        "es/causes/index.html",
        "es/treatments/index.html",
        "es/search/index.html",
        "es/tools/calorie-goal/index.html",
        "es/about/index.html",
        "es/authors/ana/index.html",
    ] {
        assert!(has(page), "no {page}");
    }

    let sub = Site::fixture("languages");
    sub.build(&["--base-url", "https://example.org/health/"]);
    let problems = crawl(&sub, "https://example.org/health/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let spanish = sub.page("es/articles/legs/cramps/index.html");
    assert!(spanish.contains("href=\"/health/es/articles/legs/knee/#causas\""));
    assert!(spanish.contains("href=\"/health/css/salve.css\""));
}

#[test]
fn hreflang_pairs_are_symmetric() {
    let site = built();
    let files = snapshot(&site.path("public"));
    let mut with_alternates = 0;
    for (path, bytes) in &files {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let (lang, links) = alternates(std::str::from_utf8(bytes).unwrap());
        if links.is_empty() {
            continue;
        }
        with_alternates += 1;
        let own = links.get(&lang).unwrap_or_else(|| {
            panic!(
                "{}: no hreflang for its own language {lang}",
                path.display()
            )
        });
        assert_eq!(&file_of(own), path, "{}: its own hreflang", path.display());
        assert_eq!(
            links.get("x-default"),
            links.get("en"),
            "{}",
            path.display()
        );
        for (other, url) in links.iter().filter(|(l, _)| *l != "x-default") {
            let target = file_of(url);
            let html = files.get(&target).unwrap_or_else(|| {
                panic!("{}: {other} version {url} is not built", path.display())
            });
            let (their_lang, theirs) = alternates(std::str::from_utf8(html).unwrap());
            assert_eq!(&their_lang, other, "{}", target.display());
            assert_eq!(
                theirs,
                links,
                "{} and {} disagree",
                path.display(),
                target.display()
            );
        }
    }
    assert!(
        with_alternates >= 20,
        "only {with_alternates} pages have translations"
    );
    // Causes and treatments are named in each language; the articles pair them.
    let (_, cause) = alternates(&site.page("es/causes/deshidratación/index.html"));
    assert_eq!(cause["en"], format!("{BASE}causes/dehydration/"));
    let (_, treatment) = alternates(&site.page("treatments/see-a-doctor/index.html"));
    assert_eq!(
        treatment["es"],
        format!("{BASE}es/treatments/consultar-a-un-médico/")
    );
    // A page in one language names no translation.
    let (_, alone) = alternates(&site.page("es/articles/legs/knee/index.html"));
    assert!(alone.is_empty());
}

#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    let site = built();
    let xml = std::fs::read_to_string(site.path("public/sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("the sitemap parses");
    const XHTML: &str = "http://www.w3.org/1999/xhtml";
    let mut by_loc: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .and_then(|n| n.text())
            .unwrap()
            .to_owned();
        let links = url
            .children()
            .filter(|n| n.has_tag_name((XHTML, "link")))
            .map(|n| {
                assert_eq!(n.attribute("rel"), Some("alternate"));
                (
                    n.attribute("hreflang").unwrap().to_owned(),
                    n.attribute("href").unwrap().to_owned(),
                )
            })
            .collect();
        by_loc.insert(loc, links);
    }
    assert!(by_loc.contains_key(&format!("{BASE}es/articles/legs/knee/")));
    let cramps = &by_loc[&format!("{BASE}es/articles/legs/cramps/")];
    assert_eq!(cramps["en"], format!("{BASE}articles/legs/cramps/"));
    assert_eq!(cramps["x-default"], format!("{BASE}articles/legs/cramps/"));
    for (loc, links) in &by_loc {
        for (lang, href) in links.iter().filter(|(l, _)| *l != "x-default") {
            let theirs = by_loc.get(href).unwrap_or_else(|| {
                panic!("{loc}: its {lang} version {href} is not in the sitemap")
            });
            assert_eq!(theirs, links, "{loc} and {href} disagree");
        }
    }
}

#[test]
fn a_translation_links_to_translations_and_warns_of_the_rest() {
    let site = Site::fixture("languages");
    let run = site.build(&[]);
    let stderr = run.stderr();
    assert!(
        stderr.contains(
            "warning[untranslated-link]: this links to articles/legs/strain.md, which has no translation into `es`; the link goes to the original\n  --> articles/legs/cramps.es.md:22:80"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.matches("untranslated-link").count(), 1, "{stderr}");
    let spanish = site.page("es/articles/legs/cramps/index.html");
    assert!(spanish.contains("<a href=\"/articles/legs/strain/\">distensión</a>"));
    assert!(spanish.contains("<a href=\"/es/articles/legs/knee/#causas\">dolores de rodilla</a>"));
    let only_spanish = site.page("es/articles/legs/knee/index.html");
    assert!(only_spanish.contains("<a href=\"/es/articles/legs/cramps/\">calambres</a>"));
    let english = site.page("articles/legs/strain/index.html");
    assert!(english.contains("<a href=\"/articles/legs/cramps/#dehydration\">"));
}

#[test]
fn each_language_has_its_own_words_feed_and_search() {
    let site = built();
    let es = site.page("es/articles/legs/cramps/index.html");
    for words in [
        "<html lang=\"es\">",
        "\"inLanguage\":\"es\"",
        "<title>Calambres nocturnos en las piernas | Salud de Prueba</title>",
        "2 de marzo de 2026",
        "<a href=\"/es/about/\">Quiénes somos</a>",
        "112",
        "<a href=\"/articles/legs/cramps/\" hreflang=\"en\" lang=\"en\">English</a>",
        "href=\"/es/feed.xml\"",
        // Photos are the same files in every language.
        "src=\"/articles/legs/cramps/calf",
    ] {
        assert!(es.contains(words), "no {words:?} in the Spanish article");
    }
    let en = site.page("articles/legs/cramps/index.html");
    assert!(
        en.contains(
            "<a href=\"/es/articles/legs/cramps/\" hreflang=\"es\" lang=\"es\">Español</a>"
        )
    );
    assert!(en.contains("<a href=\"/about/\">About us</a>"));
    // A translated overview is named after the cause or treatment in its language.
    let rest = site.page("es/treatments/reposo/index.html");
    assert!(
        rest.contains("Descanse unos días"),
        "no overview on the Spanish treatment"
    );
    assert!(!site.page("treatments/rest/index.html").contains("Descanse"));
    // A `/` path to a page, written in a translation, is the page in its language.
    assert!(
        site.page("es/about/index.html")
            .contains("<a href=\"/es/causes/\">causas</a>")
    );
    assert!(
        site.page("about/index.html")
            .contains("<a href=\"/causes/\">causes</a>")
    );

    let feed = std::fs::read_to_string(site.path("public/es/feed.xml")).unwrap();
    roxmltree::Document::parse(&feed).expect("the Spanish feed parses");
    assert!(feed.contains("xml:lang=\"es\""));
    assert!(feed.contains("<title>Salud de Prueba</title>"));
    assert!(feed.contains("<id>https://fixture.example.org/es/articles/legs/knee/</id>"));
    assert!(!feed.contains("<id>https://fixture.example.org/articles/"));
    let english_feed = std::fs::read_to_string(site.path("public/feed.xml")).unwrap();
    assert!(!english_feed.contains("/es/"));

    // pagefind keeps an index per language; each search page loads its own.
    let entry = |p: &str| std::fs::read_to_string(site.path(p)).unwrap();
    let en_index = entry("public/pagefind/pagefind-entry.json");
    let es_index = entry("public/es/pagefind/pagefind-entry.json");
    assert!(
        en_index.contains("\"en\"") && !en_index.contains("\"es\""),
        "{en_index}"
    );
    assert!(
        es_index.contains("\"es\"") && !es_index.contains("\"en\""),
        "{es_index}"
    );
    assert!(
        site.page("es/search/index.html")
            .contains("data-pagefind=\"/es/pagefind/pagefind.js\"")
    );
    let robots = std::fs::read_to_string(site.path("public/robots.txt")).unwrap();
    assert_eq!(robots.matches("Sitemap:").count(), 1);
}

#[test]
fn adding_editing_and_removing_a_translation_rebuild_to_the_same_bytes() {
    use crate::incremental::rebuild_matches_full_build;
    let site = Site::fixture("languages");
    let mut cache = Some(salve::ParseCache::default());
    rebuild_matches_full_build(&site, &mut cache, "the first build");
    std::fs::write(
        site.path("articles/legs/strain.es.md"),
        "+++\ntitle = \"Distensión de la pantorrilla\"\ndate = 2026-02-01\nauthor = \"ana\"\n\n[[causes]]\nname = \"Deshidratación\"\ntreatments = [\"Reposo\"]\n+++\nUn pequeño desgarro.\n\n## Deshidratación\n\nLos músculos secos se desgarran.\n",
    )
    .unwrap();
    let rendered = rebuild_matches_full_build(&site, &mut cache, "adding a translation");
    // The original now names its translation, and the Spanish link to it
    // goes to the translation.
    assert!(rendered.contains(&"articles/legs/strain/index.html".to_owned()));
    assert!(
        site.page("es/articles/legs/cramps/index.html")
            .contains("<a href=\"/es/articles/legs/strain/\">distensión</a>")
    );
    site.replace(
        "articles/legs/cramps.es.md",
        "title = \"Calambres nocturnos en las piernas\"",
        "title = \"Calambres de noche\"",
    );
    rebuild_matches_full_build(&site, &mut cache, "editing a translation");
    std::fs::remove_file(site.path("articles/legs/strain.es.md")).unwrap();
    rebuild_matches_full_build(&site, &mut cache, "removing a translation");
    assert!(
        !site
            .path("public/es/articles/legs/strain/index.html")
            .exists()
    );
}

#[test]
fn a_language_missing_strings_falls_back_to_the_site_s_own_language() {
    // A Spanish site with a French translation whose strings file has
    // one string: with `strings_fallback`, the rest are the site's Spanish.
    let site = Site::fixture("languages");
    for file in [
        "articles/legs/cramps.es.md",
        "articles/legs/knee.es.md",
        "articles/treatments/reposo.es.md",
        "pages/about.es.md",
    ] {
        std::fs::remove_file(site.path(file)).unwrap();
    }
    site.replace(
        "site.toml",
        "language = \"en\"",
        "language = \"es\"\nstrings_fallback = true",
    );
    site.replace("site.toml", "[languages.es]", "[languages.fr]");
    site.replace(
        "site.toml",
        "[[languages.es.menus.footer]]",
        "[[languages.fr.menus.footer]]",
    );
    std::fs::copy(
        site.path("articles/legs/strain.md"),
        site.path("articles/legs/strain.fr.md"),
    )
    .unwrap();
    std::fs::copy(site.path("pages/about.md"), site.path("pages/about.fr.md")).unwrap();
    std::fs::create_dir_all(site.path("i18n")).unwrap();
    std::fs::write(site.path("i18n/fr.toml"), "[nav]\nhome = \"Accueil\"\n").unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("interface strings are missing in `fr`; pages show them in `es`:"),
        "{}",
        run.stderr()
    );
    let french = site.page("fr/articles/legs/strain/index.html");
    assert!(french.contains(">Accueil</a>"), "the French string");
    assert!(
        french.contains("Publicado el <time"),
        "the site's Spanish for the rest"
    );
}
