//! Every kind of page salve makes, in one table.
//!
//! An entry says where the kind's pages live, which template and view make
//! them, whether they go in the sitemap, the feed and the search index, their
//! schema.org type and their breadcrumb parent. The stages read the entry of
//! a page's kind and know no paths of their own, so a new kind of page is one
//! entry here, one view function (in `crate::pages`) and one template.
//!
//! What the table says page by page (how many pages each item has, where
//! each is, which kind a path belongs to) is read in `kinds/pages.rs`.

mod pages;

pub use pages::{
    At, built_in_owner, every_page, every_path, first_page_aliases, list_page_path, page_count,
    page_range, source,
};

use crate::date::Date;
use crate::link::Site;
use crate::pages::View;

/// A kind of page.
#[derive(Clone)]
pub struct Kind {
    /// Its name, `page.kind` in templates (e.g. `cause`).
    pub name: &'static str,
    /// The template that renders it.
    pub template: &'static str,
    /// Its page or pages.
    pub pages: Pages,
    /// Listed in `sitemap.xml`.
    pub in_sitemap: bool,
    /// Its newest pages are entries of `feed.xml`, made by this function.
    pub feed: Option<fn(&Site, usize) -> FeedEntry<'_>>,
    /// Indexed for search (its template marks the text with
    /// `data-pagefind-body`).
    pub in_search: bool,
    /// The schema.org type of the page's main JSON-LD node; empty for a
    /// page with no JSON-LD (a redirect).
    pub schema_type: &'static str,
    /// The page above it in breadcrumbs, after Home (a kind of one page).
    pub parent: Option<&'static Kind>,
    /// The list its pages split into pages of `paginate_by` entries: how
    /// many entries item `i` lists. `None`: one page per item.
    pub list: Option<fn(&Site, usize) -> usize>,
    /// Makes a page's template context.
    pub view: View,
}

/// Where a kind's pages are.
#[derive(Clone)]
pub enum Pages {
    /// One page.
    One(Fixed),
    /// One page per item of the site, each in its own folder under `folder`
    /// (`""` for items whose paths are their own, such as redirects).
    Each {
        folder: &'static str,
        /// How many items the site has.
        count: fn(&Site) -> usize,
        /// Item `i`'s page path, as the link stage set it.
        path: fn(&Site, usize) -> &str,
        /// When item `i` last changed, for the sitemap.
        changed: fn(&Site, usize) -> Option<Date>,
    },
}

/// The one page of a kind: where it is and what it is called.
#[derive(Clone)]
pub struct Fixed {
    /// `""` is the home page; a path not ending in `/` is a file, such as
    /// `404.html`.
    pub path: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// Whether the site has the page; `None` when every site has it. A page
    /// that is not made is in no list, menu or sitemap, and a link to it is
    /// an error.
    pub only_if: Option<fn(&Site) -> bool>,
}

/// A page as a feed entry. Paths are relative to the site root.
pub struct FeedEntry<'s> {
    pub title: &'s str,
    pub path: &'s str,
    pub published: Date,
    pub updated: Date,
    pub author: &'s str,
    pub author_path: &'s str,
    pub summary: Option<&'s str>,
    /// The body's HTML.
    pub html: &'s str,
}

impl Kind {
    /// The page of a kind of one page; `None` for a kind of many.
    pub fn fixed(&self) -> Option<&Fixed> {
        match &self.pages {
            Pages::One(fixed) => Some(fixed),
            Pages::Each { .. } => None,
        }
    }

    /// The path of a kind of one page, e.g. `causes/` (`""` for a kind of
    /// many, which has no page of its own).
    pub fn fixed_path(&self) -> &'static str {
        self.fixed().map_or("", |f| f.path)
    }
}

/// The articles' last change: updated, or else published.
fn article_changed(site: &Site, i: usize) -> Date {
    let a = &site.articles[i];
    a.updated.unwrap_or(a.date)
}

/// The newest change among articles.
fn newest(site: &Site, articles: impl Iterator<Item = usize>) -> Option<Date> {
    articles.map(|i| article_changed(site, i)).max()
}

