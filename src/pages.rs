//! The context of each kind of page: which views a template gets.
//!
//! One view function per kind of page (named in its entry in `kinds`), each
//! returning the page's output path, its template and its context. The
//! variables are documented in the README's "Templates" section for sites
//! that override templates.

mod article;
mod fingerprint;
mod lists;
mod pager;
mod redirect;
mod reviewers;
mod standalone;
mod topics;

pub use article::CALLOUT_TEMPLATE;
pub use pager::{PageLink, PagerView};
pub use redirect::RedirectView;

use crate::kinds::{ARTICLES, At, CAUSES, Kind, TAGS, TREATMENTS};
use crate::views::{LinkView, PageView, Views, by_letter};
use serde::Serialize;
use tera::Context;

/// The fingerprint a page variable holding `value` has: for a value many
/// pages share, made once (see [`PageJob::insert_printed`]).
pub fn fingerprint_of<T: Serialize + ?Sized>(value: &T) -> u64 {
    fingerprint::fingerprint(value)
}

/// Makes the context of page `at` of a kind (item `0` for a kind of one
/// page).
pub type View = fn(&Views<'_>, &Kind, At) -> Result<PageJob, TemplateFailure>;

/// A template that failed while a page's context was made (a partial
/// rendered into the page), named for the report.
#[derive(Debug)]
pub struct TemplateFailure {
    pub error: tera::Error,
    pub template: &'static str,
}

/// A page to render: where it goes, with which template and data.
pub struct PageJob {
    /// Output path relative to the output root, e.g. `causes/index.html`.
    pub output: String,
    /// Template name, e.g. `cause.html`.
    pub template: &'static str,
    /// The template's variables; left empty when the views were asked for
    /// the page's key alone (see [`Views::contexts`]).
    pub context: Context,
    /// Whether `context` is filled.
    filled: bool,
    /// Each variable's name and fingerprint, in the order they were first
    /// set: a page's inputs are exactly these, which is what lets a rebuild
    /// skip unchanged pages.
    fingerprints: Vec<(&'static str, u64)>,
}

impl PageJob {
    /// Sets a template variable.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.insert_printed(key, value, fingerprint::fingerprint(value));
    }

    /// [`PageJob::insert`] with the value's fingerprint already made
    /// ([`fingerprint_of`]).
    pub fn insert_printed<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
        print: u64,
    ) {
        if self.filled {
            self.context.insert(key, value);
        }
        match self.fingerprints.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = print,
            None => self.fingerprints.push((key, print)),
        }
    }

    /// Feeds every variable to `state`, so equal fingerprints mean equal
    /// contexts (the template rendering them is hashed separately).
    pub fn hash_context(&self, state: &mut impl std::hash::Hasher) {
        for (key, print) in &self.fingerprints {
            state.write_usize(key.len());
            state.write(key.as_bytes());
            state.write_u64(*print);
        }
    }
}

/// How many articles the home page lists.
const HOME_LATEST: usize = 10;

