//! Stage 1, load: walk the site folder and read its files.
//!
//! In: the site root. Out: [`Sources`], every text file read into memory with
//! its path relative to the root, and the lists of files to copy as they are.
//! Unreadable files, non-UTF-8 text, oversized articles and walk errors
//! become diagnostics; the walk goes on past them.
//!
//! Symbolic links are how a file from outside the site could be published,
//! so every path the site gives is checked in one place, the `walk` module:
//! a link is followed only when it leads to a place inside the site folder
//! that is not hidden, and nothing behind any other link is read or even
//! listed. Each file found keeps the real path (no link in it) that was
//! checked, and the later stages read and copy only through it.

mod walk;

pub use walk::{open_vouched, read_vouched};

use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Position};
use crate::paths::{ARTICLES, PAGES};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use walk::{Refused, Walk};

/// The site's templates folder.
pub const TEMPLATES: &str = "templates";
/// The site's static folder, copied to the output root.
pub const STATIC: &str = "static";
/// The site's interface strings, one `<language>.toml` each.
pub const I18N: &str = "i18n";
/// Articles larger than this are refused: no health article is this long, and
/// pathological Markdown of this size can take the parser minutes.
pub const MAX_MARKDOWN_BYTES: u64 = 2 * 1024 * 1024;

/// How large a text file of one kind may be, and what to do about one that
/// is larger. Every text salve reads has a bound, so no file in the site can
/// make a build take all the machine's memory.
#[derive(Debug, Clone, Copy)]
struct TextLimit {
    bytes: u64,
    /// The files it applies to, e.g. "articles".
    what: &'static str,
    hint: &'static str,
}

const ARTICLE_LIMIT: TextLimit = TextLimit {
    bytes: MAX_MARKDOWN_BYTES,
    what: "articles",
    hint: "split it into several articles",
};

/// Settings and a few hundred authors fit in a few dozen KiB.
const CONFIG_LIMIT: TextLimit = TextLimit {
    bytes: 1024 * 1024,
    what: "site.toml files",
    hint: "site.toml holds settings and authors only; move long text into articles or pages",
};

/// A page template is markup with placeholders, a few KiB.
/// A strings table is a few hundred short lines.
const STRINGS_LIMIT: TextLimit = TextLimit {
    bytes: 1024 * 1024,
    what: "strings files",
    hint: "a strings file holds the interface's words only; keep articles in articles/",
};

const TEMPLATE_LIMIT: TextLimit = TextLimit {
    bytes: 1024 * 1024,
    what: "templates",
    hint: "move repeated markup into a partial and include it",
};

/// A text file of the site.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root.
    pub path: PathBuf,
    /// The contents, without a byte-order mark.
    pub text: String,
}

/// Files found in one folder of the site, each by the name the site gives
/// it (its path, through any links), with the real path load checked.
#[derive(Debug, Default, Clone)]
pub struct Files(BTreeMap<PathBuf, PathBuf>);

impl Files {
    /// Adds the file `name`, found at `real` (absolute, no link in it).
    pub fn insert(&mut self, name: PathBuf, real: PathBuf) {
        self.0.insert(name, real);
    }

    /// Whether there is a file called `name`.
    pub fn contains(&self, name: &Path) -> bool {
        self.0.contains_key(name)
    }

    /// Where the file `name` really is: the only path to read it through.
    pub fn real(&self, name: &Path) -> Option<&Path> {
        self.0.get(name).map(PathBuf::as_path)
    }

    /// Takes the file `name` out of the list, returning its real path.
    pub fn remove(&mut self, name: &Path) -> Option<PathBuf> {
        self.0.remove(name)
    }

    /// The files' names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &Path> {
        self.0.keys().map(PathBuf::as_path)
    }

    /// The files' names with their real paths, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&Path, &Path)> {
        self.0.iter().map(|(n, r)| (n.as_path(), r.as_path()))
    }
}

/// Everything the later stages read from disk.
#[derive(Debug, Default)]
pub struct Sources {
    /// `site.toml`, when it could be read.
    pub config: Option<SourceFile>,
    /// Every `.md` file under `articles/`, then under `pages/`, each sorted
    /// by path.
    pub markdown: Vec<SourceFile>,
    /// Every other file under `articles/` and `pages/` (photos, PDFs),
    /// relative to the root.
    pub assets: Files,
    /// Template overrides, by name relative to `templates/`.
    pub templates: Vec<SourceFile>,
    /// Files under `static/`, relative to `static/`.
    pub static_files: Files,
    /// The `.toml` files of `i18n/`, relative to the root.
    pub strings: Vec<SourceFile>,
    /// `static/_redirects`, read (not copied): salve writes `_redirects`
    /// itself, with the site's rules first.
    pub host_redirects: Option<SourceFile>,
    /// Whether a symbolic link was refused (reported): what it stands for
    /// was not read, so references to it cannot be checked.
    pub refused_link: bool,
}

