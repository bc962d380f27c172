//! The files static hosts read at the output root: `_redirects`, the
//! redirect rules Netlify and Cloudflare Pages follow. Pure, from the graph
//! to bytes.
//!
//! A site's own `static/_redirects` is merged in, not replaced: its rules
//! come first (hosts follow the first rule for a URL, and the link stage
//! refuses one that redirects an alias's URL too), then one line per
//! redirect of the site. `static/_headers` is copied as it is: salve writes
//! no headers of its own.

use crate::link::Site;
use crate::load::HOST_REDIRECTS;
use crate::output::OutputFile;

/// `_redirects`: the site's own rules, then `/old/ /new/ 301` for each
/// redirect, both paths with the base URL's path in front; `None` when
/// there is neither.
pub fn redirects(sites: &[Site]) -> Option<OutputFile> {
    let site = sites.first()?;
    if sites.iter().all(|s| s.redirects.is_empty()) && site.host_redirects.is_none() {
        return None;
    }
    let mut text = String::new();
    if let Some(own) = &site.host_redirects {
        text.push_str(&own.text);
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
    }
    for site in sites {
        let home = site.home_path();
        for r in &site.redirects {
            text.push_str(&format!("{home}{} {home}{} 301\n", r.from, r.to));
        }
    }
    Some(OutputFile {
        path: HOST_REDIRECTS.to_owned(),
        bytes: text.into_bytes(),
    })
}
