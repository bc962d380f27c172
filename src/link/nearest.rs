//! "Did you mean": the existing page or file nearest one a writer named
//! that does not exist, written as the writer would write it from their
//! file. Each is looked for only when a link or photo is broken.

use crate::frontmatter::closest;
use crate::load::Files;
use std::path::{Component, Path};

/// The path from the folder of the file `from` to the file `to` (both from
/// the site root), as a link in `from` is written: `../legs/shin-splints.md`.
pub(crate) fn relative(from: &Path, to: &Path) -> String {
    let normal = |p: &Path| -> Vec<String> {
        p.components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    let dir = normal(from.parent().unwrap_or(Path::new("")));
    let to = normal(to);
    let shared = dir.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts = vec![".."; dir.len() - shared];
    parts.extend(to[shared..].iter().map(String::as_str));
    parts.join("/")
}

/// The pages a link may lead to, to find the one nearest a missing one.
pub(crate) struct Pages<'p> {
    /// Every page's file, from the site root, sorted.
    files: Vec<&'p Path>,
    /// Their file names, sorted, each once.
    names: Vec<&'p str>,
}

impl<'p> Pages<'p> {
    /// The pages of `files`, which need not be sorted.
    pub(crate) fn new(files: impl Iterator<Item = &'p Path>) -> Self {
        let mut files: Vec<&Path> = files.collect();
        files.sort_unstable();
        let mut names: Vec<&str> = files
            .iter()
            .filter_map(|f| f.file_name()?.to_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        Self { files, names }
    }

    /// The page nearest the missing `target` of a link in `source`, as
    /// `source` would link to it. The file name decides (a typo in it is
    /// the usual slip); among pages of that name, the one whose path is
    /// nearest what was written.
    pub(crate) fn nearest(&self, source: &Path, target: &Path) -> Option<String> {
        let name = target.file_name()?.to_str()?;
        let best = closest(name, &self.names)?;
        let written = relative(source, target);
        let same: Vec<String> = self
            .files
            .iter()
            .filter(|f| f.file_name().and_then(|n| n.to_str()) == Some(best))
            .map(|f| relative(source, f))
            .collect();
        let choices: Vec<&str> = same.iter().map(String::as_str).collect();
        closest(&written, &choices)
            .or_else(|| choices.first().copied())
            .map(str::to_owned)
    }
}

/// The file nearest the missing `written` (a path relative to the folder of
/// `source`), among the files in that folder and below it, and, when
/// `statics` is given, the files of `static/` (which a photo may name
/// without a `/`). Returned as it would be written.
pub(crate) fn file(
    source: &Path,
    written: &str,
    assets: &Files,
    statics: Option<&Files>,
) -> Option<String> {
    let dir = source.parent().unwrap_or(Path::new(""));
    let beside = assets
        .names()
        .filter(|n| n.starts_with(dir))
        .map(|n| relative(source, n));
    let in_static = statics
        .into_iter()
        .flat_map(Files::names)
        .map(|n| n.to_string_lossy().replace('\\', "/"));
    let choices: Vec<String> = beside.chain(in_static).collect();
    let refs: Vec<&str> = choices.iter().map(String::as_str).collect();
    closest(written, &refs).map(str::to_owned)
}

/// The file of `static/` nearest the missing `/`-path `written` (without
/// its `/`), written with its `/`.
pub(crate) fn static_file(written: &str, statics: &Files) -> Option<String> {
    let choices: Vec<String> = statics
        .names()
        .map(|n| n.to_string_lossy().replace('\\', "/"))
        .collect();
    let refs: Vec<&str> = choices.iter().map(String::as_str).collect();
    closest(written, &refs).map(|best| format!("/{best}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn relative_paths_are_written_from_the_linking_file() {
        let from = Path::new("articles/knees/knee-pain.md");
        for (to, want) in [
            ("articles/legs/shin-splints.md", "../legs/shin-splints.md"),
            ("articles/knees/other.md", "other.md"),
            ("articles/knees/img/a.jpg", "img/a.jpg"),
            ("pages/about.md", "../../pages/about.md"),
        ] {
            assert_eq!(relative(from, Path::new(to)), want);
        }
    }

    #[test]
    fn the_nearest_page_is_found_by_its_name_then_its_folder() {
        let files = [
            "articles/legs/shin-splints.md",
            "articles/legs/night-leg-cramps.md",
            "articles/knees/knee-pain-on-stairs.md",
            "articles/shins/shin-splints.md",
        ];
        let paths: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        let pages = Pages::new(paths.iter().map(PathBuf::as_path));
        let from = Path::new("articles/knees/knee-pain-on-stairs.md");
        let near = |t: &str| pages.nearest(from, Path::new(t));
        assert_eq!(
            near("articles/legs/shin-splint.md").as_deref(),
            Some("../legs/shin-splints.md")
        );
        assert_eq!(
            near("articles/shin/shin-splints.md").as_deref(),
            Some("../shins/shin-splints.md")
        );
        assert_eq!(near("articles/legs/missing.md"), None);
    }

    #[test]
    fn the_nearest_file_is_beside_the_article_or_in_static() {
        let mut assets = Files::default();
        for f in ["articles/legs/leg-aches.svg", "articles/knees/knee.jpg"] {
            assets.insert(f.into(), f.into());
        }
        let mut statics = Files::default();
        statics.insert("images/share.svg".into(), "x".into());
        let source = Path::new("articles/legs/a.md");
        assert_eq!(
            file(source, "leg-ache.svg", &assets, Some(&statics)).as_deref(),
            Some("leg-aches.svg")
        );
        assert_eq!(
            file(source, "images/shar.svg", &assets, Some(&statics)).as_deref(),
            Some("images/share.svg")
        );
        assert_eq!(file(source, "knee.jpg", &assets, None), None);
        assert_eq!(
            static_file("images/shre.svg", &statics).as_deref(),
            Some("/images/share.svg")
        );
    }
}
