//! Why the output folder could not be written, in words a writer can act on.

use std::io;
use std::path::{Path, PathBuf};

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
    /// A symbolic link in the output or where salve stages it: salve would
    /// write or delete through it. `folder`: it points to a folder.
    Link {
        link: PathBuf,
        target: PathBuf,
        folder: bool,
    },
    /// The build was stopped ([`Interrupt::stop`]).
    Interrupted,
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
            WriteError::Link {
                link,
                target,
                folder,
            } => write!(
                f,
                "{} is a symbolic link to {}; salve will not write or delete through a link, so nothing was changed\n  = help: remove the link (what it points to stays as it is); salve will then write a real {} there",
                link.display(),
                target.display(),
                if *folder { "folder" } else { "file" }
            ),
            WriteError::Interrupted => write!(
                f,
                "the build was stopped before it finished\n  = help: the output is either as it was or complete, never a mix"
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

pub(super) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}
