//! Watching the site's sources for saves.
//!
//! Editors save in bursts (a swap file, a rename, the file, a probe such as
//! vim's `4913`); the debouncer merges a burst into one batch, and a batch
//! that touches none of the site's own files is dropped. Folders may vanish
//! and come back (a `git checkout`), so the watches are renewed after every
//! batch instead of being set once.

use crate::load::{STATIC, TEMPLATES, is_ignored, is_well_known};
use notify::RecursiveMode;
use notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long the watcher waits for a burst of events to end.
pub const DEBOUNCE: Duration = Duration::from_millis(80);

/// The folders whose files make the site.
const SOURCE_FOLDERS: [&str; 4] = [
    crate::paths::ARTICLES,
    crate::paths::PAGES,
    TEMPLATES,
    STATIC,
];

/// Whether a change at `path` (absolute) can change the site at `root`
/// (absolute): site.toml, or a file in a source folder that the loader does
/// not skip. The output folder and editors' scratch files never are.
pub fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative.components();
    let Some(first) = parts.next() else {
        return false;
    };
    let first = first.as_os_str();
    if first == crate::config::CONFIG_FILE {
        return parts.next().is_none();
    }
    SOURCE_FOLDERS.iter().any(|f| first == *f)
        && relative
            .components()
            .enumerate()
            .skip(1)
            .all(|(i, c)| !is_ignored(c.as_os_str()) || is_well_known(relative, i))
}

/// Whether an event can change a file's bytes or existence. Reads (which the
/// build itself causes) and metadata changes cannot.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(_) => false,
        EventKind::Modify(modify) => !matches!(modify, ModifyKind::Metadata(_)),
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any | EventKind::Other => true,
    }
}

/// The site's watcher: batches of changed source paths arrive on the
/// receiver given to [`Watcher::start`].
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root` (absolute); each batch of changes that touch
    /// the site's sources is sent as the list of their paths, and watcher
    /// failures as a message.
    pub fn start(
        root: &Path,
        batches: mpsc::Sender<Result<Vec<PathBuf>, String>>,
    ) -> Result<Self, notify::Error> {
        let site = root.to_path_buf();
        // Links are not followed: one leading out of the site would have the
        // watcher list folders the build refuses to read (a link inside the
        // site leads to a folder that is watched anyway).
        let config = notify::Config::default().with_follow_symlinks(false);
        let handler = move |result: DebounceEventResult| {
            let batch = match result {
                Ok(events) => {
                    let paths: Vec<PathBuf> = events
                        .iter()
                        .filter(|e| changes_content(&e.kind))
                        .flat_map(|e| e.paths.iter())
                        .filter(|p| is_source(&site, p))
                        .cloned()
                        .collect();
                    if paths.is_empty() {
                        return;
                    }
                    Ok(paths)
                }
                Err(errors) => Err(errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")),
            };
            let _ = batches.send(batch);
        };
        let debouncer = new_debouncer_opt::<_, notify::RecommendedWatcher, RecommendedCache>(
            DEBOUNCE,
            None,
            handler,
            RecommendedCache::new(),
            config,
        )?;
        let mut watcher = Self {
            root: root.to_path_buf(),
            debouncer,
            watched: BTreeSet::new(),
        };
        // The root alone, for site.toml and for source folders that appear.
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        watcher.renew();
        Ok(watcher)
    }

    /// Watches the source folders that exist now, including ones created or
    /// re-created since the last call.
    pub fn renew(&mut self) {
        for folder in SOURCE_FOLDERS {
            let path = self.root.join(folder);
            if path.is_dir() {
                if !self.watched.contains(&path)
                    && self
                        .debouncer
                        .watch(&path, RecursiveMode::Recursive)
                        .is_ok()
                {
                    self.watched.insert(path);
                }
            } else if self.watched.remove(&path) {
                // The folder is gone and its watch with it; this only tidies
                // the debouncer's own records and may fail harmlessly.
                let _ = self.debouncer.unwatch(&path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sites_own_files_count_as_changes() {
        let root = Path::new("/site");
        for yes in [
            "/site/site.toml",
            "/site/articles/legs/calf.md",
            "/site/articles/legs",
            "/site/pages/about.md",
            "/site/templates/base.html",
            "/site/static/css/salve.css",
            "/site/static/.well-known/security.txt",
        ] {
            assert!(is_source(root, Path::new(yes)), "{yes}");
        }
        for no in [
            "/site/public/index.html",
            "/site/.salve-serve/index.html",
            "/site/README.md",
            "/site/articles/legs/.calf.md.swp",
            "/site/articles/legs/calf.md~",
            "/site/articles/legs/4913",
            "/site/articles/.git/x",
            "/site/pages/.about.md.swp",
            "/site/static/.secret",
            "/site/static/.well-known/.secret",
            "/site/static/x/.well-known/a.txt",
            "/site/articles/.well-known/a.txt",
            "/site/site.toml/x",
            "/elsewhere/articles/a.md",
        ] {
            assert!(!is_source(root, Path::new(no)), "{no}");
        }
    }
}
