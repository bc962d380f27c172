//! Where salve may write: the checks on the output folder, made before
//! anything is written, and the path handling they share with the writer.

use super::{MARKER, WriteError, io_err};
use std::fs;
use std::path::{Path, PathBuf};

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

fn is_ours_or_empty(dir: &Path) -> Result<bool, WriteError> {
    Ok(dir.join(MARKER).is_file() || is_empty_dir(dir))
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