/// The site's last change, its newest article's: when a page of one kind
/// (an index, a tool) and the feed last changed.
pub fn last_change(site: &Site) -> Option<Date> {
    newest(site, 0..site.articles.len())
}

pub const HOME: Kind = Kind {
    name: "home",
    template: "home.html",
    pages: Pages::One(Fixed {
        path: "",
        title: "",
        description: "",
        only_if: None,
    }),
    in_sitemap: true,
    feed: None,
    in_search: false,
    schema_type: "WebSite",
    parent: None,
    list: None,
    view: |v, k, i| v.home(k, i),
};

pub const CAUSES: Kind = Kind {
    name: "causes",
    template: "causes.html",
    pages: Pages::One(Fixed {
        path: "causes/",
        title: "Causes A–Z",
        description: "Every cause our articles discuss, from A to Z.",
        only_if: None,
    }),
    in_sitemap: true,
    feed: None,
    in_search: false,
    schema_type: "CollectionPage",
    parent: None,
    list: None,
    view: |v, k, i| v.causes(k, i),
};

pub const TREATMENTS: Kind = Kind {
    name: "treatments",
    template: "treatments.html",
    pages: Pages::One(Fixed {
        path: "treatments/",
        title: "Treatments A–Z",
        description: "Every treatment our articles recommend, from A to Z, with how many articles recommend it.",
        only_if: None,
    }),
    in_sitemap: true,
    feed: None,
    in_search: false,
    schema_type: "CollectionPage",
    parent: None,
    list: None,
    view: |v, k, i| v.treatments(k, i),
};

pub const CALCULATOR: Kind = Kind {
    name: "calculator",
    template: "calorie-goal.html",
    pages: Pages::One(Fixed {
        path: "tools/calorie-goal/",
        title: "Calorie-goal calculator",
        description: "Estimate how many calories a day fit your goal, from your height, weight, age and activity.",
        only_if: Some(|s| s.calculator),
    }),
    in_sitemap: true,
    feed: None,
    in_search: false,
    schema_type: "WebPage",
    parent: None,
    list: None,
    view: |v, k, i| v.fixed(k, i),
};

/// The calculator's form alone: the card beside an article fetches it, so
/// articles share one file the browser caches instead of each carrying the
/// form. A small document marked `noindex`, with no JSON-LD, sitemap entry
/// or search text.
pub const CALCULATOR_FORM: Kind = Kind {
    name: "calculator-form",
    template: "calorie-goal-form.html",
    pages: Pages::One(Fixed {
        path: "tools/calorie-goal/form.html",
        title: "Calorie-goal calculator form",
        description: "The calorie-goal calculator's form, for the card beside an article.",
        only_if: Some(|s| s.calculator),
    }),
    in_sitemap: false,
    feed: None,
    in_search: false,
    schema_type: "",
    parent: None,
    list: None,
    view: |v, k, i| v.fragment(k, i),
};

pub const SEARCH: Kind = Kind {
    name: "search",
    template: "search.html",
    pages: Pages::One(Fixed {
        path: "search/",
        title: "Search",
        description: "Search every article, cause and treatment on this site.",
        only_if: None,
    }),
    in_sitemap: true,
    feed: None,
    in_search: false,
    schema_type: "WebPage",
    parent: None,
    list: None,
    view: |v, k, i| v.fixed(k, i),
};

pub const NOT_FOUND: Kind = Kind {
    name: "404",
    template: "404.html",
    pages: Pages::One(Fixed {
        path: "404.html",
        title: "Page not found",
        description: "The page may have moved, or the link may have a typo.",
        only_if: None,
    }),
    in_sitemap: false,
    feed: None,
    in_search: false,
    schema_type: "WebPage",
    parent: None,
    list: None,
    view: |v, k, i| v.not_found(k, i),
};

