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
use std::sync::Arc;

pub use body::{
    Asset, Body, BodyImage, ExternalRef, IMAGE_MARK, Input, Section, SourceLink, StaticRef,
    TocEntry,
};
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

mod body;
mod cap;
mod ids;
pub(crate) mod lines;
mod links;
mod markup;

#[cfg(test)]
mod tests;
