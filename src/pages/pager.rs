//! The page links of a list split into pages: previous, next, and numbers.

use crate::kinds::{At, Kind, list_page_path, page_range};
use crate::views::Views;
use serde::Serialize;

/// How many numbers either side of the current page are linked; further
/// ones are a gap, so a list of 500 pages still has a short row of links.
const AROUND: usize = 2;

/// A page of a list among the others, as `pager` in templates.
#[derive(Debug, Serialize)]
pub struct PagerView {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages the list has (at least 1).
    pub total: usize,
    /// How many entries the whole list has.
    pub entries: usize,
    /// The number of this page's first and last entry, from 1 (both 0
    /// when the list is empty).
    pub first: usize,
    pub last: usize,
    /// The previous and next pages' links.
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The numbered links, with gaps.
    pub links: Vec<PageLink>,
}

/// A numbered link of a pager, or a gap between numbers (`number` 0).
#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    /// This page.
    pub current: bool,
    /// Numbers left out here.
    pub gap: bool,
}

impl Views<'_> {
    /// The pager of page `at` of a kind whose pages are a list.
    pub fn pager(&self, kind: &Kind, at: At) -> PagerView {
        let site = self.site;
        let list = kind.item_path_of(site, at.item);
        let total = kind.page_count(site, at.item);
        let entries = kind.list.map_or(0, |n| n(site, at.item));
        let range = page_range(entries, *site.config.paginate_by.get_ref(), at.page);
        let url = |page: usize| self.url(&list_page_path(list, page));
        let mut links = Vec::new();
        let mut shown_last = None;
        for page in numbers(at.page, total) {
            if shown_last.is_some_and(|last| page > last + 1) {
                links.push(PageLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                    gap: true,
                });
            }
            links.push(PageLink {
                number: page + 1,
                url: url(page),
                current: page == at.page,
                gap: false,
            });
            shown_last = Some(page);
        }
        PagerView {
            current: at.page + 1,
            total,
            entries,
            first: if range.is_empty() { 0 } else { range.start + 1 },
            last: range.end,
            prev: (at.page > 0).then(|| url(at.page - 1)),
            next: (at.page + 1 < total).then(|| url(at.page + 1)),
            links,
        }
    }
}

/// The pages (from 0) a pager on page `current` of `total` links by
/// number: the first, the last, and those near the current one. A gap of
/// one page shows its number instead.
fn numbers(current: usize, total: usize) -> Vec<usize> {
    let near = current.saturating_sub(AROUND)..=current.saturating_add(AROUND);
    let shown: Vec<usize> = (0..total)
        .filter(|&p| p == 0 || p + 1 == total || near.contains(&p))
        .collect();
    let mut filled = Vec::with_capacity(shown.len() + 2);
    for (k, &p) in shown.iter().enumerate() {
        if k > 0 && p == shown[k - 1] + 2 {
            filled.push(p - 1);
        }
        filled.push(p);
    }
    filled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_the_ends_and_the_neighbours() {
        assert_eq!(numbers(0, 1), [0]);
        assert_eq!(numbers(0, 3), [0, 1, 2]);
        assert_eq!(numbers(0, 10), [0, 1, 2, 9]);
        assert_eq!(numbers(5, 12), [0, 3, 4, 5, 6, 7, 11]);
        // A gap of one number shows it.
        assert_eq!(numbers(4, 10), [0, 1, 2, 3, 4, 5, 6, 9]);
        assert_eq!(numbers(9, 10), [0, 7, 8, 9]);
    }
}
