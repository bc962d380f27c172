//! Stage 1, load: walk the site folder and read its files.
//!
//! In: the site root. Out: [`Sources`], every text file read into memory with
//! its path relative to the root, and the lists of files to copy as they are.
//! Unreadable files, non-UTF-8 text, oversized articles and walk errors (such
//! as symlink loops) become diagnostics; the walk goes on past them.

use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Position};
use crate::paths::ARTICLES;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The site's templates folder.
pub const TEMPLATES: &str = "templates";
/// The site's static folder, copied to the output root.
pub const STATIC: &str = "static";
/// Articles larger than this are refused: no health article is this long, and
/// pathological Markdown of this size can take the parser minutes.
pub const MAX_MARKDOWN_BYTES: u64 = 2 * 1024 * 1024;

/// A text file of the site.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root.
    pub path: PathBuf,
    /// The contents, without a byte-order mark.
    pub text: String,
}

/// Everything the later stages read from disk.
#[derive(Debug, Default)]
pub struct Sources {
    /// `site.toml`, when it could be read.
    pub config: Option<SourceFile>,
    /// Every `.md` file under `articles/`, sorted by path.
    pub markdown: Vec<SourceFile>,
    /// Every other file under `articles/` (photos, PDFs), relative to the root.
    pub assets: BTreeSet<PathBuf>,
    /// Template overrides, by name relative to `templates/`.
    pub templates: Vec<SourceFile>,
    /// Files under `static/`, relative to `static/`.
    pub static_files: BTreeSet<PathBuf>,
}

/// Reads the site at `root`.
pub fn load(root: &Path, out: &mut Vec<Diagnostic>) -> Sources {
    let mut sources = Sources::default();
    let config_path = root.join(CONFIG_FILE);
    if config_path.is_file() {
        sources.config = read_text(root, Path::new(CONFIG_FILE), u64::MAX, out);
    } else {
        out.push(
            Diagnostic::error("missing-config", CONFIG_FILE, "the site has no site.toml")
                .hint(format!(
                    "run salve in the site's folder or pass --root; the site folder needs site.toml (looked in {})",
                    root.display()
                )),
        );
    }
    let (markdown, assets): (Vec<PathBuf>, Vec<PathBuf>) = walk(root, ARTICLES, out)
        .into_iter()
        .partition(|rel| rel.extension().is_some_and(|e| e == "md"));
    sources.assets.extend(assets);
    // Read on every core; each file's problems are kept in walk order.
    use rayon::prelude::*;
    let read: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = markdown
        .par_iter()
        .map(|rel| {
            let mut problems = Vec::new();
            let file = read_text(root, rel, MAX_MARKDOWN_BYTES, &mut problems);
            (file, problems)
        })
        .collect();
    for (file, problems) in read {
        out.extend(problems);
        sources.markdown.extend(file);
    }
    for rel in walk(root, TEMPLATES, out) {
        // Notes or images beside the templates are not templates.
        if !is_template(&rel) {
            continue;
        }
        if let Some(mut file) = read_text(root, &rel, u64::MAX, out) {
            file.path = rel.strip_prefix(TEMPLATES).unwrap_or(&rel).to_path_buf();
            sources.templates.push(file);
        }
    }
    for rel in walk(root, STATIC, out) {
        sources
            .static_files
            .insert(rel.strip_prefix(STATIC).unwrap_or(&rel).to_path_buf());
    }
    sources
}

/// Files under `root/folder`, relative to `root`, sorted, skipping hidden
/// files and editor leftovers. A missing folder is simply empty.
fn walk(root: &Path, folder: &str, out: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let base = root.join(folder);
    if !base.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(e.path())
                    .to_path_buf();
                files.push(rel);
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_else(|| PathBuf::from(folder));
                let (message, hint) = if err.loop_ancestor().is_some() {
                    (
                        "this symbolic link points back into a folder that contains it".to_owned(),
                        "remove the link or point it outside the loop",
                    )
                } else {
                    (
                        format!("cannot read this folder entry: {err}"),
                        "check that the file exists and is readable",
                    )
                };
                out.push(Diagnostic::error("walk", path, message).hint(hint));
            }
        }
    }
    files
}

/// Template files by extension: HTML pages and partials, and the XML and
/// text files (feeds, robots.txt) later stages add.
fn is_template(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "html" || e == "xml" || e == "txt")
}

/// Hidden files, and the files editors write beside the one being saved
/// (`.x.swp`, `x~`, vim's `4913` probe), are not part of the site.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name == "4913" || name.ends_with(".swp")
}

/// Reads a UTF-8 file, dropping a byte-order mark.
fn read_text(root: &Path, rel: &Path, limit: u64, out: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let full = root.join(rel);
    let size = std::fs::metadata(&full).map(|m| m.len()).unwrap_or(0);
    if size > limit {
        out.push(
            Diagnostic::error(
                "file-too-large",
                rel,
                format!(
                    "the file is {} MiB; articles may be at most {} MiB",
                    size >> 20,
                    limit >> 20
                ),
            )
            .hint("split it into several articles"),
        );
        return None;
    }
    let bytes = match std::fs::read(&full) {
        Ok(b) => b,
        Err(err) => {
            out.push(
                Diagnostic::error("read", rel, format!("cannot read the file: {err}"))
                    .hint("check that the file exists and is readable"),
            );
            return None;
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(SourceFile {
            path: rel.to_path_buf(),
            text: text.to_owned(),
        }),
        Err(err) => {
            let valid = String::from_utf8_lossy(&bytes[..err.valid_up_to()]).into_owned();
            let pos = Position::of_offset(&valid, valid.len());
            out.push(
                Diagnostic::error("encoding", rel, "the file is not valid UTF-8 text")
                    .at(pos, &valid)
                    .hint("save the file as UTF-8 in your editor"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sources_and_reports_bad_text() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("site.toml"), "\u{FEFF}title = \"x\"").unwrap();
        std::fs::create_dir_all(root.join("articles/legs")).unwrap();
        std::fs::write(root.join("articles/legs/a.md"), "+++").unwrap();
        std::fs::write(root.join("articles/legs/a.svg"), "<svg/>").unwrap();
        std::fs::write(root.join("articles/legs/.a.md.swp"), "x").unwrap();
        std::fs::write(root.join("articles/bad.md"), b"ok\nab\xFF").unwrap();
        let mut out = Vec::new();
        let s = load(root, &mut out);
        assert_eq!(s.config.unwrap().text, "title = \"x\"");
        let names: Vec<_> = s.markdown.iter().map(|f| f.path.clone()).collect();
        assert_eq!(names, [PathBuf::from("articles/legs/a.md")]);
        assert!(s.assets.contains(Path::new("articles/legs/a.svg")));
        assert_eq!(out.len(), 1);
        assert_eq!(
            (out[0].code, out[0].line, out[0].column),
            ("encoding", Some(2), Some(3))
        );
    }

    #[test]
    fn a_missing_site_toml_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = Vec::new();
        load(dir.path(), &mut out);
        assert_eq!(out[0].code, "missing-config");
    }
}
