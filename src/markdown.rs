//! Stage 2b, parse: Markdown bodies to HTML, with what the later stages need
//! to know about them.
//!
//! In: a body and where it sits. Out: [`Body`] — the HTML, a table of
//! contents, the `##` sections (to match causes), heading ids (to check
//! `#anchors`), links to other Markdown files (to check and turn into URLs) and
//! local files to copy. Safe by default (README.md, "Markdown"): raw HTML is
//! shown as text and links with a scheme other than http, https, mailto and
//! tel are dropped, unless the site sets `allow_html = true`.

use crate::diagnostic::{Diagnostic, Position};
use ids::HeadingIds;
use lines::Lines;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use cap::Cap;

/// Ids the page templates use; headings in a body never take them.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "site-heading",
    "latest",
    "causes-az",
    "cause-what-helps",
    "in-our-articles",
    "treatment-used-for",
    "treatment-articles",
    "written",
    "reviewed",
    "contents",
    "toc",
    "references",
    "related",
    "disclaimer",
    "calculator",
    "footnotes",
    "search",
    "tags",
    "sections",
    "all-articles",
    "sub-sections",
    "section-articles",
    "tag-articles",
];

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

/// The Markdown extensions salve promises (README.md, "Markdown"): tables,
/// footnotes, strikethrough, smart punctuation, GitHub-style alerts.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_GFM
}

/// Renders the body of `input`, pushing problems into `out`.
pub fn render(input: &Input<'_>, out: &mut Vec<Diagnostic>) -> Body {
    let body = &input.text[input.body_start..];
    let mut r = Renderer::new(input, out);
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    let events = Stream {
        parser: Parser::new_ext(body, options()).into_offset_iter(),
        renderer: &mut r,
    };
    html::push_html(&mut html_out, events);
    r.result.html = html_out;
    r.result.stats = crate::readability::Stats::of(&r.prose);
    r.cap.finish(input.source, r.out);
    r.result
}

/// The renderer's events as the HTML writer asks for them. Each is written
/// as soon as it is ready: holding every event of a body until the end took
/// several times the body's size (only a heading's events wait, for its id).
struct Stream<'r, 'i, 'o, 'a, P> {
    parser: P,
    renderer: &'r mut Renderer<'i, 'o, 'a>,
}

impl<'a, P> Iterator for Stream<'_, '_, '_, 'a, P>
where
    P: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
{
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(event) = self.renderer.ready.pop_front() {
                return Some(event);
            }
            let (event, range) = self.parser.next()?;
            self.renderer.event(event, range);
        }
    }
}

/// What the renderer is collecting a heading's events into.
struct OpenHeading<'a> {
    level: HeadingLevel,
    /// Where it starts in the body.
    offset: usize,
    events: Vec<Event<'a>>,
    text: String,
}

struct Renderer<'i, 'o, 'a> {
    input: &'i Input<'i>,
    out: &'o mut Vec<Diagnostic>,
    /// Events ready for the HTML writer.
    ready: VecDeque<Event<'a>>,
    result: Body,
    ids: HeadingIds,
    /// Positions and lines of the file, for links and problems.
    lines: Lines<'i>,
    /// How many of each kind of problem are listed.
    cap: Cap,
    heading: Option<OpenHeading<'a>>,
    /// For each open link or image: whether it was dropped.
    dropped: Vec<bool>,
    /// Nesting of block containers; excerpts come from top-level paragraphs.
    depth: usize,
    excerpt: Option<String>,
    in_code: bool,
    warned_html: bool,
    /// Plain prose, blocks separated by blank lines, for reading statistics.
    prose: String,
    /// The number of each footnote label, in order of first appearance.
    footnotes: HashMap<String, usize>,
    /// The id of the footnote definition being rendered.
    open_footnote: Option<String>,
    /// Images being read, innermost last: their alt text so far.
    images: Vec<OpenImage>,
    /// The level of the heading before, 1 (the page's title) at first.
    last_level: u8,
    /// Newlines counted so far: (body offset counted up to, lines before
    /// it), so the lines of the `##` headings cost one pass in all.
    counted: (usize, usize),
}

