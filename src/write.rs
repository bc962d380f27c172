//! Stage 5, write: the only code that touches the output folder.
//!
//! In: rendered pages and files to copy. Out: a complete output folder, or
//! the previous one untouched. New and changed files are written into a
//! staging folder beside the output and moved in only when the whole build
//! has succeeded, so a failure leaves the old output byte for byte as it was
//! (README.md, "Nothing is lost"); unchanged files are
//! never rewritten, so a deploy that syncs by time moves only what changed.
//! A marker file says a folder is salve's: salve changes only folders that
//! carry it, and never the site folder itself.
//!
//! The commit moves files in one by one, so for its length the output is
//! part old, part new. A stop asked for then waits for it to finish
//! ([`Interrupt`]); a kill leaves [`COMMITTING`] in the output, and the next
//! build, seeing it, trusts nothing of the old output and rewrites it all.

mod cache;
mod commit;
mod error;
mod external;
mod interrupt;
mod place;
mod store;
mod urls;

use crate::output::OutputFile;
pub use cache::CACHE;
#[cfg(test)]
use cache::CACHE_FORMAT;
use cache::{CacheEntry, read_cache};
pub use error::WriteError;
use error::io_err;
pub use external::{EXTERNAL, keep_external, read_external};
use interrupt::Phase;
pub use interrupt::{Interrupt, Stopped};
pub use place::{check_build_output, check_output, is_real_file, resolve_existing};
use place::{link_error, normalize};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
pub use store::{PageStore, Stored};
pub use urls::{URLS, published_urls};

/// The file that marks a folder as written by salve.
pub const MARKER: &str = ".salve-output";
/// The file that marks a folder salve wrote as a report, not a site: it
/// has [`MARKER`] too, and a build must not take it for its output.
pub const REPORT_MARK: &str = ".salve-report";
const MARKER_TEXT: &str = "This folder is written by `salve build`, which keeps it in step with the site on every build\nand removes any file in it that the site does not make.\n";

/// The file in the output while a commit moves files in: found there, it
/// means a build was killed mid-commit and the output is part old, part new.
pub const COMMITTING: &str = ".salve-committing";
const COMMITTING_TEXT: &str = "A `salve build` was moving new files into this folder and did not finish: some pages are\nold and some new. Run `salve build`: it rewrites every file and removes this file.\n";

/// Whether the output folder `output` holds a commit that never finished
/// (see [`COMMITTING`]).
pub fn interrupted_commit(output: &Path) -> bool {
    is_real_file(&output.join(COMMITTING))
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Pages and other rendered files.
    pub rendered: usize,
    /// Files copied unchanged.
    pub copied: usize,
    /// Files (of either kind) byte for byte as in the previous output, which
    /// were linked from it rather than written, keeping their modification
    /// time so a deploy that syncs by time moves only what changed.
    pub unchanged: usize,
}

/// A plan of the output: rendered files, and files copied from `from` (an
/// absolute path) to `to` (relative to the output root).
#[derive(Debug, Default)]
pub struct OutputPlan {
    /// Rendered files.
    pub files: Vec<OutputFile>,
    /// Files copied as they are.
    pub copies: Vec<(PathBuf, String)>,
}

/// Writes `plan` as the new contents of `output`, atomically replacing the
/// previous output. Call [`check_output`] first.
pub fn write(output: &Path, plan: &OutputPlan) -> Result<WriteReport, WriteError> {
    let staging = Staging::begin(output)?;
    staging.fill(plan);
    staging.commit()
}