pub const ARTICLE: Kind = Kind {
    name: "article",
    template: "article.html",
    pages: Pages::Each {
        folder: "articles/",
        count: |s| s.articles.len(),
        path: |s, i| &s.articles[i].path,
        changed: |s, i| Some(article_changed(s, i)),
    },
    in_sitemap: true,
    feed: Some(|s, i| {
        let a = &s.articles[i];
        let author = &s.authors[a.author];
        FeedEntry {
            title: &a.title,
            path: &a.path,
            published: a.date,
            updated: article_changed(s, i),
            author: &author.name,
            author_path: &author.path,
            summary: a.description.as_deref(),
            html: &a.body.html,
        }
    }),
    in_search: true,
    schema_type: "MedicalWebPage",
    parent: Some(&ARTICLES),
    list: None,
    view: |v, k, i| v.article(k, i),
};

pub const CAUSE: Kind = Kind {
    name: "cause",
    template: "cause.html",
    pages: Pages::Each {
        folder: "causes/",
        count: |s| s.causes.len(),
        path: |s, i| &s.causes[i].path,
        changed: |s, i| newest(s, s.causes[i].mentions.iter().map(|m| m.article)),
    },
    in_sitemap: true,
    feed: None,
    in_search: true,
    schema_type: "MedicalCondition",
    parent: Some(&CAUSES),
    list: Some(|s, i| s.causes[i].mentions.len()),
    view: |v, k, i| v.cause(k, i),
};

pub const TREATMENT: Kind = Kind {
    name: "treatment",
    template: "treatment.html",
    pages: Pages::Each {
        folder: "treatments/",
        count: |s| s.treatments.len(),
        path: |s, i| &s.treatments[i].path,
        changed: |s, i| newest(s, s.treatments[i].articles.iter().copied()),
    },
    in_sitemap: true,
    feed: None,
    in_search: true,
    schema_type: "MedicalTherapy",
    parent: Some(&TREATMENTS),
    list: Some(|s, i| s.treatments[i].articles.len()),
    view: |v, k, i| v.treatment(k, i),
};

pub const AUTHOR: Kind = Kind {
    name: "author",
    template: "author.html",
    pages: Pages::Each {
        folder: "authors/",
        count: |s| s.authors.len(),
        path: |s, i| &s.authors[i].path,
        changed: |s, i| {
            let a = &s.authors[i];
            newest(s, a.articles.iter().chain(&a.reviewed).copied())
        },
    },
    in_sitemap: true,
    feed: None,
    in_search: false,
    schema_type: "Person",
    parent: None,
    // Written and reviewed articles are paginated side by side.
    list: Some(|s, i| s.authors[i].articles.len().max(s.authors[i].reviewed.len())),
    view: |v, k, i| v.author(k, i),
};

pub const ARTICLES: Kind = Kind {
    name: "articles",
    template: "articles.html",
    pages: Pages::One(Fixed {
        path: "articles/",
        title: "Articles",
        description: "Every article on this site, newest first.",
        only_if: None,
    }),
    in_sitemap: true,
    feed: None,
    in_search: false,
    schema_type: "CollectionPage",
    parent: None,
    list: Some(|s, _| s.articles.len()),
    view: |v, k, i| v.articles(k, i),
};

pub const SECTION: Kind = Kind {
    name: "section",
    template: "section.html",
    pages: Pages::Each {
        folder: "articles/",
        count: |s| s.sections.len(),
        path: |s, i| &s.sections[i].path,
        changed: |s, i| s.sections[i].changed,
    },
    in_sitemap: true,
    feed: None,
    in_search: false,
    schema_type: "CollectionPage",
    parent: Some(&ARTICLES),
    list: Some(|s, i| s.sections[i].articles.len()),
    view: |v, k, i| v.section(k, i),
};

pub const TAGS: Kind = Kind {
    name: "tags",
    template: "tags.html",
    pages: Pages::One(Fixed {
        path: "tags/",
        title: "Tags A–Z",
        description: "Every tag our articles carry, from A to Z.",
        only_if: None,
    }),
    in_sitemap: true,
    feed: None,
    in_search: false,
    schema_type: "CollectionPage",
    parent: None,
    list: None,
    view: |v, k, i| v.tags(k, i),
};

