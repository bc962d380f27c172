//! Linking standalone pages (`pages/`): which are published, the URLs only
//! salve may use, and the [`Page`]s themselves. Their links and files are
//! checked with the articles' (see `references`), so a page may link to an
//! article's `.md` and an article to a page's.

use super::Page;
use super::linker::Linker;
use crate::content::PageMeta;
use crate::diagnostic::{Diagnostic, Position};
use crate::kinds::{Kind, Pages, built_in_owner};
use crate::parse::Parsed;
use crate::paths::page_path;

/// Why a page is left out of this build: a draft, unless `--drafts`.
pub(super) fn why_unpublished(meta: &PageMeta, drafts: bool) -> Option<String> {
    (meta.draft && !drafts).then(|| "is a draft".to_owned())
}

impl Linker<'_, '_> {
    /// Reports a page at a URL salve writes a page of its own to (an index,
    /// a tool, or under the folder of articles, causes or authors), naming
    /// that page: one of the two would silently go missing.
    pub(super) fn reserved_url(&mut self, page: &Parsed<PageMeta>) {
        let url = page_path(&page.source);
        let index = format!("{}/", crate::search::FOLDER);
        let owner = if url.starts_with(&index) {
            // The search index is written after the pages, into a folder
            // of its own: no kind of page owns it.
            format!("salve writes the search index under /{index}")
        } else if let Some(kind) = built_in_owner(&url) {
            kind_owner(kind, &url)
        } else {
            return;
        };
        self.out.push(
            Diagnostic::error(
                "reserved-url",
                &page.source,
                format!("this page would be written to /{url}, and {owner}"),
            )
            .at(Position { line: 1, column: 1 }, &page.text)
            .hint(if url.is_empty() {
                "give the file a name with letters or digits: its name is its URL"
            } else {
                "rename or move the file under pages/; salve makes that URL itself"
            }),
        );
    }
}

/// How a problem names the built-in page of `kind` at `url`.
fn kind_owner(kind: &Kind, url: &str) -> String {
    match &kind.pages {
        Pages::One(fixed) if fixed.path.is_empty() => "that is the home page".to_owned(),
        Pages::One(fixed) => format!("salve's page “{}” is /{url}", fixed.title),
        Pages::Each { folder, .. } => {
            format!("salve writes its {} pages under /{folder}", kind.name)
        }
    }
}

/// The page made of a parsed file; its body moves, and what only linking
/// needed (links, files, heading ids) goes.
pub(super) fn into_page(p: Parsed<PageMeta>) -> Page {
    let mut body = p.body;
    body.links = Vec::new();
    body.assets = Vec::new();
    body.ids = Vec::new();
    let m = p.meta;
    Page {
        path: page_path(&p.source),
        source: p.source,
        title: m.title,
        description: m.description,
        page_type: m.kind,
        updated: m.updated,
        extra: crate::content::table_to_json(&m.extra),
        body,
    }
}
