//! URLs that last: a page the last build published into an output, which
//! this build neither makes, redirects nor copies a file to, is a warning (`url-removed`)
//! naming it, with the alias that would keep its links working.
//!
//! What was published is the list the last build kept in the output (see
//! [`crate::write::published_urls`]), so a first build, or a build into a
//! fresh folder, has nothing to compare with and says nothing.

use crate::diagnostic::Diagnostic;
use crate::kinds::{REDIRECT, every_page, every_path};
use crate::link::Site;
use std::collections::HashSet;
use std::path::Path;

/// How many removed URLs are named one by one; the rest are counted in one
/// more warning, so deleting a folder of articles is not pages of output.
const LISTED: usize = 50;

/// The URL of every page of `site` that a reader may keep, as the output's
/// list keeps them: `/` then the page's path. Left out: the later pages of
/// a list and salve's own redirects to a list's first page, which come and
/// go as the list grows and shrinks.
pub fn published(site: &Site) -> Vec<String> {
    let mut urls: Vec<String> = every_page(site)
        .filter(|(kind, at)| {
            let own_redirect =
                kind.name == REDIRECT.name && site.redirects[at.item].source.is_none();
            at.page == 0 && !own_redirect
        })
        .map(|(kind, at)| format!("/{}{}", site.prefix, kind.path(site, at)))
        .collect();
    urls.sort_unstable();
    urls
}

/// A `url-removed` warning for each URL the last build published into
/// `output` that `site` no longer has; `shown` is how the output folder is
/// named in them.
pub fn removed(sites: &[&Site], output: &Path, shown: &Path) -> Vec<Diagnostic> {
    let Some(before) = crate::write::published_urls(output) else {
        return Vec::new();
    };
    let mut now: HashSet<String> = sites
        .iter()
        .flat_map(|site| {
            every_path(site)
                .into_iter()
                .map(|p| format!("/{}{p}", site.prefix))
        })
        .collect();
    // A page may become a file of `static/` at the same URL: still there.
    for c in sites.iter().flat_map(|s| &s.copies) {
        let url = format!("/{}", c.to);
        match url.strip_suffix("index.html") {
            Some(folder) => now.insert(folder.to_owned()),
            None => now.insert(url),
        };
    }
    let gone: Vec<&String> = before.iter().filter(|url| !now.contains(*url)).collect();
    let mut out: Vec<Diagnostic> = gone
        .iter()
        .take(LISTED)
        .map(|url| {
            Diagnostic::warning(
                "url-removed",
                shown,
                format!(
                    "{url} was published by the last build and is gone now: links to it lead nowhere"
                ),
            )
            .hint(format!(
                "if another article replaces it, add aliases = [\"{url}\"] to that article's front matter"
            ))
        })
        .collect();
    if gone.len() > LISTED {
        out.push(
            Diagnostic::warning(
                "url-removed",
                shown,
                format!(
                    "and {} more URLs published by the last build are gone now",
                    gone.len() - LISTED
                ),
            )
            .hint("give each an alias on the article that replaces it"),
        );
    }
    out
}
