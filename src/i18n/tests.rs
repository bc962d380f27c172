use super::*;
use crate::diagnostic::Severity;

fn site_file(tag: &str, text: &str) -> SourceFile {
    SourceFile {
        path: Path::new(I18N).join(format!("{tag}.toml")),
        text: text.to_owned(),
    }
}

#[test]
fn every_built_in_table_has_every_english_key_and_no_other() {
    let english = builtin(DEFAULT).unwrap();
    assert!(english.len() > 50);
    for (tag, _) in BUILT_IN {
        let table = builtin(tag).unwrap();
        let keys: Vec<_> = table.keys().collect();
        assert_eq!(keys, english.keys().collect::<Vec<_>>(), "{tag}");
        let mut out = Vec::new();
        load(tag, false, &[], &mut out);
        assert!(out.is_empty(), "{tag}: {out:?}");
    }
}

#[test]
fn the_language_is_chosen_by_its_primary_subtag() {
    let mut out = Vec::new();
    let s = load("es-MX", false, &[], &mut out);
    assert!(out.is_empty());
    assert_eq!(s.get("article.reviewed_by"), "Revisión médica de");
    let s = load("en-GB", false, &[], &mut out);
    assert_eq!(s.get("article.reviewed_by"), "Medically reviewed by");
    assert!(out.is_empty());
}

#[test]
fn dates_are_in_the_language_s_words_and_order() {
    let d = Date::new(2024, 3, 2).unwrap();
    assert_eq!(Strings::default().date(d), "2 March 2024");
    assert_eq!(Strings::default().date(d), d.human());
    let es = load("es", false, &[], &mut Vec::new());
    assert_eq!(es.date(d), "2 de marzo de 2024");
}

#[test]
fn a_site_file_overrides_a_string_and_keeps_the_rest() {
    let mut out = Vec::new();
    let file = site_file("es", "[article]\nreviewed_by = \"Revisado por\"\n");
    let s = load("es", false, &[file], &mut out);
    assert!(out.is_empty(), "{out:?}");
    assert_eq!(s.get("article.reviewed_by"), "Revisado por");
    assert_eq!(s.get("article.what_helps"), "Qué ayuda:");
    assert_eq!(
        s.tree()["article"]["reviewed_by"],
        serde_json::json!("Revisado por")
    );
}

#[test]
fn the_whole_tag_s_file_comes_before_the_primary_subtag_s() {
    let mut out = Vec::new();
    let files = [
        site_file("es", "[nav]\nhome = \"Inicio\"\n"),
        site_file("es-MX", "[nav]\nhome = \"Portada\"\n"),
    ];
    let s = load("es-MX", false, &files, &mut out);
    assert!(out.is_empty(), "{out:?}");
    assert_eq!(s.get("nav.home"), "Portada");
}

#[test]
fn an_unknown_key_is_an_error_with_the_nearest_key() {
    let mut out = Vec::new();
    let file = site_file("en", "[article]\nreviewd_by = \"Checked by\"\n");
    load("en", false, &[file], &mut out);
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(out[0].severity, Severity::Error);
    assert_eq!(
        out[0].message,
        "`article.reviewd_by` is not an interface string"
    );
    assert_eq!(
        out[0].hint.as_deref(),
        Some("did you mean `article.reviewed_by`?")
    );
    assert_eq!(out[0].line, Some(2));
}

#[test]
fn a_new_language_s_missing_string_is_an_error_naming_key_language_and_file() {
    let mut out = Vec::new();
    let s = load(
        "fr",
        false,
        &[french_without(&["article.what_helps"])],
        &mut out,
    );
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(
        out[0].message,
        "the interface string `article.what_helps` is missing in `fr`"
    );
    assert_eq!(out[0].path, Path::new("i18n/fr.toml"));
    assert!(out[0].hint.as_deref().unwrap().contains("What helps:"));
    // The build stops; what is returned is only a stand-in.
    assert_eq!(s.get("article.what_helps"), "What helps:");
}

#[test]
fn fill_puts_values_in_holes_once() {
    let s = Strings::default();
    assert_eq!(
        s.fill("tag.heading", &[("name", "Knees")]),
        "Articles tagged “Knees”"
    );
    // A value with a hole's name in it is not filled again.
    assert_eq!(
        s.fill("tag.heading", &[("name", "{name}")]),
        "Articles tagged “{name}”"
    );
    // A hole not given stays; so does a lone brace.
    assert_eq!(s.fill("tag.heading", &[]), "Articles tagged “{name}”");
    let es = load("es", false, &[], &mut Vec::new());
    assert_eq!(
        es.fill("section.description", &[("name", "Piernas")]),
        "Todos los artículos de Piernas, del más reciente al más antiguo."
    );
}

