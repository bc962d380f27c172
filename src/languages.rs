//! A site in more than one language.
//!
//! The site's own `language` is published at the root; each
//! `[languages.<tag>]` of site.toml at `/<tag>/`. A translation is a
//! Markdown file named `<name>.<tag>.md` beside its original, so each
//! language is a whole site of its own (its articles, causes, treatments,
//! lists, search and feed), linked by the same stage as the first. This
//! module does what happens between the languages: it sorts the files by
//! language, sends a translation's links to the translations of the
//! articles they name, and pairs the pages that translate each other, for
//! the language switch, `hreflang` and the sitemap.

use crate::diagnostic::{Diagnostic, Position};
use crate::link::Site;
use crate::load::SourceFile;
use crate::markdown::Body;
use crate::parse::ParsedSite;
use crate::paths::{language_of, original_of, page_path, translation_of};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The Markdown files of one language.
#[derive(Debug, Default)]
pub struct Files {
    /// Its tag; the site's own language first.
    pub tag: String,
    /// Its files, parsed or not, relative to the site root.
    pub paths: BTreeSet<PathBuf>,
}

/// Sorts the Markdown files by the language their names end in: the site's
/// own (no suffix) first, then each of `[languages]` in order. A file whose
/// name ends in a language the site does not have is an error, and is left
/// out.
pub fn sort_files(
    markdown: Vec<SourceFile>,
    own: &str,
    others: &[&str],
    out: &mut Vec<Diagnostic>,
) -> (Vec<SourceFile>, Vec<Files>) {
    let mut files: Vec<Files> = std::iter::once(own)
        .chain(others.iter().copied())
        .map(|tag| Files {
            tag: tag.to_owned(),
            paths: BTreeSet::new(),
        })
        .collect();
    let mut kept = Vec::with_capacity(markdown.len());
    for file in markdown {
        let slot = match language_of(&file.path) {
            None => Some(0),
            Some(tag) => match others.iter().position(|o| *o == tag) {
                Some(i) => Some(i + 1),
                None => {
                    out.push(unknown_language(&file, tag, own));
                    None
                }
            },
        };
        if let Some(i) = slot {
            files[i].paths.insert(file.path.clone());
            kept.push(file);
        }
    }
    (kept, files)
}

fn unknown_language(file: &SourceFile, tag: &str, own: &str) -> Diagnostic {
    let name = crate::paths::name_of(&file.path);
    let (message, hint) = if tag.eq_ignore_ascii_case(own) {
        (
            format!("the name ends in `.{tag}.md`, but `{own}` is the site's own language"),
            format!(
                "articles in the site's language have no language in their name: rename it to {name}.md"
            ),
        )
    } else {
        (
            format!(
                "the name ends in `.{tag}.md`, a translation into `{tag}`, but site.toml has no [languages.{tag}]"
            ),
            format!(
                "add [languages.{tag}] to site.toml to publish it at /{tag}/, or rename the file (a dot before .md marks a language: {name}-{tag}.md is an ordinary name)"
            ),
        )
    };
    let first_line = file.text.lines().next().unwrap_or_default();
    Diagnostic::error("unknown-language", &file.path, message)
        .at(Position { line: 1, column: 1 }, first_line)
        .hint(hint)
}

/// Splits the parsed files by language, in the order of `files`.
pub fn split(parsed: ParsedSite, files: &[Files]) -> Vec<ParsedSite> {
    let slot = |source: &Path| {
        files
            .iter()
            .position(|f| f.paths.contains(source))
            .unwrap_or(usize::MAX)
    };
    let mut sites: Vec<ParsedSite> = files.iter().map(|_| ParsedSite::default()).collect();
    for a in parsed.articles {
        if let Some(site) = sites.get_mut(slot(&a.source)) {
            site.articles.push(a);
        }
    }
    for o in parsed.overviews {
        if let Some(site) = sites.get_mut(slot(&o.page.source)) {
            site.overviews.push(o);
        }
    }
    for p in parsed.pages {
        if let Some(site) = sites.get_mut(slot(&p.source)) {
            site.pages.push(p);
        }
    }
    sites
}

/// Sends the links of a language's files to Markdown files to the
/// translations of those files, in the language `tag`: `../b.md` in
/// `a.es.md` is `b.es.md` when there is one. A link to an article with no
/// translation goes to the original's page, with a warning; `originals`
/// are the files of the site's own language.
pub fn retarget(
    parsed: &mut ParsedSite,
    tag: &str,
    own: &BTreeSet<PathBuf>,
    originals: &BTreeSet<PathBuf>,
    base_path: &str,
    out: &mut Vec<Diagnostic>,
) {
    let bodies = parsed
        .articles
        .iter_mut()
        .map(|a| (a.source.as_path(), &mut a.body))
        .chain(
            parsed
                .overviews
                .iter_mut()
                .map(|o| (o.page.source.as_path(), &mut o.page.body)),
        )
        .chain(
            parsed
                .pages
                .iter_mut()
                .map(|p| (p.source.as_path(), &mut p.body)),
        );
    for (source, body) in bodies {
        retarget_body(source, body, tag, own, originals, base_path, out);
    }
}

