//! Interface strings: a site in Spanish shows salve's Spanish words and
//! dates, a site's `i18n/` file overrides them, and a changed string
//! re-renders the pages that show it.

use crate::harness::Site;

/// The `basic` fixture with `language = "es"`.
fn spanish() -> Site {
    let site = Site::fixture("basic");
    site.replace(
        "site.toml",
        "title = \"Fixture Health\"\n",
        "title = \"Fixture Health\"\nlanguage = \"es\"\n",
    );
    site
}

#[test]
fn a_spanish_site_shows_spanish_strings_and_dates() {
    let site = spanish();
    let run = site.build(&[]);
    assert!(
        !run.stderr().contains("interface strings"),
        "{}",
        run.stderr()
    );
    let html = site.page("articles/legs/calf-pain/index.html");
    assert!(html.contains("<html lang=\"es\">"));
    for words in [
        "Revisión médica de <a",
        " el <time datetime=\"2026-06-01\">1 de junio de 2026</time>",
        "Publicado el <time",
        "<h2 id=\"disclaimer\">Aviso médico</h2>",
        "Consulte a un médico",
        ">Inicio</a>",
    ] {
        assert!(html.contains(words), "no {words:?} in the article");
    }
    for english in [
        "Medically reviewed by",
        "Published <time",
        "Home</a>",
        " June ",
    ] {
        assert!(
            !html.contains(english),
            "{english:?} is still in the article"
        );
    }
    let emergency = site.page("articles/legs/cramps/index.html");
    assert!(emergency.contains("Llame ahora a emergencias"));
    assert!(site.page("404.html").contains("No encontramos esa página"));
    let search = site.page("search/index.html");
    assert!(search.contains("<h1>Buscar</h1>"));
    assert!(search.contains("<title>Buscar | Fixture Health</title>"));
    let causes = site.page("causes/index.html");
    assert!(causes.contains("<title>Causas de la A a la Z | Fixture Health</title>"));
    let cause = site.page("causes/strained-calf/index.html");
    assert!(
        cause.contains(">Causas de la A a la Z</a>"),
        "no Spanish breadcrumb"
    );
}

#[test]
fn a_site_file_overrides_a_string_and_a_changed_string_renders_again() {
    let site = spanish();
    site.build(&[]);
    let before = site.page("articles/legs/calf-pain/index.html");
    assert!(before.contains("Revisión médica de <a"));
    std::fs::create_dir_all(site.path("i18n")).unwrap();
    std::fs::write(
        site.path("i18n/es.toml"),
        "[article]\nreviewed_by = \"Revisado por\"\n",
    )
    .unwrap();
    site.build(&[]);
    let after = site.page("articles/legs/calf-pain/index.html");
    assert!(
        after.contains("Revisado por <a"),
        "the kept page was not rendered again"
    );
    assert!(after.contains("Aviso médico"));
}

#[test]
fn a_language_without_strings_is_shown_in_english_with_one_warning() {
    let site = Site::fixture("basic");
    site.replace(
        "site.toml",
        "title = \"Fixture Health\"\n",
        "title = \"Fixture Health\"\nlanguage = \"de\"\n",
    );
    let run = site.build(&[]);
    let warning = "salve has no interface strings in `de`; pages show them in English";
    assert_eq!(run.stderr().matches(warning).count(), 1, "{}", run.stderr());
    assert!(
        site.page("articles/legs/calf-pain/index.html")
            .contains("Medically reviewed by")
    );
}
