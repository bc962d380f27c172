//! Sections: every folder under `articles/` that holds articles (or an
//! `_index.md`) gets a page listing them, nested as the folders are.

use super::{Article, Overview, Section};
use crate::diagnostic::Diagnostic;
use crate::paths::{ARTICLES, SECTION_INDEX, folder_path, is_overview_folder};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The sections of `articles`, by path, each article told its section.
/// `indexes` are the parsed `_index.md` files. Reports an `_index.md` where
/// no section can be, and an article written where a section's page goes.
pub(super) fn sections(
    articles: &mut [Article],
    indexes: Vec<crate::parse::Overview>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Section> {
    // Folders whose names slugify alike share one page, as files do.
    let mut folders: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut add_folders = |folder: &Path| {
        for f in folder.ancestors() {
            if f.components().count() < 2 || is_overview_folder(f) {
                continue;
            }
            folders
                .entry(folder_path(f))
                .or_insert_with(|| f.to_path_buf());
        }
    };
    let mut by_path: BTreeMap<String, Overview> = BTreeMap::new();
    for index in indexes {
        let source = index.page.source;
        let folder = source.parent().unwrap_or(Path::new(ARTICLES));
        if let Some(why) = misplaced(folder) {
            out.push(
                Diagnostic::error(
                    "misplaced-index",
                    &source,
                    format!("{SECTION_INDEX} here describes no section: {why}"),
                )
                .hint(format!(
                    "put {SECTION_INDEX} in a folder of articles, e.g. articles/knees/{SECTION_INDEX}, or delete it"
                )),
            );
            continue;
        }
        add_folders(folder);
        by_path.insert(
            index.slug,
            Overview {
                source,
                title: index.page.meta.title,
                description: index.page.meta.description,
                body: index.page.body,
            },
        );
    }
    for a in articles.iter() {
        add_folders(a.source.parent().unwrap_or(Path::new(ARTICLES)));
    }
    let position: BTreeMap<&str, usize> = folders
        .keys()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    let mut sections: Vec<Section> = folders
        .iter()
        .map(|(path, folder)| {
            let index = by_path.remove(path);
            let title = index
                .as_ref()
                .and_then(|o| o.title.clone())
                .unwrap_or_else(|| readable(folder));
            Section {
                folder: folder.clone(),
                path: path.clone(),
                title,
                index,
                parent: parent_of(path, &position),
                children: Vec::new(),
                articles: Vec::new(),
                total: 0,
                changed: None,
            }
        })
        .collect();
    for (i, a) in articles.iter_mut().enumerate() {
        let folder = a.source.parent().unwrap_or(Path::new(ARTICLES));
        a.section = position.get(folder_path(folder).as_str()).copied();
        if let Some(s) = a.section {
            sections[s].articles.push(i);
            let changed = Some(a.updated.unwrap_or(a.date));
            sections[s].changed = sections[s].changed.max(changed);
        }
    }
    // A section's sub-sections come after it, so counting from the end
    // counts each sub-section before its parent adds it in.
    for i in (0..sections.len()).rev() {
        sections[i].total += sections[i].articles.len();
        if let Some(p) = sections[i].parent {
            sections[p].total += sections[i].total;
            sections[p].changed = sections[p].changed.max(sections[i].changed);
            sections[p].children.push(i);
        }
    }
    for i in 0..sections.len() {
        let mut children = std::mem::take(&mut sections[i].children);
        children.sort_by_key(|&c| (sections[c].title.to_lowercase(), c));
        sections[i].children = children;
    }
    clashes(articles, &sections, out);
    sections
}

/// Why a folder can have no section, if it cannot.
fn misplaced(folder: &Path) -> Option<&'static str> {
    if folder.components().count() < 2 {
        Some("the list of every article, /articles/, takes no intro")
    } else if is_overview_folder(folder) {
        Some("this folder holds overviews of causes or treatments, not articles")
    } else {
        None
    }
}

/// The nearest section above the one at `path`.
fn parent_of(path: &str, position: &BTreeMap<&str, usize>) -> Option<usize> {
    let mut above = path.trim_end_matches('/');
    while let Some(cut) = above.rfind('/') {
        above = &above[..cut];
        if let Some(&i) = position.get(format!("{above}/").as_str()) {
            return Some(i);
        }
    }
    None
}

/// A folder's name as a title: `lower-back` → `Lower back`.
fn readable(folder: &Path) -> String {
    let name = folder
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .replace(['-', '_'], " ");
    let name = name.trim();
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Reports an article whose page is a section's (an `_index.md` claiming
/// it was reported with the other files' URLs), or one page of a list.
fn clashes(articles: &[Article], sections: &[Section], out: &mut Vec<Diagnostic>) {
    let lists: Vec<&str> = std::iter::once(crate::kinds::ARTICLES.fixed_path())
        .chain(sections.iter().map(|s| s.path.as_str()))
        .collect();
    let section_at: BTreeMap<&str, &Section> =
        sections.iter().map(|s| (s.path.as_str(), s)).collect();
    for a in articles {
        if let Some(s) = section_at
            .get(a.path.as_str())
            .filter(|s| s.index.is_none())
        {
            out.push(
                Diagnostic::error(
                    "duplicate-url",
                    &a.source,
                    format!(
                        "this file and the section of the folder {} would both be written to /{}",
                        s.folder.display(),
                        a.path
                    ),
                )
                .hint("rename the file or the folder; URLs ignore case and punctuation"),
            );
        }
    }
    let pages = articles
        .iter()
        .map(|a| (&a.source, &a.path))
        .chain(sections.iter().map(|s| (&s.folder, &s.path)));
    for (source, path) in pages {
        if let Some(list) = lists.iter().find(|l| is_list_page(path, l)) {
            out.push(
                Diagnostic::error(
                    "duplicate-url",
                    source,
                    format!("/{path} is where a page of the list /{list} goes"),
                )
                .hint("rename the file or folder: `page/<number>/` under a list is salve's"),
            );
        }
    }
}

/// Whether `path` is `<list>page/<n>/`.
fn is_list_page(path: &str, list: &str) -> bool {
    path.strip_prefix(list)
        .and_then(|rest| rest.strip_prefix("page/"))
        .and_then(|rest| rest.strip_suffix('/'))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_read_as_titles() {
        assert_eq!(readable(Path::new("articles/knees")), "Knees");
        assert_eq!(readable(Path::new("articles/lower-back")), "Lower back");
        assert_eq!(readable(Path::new("articles/a/élan_vital")), "Élan vital");
    }

    #[test]
    fn list_pages_are_numbered_folders_under_a_list() {
        assert!(is_list_page("articles/page/2/", "articles/"));
        assert!(is_list_page("articles/knees/page/10/", "articles/knees/"));
        assert!(!is_list_page("articles/page/two/", "articles/"));
        assert!(!is_list_page("articles/page/", "articles/"));
        assert!(!is_list_page("articles/knees/page/2/", "articles/legs/"));
    }
}
