//! The contexts of the cause and treatment pages and their A–Z indexes.

use super::{PageJob, TemplateFailure};
use crate::kinds::{At, CAUSES, Kind, TREATMENTS};
use crate::views::{CalloutView, LinkView, Summary, Views, by_letter, callout};
use serde::Serialize;

impl Views<'_> {
    /// The causes A–Z.
    pub fn causes(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let mut job = self.fixed_job(kind, at);
        let items: Vec<IndexItem> = s
            .causes
            .iter()
            .enumerate()
            .map(|(i, c)| IndexItem {
                link: self.cause_link(i),
                description: c.overview.as_ref().and_then(|o| o.description.clone()),
                callout: callout(c.urgency, &s.config.emergency_number),
                count: c.mentions.len(),
            })
            .collect();
        job.insert("groups", &by_letter(items, |i| &i.link.name));
        job.insert("jsonld", &self.page_jsonld(kind, at));
        Ok(job)
    }

    /// A cause: its overview and each article's section about it, a page
    /// of articles at a time.
    pub fn cause(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let c = &s.causes[at.item];
        let overview = c.overview.as_ref();
        let (title, description) = crate::link::Overview::heading(overview, &c.name);
        let meta = or_else(
            &description,
            format!(
                "{}: what our articles say about it, and what helps.",
                c.name
            ),
        );
        let mut job = self.job(kind, at, &title, &meta);
        job.insert("jsonld", &self.cause_jsonld(kind, at, &description));
        let mentions: Vec<MentionView> = c.mentions[kind.page_range(s, at)]
            .iter()
            .map(|m| {
                let a = &s.articles[m.article];
                let section = m.section.map(|k| &a.body.sections[k]);
                MentionView {
                    article: self.summary(m.article),
                    section_title: section.map(|s| s.title.clone()),
                    section_url: section.map(|sec| format!("{}#{}", self.url(&a.path), sec.id)),
                    excerpt: section.map(|s| s.excerpt.clone()).unwrap_or_default(),
                }
            })
            .collect();
        job.insert(
            "cause",
            &TopicView {
                name: c.name.clone(),
                title,
                description,
                url: self.url(&c.path),
                callout: callout(c.urgency, &s.config.emergency_number),
                overview: overview.map(|o| o.body.html.clone()),
                links: c
                    .treatments
                    .iter()
                    .map(|&t| self.treatment_link(t))
                    .collect(),
                mentions,
                count: c.mentions.len(),
                articles: Vec::new(),
            },
        );
        job.insert("breadcrumbs", &self.breadcrumbs(kind, at, &c.name));
        job.insert("causes_url", &self.url(CAUSES.fixed_path()));
        Ok(job)
    }

    /// The treatments A–Z.
    pub fn treatments(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let mut job = self.fixed_job(kind, at);
        let items: Vec<IndexItem> = s
            .treatments
            .iter()
            .enumerate()
            .map(|(i, t)| IndexItem {
                link: self.treatment_link(i),
                description: t.overview.as_ref().and_then(|o| o.description.clone()),
                callout: None,
                count: t.articles.len(),
            })
            .collect();
        job.insert("groups", &by_letter(items, |i| &i.link.name));
        job.insert("jsonld", &self.page_jsonld(kind, at));
        Ok(job)
    }

    /// A treatment: its overview and the articles that recommend it, a
    /// page at a time.
    pub fn treatment(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let t = &s.treatments[at.item];
        let overview = t.overview.as_ref();
        let (title, description) = crate::link::Overview::heading(overview, &t.name);
        let meta = or_else(
            &description,
            format!(
                "{}: what it is used for, and the articles that recommend it.",
                t.name
            ),
        );
        let mut job = self.job(kind, at, &title, &meta);
        job.insert("jsonld", &self.treatment_jsonld(kind, at, &description));
        job.insert(
            "treatment",
            &TopicView {
                name: t.name.clone(),
                title,
                description,
                url: self.url(&t.path),
                callout: None,
                overview: overview.map(|o| o.body.html.clone()),
                links: t.causes.iter().map(|&c| self.cause_link(c)).collect(),
                mentions: Vec::new(),
                count: t.articles.len(),
                articles: self.summaries(&t.articles[kind.page_range(s, at)]),
            },
        );
        job.insert("breadcrumbs", &self.breadcrumbs(kind, at, &t.name));
        job.insert("treatments_url", &self.url(TREATMENTS.fixed_path()));
        Ok(job)
    }
}

/// A row of an A–Z index: a name, a description and a count, so the index
/// stays small however many articles the site has.
#[derive(Serialize)]
struct IndexItem {
    link: LinkView,
    description: Option<String>,
    callout: Option<CalloutView>,
    /// Articles that discuss it.
    count: usize,
}

/// A cause or treatment page.
#[derive(Serialize)]
struct TopicView {
    name: String,
    title: String,
    description: String,
    url: String,
    callout: Option<CalloutView>,
    /// The overview's HTML.
    overview: Option<String>,
    /// Treatments of a cause, or causes of a treatment.
    links: Vec<LinkView>,
    /// Cause pages: this page's articles, each with its section about it.
    mentions: Vec<MentionView>,
    /// How many articles discuss or recommend it, on all pages.
    count: usize,
    /// Treatment pages: this page's articles recommending it.
    articles: Vec<Summary>,
}

#[derive(Serialize)]
struct MentionView {
    article: Summary,
    section_title: Option<String>,
    section_url: Option<String>,
    excerpt: String,
}

/// The page's description for search engines and link previews: the
/// writer's when given, else one salve words, since a page without one gets
/// whatever snippet a search engine picks.
pub(super) fn or_else(description: &str, fallback: String) -> String {
    if description.trim().is_empty() {
        fallback
    } else {
        description.to_owned()
    }
}