/// A new output being made, from any number of threads at once (so pages
/// can be written as they are rendered, and dropped).
///
/// The first build writes everything into a staging folder beside the
/// output and renames it into place. Later builds compare each file with
/// the previous output: an unchanged file is left alone (same file, same
/// modification time, nothing written), and only new or changed files go to
/// the staging folder. [`Staging::commit`] then moves those in and removes
/// the files this build no longer makes. Until the commit nothing in the
/// output is touched, so a build that fails (bad content, a template error,
/// a full disk while staging) leaves it byte for byte as it was; dropped
/// uncommitted, the staging folder is removed.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    /// The current output when it is salve's and not empty: files are
    /// compared with it, and the commit updates it in place.
    previous: Option<PathBuf>,
    folders: Mutex<HashSet<PathBuf>>,
    /// Every file of this output, relative (only kept when updating).
    files: Mutex<HashSet<PathBuf>>,
    /// Files written to the staging folder, relative (only when updating).
    changed: Mutex<Vec<PathBuf>>,
    rendered: AtomicUsize,
    copied: AtomicUsize,
    unchanged: AtomicUsize,
    /// The previous output's cache: its pages' keys.
    cached: HashMap<String, CacheEntry>,
    /// The paths of `cached` by key: a group (a photo's variants, a search
    /// shard's files) is found without reading every entry.
    groups: HashMap<u64, Vec<String>>,
    /// This output's cache, filled as pages are written or kept.
    keys: Mutex<Vec<(String, CacheEntry)>>,
    /// The URLs of this output's pages, kept in it for the next build.
    urls: Mutex<Vec<String>>,
    /// The first failure; later writes are skipped and commit reports it.
    failed: Mutex<Option<WriteError>>,
    /// The previous output was left by a killed commit: nothing in it is
    /// trusted, every file is written again.
    repair: bool,
    /// Stops this build; every write and the commit go through it.
    interrupt: Interrupt,
    committed: bool,
}

impl Staging {
    /// Creates the staging folder beside `output` (an earlier one left by an
    /// interrupted build is replaced).
    pub fn begin(output: &Path) -> Result<Self, WriteError> {
        Self::begin_with(output, &Interrupt::default())
    }

    /// [`Staging::begin`], for a build that `interrupt` may stop. Call
    /// [`check_output`] first: it refuses an output holding a link.
    pub fn begin_with(output: &Path, interrupt: &Interrupt) -> Result<Self, WriteError> {
        let output = normalize(output);
        let parent = output.parent().unwrap_or(Path::new("/")).to_path_buf();
        let name = output
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        // Held until the staging folder is known, so a stop never misses it.
        let mut phase = interrupt.lock();
        if matches!(*phase, Phase::Stopped) {
            return Err(WriteError::Interrupted);
        }
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let staging = parent.join(format!(".{name}.salve-new"));
        remove_ours(&staging)?;
        // Left by salve versions that swapped the whole folder.
        remove_ours(&parent.join(format!(".{name}.salve-old")))?;
        fs::create_dir(&staging).map_err(io_err(&staging))?;
        // The marker goes first, so a staging folder is always known as ours.
        let marker = staging.join(MARKER);
        if let Err(err) = fs::write(&marker, MARKER_TEXT) {
            let _ = fs::remove_dir_all(&staging);
            return Err(io_err(&marker)(err));
        }
        *phase = Phase::Staging(staging.clone());
        drop(phase);
        let previous = is_real_file(&output.join(MARKER)).then(|| output.clone());
        let repair = previous.is_some() && interrupted_commit(&output);
        let cached = match &previous {
            Some(previous) if !repair => read_cache(previous),
            _ => HashMap::new(),
        };
        let mut groups: HashMap<u64, Vec<String>> = HashMap::new();
        for (path, entry) in &cached {
            groups.entry(entry.key).or_default().push(path.clone());
        }
        Ok(Self {
            cached,
            groups,
            keys: Mutex::new(Vec::new()),
            urls: Mutex::new(Vec::new()),
            previous,
            output,
            staging,
            folders: Mutex::new(HashSet::new()),
            files: Mutex::new(HashSet::new()),
            changed: Mutex::new(Vec::new()),
            rendered: AtomicUsize::new(0),
            copied: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            failed: Mutex::new(None),
            repair,
            interrupt: interrupt.clone(),
            committed: false,
        })
    }

    /// Keeps `urls`, the site paths of this output's pages (`/articles/x/`),
    /// in it for the next build to compare with (see [`published_urls`]).
    pub fn remember_urls(&self, urls: Vec<String>) {
        if let Ok(mut kept) = self.urls.lock() {
            *kept = urls;
        }
    }

    /// Writes a rendered file at `path` (relative, `/`-separated).
    pub fn put(&self, path: &str, bytes: &[u8]) {
        self.put_file(path, bytes);
    }