/// Every key salve's Rust code asks for by name is in the English
/// table: `get` of a key no table has would show nothing.
#[test]
fn every_key_the_code_asks_for_is_in_the_english_table() {
    let english = builtin(DEFAULT).unwrap();
    let mut asked = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for call in ["strings.get(\"", ".fill(\"", "about: \""] {
                for (at, _) in text.match_indices(call) {
                    let rest = &text[at + call.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    asked.push((path.clone(), key.to_owned()));
                }
            }
        }
    }
    assert!(asked.len() >= 8, "{asked:?}");
    for (path, key) in asked {
        assert!(
            english.contains_key(&key),
            "{}: `{key}` is not in the English table",
            path.display()
        );
    }
}

/// A French table with every English string but `left_out`.
fn french_without(left_out: &[&str]) -> SourceFile {
    let mut text = String::new();
    let mut table = "";
    for (key, value) in &builtin(DEFAULT).unwrap() {
        if left_out.contains(&key.as_str()) {
            continue;
        }
        let (t, leaf) = key.rsplit_once('.').unwrap();
        if t != table {
            text.push_str(&format!("[{t}]\n"));
            table = t;
        }
        text.push_str(&format!("{leaf} = {value:?}\n"));
    }
    site_file("fr", &text)
}

#[test]
fn with_the_fallback_a_missing_string_is_english_and_one_warning_names_them() {
    let file = french_without(&["article.what_helps", "nav.home"]);
    let mut out = Vec::new();
    let s = load("fr", true, std::slice::from_ref(&file), &mut out);
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(out[0].severity, Severity::Warning);
    assert_eq!(out[0].code, "missing-string");
    assert_eq!(
        out[0].message,
        "2 interface strings are missing in `fr`; pages show them in English: `article.what_helps`, `nav.home`"
    );
    assert_eq!(s.get("article.what_helps"), "What helps:");
    assert_eq!(s.get("nav.home"), "Home");
    // Without it, each is an error.
    let mut out = Vec::new();
    load("fr", false, &[file], &mut out);
    assert_eq!(out.len(), 2, "{out:?}");
    assert!(out.iter().all(|d| d.severity == Severity::Error));
    // A nearly empty file: one warning still, naming ten and a count.
    let mut out = Vec::new();
    load(
        "fr",
        true,
        &[site_file("fr", "[nav]\nhome = \"Accueil\"\n")],
        &mut out,
    );
    assert_eq!(out.len(), 1, "{out:?}");
    assert!(out[0].message.ends_with("more"), "{}", out[0].message);
    // A complete table gives no warning.
    let mut out = Vec::new();
    load("es", true, &[], &mut out);
    assert!(out.is_empty(), "{out:?}");
}

#[test]
fn a_file_not_named_by_a_language_tag_is_an_error_with_a_hint() {
    let file = |name: &str| SourceFile {
        path: Path::new(I18N).join(name),
        text: String::new(),
    };
    let files = [
        file("es.toml"),
        file("es-MX.toml"),
        file("pt-BR.toml"),
        file("spanish.toml"),
        file("es_MX.toml"),
        file("es/extra.toml"),
    ];
    let mut out = Vec::new();
    check_names(&files, &mut out);
    let found: Vec<_> = out
        .iter()
        .map(|d| (d.path.to_str().unwrap(), d.hint.as_deref().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "i18n/spanish.toml",
                "name it by its language's BCP 47 tag, such as `es.toml` or `pt-BR.toml`"
            ),
            (
                "i18n/es_MX.toml",
                "did you mean i18n/es-MX.toml? The parts of a language tag are joined with `-`"
            ),
            (
                "i18n/es/extra.toml",
                "move it to i18n/extra.toml: strings files are not read from folders inside it"
            ),
        ]
    );
    assert!(
        out.iter()
            .all(|d| d.severity == Severity::Error && d.code == "strings-file")
    );
}

#[test]
fn a_file_s_name_is_matched_in_any_case() {
    let mut out = Vec::new();
    let s = load(
        "es-MX",
        false,
        &[site_file("es-mx", "[nav]\nhome = \"Portada\"\n")],
        &mut out,
    );
    assert!(out.is_empty(), "{out:?}");
    assert_eq!(s.get("nav.home"), "Portada");
}

#[test]
fn a_string_that_is_not_text_is_an_error() {
    let mut out = Vec::new();
    load(
        "en",
        false,
        &[site_file("en", "[nav]\nhome = 3\n")],
        &mut out,
    );
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(
        out[0].message,
        "the interface string `nav.home` must be text"
    );
}

#[test]
fn a_language_with_no_table_falls_back_to_english_with_one_warning() {
    let mut out = Vec::new();
    let s = load("de", false, &[], &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].severity, Severity::Warning);
    assert_eq!(
        out[0].message,
        "salve has no interface strings in `de`; pages show them in English"
    );
    assert_eq!(s.get("nav.home"), "Home");
}
