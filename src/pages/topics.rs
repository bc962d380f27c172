//! The contexts of the cause and treatment pages and their A–Z indexes.

use super::{PageJob, TemplateFailure};
use crate::kinds::{At, CAUSES, Kind, TREATMENTS};
use crate::link::{Mention, Overview};
use crate::views::{CalloutView, LinkView, Summary, Views, by_letter, callout};
use serde::Serialize;

impl<'s> Views<'s> {
    /// The causes A–Z.
    pub fn causes(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let items = s.causes.iter().enumerate().map(|(i, c)| IndexItem {
            link: self.cause_link(i),
            description: c.overview.as_ref().and_then(|o| o.description.clone()),
            callout: callout(c.urgency, &s.config.emergency_number, &s.strings),
            count: c.mentions.len(),
        });
        Ok(self.index(kind, at, items.collect()))
    }

    /// A cause: its overview and each article's section about it, a page
    /// of articles at a time.
    pub fn cause(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let c = &s.causes[at.item];
        let mentions = &c.mentions[kind.page_range(s, at)];
        let topic = Topic {
            key: "cause",
            name: &c.name,
            path: &c.path,
            overview: c.overview.as_ref(),
            about: "cause.description",
            jsonld: Views::cause_jsonld,
            callout: callout(c.urgency, &s.config.emergency_number, &s.strings),
            links: c
                .treatments
                .iter()
                .map(|&t| self.treatment_link(t))
                .collect(),
            mentions: mentions.iter().map(|m| self.mention(m)).collect(),
            count: c.mentions.len(),
            articles: Vec::new(),
            index: ("causes_url", &CAUSES),
        };
        Ok(self.topic(kind, at, topic))
    }

    /// The treatments A–Z.
    pub fn treatments(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let items = s.treatments.iter().enumerate().map(|(i, t)| IndexItem {
            link: self.treatment_link(i),
            description: t.overview.as_ref().and_then(|o| o.description.clone()),
            callout: None,
            count: t.articles.len(),
        });
        Ok(self.index(kind, at, items.collect()))
    }

    /// A treatment: its overview and the articles that recommend it, a
    /// page at a time.
    pub fn treatment(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let t = &s.treatments[at.item];
        let topic = Topic {
            key: "treatment",
            name: &t.name,
            path: &t.path,
            overview: t.overview.as_ref(),
            about: "treatment.description",
            jsonld: Views::treatment_jsonld,
            callout: None,
            links: t.causes.iter().map(|&c| self.cause_link(c)).collect(),
            mentions: Vec::new(),
            count: t.articles.len(),
            articles: self.summaries(&t.articles[kind.page_range(s, at)]),
            index: ("treatments_url", &TREATMENTS),
        };
        Ok(self.topic(kind, at, topic))
    }

    /// An A–Z index of causes or treatments, grouped by first letter.
    fn index(&self, kind: &Kind, at: At, items: Vec<IndexItem<'s>>) -> PageJob {
        let mut job = self.fixed_job(kind, at);
        job.insert("groups", &by_letter(items, |i| &i.link.name));
        job.insert("jsonld", &self.page_jsonld(kind, at));
        job
    }

    /// The page of a cause or a treatment: what the two share, filled with
    /// what `topic` says of this one.
    fn topic(&self, kind: &Kind, at: At, topic: Topic<'s>) -> PageJob {
        let (title, description) = Overview::heading(topic.overview, topic.name);
        let about = self.site.strings.fill(topic.about, &[("name", topic.name)]);
        let meta = or_else(&description, about);
        let mut job = self.job(kind, at, &title, &meta);
        job.insert("jsonld", &(topic.jsonld)(self, kind, at, &description));
        job.insert(
            topic.key,
            &TopicView {
                name: topic.name.to_owned(),
                title,
                description,
                url: self.url(topic.path),
                callout: topic.callout,
                overview: topic.overview.map(|o| o.body.html.clone()),
                links: topic.links,
                mentions: topic.mentions,
                count: topic.count,
                articles: topic.articles,
            },
        );
        job.insert("breadcrumbs", &self.breadcrumbs(kind, at, topic.name));
        let (index_key, index) = topic.index;
        job.insert(index_key, &self.url(index.fixed_path()));
        job
    }

    /// An article on a cause's page, with its section about the cause.
    fn mention(&self, m: &Mention) -> MentionView<'s> {
        let a = &self.site.articles[m.article];
        let section = m.section.map(|k| &a.body.sections[k]);
        MentionView {
            article: self.summary(m.article),
            section_title: section.map(|s| s.title.clone()),
            section_url: section.map(|sec| format!("{}#{}", self.url(&a.path), sec.id)),
            excerpt: section.map(|s| s.excerpt.clone()).unwrap_or_default(),
        }
    }
}

/// What a cause page and a treatment page differ in; [`Views::topic`]
/// makes the rest of their context the same way.
struct Topic<'s> {
    /// The name of the page's variable, `cause` or `treatment`.
    key: &'static str,
    name: &'s str,
    path: &'s str,
    overview: Option<&'s Overview>,
    /// The key of the page's description when its overview gives none,
    /// a string with the page's `{name}` in it.
    about: &'static str,
    /// Its JSON-LD, given its description.
    jsonld: fn(&Views<'s>, &Kind, At, &str) -> String,
    callout: Option<CalloutView>,
    links: Vec<&'s LinkView>,
    mentions: Vec<MentionView<'s>>,
    count: usize,
    articles: Vec<&'s Summary>,
    /// The name of the variable with the A–Z index's URL, and its kind.
    index: (&'static str, &'static Kind),
}

/// A row of an A–Z index: a name, a description and a count, so the index
/// stays small however many articles the site has.
#[derive(Serialize)]
struct IndexItem<'s> {
    link: &'s LinkView,
    description: Option<String>,
    callout: Option<CalloutView>,
    /// Articles that discuss it.
    count: usize,
}

/// A cause or treatment page.
#[derive(Serialize)]
struct TopicView<'s> {
    name: String,
    title: String,
    description: String,
    url: String,
    callout: Option<CalloutView>,
    /// The overview's HTML.
    overview: Option<String>,
    /// Treatments of a cause, or causes of a treatment.
    links: Vec<&'s LinkView>,
    /// Cause pages: this page's articles, each with its section about it.
    mentions: Vec<MentionView<'s>>,
    /// How many articles discuss or recommend it, on all pages.
    count: usize,
    /// Treatment pages: this page's articles recommending it.
    articles: Vec<&'s Summary>,
}

#[derive(Serialize)]
struct MentionView<'s> {
    article: &'s Summary,
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
