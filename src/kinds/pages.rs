//! The pages of each kind, one by one, as its entry in the table makes
//! them: how many pages each item has, which entries of its list each
//! shows, where each is and what file it is written to; and the other way,
//! which kind a path belongs to and which file a page is made from.
//!
//! A kind whose pages list something that grows (articles, a tag's
//! articles, …) names that list in its entry; each of its items then has
//! as many pages as the list needs at `paginate_by` entries a page: the
//! first at the item's own path, the others at `page/2/`, `page/3/`, ….

use super::{ARTICLE, CAUSE, Fixed, KINDS, Kind, PAGE, Pages, TREATMENT};
use crate::link::Site;

/// One page of a kind: page `page` (from 0) of item `item`'s list. A kind
/// of one page has the one item 0; an unpaginated kind only page 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub item: usize,
    pub page: usize,
}

impl At {
    /// The first page of item `item`.
    pub fn item(item: usize) -> Self {
        Self { item, page: 0 }
    }
}

/// The path of page `page` (from 0) of the list at `list`: the list's own
/// path for the first, `page/<n>/` under it for the others.
pub fn list_page_path(list: &str, page: usize) -> String {
    if page == 0 {
        list.to_owned()
    } else {
        format!("{list}page/{}/", page + 1)
    }
}

/// How many pages a list of `entries` takes at `per_page` a page: at
/// least one, which says the list is empty.
pub fn page_count(entries: usize, per_page: usize) -> usize {
    entries.div_ceil(per_page.max(1)).max(1)
}

/// The entries of page `page` of a list of `entries`.
pub fn page_range(entries: usize, per_page: usize, page: usize) -> std::ops::Range<usize> {
    let per_page = per_page.max(1);
    let start = page.saturating_mul(per_page).min(entries);
    start..start.saturating_add(per_page).min(entries)
}

/// For every list of the site that runs to a second page, `page/1/` under it and the
/// list's own path (both relative to the site root, like every page path,
/// e.g. `("articles/page/1/", "articles/")`): the first page is only at
/// the list's path, so `…/page/1/` must redirect there.
pub fn first_page_aliases(site: &Site) -> Vec<(String, String)> {
    KINDS
        .iter()
        .filter(|k| k.list.is_some())
        .flat_map(|k| {
            // A list of one page has no page 2 to make anyone try `page/1/`.
            (0..k.count(site))
                .filter(move |&i| k.page_count(site, i) > 1)
                .map(move |i| {
                    let to = k.item_path_of(site, i);
                    (format!("{to}page/1/"), to.to_owned())
                })
        })
        .collect()
}

impl Kind {
    /// How many items of this kind `site` has (each has one page or more).
    pub fn count(&self, site: &Site) -> usize {
        match self.pages {
            Pages::One(Fixed { only_if, .. }) => usize::from(only_if.is_none_or(|f| f(site))),
            Pages::Each { count, .. } => count(site),
        }
    }

    /// The path of item `i`'s (first) page, e.g. `causes/shin-splints/`.
    pub fn item_path_of<'s>(&self, site: &'s Site, i: usize) -> &'s str {
        match self.pages {
            Pages::One(Fixed { path, .. }) => path,
            Pages::Each { path, .. } => path(site, i),
        }
    }

    /// The path of the page of the item `slug` of a kind of many, e.g.
    /// `causes/shin-splints/`.
    pub fn item_path(&self, slug: &str) -> String {
        match self.pages {
            Pages::One(Fixed { path, .. }) => path.to_owned(),
            Pages::Each { folder, .. } => format!("{folder}{slug}/"),
        }
    }

    /// How many pages item `i` has.
    pub fn page_count(&self, site: &Site, i: usize) -> usize {
        self.list.map_or(1, |entries| {
            page_count(entries(site, i), *site.config.paginate_by.get_ref())
        })
    }

    /// Whether page `at` is indexed for search: a page of a kind in the
    /// index, but of a list only the first, as the later pages repeat the
    /// item's own text (a cause's overview) around other entries.
    pub fn in_search_at(&self, at: At) -> bool {
        self.in_search && at.page == 0
    }

    /// Every page of this kind, item by item.
    pub fn pages<'s>(&'s self, site: &'s Site) -> impl Iterator<Item = At> + 's {
        (0..self.count(site)).flat_map(move |item| {
            (0..self.page_count(site, item)).map(move |page| At { item, page })
        })
    }

    /// The entries of item `at.item`'s list that page `at` shows.
    pub fn page_range(&self, site: &Site, at: At) -> std::ops::Range<usize> {
        let entries = self.list.map_or(0, |entries| entries(site, at.item));
        if self.list.is_none() {
            return 0..0;
        }
        page_range(entries, *site.config.paginate_by.get_ref(), at.page)
    }

    /// The path of page `at` of this kind, e.g. `causes/shin-splints/` or
    /// `causes/shin-splints/page/2/`.
    pub fn path(&self, site: &Site, at: At) -> String {
        list_page_path(self.item_path_of(site, at.item), at.page)
    }

    /// The file page `at` is written to, e.g. `causes/index.html`.
    pub fn output(&self, site: &Site, at: At) -> String {
        let path = self.path(site, at);
        let prefix = &site.prefix;
        if path.is_empty() || path.ends_with('/') {
            format!("{prefix}{path}index.html")
        } else {
            format!("{prefix}{path}")
        }
    }
}