/// An image whose alt text is still being read.
struct OpenImage {
    offset: usize,
    alt: String,
    decorative: bool,
}

/// The image title that marks an image as decorative: it is shown with an
/// empty alt, which tells screen readers to skip it, and no warning.
pub const DECORATIVE: &str = "decorative";

impl<'i, 'o, 'a> Renderer<'i, 'o, 'a> {
    fn new(input: &'i Input<'i>, out: &'o mut Vec<Diagnostic>) -> Self {
        let mut ids = HeadingIds::default();
        for id in RESERVED_IDS {
            ids.reserve(id);
        }
        Self {
            input,
            out,
            ready: VecDeque::new(),
            result: Body::default(),
            ids,
            lines: Lines::new(input.text),
            cap: Cap::new(),
            heading: None,
            dropped: Vec::new(),
            depth: 0,
            excerpt: None,
            in_code: false,
            warned_html: false,
            prose: String::new(),
            footnotes: HashMap::new(),
            open_footnote: None,
            images: Vec::new(),
            last_level: 1,
            counted: (0, 1 + input.text[..input.body_start].matches('\n').count()),
        }
    }

    /// The position of a byte offset in the body and the text of its line.
    /// Computed only when a link or a problem needs it.
    fn place(&mut self, offset: usize) -> (Position, Arc<str>) {
        self.lines.line_at(self.input.body_start + offset)
    }

    /// Reports `d` at byte `offset` of the body with its line, unless enough
    /// problems of its kind are listed already (see [`Cap`]).
    fn report(&mut self, d: Diagnostic, offset: usize) {
        let (pos, line) = self.place(offset);
        if self.cap.admit(d.code, d.severity, Some(pos), line.len()) {
            self.out.push(d.at_line(pos, &line));
        }
    }

