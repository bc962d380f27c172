//! The search index: a separate step after rendering, so `serve` can skip it
//! or redo it on its own.
//!
//! In: the rendered pages of the kinds in the search index (see `kinds`:
//! articles, cause and treatment pages). Out: the files of a [pagefind]
//! index under `pagefind/`, which the search page queries in the reader's
//! browser. Each page marks its content with `data-pagefind-body` and
//! carries a `kind` filter and a weighted title (see the templates).
//!
//! [pagefind]: https://pagefind.app

use crate::output::OutputFile;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::fmt;

/// The folder of the index in the output.
pub const FOLDER: &str = "pagefind";

/// A site gets about one index (shard) per this many indexed pages, built
/// at the same time on every core and merged by the search page in the
/// browser. pagefind indexes one page at a time behind one lock (about 5 ms
/// a page), so one index would leave all cores but one idle; and a rebuild
/// keeps every shard whose pages are unchanged, so an edit re-indexes one
/// shard, not the site. A small site keeps one index.
pub const PAGES_PER_SHARD: usize = 500;

/// At most this many shards: each is one more set of requests per search in
/// the reader's browser.
pub const MAX_SHARDS: usize = 16;

/// Lists the extra shards' folders (URLs) for the search page to merge.
pub const SHARDS_FILE: &str = "salve-shards.json";

/// A shard built now: the key of what it was made from, and its files.
pub type Shard = (u64, Vec<OutputFile>);

/// The search index: each shard's files with the key of what it was made
/// from, and the list of shards for the search page.
#[derive(Debug)]
pub struct Index {
    /// (key, files) of each shard built now; a shard the caller kept from
    /// the last build is not here.
    pub shards: Vec<Shard>,
    /// How many shards the index has, kept ones included.
    pub total: usize,
    /// The list of extra shards, [`SHARDS_FILE`].
    pub list: OutputFile,
}