    /// [`Staging::put`], returning where the file's bytes now are.
    fn put_file(&self, path: &str, bytes: &[u8]) -> Option<PathBuf> {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        self.attempt(|| {
            let relative = safe_relative(path)?;
            if let Some(old) = self.unchanged(&relative, &|old| same_bytes(old, bytes)) {
                return Ok(old);
            }
            let dest = self.place(&relative)?;
            fs::write(&dest, bytes).map_err(io_err(&dest))?;
            Ok(dest)
        })
    }

    /// Writes a page made from inputs whose hash is `key`, and records the
    /// key in this output's cache.
    pub fn put_page(&self, path: &str, bytes: &[u8], key: u64) {
        if let Some(cached) = self
            .put_file(path, bytes)
            .and_then(|at| CacheEntry::of(key, &at))
        {
            if let Ok(mut keys) = self.keys.lock() {
                keys.push((path.to_owned(), cached));
            }
        }
    }

    /// Whether the last build's cache lists a file at `path`: only then can
    /// [`Staging::keep_page`] keep it.
    pub fn has_cached(&self, path: &str) -> bool {
        self.previous.is_some() && self.cached.contains_key(path)
    }

    /// Keeps the previous output's page at `path` when the cache says it was
    /// made from inputs with the same `key` and the file is as salve left it.
    /// Returns whether it was kept; if not, the page must be rendered.
    pub fn keep_page(&self, path: &str, key: u64) -> bool {
        let Some(vouched) = self.vouched(path, key) else {
            return false;
        };
        self.kept(path, vouched);
        true
    }

    /// Keeps every file the last build's cache lists under `key` (the files
    /// of one search shard, made from the same pages), when each is as salve
    /// left it. Returns whether it did; if not, the files must be made again.
    pub fn keep_group(&self, key: u64) -> bool {
        let paths = self.groups.get(&key).map_or(&[][..], Vec::as_slice);
        let vouched: Option<Vec<(&String, (PathBuf, CacheEntry))>> = paths
            .iter()
            .map(|path| Some((path, self.vouched(path, key)?)))
            .collect();
        match vouched {
            Some(files) if !files.is_empty() => {
                for (path, v) in files {
                    self.kept(path, v);
                }
                true
            }
            _ => false,
        }
    }

    /// The relative path and cache entry of the previous output's file at
    /// `path` if the cache lists it under `key` and it is as salve left it.
    fn vouched(&self, path: &str, key: u64) -> Option<(PathBuf, CacheEntry)> {
        let previous = self.previous.as_ref()?;
        let cached = self.cached.get(path).filter(|c| c.key == key)?;
        let relative = safe_relative(path).ok()?;
        (CacheEntry::of(key, &previous.join(&relative)).as_ref() == Some(cached))
            .then_some((relative, *cached))
    }

