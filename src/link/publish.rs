//! Which articles a build publishes: a draft or a future-dated article
//! waits (unless `--drafts`), an expired one goes; and how many were left
//! out, by reason, for the build's summary.

use super::{Inputs, LeftOut};
use crate::content::ArticleMeta;
use crate::date::Date;
use crate::parse::Parsed;

/// Why an article is left out of this build, if it is: a draft, dated in the
/// future (both shown with `--drafts`), or past its `expires` date.
pub(super) fn held_back(meta: &ArticleMeta, inputs: &Inputs<'_>) -> Option<Held> {
    if let Some(expires) = meta.expires.filter(|e| *e < inputs.today) {
        return Some(Held::Expired(expires));
    }
    if inputs.drafts {
        None
    } else if meta.draft {
        Some(Held::Draft)
    } else if meta.date > inputs.today {
        Some(Held::Scheduled(meta.date))
    } else {
        None
    }
}

/// Why an article is not published.
#[derive(Debug, Clone, Copy)]
pub(super) enum Held {
    Draft,
    Scheduled(Date),
    Expired(Date),
}

impl Held {
    /// The reason in words, after "the article".
    pub(super) fn why(self) -> String {
        match self {
            Held::Draft => "is a draft".to_owned(),
            Held::Scheduled(date) => format!("is dated in the future ({date})"),
            Held::Expired(date) => format!("expired on {date}"),
        }
    }
}

/// Counts the articles left out, by reason.
pub(super) fn left_out(held: &[Parsed<ArticleMeta>], inputs: &Inputs<'_>) -> LeftOut {
    let mut counts = LeftOut::default();
    for a in held {
        match held_back(&a.meta, inputs) {
            Some(Held::Draft) => counts.drafts += 1,
            Some(Held::Scheduled(_)) => counts.scheduled += 1,
            Some(Held::Expired(_)) => counts.expired += 1,
            None => {}
        }
    }
    counts
}
