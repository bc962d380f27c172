//! The search index: a separate step after rendering, so `serve` can skip it
//! or redo it on its own.
//!
//! In: the pages of the kinds in the search index (see `kinds`: articles,
//! cause and treatment pages), each with the key of what it was made from.
//! Out: the files of a [pagefind]
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

/// A page to index: where it is in the output and the key of what it was
/// made from (the build cache's, see [`crate::render::Sink`]). Its HTML is
/// already in the output, kept from the last build or written by this one,
/// and is read back only when its shard is built: memory holds one shard's
/// pages per core, and an unchanged shard's pages are not read at all.
#[derive(Debug, Clone)]
pub struct Page {
    pub path: String,
    pub key: u64,
}

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

/// Builds the index of `pages` (pages of indexed kinds) of one language
/// of a site, `language`, whose pages are under `prefix` (`""` for the
/// site's own language, `es/` for Spanish): its index is there too, so the
/// search page of each language searches its own pages. URLs in the index
/// start with `base_path`. Each shard gets a
/// key, a hash of its pages' paths and keys; `keep` is asked first and, if
/// it still has the files of a shard with that key from the last build,
/// that shard is not built again. A shard that is built gets the HTML of
/// its pages from `read` (the output path in, the bytes out).
pub fn index(
    pages: Vec<Page>,
    base_path: &str,
    prefix: &str,
    language: &str,
    keep: &(dyn Fn(u64) -> bool + Sync),
    read: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
) -> Result<Index, SearchError> {
    use rayon::prelude::*;
    let count = shard_count(pages.len());
    // A page's shard follows from its path alone, so adding, removing or
    // editing a page changes its own shard and no other.
    let mut shards: Vec<Vec<Page>> = (0..count).map(|_| Vec::new()).collect();
    for page in pages {
        let shard = shard_of(&page.path, count);
        shards[shard].push(page);
    }
    shards.retain(|s| !s.is_empty());
    let total = shards.len();
    let built: Vec<Result<Option<Shard>, SearchError>> = shards
        .into_par_iter()
        .enumerate()
        .map(|(i, mut part)| {
            // Sorted, so a shard's index never depends on thread order.
            part.sort_unstable_by(|a, b| a.path.cmp(&b.path));
            let folder = shard_folder(prefix, i);
            let key = shard_key(&part, base_path, language, &folder);
            if keep(key) {
                return Ok(None);
            }
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .map_err(SearchError::new)?;
            let files = runtime.block_on(build(part, base_path, language, &folder, read))?;
            Ok(Some((key, files)))
        })
        .collect();
    let mut index = Vec::new();
    for shard in built {
        index.extend(shard?);
    }
    let extra: Vec<String> = (1..total)
        .map(|i| format!("{base_path}{}/", shard_folder(prefix, i)))
        .collect();
    Ok(Index {
        shards: index,
        total,
        list: OutputFile {
            path: format!("{}/{SHARDS_FILE}", shard_folder(prefix, 0)),
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

/// A hash of everything a shard's files are made from: its pages' paths
/// and keys (a page's key stands for its bytes, so kept pages need not be
/// read to know that their shard is unchanged).
fn shard_key(pages: &[Page], base_path: &str, language: &str, folder: &str) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut state = foldhash::quality::FixedState::with_seed(SHARD_SEED).build_hasher();
    (base_path, language, folder, pages.len()).hash(&mut state);
    for page in pages {
        (&page.path, page.key).hash(&mut state);
    }
    state.finish()
}

/// `pagefind` for the first shard (the one the search page loads), then
/// `pagefind/shard-1` and so on.
fn shard_folder(prefix: &str, i: usize) -> String {
    if i == 0 {
        format!("{prefix}{FOLDER}")
    } else {
        format!("{prefix}{FOLDER}/shard-{i}")
    }
}

async fn build(
    pages: Vec<Page>,
    base_path: &str,
    language: &str,
    folder: &str,
    read: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
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
        let Some(bytes) = read(&page.path) else {
            return Err(SearchError::at_page(
                url,
                std::io::Error::other("the page could not be read back from the output"),
            ));
        };
        let html = match String::from_utf8(bytes) {
            Ok(html) => html,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
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

    fn html(body: &str) -> Vec<u8> {
        format!("<html lang=\"en\"><body><main data-pagefind-body><h1 data-pagefind-meta=\"title\">T</h1><p>{body}</p></main></body></html>").into_bytes()
    }

    /// A page, its key made from its text as a page's key is made from its
    /// inputs.
    fn page(path: &str, body: &str) -> Page {
        use std::hash::BuildHasher;
        Page {
            path: path.into(),
            key: foldhash::quality::FixedState::with_seed(1).hash_one(body),
        }
    }

    /// The text of page `articles/a<i>/index.html` of the test sites:
    /// `word<i>`, or `edited` for page 7 when it is given.
    fn body_of(path: &str, edited: Option<&str>) -> String {
        let i: usize = path["articles/a".len()..path.len() - "/index.html".len()]
            .parse()
            .unwrap();
        match edited {
            Some(text) if i == 7 => text.to_owned(),
            _ => format!("word{i}"),
        }
    }

    fn read(path: &str) -> Option<Vec<u8>> {
        Some(html(&body_of(path, None)))
    }

    fn read_edited(path: &str) -> Option<Vec<u8>> {
        Some(html(&body_of(path, Some("changed"))))
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
            vec![page("articles/a/index.html", "calf strain")],
            "/health/",
            "",
            "en-GB",
            &|_| false,
            &|_| Some(html("calf strain")),
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
        let pages: Vec<Page> = (0..1200)
            .map(|i| page(&format!("articles/a{i}/index.html"), &format!("word{i}")))
            .collect();
        let keys = |pages: &[Page], keep: &(dyn Fn(u64) -> bool + Sync)| {
            let index = index(pages.to_vec(), "/", "", "en", keep, &read_edited).unwrap();
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
    fn pages_are_read_back_only_for_a_shard_built_again() {
        use std::sync::Mutex;
        let pages: Vec<Page> = (0..1200)
            .map(|i| page(&format!("articles/a{i}/index.html"), &format!("word{i}")))
            .collect();
        let first = index(pages.clone(), "/", "", "en", &|_| false, &read).unwrap();
        let first_keys: Vec<u64> = first.shards.iter().map(|(k, _)| *k).collect();
        // The next build renders page 7 again (edited) and keeps the rest:
        // their keys say what they were.
        let mut next = pages;
        next[7] = page("articles/a7/index.html", "changed");
        let reads = Mutex::new(Vec::new());
        let rebuilt = index(next, "/", "", "en", &|k| first_keys.contains(&k), &|path| {
            reads.lock().unwrap().push(path.to_owned());
            read_edited(path)
        })
        .unwrap();
        assert_eq!(rebuilt.shards.len(), 1);
        assert_eq!(rebuilt.total, 3);
        let read = reads.into_inner().unwrap();
        let shard = shard_of("articles/a7/index.html", 3);
        // The pages read back are those of the edited page's shard, each once.
        assert!(read.iter().all(|p| shard_of(p, 3) == shard), "{read:?}");
        assert!(read.contains(&"articles/a7/index.html".to_owned()));
        let in_shard = (0..1200)
            .filter(|i| shard_of(&format!("articles/a{i}/index.html"), 3) == shard)
            .count();
        assert_eq!(read.len(), in_shard);
    }

    #[test]
    fn a_page_that_cannot_be_read_back_is_an_error_naming_it() {
        let kept = page("articles/a/index.html", "calf");
        let err = index(vec![kept], "/", "", "en", &|_| false, &|_| None).unwrap_err();
        assert_eq!(err.page(), Some("/articles/a/"));
    }

    #[test]
    fn shards_grow_with_the_site_up_to_a_limit() {
        assert_eq!(shard_count(40), 1);
        assert_eq!(shard_count(PAGES_PER_SHARD), 1);
        assert_eq!(shard_count(PAGES_PER_SHARD + 1), 2);
        assert_eq!(shard_count(10_000), MAX_SHARDS.min(20));
        assert_eq!(shard_count(1_000_000), MAX_SHARDS);
        assert_eq!(shard_folder("", 0), "pagefind");
        assert_eq!(shard_folder("", 2), "pagefind/shard-2");
        assert_eq!(shard_folder("es/", 2), "es/pagefind/shard-2");
    }
}
