//! Stage 2, parse: front matter and Markdown of every file under `articles/`.
//!
//! In: the loaded Markdown files. Out: [`Parsed`], each file's typed front
//! matter and rendered body. Files are independent here; nothing refers to
//! another file until the link stage.

use crate::content::{ARTICLE_FIELDS, ArticleMeta, OVERVIEW_FIELDS, OverviewMeta};
use crate::diagnostic::{Diagnostic, Position};
use crate::frontmatter;
use crate::load::SourceFile;
use crate::markdown::{self, Rendered};
use crate::paths::{SourceKind, kind_of};
use crate::slug::slugify;
use std::path::PathBuf;

/// A parsed file: where it came from, its text (for locating problems found
/// later) and its rendered body.
#[derive(Debug, Clone)]
pub struct Parsed<M> {
    /// Relative to the site root.
    pub source: PathBuf,
    /// The whole file.
    pub text: String,
    /// Byte offset of the TOML in `text`; add a span's start to locate a value.
    pub toml_start: usize,
    /// The front matter.
    pub meta: M,
    /// The body.
    pub body: Rendered,
}

impl<M> Parsed<M> {
    /// The position of a front matter value by its span.
    pub fn pos(&self, span: std::ops::Range<usize>) -> Position {
        Position::of_offset(&self.text, self.toml_start + span.start)
    }

    /// A diagnostic located at a front matter value.
    pub fn at(&self, d: Diagnostic, span: std::ops::Range<usize>) -> Diagnostic {
        d.at(self.pos(span), &self.text)
    }
}

/// An overview page with the slug of the cause or treatment it describes.
#[derive(Debug, Clone)]
pub struct Overview {
    /// Cause or treatment.
    pub kind: SourceKind,
    /// From the file name.
    pub slug: String,
    /// The file.
    pub page: Parsed<OverviewMeta>,
}

/// Everything parsed.
#[derive(Debug, Default)]
pub struct ParsedSite {
    /// Articles, in path order.
    pub articles: Vec<Parsed<ArticleMeta>>,
    /// Cause and treatment overviews, in path order.
    pub overviews: Vec<Overview>,
}

/// Parses every Markdown file, pushing each file's problems into `out`.
pub fn parse(
    files: Vec<SourceFile>,
    base_path: &str,
    allow_html: bool,
    out: &mut Vec<Diagnostic>,
) -> ParsedSite {
    let mut site = ParsedSite::default();
    for file in files {
        let kind = kind_of(&file.path);
        match kind {
            SourceKind::Article => {
                if let Some(page) = parse_one(file, ARTICLE_FIELDS, base_path, allow_html, out) {
                    site.articles.push(page);
                }
            }
            SourceKind::CauseOverview | SourceKind::TreatmentOverview => {
                if let Some(page) = parse_one(file, OVERVIEW_FIELDS, base_path, allow_html, out) {
                    let stem = page.source.file_stem().unwrap_or_default();
                    site.overviews.push(Overview {
                        kind,
                        slug: slugify(&stem.to_string_lossy()),
                        page,
                    });
                }
            }
        }
    }
    site
}

fn parse_one<M: serde::de::DeserializeOwned>(
    file: SourceFile,
    fields: &[&str],
    base_path: &str,
    allow_html: bool,
    out: &mut Vec<Diagnostic>,
) -> Option<Parsed<M>> {
    let split = match frontmatter::split(&file.text, &file.path) {
        Ok(s) => s,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    let meta = frontmatter::parse::<M>(&split, &file.text, &file.path, fields);
    // The body is checked even when the front matter is wrong, so that one
    // run reports the problems of both.
    let body = markdown::render(
        &markdown::Input {
            text: &file.text,
            body_start: split.body_start,
            source: &file.path,
            base_path,
            allow_html,
        },
        out,
    );
    let toml_start = split.toml_start;
    match meta {
        Ok(meta) => Some(Parsed {
            source: file.path,
            text: file.text,
            toml_start,
            meta,
            body,
        }),
        Err(d) => {
            out.push(d);
            None
        }
    }
}
