//! The context of each kind of page: which views a template gets.
//!
//! One function per page kind, each returning the page's output path, its
//! template and its context. The variables are documented in
//! the README's "Templates" section for sites that override templates.

use crate::views::{
    AuthorView, CalloutView, DateView, LinkView, PhotoView, Summary, Views, by_letter, callout,
};
use serde::Serialize;
use tera::Context;

/// A page to render: where it goes, with which template and data.
pub struct PageJob {
    /// Output path relative to the output root, e.g. `causes/index.html`.
    pub output: String,
    /// Template name, e.g. `cause.html`.
    pub template: &'static str,
    /// The template's variables.
    pub context: Context,
    /// The variables' names, in the order they were set: a page's inputs
    /// are exactly these, which is what lets a rebuild skip unchanged pages.
    keys: Vec<&'static str>,
}

impl PageJob {
    /// Sets a template variable.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.context.insert(key, value);
        if !self.keys.contains(&key) {
            self.keys.push(key);
        }
    }

    /// Feeds every variable to `state`, so equal fingerprints mean equal
    /// contexts (the template rendering them is hashed separately).
    pub fn hash_context(&self, state: &mut impl std::hash::Hasher) {
        for key in &self.keys {
            state.write(key.as_bytes());
            let mut sink = HashWriter(&mut *state);
            // Writing into a hasher cannot fail, and a Tera value always
            // serialises.
            let _ = serde_json::to_writer(&mut sink, &self.context.get(key));
        }
    }
}

/// Lets serde write straight into a hasher, without building the JSON text.
struct HashWriter<'a, H: std::hash::Hasher>(&'a mut H);

impl<H: std::hash::Hasher> std::io::Write for HashWriter<'_, H> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// How many articles the home page lists.
const HOME_LATEST: usize = 10;
/// How many articles the treatment index names per treatment; its page
/// lists them all. Without a cap the index of a 10,000-article site is a
/// 12 MB page.
const INDEX_ARTICLES: usize = 10;
/// How many articles a treatment page shows as cards; the rest are a list.
const PAGE_CARDS: usize = 24;
/// Reading speed used for "N min read".
const WORDS_PER_MINUTE: usize = 220;

