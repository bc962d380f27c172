//! Stage 3, link: the site as a graph of plain data.
//!
//! In: the parsed files, `site.toml` and the lists of files on disk. Out: a
//! [`Site`] where every cross-reference is an index that is known to resolve —
//! authors, reviewers, causes, treatments, links between articles, photos —
//! and the list of files to copy. Every broken reference is a diagnostic; the
//! stage is pure (no I/O), so `check` and `serve` can run it as often as
//! they like.

mod aliases;
mod article;
mod clashes;
mod external;
mod identifiers;
mod linker;
mod menus;
mod nearest;
mod pages;
mod photos;
mod publish;
mod references;
mod sections;
mod share;
mod tags;
mod topics;

pub use aliases::{alias_path, check_redirects};
pub use linker::link;
pub use menus::{MenuItem, MenuLink, Menus};
pub use share::DefaultImage;

use crate::config::{BaseUrl, SiteConfig};
use crate::content::{Reference, Urgency};
use crate::date::Date;
use crate::load::Files;
use crate::markdown::Body;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The whole site, linked.
#[derive(Debug, Clone)]
pub struct Site {
    /// `site.toml`.
    pub config: SiteConfig,
    /// Where the site is served.
    pub base: BaseUrl,
    /// Published articles, newest first.
    pub articles: Vec<Article>,
    /// Causes, A–Z by name.
    pub causes: Vec<Cause>,
    /// Treatments, A–Z by name.
    pub treatments: Vec<Treatment>,
    /// Authors and reviewers, A–Z by name.
    pub authors: Vec<Author>,
    /// The folders of articles, by path: a section comes before its
    /// sub-sections.
    pub sections: Vec<Section>,
    /// Tags, A–Z by name.
    pub tags: Vec<Tag>,
    /// Standalone pages, by path.
    pub pages: Vec<Page>,
    /// The main and footer menus.
    pub menus: Menus,
    /// Whether the site has the calorie-goal calculator: site.toml turns it
    /// on, or a published article shows it.
    pub calculator: bool,
    /// site.toml's `[extra]`, for the site's templates (`site.extra`).
    pub extra: serde_json::Value,
    /// Files copied as they are: photos and files linked from articles,
    /// then the files of `static/`.
    pub copies: Vec<FileCopy>,
    /// The photos resized and re-encoded, by the original's path in the
    /// output (filled by [`crate::images`], after linking); their copies
    /// are not made.
    pub images: std::collections::BTreeMap<String, crate::images::ProcessedImage>,
    /// The SVG photos drawn as JPEGs for link previews, by the SVG's path
    /// in the output (filled by [`crate::images`] too).
    pub drawn: std::collections::BTreeMap<String, crate::images::Variant>,
    /// Rasters copied without their metadata (filled by [`crate::images`]):
    /// their copies are not made.
    pub scrubbed: std::collections::BTreeSet<String>,
    /// site.toml's `image`: the picture link previews show for a page
    /// without a photo of its own.
    pub share_image: Option<DefaultImage>,
    /// Old URLs that send readers to a page: each gets a redirect page and
    /// a line in `_redirects`. Sorted by `from`.
    pub redirects: Vec<Redirect>,
    /// The site's own `static/_redirects`, whose rules go first in the
    /// `_redirects` salve writes.
    pub host_redirects: Option<crate::load::SourceFile>,
    /// The day of the build.
    pub today: Date,
    /// The interface strings of the site's language.
    pub strings: crate::i18n::Strings,
    /// Where this language's pages are, from the site root: `""` for the
    /// site's own language, `es/` for `[languages.es]`. Page paths are
    /// from there; files (photos, `static/`) from the root.
    pub prefix: String,
    /// The pages of this language that other languages translate (filled
    /// by [`crate::languages::pair`] once every language is linked).
    pub alternates: crate::languages::Alternates,
    /// Every language of the site with its home page, the site's own
    /// first; empty for a site in one language.
    pub languages: Vec<crate::languages::Alternate>,
    /// The articles this build did not publish, by reason.
    pub left_out: LeftOut,
    /// The addresses of other sites the published pages and site.toml
    /// link to, in file order, for `salve check --external`.
    pub externals: Vec<ExternalUrl>,
}

