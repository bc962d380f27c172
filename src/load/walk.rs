//! The walk of the site folder, and the one check every symbolic link in
//! it passes ([`Walk::follow`]).
//!
//! A link is followed only when it leads to a place inside the site folder
//! that is not hidden; anything else is reported, and nothing behind it is
//! read or even listed. The walker itself never follows a link, and only
//! links are resolved (one `canonicalize` each), so the site's other files
//! cost nothing more however many there are. Files are handed on with the
//! real path that was checked, and [`open_vouched`] opens one only if it is
//! still that plain file.

use super::is_ignored;
use crate::diagnostic::Diagnostic;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// At most this many links to folders are followed in one site: each one
/// walks its folder again, so links that lead to folders holding more such
/// links multiply the walk (two per level double it) without bound.
pub(super) const MAX_FOLDER_LINKS: usize = 1000;

/// A problem with a link, already reported.
pub(super) struct Refused;

/// A walk of the site folder that follows links only inside it.
pub(super) struct Walk<'a> {
    /// The real site folder.
    root: &'a Path,
    /// The real folders holding the folder links being followed, outermost
    /// first: a link to one of them, or to a folder above one, goes round
    /// in a circle.
    via: Vec<PathBuf>,
    /// Links to folders followed so far.
    folder_links: usize,
    /// Whether a link was refused.
    pub(super) refused: bool,
}

impl<'a> Walk<'a> {
    /// A walk of the site whose real folder is `root`.
    pub(super) fn new(root: &'a Path) -> Self {
        Self {
            root,
            via: Vec::new(),
            folder_links: 0,
            refused: false,
        }
    }