fn retarget_body(
    source: &Path,
    body: &mut Body,
    tag: &str,
    own: &BTreeSet<PathBuf>,
    originals: &BTreeSet<PathBuf>,
    base_path: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut untranslated = Vec::new();
    body.links.retain_mut(|link| {
        if own.contains(&link.target) {
            return true;
        }
        let original = original_of(&link.target);
        let translation = translation_of(&original, tag);
        if own.contains(&translation) {
            link.target = translation;
            return true;
        }
        if !originals.contains(&original) {
            // Neither exists: the link stage reports it as broken.
            return true;
        }
        out.push(
            Diagnostic::warning(
                "untranslated-link",
                source,
                format!(
                    "this links to {}, which has no translation into `{tag}`; the link goes to the original",
                    original.display()
                ),
            )
            .at_line(link.pos, &link.line)
            .hint(format!(
                "translate it as {} to keep readers in their language, or link to another page",
                translation.display()
            )),
        );
        untranslated.push(page_path(&original));
        false
    });
    for path in untranslated {
        let translated = format!("href=\"{base_path}{tag}/{path}");
        let original = format!("href=\"{base_path}{path}");
        body.html = replace_url(&body.html, &translated, &original);
    }
}

/// `html` with every link that begins with `from` and goes no further
/// than a `#fragment` or `?query` beginning with `to` instead: the
/// page at `from` itself, not one in a folder under it.
fn replace_url(html: &str, from: &str, to: &str) -> String {
    let mut result = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(from) {
        let after = &rest[i + from.len()..];
        result.push_str(&rest[..i]);
        if after.starts_with(['"', '#', '?']) {
            result.push_str(to);
        } else {
            result.push_str(from);
        }
        rest = after;
    }
    result.push_str(rest);
    result
}

/// Reports each page and alias of the site's own language (`own`) under the
/// folder of one of the other languages (`pages/es/about.md` is at
/// `/es/about/`, where the Spanish pages are): the two would claim one URL.
pub fn check_folders(own: &Site, others: &[&str], out: &mut Vec<Diagnostic>) {
    let taken = |path: &str| {
        let first = path.split('/').next().unwrap_or_default();
        others.iter().find(|tag| **tag == first).copied()
    };
    for page in &own.pages {
        if let Some(tag) = taken(&page.path) {
            out.push(
                Diagnostic::error(
                    "duplicate-url",
                    &page.source,
                    format!(
                        "this page would be at /{}, in the folder of the language `{tag}` ([languages.{tag}])",
                        page.path
                    ),
                )
                .hint(format!(
                    "move it out of pages/{tag}/; a page in `{tag}` is named <name>.{tag}.md beside its original"
                )),
            );
        }
    }
    for r in &own.redirects {
        if let (Some(tag), Some(source)) = (taken(&r.from), &r.source) {
            out.push(
                Diagnostic::error(
                    "duplicate-url",
                    &source.file,
                    format!(
                        "the alias /{} is in the folder of the language `{tag}` ([languages.{tag}])",
                        r.from
                    ),
                )
                .at_line(source.pos, &source.line)
                .hint(format!(
                    "the pages in `{tag}` are under /{tag}/: give an alias outside it"
                )),
            );
        }
    }
}

/// One language's version of a page, as the language switch and
/// `hreflang` name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternate {
    /// The language's tag, e.g. `es`.
    pub language: String,
    /// The language's name in that language, e.g. `Español`.
    pub name: String,
    /// The link from inside the site.
    pub url: String,
    /// The absolute URL.
    pub permalink: String,
}

impl Alternate {
    /// The page at `path` (from its language's home) of `site`.
    fn of(site: &Site, path: &str) -> Self {
        Self {
            language: site.config.language.get_ref().clone(),
            name: site.strings.get("language.name").to_owned(),
            url: format!("{}{path}", site.home_path()),
            permalink: format!("{}{path}", site.home_url()),
        }
    }
}

/// The pages of a language that have translations: by the page's path
/// (from its language's home), every language's version, the site's own
/// language first.
pub type Alternates = HashMap<String, Arc<[Alternate]>>;

