//! Interface strings: the words the built-in templates show around a
//! writer's text ("Medically reviewed by", "Next review due", month names),
//! in the site's language.
//!
//! Each language's table maps short dotted keys (`article.reviewed_by`) to
//! text. salve has English and Spanish tables of its own; a site's
//! `i18n/<language>.toml` overrides any of their strings or adds a language.
//! The English table names every key there is: every other table must have
//! all of them, and no others. Templates get the table as `t`
//! (`{{ t.article.reviewed_by }}`).

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Position};
use crate::load::{I18N, SourceFile};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// salve's own tables, by primary language subtag.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("i18n/en.toml")),
    ("es", include_str!("i18n/es.toml")),
];

/// The language whose table names every key, and the one shown when a
/// language has no table at all.
const DEFAULT: &str = "en";

/// The month keys, January first.
const MONTHS: [&str; 12] = [
    "month.january",
    "month.february",
    "month.march",
    "month.april",
    "month.may",
    "month.june",
    "month.july",
    "month.august",
    "month.september",
    "month.october",
    "month.november",
    "month.december",
];

/// How many missing strings are named one by one; past that, one more
/// error says how many others there are, so a new language's empty file
/// does not bury everything else.
const MISSING_SHOWN: usize = 10;

/// One language's interface strings.
#[derive(Debug, Clone)]
pub struct Strings {
    /// Every string by its dotted key.
    flat: BTreeMap<String, String>,
    /// The same strings as nested tables, as templates see them (`t`).
    tree: serde_json::Value,
    /// The fingerprint of `tree`, made once: every page has it.
    print: u64,
}

impl Default for Strings {
    /// The English table.
    fn default() -> Self {
        Self::from_flat(builtin(DEFAULT).unwrap_or_default())
    }
}

impl Strings {
    fn from_flat(flat: BTreeMap<String, String>) -> Self {
        let mut tree = serde_json::Map::new();
        for (key, text) in &flat {
            let mut at = &mut tree;
            let mut parts = key.split('.').peekable();
            while let Some(part) = parts.next() {
                if parts.peek().is_none() {
                    at.insert(part.to_owned(), serde_json::Value::String(text.clone()));
                    break;
                }
                let next = at
                    .entry(part.to_owned())
                    .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
                match next {
                    serde_json::Value::Object(map) => at = map,
                    // Keys are checked against the English table, whose
                    // keys never end where another goes on.
                    _ => break,
                }
            }
        }
        let tree = serde_json::Value::Object(tree);
        let print = crate::pages::fingerprint_of(&tree);
        Self { flat, tree, print }
    }

    /// The string at `key`; empty for a key no table has (the keys Rust
    /// code asks for are in the English table, which a test checks).
    pub fn get(&self, key: &str) -> &str {
        self.flat.get(key).map_or("", String::as_str)
    }

    /// The string at `key` with its `{name}` holes filled from `holes`, in
    /// one pass, so a value with braces in it stays as written. A hole
    /// `holes` does not name stays as it is.
    pub fn fill(&self, key: &str, holes: &[(&str, &str)]) -> String {
        let template = self.get(key);
        let mut text = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            rest = &rest[open..];
            let hole = holes.iter().find(|(name, _)| {
                rest.strip_prefix('{')
                    .and_then(|r| r.strip_prefix(name))
                    .is_some_and(|r| r.starts_with('}'))
            });
            match hole {
                Some((name, value)) => {
                    text.push_str(value);
                    rest = &rest[name.len() + 2..];
                }
                None => {
                    text.push('{');
                    rest = &rest[1..];
                }
            }
        }
        text.push_str(rest);
        text
    }

    /// The strings as nested tables, for templates.
    pub fn tree(&self) -> &serde_json::Value {
        &self.tree
    }

    /// The fingerprint of [`Strings::tree`].
    pub fn fingerprint(&self) -> u64 {
        self.print
    }

    /// `date` in words, in this language's order: `2 March 2024`.
    pub fn date(&self, date: Date) -> String {
        let (year, month) = date.year_month();
        let month = usize::try_from(month)
            .ok()
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
            .map_or("", |key| self.get(key));
        // One pass, so a month name with `{year}` in it stays as written.
        let format = self.get("date.format");
        let mut text = String::with_capacity(format.len() + month.len());
        let mut rest = format;
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            rest = &rest[open..];
            let (value, len) = if rest.starts_with("{day}") {
                (date.day().to_string(), "{day}".len())
            } else if rest.starts_with("{month}") {
                (month.to_owned(), "{month}".len())
            } else if rest.starts_with("{year}") {
                (year.to_string(), "{year}".len())
            } else {
                ("{".to_owned(), 1)
            };
            text.push_str(&value);
            rest = &rest[len..];
        }
        text.push_str(rest);
        text
    }
}

/// The name a kind of page has in the tables' `[title]` and
/// `[description]`: a TOML key needs no quotes (`404` → `not_found`).
pub fn kind_key(kind: &str) -> String {
    match kind {
        "404" => "not_found".to_owned(),
        other => other.replace('-', "_"),
    }
}

