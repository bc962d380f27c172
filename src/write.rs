//! Stage 5, write: the only code that touches the output folder.
//!
//! In: rendered pages and files to copy. Out: a complete output folder, or
//! the previous one untouched. Everything is written into a fresh staging
//! folder beside the output and swapped in by renaming, so a failure at any
//! point leaves the old output byte for byte as it was (DESIGN.md, "A build
//! that fails writes nothing"). A marker file says a folder is salve's: salve
//! replaces only folders that carry it, and never the site folder itself.

use crate::render::OutputFile;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The file that marks a folder as written by salve.
pub const MARKER: &str = ".salve-output";
const MARKER_TEXT: &str =
    "This folder is written by `salve build`, which replaces it whole on every build.\n";

/// Why the output folder cannot be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output folder is the site folder or contains it.
    ContainsSite(PathBuf),
    /// The output folder is inside one of the site's source folders.
    InsideSources(PathBuf),
    /// The folder exists, is not empty and is not salve's.
    NotOurs(PathBuf),
    /// The output path exists and is not a folder.
    NotAFolder(PathBuf),
    /// Reading, writing or renaming failed.
    Io { path: PathBuf, source: io::Error },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::ContainsSite(p) => write!(
                f,
                "the output folder {} is the site folder or contains it; salve would replace the site's own files\n  = help: pass an output folder inside the site, e.g. --output public",
                p.display()
            ),
            WriteError::InsideSources(p) => write!(
                f,
                "the output folder {} is inside the site's articles/, templates/ or static/ folder\n  = help: pass a folder outside them, e.g. --output public",
                p.display()
            ),
            WriteError::NotOurs(p) => write!(
                f,
                "the output folder {} already exists, is not empty and was not written by salve; salve will not replace it\n  = help: pass another --output folder, or move that folder's files away",
                p.display()
            ),
            WriteError::NotAFolder(p) => write!(
                f,
                "the output path {} exists and is not a folder\n  = help: pass another --output folder",
                p.display()
            ),
            WriteError::Io { path, source } => write!(
                f,
                "cannot write {}: {source}\n  = help: check that the disk has room and the folder is writable; the previous output was left as it was",
                path.display()
            ),
        }
    }
}

impl std::error::Error for WriteError {}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
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

/// Refuses output folders that salve must not replace. `root` and `output`
/// must be absolute.
pub fn check_output(root: &Path, output: &Path) -> Result<(), WriteError> {
    let root = fs::canonicalize(root).map_err(io_err(root))?;
    let output = normalize(output);
    // The output may not exist yet: compare through its nearest existing parent.
    let resolved = resolve_existing(&output);
    if root.starts_with(&resolved) {
        return Err(WriteError::ContainsSite(output));
    }
    for source in [
        crate::paths::ARTICLES,
        crate::load::TEMPLATES,
        crate::load::STATIC,
    ] {
        if resolved.starts_with(root.join(source)) {
            return Err(WriteError::InsideSources(output));
        }
    }
    match fs::symlink_metadata(&output) {
        Ok(meta) if !meta.is_dir() => Err(WriteError::NotAFolder(output)),
        Ok(_) if !is_ours_or_empty(&output)? => Err(WriteError::NotOurs(output)),
        _ => Ok(()),
    }
}

/// Writes `plan` as the new contents of `output`, atomically replacing the
/// previous output. Call [`check_output`] first.
pub fn write(output: &Path, plan: &OutputPlan) -> Result<WriteReport, WriteError> {
    let staging = Staging::begin(output)?;
    staging.fill(plan);
    staging.commit()
}

/// A new output being filled beside the old one, from any number of threads
/// at once (so pages can be written as they are rendered, and dropped).
/// [`Staging::commit`] swaps it in; dropped uncommitted, it is removed and
/// the previous output was never touched.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    /// The current output when it is salve's: unchanged files are linked
    /// from it instead of written.
    previous: Option<PathBuf>,
    folders: Mutex<HashSet<PathBuf>>,
    rendered: AtomicUsize,
    copied: AtomicUsize,
    unchanged: AtomicUsize,
    /// The first failure; later writes are skipped and commit reports it.
    failed: Mutex<Option<WriteError>>,
    committed: bool,
}