/// An address of another site a writer typed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalUrl {
    /// The address as a reader's browser fetches it: `http:` or `https:`,
    /// without a `#fragment`.
    pub url: String,
    /// The file it is written in, relative to the site root.
    pub file: PathBuf,
    /// Where in the file.
    pub pos: crate::diagnostic::Position,
    /// The text of that line.
    pub line: std::sync::Arc<str>,
}

/// How many articles a build left out, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Drafts (`--drafts` includes them).
    pub drafts: usize,
    /// Dated after the build's day (`--drafts` includes them).
    pub scheduled: usize,
    /// Past their `expires` date.
    pub expired: usize,
}

/// The files of `static/`, copied to the output root, under the files
/// salve writes.
fn static_copies(files: &crate::load::Files) -> impl Iterator<Item = FileCopy> + '_ {
    files.iter().map(|(f, real)| FileCopy {
        from: std::path::Path::new(crate::load::STATIC).join(f),
        to: f.to_string_lossy().replace('\\', "/"),
        real: real.to_path_buf(),
    })
}

impl Site {
    /// The path of this language's home page, from the host: the base
    /// URL's path, then [`Site::prefix`]; a page's link is this and its
    /// path.
    pub fn home_path(&self) -> String {
        format!("{}{}", self.base.path, self.prefix)
    }

    /// The absolute URL of this language's home page.
    pub fn home_url(&self) -> String {
        format!("{}{}", self.base.full, self.prefix)
    }

    /// Frees the HTML of the articles' bodies, once every page and feed
    /// that shows them is made.
    pub fn drop_bodies(&mut self) {
        for a in &mut self.articles {
            a.body.html = String::new();
        }
        for p in &mut self.pages {
            p.body.html = String::new();
        }
    }
}

/// An old URL that sends readers on to a page. Aliases in front matter
/// make them; anything else that makes one (a list's first page under a
/// second URL) pushes it onto [`Site::redirects`] before
/// [`check_redirects`] runs, which reports one that takes a URL already
/// taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The old path, as a page's path is written: from the site root, no
    /// leading `/`, e.g. `old/knees/` (a folder) or `old.html` (a file).
    pub from: String,
    /// The path of the page it sends readers to, e.g. `articles/knees/`.
    pub to: String,
    /// Where a writer asked for it, for errors; `None` for one salve makes
    /// itself.
    pub source: Option<RedirectSource>,
}

/// Where an alias is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectSource {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// The alias's place in it.
    pub pos: crate::diagnostic::Position,
    /// The text of that line.
    pub line: String,
}

impl RedirectSource {
    /// `file:line:column`, to name it in another problem's message.
    pub fn place(&self) -> String {
        format!(
            "{}:{}:{}",
            self.file.display(),
            self.pos.line,
            self.pos.column
        )
    }
}

