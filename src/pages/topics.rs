//! The contexts of the cause and treatment pages and their A–Z indexes.

use super::{PageJob, TemplateFailure};
use crate::kinds::{CAUSES, Kind, TREATMENTS};
use crate::views::{CalloutView, LinkView, Summary, Views, by_letter, callout};
use serde::Serialize;

/// How many articles the treatment index names per treatment; its page
/// lists them all. Without a cap the index of a 10,000-article site is a
/// 12 MB page.
const INDEX_ARTICLES: usize = 10;
/// How many articles a treatment page shows as cards; the rest are a list.
const PAGE_CARDS: usize = 24;

impl Views<'_> {
    /// The causes A–Z.
    pub fn causes(&self, kind: &Kind, i: usize) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let mut job = self.fixed_job(kind, i);
        let items: Vec<IndexItem> = s
            .causes
            .iter()
            .enumerate()
            .map(|(i, c)| IndexItem {
                link: self.cause_link(i),
                description: c.overview.as_ref().and_then(|o| o.description.clone()),
                callout: callout(c.urgency, &s.config.emergency_number),
                count: c.mentions.len(),
                related: c
                    .treatments
                    .iter()
                    .map(|&t| self.treatment_link(t))
                    .collect(),
                articles: Vec::new(),
            })
            .collect();
        job.insert("groups", &by_letter(items, |i| &i.link.name));
        job.insert("jsonld", &self.page_jsonld(kind));
        Ok(job)
    }

    /// A cause: its overview and each article's section about it.
    pub fn cause(&self, kind: &Kind, i: usize) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let c = &s.causes[i];
        let overview = c.overview.as_ref();
        let (title, description) = crate::link::Overview::heading(overview, &c.name);
        let mut job = self.job(kind, i, &title, &description);
        job.insert("jsonld", &self.cause_jsonld(kind, i, &description));
        let mentions: Vec<MentionView> = c
            .mentions
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
                articles: Vec::new(),
                more: Vec::new(),
            },
        );
        job.insert("causes_url", &self.url(CAUSES.fixed_path()));
        Ok(job)
    }

    /// The treatments A–Z.
    pub fn treatments(&self, kind: &Kind, i: usize) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let mut job = self.fixed_job(kind, i);
        let items: Vec<IndexItem> = s
            .treatments
            .iter()
            .enumerate()
            .map(|(i, t)| IndexItem {
                link: self.treatment_link(i),
                description: t.overview.as_ref().and_then(|o| o.description.clone()),
                callout: None,
                count: t.articles.len(),
                related: t.causes.iter().map(|&c| self.cause_link(c)).collect(),
                articles: t
                    .articles
                    .iter()
                    .take(INDEX_ARTICLES)
                    .map(|&a| LinkView {
                        name: s.articles[a].title.clone(),
                        url: self.url(&s.articles[a].path),
                    })
                    .collect(),
            })
            .collect();
        job.insert("groups", &by_letter(items, |i| &i.link.name));
        job.insert("jsonld", &self.page_jsonld(kind));
        Ok(job)
    }

    /// A treatment: its overview and the articles that recommend it.
    pub fn treatment(&self, kind: &Kind, i: usize) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let t = &s.treatments[i];
        let overview = t.overview.as_ref();
        let (title, description) = crate::link::Overview::heading(overview, &t.name);
        let mut job = self.job(kind, i, &title, &description);
        job.insert("jsonld", &self.treatment_jsonld(kind, i, &description));
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
                articles: self.summaries(&t.articles[..t.articles.len().min(PAGE_CARDS)]),
                more: t.articles[t.articles.len().min(PAGE_CARDS)..]
                    .iter()
                    .map(|&a| LinkView {
                        name: s.articles[a].title.clone(),
                        url: self.url(&s.articles[a].path),
                    })
                    .collect(),
            },
        );
        job.insert("treatments_url", &self.url(TREATMENTS.fixed_path()));
        Ok(job)
    }
}

/// A row of an A–Z index.
#[derive(Serialize)]
struct IndexItem {
    link: LinkView,
    description: Option<String>,
    callout: Option<CalloutView>,
    /// Articles that discuss it.
    count: usize,
    /// Treatments of a cause, or causes of a treatment.
    related: Vec<LinkView>,
    /// Articles (treatment index only).
    articles: Vec<LinkView>,
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
    /// Cause pages: each article's section about it.
    mentions: Vec<MentionView>,
    /// Treatment pages: the newest articles recommending it, as cards.
    articles: Vec<Summary>,
    /// Treatment pages: the other articles recommending it, as links.
    more: Vec<LinkView>,
}

#[derive(Serialize)]
struct MentionView {
    article: Summary,
    section_title: Option<String>,
    section_url: Option<String>,
    excerpt: String,
}