impl Staging {
    /// Creates the staging folder beside `output` (an earlier one left by an
    /// interrupted build is replaced).
    pub fn begin(output: &Path) -> Result<Self, WriteError> {
        let output = normalize(output);
        let parent = output.parent().unwrap_or(Path::new("/")).to_path_buf();
        let name = output
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let staging = parent.join(format!(".{name}.salve-new"));
        let old = parent.join(format!(".{name}.salve-old"));
        remove_ours(&staging)?;
        remove_ours(&old)?;
        fs::create_dir(&staging).map_err(io_err(&staging))?;
        let this = Self {
            previous: output.join(MARKER).is_file().then(|| output.clone()),
            output,
            staging,
            old,
            folders: Mutex::new(HashSet::new()),
            rendered: AtomicUsize::new(0),
            copied: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            failed: Mutex::new(None),
            committed: false,
        };
        // The marker goes first, so a staging folder is always known as ours.
        let marker = this.staging.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(io_err(&marker))?;
        Ok(this)
    }

    /// Writes a rendered file at `path` (relative, `/`-separated).
    pub fn put(&self, path: &str, bytes: &[u8]) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        self.attempt(|| {
            let (relative, dest) = self.place(path)?;
            if self.reuse(&relative, &dest, &|old| same_bytes(old, bytes)) {
                return Ok(());
            }
            fs::write(&dest, bytes).map_err(io_err(&dest))
        });
    }

    /// Copies the file at `from` (absolute) to `to` (relative).
    pub fn copy(&self, from: &Path, to: &str) {
        self.copied.fetch_add(1, Ordering::Relaxed);
        self.attempt(|| {
            let (relative, dest) = self.place(to)?;
            let same = |old: &Path| fs::read(from).is_ok_and(|bytes| same_bytes(old, &bytes));
            if self.reuse(&relative, &dest, &same) {
                return Ok(());
            }
            fs::copy(from, &dest).map(drop).map_err(io_err(from))
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

    /// Runs one write unless an earlier one failed, keeping the first error.
    fn attempt(&self, write: impl FnOnce() -> Result<(), WriteError>) {
        if self.failed.lock().map_or(true, |f| f.is_some()) {
            return;
        }
        if let Err(err) = write() {
            if let Ok(mut first) = self.failed.lock() {
                first.get_or_insert(err);
            }
        }
    }

    /// The checked relative path and its place in the staging folder, whose
    /// folder is created once.
    fn place(&self, path: &str) -> Result<(PathBuf, PathBuf), WriteError> {
        let relative = safe_relative(path)?;
        let dest = self.staging.join(&relative);
        if let Some(dir) = dest.parent() {
            let known = self.folders.lock().is_ok_and(|f| f.contains(dir));
            if !known {
                fs::create_dir_all(dir).map_err(io_err(dir))?;
                if let Ok(mut folders) = self.folders.lock() {
                    folders.insert(dir.to_path_buf());
                }
            }
        }
        Ok((relative, dest))
    }

    /// Links the previous output's file when `same` says it is unchanged.
    fn reuse(&self, relative: &Path, dest: &Path, same: &dyn Fn(&Path) -> bool) -> bool {
        let old = self.previous.as_ref().map(|p| p.join(relative));
        let linked = old
            .as_deref()
            .is_some_and(|old| same(old) && fs::hard_link(old, dest).is_ok());
        if linked {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        }
        linked
    }

    /// Swaps the staging folder in as the output, or reports the first
    /// failed write (and removes the staging folder on drop).
    pub fn commit(mut self) -> Result<WriteReport, WriteError> {
        if let Some(err) = self.failed.lock().ok().and_then(|mut f| f.take()) {
            return Err(err);
        }
        let output = &self.output;
        if output.exists() {
            if is_empty_dir(output) {
                fs::remove_dir(output).map_err(io_err(output))?;
            } else {
                fs::rename(output, &self.old).map_err(io_err(output))?;
            }
        }
        if let Err(source) = fs::rename(&self.staging, output) {
            // Put the previous output back before reporting.
            if self.old.exists() {
                let _ = fs::rename(&self.old, output);
            }
            return Err(WriteError::Io {
                path: output.clone(),
                source,
            });
        }
        self.committed = true;
        remove_ours(&self.old)?;
        Ok(WriteReport {
            rendered: self.rendered.load(Ordering::Relaxed),
            copied: self.copied.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Ours (it got the marker first): nothing half-written stays.
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
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
        Ok(meta) if meta.is_dir() && path.join(MARKER).is_file() => {
            fs::remove_dir_all(path).map_err(io_err(path))
        }
        Ok(_) => Err(WriteError::NotOurs(path.to_path_buf())),
    }
}

fn is_ours_or_empty(dir: &Path) -> Result<bool, WriteError> {
    Ok(dir.join(MARKER).is_file() || is_empty_dir(dir))
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Makes a path absolute and drops `.` and `..` parts without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Canonicalizes the longest existing prefix of `path`, keeping the rest.
fn resolve_existing(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    resolved.extend(rest.iter().rev());
    resolved
}

#[cfg(test)]
mod tests;
