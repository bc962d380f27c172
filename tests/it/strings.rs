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

#[test]
fn the_calculator_and_search_pages_carry_their_words_in_the_site_s_language() {
    let site = spanish();
    std::fs::create_dir_all(site.path("i18n")).unwrap();
    // A string with quotes and markup: the page keeps it as text.
    std::fs::write(
        site.path("i18n/es.toml"),
        "[calculator_script]\nnote = \"Una \\\"nota\\\" <b>\"\n",
    )
    .unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    for page in [
        "tools/calorie-goal/index.html",
        "tools/calorie-goal/form.html",
    ] {
        let html = site.page(page);
        for words in [
            "<label for=\"cg-goal\">Objetivo</label>",
            "<option value=\"1.5\">Ganar 1,5 lb a la semana</option>",
            "<option value=\"0\" selected>Mantener mi peso</option>",
            ">Calcular</button>",
            "<noscript><p class=\"calc-noscript\">La calculadora necesita JavaScript.",
            // The script's words, as data of the form.
            " data-choose_sex=\"Elija mujer u hombre.\"",
            " data-weight_kg_range=\"Escriba un peso de {min} a {max} kg.\"",
            " data-note=\"Una &quot;nota&quot; &lt;b&gt;\"",
        ] {
            assert!(html.contains(words), "no {words:?} in {page}");
        }
        for english in [
            "Gain ",
            "Enter your",
            "Calculate<",
            "How we work",
            "Sedentary",
        ] {
            assert!(!html.contains(english), "{english:?} is still in {page}");
        }
    }
    let page = site.page("tools/calorie-goal/index.html");
    assert!(page.contains("<h2 id=\"cg-title\">Calcule sus calorías diarias</h2>"));
    assert!(page.contains("La <strong>TMB</strong> (tasa metabólica basal)"));
    let search = site.page("search/index.html");
    assert!(search.contains(" data-no_results=\"No hay resultados para «{query}»."));
    assert!(search.contains(" data-kind_article=\"Artículo\""));
}

#[test]
fn descriptions_and_titles_salve_writes_are_in_the_site_s_language() {
    let site = spanish();
    site.replace(
        "articles/legs/calf-pain.md",
        "tags = [\"legs\"]\n",
        "tags = [\"legs\"]\naliases = [\"/old-calf/\"]\n",
    );
    site.build(&[]);
    let moved = site.page("old-calf/index.html");
    assert!(
        moved.contains("<title>Esta página se ha trasladado"),
        "{moved}"
    );
    let tag = site.page("tags/legs/index.html");
    assert!(
        tag.contains("<title>Artículos con la etiqueta «legs» | Fixture Health</title>"),
        "{tag}"
    );
    assert!(tag.contains(
        "content=\"Todos los artículos con la etiqueta «legs», del más reciente al más antiguo.\""
    ));
    let cause = site.page("causes/dehydration/index.html");
    assert!(
        cause.contains("content=\"Dehydration: lo que dicen nuestros artículos y qué ayuda.\""),
        "no Spanish description on the cause page"
    );
    let section = site.page("articles/legs/index.html");
    assert!(
        section.contains("content=\"Todos los artículos de "),
        "no Spanish description on the section page"
    );
    for page in [&tag, &cause, &section] {
        assert!(!page.contains("newest first"));
        assert!(!page.contains("what our articles say"));
    }
}

/// A French table: salve's English one without `article.what_helps`.
fn french_without_what_helps() -> String {
    let english = std::fs::read_to_string(crate::harness::repo().join("src/i18n/en.toml")).unwrap();
    let line = "what_helps = \"What helps:\"\n";
    assert_eq!(english.matches(line).count(), 1);
    english.replace(line, "")
}

#[test]
fn with_strings_fallback_a_missing_string_is_shown_in_english_with_one_warning() {
    let site = Site::fixture("basic");
    site.replace(
        "site.toml",
        "title = \"Fixture Health\"\n",
        "title = \"Fixture Health\"\nlanguage = \"fr\"\nstrings_fallback = true\n",
    );
    std::fs::create_dir_all(site.path("i18n")).unwrap();
    std::fs::write(site.path("i18n/fr.toml"), french_without_what_helps()).unwrap();
    let run = site.build(&[]);
    let warning = "warning[missing-string]: 1 interface string is missing in `fr`; pages show them in English: `article.what_helps`";
    assert_eq!(run.stderr().matches(warning).count(), 1, "{}", run.stderr());
    assert_eq!(run.stderr().matches("missing-string").count(), 1);
    assert!(
        site.page("articles/legs/calf-pain/index.html")
            .contains("What helps:")
    );

    // Without the setting, the same file stops the build.
    site.replace("site.toml", "strings_fallback = true\n", "");
    let run = site.salve(&["build"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains(
        "error[missing-string]: the interface string `article.what_helps` is missing in `fr`"
    ));
}
