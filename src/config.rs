//! `site.toml`: the site's settings and its authors.

use crate::diagnostic::{Diagnostic, Position};
use crate::frontmatter;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

mod images;
mod languages;
mod lints;

use images::check_images;
pub use images::{ImagesConfig, MAX_IMAGE_WIDTH};
pub use languages::LanguageConfig;
use languages::check_languages;
pub use lints::LintsConfig;
use lints::check_lints;

/// The file name of the settings, at the site's root.
pub const CONFIG_FILE: &str = "site.toml";

const DEFAULT_DISCLAIMER: &str = "This article is for general information and is not a \
substitute for advice from a doctor or other qualified health professional. If you are \
worried about a symptom, talk to a professional who can examine you.";

/// The settings of a site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, in every page title.
    pub title: String,
    /// Where the site is served, e.g. `https://example.org/health/`.
    pub base_url: Spanned<String>,
    /// One sentence about the site, for the home page and feeds.
    #[serde(default)]
    pub description: String,
    /// The language of the content, as a BCP 47 tag (checked: it names
    /// files of the search index and goes into every page's `lang`).
    #[serde(default = "default_language")]
    pub language: Spanned<String>,
    /// The organisation that publishes the site; the title when absent.
    pub publisher: Option<String>,
    /// The medical disclaimer shown on every article.
    #[serde(default = "default_disclaimer")]
    pub disclaimer: String,
    /// Opt in to raw HTML in Markdown. Off by default: HTML is shown as text.
    #[serde(default)]
    pub allow_html: bool,
    /// Days after a medical review when the next one is due.
    #[serde(default = "default_review_interval")]
    pub review_interval_days: u16,
    /// The number emergency callouts tell readers to call.
    #[serde(default = "default_emergency_number")]
    pub emergency_number: String,
    /// Show the calorie-goal calculator beside every article (each may
    /// opt in or out with its own `calculator`). Off by default: a site
    /// about, say, migraines has no use for it.
    #[serde(default)]
    pub calculator: bool,
    /// Articles above this Flesch–Kincaid grade get a warning (English).
    #[serde(default = "default_reading_grade_max")]
    pub reading_grade_max: f64,
    /// Articles below this INFLESZ score get a warning (Spanish).
    #[serde(default = "default_reading_ease_min")]
    pub reading_ease_min: f64,
    /// How many entries one page of a list shows (`/articles/`, sections,
    /// tags, authors, causes and treatments); the rest go to `page/2/`, ….
    #[serde(default = "default_paginate_by")]
    pub paginate_by: Spanned<usize>,
    /// Show a string missing from the language's strings table in English,
    /// with one warning, instead of stopping the build. Off by default.
    #[serde(default)]
    pub strings_fallback: bool,
    /// Writers and reviewers, by key.
    #[serde(default)]
    pub authors: BTreeMap<String, AuthorConfig>,
    /// The main and footer menus; salve's own where absent.
    #[serde(default)]
    pub menus: MenusConfig,
    /// How photos are resized and encoded.
    #[serde(default)]
    pub images: ImagesConfig,
    /// The picture for link previews (`og:image`) of every page without a
    /// photo of its own: a path under `static/`, raster or SVG.
    pub image: Option<Spanned<String>>,
    /// What that picture shows, for `og:image:alt`; the title when absent.
    pub image_alt: Option<String>,
    /// Fields of the site's own, for its templates (`site.extra`).
    #[serde(default)]
    pub extra: toml::Table,
    /// `[lints]`: a level (`"allow"`, `"warn"` or `"deny"`) by lint code.
    #[serde(default)]
    pub lints: LintsConfig,
    /// `[languages.<tag>]`: the languages the site is published in besides
    /// `language`, each at `/<tag>/`.
    #[serde(default)]
    pub languages: BTreeMap<String, LanguageConfig>,
    /// Whether these are a language's settings that show the site's own
    /// menus (its `[languages.<tag>]` sets none): see [`SiteConfig::in_language`].
    #[serde(skip)]
    pub menus_inherited: bool,
    /// The levels `lints` sets, checked: filled by [`parse`].
    #[serde(skip)]
    pub levels: crate::lint::levels::Levels,
}

/// `[[menus.main]]` and `[[menus.footer]]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenusConfig {
    /// The menu at the top of every page.
    pub main: Option<Vec<MenuItemConfig>>,
    /// The menu at the foot of every page.
    pub footer: Option<Vec<MenuItemConfig>>,
}

