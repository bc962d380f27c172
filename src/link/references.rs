//! The checks of every reference between files: each Markdown file claims
//! its page URL, and every link, anchor, local file and `/` path in a
//! published page must lead somewhere this build has.

use super::FileCopy;
use super::linker::{Linker, is_static_file};
use super::nearest;
use super::publish::held_back;
use crate::content::{ArticleMeta, PageMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::frontmatter::closest;
use crate::markdown::{Asset, Body, Cap, RESERVED_IDS, SourceLink, StaticRef};
use crate::parse::Parsed;
use crate::paths::page_path;
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The parsed Markdown files, by what becomes of them.
pub(super) struct Sources<'a> {
    /// Articles in this build, newest first.
    pub(super) published: &'a [Parsed<ArticleMeta>],
    /// Articles left out of it.
    pub(super) held: &'a [Parsed<ArticleMeta>],
    pub(super) overviews: &'a [crate::parse::Overview],
    /// Standalone pages in this build, by file.
    pub(super) pages: &'a [Parsed<PageMeta>],
    /// Pages left out of it (drafts).
    pub(super) held_pages: &'a [Parsed<PageMeta>],
}

/// Every page a Markdown file becomes, by source (to resolve links), and
/// the file that claimed each URL (to find clashes).
type Claimed<'p> = (HashMap<PathBuf, &'p Body>, BTreeMap<String, &'p Path>);

/// The heading ids of each page some link points into, gathered the first
/// time one does: looking each link's anchor up in a list of the page's ids
/// cost links × headings.
type Anchors<'p> = HashMap<&'p Path, HashSet<&'p str>>;

/// What a body's links are checked against: the pages of this build, the
/// articles left out of it, and (made when first needed) the pages to
/// suggest for a broken link.
struct Known<'k, 'p> {
    pages: &'k HashMap<PathBuf, &'p Body>,
    unpublished: &'k BTreeMap<&'k Path, String>,
    nearest: &'k OnceCell<nearest::Pages<'k>>,
}

/// How many of a page's heading ids a broken anchor's hint lists.
const IDS_LISTED: usize = 10;

