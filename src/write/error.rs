//! Why the output folder could not be written: what happened, as data.
//!
//! `Display` says what failed, in one line; the error underneath (an
//! [`io::Error`]) is [`source`](std::error::Error::source), not repeated in
//! the line, so a caller printing the chain prints each cause once. What a
//! reader should do about it is the command line's wording, not this
//! module's.

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
    /// The folder is `salve report`'s, not a build's.
    IsReport(PathBuf),
    /// The output path exists and is not a folder.
    NotAFolder(PathBuf),
    /// A symbolic link in the output or where salve stages it: salve would
    /// write or delete through it. `folder`: it points to a folder.
    Link {
        /// Where the link is.
        link: PathBuf,
        /// What it points to, as the link says it.
        target: PathBuf,
        /// Whether it points to a folder (else a file, or nothing).
        folder: bool,
    },
    /// The build was stopped ([`Interrupt::stop`](super::Interrupt::stop)).
    Interrupted,
    /// Reading, writing or renaming failed.
    Io {
        /// The file or folder being read, written or renamed.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

impl WriteError {
    /// The file or folder the error is about: the output folder, the link,
    /// or the path being written. `None` for [`WriteError::Interrupted`].
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::ContainsSite(p)
            | Self::InsideSources(p)
            | Self::NotOurs(p)
            | Self::IsReport(p)
            | Self::NotAFolder(p) => Some(p),
            Self::Link { link, .. } => Some(link),
            Self::Io { path, .. } => Some(path),
            Self::Interrupted => None,
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::ContainsSite(p) => write!(
                f,
                "the output folder {} is the site folder or contains it; salve would replace the site's own files",
                p.display()
            ),
            WriteError::InsideSources(p) => write!(
                f,
                "the output folder {} is inside the site's articles/, pages/, templates/ or static/ folder",
                p.display()
            ),
            WriteError::NotOurs(p) => write!(
                f,
                "the output folder {} already exists, is not empty and was not written by salve; salve will not replace it",
                p.display()
            ),
            WriteError::IsReport(p) => write!(
                f,
                "the output folder {} holds salve report's dashboard; a build would replace it with the site",
                p.display()
            ),
            WriteError::NotAFolder(p) => write!(
                f,
                "the output path {} exists and is not a folder",
                p.display()
            ),
            WriteError::Link { link, target, .. } => write!(
                f,
                "{} is a symbolic link to {}; salve will not write or delete through a link, so nothing was changed",
                link.display(),
                target.display(),
            ),
            WriteError::Interrupted => write!(f, "the build was stopped before it finished"),
            WriteError::Io { path, .. } => write!(f, "cannot write {}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

pub(super) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    #[test]
    fn an_io_error_is_the_source_not_part_of_the_line() {
        let err = io_err(Path::new("public/a.html"))(io::Error::other("disk full"));
        assert_eq!(err.to_string(), "cannot write public/a.html");
        let source = err.source().map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("disk full"));
        assert_eq!(err.path(), Some(Path::new("public/a.html")));
    }

    #[test]
    fn no_error_says_what_to_do() {
        let errors = [
            WriteError::ContainsSite(".".into()),
            WriteError::InsideSources("articles/out".into()),
            WriteError::NotOurs("out".into()),
            WriteError::IsReport("report".into()),
            WriteError::NotAFolder("out".into()),
            WriteError::Link {
                link: "public/a".into(),
                target: "/etc".into(),
                folder: true,
            },
            WriteError::Interrupted,
            io_err(Path::new("out"))(io::Error::other("no")),
        ];
        for err in errors {
            let text = err.to_string();
            assert!(!text.contains('\n') && !text.contains("help"), "{text}");
        }
    }
}
