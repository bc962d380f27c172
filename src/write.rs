//! Stage 5, write: the only code that touches the output folder.
//!
//! In: rendered pages and files to copy. Out: a complete output folder, or
//! the previous one untouched. Everything is written into a fresh staging
//! folder beside the output and swapped in by renaming, so a failure at any
//! point leaves the old output byte for byte as it was (DESIGN.md, "A build
//! that fails writes nothing"). A marker file says a folder is salve's: salve
//! replaces only folders that carry it, and never the site folder itself.

use crate::render::OutputFile;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

    let previous = (output.join(MARKER).is_file()).then_some(output.as_path());
    let result = fill(&staging, previous, plan);
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            // The staging folder is ours (it got the marker first); drop it so
            // nothing half-written is left behind.
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if output.exists() {
        if is_empty_dir(&output) {
            fs::remove_dir(&output).map_err(io_err(&output))?;
        } else {
            fs::rename(&output, &old).map_err(io_err(&output))?;
        }
    }
    if let Err(source) = fs::rename(&staging, &output) {
        // Put the previous output back before reporting.
        if old.exists() {
            let _ = fs::rename(&old, &output);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(WriteError::Io {
            path: output,
            source,
        });
    }
    remove_ours(&old)?;
    Ok(report)
}

fn fill(
    staging: &Path,
    previous: Option<&Path>,
    plan: &OutputPlan,
) -> Result<WriteReport, WriteError> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    fs::create_dir(staging).map_err(io_err(staging))?;
    let marker = staging.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(io_err(&marker))?;
    // Folders first, each once, so the files can then be written on every
    // core without two threads creating the same folder.
    let mut folders = std::collections::BTreeSet::new();
    for path in plan
        .files
        .iter()
        .map(|f| f.path.as_str())
        .chain(plan.copies.iter().map(|(_, to)| to.as_str()))
    {
        if let Some(parent) = safe_relative(path)?.parent() {
            folders.insert(staging.join(parent));
        }
    }
    folders
        .par_iter()
        .try_for_each(|dir| fs::create_dir_all(dir).map_err(io_err(dir)))?;

    let unchanged = AtomicUsize::new(0);
    // An unchanged file is linked from the previous output, not written.
    let reuse = |relative: &Path, dest: &Path, same: &dyn Fn(&Path) -> bool| {
        let old = previous.map(|p| p.join(relative));
        let linked = old
            .as_deref()
            .is_some_and(|old| same(old) && fs::hard_link(old, dest).is_ok());
        if linked {
            unchanged.fetch_add(1, Ordering::Relaxed);
        }
        linked
    };
    plan.files.par_iter().try_for_each(|file| {
        let relative = safe_relative(&file.path)?;
        let dest = staging.join(&relative);
        if reuse(&relative, &dest, &|old| same_bytes(old, &file.bytes)) {
            return Ok(());
        }
        fs::write(&dest, &file.bytes).map_err(io_err(&dest))
    })?;
    plan.copies.par_iter().try_for_each(|(from, to)| {
        let relative = safe_relative(to)?;
        let dest = staging.join(&relative);
        let same = |old: &Path| fs::read(from).is_ok_and(|bytes| same_bytes(old, &bytes));
        if reuse(&relative, &dest, &same) {
            return Ok(());
        }
        fs::copy(from, &dest).map(drop).map_err(io_err(from))
    })?;
    Ok(WriteReport {
        rendered: plan.files.len(),
        copied: plan.copies.len(),
        unchanged: unchanged.into_inner(),
    })
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
