//! What parsing a body gives the later stages: the [`Body`] (its HTML,
//! outline and references) and the [`Input`] it is made from.

use crate::diagnostic::Position;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a body comes from, for resolving links and placing diagnostics.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The whole file, front matter included.
    pub text: &'a str,
    /// Byte offset of the body in `text`.
    pub body_start: usize,
    /// The file, relative to the site root.
    pub source: &'a Path,
    /// The base URL's path, e.g. `/health/`.
    pub base_path: &'a str,
    /// Whether raw HTML and any link scheme pass through.
    pub allow_html: bool,
}

/// A heading listed in the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's `id`.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// A `##` section of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's text.
    pub title: String,
    /// The heading's `id`.
    pub id: String,
    /// The plain text of the section's first paragraph.
    pub excerpt: String,
    /// The 1-based line of its heading in the file, for a message that
    /// points at it.
    pub line: usize,
}

/// A link to another Markdown file (or to an anchor on this page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    /// The linked file, relative to the site root.
    pub target: PathBuf,
    /// The `#fragment`, if any.
    pub fragment: Option<String>,
    /// Where the link is written.
    pub pos: Position,
    /// The line it is written on, shown with a problem the link stage finds
    /// (the body's text is not kept after parsing). Shared by everything
    /// written on that line, so a line of many links is kept once.
    pub line: Arc<str>,
}

/// A local file the body links to or shows, copied beside the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// The file, relative to the site root.
    pub source: PathBuf,
    /// Where it goes, relative to the page's folder.
    pub dest: String,
    /// Where the reference is written.
    pub pos: Position,
    /// The line it is written on (see [`SourceLink::line`]).
    pub line: Arc<str>,
}

/// A file under `static/` the body shows or links to by a `/` path
/// (`/images/heel.jpg`), which must exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticRef {
    /// The file, relative to `static/` (and to the output root).
    pub path: String,
    /// Where the reference is written.
    pub pos: Position,
    /// The line it is written on (see [`SourceLink::line`]).
    pub line: Arc<str>,
}

/// A link or image to another site, as written in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalRef {
    /// The URL as a browser reads it (`https://…`, `http://…` or `//…`).
    pub url: String,
    /// Where the URL is written (where the link starts when the URL is
    /// elsewhere: a reference-style link's definition).
    pub pos: Position,
    /// The line it is written on (see [`SourceLink::line`]).
    pub line: Arc<str>,
}

/// An image of a file of the site shown in a body. The HTML has
/// [`IMAGE_MARK`] with its index in [`Body::images`] just before its
/// `<img>`: the image stage, which alone knows the file's size and
/// variants, replaces the two with a `<picture>` (or drops the mark of a
/// file copied as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyImage {
    /// The file in the output, relative to its root.
    pub to: String,
    /// Where the image is written.
    pub pos: Position,
    /// The line it is written on (see [`SourceLink::line`]).
    pub line: Arc<str>,
}

/// The mark before a [`BodyImage`]'s `<img>`: the two halves around its
/// index. Raw HTML from a writer is escaped unless `allow_html` is set, so
/// only salve (or a site that trusts its writers) writes it.
pub const IMAGE_MARK: (&str, &str) = ("<!--salve-image:", "-->");

/// A body rendered to HTML, with its outline and references.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The HTML of the body.
    pub html: String,
    /// `##` and `###` headings, in order.
    pub toc: Vec<TocEntry>,
    /// `##` sections, in order.
    pub sections: Vec<Section>,
    /// Every heading id on the page.
    pub ids: Vec<String>,
    /// Links to Markdown files and in-page anchors.
    pub links: Vec<SourceLink>,
    /// Local files to copy.
    pub assets: Vec<Asset>,
    /// Files under `static/` shown or linked by a `/` path.
    pub statics: Vec<StaticRef>,
    /// Links and images to other sites (`http:`, `https:`, `//host/…`), in
    /// order, for `salve check --external`.
    pub externals: Vec<ExternalRef>,
    /// Images of the site's files, in order (see [`BodyImage`]).
    pub images: Vec<BodyImage>,
    /// Words, sentences and syllables of the prose, for reading time and level.
    pub stats: crate::readability::Stats,
    /// The plain text of the first paragraph with words (not in a list,
    /// quote or table): a page's description where it gives none.
    pub lead: String,
}
