//! The typed front matter of articles and overview pages, as README.md's
//! "Front matter reference" lists it. Every struct denies unknown fields: a
//! misspelt key is an error with a suggestion, never silently ignored. Values that later checks must
//! point at (an author key, a photo path, a cause name) keep their spans.

use crate::date::Date;
use serde::Deserialize;
use toml::Spanned;

/// The front matter of an article.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// The page title and `<h1>`.
    pub title: Spanned<String>,
    /// One or two sentences shown under the title and in listings.
    pub description: Option<Spanned<String>>,
    /// First publication.
    pub date: Date,
    /// Last substantive edit.
    pub updated: Option<Date>,
    /// Last medical review.
    pub reviewed: Option<Spanned<Date>>,
    /// The `[authors]` key of the medical reviewer.
    pub reviewed_by: Option<Spanned<String>>,
    /// The `[authors]` key of the writer.
    pub author: Spanned<String>,
    /// Drafts are left out of a build unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// The last day the article is published; it is left out after it.
    pub expires: Option<Date>,
    /// Phrases a reader may look for next; each links to the search page.
    #[serde(default)]
    pub related_searches: Vec<String>,
    /// Free-form topics, used to find related articles.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Show the calorie-goal calculator beside the article; the site's
    /// `calculator` setting when absent.
    pub calculator: Option<bool>,
    /// The lead photo.
    pub photo: Option<Photo>,
    /// The causes the article discusses, each with a `## <name>` section.
    #[serde(default)]
    pub causes: Vec<CauseEntry>,
    /// Sources, listed at the end of the article.
    #[serde(default)]
    pub references: Vec<Reference>,
    /// Fields of the site's own, for its templates (`article.extra`).
    #[serde(default)]
    pub extra: toml::Table,
    /// Old URLs of the article (site paths such as `/old/path/`): each gets
    /// a page that sends readers on, and a line in `_redirects`.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

/// The keys of [`ArticleMeta`], for "did you mean" hints.
pub const ARTICLE_FIELDS: &[&str] = &[
    "title",
    "description",
    "date",
    "updated",
    "reviewed",
    "reviewed_by",
    "author",
    "draft",
    "expires",
    "related_searches",
    "tags",
    "calculator",
    "photo",
    "causes",
    "references",
    "aliases",
    "src",
    "alt",
    "credit",
    "name",
    "treatments",
    "urgency",
    "publisher",
    "url",
    "accessed",
    "published",
    "doi",
    "pmid",
    "extra",
];

/// A lead photo, next to the article or under `static/`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// Path relative to the article's folder, or to `static/`.
    pub src: Spanned<String>,
    /// What the photo shows, for readers who cannot see it.
    pub alt: Option<Spanned<String>>,
    /// Shown as "Photo credit: …".
    pub credit: Option<String>,
}

/// One cause an article discusses.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CauseEntry {
    /// The cause's name; its section in the body is the `##` heading with
    /// this name (case and punctuation aside).
    pub name: Spanned<String>,
    /// What helps, by treatment name.
    #[serde(default)]
    pub treatments: Vec<Spanned<String>>,
    /// How soon a reader should get care.
    #[serde(default)]
    pub urgency: Urgency,
}

/// How soon a reader with this cause should get care, in rising order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    /// Self-care is usually enough.
    #[default]
    Routine,
    /// See a doctor soon, but not as an emergency.
    SeeDoctor,
    /// Get medical help today.
    Urgent,
    /// Call emergency services now.
    Emergency,
}

impl Urgency {
    /// The name used in front matter and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Urgency::Routine => "routine",
            Urgency::SeeDoctor => "see-doctor",
            Urgency::Urgent => "urgent",
            Urgency::Emergency => "emergency",
        }
    }
}

/// A source the article draws on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Title of the cited page or paper.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where to read it.
    pub url: Option<Spanned<String>>,
    /// When the writer read it.
    pub accessed: Option<Date>,
    /// When it was published.
    pub published: Option<Date>,
    /// Digital Object Identifier, e.g. `10.1000/xyz123` (its form is
    /// checked: it becomes a link).
    pub doi: Option<Spanned<String>>,
    /// PubMed identifier, e.g. `12345678` (its form is checked too).
    pub pmid: Option<Spanned<String>>,
}

