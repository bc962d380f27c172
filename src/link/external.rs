//! The addresses of other sites the writers typed, each with where it is
//! written: links and images in bodies, references' `url`, authors' `url`
//! and menu entries. Nothing is fetched here; `salve check --external`
//! fetches them (see [`crate::external`]).

use super::references::Sources;
use super::{ExternalUrl, Inputs};
use crate::config::{CONFIG_FILE, SiteConfig};
use crate::markdown::Body;
use crate::markdown::lines::Lines;
use std::path::Path;

/// Every `http:`/`https:` address of the published pages and of site.toml,
/// in file order, leaving out those on the site itself (under its base
/// URL). A `//host/…` address gets the base URL's scheme, as a reader's
/// browser gives it the page's.
pub(super) fn external_urls(
    s: &Sources<'_>,
    config: &SiteConfig,
    inputs: &Inputs<'_>,
) -> Vec<ExternalUrl> {
    let mut found = Found {
        urls: Vec::new(),
        base: &inputs.base.full,
    };
    for a in s.published {
        found.body(&a.source, &a.body);
        let mut lines = Lines::new(&a.text);
        for url in a.meta.references.iter().filter_map(|r| r.url.as_ref()) {
            let (pos, line) = lines.line_at(a.toml_start + url.span().start);
            found.push(url.get_ref(), &a.source, pos, line);
        }
    }
    for o in s.overviews {
        found.body(&o.page.source, &o.page.body);
    }
    for p in s.pages {
        found.body(&p.source, &p.body);
    }
    let mut lines = Lines::new(inputs.config_text);
    let menus = [&config.menus.main, &config.menus.footer];
    let typed = (config.authors.values().filter_map(|a| a.url.as_ref()))
        .chain(menus.into_iter().flatten().flatten().map(|m| &m.url));
    for url in typed {
        let (pos, line) = lines.line_at(url.span().start);
        found.push(url.get_ref(), Path::new(CONFIG_FILE), pos, line);
    }
    found.urls
}

struct Found<'b> {
    urls: Vec<ExternalUrl>,
    /// The site's own base URL: addresses under it are not of other sites.
    base: &'b str,
}

impl Found<'_> {
    fn body(&mut self, source: &Path, body: &Body) {
        for e in &body.externals {
            self.push(&e.url, source, e.pos, e.line.clone());
        }
    }

    fn push(
        &mut self,
        written: &str,
        file: &Path,
        pos: crate::diagnostic::Position,
        line: std::sync::Arc<str>,
    ) {
        let Some(url) = absolute(written, self.base) else {
            return;
        };
        if url.starts_with(self.base) {
            return;
        }
        self.urls.push(ExternalUrl {
            url,
            file: file.to_path_buf(),
            pos,
            line,
        });
    }
}

/// `written` as the address a reader's browser fetches: read as a browser
/// reads it, without its `#fragment` (never sent to the server), and with
/// the scheme of `base` before a `//host/…` address. `None` when it is not
/// an `http:` or `https:` address.
fn absolute(written: &str, base: &str) -> Option<String> {
    let cleaned = crate::url::as_browser_reads(written);
    let url = cleaned.split('#').next().unwrap_or_default();
    if url.starts_with("//") {
        let scheme = base.split(':').next().unwrap_or("https");
        return Some(format!("{scheme}:{url}"));
    }
    let scheme = crate::url::scheme(url)?;
    matches!(scheme.as_str(), "http" | "https").then(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::absolute;

    #[test]
    fn an_address_is_what_a_browser_fetches() {
        let base = "https://example.org/health/";
        assert_eq!(
            absolute("https://e.org/a#b", base).as_deref(),
            Some("https://e.org/a")
        );
        assert_eq!(
            absolute(" HTTP://e.org/", base).as_deref(),
            Some("HTTP://e.org/")
        );
        assert_eq!(
            absolute("//cdn.e.org/x.png", base).as_deref(),
            Some("https://cdn.e.org/x.png")
        );
        for not_fetched in ["mailto:a@e.org", "tel:+1555", "/about/", "#top", "x.md"] {
            assert_eq!(absolute(not_fetched, base), None, "{not_fetched}");
        }
    }
}
