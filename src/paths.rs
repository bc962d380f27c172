//! Where each source file's page lives in the output, and how relative links
//! between source files resolve.
//!
//! A page's *path* is relative to the site root and ends in `/`
//! (`articles/feet/heel-pain/`); prefixing the base URL's path gives its link.
//! Path segments are slugified, so `Heel Pain.md` and `heel-pain.md` claim the
//! same URL and the link stage reports the clash instead of one file silently
//! replacing the other.

use crate::slug::slugify;
use std::path::{Component, Path, PathBuf};

/// The folder of articles, relative to the site root.
pub const ARTICLES: &str = "articles";
/// Cause overviews, inside [`ARTICLES`].
pub const CAUSES: &str = "causes";
/// Treatment overviews, inside [`ARTICLES`].
pub const TREATMENTS: &str = "treatments";
/// The file that gives a folder of articles (a section) its title,
/// description and intro.
pub const SECTION_INDEX: &str = "_index.md";
/// The folder of standalone pages (About, Privacy…), relative to the site
/// root: `pages/<name>.md` becomes `/<name>/`.
pub const PAGES: &str = "pages";

/// What a Markdown file under `articles/` or `pages/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// An article.
    Article,
    /// `articles/causes/<slug>.md`.
    CauseOverview,
    /// `articles/treatments/<slug>.md`.
    TreatmentOverview,
    /// `_index.md` in a folder under `articles/`: the folder's section page.
    SectionIndex,
    /// A standalone page, anywhere under `pages/`.
    Page,
}

/// Classifies a Markdown file by its path relative to the site root.
pub fn kind_of(source: &Path) -> SourceKind {
    if source
        .components()
        .next()
        .is_some_and(|c| c.as_os_str() == PAGES)
    {
        return SourceKind::Page;
    }
    let parts: Vec<_> = source.components().skip(1).collect();
    let is_direct = |name: &str| parts.len() == 2 && parts[0].as_os_str() == name;
    if is_section_index(source) {
        SourceKind::SectionIndex
    } else if is_direct(CAUSES) {
        SourceKind::CauseOverview
    } else if is_direct(TREATMENTS) {
        SourceKind::TreatmentOverview
    } else {
        SourceKind::Article
    }
}

/// The output path of the page a Markdown file becomes, e.g.
/// `articles/feet/heel-pain.md` → `articles/feet/heel-pain/`,
/// `articles/causes/shin-splints.md` → `causes/shin-splints/`,
/// `pages/policies/Privacy.md` → `policies/privacy/`.
pub fn page_path(source: &Path) -> String {
    let stem = |p: &Path| slugify(name_of(p));
    let folders = || {
        let parent = source.parent().unwrap_or(Path::new(""));
        let mut path = String::new();
        for part in parent.components().skip(1) {
            path.push_str(&slugify(&part.as_os_str().to_string_lossy()));
            path.push('/');
        }
        path
    };
    match kind_of(source) {
        SourceKind::CauseOverview => crate::kinds::CAUSE.item_path(&stem(source)),
        SourceKind::TreatmentOverview => crate::kinds::TREATMENT.item_path(&stem(source)),
        SourceKind::Article => {
            let mut path = folder_path(source.parent().unwrap_or(Path::new("")));
            path.push_str(&stem(source));
            path.push('/');
            path
        }
        SourceKind::Page => {
            // A name with nothing usable in a URL (`!!!.md`) adds no
            // segment: the path never starts with `/`, and a page left
            // with none is at the home page's, which the link stage refuses.
            let mut path = String::new();
            for segment in folders().split('/').chain([stem(source).as_str()]) {
                if !segment.is_empty() {
                    path.push_str(segment);
                    path.push('/');
                }
            }
            path
        }
        SourceKind::SectionIndex => folder_path(source.parent().unwrap_or(Path::new(""))),
    }
}