/// The ids a link may take, as a hint lists them: the first
/// [`IDS_LISTED`], then how many more.
fn list_ids(ids: &[&str]) -> String {
    let shown: Vec<String> = ids
        .iter()
        .take(IDS_LISTED)
        .map(|id| format!("`#{id}`"))
        .collect();
    let more = match ids.len().saturating_sub(IDS_LISTED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!("{}{more}", shown.join(", "))
}

impl Linker<'_, '_> {
    /// Checks the links and local files of every published page, and
    /// returns the URLs of those pages.
    pub(super) fn check_references(&mut self, s: &Sources<'_>) -> Vec<String> {
        let sources = s
            .published
            .iter()
            .map(|a| (&a.source, &a.body, &a.text))
            .chain(
                s.overviews
                    .iter()
                    .map(|o| (&o.page.source, &o.page.body, &o.page.text)),
            )
            .chain(s.pages.iter().map(|p| (&p.source, &p.body, &p.text)));
        let (pages, urls) = self.claim_urls(sources);
        // A page that lost its URL to an earlier file is a duplicate-url
        // already; one that holds it may still be at a URL salve makes.
        for p in s.pages {
            if urls.get(&page_path(&p.source)) == Some(&p.source.as_path()) {
                self.reserved_url(p);
            }
        }
        let drafts = self.inputs.drafts;
        let unpublished: BTreeMap<&Path, String> = s
            .held
            .iter()
            .filter_map(|a| Some((a.source.as_path(), held_back(&a.meta, &self.inputs)?.why())))
            .chain(s.held_pages.iter().filter_map(|p| {
                Some((
                    p.source.as_path(),
                    super::pages::why_unpublished(&p.meta, drafts)?,
                ))
            }))
            .collect();
        let mut anchors = Anchors::default();
        // Made on the first broken link: most builds have none.
        let nearest = OnceCell::new();
        let bodies = s
            .published
            .iter()
            .map(|a| (&a.source, &a.body))
            .chain(s.overviews.iter().map(|o| (&o.page.source, &o.page.body)))
            .chain(s.pages.iter().map(|p| (&p.source, &p.body)));
        for (source, body) in bodies {
            let known = Known {
                pages: &pages,
                unpublished: &unpublished,
                nearest: &nearest,
            };
            self.body_refs(source, body, &known, &mut anchors);
        }
        urls.into_keys().collect()
    }

    /// Gives each Markdown file (source, body, text) its page URL, reporting
    /// a file whose URL an earlier one has claimed.
    fn claim_urls<'p>(
        &mut self,
        sources: impl Iterator<Item = (&'p PathBuf, &'p Body, &'p String)>,
    ) -> Claimed<'p> {
        let mut pages: HashMap<PathBuf, &Body> = HashMap::new();
        let mut urls: BTreeMap<String, &Path> = BTreeMap::new();
        for (source, body, text) in sources {
            let url = page_path(source);
            if url.contains("//") {
                // `!!!.md` or a folder `###/`: nothing of the name is left
                // in the URL, which would be its folder's page.
                self.out.push(
                    Diagnostic::error(
                        "bad-file-name",
                        source,
                        "the name of this file, or of a folder it is in, has no letter or digit to make its URL",
                    )
                    .at(crate::diagnostic::Position { line: 1, column: 1 }, text)
                    .hint("rename it with letters or digits, e.g. knee-pain.md"),
                );
                continue;
            }
            if let Some(first) = urls.get(&url) {
                self.out.push(
                    Diagnostic::error(
                        "duplicate-url",
                        source,
                        format!(
                            "this file and {} would both be written to /{url}",
                            first.display()
                        ),
                    )
                    .at(crate::diagnostic::Position { line: 1, column: 1 }, text)
                    .hint("rename one of the two files; URLs ignore case and punctuation"),
                );
            } else {
                urls.insert(url, source);
                pages.insert(source.clone(), body);
            }
        }
        (pages, urls)
    }

    /// Checks the links and local files of one body, recording files to copy.
    fn body_refs<'p>(
        &mut self,
        source: &Path,
        body: &'p Body,
        known: &Known<'_, 'p>,
        anchors: &mut Anchors<'p>,
    ) {
        let mut cap = Cap::new();
        for link in &body.links {
            match known.pages.get(&link.target) {
                None => self.missing_page(source, link, known, &mut cap),
                Some(target) => {
                    if let Some(fragment) = &link.fragment {
                        self.anchor(source, link, fragment, target, anchors, &mut cap);
                    }
                }
            }
        }
        self.assets(source, &body.assets, &mut cap);
        self.statics(source, &body.statics, &mut cap);
        cap.finish(source, self.out);
    }

    /// Reports a link to a Markdown file that is not a page of this build.
    fn missing_page(
        &mut self,
        source: &Path,
        link: &SourceLink,
        known: &Known<'_, '_>,
        cap: &mut Cap,
    ) {
        let held = known.unpublished.get(link.target.as_path());
        let failed_to_parse = self.inputs.all_markdown.contains(&link.target) && held.is_none();
        if failed_to_parse {
            // Its own error is reported; its anchors are unknown.
            return;
        }
        if !cap.admit(
            "broken-link",
            Severity::Error,
            Some(link.pos),
            link.line.len(),
        ) {
            return;
        }
        let (message, hint) = if let Some(why) = held {
            (
                format!("this links to {}, which {why}", link.target.display()),
                "publish that article, remove the link, or build with --drafts".to_owned(),
            )
        } else {
            let nearest = known
                .nearest
                .get_or_init(|| nearest::Pages::new(known.pages.keys().map(PathBuf::as_path)))
                .nearest(source, &link.target);
            (
                format!(
                    "this links to {}, which does not exist",
                    link.target.display()
                ),
                match nearest {
                    Some(best) => {
                        format!("did you mean `{best}`? Links are relative to this file's folder")
                    }
                    None => {
                        "check the file name; links are relative to this file's folder".to_owned()
                    }
                },
            )
        };
        self.out.push(
            Diagnostic::error("broken-link", source, message)
                .at_line(link.pos, &link.line)
                .hint(hint),
        );
    }

    /// Reports a link to `#fragment` of `target` when no heading there has
    /// that id.
    fn anchor<'p>(
        &mut self,
        source: &Path,
        link: &'p SourceLink,
        fragment: &str,
        target: &'p Body,
        anchors: &mut Anchors<'p>,
        cap: &mut Cap,
    ) {
        let ids = anchors
            .entry(link.target.as_path())
            .or_insert_with(|| target.ids.iter().map(String::as_str).collect());
        let known =
            ids.contains(fragment) || (link.target == source && RESERVED_IDS.contains(&fragment));
        let listed = !known
            && !fragment.is_empty()
            && cap.admit(
                "broken-anchor",
                Severity::Error,
                Some(link.pos),
                link.line.len(),
            );
        if listed {
            let ids: Vec<&str> = target.ids.iter().map(String::as_str).collect();
            let hint = match (closest(fragment, &ids), ids.is_empty()) {
                (_, true) => {
                    "it has no headings to link to: link to the page without `#…`".to_owned()
                }
                (Some(best), false) => format!(
                    "did you mean `#{best}`? Its headings' ids: {}",
                    list_ids(&ids)
                ),
                (None, false) => format!("link to one of its headings' ids: {}", list_ids(&ids)),
            };
            self.out.push(
                Diagnostic::error(
                    "broken-anchor",
                    source,
                    format!(
                        "{} has no heading with the id `{fragment}`",
                        link.target.display()
                    ),
                )
                .at_line(link.pos, &link.line)
                .hint(hint),
            );
        }
    }

    /// Records the local files of the page from `source` to copy beside it,
    /// reporting those that do not exist.
    fn assets(&mut self, source: &Path, assets: &[Asset], cap: &mut Cap) {
        let page = page_path(source);
        for asset in assets {
            if let Some(real) = self.inputs.assets.real(&asset.source) {
                self.copies.insert(FileCopy {
                    from: asset.source.clone(),
                    to: format!("{page}{}", asset.dest),
                    real: real.to_path_buf(),
                });
            } else if cap.admit(
                "missing-file",
                Severity::Error,
                Some(asset.pos),
                asset.line.len(),
            ) {
                let written = nearest::relative(source, &asset.source);
                let hint = match nearest::file(source, &written, self.inputs.assets, None) {
                    Some(best) => {
                        format!("did you mean `{best}`? The path is relative to this file's folder")
                    }
                    None => {
                        "check the file name; the path is relative to this file's folder".to_owned()
                    }
                };
                self.out.push(
                    Diagnostic::error(
                        "missing-file",
                        source,
                        format!("{} does not exist", asset.source.display()),
                    )
                    .at_line(asset.pos, &asset.line)
                    .hint(hint),
                );
            }
        }
    }

    /// Reports the files a body shows or links to by a `/` path that are
    /// not under `static/` (nor among the built-in files every site gets).
    fn statics(&mut self, source: &Path, statics: &[StaticRef], cap: &mut Cap) {
        for r in statics {
            if is_static_file(self.inputs.static_files, &r.path) {
                continue;
            }
            if cap.admit("missing-file", Severity::Error, Some(r.pos), r.line.len()) {
                let hint = match nearest::static_file(&r.path, self.inputs.static_files) {
                    Some(best) => format!("did you mean `{best}`? A path starting with / is a file under static/"),
                    None => "a path starting with / is a file under static/; put the file there or fix the path".to_owned(),
                };
                self.out.push(
                    Diagnostic::error(
                        "missing-file",
                        source,
                        format!("static/{} does not exist", r.path),
                    )
                    .at_line(r.pos, &r.line)
                    .hint(hint),
                );
            }
        }
    }
}