pub const TAG: Kind = Kind {
    name: "tag",
    template: "tag.html",
    pages: Pages::Each {
        folder: "tags/",
        count: |s| s.tags.len(),
        path: |s, i| &s.tags[i].path,
        changed: |s, i| newest(s, s.tags[i].articles.iter().copied()),
    },
    in_sitemap: true,
    feed: None,
    in_search: false,
    schema_type: "CollectionPage",
    parent: Some(&TAGS),
    list: Some(|s, i| s.tags[i].articles.len()),
    view: |v, k, i| v.tag(k, i),
};

pub const REVIEWERS: Kind = Kind {
    name: "reviewers",
    template: "reviewers.html",
    pages: Pages::One(Fixed {
        path: "reviewers/",
        title: "Medical reviewers",
        description: "The health professionals who check our articles for medical accuracy, and the articles each has reviewed.",
        only_if: Some(|s| s.authors.iter().any(|a| !a.reviewed.is_empty())),
    }),
    in_sitemap: true,
    feed: None,
    in_search: false,
    // The main node is the page; its reviewers are `Person`s in it.
    schema_type: "WebPage",
    parent: None,
    list: None,
    view: |v, k, i| v.reviewers(k, i),
};

/// A standalone page from `pages/`. Its schema.org type is `WebPage`
/// unless its front matter's `kind` names a more exact one (`AboutPage`,
/// `ContactPage`): see [`crate::content::PageType`].
pub const PAGE: Kind = Kind {
    name: "page",
    template: "page.html",
    pages: Pages::Each {
        // At the site root: its path is its file's, under `pages/`.
        folder: "",
        count: |s| s.pages.len(),
        path: |s, i| &s.pages[i].path,
        changed: |s, i| s.pages[i].updated,
    },
    in_sitemap: true,
    feed: None,
    in_search: true,
    schema_type: "WebPage",
    parent: None,
    list: None,
    view: |v, k, i| v.standalone(k, i),
};

/// A page at an old URL that sends readers on to the page there now: one
/// per [`crate::link::Redirect`]. Not a page to list or index.
pub const REDIRECT: Kind = Kind {
    name: "redirect",
    template: "redirect.html",
    pages: Pages::Each {
        folder: "",
        count: |s| s.redirects.len(),
        path: |s, i| &s.redirects[i].from,
        changed: |_, _| None,
    },
    in_sitemap: false,
    feed: None,
    in_search: false,
    schema_type: "",
    parent: None,
    list: None,
    view: |v, k, i| v.redirect(k, i),
};

/// Every kind, in the order pages are made and listed in the sitemap.
pub const KINDS: &[Kind] = &[
    HOME,
    CAUSES,
    TREATMENTS,
    CALCULATOR,
    CALCULATOR_FORM,
    SEARCH,
    REVIEWERS,
    NOT_FOUND,
    ARTICLES,
    TAGS,
    ARTICLE,
    SECTION,
    CAUSE,
    TREATMENT,
    AUTHOR,
    TAG,
    PAGE,
    REDIRECT,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_templates_are_unique() {
        let mut names: Vec<_> = KINDS.iter().map(|k| k.name).collect();
        let mut templates: Vec<_> = KINDS.iter().map(|k| k.template).collect();
        names.sort_unstable();
        names.dedup();
        templates.sort_unstable();
        templates.dedup();
        assert_eq!(names.len(), KINDS.len());
        assert_eq!(templates.len(), KINDS.len());
    }

    #[test]
    fn every_template_is_built_in_and_every_parent_is_one_page() {
        for kind in KINDS {
            assert!(
                crate::builtin::DEFAULT_TEMPLATES
                    .iter()
                    .any(|(name, _)| *name == kind.template),
                "{} has no built-in template",
                kind.name
            );
            if let Some(parent) = kind.parent {
                assert!(parent.fixed().is_some(), "{}", kind.name);
            }
        }
    }
}
