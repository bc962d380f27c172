//! The report's own folder (`report/` in the site folder by default): where
//! it may be, and writing it.
//!
//! It is written by the same writer as the build's output, so it is marked
//! and guarded the same way: salve replaces only a folder that is empty or
//! that it wrote, never the site folder or one of its source folders, and
//! never through a symbolic link. A second mark, [`REPORT_MARK`], tells a
//! report folder from a build's output. The report is never published: it
//! may not be the output folder or inside it (nor inside any folder salve
//! wrote), and the build copies nothing from outside `articles/`,
//! `pages/` and `static/`.

use crate::output::OutputFile;
use crate::write::{self, MARKER, WriteError};
use std::fs;
use std::path::{Path, PathBuf};

/// The report folder inside the site folder, unless told otherwise.
pub const REPORT: &str = "report";

pub use crate::write::REPORT_MARK;
const REPORT_MARK_TEXT: &str = "This folder is written by `salve report`, which replaces it on every run.\nIt is for the site's editors and is never published with the site.\n";

/// The folders of the site a build or `serve` writes by default: a report
/// in one of them would be published, or swept by the next build.
const OUTPUTS: &[&str] = &["public", ".salve-serve"];

/// Why the report cannot be written where it was asked to be.
#[derive(Debug)]
pub enum FolderError {
    /// The folder is a site output folder, or inside one.
    InsideOutput {
        /// The report folder asked for.
        folder: PathBuf,
        /// The output folder it is, or is in.
        output: PathBuf,
    },
    /// The folder is inside the site's `pages/` folder, which is read as
    /// content.
    InsidePages(PathBuf),
    /// What the build's writer refuses, or a failed write.
    Write(WriteError),
}

impl std::fmt::Display for FolderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FolderError::InsideOutput { folder, output } if folder == output => write!(
                f,
                "the report folder {} is a folder salve builds the site into; the report would be published with it",
                folder.display()
            ),
            FolderError::InsideOutput { folder, output } => write!(
                f,
                "the report folder {} is inside {}, a folder salve builds the site into; the report would be published with it",
                folder.display(),
                output.display()
            ),
            FolderError::InsidePages(p) => write!(
                f,
                "the report folder {} is inside the site's pages/ folder",
                p.display()
            ),
            FolderError::Write(err) => write!(f, "{err}"),
        }
    }
}

impl std::error::Error for FolderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FolderError::Write(err) => err.source(),
            _ => None,
        }
    }
}

/// Refuses a report folder that would be published, swept by a build or
/// mixed with files salve did not write. `root` is the site folder.
pub fn check(root: &Path, folder: &Path) -> Result<(), FolderError> {
    // Named in errors as the reader gave it.
    let given = folder.to_path_buf();
    let folder = absolute(folder);
    let root_abs = fs::canonicalize(root).map_err(|e| {
        FolderError::Write(WriteError::Io {
            path: root.to_path_buf(),
            source: e,
        })
    })?;
    let resolved = write::resolve_existing(&folder);
    for name in OUTPUTS {
        let output = root_abs.join(name);
        if resolved.starts_with(&output) {
            let output = if resolved == output {
                given.clone()
            } else if root == Path::new(".") {
                PathBuf::from(name)
            } else {
                root.join(name)
            };
            return Err(FolderError::InsideOutput {
                folder: given,
                output,
            });
        }
    }
    if resolved.starts_with(root_abs.join(crate::paths::PAGES)) {
        return Err(FolderError::InsidePages(given));
    }
    // Any folder salve wrote that is not a report is a build's output
    // (`build --output` may have put it anywhere); so is any folder it
    // wrote that holds this one.
    for dir in resolved.ancestors() {
        let is_self = dir == resolved;
        let built = write::is_real_file(&dir.join(MARKER));
        if built && !(is_self && write::is_real_file(&dir.join(REPORT_MARK))) {
            let output = if is_self {
                given.clone()
            } else {
                dir.to_path_buf()
            };
            return Err(FolderError::InsideOutput {
                folder: given,
                output,
            });
        }
    }
    write::check_output(&root_abs, &folder).map_err(FolderError::Write)
}

/// Checks `folder` (see [`check`]) and writes `files` as its whole
/// contents, replacing the report written before.
pub fn write(root: &Path, folder: &Path, files: Vec<OutputFile>) -> Result<(), FolderError> {
    check(root, folder)?;
    let mut files = files;
    files.push(OutputFile {
        path: REPORT_MARK.to_owned(),
        bytes: REPORT_MARK_TEXT.as_bytes().to_vec(),
    });
    let plan = write::OutputPlan {
        files,
        copies: Vec::new(),
    };
    write::write(&absolute(folder), &plan)
        .map(|_| ())
        .map_err(FolderError::Write)
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("site.toml"), "").unwrap();
        dir
    }

    fn page() -> Vec<OutputFile> {
        vec![OutputFile {
            path: "index.html".to_owned(),
            bytes: b"<p>report</p>".to_vec(),
        }]
    }

    #[test]
    fn writes_a_marked_folder_and_replaces_it_next_time() {
        let dir = site();
        let folder = dir.path().join(REPORT);
        write(dir.path(), &folder, page()).unwrap();
        assert!(folder.join(REPORT_MARK).is_file());
        assert!(folder.join(MARKER).is_file());
        fs::write(folder.join("stale.html"), "").unwrap();
        write(dir.path(), &folder, page()).unwrap();
        assert!(!folder.join("stale.html").exists());
        assert_eq!(
            fs::read(folder.join("index.html")).unwrap(),
            b"<p>report</p>"
        );
    }

    #[test]
    fn refuses_a_folder_salve_did_not_write() {
        let dir = site();
        let folder = dir.path().join("notes");
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("mine.txt"), "keep").unwrap();
        let err = write(dir.path(), &folder, page()).unwrap_err();
        assert!(
            matches!(err, FolderError::Write(WriteError::NotOurs(_))),
            "{err}"
        );
        assert_eq!(fs::read(folder.join("mine.txt")).unwrap(), b"keep");
    }

    #[test]
    fn refuses_the_output_folder_and_any_folder_inside_it() {
        let dir = site();
        let root = dir.path();
        for folder in ["public", "public/report", ".salve-serve/r"] {
            let err = check(root, &root.join(folder)).unwrap_err();
            assert!(
                matches!(err, FolderError::InsideOutput { .. }),
                "{folder}: {err}"
            );
        }
        // A build's output elsewhere is known by its mark.
        let built = root.join("site-out");
        fs::create_dir(&built).unwrap();
        fs::write(built.join(MARKER), "").unwrap();
        for folder in [built.clone(), built.join("report")] {
            let err = check(root, &folder).unwrap_err();
            assert!(
                matches!(&err, FolderError::InsideOutput { output, .. } if *output == built),
                "{err}"
            );
        }
        let err = check(root, &root.join("pages/report")).unwrap_err();
        assert!(matches!(err, FolderError::InsidePages(_)), "{err}");
        for source in ["articles/report", "static/report", "templates/r"] {
            let err = check(root, &root.join(source)).unwrap_err();
            assert!(
                matches!(err, FolderError::Write(WriteError::InsideSources(_))),
                "{source}: {err}"
            );
        }
    }
}
