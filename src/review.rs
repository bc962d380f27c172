//! Recording a medical review: `reviewed_by` and `reviewed` set in an
//! article's front matter, and nothing else of the file changed.
//!
//! The front matter is edited as a TOML document that keeps its own
//! formatting (`toml_edit`), so comments, key order, spacing and the body
//! stay byte for byte as the writer left them. A key already there keeps
//! its place and the comment after its value; a key added goes where
//! writers put it: `reviewed` after `updated` (or `date`), `reviewed_by`
//! after `reviewed`.

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Position};
use crate::frontmatter::{closest, split};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use toml_edit::{DocumentMut, Item, Value};

/// Sets `reviewed_by = "<reviewer>"` and `reviewed = <today>` in the front
/// matter of `text` (the file at `path`, for errors), returning the new
/// text. Every other byte is kept.
#[allow(
    clippy::result_large_err,
    reason = "one error ends the command; it is not passed around"
)]
pub fn record(text: &str, path: &Path, reviewer: &str, today: Date) -> Result<String, Diagnostic> {
    let parts = split(text, path)?;
    let mut doc: DocumentMut = parts.toml.parse().map_err(|err: toml_edit::TomlError| {
        let offset = parts.toml_start + err.span().map_or(0, |s| s.start);
        Diagnostic::error("front-matter", path, err.message().trim().to_owned())
            .at(Position::of_offset(text, offset), text)
            .hint("fix the front matter first; `salve check` explains each problem")
    })?;
    let date = toml_edit::Date {
        year: today.year_month().0 as u16,
        month: today.year_month().1 as u8,
        day: today.day() as u8,
    };
    let table = doc.as_table_mut();
    let mut added = Vec::new();
    for (key, value) in [
        ("reviewed", Value::from(toml_edit::Datetime::from(date))),
        ("reviewed_by", Value::from(reviewer)),
    ] {
        match table.get_mut(key).and_then(Item::as_value_mut) {
            Some(old) => {
                // The old value's spacing and trailing comment stay.
                let decor = old.decor().clone();
                *old = value;
                *old.decor_mut() = decor;
            }
            None => {
                table.insert(key, Item::Value(value));
                added.push(key);
            }
        }
    }
    if !added.is_empty() {
        place(table, &added);
    }
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..parts.toml_start]);
    out.push_str(&doc.to_string());
    out.push_str(&text[parts.toml_start + parts.toml.len()..]);
    Ok(out)
}

/// Moves the keys `added` (in the order `reviewed`, `reviewed_by`) where
/// writers put them: `reviewed` after `updated` (else `date`),
/// `reviewed_by` after `reviewed`. Every other key stays where it was.
fn place(table: &mut toml_edit::Table, added: &[&str]) {
    let mut order: Vec<String> = table
        .iter()
        .map(|(k, _)| k.to_owned())
        .filter(|k| !added.contains(&k.as_str()))
        .collect();
    for key in added {
        let anchors: &[&str] = if *key == "reviewed" {
            &["updated", "date"]
        } else {
            &["reviewed"]
        };
        let at = anchors
            .iter()
            .find_map(|a| order.iter().position(|k| k == a))
            .map_or(order.len(), |i| i + 1);
        order.insert(at, (*key).to_owned());
    }
    let rank = |k: &str| order.iter().position(|o| o == k).unwrap_or(usize::MAX);
    table.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
}

/// Why a reviewer key is not one of the site's authors: the message and
/// the hint, with the nearest key when one is near and the keys there are.
pub fn unknown_reviewer(key: &str, known: &[String]) -> (String, String) {
    let candidates: Vec<&str> = known.iter().map(String::as_str).collect();
    let message = format!("`{key}` is not an author in site.toml");
    let list = if known.is_empty() {
        "site.toml has no [authors] yet".to_owned()
    } else {
        format!("the reviewers there are: {}", known.join(", "))
    };
    let hint = match closest(key, &candidates) {
        Some(best) => format!("did you mean `{best}`? {list}"),
        None => format!("add [authors.{key}] with a name to site.toml, or use one of them; {list}"),
    };
    (message, hint)
}

/// Why an article cannot be reviewed.
#[derive(Debug)]
pub enum ReviewError {
    /// The path is not a Markdown file under the site's `articles/`.
    NotAnArticle(PathBuf),
    /// The article does not exist.
    Missing(PathBuf),
    /// Reading or writing it failed.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

impl std::fmt::Display for ReviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReviewError::NotAnArticle(p) => write!(
                f,
                "{} is not an article: articles are .md files inside the site's articles/ folder",
                p.display()
            ),
            ReviewError::Missing(p) => write!(f, "{} does not exist", p.display()),
            ReviewError::Io { path, .. } => write!(f, "cannot write {}", path.display()),
        }
    }
}

impl std::error::Error for ReviewError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReviewError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The real path of the article `article` (relative to the site folder
/// `root`, or absolute): a `.md` file whose real place, links followed,
/// is inside the site's `articles/` folder. Overview pages of causes and
/// treatments and section indexes (`_index.md`) are not articles.
pub fn article_path(root: &Path, article: &Path) -> Result<PathBuf, ReviewError> {
    let given = root.join(article);
    let refused = || ReviewError::NotAnArticle(article.to_path_buf());
    let real = match fs::canonicalize(&given) {
        Ok(real) => real,
        Err(_) if fs::symlink_metadata(&given).is_err() => {
            return Err(ReviewError::Missing(article.to_path_buf()));
        }
        Err(_) => return Err(refused()),
    };
    let articles = fs::canonicalize(root.join(crate::paths::ARTICLES)).map_err(|_| refused())?;
    let Ok(inside) = real.strip_prefix(&articles) else {
        return Err(refused());
    };
    let first = inside.components().next().map(|c| c.as_os_str().to_owned());
    let overview = inside.components().count() > 1
        && first.is_some_and(|f| f == "causes" || f == "treatments");
    let is_md = real.extension().is_some_and(|e| e == "md")
        && real.file_name().is_some_and(|n| n != "_index.md");
    if !is_md || overview || !real.is_file() {
        return Err(refused());
    }
    Ok(real)
}

/// Replaces the file at `path` with `text` so that a crash or a full disk
/// leaves either the old file or the new one, never half of either: the
/// text goes to a new file beside it, is synced, then renamed over it.
pub fn replace_file(path: &Path, text: &str) -> Result<(), ReviewError> {
    let io = |source| ReviewError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or("article".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.salve-review"));
    // Left by a run that was killed: it was never the article.
    let _ = fs::remove_file(&temp);
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        if let Ok(meta) = fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        if let Ok(dir) = fs::File::open(dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written.map_err(io)
}

#[cfg(test)]
mod tests;
