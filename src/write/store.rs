//! The output being written, as the render stage's [`Sink`]: pages go to
//! the staging folder as they are rendered and are dropped, except the
//! search index's share; pages the build cache vouches for are kept (and
//! noted, not read, for the index).

use super::Staging;
use crate::kinds::{At, Kind};
use crate::output::OutputFile;
use crate::render::Sink;
use crate::search;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Pages on their way into a [`Staging`] output.
pub struct PageStore<'a> {
    staging: &'a Staging,
    /// Keep the pages of kinds in the search index for it.
    search: bool,
    for_search: Mutex<Vec<search::Page>>,
    rendered: Mutex<Vec<String>>,
    /// HTML pages written or kept.
    pages: AtomicUsize,
}

/// What the store took, once rendering is over.
#[derive(Debug, Default)]
pub struct Stored {
    /// HTML pages written or kept.
    pub pages: usize,
    /// The output paths of the pages rendered (not kept), A–Z.
    pub rendered: Vec<String>,
    /// The pages of kinds in the search index, rendered or kept.
    pub for_search: Vec<search::Page>,
}

impl<'a> PageStore<'a> {
    /// A store writing into `staging`; with `search`, it keeps the pages
    /// the search index needs.
    pub fn new(staging: &'a Staging, search: bool) -> Self {
        Self {
            staging,
            search,
            for_search: Mutex::new(Vec::new()),
            rendered: Mutex::new(Vec::new()),
            pages: AtomicUsize::new(0),
        }
    }

    /// What was stored.
    pub fn finish(self) -> Stored {
        let mut rendered = self.rendered.into_inner().unwrap_or_default();
        rendered.sort_unstable();
        Stored {
            pages: self.pages.into_inner(),
            rendered,
            for_search: self.for_search.into_inner().unwrap_or_default(),
        }
    }

    fn count(&self, path: &str) {
        if path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn index(&self, page: search::Page) {
        if let Ok(mut pages) = self.for_search.lock() {
            pages.push(page);
        }
    }
}

impl Sink for PageStore<'_> {
    fn may_keep(&self, path: &str) -> bool {
        self.staging.has_cached(path)
    }

    fn keep(&self, path: &str, kind: &Kind, at: At, key: u64) -> bool {
        if !self.staging.keep_page(path, key) {
            return false;
        }
        self.count(path);
        if self.search && kind.in_search_at(at) {
            // Not read now: its shard of the index is most likely kept too.
            self.index(search::Page {
                path: path.to_owned(),
                key,
            });
        }
        true
    }

    fn put(&self, file: OutputFile, kind: &Kind, at: At, key: u64) {
        self.staging.put_page(&file.path, &file.bytes, key);
        self.count(&file.path);
        if let Ok(mut rendered) = self.rendered.lock() {
            rendered.push(file.path.clone());
        }
        if self.search && kind.in_search_at(at) {
            // Not kept in memory either: the index reads it back from the
            // staging folder when its shard is built, so a build holds one
            // shard's pages at a time rather than every indexed page (230
            // MB at 10,000 articles).
            self.index(search::Page {
                path: file.path,
                key,
            });
        }
    }
}
