//! Where salve may write: the checks on the output folder, made before
//! anything is written, and the path handling they share with the writer.
//!
//! salve never writes or deletes through a symbolic link where it writes:
//! a link in the output (`public/css` to a folder of the user's) would
//! make a rebuild write into, or sweep, whatever it points to. A link is
//! reported, and the build stops before changing anything.

use super::{MARKER, WriteError, io_err};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Refuses output folders that salve must not replace, and outputs holding
/// a symbolic link. `root` and `output` must be absolute.
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
        crate::paths::PAGES,
        crate::load::TEMPLATES,
        crate::load::STATIC,
    ] {
        if resolved.starts_with(root.join(source)) {
            return Err(WriteError::InsideSources(output));
        }
    }
    match fs::symlink_metadata(&output) {
        Ok(meta) if meta.is_symlink() => Err(link_error(output)),
        Ok(meta) if !meta.is_dir() => Err(WriteError::NotAFolder(output)),
        Ok(_) if !is_ours_or_empty(&output)? => Err(WriteError::NotOurs(output)),
        Ok(_) => refuse_links(&output),
        Err(_) => Ok(()),
    }
}

/// [`check_output`] for a build's output, which also refuses the folder of
/// `salve report`: it is salve's too, and a build would replace the report.
pub fn check_build_output(root: &Path, output: &Path) -> Result<(), WriteError> {
    if is_real_file(&output.join(super::REPORT_MARK)) {
        return Err(WriteError::IsReport(normalize(output)));
    }
    check_output(root, output)
}

fn is_ours_or_empty(dir: &Path) -> Result<bool, WriteError> {
    Ok(is_real_file(&dir.join(MARKER)) || is_empty_dir(dir))
}

/// Whether `path` is a file and not a link to one: salve's marks count only
/// when salve could have written them.
pub fn is_real_file(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// Refuses `dir` (the output or a staging folder left beside it) when it
/// is, or holds anywhere, a symbolic link. Nothing is followed.
fn refuse_links(dir: &Path) -> Result<(), WriteError> {
    for entry in walkdir::WalkDir::new(dir) {
        match entry {
            Ok(entry) if entry.path_is_symlink() => {
                return Err(link_error(entry.path().to_path_buf()));
            }
            Ok(_) => {}
            // Gone since (or never there): nothing to refuse.
            Err(err)
                if err
                    .io_error()
                    .is_some_and(|e| e.kind() == io::ErrorKind::NotFound) => {}
            Err(err) => {
                return Err(WriteError::Io {
                    path: err.path().unwrap_or(dir).to_path_buf(),
                    source: err.into(),
                });
            }
        }
    }
    Ok(())
}

/// The error for the link at `link`, naming what it points to.
pub(super) fn link_error(link: PathBuf) -> WriteError {
    let target = fs::read_link(&link).unwrap_or_default();
    // Only the kind of what it points to is looked at, to word the hint.
    let folder = fs::metadata(&link).is_ok_and(|m| m.is_dir());
    WriteError::Link {
        link,
        target,
        folder,
    }
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Makes a path absolute and drops `.` and `..` parts without touching the disk.
pub(super) fn normalize(path: &Path) -> PathBuf {
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

/// Canonicalizes the longest existing prefix of `path`, keeping the rest:
/// where a folder that may not exist yet really is.
pub fn resolve_existing(path: &Path) -> PathBuf {
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