/// An article page.
#[derive(Debug, Clone)]
pub struct Article {
    /// The Markdown file, relative to the site root.
    pub source: PathBuf,
    /// The page's path, e.g. `articles/legs/shin-splints/`.
    pub path: String,
    /// Title.
    pub title: String,
    /// Description, when given.
    pub description: Option<String>,
    /// Where a blank `description = ""` is written (its place and line),
    /// for `salve check` to show; `None` when the description has words or
    /// is not written at all.
    pub blank_description: Option<(crate::diagnostic::Position, String)>,
    /// First published.
    pub date: Date,
    /// Last updated.
    pub updated: Option<Date>,
    /// Last medically reviewed.
    pub reviewed: Option<Date>,
    /// When the next medical review is due.
    pub next_review: Option<Date>,
    /// The body's reading level on its language's formula; `None` for a
    /// language with no formula or a body with no words.
    pub reading: Option<crate::readability::Reading>,
    /// Whether the page shows the calorie-goal calculator.
    pub calculator: bool,
    /// Index into [`Site::authors`].
    pub author: usize,
    /// Index into [`Site::authors`].
    pub reviewer: Option<usize>,
    /// Phrases to search next.
    pub related_searches: Vec<String>,
    /// Tags, as written.
    pub tags: Vec<String>,
    /// Indices into [`Site::tags`]: its tags' pages, in front matter order.
    pub tag_pages: Vec<usize>,
    /// Index into [`Site::sections`]: the folder it is in; `None` directly
    /// under `articles/`.
    pub section: Option<usize>,
    /// The lead photo.
    pub photo: Option<Photo>,
    /// Causes discussed, in front matter order.
    pub causes: Vec<ArticleCause>,
    /// Sources.
    pub references: Vec<Reference>,
    /// The rendered body.
    pub body: Body,
    /// Indices into [`Site::articles`]: "you might also like".
    pub related: Vec<usize>,
    /// The Markdown files its body links to (not itself), relative to the
    /// site root, A–Z without repeats.
    pub links_to: Vec<PathBuf>,
    /// The front matter's `[extra]`, for the site's templates.
    pub extra: serde_json::Value,
}

/// A standalone page, from `pages/`.
#[derive(Debug, Clone)]
pub struct Page {
    /// The Markdown file, relative to the site root.
    pub source: PathBuf,
    /// The page's path, e.g. `policies/privacy/`.
    pub path: String,
    pub title: String,
    pub description: Option<String>,
    /// What it is, when schema.org has a type for it.
    pub page_type: Option<crate::content::PageType>,
    /// Last updated, for the sitemap.
    pub updated: Option<Date>,
    /// The front matter's `[extra]`, for the site's templates.
    pub extra: serde_json::Value,
    /// The rendered body.
    pub body: Body,
}

/// A photo with its link.
#[derive(Debug, Clone)]
pub struct Photo {
    /// Its path in the output, from the site root.
    pub path: String,
    /// Alternative text; empty when the writer gave none.
    pub alt: String,
    /// "Photo credit: …".
    pub credit: Option<String>,
    /// Where the front matter gives its `src`, and that line.
    pub place: (crate::diagnostic::Position, std::sync::Arc<str>),
}

/// A cause as one article discusses it.
#[derive(Debug, Clone)]
pub struct ArticleCause {
    /// Index into [`Site::causes`].
    pub cause: usize,
    /// Indices into [`Site::treatments`].
    pub treatments: Vec<usize>,
    /// How soon to get care.
    pub urgency: Urgency,
    /// Index into the article's `body.sections`: the cause's section.
    pub section: Option<usize>,
}

/// An optional overview page's content.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The file.
    pub source: PathBuf,
    /// Its heading, when given.
    pub title: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Its body.
    pub body: Body,
}

impl Overview {
    /// The page heading and description of a cause or treatment named
    /// `name`, from its overview when it has one.
    pub fn heading(overview: Option<&Overview>, name: &str) -> (String, String) {
        let title = overview
            .and_then(|o| o.title.clone())
            .unwrap_or_else(|| name.to_owned());
        let description = overview
            .and_then(|o| o.description.clone())
            .unwrap_or_default();
        (title, description)
    }
}

/// A cause page.
#[derive(Debug, Clone)]
pub struct Cause {
    /// URL segment and identity.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// `causes/<slug>/`.
    pub path: String,
    /// The most urgent level any article gives it.
    pub urgency: Urgency,
    /// Indices into [`Site::treatments`], A–Z.
    pub treatments: Vec<usize>,
    /// Every article discussing it, newest first.
    pub mentions: Vec<Mention>,
    /// From `articles/causes/<slug>.md`.
    pub overview: Option<Overview>,
}

/// An article's discussion of a cause.
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    /// Index into [`Site::articles`].
    pub article: usize,
    /// Index into that article's `body.sections`.
    pub section: Option<usize>,
}