    /// Takes one event of the body: notes what the later stages need from
    /// it and passes it, or what replaces it, to the HTML writer.
    fn event(&mut self, event: Event<'a>, range: std::ops::Range<usize>) {
        let offset = range.start;
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end),
            Event::Html(raw) | Event::InlineHtml(raw) if !self.input.allow_html => {
                self.warn_html(offset);
                self.text(raw);
            }
            Event::Text(text) => self.text(text),
            Event::Code(code) => {
                self.note_text(&code);
                self.prose.push_str(&code);
                self.emit(Event::Code(code));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.note_text(" ");
                self.prose.push(' ');
                self.emit(event);
            }
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            other => self.emit(other),
        }
    }

    /// The start of a block or inline element. Block containers count
    /// towards [`Renderer::depth`].
    fn start(&mut self, tag: Tag<'a>, range: std::ops::Range<usize>) {
        let offset = range.start;
        match tag {
            Tag::Heading { level, .. } => {
                self.heading = Some(OpenHeading {
                    level,
                    offset,
                    events: Vec::new(),
                    text: String::new(),
                });
            }
            Tag::Link { .. } | Tag::Image { .. } => self.start_link(tag, range),
            Tag::BlockQuote(Some(kind)) => {
                self.depth += 1;
                self.start_alert(kind);
            }
            Tag::Table(_) => {
                self.depth += 1;
                self.start_table(tag);
            }
            Tag::FootnoteDefinition(label) => {
                self.depth += 1;
                self.start_footnote(&label);
            }
            Tag::BlockQuote(None) | Tag::List(_) | Tag::Item => {
                self.depth += 1;
                self.emit(Event::Start(tag));
            }
            Tag::CodeBlock(_) => {
                self.in_code = true;
                self.emit(Event::Start(tag));
            }
            Tag::Paragraph => {
                let wants_excerpt = self.depth == 0
                    && (self.result.lead.is_empty()
                        || self
                            .result
                            .sections
                            .last()
                            .is_some_and(|s| s.excerpt.is_empty()));
                if wants_excerpt {
                    self.excerpt = Some(String::new());
                }
                self.emit(Event::Start(tag));
            }
            other => self.emit(Event::Start(other)),
        }
    }

    /// The end of a block or inline element; the end of a block separates
    /// it from the next in the prose.
    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Heading(_) => {
                self.prose.push_str("\n\n");
                self.close_heading();
            }
            TagEnd::Link | TagEnd::Image => self.end_link(end),
            TagEnd::BlockQuote(Some(_)) => {
                self.depth -= 1;
                self.end_alert();
            }
            TagEnd::Table => {
                self.depth -= 1;
                self.prose.push_str("\n\n");
                self.end_table();
            }
            TagEnd::FootnoteDefinition => {
                self.depth -= 1;
                self.prose.push_str("\n\n");
                self.end_footnote();
            }
            TagEnd::BlockQuote(None) | TagEnd::List(_) | TagEnd::Item => {
                self.depth -= 1;
                self.prose.push_str("\n\n");
                self.emit(Event::End(end));
            }
            TagEnd::CodeBlock => {
                self.in_code = false;
                self.emit(Event::End(end));
            }
            TagEnd::Paragraph | TagEnd::TableCell => {
                self.prose.push_str("\n\n");
                if let Some(text) = self.excerpt.take() {
                    let text = text.trim();
                    if self.result.lead.is_empty() {
                        self.result.lead = text.to_owned();
                    }
                    if let Some(section) = self.result.sections.last_mut() {
                        if section.excerpt.is_empty() {
                            section.excerpt = text.to_owned();
                        }
                    }
                }
                self.emit(Event::End(end));
            }
            other => self.emit(Event::End(other)),
        }
    }

    fn text(&mut self, text: CowStr<'a>) {
        self.note_text(&text);
        if !self.in_code {
            self.prose.push_str(&text);
        }
        self.emit(Event::Text(text));
    }

    /// Keeps plain text for the open heading's title and the open excerpt
    /// (an image's alt text is not prose of the paragraph).
    fn note_text(&mut self, text: &str) {
        let in_image = !self.images.is_empty();
        if let Some(image) = self.images.last_mut() {
            image.alt.push_str(text);
        }
        if let Some(h) = &mut self.heading {
            h.text.push_str(text);
        } else if let (Some(e), false) = (&mut self.excerpt, in_image) {
            e.push_str(text);
        }
    }

    fn emit(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some(h) => h.events.push(event),
            None => self.ready.push_back(event),
        }
    }

    /// The 1-based line of byte `offset` of the body; offsets must come in
    /// order, as headings do.
    fn line_of(&mut self, offset: usize) -> usize {
        let body = &self.input.text[self.input.body_start..];
        let (from, lines) = self.counted;
        let to = offset.clamp(from, body.len());
        let more = body.as_bytes()[from..to]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.counted = (to, lines + more);
        lines + more
    }

    /// Warns when a heading is more than one level below the one before it
    /// (the page's title being the first): the outline screen readers and
    /// validators read would have a gap.
    fn check_heading_level(&mut self, level: u8, offset: usize) {
        let before = self.last_level;
        self.last_level = level;
        if level <= before + 1 {
            return;
        }
        let marks = |n: u8| "#".repeat(usize::from(n));
        let after = if self.result.ids.is_empty() {
            format!(
                "comes straight after the page's title (`{}`)",
                marks(before)
            )
        } else {
            format!("follows a `{}` heading", marks(before))
        };
        let skipped = match level - before - 1 {
            1 => format!("`{}`", marks(before + 1)),
            n => format!("{n} levels"),
        };
        self.report(
            Diagnostic::warning(
                "heading-skip",
                self.input.source,
                format!(
                    "this `{}` heading {after}, skipping {skipped}",
                    marks(level)
                ),
            )
            .hint(format!(
                "make it `{}`: a heading goes at most one level below the one before it",
                marks(before + 1)
            )),
            offset,
        );
    }

    fn warn_html(&mut self, offset: usize) {
        if !self.warned_html {
            self.warned_html = true;
            self.report(
                Diagnostic::warning("raw-html", self.input.source, "raw HTML is shown as text, not run")
                    .hint("write it in Markdown, or set `allow_html = true` in site.toml if you trust every writer"),
                offset,
            );
        }
    }
}

mod cap;
mod ids;
pub(crate) mod lines;
mod links;
mod markup;

#[cfg(test)]
mod tests;