    /// The real path of `name`, a direct part of the site (`site.toml`, a
    /// top folder), following a link to it only inside the site; `None`
    /// when nothing is there.
    pub(super) fn top(
        &mut self,
        name: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Result<Option<PathBuf>, Refused> {
        let path = self.root.join(name);
        match fs::symlink_metadata(&path) {
            Err(_) => Ok(None),
            Ok(meta) if meta.file_type().is_symlink() => {
                self.follow(&path, Path::new(name), out).map(Some)
            }
            Ok(_) => Ok(Some(path)),
        }
    }

    /// Files under the top folder `folder`, each as (name relative to the
    /// root, real path), in walk order, skipping hidden files and editor
    /// leftovers. A missing folder is simply empty.
    pub(super) fn folder(
        &mut self,
        folder: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<(PathBuf, PathBuf)> {
        let mut files = Vec::new();
        let path = self.root.join(folder);
        let linked = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if let Ok(Some(real)) = self.top(folder, out) {
            if real.is_dir() {
                let name = Path::new(folder);
                if linked {
                    self.linked_dir(&path, name, &real, &mut files, out);
                } else {
                    self.dir(&real, name, &mut files, out);
                }
            }
        }
        files
    }

    /// Walks the real folder `real`, known to the site as `name`.
    fn dir(
        &mut self,
        real: &Path,
        name: &Path,
        files: &mut Vec<(PathBuf, PathBuf)>,
        out: &mut Vec<Diagnostic>,
    ) {
        // Links are not followed by the walker: each one goes through
        // `follow` first, so nothing outside the site is ever listed.
        // Hidden entries are skipped, but for `static/.well-known` itself.
        let top_of_static = name == Path::new(super::STATIC);
        let walker = WalkDir::new(real)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                !is_ignored(e.file_name())
                    || (top_of_static && e.depth() == 1 && e.file_name() == super::WELL_KNOWN)
            });
        let named = |path: &Path| name.join(path.strip_prefix(real).unwrap_or(path));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    files.push((named(e.path()), e.path().to_path_buf()));
                }
                Ok(e) if e.path_is_symlink() => self.link(e.path(), &named(e.path()), files, out),
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().map_or_else(|| name.to_path_buf(), named);
                    out.push(
                        Diagnostic::error(
                            "walk",
                            path,
                            format!("cannot read this folder entry: {err}"),
                        )
                        .hint("check that the file exists and is readable"),
                    );
                }
            }
        }
    }

    /// Takes in what the link at `path` (real, known as `name`) leads to,
    /// when that is allowed.
    fn link(
        &mut self,
        path: &Path,
        name: &Path,
        files: &mut Vec<(PathBuf, PathBuf)>,
        out: &mut Vec<Diagnostic>,
    ) {
        let Ok(target) = self.follow(path, name, out) else {
            return;
        };
        if target.is_file() {
            files.push((name.to_path_buf(), target));
        } else if target.is_dir() {
            self.linked_dir(path, name, &target, files, out);
        }
        // Anything else (a socket, a pipe) is not part of the site, as the
        // walker skips one that is not behind a link.
    }

    /// Walks the real folder `target` that the link at `path` leads to,
    /// unless that goes round in a circle.
    fn linked_dir(
        &mut self,
        path: &Path,
        name: &Path,
        target: &Path,
        files: &mut Vec<(PathBuf, PathBuf)>,
        out: &mut Vec<Diagnostic>,
    ) {
        let holder = path.parent().unwrap_or(path).to_path_buf();
        if self
            .via
            .iter()
            .chain([&holder])
            .any(|f| f.starts_with(target))
        {
            self.refuse(
                Diagnostic::error(
                    "symlink-loop",
                    name,
                    "this symbolic link points back into a folder that contains it",
                )
                .hint("remove the link or point it outside the loop"),
                out,
            );
            return;
        }
        self.folder_links += 1;
        if self.folder_links > MAX_FOLDER_LINKS {
            // Reported once: the ones after it are the same problem.
            if self.folder_links == MAX_FOLDER_LINKS + 1 {
                self.refuse(
                    Diagnostic::error(
                        "symlink-too-many",
                        name,
                        format!(
                            "the site has more than {MAX_FOLDER_LINKS} links to folders; this one and any after it were not followed"
                        ),
                    )
                    .hint("link fewer folders (each link walks its folder again), or copy the files in"),
                    out,
                );
            }
            return;
        }
        self.via.push(holder);
        self.dir(target, name, files, out);
        self.via.pop();
    }

    /// Where the link at `path` (real, known to the site as `name`) leads:
    /// its real path, when that is inside the site folder and not hidden.
    /// Otherwise the link is reported and nothing behind it is read.
    ///
    /// Only links are resolved (one `canonicalize` each): the site's other
    /// files are real paths already, so a large site costs nothing more.
    fn follow(
        &mut self,
        path: &Path,
        name: &Path,
        out: &mut Vec<Diagnostic>,
    ) -> Result<PathBuf, Refused> {
        let problem = match fs::canonicalize(path) {
            Ok(target) => match target.strip_prefix(self.root) {
                Ok(inside) if is_hidden(inside) => Diagnostic::error(
                    "symlink-hidden",
                    name,
                    format!(
                        "this symbolic link leads to {}, a hidden file or folder, which salve does not publish",
                        inside.display()
                    ),
                )
                .hint("copy the file into the site under a name without a leading dot, or remove the link"),
                Ok(_) => return Ok(target),
                Err(_) => Diagnostic::error(
                    "symlink-outside",
                    name,
                    format!(
                        "this symbolic link leads outside the site folder, to {}",
                        target.display()
                    ),
                )
                .hint("salve reads only files inside the site folder; copy the file into the site instead of linking to it"),
            },
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                let to = fs::read_link(path).unwrap_or_default();
                Diagnostic::error(
                    "symlink-dangling",
                    name,
                    format!(
                        "this symbolic link points to {}, which does not exist",
                        to.display()
                    ),
                )
                .hint("remove the link or point it at a file in the site folder")
            }
            Err(err) if is_loop(&err) => Diagnostic::error(
                "symlink-loop",
                name,
                "this symbolic link leads to a loop of links and never reaches a file",
            )
            .hint("remove the link or point it at a file"),
            Err(err) => Diagnostic::error(
                "symlink",
                name,
                format!("cannot follow this symbolic link: {err}"),
            )
            .hint("check that what it points to exists and is readable"),
        };
        self.refuse(problem, out);
        Err(Refused)
    }

    fn refuse(&mut self, problem: Diagnostic, out: &mut Vec<Diagnostic>) {
        self.refused = true;
        out.push(problem);
    }
}

