//! A standalone page's context: a title, a description and a body, and
//! nothing an article has around its text (no byline, review line,
//! calculator or related articles).

use super::{PageJob, TemplateFailure};
use crate::kinds::{At, Kind};
use crate::views::{DateView, Views};
use serde::Serialize;

impl Views<'_> {
    /// A page from `pages/`.
    pub fn standalone(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let p = &self.site.pages[at.item];
        let description = crate::views::description_or_lead(p.description.as_deref(), &p.body.lead);
        let mut page = self.page_at(kind, at, &p.title, &description);
        // `page.extra` is the page's own `[extra]`; on other pages it is empty.
        page.extra = p.extra.clone();
        let mut job = self.job_with(kind, at, page);
        job.insert(
            "content",
            &ContentView {
                body: &p.body.html,
                toc: &p.body.toc,
                updated: p.updated.map(|d| DateView::new(d, &self.site.strings)),
            },
        );
        job.insert("jsonld", &self.standalone_jsonld(kind, at, p));
        Ok(job)
    }
}

/// A standalone page's text, as `content` in its template.
#[derive(Serialize)]
struct ContentView<'a> {
    /// The body's HTML, rendered and made safe by salve.
    body: &'a str,
    toc: &'a [crate::markdown::TocEntry],
    updated: Option<DateView>,
}