/// Pairs the pages that translate each other across `sites` (the site's own
/// language first) and gives each site its [`Alternates`].
///
/// Pages at the same path from their language's home are one page in two
/// languages: an article and its translation, a standalone page and its,
/// every list and tool. Causes and treatments are named in each language,
/// so their paths differ: they are paired through the articles, the n-th
/// cause of an article with the n-th of its translation, when every
/// article that names them agrees.
pub fn pair(sites: &mut [Site]) {
    if sites.len() < 2 {
        return;
    }
    let keys: Vec<HashMap<String, String>> = sites
        .iter()
        .map(|site| topic_keys(&sites[0], site))
        .collect();
    let mut groups: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for (i, site) in sites.iter().enumerate() {
        for path in translatable_paths(site) {
            let key = keys[i].get(&path).cloned().unwrap_or_else(|| path.clone());
            groups.entry(key).or_default().push((i, path));
        }
    }
    let mut alternates: Vec<Alternates> = sites.iter().map(|_| Alternates::new()).collect();
    for members in groups.into_values() {
        if members.len() < 2 {
            continue;
        }
        let list: Arc<[Alternate]> = members
            .iter()
            .map(|(i, path)| Alternate::of(&sites[*i], path))
            .collect();
        for (i, path) in members {
            alternates[i].insert(path, Arc::clone(&list));
        }
    }
    let homes: Vec<Alternate> = sites.iter().map(|site| Alternate::of(site, "")).collect();
    for (site, alternates) in sites.iter_mut().zip(alternates) {
        site.alternates = alternates;
        site.languages.clone_from(&homes);
    }
}

/// The pages of `site` a translation can stand for: every page a reader
/// lands on (not redirects, not files such as `404.html`, not the later
/// pages of a list, whose entries differ from language to language).
fn translatable_paths(site: &Site) -> Vec<String> {
    crate::kinds::every_page(site)
        .filter(|(kind, at)| kind.name != crate::kinds::REDIRECT.name && at.page == 0)
        .map(|(kind, at)| kind.path(site, at))
        .filter(|path| path.is_empty() || path.ends_with('/'))
        .collect()
}

/// For the cause and treatment pages of `site`, the path of the same cause
/// or treatment in `own` (the site's own language), where the articles
/// agree on one.
fn topic_keys(own: &Site, site: &Site) -> HashMap<String, String> {
    if std::ptr::eq(own, site) {
        return HashMap::new();
    }
    let originals: HashMap<&Path, usize> = own
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.source.as_path(), i))
        .collect();
    // Every pairing the articles suggest; a path that two suggestions
    // disagree on is left unpaired.
    let mut causes: Pairing = Pairing::default();
    let mut treatments: Pairing = Pairing::default();
    for a in &site.articles {
        let Some(&o) = originals.get(original_of(&a.source).as_path()) else {
            continue;
        };
        let original = &own.articles[o];
        if original.causes.len() != a.causes.len() {
            continue;
        }
        for (mine, theirs) in a.causes.iter().zip(&original.causes) {
            causes.suggest(
                &site.causes[mine.cause].path,
                &own.causes[theirs.cause].path,
            );
            if mine.treatments.len() == theirs.treatments.len() {
                for (m, t) in mine.treatments.iter().zip(&theirs.treatments) {
                    treatments.suggest(&site.treatments[*m].path, &own.treatments[*t].path);
                }
            }
        }
    }
    let mut keys = causes.agreed();
    keys.extend(treatments.agreed());
    keys
}

/// Suggested pairs of paths, one language's to the other's.
#[derive(Default)]
struct Pairing {
    forward: HashMap<String, Option<String>>,
    back: HashMap<String, Option<String>>,
}

impl Pairing {
    fn suggest(&mut self, mine: &str, theirs: &str) {
        let note = |map: &mut HashMap<String, Option<String>>, from: &str, to: &str| {
            map.entry(from.to_owned())
                .and_modify(|v| {
                    if v.as_deref() != Some(to) {
                        *v = None;
                    }
                })
                .or_insert_with(|| Some(to.to_owned()));
        };
        note(&mut self.forward, mine, theirs);
        note(&mut self.back, theirs, mine);
    }

    /// The pairs both ways agree on: one page for one page.
    fn agreed(self) -> HashMap<String, String> {
        let back = self.back;
        self.forward
            .into_iter()
            .filter_map(|(mine, theirs)| {
                let theirs = theirs?;
                (back.get(&theirs)?.as_deref() == Some(mine.as_str())).then_some((mine, theirs))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_page_itself_is_sent_elsewhere() {
        let html =
            r#"<a href="/es/a/b/">x</a> <a href="/es/a/b/#y">x</a> <a href="/es/a/b/c/">x</a>"#;
        assert_eq!(
            replace_url(html, "href=\"/es/a/b/", "href=\"/a/b/"),
            r#"<a href="/a/b/">x</a> <a href="/a/b/#y">x</a> <a href="/es/a/b/c/">x</a>"#
        );
    }

    #[test]
    fn pairs_that_disagree_are_dropped() {
        let mut p = Pairing::default();
        p.suggest("causes/calambre/", "causes/cramp/");
        p.suggest("causes/calambre/", "causes/cramp/");
        p.suggest("causes/tension/", "causes/strain/");
        p.suggest("causes/tension/", "causes/sprain/");
        p.suggest("causes/golpe/", "causes/bruise/");
        p.suggest("causes/moraton/", "causes/bruise/");
        let agreed = p.agreed();
        assert_eq!(agreed.len(), 1);
        assert_eq!(agreed["causes/calambre/"], "causes/cramp/");
    }
}
