//! The HTML salve writes itself around or instead of some Markdown:
//! headings with ids and a link to themselves, GitHub-style alerts as
//! callouts, tables in a scrolling wrapper, and footnotes numbered in order
//! with a link back to the text.

use super::{Renderer, Section, TocEntry};
use pulldown_cmark::{BlockQuoteKind, Event, HeadingLevel, Tag, TagEnd};

impl<'a> Renderer<'_, '_, 'a> {
    /// Writes the heading that ends here with its id and a link to itself,
    /// and lists it in the table of contents and the sections.
    pub(super) fn close_heading(&mut self) {
        let Some(h) = self.heading.take() else { return };
        let text = h.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let level = h.level as u8;
        // Before this heading's id is noted: the first heading follows the
        // title.
        self.check_heading_level(level, h.offset);
        let id = self.ids.id_for(&text);
        self.ready
            .push_back(Event::Html(format!("<h{level} id=\"{id}\">").into()));
        self.ready.extend(h.events);
        self.ready.push_back(Event::Html(
            format!(
                "<a class=\"heading-anchor\" href=\"#{id}\" data-pagefind-ignore=\"all\"><span class=\"visually-hidden\">Link to this section</span><span aria-hidden=\"true\">#</span></a></h{level}>\n"
            )
            .into(),
        ));
        if matches!(h.level, HeadingLevel::H2 | HeadingLevel::H3) {
            self.result.toc.push(TocEntry {
                level,
                id: id.clone(),
                text: text.clone(),
            });
        }
        if h.level == HeadingLevel::H2 {
            let line = self.line_of(h.offset);
            self.result.sections.push(Section {
                title: text,
                id: id.clone(),
                excerpt: String::new(),
                line,
            });
        }
        self.result.ids.push(id);
    }

    pub(super) fn start_alert(&mut self, kind: BlockQuoteKind) {
        let (class, label) = alert(kind);
        self.emit(Event::Html(
            format!(
                "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{label}</p>\n"
            )
            .into(),
        ));
    }

    pub(super) fn end_alert(&mut self) {
        self.emit(Event::Html("</div>\n".into()));
    }

    pub(super) fn start_table(&mut self, tag: Tag<'a>) {
        // A wrapper scrolls a wide table on a phone; it is focusable so
        // keyboard users can scroll it too.
        self.emit(Event::Html(
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n"
                .into(),
        ));
        self.emit(Event::Start(tag));
    }

    pub(super) fn end_table(&mut self) {
        self.emit(Event::End(TagEnd::Table));
        self.emit(Event::Html("</div>\n".into()));
    }

    pub(super) fn footnote_reference(&mut self, label: &str) {
        let (n, id) = self.footnote(label);
        self.emit(Event::Html(
            format!(
                "<sup class=\"footnote-reference\"><a href=\"#fn-{id}\" id=\"fnref-{id}\" aria-label=\"Footnote {n}\">{n}</a></sup>"
            )
            .into(),
        ));
    }

    pub(super) fn start_footnote(&mut self, label: &str) {
        let (n, id) = self.footnote(label);
        self.emit(Event::Html(
            format!(
                "<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\">{n}</sup>\n"
            )
            .into(),
        ));
        self.open_footnote = Some(id);
    }

    pub(super) fn end_footnote(&mut self) {
        let id = self.open_footnote.take().unwrap_or_default();
        self.emit(Event::Html(
            format!(
                "<p class=\"footnote-back\"><a href=\"#fnref-{id}\">Back to the text<span class=\"visually-hidden\"> (footnote)</span></a></p>\n</div>\n"
            )
            .into(),
        ));
    }

    /// The number and id of a footnote. Ids are prefixed (`fn-1`) so they
    /// never collide with heading ids.
    fn footnote(&mut self, label: &str) -> (usize, String) {
        let n = match self.footnotes.get(label) {
            Some(&n) => n,
            None => {
                let n = self.footnotes.len() + 1;
                self.footnotes.insert(label.to_owned(), n);
                n
            }
        };
        let id = crate::slug::slugify(label);
        let id = if id.is_empty() { n.to_string() } else { id };
        (n, id)
    }
}

/// The CSS class and visible title of a GitHub-style alert.
fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}