impl Views<'_> {
    fn job(&self, path: &str, template: &'static str, page: crate::views::PageView) -> PageJob {
        let mut job = PageJob {
            output: format!("{path}index.html"),
            template,
            context: Context::new(),
            keys: Vec::new(),
        };
        job.insert("site", &self.site());
        job.insert("page", &page);
        job
    }

    /// `/`.
    pub fn home(&self) -> PageJob {
        let s = self.site;
        let mut job = self.job(
            "",
            "home.html",
            self.page("home", &s.config.title, &s.config.description, ""),
        );
        let latest: Vec<usize> = (0..s.articles.len().min(HOME_LATEST)).collect();
        job.insert("latest", &self.summaries(&latest));
        job.insert("jsonld", &self.home_jsonld());
        let causes: Vec<LinkView> = (0..s.causes.len()).map(|i| self.cause_link(i)).collect();
        job.insert("cause_groups", &by_letter(causes, |c| &c.name));
        job.insert("treatment_count", &s.treatments.len());
        job.insert("causes_url", &self.url("causes/"));
        job.insert("treatments_url", &self.url("treatments/"));
        job
    }

    /// `/articles/<path>/`, with callouts placed in each cause's section of
    /// `body`, the article's body HTML.
    pub fn article(
        &self,
        i: usize,
        body: String,
        callout_html: &dyn Fn(&CalloutView, &str) -> Result<String, tera::Error>,
    ) -> Result<PageJob, tera::Error> {
        let s = self.site;
        let a = &s.articles[i];
        let description = a.description.clone().unwrap_or_default();
        let mut job = self.job(
            &a.path,
            "article.html",
            self.page("article", &a.title, &description, &a.path),
        );
        let mut body = body;
        let mut causes = Vec::with_capacity(a.causes.len());
        for c in &a.causes {
            let cause = &s.causes[c.cause];
            let section = c.section.map(|k| &a.body.sections[k]);
            let view = callout(c.urgency, &s.config.emergency_number);
            if let (Some(view), Some(section)) = (&view, section) {
                splice_after_heading(&mut body, &section.id, &callout_html(view, &cause.name)?);
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
            date: a.date.into(),
            updated: a.updated.map(DateView::from),
            reviewed: a.reviewed.map(DateView::from),
            next_review: a.next_review.map(DateView::from),
            author: self.author(&s.authors[a.author]),
            reviewer: a.reviewer.map(|r| self.author(&s.authors[r])),
            photo: self.photo(a),
            toc: &a.body.toc,
            body,
            causes,
            references: a.references.iter().map(ReferenceView::from).collect(),
            related_searches: a
                .related_searches
                .iter()
                .map(|q| LinkView {
                    name: q.clone(),
                    url: format!(
                        "{}?q={}",
                        self.url("search/"),
                        form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
                    ),
                })
                .collect(),
            related: self.summaries(&a.related),
            tags: &a.tags,
            word_count: a.body.stats.words,
            calculator: a.calculator,
            reading_minutes: a.body.stats.words.div_ceil(WORDS_PER_MINUTE).max(1),
        };
        job.insert("article", &view);
        job.insert("jsonld", &self.article_jsonld(a));
        Ok(job)
    }

    /// `/causes/`.
    pub fn causes(&self) -> PageJob {
        let s = self.site;
        let title = "Causes A–Z";
        let mut job = self.job(
            "causes/",
            "causes.html",
            self.page(
                "causes",
                title,
                "Every cause our articles discuss, from A to Z.",
                "causes/",
            ),
        );
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
        job.insert(
            "jsonld",
            &self.page_jsonld("CollectionPage", title, "causes/"),
        );
        job
    }

    /// `/causes/<slug>/`.
    pub fn cause(&self, i: usize) -> PageJob {
        let s = self.site;
        let c = &s.causes[i];
        let overview = c.overview.as_ref();
        let (title, description) = crate::graph::Overview::heading(overview, &c.name);
        let mut job = self.job(
            &c.path,
            "cause.html",
            self.page("cause", &title, &description, &c.path),
        );
        job.insert("jsonld", &self.cause_jsonld(i, &description));
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
        job.insert("causes_url", &self.url("causes/"));
        job
    }

    /// `/treatments/`.
    pub fn treatments(&self) -> PageJob {
        let s = self.site;
        let mut job = self.job("treatments/", "treatments.html", self.page("treatments", "Treatments A–Z", "Every treatment our articles recommend, the causes it is used for and the articles that mention it.", "treatments/"));
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
        job.insert(
            "jsonld",
            &self.page_jsonld("CollectionPage", "Treatments A–Z", "treatments/"),
        );
        job
    }

    /// `/treatments/<slug>/`.
    pub fn treatment(&self, i: usize) -> PageJob {
        let s = self.site;
        let t = &s.treatments[i];
        let overview = t.overview.as_ref();
        let (title, description) = crate::graph::Overview::heading(overview, &t.name);
        let mut job = self.job(
            &t.path,
            "treatment.html",
            self.page("treatment", &title, &description, &t.path),
        );
        job.insert("jsonld", &self.treatment_jsonld(i, &description));
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
        job.insert("treatments_url", &self.url("treatments/"));
        job
    }

    /// `/authors/<key>/`.
    pub fn author_page(&self, i: usize) -> PageJob {
        let a = &self.site.authors[i];
        let mut job = self.job(
            &a.path,
            "author.html",
            self.page("author", &a.name, &a.bio, &a.path),
        );
        job.insert("author", &self.author(a));
        job.insert("articles", &self.summaries(&a.articles));
        job.insert("reviewed", &self.summaries(&a.reviewed));
        job.insert("jsonld", &self.author_jsonld(a));
        job
    }

    /// `/tools/calorie-goal/`.
    pub fn calculator(&self) -> PageJob {
        let path = "tools/calorie-goal/";
        let title = "Calorie-goal calculator";
        let description = "Estimate how many calories a day fit your goal, from your height, weight, age and activity.";
        let mut job = self.job(
            path,
            "calorie-goal.html",
            self.page("calculator", title, description, path),
        );
        job.insert("jsonld", &self.page_jsonld("WebPage", title, path));
        job
    }

    /// `/search/`.
    pub fn search(&self) -> PageJob {
        let path = "search/";
        let title = "Search";
        let description = "Search every article, cause and treatment on this site.";
        let mut job = self.job(
            path,
            "search.html",
            self.page("search", title, description, path),
        );
        job.insert("jsonld", &self.page_jsonld("WebPage", title, path));
        job
    }

    /// `/404.html`.
    pub fn not_found(&self) -> PageJob {
        let mut job = self.job(
            "",
            "404.html",
            self.page("404", "Page not found", "", "404.html"),
        );
        job.output = "404.html".to_owned();
        job.insert("causes_url", &self.url("causes/"));
        job.insert("treatments_url", &self.url("treatments/"));
        job.insert(
            "jsonld",
            &self.page_jsonld("WebPage", "Page not found", "404.html"),
        );
        job
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
    causes: Vec<ArticleCauseView>,
    references: Vec<ReferenceView>,
    related_searches: Vec<LinkView>,
    related: Vec<Summary>,
    tags: &'a [String],
    word_count: usize,
    reading_minutes: usize,
    /// Whether the calorie-goal calculator is in the side panel.
    calculator: bool,
}

#[derive(Serialize)]
struct ArticleCauseView {
    name: String,
    url: String,
    section_url: Option<String>,
    callout: Option<CalloutView>,
    treatments: Vec<LinkView>,
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

impl From<&crate::content::Reference> for ReferenceView {
    fn from(r: &crate::content::Reference) -> Self {
        Self {
            title: r.title.clone(),
            publisher: r.publisher.clone(),
            url: r.url.as_ref().map(|u| u.get_ref().clone()),
            accessed: r.accessed.map(DateView::from),
            published: r.published.map(DateView::from),
            doi: r.doi.clone(),
            pmid: r.pmid.clone(),
        }
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
