//! An article's front matter fields are listed in four places: the struct
//! the parser fills (`ArticleMeta` and its tables), `ARTICLE_FIELDS` (what
//! "did you mean" suggests), the README's front matter reference and the
//! article `salve new` writes. These tests keep the four in step, so a new
//! field cannot be accepted yet undocumented or left out of new articles.

use crate::harness::{Site, repo};
use salve::content::{ARTICLE_FIELDS, ArticleMeta};
use std::collections::BTreeSet;
use std::fs;

/// The names in `ARTICLE_FIELDS`.
fn listed() -> BTreeSet<String> {
    ARTICLE_FIELDS.iter().map(|f| f.to_string()).collect()
}

/// What is in one set and not the other, for a failure message.
fn difference(name: &str, found: &BTreeSet<String>) -> String {
    let listed = listed();
    format!(
        "{name} lacks {:?} of ARTICLE_FIELDS, and has {:?} that ARTICLE_FIELDS lacks",
        listed.difference(found).collect::<Vec<_>>(),
        found.difference(&listed).collect::<Vec<_>>()
    )
}

/// The words between backticks in `text` that could be field names.
fn quoted_names(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_owned)
        .collect()
}

/// The fields of the README's front matter reference: each row's field, and
/// for a table, the keys its description names.
fn readme_fields() -> BTreeSet<String> {
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let (_, section) = readme
        .split_once("### Front matter reference\n")
        .expect("the README has a front matter reference");
    let mut fields = BTreeSet::new();
    for row in section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
    {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let [_, field, kind, about, ..] = cells[..] else {
            panic!("not a row of three cells: {row}");
        };
        let name = field.trim_matches(['`', '[', ']']);
        assert!(!name.is_empty(), "no field in: {row}");
        fields.insert(name.to_owned());
        if kind.contains("table") {
            fields.extend(quoted_names(about));
        }
    }
    fields
}

/// The front matter `salve new` writes, between its `+++` lines.
fn new_article_front_matter() -> String {
    let site = Site::fixture("basic");
    let run = site.salve(&["new", "Fields"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = fs::read_to_string(site.path("articles/fields.md")).unwrap();
    let mut parts = text.split("+++\n");
    assert_eq!(parts.next(), Some(""), "{text}");
    parts.next().expect("front matter").to_owned()
}

/// A line of the front matter with its leading `#` taken away, so a field
/// the writer may fill in counts as well as one filled in.
fn uncommented(line: &str) -> &str {
    line.trim_start().trim_start_matches('#').trim_start()
}

/// The keys and table names of the front matter, commented or not.
fn template_fields(front: &str) -> BTreeSet<String> {
    let mut fields = BTreeSet::new();
    for line in front.lines().map(uncommented) {
        let name = if line.starts_with('[') {
            line.split(']').next().unwrap().trim_start_matches('[')
        } else {
            line.split('=').next().unwrap().trim()
        };
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            fields.insert(name.to_owned());
        }
    }
    fields
}

/// The fields a struct of the front matter accepts, as serde names them when
/// it refuses an unknown one; `toml` is front matter with an unknown key
/// `zzz` placed in that struct.
fn accepted(toml: &str) -> Vec<String> {
    let error = toml::from_str::<ArticleMeta>(toml)
        .expect_err("an unknown field is refused")
        .to_string();
    let (_, expected) = error
        .split_once("unknown field `zzz`, expected one of ")
        .unwrap_or_else(|| panic!("{error}"));
    quoted_names(expected)
}

#[test]
fn article_fields_lists_every_field_the_front_matter_accepts() {
    let mut fields = BTreeSet::new();
    fields.extend(accepted("zzz = 1"));
    let head = "title = \"t\"\ndate = 2025-01-01\nauthor = \"a\"\n";
    for table in ["[photo]", "[[causes]]", "[[references]]"] {
        let names = accepted(&format!("{head}{table}\nzzz = 1\n"));
        assert!(names.len() > 1, "{table}: {names:?}");
        fields.extend(names);
    }
    assert_eq!(fields, listed(), "{}", difference("ArticleMeta", &fields));
}

#[test]
fn the_readme_documents_every_front_matter_field() {
    let fields = readme_fields();
    assert_eq!(fields, listed(), "{}", difference("the README", &fields));
}

#[test]
fn salve_new_writes_every_front_matter_field_and_each_reads() {
    let front = new_article_front_matter();
    let fields = template_fields(&front);
    assert_eq!(
        fields,
        listed(),
        "{}\n{front}",
        difference("salve new's article", &fields)
    );
    // Every field the writer may fill in is valid once its `#` is removed.
    let all: String = front
        .lines()
        .map(|l| uncommented(l).to_owned() + "\n")
        .collect();
    if let Err(e) = toml::from_str::<ArticleMeta>(&all) {
        panic!("{e}\n{all}");
    }
}