/// One menu entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItemConfig {
    /// The link's text.
    pub name: String,
    /// A path on the site starting with `/` (from the base URL's path), or
    /// an absolute URL.
    pub url: Spanned<String>,
}

/// The keys of [`SiteConfig`] and [`AuthorConfig`], for "did you mean" hints.
/// `lints` is left out: it is so near `link` that a misspelt menu key would
/// be sent to it, and serde's message lists it among the keys anyway.
pub const CONFIG_FIELDS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "language",
    "publisher",
    "disclaimer",
    "allow_html",
    "review_interval_days",
    "emergency_number",
    "reading_grade_max",
    "reading_ease_min",
    "calculator",
    "paginate_by",
    "strings_fallback",
    "authors",
    "name",
    "bio",
    "photo",
    "credentials",
    "url",
    "menus",
    "main",
    "footer",
    "extra",
    "images",
    "widths",
    "quality",
    "formats",
    "image",
    "image_alt",
    "languages",
];

fn default_language() -> Spanned<String> {
    Spanned::new(0..0, "en".to_owned())
}

fn default_review_interval() -> u16 {
    365
}

fn default_emergency_number() -> String {
    "911".to_owned()
}

fn default_reading_grade_max() -> f64 {
    8.0
}

/// The start of INFLESZ "normal".
fn default_reading_ease_min() -> f64 {
    55.0
}

fn default_paginate_by() -> Spanned<usize> {
    Spanned::new(0..0, 20)
}

fn default_disclaimer() -> String {
    DEFAULT_DISCLAIMER.to_owned()
}

/// A writer or medical reviewer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorConfig {
    /// Full name as shown on pages.
    pub name: String,
    /// A sentence or two about them.
    #[serde(default)]
    pub bio: String,
    /// Path under `static/`.
    pub photo: Option<Spanned<String>>,
    /// Degrees or titles, e.g. "MD, sports medicine".
    pub credentials: Option<String>,
    /// Their own page elsewhere.
    pub url: Option<Spanned<String>>,
}

/// Where the site lives, split for building links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// The full URL, ending in `/`, e.g. `https://example.org/health/`.
    pub full: String,
    /// Its path, beginning and ending in `/`, e.g. `/health/`; the prefix of
    /// every link in the site so it works under a sub-path.
    pub path: String,
}

impl BaseUrl {
    /// Checks and splits an `http(s)://host[/path]` URL; the message says what is wrong.
    pub fn parse(url: &str) -> Result<Self, String> {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| format!("base_url `{url}` must start with https:// or http://"))?;
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host.is_empty() || host.contains(['?', '#', ' ']) {
            return Err(format!("base_url `{url}` has no valid host name"));
        }
        if path.contains(['?', '#', ' ']) {
            return Err(format!(
                "base_url `{url}` must not have a query, fragment or space"
            ));
        }
        let path = format!("/{}", path.trim_matches('/'));
        let path = if path == "/" {
            path
        } else {
            format!("{path}/")
        };
        let scheme = &url[..url.len() - rest.len()];
        Ok(Self {
            full: format!("{scheme}{host}{path}"),
            path,
        })
    }
}

/// The longest language tag accepted: every common tag (language, script,
/// region, a variant) fits, and the tag is part of the search index's file
/// names, which must stay short.
const MAX_LANGUAGE_LEN: usize = 35;

/// Checks that `tag` is a well-formed BCP 47 language tag of a sensible length.
fn check_language(tag: &str) -> Result<(), String> {
    if tag.len() > MAX_LANGUAGE_LEN {
        return Err(format!(
            "the language tag is {} characters long; salve accepts tags of up to {MAX_LANGUAGE_LEN}",
            tag.chars().count()
        ));
    }
    oxilangtag::LanguageTag::parse(tag)
        .map(drop)
        .map_err(|err| {
            let why = err.to_string();
            let mut chars = why.chars();
            let why: String = chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default();
            format!("`{tag}` is not a BCP 47 language tag: {why}")
        })
}

