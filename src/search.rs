//! The search index: a separate step after rendering, so `serve` can skip it
//! or redo it on its own.
//!
//! In: the rendered pages. Out: the files of a [pagefind] index under
//! `pagefind/`, which the search page queries in the reader's browser. Only
//! pages that mark their content with `data-pagefind-body` (articles, cause
//! and treatment pages) are indexed; each carries a `kind` filter and a
//! weighted title (see the templates).
//!
//! [pagefind]: https://pagefind.app

use crate::render::OutputFile;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::fmt;

/// The folder of the index in the output.
pub const FOLDER: &str = "pagefind";

/// A site with more indexed pages than this gets one index per core, each
/// built at the same time, which the search page merges in the browser.
/// pagefind indexes one page at a time behind one lock (about 5 ms a page),
/// so one index leaves all cores but one idle; a small site keeps one.
pub const PAGES_PER_SHARD: usize = 500;

/// Lists the extra shards' folders (URLs) for the search page to merge.
pub const SHARDS_FILE: &str = "salve-shards.json";

/// Why the index could not be built.
#[derive(Debug)]
pub struct SearchError(String);

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the search index could not be built: {}", self.0)
    }
}

impl std::error::Error for SearchError {}

/// Builds the index of `pages` (rendered files; non-HTML ones are skipped)
/// for a site in `language`. URLs in the index start with `base_path`.
pub fn index(
    pages: &[OutputFile],
    base_path: &str,
    language: &str,
) -> Result<Vec<OutputFile>, SearchError> {
    use rayon::prelude::*;
    let indexed: Vec<&OutputFile> = pages.iter().filter(|p| is_indexed(&p.path)).collect();
    let shards = shard_count(indexed.len(), rayon::current_num_threads());
    // Pages come in path order, so each shard holds the same pages on every
    // build of the same site on the same machine.
    let size = indexed.len().div_ceil(shards).max(1);
    let built: Vec<Result<Vec<OutputFile>, SearchError>> = indexed
        .par_chunks(size)
        .enumerate()
        .map(|(i, part)| {
            let folder = shard_folder(i);
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .map_err(|e| SearchError(e.to_string()))?;
            runtime.block_on(build(part, base_path, language, &folder))
        })
        .collect();
    let mut files = Vec::new();
    for shard in built {
        files.extend(shard?);
    }
    let extra: Vec<String> = (1..shards)
        .map(|i| format!("{base_path}{}/", shard_folder(i)))
        .collect();
    files.push(OutputFile {
        path: format!("{FOLDER}/{SHARDS_FILE}"),
        bytes: serde_json::to_vec(&extra).unwrap_or_default(),
    });
    Ok(files)
}

/// How many indexes to build for `pages` indexed pages on `cores` cores.
fn shard_count(pages: usize, cores: usize) -> usize {
    pages.div_ceil(PAGES_PER_SHARD).clamp(1, cores.max(1))
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
    let mut index = PagefindIndex::new(Some(config)).map_err(|e| SearchError(e.to_string()))?;
    for page in pages {
        let url = format!("{base_path}{}", page.path.trim_end_matches("index.html"));
        let html = String::from_utf8_lossy(&page.bytes).into_owned();
        index
            .add_html_file(None, Some(url.clone()), html)
            .await
            .map_err(|e| SearchError(format!("{url}: {e}")))?;
    }
    let files = index
        .get_files()
        .await
        .map_err(|e| SearchError(e.to_string()))?;
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

/// Pages that can hold indexed content: the rest are skipped unread.
pub fn is_indexed(path: &str) -> bool {
    path.ends_with(".html")
        && ["articles/", "causes/", "treatments/"]
            .iter()
            .any(|p| path.starts_with(p))
        && !matches!(path, "causes/index.html" | "treatments/index.html")
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

    #[test]
    fn indexes_content_pages_only_and_keeps_the_reader_files() {
        let files = index(
            &[
                page("articles/a/index.html", "calf strain"),
                page("index.html", "home"),
                page("css/x.css", ""),
            ],
            "/health/",
            "en-GB",
        )
        .unwrap();
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
    }

    #[test]
    fn big_sites_get_an_index_per_core_and_small_ones_one() {
        assert_eq!(shard_count(40, 2), 1);
        assert_eq!(shard_count(PAGES_PER_SHARD, 8), 1);
        assert_eq!(shard_count(PAGES_PER_SHARD + 1, 8), 2);
        assert_eq!(shard_count(10_000, 2), 2);
        assert_eq!(shard_count(10_000, 0), 1);
        assert_eq!(shard_folder(0), "pagefind");
        assert_eq!(shard_folder(2), "pagefind/shard-2");
    }

    #[test]
    fn which_pages_are_indexed() {
        assert!(is_indexed("articles/legs/a/index.html"));
        assert!(is_indexed("causes/overuse/index.html"));
        assert!(!is_indexed("causes/index.html"));
        assert!(!is_indexed("authors/ana/index.html"));
        assert!(!is_indexed("articles/legs/a/photo.svg"));
    }
}