/// Reads the site at `root`.
pub fn load(root: &Path, out: &mut Vec<Diagnostic>) -> Sources {
    let mut sources = Sources::default();
    // Links are judged against the real site folder, so a site reached
    // through a link (`--root`, a home folder on another disk) still works.
    let real_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut walk = Walk::new(&real_root);
    match walk.top(CONFIG_FILE, out) {
        Ok(Some(real)) if real.is_file() => {
            sources.config = read_text(Path::new(CONFIG_FILE), &real, CONFIG_LIMIT, out);
        }
        Err(Refused) => {}
        Ok(_) => out.push(
            Diagnostic::error("missing-config", CONFIG_FILE, "the site has no site.toml").hint(
                format!(
                    "run salve in the site's folder or pass --root (looked in {}); to start a new site, run `salve init <folder>`",
                    root.display()
                ),
            ),
        ),
    }
    let mut articles = walk.folder(ARTICLES, out);
    // Standalone pages are Markdown with files beside them, like articles,
    // and pass the same walk.
    articles.extend(walk.folder(PAGES, out));
    let templates = walk.folder(TEMPLATES, out);
    let statics = walk.folder(STATIC, out);
    let strings = walk.folder(I18N, out);
    sources.refused_link = walk.refused;

    let (markdown, assets): (Vec<_>, Vec<_>) = articles
        .into_iter()
        .partition(|(name, _)| name.extension().is_some_and(|e| e == "md"));
    for (name, real) in assets {
        sources.assets.insert(name, real);
    }
    // Read on every core; each file's problems are kept in walk order.
    use rayon::prelude::*;
    let read: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = markdown
        .par_iter()
        .map(|(name, real)| {
            let mut problems = Vec::new();
            let file = read_text(name, real, ARTICLE_LIMIT, &mut problems);
            (file, problems)
        })
        .collect();
    for (file, problems) in read {
        out.extend(problems);
        sources.markdown.extend(file);
    }
    for (name, real) in templates {
        // Notes or images beside the templates are not templates.
        if !is_template(&name) {
            continue;
        }
        if let Some(mut file) = read_text(&name, &real, TEMPLATE_LIMIT, out) {
            file.path = name.strip_prefix(TEMPLATES).unwrap_or(&name).to_path_buf();
            sources.templates.push(file);
        }
    }
    for (name, real) in statics {
        let name = name.strip_prefix(STATIC).unwrap_or(&name).to_path_buf();
        sources.static_files.insert(name, real);
    }
    for (name, real) in strings {
        // Notes beside the tables are not tables.
        if name.extension().is_some_and(|e| e == "toml") {
            sources
                .strings
                .extend(read_text(&name, &real, STRINGS_LIMIT, out));
        }
    }
    if let Some(real) = sources.static_files.remove(Path::new(HOST_REDIRECTS)) {
        let name = Path::new(STATIC).join(HOST_REDIRECTS);
        sources.host_redirects = read_text(&name, &real, HOST_FILE_LIMIT, out);
    }
    sources
}

/// The redirect rules hosts read, at the output root.
pub const HOST_REDIRECTS: &str = "_redirects";

/// Hosts read a few thousand rules at most.
const HOST_FILE_LIMIT: TextLimit = TextLimit {
    bytes: 1024 * 1024,
    what: "static/_redirects files",
    hint: "hosts read a few thousand rules at most; use patterns (`/old/*`) for many URLs",
};

/// Template files by extension: HTML pages and partials, and the XML and
/// text files (feeds, robots.txt) later stages add.
fn is_template(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "html" || e == "xml" || e == "txt")
}

/// The one hidden folder a site publishes, `static/.well-known/`: where
/// hosts, browsers and crawlers look for `security.txt` and the like.
pub const WELL_KNOWN: &str = ".well-known";

/// Whether part `i` of `relative` (a path from the site root) is the
/// published `static/.well-known` folder, which the rule below spares.
pub fn is_well_known(relative: &Path, i: usize) -> bool {
    i == 1
        && relative.starts_with(STATIC)
        && relative
            .components()
            .nth(1)
            .is_some_and(|c| c.as_os_str() == WELL_KNOWN)
}

/// Hidden files, and the files editors write beside the one being saved
/// (`.x.swp`, `x~`, vim's `4913` probe), are not part of the site.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name == "4913" || name.ends_with(".swp")
}

/// Reads the UTF-8 file `name` at its real path `real`, dropping a
/// byte-order mark.
fn read_text(
    name: &Path,
    real: &Path,
    limit: TextLimit,
    out: &mut Vec<Diagnostic>,
) -> Option<SourceFile> {
    let unreadable = |err: io::Error| {
        Diagnostic::error("read", name, format!("cannot read the file: {err}"))
            .hint("check that the file exists and is readable")
    };
    let file = match open_vouched(real) {
        Ok(file) => file,
        Err(err) => {
            out.push(unreadable(err));
            return None;
        }
    };
    let size = file.metadata().map_or(0, |m| m.len());
    if size > limit.bytes {
        out.push(
            Diagnostic::error(
                "file-too-large",
                name,
                format!(
                    "the file is {} MiB; {} may be at most {} MiB",
                    size >> 20,
                    limit.what,
                    limit.bytes >> 20
                ),
            )
            .hint(limit.hint),
        );
        return None;
    }
    // The limit holds even for a file that grows after its size was taken.
    let mut bytes = Vec::new();
    if let Err(err) = file.take(limit.bytes).read_to_end(&mut bytes) {
        out.push(unreadable(err));
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(SourceFile {
            path: name.to_path_buf(),
            text: text.to_owned(),
        }),
        Err(err) => {
            let valid = String::from_utf8_lossy(&bytes[..err.valid_up_to()]).into_owned();
            let pos = Position::of_offset(&valid, valid.len());
            out.push(
                Diagnostic::error("encoding", name, "the file is not valid UTF-8 text")
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