/// The base URL the site is built for: `replacement` when given, else
/// `base_url`, which is checked either way.
fn base_url(
    config: &SiteConfig,
    text: &str,
    path: &Path,
    replacement: Option<&str>,
    out: &mut Vec<Diagnostic>,
) -> Option<BaseUrl> {
    let own = match BaseUrl::parse(config.base_url.get_ref()) {
        Ok(base) => Some(base),
        Err(message) => {
            out.push(
                Diagnostic::error("config", path, message)
                    .at(Position::of_offset(text, config.base_url.span().start), text)
                    .hint("write the address the site will be served at, e.g. \"https://example.org/health/\""),
            );
            None
        }
    };
    match replacement.map(BaseUrl::parse) {
        None => own,
        Some(Ok(base)) => Some(base),
        Some(Err(message)) => {
            out.push(
                Diagnostic::error("config", "--base-url", message)
                    .hint("pass a URL such as https://example.org/health/"),
            );
            None
        }
    }
}

/// Where a reader of an error in site.toml finds every key explained.
const CONFIG_REFERENCE: &str = "Every key is explained in README.md, section \"site.toml\".";

/// A TOML error of site.toml: labelled `config`, not `front-matter`, and
/// pointing at the README's list of keys rather than the front matter's.
fn config_diagnostic(mut d: Diagnostic) -> Diagnostic {
    d.code = "config";
    let hint = d.hint.take().unwrap_or_default();
    let first = match hint.split_once("; see the front matter reference") {
        Some((first, _)) => format!("{first}."),
        None if hint.starts_with("did you mean") => hint,
        None => String::new(),
    };
    d.hint = Some(
        format!("{first} {CONFIG_REFERENCE}")
            .trim_start()
            .to_owned(),
    );
    d
}

/// Reads and checks `site.toml`, pushing every problem found into `out`.
/// Returns the settings and the base URL the site is built for: `replacement`
/// (`--base-url`, e.g. for a preview deploy) when given, else `base_url`.
pub fn parse(
    text: &str,
    path: &Path,
    replacement: Option<&str>,
    out: &mut Vec<Diagnostic>,
) -> Option<(SiteConfig, BaseUrl)> {
    let _processing = crate::crash::processing(path);
    let mut config: SiteConfig = match toml::from_str(text) {
        Ok(c) => c,
        Err(err) => {
            let offset = err.span().map_or(0, |s| s.start);
            out.push(config_diagnostic(frontmatter::toml_diagnostic(
                &err,
                path,
                text,
                offset,
                CONFIG_FIELDS,
            )));
            return None;
        }
    };
    let before = out.len();
    let base = base_url(&config, text, path, replacement, out);
    if let Err(message) = check_language(config.language.get_ref()) {
        out.push(
            Diagnostic::error("config", path, message)
                .at(Position::of_offset(text, config.language.span().start), text)
                .hint("write the language of the articles as a tag such as \"en\", \"es\" or \"pt-BR\""),
        );
    }
    if *config.paginate_by.get_ref() == 0 {
        out.push(
            Diagnostic::error("config", path, "paginate_by is 0; a page must show at least one entry")
                .at(Position::of_offset(text, config.paginate_by.span().start), text)
                .hint("write how many entries a page of a list shows, e.g. `paginate_by = 20` (the default)"),
        );
    }
    for key in config.authors.keys() {
        if crate::slug::slugify(key) != *key {
            let offset = text.find(&format!("authors.{key}")).unwrap_or(0);
            out.push(
                Diagnostic::error(
                    "config",
                    path,
                    format!("author key `{key}` is not usable in a URL"),
                )
                .at(Position::of_offset(text, offset), text)
                .hint(format!(
                    "use lower-case letters, digits and hyphens, e.g. `{}`",
                    crate::slug::slugify(key)
                )),
            );
        }
    }
    check_languages(&config, text, path, out);
    check_images(&config.images, text, path, out);
    config.levels = check_lints(&config.lints, text, path, out);
    // An unsafe author URL does not stop the articles being checked too.
    let usable = out.len() == before;
    for author in config.authors.values() {
        let Some(url) = &author.url else { continue };
        if let Some(scheme) = crate::url::unsafe_scheme(url.get_ref()) {
            out.push(
                Diagnostic::error(
                    "unsafe-url",
                    path,
                    format!(
                        "the author's url has the scheme `{scheme}:`, which a link may not have"
                    ),
                )
                .at(Position::of_offset(text, url.span().start), text)
                .hint(crate::url::SAFE_SCHEMES_HINT),
            );
        }
    }
    match (usable, base) {
        (true, Some(base)) => Some((config, base)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
