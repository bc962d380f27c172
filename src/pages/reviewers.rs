//! The medical reviewers page: every author who reviewed a published
//! article, with their credentials and the articles they reviewed.

use super::{PageJob, TemplateFailure};
use crate::kinds::{At, Kind};
use crate::views::{AuthorView, Summary, Views};
use serde::Serialize;

/// How many reviewed articles the page lists per reviewer, newest first:
/// their author page lists every one, and this page stays small however
/// many articles the site has.
pub const REVIEWED_LISTED: usize = 10;

impl<'s> Views<'s> {
    /// The medical reviewers page.
    pub fn reviewers(&self, kind: &Kind, at: At) -> Result<PageJob, TemplateFailure> {
        let mut job = self.fixed_job(kind, at);
        let reviewers: Vec<ReviewerView<'s>> = self
            .site
            .authors
            .iter()
            .filter(|a| !a.reviewed.is_empty())
            .map(|a| {
                let shown = a.reviewed.len().min(REVIEWED_LISTED);
                ReviewerView {
                    person: self.author_view(a),
                    reviewed: self.summaries(&a.reviewed[..shown]),
                    count: a.reviewed.len(),
                    more: a.reviewed.len() - shown,
                }
            })
            .collect();
        job.insert("reviewers", &reviewers);
        job.insert("jsonld", &self.reviewers_jsonld(kind));
        Ok(job)
    }
}

/// A reviewer on the reviewers page.
#[derive(Serialize)]
struct ReviewerView<'s> {
    person: AuthorView,
    /// The newest articles they reviewed, at most [`REVIEWED_LISTED`].
    reviewed: Vec<&'s Summary>,
    /// How many articles they reviewed in all.
    count: usize,
    /// How many are not listed here (their author page lists them).
    more: usize,
}