/// Every page of the site, of every kind in [`KINDS`], each page of a list
/// included.
pub fn every_page(site: &Site) -> impl Iterator<Item = (&'static Kind, At)> + '_ {
    KINDS
        .iter()
        .flat_map(move |kind| kind.pages(site).map(move |at| (kind, at)))
}

/// The path of every page of the site, of every kind (redirect pages and
/// the later pages of lists included), e.g. `causes/shin-splints/`.
pub fn every_path(site: &Site) -> Vec<String> {
    every_page(site)
        .map(|(kind, at)| kind.path(site, at))
        .collect()
}

/// The file page `i` of `kind` is made from, for kinds made from files, to
/// name it in a problem with its URL.
pub fn source<'s>(site: &'s Site, kind: &Kind, i: usize) -> Option<&'s std::path::Path> {
    let overview = |o: &'s Option<crate::link::Overview>| o.as_ref().map(|o| o.source.as_path());
    if kind.name == ARTICLE.name {
        Some(&site.articles[i].source)
    } else if kind.name == CAUSE.name {
        overview(&site.causes[i].overview)
    } else if kind.name == TREATMENT.name {
        overview(&site.treatments[i].overview)
    } else if kind.name == PAGE.name {
        Some(&site.pages[i].source)
    } else {
        None
    }
}

/// The kind of page salve makes at `path` itself, whether or not this site
/// has it: a one-page kind at that path, or a kind of many whose folder
/// holds it. A standalone page may not take such a path.
pub fn built_in_owner(path: &str) -> Option<&'static Kind> {
    let fixed = KINDS
        .iter()
        .find(|k| k.fixed().is_some_and(|f| f.path == path));
    fixed.or_else(|| {
        KINDS.iter().find(|k| match k.pages {
            Pages::Each { folder, .. } => !folder.is_empty() && path.starts_with(folder),
            Pages::One(_) => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::{AUTHOR, CAUSES};

    #[test]
    fn lists_split_into_pages_and_page_one_is_the_list_itself() {
        assert_eq!(list_page_path("articles/", 0), "articles/");
        assert_eq!(list_page_path("articles/", 1), "articles/page/2/");
        assert_eq!(
            [0, 1, 3, 4, 6, 7].map(|n| page_count(n, 3)),
            [1, 1, 1, 2, 2, 3]
        );
        assert_eq!(page_range(7, 3, 0), 0..3);
        assert_eq!(page_range(7, 3, 2), 6..7);
        assert_eq!(page_range(0, 3, 0), 0..0);
        // A page past the end shows nothing rather than panicking.
        assert_eq!(page_range(7, 3, 9), 7..7);
    }

    #[test]
    fn built_in_paths_and_folders_are_owned() {
        let name = |p: &str| built_in_owner(p).map(|k| k.name);
        assert_eq!(name("causes/"), Some("causes"));
        assert_eq!(name("search/"), Some("search"));
        assert_eq!(name("reviewers/"), Some("reviewers"));
        assert_eq!(name("tools/calorie-goal/"), Some("calculator"));
        assert_eq!(
            name("tools/calorie-goal/form.html"),
            Some("calculator-form")
        );
        assert_eq!(name("articles/legs/x/"), Some("article"));
        assert_eq!(name("authors/ana/"), Some("author"));
        assert_eq!(name("about/"), None);
        assert_eq!(name("policies/privacy/"), None);
        assert_eq!(name("tools/other/"), None);
    }

    #[test]
    fn items_get_a_folder_under_their_kind() {
        assert_eq!(CAUSE.item_path("shin-splints"), "causes/shin-splints/");
        assert_eq!(AUTHOR.item_path("ana"), "authors/ana/");
        assert_eq!(CAUSES.fixed_path(), "causes/");
    }
}