/// The primary subtag of a language tag, lower-case: `en-GB` → `en`.
pub fn primary(tag: &str) -> String {
    tag.split('-').next().unwrap_or(tag).to_ascii_lowercase()
}

/// The built-in table of `primary`, flattened, if salve has one.
fn builtin(primary: &str) -> Option<BTreeMap<String, String>> {
    let (_, text) = BUILT_IN.iter().find(|(tag, _)| *tag == primary)?;
    let mut flat = BTreeMap::new();
    let table: toml::Table = text.parse().ok()?;
    flatten("", &table, &mut flat);
    Some(flat)
}

fn flatten(prefix: &str, table: &toml::Table, flat: &mut BTreeMap<String, String>) {
    for (key, value) in table {
        let key = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(text) => {
                flat.insert(key, text.clone());
            }
            toml::Value::Table(inner) => flatten(&key, inner, flat),
            _ => {}
        }
    }
}

/// Reports each file of `i18n/` no language can read: one not named by a
/// language tag (`spanish.toml`, `es_MX.toml`) or in a folder inside
/// `i18n/`. Without this, such a file would be silently left unread.
pub fn check_names(files: &[SourceFile], out: &mut Vec<Diagnostic>) {
    for file in files {
        let in_i18n = file.path.parent() == Some(Path::new(I18N));
        let stem = file
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let hint = if !in_i18n {
            format!(
                "move it to {}: strings files are not read from folders inside it",
                Path::new(I18N).join(format!("{stem}.toml")).display()
            )
        } else if is_language_tag(stem) {
            continue;
        } else {
            let dashed = stem.replace('_', "-");
            if is_language_tag(&dashed) {
                format!(
                    "did you mean {}? The parts of a language tag are joined with `-`",
                    Path::new(I18N).join(format!("{dashed}.toml")).display()
                )
            } else {
                "name it by its language's BCP 47 tag, such as `es.toml` or `pt-BR.toml`".to_owned()
            }
        };
        let message = if in_i18n {
            format!(
                "the strings file `{}` is not named by a language tag, so no language reads it",
                file.path.display()
            )
        } else {
            format!(
                "the strings file `{}` is in a folder, so no language reads it",
                file.path.display()
            )
        };
        out.push(Diagnostic::error("strings-file", &file.path, message).hint(hint));
    }
}

/// Whether `name` is a language tag with an ISO 639 language (two or three
/// letters): `es`, `es-MX`, `pt-BR`. The tag grammar alone also takes
/// words such as `spanish` as a language.
fn is_language_tag(name: &str) -> bool {
    oxilangtag::LanguageTag::parse(name)
        .is_ok_and(|tag| (2..=3).contains(&tag.primary_language().len()))
}

/// The strings of the site's `language`: salve's table for it with the
/// site's `i18n/<language>.toml` over it (the file named by the whole tag,
/// else by its primary subtag, in any case). Problems go to `out`: an
/// unknown key or a string that is not text in the site's file, a string
/// missing from the result (an error; with `fallback`, the English string
/// and one warning naming them all). A language with neither a table nor
/// a file falls back to English, with a warning.
pub fn load(
    language: &str,
    fallback: bool,
    files: &[SourceFile],
    out: &mut Vec<Diagnostic>,
) -> Strings {
    load_beside(language, fallback, None, files, out)
}