/// A treatment page.
#[derive(Debug, Clone)]
pub struct Treatment {
    /// URL segment and identity.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// `treatments/<slug>/`.
    pub path: String,
    /// Indices into [`Site::causes`] it is used for, A–Z.
    pub causes: Vec<usize>,
    /// Indices into [`Site::articles`] that recommend it, newest first.
    pub articles: Vec<usize>,
    /// From `articles/treatments/<slug>.md`.
    pub overview: Option<Overview>,
}

/// An author or reviewer page.
#[derive(Debug, Clone)]
pub struct Author {
    /// The `[authors]` key, also the URL segment.
    pub key: String,
    /// Full name.
    pub name: String,
    /// Short biography.
    pub bio: String,
    /// Photo path in the output.
    pub photo: Option<String>,
    /// Where site.toml gives the photo, and that line.
    pub photo_place: Option<(crate::diagnostic::Position, std::sync::Arc<str>)>,
    /// Credentials.
    pub credentials: Option<String>,
    /// Their own page.
    pub url: Option<String>,
    /// `authors/<key>/`.
    pub path: String,
    /// Articles written, newest first.
    pub articles: Vec<usize>,
    /// Articles reviewed, newest first.
    pub reviewed: Vec<usize>,
}

/// A folder of articles and its page.
#[derive(Debug, Clone)]
pub struct Section {
    /// The folder, relative to the site root, e.g. `articles/knees`.
    pub folder: PathBuf,
    /// `articles/<folder>/`.
    pub path: String,
    /// From `_index.md`, else the folder's name made readable.
    pub title: String,
    /// `_index.md`, when the folder has one: its description and intro.
    pub index: Option<Overview>,
    /// Index into [`Site::sections`] of the section it is in.
    pub parent: Option<usize>,
    /// Indices into [`Site::sections`] of its sub-folders, A–Z by title.
    pub children: Vec<usize>,
    /// Indices into [`Site::articles`] of the articles directly in it,
    /// newest first.
    pub articles: Vec<usize>,
    /// How many articles it and its sub-sections hold.
    pub total: usize,
    /// The last change of an article in it or its sub-sections.
    pub changed: Option<Date>,
}

/// A tag and its page.
#[derive(Debug, Clone)]
pub struct Tag {
    /// URL segment and identity: spellings with one slug are one tag.
    pub slug: String,
    /// The spelling writers use most.
    pub name: String,
    /// `tags/<slug>/`.
    pub path: String,
    /// Indices into [`Site::articles`], newest first.
    pub articles: Vec<usize>,
}

/// A file copied into the output unchanged.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileCopy {
    /// Relative to the site root.
    pub from: PathBuf,
    /// Relative to the output root, with `/` separators.
    pub to: String,
    /// Where load found the file (absolute, no link in it): the only path
    /// it is copied from.
    pub real: PathBuf,
}

/// What the link stage needs besides the parsed files.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// Where the site is served.
    pub base: &'a BaseUrl,
    /// The text of `site.toml`, to locate problems in it.
    pub config_text: &'a str,
    /// Non-Markdown files under `articles/`, relative to the root.
    pub assets: &'a Files,
    /// Files under `static/`, relative to `static/`.
    pub static_files: &'a Files,
    /// `static/_redirects`, read to be merged with salve's redirects.
    pub host_redirects: Option<&'a crate::load::SourceFile>,
    /// Every Markdown file under `articles/`, parsed or not.
    pub all_markdown: &'a BTreeSet<PathBuf>,
    /// Whether drafts and future-dated articles are published.
    pub drafts: bool,
    /// The day of the build: later-dated articles wait, expired ones go.
    pub today: Date,
    /// The interface strings of the site's language.
    pub strings: &'a crate::i18n::Strings,
    /// Where the language's pages are, from the site root (see
    /// [`Site::prefix`]).
    pub prefix: &'a str,
}

#[cfg(test)]
mod tests;
