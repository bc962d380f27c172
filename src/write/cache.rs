//! The build cache the output carries: for each file salve made from a key
//! (a page, or the files of one search shard), the key and the file's size
//! and modification time, so the next build can keep files whose inputs are
//! unchanged and that nobody has touched since.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// The build cache, inside the output it describes: for each page, a hash of
/// everything it was made from (see [`crate::render::Sink`]), so the next
/// build keeps the page instead of rendering it again. It lives in the output
/// because salve writes nowhere else, and goes with the output it describes.
pub const CACHE: &str = ".salve-cache/pages";
/// The first line of the cache: its format, and which salve wrote it.
pub(super) const CACHE_FORMAT: &str = "salve-cache 1";

/// A page in the cache: the key of its inputs, and the size and time of the
/// file made from them, so a file changed by hand since is not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct CacheEntry {
    pub(super) key: u64,
    len: u64,
    modified: i128,
}

impl CacheEntry {
    pub(super) fn of(key: u64, file: &Path) -> Option<Self> {
        let meta = fs::symlink_metadata(file).ok()?;
        Some(Self {
            key,
            len: meta.len(),
            modified: modified_nanos(&meta)?,
        })
    }
}

fn modified_nanos(meta: &fs::Metadata) -> Option<i128> {
    let time = meta.modified().ok()?;
    Some(match time.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    })
}

/// Names the salve that wrote a cache: a key is a hash of a page's inputs as
/// this salve sees them, so another build of salve starts afresh.
fn cache_header() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|exe| fs::metadata(exe).ok())
        .map(|m| format!("{} {}", m.len(), modified_nanos(&m).unwrap_or(0)))
        .unwrap_or_default();
    format!("{CACHE_FORMAT} {} {exe}", env!("CARGO_PKG_VERSION"))
}

/// Reads a cache written by this salve; anything else is an empty cache.
pub(super) fn read_cache(output: &Path) -> HashMap<String, CacheEntry> {
    let Ok(text) = fs::read_to_string(output.join(CACHE)) else {
        return HashMap::new();
    };
    let mut lines = text.lines();
    if lines.next() != Some(cache_header().as_str()) {
        return HashMap::new();
    }
    lines
        .filter_map(|line| {
            let mut parts = line.splitn(4, ' ');
            let key = u64::from_str_radix(parts.next()?, 16).ok()?;
            let len = parts.next()?.parse().ok()?;
            let modified = parts.next()?.parse().ok()?;
            let path = parts.next()?.to_owned();
            Some((path, CacheEntry { key, len, modified }))
        })
        .collect()
}

pub(super) fn cache_text(mut keys: Vec<(String, CacheEntry)>) -> String {
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut text = cache_header();
    text.push('\n');
    for (path, c) in keys {
        text.push_str(&format!("{:016x} {} {} {path}\n", c.key, c.len, c.modified));
    }
    text
}