/// Whether a file is a folder's `_index.md` (or a translation of it,
/// `_index.es.md`).
fn is_section_index(source: &Path) -> bool {
    source.file_name().is_some_and(|n| n == SECTION_INDEX)
        || (language_of(source).is_some() && name_of(source) == "_index")
}

/// The language tag a Markdown file's name ends in, before `.md`: `es` of
/// `heel-pain.es.md`, `pt-BR` of `about.pt-BR.md`. A translation is named
/// so, beside its original; whether the site has that language is the
/// link stage's question. A last part that cannot be a language tag (a
/// version, `v1.2.md`; a long word, `mr.smith.md`) is part of the name.
pub fn language_of(source: &Path) -> Option<&str> {
    let stem = source.file_stem()?.to_str()?;
    let (name, last) = stem.rsplit_once('.')?;
    if name.is_empty() {
        return None;
    }
    let mut subtags = last.split('-');
    let primary = subtags.next()?;
    let is_tag = (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    is_tag.then_some(last)
}

/// A Markdown file's name without `.md` and without its language: `heel-pain`
/// of both `heel-pain.md` and `heel-pain.es.md`.
pub fn name_of(source: &Path) -> &str {
    let stem = source
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    match language_of(source) {
        Some(tag) => &stem[..stem.len() - tag.len() - 1],
        None => stem,
    }
}

/// The original a translation translates: `articles/a.md` of
/// `articles/a.es.md`; a file with no language, itself.
pub fn original_of(source: &Path) -> PathBuf {
    match language_of(source) {
        Some(_) => source.with_file_name(format!("{}.md", name_of(source))),
        None => source.to_path_buf(),
    }
}

/// The translation of `original` into the language `tag`:
/// `articles/a.es.md` for `articles/a.md` and `es`.
pub fn translation_of(original: &Path, tag: &str) -> PathBuf {
    original.with_file_name(format!("{}.{tag}.md", name_of(original)))
}

/// The page path of a folder under `articles/` (its section), e.g.
/// `articles/Knees` → `articles/knees/`.
pub fn folder_path(folder: &Path) -> String {
    let mut path = String::from(ARTICLES);
    for part in folder.components().skip(1) {
        path.push('/');
        path.push_str(&slugify(&part.as_os_str().to_string_lossy()));
    }
    path.push('/');
    path
}

/// Whether a folder under `articles/` holds overviews rather than articles
/// (`articles/causes`, `articles/treatments`): it is no section.
pub fn is_overview_folder(folder: &Path) -> bool {
    let parts: Vec<_> = folder.components().collect();
    parts.len() == 2
        && [CAUSES, TREATMENTS]
            .iter()
            .any(|n| parts[1].as_os_str() == *n)
}

/// Resolves `link` (a relative URL path, already percent-decoded) against the
/// folder of `from`. `None` when it climbs out of the site root.
pub fn resolve(from: &Path, link: &str) -> Option<PathBuf> {
    let mut out: Vec<&std::ffi::OsStr> = from
        .parent()
        .unwrap_or(Path::new(""))
        .components()
        .map(Component::as_os_str)
        .collect();
    for part in Path::new(link).components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out.iter().collect())
}