    /// Records a file kept from the previous output as part of this one.
    fn kept(&self, path: &str, (relative, cached): (PathBuf, CacheEntry)) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut files) = self.files.lock() {
            files.insert(relative);
        }
        if let Ok(mut keys) = self.keys.lock() {
            keys.push((path.to_owned(), cached));
        }
    }

    /// The bytes of a file already put or kept.
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        let relative = safe_relative(path).ok()?;
        fs::read(self.staging.join(&relative))
            .ok()
            .or_else(|| fs::read(self.previous.as_ref()?.join(&relative)).ok())
    }

    /// Copies the file at `from` (the real path load found it at) to `to`
    /// (relative). It is opened without following a link, so a link put in
    /// its place after load checked it is refused, not copied through.
    pub fn copy(&self, from: &Path, to: &str) {
        self.copied.fetch_add(1, Ordering::Relaxed);
        self.attempt(|| {
            let relative = safe_relative(to)?;
            let same = |old: &Path| {
                crate::load::read_vouched(from).is_ok_and(|bytes| same_bytes(old, &bytes))
            };
            if self.unchanged(&relative, &same).is_some() {
                return Ok(());
            }
            let dest = self.place(&relative)?;
            let mut source = crate::load::open_vouched(from).map_err(io_err(from))?;
            let mut file = fs::File::create(&dest).map_err(io_err(&dest))?;
            io::copy(&mut source, &mut file)
                .map(drop)
                .map_err(io_err(from))
        });
    }

    /// Writes every file of `plan`, on every core.
    pub fn fill(&self, plan: &OutputPlan) {
        use rayon::prelude::*;
        plan.files
            .par_iter()
            .for_each(|f| self.put(&f.path, &f.bytes));
        plan.copies
            .par_iter()
            .for_each(|(from, to)| self.copy(from, to));
    }

    /// Runs one write unless an earlier one failed or the build was
    /// stopped, keeping the first error.
    fn attempt<T>(&self, write: impl FnOnce() -> Result<T, WriteError>) -> Option<T> {
        if self.failed.lock().map_or(true, |f| f.is_some()) {
            return None;
        }
        // Held for the write: a stop waits for it, then no write follows.
        let phase = self.interrupt.peek();
        if !matches!(*phase, Phase::Staging(_)) {
            return None;
        }
        match write() {
            Ok(done) => Some(done),
            Err(err) => {
                if let Ok(mut first) = self.failed.lock() {
                    first.get_or_insert(err);
                }
                None
            }
        }
    }

    /// The place of a new or changed file in the staging folder, whose
    /// folder is created once.
    fn place(&self, relative: &Path) -> Result<PathBuf, WriteError> {
        let dest = self.staging.join(relative);
        if let Some(dir) = dest.parent() {
            let known = self.folders.lock().is_ok_and(|f| f.contains(dir));
            if !known {
                fs::create_dir_all(dir).map_err(io_err(dir))?;
                if let Ok(mut folders) = self.folders.lock() {
                    folders.insert(dir.to_path_buf());
                }
            }
        }
        if self.previous.is_some() {
            if let Ok(mut files) = self.files.lock() {
                files.insert(relative.to_path_buf());
            }
            if let Ok(mut changed) = self.changed.lock() {
                changed.push(relative.to_path_buf());
            }
        }
        Ok(dest)
    }

    /// The previous output's file at `relative` when `same` says this build
    /// makes it unchanged: it stays as it is.
    fn unchanged(&self, relative: &Path, same: &dyn Fn(&Path) -> bool) -> Option<PathBuf> {
        let old = self.previous.as_ref()?.join(relative);
        if self.repair || !same(&old) {
            return None;
        }
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut files) = self.files.lock() {
            files.insert(relative.to_path_buf());
        }
        Some(old)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let mut phase = self.interrupt.lock();
            // Ours (it got the marker first): nothing half-written stays.
            let _ = fs::remove_dir_all(&self.staging);
            if matches!(*phase, Phase::Staging(_)) {
                *phase = Phase::Idle;
            }
        }
    }
}

/// What a writers' list holds once every writer is done.
fn taken<T: Default>(list: &mut Mutex<T>) -> T {
    list.get_mut().map(std::mem::take).unwrap_or_default()
}

/// Whether the file at `path` holds exactly `bytes`; the size is compared
/// first so most changed files are told apart without reading them.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|old| old == bytes)
}

/// Output paths come from file names in the site; one that would climb out
/// of the output folder is refused here, whatever produced it.
fn safe_relative(path: &str) -> Result<PathBuf, WriteError> {
    if crate::paths::is_contained(path) {
        Ok(PathBuf::from(path))
    } else {
        Err(WriteError::Io {
            path: PathBuf::from(path),
            source: io::Error::new(
                io::ErrorKind::InvalidInput,
                "this path would leave the output folder",
            ),
        })
    }
}

/// Removes a leftover staging folder, but only if salve made it.
fn remove_ours(path: &Path) -> Result<(), WriteError> {
    match fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(meta) if meta.is_symlink() => Err(link_error(path.to_path_buf())),
        Ok(meta) if meta.is_dir() && is_real_file(&path.join(MARKER)) => remove_tree(path),
        Ok(_) => Err(WriteError::NotOurs(path.to_path_buf())),
    }
}

/// `fs::remove_dir_all`, with the folders of a tree removed on every core: an
/// output of 10,000 articles is 30,000 files and folders to unlink.
fn remove_tree(dir: &Path) -> Result<(), WriteError> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)
        .map_err(io_err(dir))?
        .collect::<Result<_, _>>()
        .map_err(io_err(dir))?;
    entries.par_iter().try_for_each(|entry| {
        let path = entry.path();
        // Never follows a link: a link to a folder is removed, not emptied.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            remove_tree(&path)
        } else {
            fs::remove_file(&path).map_err(io_err(&path))
        }
    })?;
    fs::remove_dir(dir).map_err(io_err(dir))
}

#[cfg(test)]
mod tests;