/// Whether a path inside the site passes through a hidden file or folder
/// (`.git`, `.env`), which the site does not publish.
/// `static/.well-known` is published, so it is not hidden here either.
fn is_hidden(inside: &Path) -> bool {
    inside.components().enumerate().any(|(i, c)| {
        c.as_os_str().to_string_lossy().starts_with('.') && !super::is_well_known(inside, i)
    })
}

/// Whether resolving a path failed on a circle of links (ELOOP).
fn is_loop(err: &io::Error) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const ELOOP: i32 = 40;
    // macOS and the BSDs.
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    const ELOOP: i32 = 62;
    err.raw_os_error() == Some(ELOOP)
}

/// Opens a file load found at its real path `real`, refusing it if it is
/// no longer a plain file there: swapped for a link (or anything else)
/// since it was checked, the file opened would not be the one vouched for.
pub fn open_vouched(real: &Path) -> io::Result<File> {
    let swapped = || io::Error::other("the file was replaced during the build; build again");
    let seen = fs::symlink_metadata(real)?;
    if !seen.is_file() {
        return Err(swapped());
    }
    let file = File::open(real)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let opened = file.metadata()?;
        if (opened.dev(), opened.ino()) != (seen.dev(), seen.ino()) {
            return Err(swapped());
        }
    }
    Ok(file)
}

/// The bytes of a file load found at its real path (see [`open_vouched`]).
pub fn read_vouched(real: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_vouched(real)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;

    #[test]
    #[cfg(unix)]
    fn folder_links_that_lead_round_in_a_circle_are_refused() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("site.toml"), "").unwrap();
        for (folder, other) in [("x", "../y"), ("y", "../x")] {
            std::fs::create_dir_all(root.join("articles").join(folder)).unwrap();
            std::fs::write(root.join(format!("articles/{folder}/a.txt")), "a").unwrap();
            symlink(other, root.join(format!("articles/{folder}/l"))).unwrap();
        }
        let mut out = Vec::new();
        let s = load(root, &mut out);
        let found: Vec<_> = out.iter().map(|d| (d.code, d.path.clone())).collect();
        assert_eq!(
            found,
            [
                ("symlink-loop", PathBuf::from("articles/x/l/l")),
                ("symlink-loop", PathBuf::from("articles/y/l/l")),
            ]
        );
        assert!(s.refused_link);
        let names: Vec<_> = s.assets.names().collect();
        assert_eq!(
            names,
            [
                "articles/x/a.txt",
                "articles/x/l/a.txt",
                "articles/y/a.txt",
                "articles/y/l/a.txt"
            ]
            .map(Path::new)
        );
    }

    #[test]
    #[cfg(unix)]
    fn folder_links_that_multiply_are_bounded() {
        // Each folder links twice to the next: 2^16 walks of the last one
        // if every link were followed.
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("site.toml"), "").unwrap();
        for level in 0..16 {
            let folder = root.join(format!("articles/{level}"));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("a.txt"), "a").unwrap();
            for l in ["l1", "l2"] {
                symlink(format!("../{}", level + 1), folder.join(l)).unwrap();
            }
        }
        std::fs::create_dir_all(root.join("articles/16")).unwrap();
        let mut out = Vec::new();
        let s = load(root, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].code, "symlink-too-many");
        assert_eq!(
            out[0].message,
            format!(
                "the site has more than {MAX_FOLDER_LINKS} links to folders; this one and any after it were not followed"
            )
        );
        assert!(s.refused_link);
        assert!(s.assets.names().count() <= 16 * (MAX_FOLDER_LINKS + 1));
    }

    #[test]
    #[cfg(unix)]
    fn a_file_swapped_for_a_link_after_the_walk_is_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("secret");
        std::fs::write(&secret, "secret").unwrap();
        let file = dir.path().join("photo.jpg");
        std::fs::write(&file, "photo").unwrap();
        assert_eq!(read_vouched(&file).unwrap(), b"photo");
        std::fs::remove_file(&file).unwrap();
        std::os::unix::fs::symlink(&secret, &file).unwrap();
        let err = read_vouched(&file).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file was replaced during the build; build again"
        );
    }
}