/// Why the index could not be built: the page being indexed, if it was one
/// page, and the error underneath (pagefind's, or the runtime's) as
/// [`source`](std::error::Error::source).
#[derive(Debug)]
pub struct SearchError {
    page: Option<String>,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl SearchError {
    fn new(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self {
            page: None,
            source: source.into(),
        }
    }

    fn at_page(url: String, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self {
            page: Some(url),
            source: source.into(),
        }
    }

    /// The URL of the page pagefind could not index, when it was one page.
    pub fn page(&self) -> Option<&str> {
        self.page.as_deref()
    }
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the search index could not be built")?;
        match &self.page {
            Some(url) => write!(f, ": {url}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for SearchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// Builds the index of `pages` (rendered pages of indexed kinds)
/// for a site in `language`. URLs in the index start with `base_path`.
/// Each shard gets a key, a hash of everything it is made from; `keep` is
/// asked first and, if it still has the files of a shard with that key from
/// the last build, that shard is not built again.
pub fn index(
    pages: &[OutputFile],
    base_path: &str,
    language: &str,
    keep: &(dyn Fn(u64) -> bool + Sync),
) -> Result<Index, SearchError> {
    use rayon::prelude::*;
    let indexed: Vec<&OutputFile> = pages.iter().collect();
    let count = shard_count(indexed.len());
    // A page's shard follows from its path alone, so adding, removing or
    // editing a page changes its own shard and no other.
    let mut shards: Vec<Vec<&OutputFile>> = vec![Vec::new(); count];
    for page in indexed {
        shards[shard_of(&page.path, count)].push(page);
    }
    shards.retain(|s| !s.is_empty());
    let built: Vec<Result<Option<Shard>, SearchError>> = shards
        .par_iter_mut()
        .enumerate()
        .map(|(i, part)| {
            // Sorted, so a shard's index never depends on thread order.
            part.sort_unstable_by(|a, b| a.path.cmp(&b.path));
            let folder = shard_folder(i);
            let key = shard_key(part, base_path, language, &folder);
            if keep(key) {
                return Ok(None);
            }
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .map_err(SearchError::new)?;
            let files = runtime.block_on(build(part, base_path, language, &folder))?;
            Ok(Some((key, files)))
        })
        .collect();
    let mut index = Vec::new();
    for shard in built {
        index.extend(shard?);
    }
    let extra: Vec<String> = (1..shards.len())
        .map(|i| format!("{base_path}{}/", shard_folder(i)))
        .collect();
    Ok(Index {
        shards: index,
        total: shards.len(),
        list: OutputFile {
            path: format!("{FOLDER}/{SHARDS_FILE}"),
            bytes: serde_json::to_vec(&extra).unwrap_or_default(),
        },
    })
}

/// How many shards for `pages` indexed pages.
fn shard_count(pages: usize) -> usize {
    pages.div_ceil(PAGES_PER_SHARD).clamp(1, MAX_SHARDS)
}

/// Which of `count` shards holds the page at `path`.
fn shard_of(path: &str, count: usize) -> usize {
    use std::hash::BuildHasher;
    let hash = foldhash::quality::FixedState::with_seed(SHARD_SEED).hash_one(path);
    (hash % count as u64) as usize
}

/// Any fixed number: shards and their keys agree from run to run.
const SHARD_SEED: u64 = 0x5ea7c4;

/// A hash of everything a shard's files are made from.
fn shard_key(pages: &[&OutputFile], base_path: &str, language: &str, folder: &str) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut state = foldhash::quality::FixedState::with_seed(SHARD_SEED).build_hasher();
    (base_path, language, folder, pages.len()).hash(&mut state);
    for page in pages {
        (&page.path, &page.bytes).hash(&mut state);
    }
    state.finish()
}

/// `pagefind` for the first shard (the one the search page loads), then
/// `pagefind/shard-1` and so on.
fn shard_folder(i: usize) -> String {
    if i == 0 {
        FOLDER.to_owned()
    } else {
        format!("{FOLDER}/shard-{i}")
    }
}

async fn build(
    pages: &[&OutputFile],
    base_path: &str,
    language: &str,
    folder: &str,
) -> Result<Vec<OutputFile>, SearchError> {
    // Pagefind expects an ISO 639-1 code: "en" from "en-GB".
    let lang = language
        .split(['-', '_'])
        .next()
        .unwrap_or("en")
        .to_lowercase();
    let config = PagefindServiceConfig::builder()
        .force_language(lang)
        .build();
    let mut index = PagefindIndex::new(Some(config)).map_err(SearchError::new)?;
    for page in pages {
        let url = format!("{base_path}{}", page.path.trim_end_matches("index.html"));
        let html = String::from_utf8_lossy(&page.bytes).into_owned();
        index
            .add_html_file(None, Some(url.clone()), html)
            .await
            .map_err(|e| SearchError::at_page(url, e))?;
    }
    let files = index.get_files().await.map_err(SearchError::new)?;
    Ok(files
        .into_iter()
        .filter_map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            is_needed(&name).then(|| OutputFile {
                path: format!("{folder}/{name}"),
                bytes: f.contents,
            })
        })
        .collect())
}

/// The files our own search page needs; pagefind's ready-made UIs are not.
fn is_needed(name: &str) -> bool {
    !(name.starts_with("pagefind-ui")
        || name.starts_with("pagefind-modular-ui")
        || name.starts_with("pagefind-component-ui")
        || name.starts_with("pagefind-highlight"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, body: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: format!("<html lang=\"en\"><body><main data-pagefind-body><h1 data-pagefind-meta=\"title\">T</h1><p>{body}</p></main></body></html>").into_bytes(),
        }
    }

    fn files(index: &Index) -> Vec<&OutputFile> {
        index.shards.iter().flat_map(|(_, f)| f).collect()
    }

    #[test]
    fn an_error_keeps_pagefinds_error_as_its_source() {
        use std::error::Error;
        let err = SearchError::at_page("/health/a/".into(), std::io::Error::other("bad page"));
        assert_eq!(
            err.to_string(),
            "the search index could not be built: /health/a/"
        );
        assert_eq!(err.page(), Some("/health/a/"));
        assert_eq!(
            err.source().map(ToString::to_string).as_deref(),
            Some("bad page")
        );
    }

    #[test]
    fn indexes_the_pages_given_and_keeps_the_reader_files() {
        let index = index(
            &[page("articles/a/index.html", "calf strain")],
            "/health/",
            "en-GB",
            &|_| false,
        )
        .unwrap();
        let files = files(&index);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind/pagefind-entry.json"));
        assert!(names.iter().any(|n| n.starts_with("pagefind/fragment/")));
        assert!(names.iter().all(|n| !n.contains("-ui")));
        let entry = files
            .iter()
            .find(|f| f.path == "pagefind/pagefind-entry.json")
            .unwrap();
        assert!(String::from_utf8_lossy(&entry.bytes).contains("\"en\""));
        // One page was indexed: its fragment carries its URL under the base path.
        let fragments: Vec<_> = files
            .iter()
            .filter(|f| f.path.starts_with("pagefind/fragment/"))
            .collect();
        assert_eq!(fragments.len(), 1);
        assert_eq!(index.list.bytes, b"[]");
    }

    #[test]
    fn an_edit_changes_one_shard_and_kept_shards_are_not_built() {
        let pages: Vec<OutputFile> = (0..1200)
            .map(|i| page(&format!("articles/a{i}/index.html"), &format!("word{i}")))
            .collect();
        let keys = |pages: &[OutputFile], keep: &(dyn Fn(u64) -> bool + Sync)| {
            let index = index(pages, "/", "en", keep).unwrap();
            index.shards.iter().map(|(k, _)| *k).collect::<Vec<u64>>()
        };
        let first = keys(&pages, &|_| false);
        assert_eq!(first.len(), 3, "1,200 pages make three shards");
        let mut edited = pages.clone();
        edited[7] = page("articles/a7/index.html", "changed");
        let second = keys(&edited, &|_| false);
        let changed: Vec<_> = second.iter().filter(|k| !first.contains(k)).collect();
        assert_eq!(changed.len(), 1, "only the edited page's shard changes");
        // The caller keeps the unchanged shards: only the changed one is built.
        let rebuilt = keys(&edited, &|k| first.contains(&k));
        assert_eq!(rebuilt, changed.into_iter().copied().collect::<Vec<_>>());
    }

    #[test]
    fn shards_grow_with_the_site_up_to_a_limit() {
        assert_eq!(shard_count(40), 1);
        assert_eq!(shard_count(PAGES_PER_SHARD), 1);
        assert_eq!(shard_count(PAGES_PER_SHARD + 1), 2);
        assert_eq!(shard_count(10_000), MAX_SHARDS.min(20));
        assert_eq!(shard_count(1_000_000), MAX_SHARDS);
        assert_eq!(shard_folder(0), "pagefind");
        assert_eq!(shard_folder(2), "pagefind/shard-2");
    }
}
