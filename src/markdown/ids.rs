//! Unique heading ids on one page: the second "Causes" becomes `causes-2`.
//!
//! Each name remembers the next number to try. Trying `causes`, `causes-2`,
//! … from the start for every heading made a page of 30,000 headings of one
//! name take 450 million tries; now each id is tried at most twice.

use crate::slug::slugify;
use std::collections::{HashMap, HashSet};

/// The ids taken on a page, and for each heading name the next number to try.
#[derive(Debug, Default)]
pub(crate) struct HeadingIds {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl HeadingIds {
    /// Reserves an id so headings avoid it (e.g. ids the template uses).
    pub(crate) fn reserve(&mut self, id: &str) {
        self.taken.insert(id.to_owned());
    }

    /// A unique id for a heading with `text`; `section` when the text has no
    /// letters. The same as trying the name, then `-2`, `-3`, … in turn:
    /// ids are only ever added, so a number found taken stays taken.
    pub(crate) fn id_for(&mut self, text: &str) -> String {
        let base = match slugify(text) {
            s if s.is_empty() => "section".to_owned(),
            s => s,
        };
        let mut n = self.next.get(&base).copied().unwrap_or(1);
        loop {
            let candidate = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            n += 1;
            if !self.taken.contains(&candidate) {
                self.taken.insert(candidate.clone());
                self.next.insert(base, n);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_are_unique_in_order() {
        let mut ids = HeadingIds::default();
        ids.reserve("contents");
        assert_eq!(ids.id_for("Causes"), "causes");
        assert_eq!(ids.id_for("Causes"), "causes-2");
        assert_eq!(ids.id_for("causes"), "causes-3");
        assert_eq!(ids.id_for("Contents"), "contents-2");
        assert_eq!(ids.id_for("?"), "section");
        assert_eq!(ids.id_for("—"), "section-2");
    }

    #[test]
    fn a_name_that_looks_numbered_is_skipped_once() {
        let mut ids = HeadingIds::default();
        assert_eq!(ids.id_for("Causes 2"), "causes-2");
        assert_eq!(ids.id_for("Causes"), "causes");
        assert_eq!(ids.id_for("Causes"), "causes-3");
        assert_eq!(ids.id_for("Causes 2"), "causes-2-2");
        assert_eq!(ids.id_for("Causes 3"), "causes-3-2");
        assert_eq!(ids.id_for("Causes"), "causes-4");
    }

    #[test]
    fn many_headings_of_one_name_each_try_one_id() {
        let mut ids = HeadingIds::default();
        for n in 1..=30_000 {
            let id = ids.id_for("Same");
            let want = if n == 1 {
                "same".to_owned()
            } else {
                format!("same-{n}")
            };
            assert_eq!(id, want);
        }
        assert_eq!(ids.next.get("same"), Some(&30_001));
    }
}