/// [`load`] for one of a site's `[languages]`, `own` being the site's own
/// language (its tag and strings): what that language falls back to is the
/// site's own language, not English.
pub fn load_beside(
    language: &str,
    fallback: bool,
    own: Option<(&str, &Strings)>,
    files: &[SourceFile],
    out: &mut Vec<Diagnostic>,
) -> Strings {
    let english = builtin(DEFAULT).unwrap_or_default();
    let (shown_in, fills) = match own {
        Some((tag, strings)) => (format!("`{tag}`"), &strings.flat),
        None => ("English".to_owned(), &english),
    };
    let primary = primary(language);
    let named = |tag: &str| Path::new(I18N).join(format!("{tag}.toml"));
    // Tags are not case-sensitive: `i18n/es-mx.toml` is `es-MX`'s file.
    let is_named = |f: &&SourceFile, tag: &str| {
        f.path.parent() == Some(Path::new(I18N))
            && f.path
                .file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.eq_ignore_ascii_case(tag))
    };
    let file = files
        .iter()
        .find(|f| is_named(f, language))
        .or_else(|| files.iter().find(|f| is_named(f, &primary)));
    let base = builtin(&primary);
    if base.is_none() && file.is_none() {
        out.push(
            Diagnostic::warning(
                "no-strings",
                crate::config::CONFIG_FILE,
                format!("salve has no interface strings in `{language}`; pages show them in {shown_in}"),
            )
            .hint(format!(
                "write them in {}, with every key of the English table (see the README's \"Interface strings\")",
                named(&primary).display()
            )),
        );
        return Strings::from_flat(fills.clone());
    }
    let mut flat = base.unwrap_or_default();
    if let Some(file) = file {
        overlay(file, &english, &mut flat, out);
    }
    let missing: Vec<(&String, &String)> = english
        .iter()
        .filter(|(key, _)| !flat.contains_key(*key))
        .collect();
    // The file to add them to: the site's, or the one to write.
    let path: PathBuf = file.map_or_else(|| named(&primary), |f| f.path.clone());
    if fallback && !missing.is_empty() {
        let mut list: Vec<String> = missing
            .iter()
            .take(MISSING_SHOWN)
            .map(|(key, _)| format!("`{key}`"))
            .collect();
        if missing.len() > MISSING_SHOWN {
            list.push(format!("and {} more", missing.len() - MISSING_SHOWN));
        }
        let count = match missing.len() {
            1 => "1 interface string is".to_owned(),
            n => format!("{n} interface strings are"),
        };
        out.push(
            Diagnostic::warning(
                "missing-string",
                &path,
                format!(
                    "{count} missing in `{language}`; pages show them in {shown_in}: {}",
                    list.join(", ")
                ),
            )
            .hint(format!(
                "add them to {}, with the keys of the English table (see the README's \"Interface strings\")",
                path.display()
            )),
        );
        for (key, text) in missing {
            let text = fills.get(key).unwrap_or(text);
            flat.insert(key.clone(), text.clone());
        }
        return Strings::from_flat(flat);
    }
    for (key, text) in missing.iter().take(MISSING_SHOWN) {
        let (table, leaf) = key.rsplit_once('.').unwrap_or(("", key));
        out.push(
            Diagnostic::error(
                "missing-string",
                &path,
                format!("the interface string `{key}` is missing in `{language}`"),
            )
            .hint(format!(
                "add `{leaf} = \"…\"` under `[{table}]` in {} (in English: \"{text}\")",
                path.display()
            )),
        );
    }
    if missing.len() > MISSING_SHOWN {
        out.push(
            Diagnostic::error(
                "missing-string",
                &path,
                format!(
                    "{} more interface strings are missing in `{language}`",
                    missing.len() - MISSING_SHOWN
                ),
            )
            .hint("every key of the English table needs a string (see the README's \"Interface strings\")"),
        );
    }
    if !missing.is_empty() {
        return Strings::from_flat(english);
    }
    Strings::from_flat(flat)
}

/// Puts the strings of the site's `file` into `flat`, checking each key
/// against the English table.
fn overlay(
    file: &SourceFile,
    english: &BTreeMap<String, String>,
    flat: &mut BTreeMap<String, String>,
    out: &mut Vec<Diagnostic>,
) {
    let text = &file.text;
    let doc = match toml_edit::Document::parse(text.as_str()) {
        Ok(doc) => doc,
        Err(err) => {
            let mut d = Diagnostic::error("strings", &file.path, err.message().to_owned())
                .hint("a strings file is TOML: `[article]` then `reviewed_by = \"…\"`");
            if let Some(span) = err.span() {
                d = d.at(Position::of_offset(text, span.start), text);
            }
            out.push(d);
            return;
        }
    };
    let keys: Vec<&str> = english.keys().map(String::as_str).collect();
    let mut leaves = Vec::new();
    leaves_of("", doc.as_table(), &mut leaves);
    for (key, value, span) in leaves {
        let at = |d: Diagnostic| match &span {
            Some(span) => d.at(Position::of_offset(text, span.start), text),
            None => d,
        };
        if !english.contains_key(&key) {
            let hint = match crate::frontmatter::closest(&key, &keys) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "the keys are those of the English table (see the README's \"Interface strings\")".to_owned(),
            };
            out.push(at(Diagnostic::error(
                "unknown-string",
                &file.path,
                format!("`{key}` is not an interface string"),
            )
            .hint(hint)));
            continue;
        }
        match value {
            Some(value) => {
                flat.insert(key, value);
            }
            None => out.push(at(Diagnostic::error(
                "strings",
                &file.path,
                format!("the interface string `{key}` must be text"),
            )
            .hint("write it in quotes: `key = \"…\"`"))),
        }
    }
}

/// A string of a site's file: its dotted key, its text (`None` when it is
/// not a string) and where its key is.
type Leaf = (String, Option<String>, Option<std::ops::Range<usize>>);

/// Every leaf of `table`: its dotted key, its text (`None` when it is not
/// a string) and where its key is.
fn leaves_of(prefix: &str, table: &toml_edit::Table, leaves: &mut Vec<Leaf>) {
    for (name, item) in table.iter() {
        let key = if prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{prefix}.{name}")
        };
        let span = table.key(name).and_then(toml_edit::Key::span);
        match item {
            toml_edit::Item::Table(inner) => leaves_of(&key, inner, leaves),
            toml_edit::Item::Value(toml_edit::Value::InlineTable(inner)) => {
                for (leaf, value) in inner.iter() {
                    let text = value.as_str().map(str::to_owned);
                    let span = inner.key(leaf).and_then(toml_edit::Key::span);
                    leaves.push((format!("{key}.{leaf}"), text, span));
                }
            }
            toml_edit::Item::Value(value) => {
                leaves.push((key, value.as_str().map(str::to_owned), span));
            }
            _ => leaves.push((key, None, span)),
        }
    }
}

#[cfg(test)]
mod tests;