/// The front matter of an overview page (`articles/causes/<slug>.md`,
/// `articles/treatments/<slug>.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverviewMeta {
    /// The page's heading; the cause or treatment name when absent.
    pub title: Option<String>,
    /// A sentence shown under the heading and in listings.
    pub description: Option<String>,
}

/// The keys of [`OverviewMeta`].
pub const OVERVIEW_FIELDS: &[&str] = &["title", "description"];

/// The front matter of a standalone page (`pages/<name>.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// The page title and `<h1>`.
    pub title: String,
    /// A sentence for search engines and link previews.
    pub description: Option<String>,
    /// What the page is, for its schema.org type; a plain `WebPage` when
    /// absent.
    pub kind: Option<PageType>,
    /// Last substantive edit, for the sitemap.
    pub updated: Option<Date>,
    /// Drafts are left out of a build unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Fields of the site's own, for its templates (`page.extra`).
    #[serde(default)]
    pub extra: toml::Table,
    /// Old URLs of the page, as an article's `aliases`.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

/// The keys of [`PageMeta`].
pub const PAGE_FIELDS: &[&str] = &[
    "title",
    "description",
    "kind",
    "updated",
    "draft",
    "extra",
    "aliases",
];

/// What a standalone page is, when it is one schema.org names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageType {
    /// About the site or its publisher: `AboutPage`.
    About,
    /// How to reach the publisher: `ContactPage`.
    Contact,
}

impl PageType {
    /// The schema.org type of such a page.
    pub fn schema_type(self) -> &'static str {
        match self {
            PageType::About => "AboutPage",
            PageType::Contact => "ContactPage",
        }
    }
}

/// A TOML value as JSON, for templates: dates and times become their TOML
/// text (`2024-03-02`), everything else keeps its shape.
pub fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => table_to_json(t),
    }
}

/// A TOML table as a JSON object (see [`toml_to_json`]).
pub fn table_to_json(table: &toml::Table) -> serde_json::Value {
    serde_json::Value::Object(
        table
            .iter()
            .map(|(k, v)| (k.clone(), toml_to_json(v)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_design_example_parses() {
        let meta: ArticleMeta = toml::from_str(
            r#"
title = "What causes leg aches after exercise"
description = "Soreness after a workout is normal."
date = 2024-03-02
updated = 2025-01-10
reviewed = 2025-01-08
reviewed_by = "dr-ana-ruiz"
author = "brenda-barron"
draft = false
related_searches = ["leg pain after running"]
tags = ["legs"]
[photo]
src = "leg-ache.jpg"
alt = "A runner holding her calf"
credit = "macniak/iStock"
[[causes]]
name = "Strained calf"
treatments = ["Rest", "Ice"]
[[causes]]
name = "Peripheral artery disease"
treatments = ["See a doctor"]
urgency = "see-doctor"
[[references]]
title = "Peripheral artery disease"
publisher = "A national health service"
url = "https://example.org/pad"
"#,
        )
        .unwrap();
        assert_eq!(meta.causes[1].urgency, Urgency::SeeDoctor);
        assert_eq!(meta.causes[0].urgency, Urgency::Routine);
        assert_eq!(meta.photo.unwrap().src.get_ref(), "leg-ache.jpg");
    }

    #[test]
    fn extra_keeps_any_toml_as_json() {
        let meta: PageMeta = toml::from_str(
            "title = \"About\"\nkind = \"about\"\n[extra]\nn = 3\nd = 2024-03-02\nlist = [\"a\", true]\n[extra.deep]\nx = 1.5\n",
        )
        .unwrap();
        assert_eq!(meta.kind, Some(PageType::About));
        let json = table_to_json(&meta.extra);
        assert_eq!(
            json,
            serde_json::json!({"n": 3, "d": "2024-03-02", "list": ["a", true], "deep": {"x": 1.5}})
        );
    }

    #[test]
    fn an_unknown_page_kind_lists_the_allowed_ones() {
        let err = toml::from_str::<PageMeta>("title = \"x\"\nkind = \"faq\"").unwrap_err();
        assert!(
            err.message().contains("`about` or `contact`"),
            "{}",
            err.message()
        );
    }

    #[test]
    fn unknown_urgency_is_rejected_with_the_allowed_values() {
        let err = toml::from_str::<CauseEntry>("name = \"x\"\nurgency = \"soon\"").unwrap_err();
        assert!(err.message().contains("see-doctor"), "{}", err.message());
    }
}
