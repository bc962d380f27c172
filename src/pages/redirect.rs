//! The redirect page's context: where the old URL sends readers.

use super::{PageJob, TemplateFailure};
use crate::kinds::{At, Kind};
use crate::views::Views;
use serde::Serialize;

/// Where a redirect page sends readers, as `redirect` in its template.
#[derive(Debug, Serialize)]
pub struct RedirectView {
    /// The link to the page, from inside the site.
    pub url: String,
    /// Its absolute URL, for the canonical link.
    pub permalink: String,
}

impl Views<'_> {
    /// A page at an old URL that sends readers on to the page's URL now.
    pub fn redirect(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let r = &self.site.redirects[at.item];
        // The title shows for the moment before the browser moves on, and
        // wherever the refresh is not followed.
        let title = self.site.strings.get("redirect.title");
        let mut job = self.job(kind, at, title, "");
        job.insert(
            "redirect",
            &RedirectView {
                url: self.url(&r.to),
                permalink: self.permalink(&r.to),
            },
        );
        Ok(job)
    }
}