/// Whether a relative path stays in its folder: no `..`, no root, no drive.
pub fn is_contained(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// Percent-decodes a URL path written in Markdown (`my%20photo.jpg`), so it
/// can be matched against file names. Invalid escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_follow_the_file_path() {
        assert_eq!(
            page_path(Path::new("articles/feet/heel-pain.md")),
            "articles/feet/heel-pain/"
        );
        assert_eq!(
            page_path(Path::new("articles/Heel Pain.md")),
            "articles/heel-pain/"
        );
        assert_eq!(
            page_path(Path::new("articles/causes/shin-splints.md")),
            "causes/shin-splints/"
        );
        assert_eq!(
            page_path(Path::new("articles/treatments/Rest.md")),
            "treatments/rest/"
        );
        // Only direct children of causes/ are overviews.
        assert_eq!(
            page_path(Path::new("articles/causes/deep/x.md")),
            "articles/causes/deep/x/"
        );
        assert_eq!(
            kind_of(Path::new("articles/causes.md")),
            SourceKind::Article
        );
        assert_eq!(
            kind_of(Path::new("articles/Knees/_index.md")),
            SourceKind::SectionIndex
        );
        assert_eq!(
            page_path(Path::new("articles/Knees/Deep Down/_index.md")),
            "articles/knees/deep-down/"
        );
        assert!(is_overview_folder(Path::new("articles/causes")));
        assert!(!is_overview_folder(Path::new("articles/causes/deep")));
        assert!(!is_overview_folder(Path::new("articles/knees")));
        assert_eq!(page_path(Path::new("pages/About Us.md")), "about-us/");
        assert_eq!(
            page_path(Path::new("pages/Policies/privacy.md")),
            "policies/privacy/"
        );
        assert_eq!(page_path(Path::new("pages/!!!/x.md")), "x/");
        assert_eq!(page_path(Path::new("pages/!!!.md")), "");
        // pages/ is its own tree: its causes/ holds no overviews.
        assert_eq!(kind_of(Path::new("pages/causes/x.md")), SourceKind::Page);
    }

    #[test]
    fn a_translation_is_at_its_originals_path() {
        let p = |s: &str| page_path(Path::new(s));
        assert_eq!(
            p("articles/feet/heel-pain.es.md"),
            "articles/feet/heel-pain/"
        );
        assert_eq!(
            p("articles/causes/shin-splints.pt-BR.md"),
            "causes/shin-splints/"
        );
        assert_eq!(p("articles/knees/_index.es.md"), "articles/knees/");
        assert_eq!(p("pages/about.es.md"), "about/");
        assert_eq!(
            kind_of(Path::new("articles/knees/_index.es.md")),
            SourceKind::SectionIndex
        );
        fn lang(s: &str) -> Option<&str> {
            language_of(Path::new(s))
        }
        assert_eq!(lang("articles/a.es.md"), Some("es"));
        assert_eq!(lang("articles/a.pt-BR.md"), Some("pt-BR"));
        assert_eq!(lang("articles/a.md"), None);
        assert_eq!(lang("articles/v1.2.md"), None);
        assert_eq!(lang("articles/mr.smith.md"), None);
        assert_eq!(lang("articles/.es.md"), None);
        assert_eq!(
            original_of(Path::new("articles/legs/a.es.md")),
            PathBuf::from("articles/legs/a.md")
        );
        assert_eq!(
            translation_of(Path::new("articles/legs/a.md"), "es"),
            PathBuf::from("articles/legs/a.es.md")
        );
        assert_eq!(name_of(Path::new("pages/about.es.md")), "about");
    }

    #[test]
    fn relative_links_resolve_and_cannot_escape() {
        let from = Path::new("articles/legs/a.md");
        assert_eq!(
            resolve(from, "b.md"),
            Some(PathBuf::from("articles/legs/b.md"))
        );
        assert_eq!(
            resolve(from, "../knees/c.md"),
            Some(PathBuf::from("articles/knees/c.md"))
        );
        assert_eq!(
            resolve(from, "./../../site.toml"),
            Some(PathBuf::from("site.toml"))
        );
        assert_eq!(resolve(from, "../../../etc/passwd"), None);
        assert_eq!(resolve(from, "/etc/passwd"), None);
    }

    #[test]
    fn containment_and_decoding() {
        assert!(is_contained("photo.jpg"));
        assert!(is_contained("img/photo.jpg"));
        assert!(!is_contained("../photo.jpg"));
        assert!(!is_contained("/etc/passwd"));
        assert!(!is_contained(""));
        assert_eq!(percent_decode("my%20photo.jpg"), "my photo.jpg");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
