//! The article page's context.

use super::{PageJob, TemplateFailure};
use crate::kinds::{At, CALCULATOR, CALCULATOR_FORM, Kind, SEARCH};
use crate::views::{
    AuthorView, CalloutView, DateView, LinkView, PhotoView, Summary, Views, callout,
};
use serde::Serialize;

/// The partial that renders a care callout inside an article's body.
pub const CALLOUT_TEMPLATE: &str = "partials/callout.html";
/// Reading speed used for "N min read".
const WORDS_PER_MINUTE: usize = 220;

impl<'s> Views<'s> {
    /// An article, with a care callout placed after the heading of each
    /// cause's section.
    pub fn article(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let a = &s.articles[at.item];
        let description = crate::views::description_or_lead(a.description.as_deref(), &a.body.lead);
        let mut page = self.page_at(kind, at, &a.title, &description);
        let photo = a.photo.as_ref();
        if let Some(share) = photo.and_then(|p| self.share(&p.path, &p.alt)) {
            page.share = Some(share);
        }
        let mut job = self.job_with(kind, at, page);
        let mut body = a.body.html.clone();
        let mut causes = Vec::with_capacity(a.causes.len());
        for c in &a.causes {
            let cause = &s.causes[c.cause];
            let section = c.section.map(|k| &a.body.sections[k]);
            let view = callout(c.urgency, &s.config.emergency_number, &s.strings);
            if let (Some(view), Some(section)) = (&view, section) {
                let html = (self.callout)(view, &cause.name).map_err(|error| TemplateFailure {
                    error,
                    template: CALLOUT_TEMPLATE,
                })?;
                splice_after_heading(&mut body, &section.id, &html);
            }
            causes.push(ArticleCauseView {
                name: cause.name.clone(),
                url: self.url(&cause.path),
                section_url: section.map(|s| format!("#{}", s.id)),
                callout: view,
                treatments: c
                    .treatments
                    .iter()
                    .map(|&t| self.treatment_link(t))
                    .collect(),
            });
        }
        let view = ArticleView {
            title: &a.title,
            description: a.description.as_deref(),
            url: self.url(&a.path),
            date: self.date(a.date),
            updated: a.updated.map(|d| self.date(d)),
            reviewed: a.reviewed.map(|d| self.date(d)),
            next_review: a.next_review.map(|d| self.date(d)),
            author: self.author_view(&s.authors[a.author]),
            reviewer: a.reviewer.map(|r| self.author_view(&s.authors[r])),
            photo: self.photo(a),
            toc: &a.body.toc,
            body,
            causes,
            references: a
                .references
                .iter()
                .map(|r| ReferenceView::new(r, &s.strings))
                .collect(),
            related_searches: a
                .related_searches
                .iter()
                .map(|q| LinkView {
                    name: q.clone(),
                    url: format!(
                        "{}?q={}",
                        self.url(SEARCH.fixed_path()),
                        form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
                    ),
                })
                .collect(),
            related: self.summaries(&a.related),
            tags: a
                .tag_pages
                .iter()
                .map(|&t| LinkView {
                    name: s.tags[t].name.clone(),
                    url: self.url(&s.tags[t].path),
                })
                .collect(),
            word_count: a.body.stats.words,
            calculator: a.calculator.then(|| CalculatorView {
                url: self.url(CALCULATOR.fixed_path()),
                form_url: self.url(CALCULATOR_FORM.fixed_path()),
            }),
            reading_minutes: a.body.stats.words.div_ceil(WORDS_PER_MINUTE).max(1),
            extra: &a.extra,
        };
        job.insert("article", &view);
        job.insert("breadcrumbs", &self.breadcrumbs(kind, at, &a.title));
        job.insert("jsonld", &self.article_jsonld(kind, at, a));
        Ok(job)
    }
}

/// Inserts `html` right after the heading with `id` in a rendered body.
/// The markup is ours (see `markdown::Renderer::close_heading`), so the
/// heading's end is known exactly.
fn splice_after_heading(body: &mut String, id: &str, html: &str) {
    let open = format!(" id=\"{id}\">");
    if let Some(start) = body.find(&open) {
        if let Some(end) = body[start..].find("</h2>\n") {
            body.insert_str(start + end + "</h2>\n".len(), html);
        }
    }
}

#[derive(Serialize)]
struct ArticleView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    url: String,
    date: DateView,
    updated: Option<DateView>,
    reviewed: Option<DateView>,
    next_review: Option<DateView>,
    author: AuthorView,
    reviewer: Option<AuthorView>,
    photo: Option<PhotoView>,
    toc: &'a [crate::markdown::TocEntry],
    body: String,
    causes: Vec<ArticleCauseView<'a>>,
    references: Vec<ReferenceView>,
    related_searches: Vec<LinkView>,
    related: Vec<&'a Summary>,
    /// Its tags, each linking to its page.
    tags: Vec<LinkView>,
    word_count: usize,
    reading_minutes: usize,
    /// The calorie-goal calculator's card in the side panel, when it shows.
    calculator: Option<CalculatorView>,
    /// The front matter's `[extra]`.
    extra: &'a serde_json::Value,
}

/// Where the calculator's card links to and loads its form from.
#[derive(Serialize)]
struct CalculatorView {
    /// The calculator's page.
    url: String,
    /// The form alone, which the card's script puts in the card.
    form_url: String,
}

#[derive(Serialize)]
struct ArticleCauseView<'a> {
    name: String,
    url: String,
    section_url: Option<String>,
    callout: Option<CalloutView>,
    treatments: Vec<&'a LinkView>,
}

#[derive(Serialize)]
struct ReferenceView {
    title: String,
    publisher: Option<String>,
    url: Option<String>,
    accessed: Option<DateView>,
    published: Option<DateView>,
    doi: Option<String>,
    pmid: Option<String>,
}

impl ReferenceView {
    fn new(r: &crate::content::Reference, strings: &crate::i18n::Strings) -> Self {
        let date = |d| DateView::new(d, strings);
        Self {
            title: r.title.clone(),
            publisher: r.publisher.clone(),
            url: r.url.as_ref().map(|u| u.get_ref().clone()),
            accessed: r.accessed.map(date),
            published: r.published.map(date),
            doi: r.doi.as_ref().map(|d| d.get_ref().clone()),
            pmid: r.pmid.as_ref().map(|p| p.get_ref().clone()),
        }
    }
}
