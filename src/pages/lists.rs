//! The contexts of the lists of articles: every article, a section (a
//! folder of articles), the tags A–Z and a tag's articles.

use super::{PageJob, TemplateFailure};
use crate::kinds::{At, Kind};
use crate::link::Section;
use crate::views::{Views, by_letter};
use serde::Serialize;

/// A section in a list of sections.
#[derive(Serialize)]
struct SectionLink {
    name: String,
    url: String,
    description: Option<String>,
    /// Articles in it and its sub-sections.
    count: usize,
}

/// A section's own page.
#[derive(Serialize)]
struct SectionView {
    title: String,
    description: Option<String>,
    url: String,
    /// The HTML of the body of its `_index.md`.
    intro: Option<String>,
    /// Articles directly in it, on all pages.
    count: usize,
    /// Articles in it and its sub-sections.
    total: usize,
}

/// A tag in the A–Z list, or on its own page.
#[derive(Serialize)]
struct TagLink {
    name: String,
    url: String,
    /// Articles with it.
    count: usize,
}

impl Views<'_> {
    fn section_link(&self, s: &Section) -> SectionLink {
        SectionLink {
            name: s.title.clone(),
            url: self.url(&s.path),
            description: s.index.as_ref().and_then(|o| o.description.clone()),
            count: s.total,
        }
    }

    /// Every article, newest first, a page at a time, and the top-level
    /// sections.
    pub fn articles(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let mut job = self.fixed_job(kind, at);
        let page: Vec<usize> = kind.page_range(s, at).collect();
        job.insert("articles", &self.summaries(&page));
        let mut top: Vec<&Section> = s
            .sections
            .iter()
            .filter(|sec| sec.parent.is_none())
            .collect();
        // A–Z by title, as a section's own sub-sections are.
        top.sort_by_key(|sec| sec.title.to_lowercase());
        let top: Vec<SectionLink> = top.into_iter().map(|sec| self.section_link(sec)).collect();
        job.insert("sections", &top);
        let (title, _) = self.fixed_words(kind);
        job.insert("breadcrumbs", &self.breadcrumbs(kind, at, title));
        job.insert("jsonld", &self.page_jsonld(kind, at));
        Ok(job)
    }

    /// A section: its intro, sub-sections and articles, newest first, a
    /// page at a time.
    pub fn section(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let sec = &s.sections[at.item];
        let description = sec
            .index
            .as_ref()
            .and_then(|o| o.description.clone())
            .unwrap_or_default();
        let meta = super::topics::or_else(
            &description,
            s.strings
                .fill("section.description", &[("name", &sec.title)]),
        );
        let mut job = self.job(kind, at, &sec.title, &meta);
        job.insert(
            "section",
            &SectionView {
                title: sec.title.clone(),
                description: sec.index.as_ref().and_then(|o| o.description.clone()),
                url: self.url(&sec.path),
                intro: sec
                    .index
                    .as_ref()
                    .map(|o| o.body.html.clone())
                    .filter(|h| !h.trim().is_empty()),
                count: sec.articles.len(),
                total: sec.total,
            },
        );
        let children: Vec<SectionLink> = sec
            .children
            .iter()
            .map(|&c| self.section_link(&s.sections[c]))
            .collect();
        job.insert("sections", &children);
        job.insert(
            "articles",
            &self.summaries(&sec.articles[kind.page_range(s, at)]),
        );
        job.insert("breadcrumbs", &self.breadcrumbs(kind, at, &sec.title));
        job.insert(
            "jsonld",
            &self.list_jsonld(kind, at, &sec.title, &description),
        );
        Ok(job)
    }

    /// The tags A–Z, grouped by letter, with their counts.
    pub fn tags(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let mut job = self.fixed_job(kind, at);
        let items: Vec<TagLink> = s.tags.iter().map(|t| self.tag_link(t)).collect();
        job.insert("groups", &by_letter(items, |t| &t.name));
        let (title, _) = self.fixed_words(kind);
        job.insert("breadcrumbs", &self.breadcrumbs(kind, at, title));
        job.insert("jsonld", &self.page_jsonld(kind, at));
        Ok(job)
    }

    /// A tag's articles, newest first, a page at a time.
    pub fn tag(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let t = &s.tags[at.item];
        let title = s.strings.fill("tag.heading", &[("name", &t.name)]);
        let meta = s.strings.fill("tag.description", &[("name", &t.name)]);
        let mut job = self.job(kind, at, &title, &meta);
        job.insert("tag", &self.tag_link(t));
        job.insert(
            "articles",
            &self.summaries(&t.articles[kind.page_range(s, at)]),
        );
        job.insert("breadcrumbs", &self.breadcrumbs(kind, at, &t.name));
        job.insert("jsonld", &self.list_jsonld(kind, at, &title, ""));
        Ok(job)
    }

    fn tag_link(&self, t: &crate::link::Tag) -> TagLink {
        TagLink {
            name: t.name.clone(),
            url: self.url(&t.path),
            count: t.articles.len(),
        }
    }
}