impl Views<'_> {
    /// A page of `kind` with `site` and `page` set: page `at` of the kind,
    /// titled `title`. A page of a list also gets `pager`, and from its
    /// second page on, its title says which page it is.
    pub fn job(&self, kind: &Kind, at: At, title: &str, description: &str) -> PageJob {
        self.job_with(kind, at, self.page_at(kind, at, title, description))
    }

    /// The `page` of [`Views::job`], for a page that changes it before
    /// [`Views::job_with`] (its own share image, its `[extra]`).
    pub fn page_at(&self, kind: &Kind, at: At, title: &str, description: &str) -> PageView {
        let pages = kind.page_count(self.site, at.item);
        let title = if at.page > 0 {
            // The numbers go in first, so braces in the title stay as written.
            self.site
                .strings
                .get("pager.title")
                .replace("{current}", &(at.page + 1).to_string())
                .replace("{total}", &pages.to_string())
                .replace("{title}", title)
        } else {
            title.to_owned()
        };
        let mut page = self.page(kind.name, &title, description, &kind.path(self.site, at));
        page.in_search = kind.in_search_at(at);
        page
    }

    /// [`Views::job`] with its `page` given.
    pub fn job_with(&self, kind: &Kind, at: At, page: PageView) -> PageJob {
        let path = kind.path(self.site, at);
        let mut job = PageJob {
            output: kind.output(self.site, at),
            template: kind.template,
            context: Context::new(),
            filled: self.contexts,
            fingerprints: Vec::new(),
        };
        job.insert("site", &self.site(kind, &path));
        let strings = &self.site.strings;
        job.insert_printed("t", strings.tree(), strings.fingerprint());
        job.insert("page", &page);
        // A page's versions in other languages (none for a site in one):
        // the language switch and `hreflang` links.
        let translations = match self.site.alternates.get(&path) {
            Some(list) => &list[..],
            None => &[],
        };
        job.insert("translations", translations);
        if kind.list.is_some() {
            job.insert("pager", &self.pager(kind, at));
        }
        job
    }

    /// [`Views::job`] for a kind of one page, with the entry's title and
    /// description.
    pub fn fixed_job(&self, kind: &Kind, at: At) -> PageJob {
        let (title, description) = self.fixed_words(kind);
        self.job(kind, at, title, description)
    }

    /// A page that needs nothing but the site and its own entry (a tool, the
    /// search page): its template does the rest.
    pub fn fixed(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let mut job = self.fixed_job(kind, at);
        job.insert("jsonld", &self.page_jsonld(kind, at));
        Ok(job)
    }

    /// A piece that other pages load into themselves (the calculator's
    /// form): only the site and its own entry, and no JSON-LD, as it is no
    /// page a reader or a search engine should land on.
    pub fn fragment(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        Ok(self.fixed_job(kind, at))
    }

    /// The home page.
    pub fn home(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let s = self.site;
        let mut job = self.job(kind, at, &s.config.title, &s.config.description);
        let latest: Vec<usize> = (0..s.articles.len().min(HOME_LATEST)).collect();
        job.insert("latest", &self.summaries(&latest));
        job.insert("jsonld", &self.home_jsonld(kind));
        let causes: Vec<&LinkView> = (0..s.causes.len()).map(|i| self.cause_link(i)).collect();
        job.insert("cause_groups", &by_letter(causes, |c| &c.name));
        job.insert("treatment_count", &s.treatments.len());
        job.insert("article_count", &s.articles.len());
        job.insert("tag_count", &s.tags.len());
        job.insert("articles_url", &self.url(ARTICLES.fixed_path()));
        job.insert("tags_url", &self.url(TAGS.fixed_path()));
        self.insert_index_urls(&mut job);
        Ok(job)
    }

    /// An author's page: their articles and the articles they reviewed,
    /// both split into pages side by side (page 2 shows the next written
    /// and the next reviewed).
    pub fn author(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let a = &self.site.authors[at.item];
        let mut job = self.job(kind, at, &a.name, &a.bio);
        let per_page = *self.site.config.paginate_by.get_ref();
        let slice = |list: &[usize]| {
            let range = crate::kinds::page_range(list.len(), per_page, at.page);
            self.summaries(&list[range])
        };
        job.insert("author", &self.author_view(a));
        job.insert("articles", &slice(&a.articles));
        job.insert("reviewed", &slice(&a.reviewed));
        job.insert("article_count", &a.articles.len());
        job.insert("reviewed_count", &a.reviewed.len());
        job.insert("breadcrumbs", &self.breadcrumbs(kind, at, &a.name));
        job.insert("jsonld", &self.author_jsonld(kind, at, a));
        Ok(job)
    }

    /// The page for a URL the site does not have.
    pub fn not_found(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let mut job = self.fixed_job(kind, at);
        self.insert_index_urls(&mut job);
        job.insert("jsonld", &self.page_jsonld(kind, at));
        Ok(job)
    }

    /// `causes_url` and `treatments_url`, for pages that link to both indexes.
    fn insert_index_urls(&self, job: &mut PageJob) {
        job.insert("causes_url", &self.url(CAUSES.fixed_path()));
        job.insert("treatments_url", &self.url(TREATMENTS.fixed_path()));
    }
}
