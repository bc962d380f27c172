//! `salve check --external`: every address of another site the writers
//! typed (see [`crate::link::Site::externals`]) is fetched, and each dead
//! one is an error and each moved one a warning, at the place it is
//! written.
//!
//! Each address is fetched once however often it is linked, a few at a time
//! and at most [`PER_HOST`] at once from one host ([`pool`]); the results are
//! kept in the output's build cache ([`cache`]) so the next check asks again
//! only for addresses it has not seen lately. Only `check --external` comes
//! here: a build and a plain check never fetch anything.

pub mod cache;
pub mod fetch;
pub mod pool;

use crate::diagnostic::{Diagnostic, Severity};
use crate::link::ExternalUrl;
use crate::markdown::Cap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Duration;

/// Requests under way at once, in all.
pub const PARALLEL: usize = 8;
/// Requests under way at once to one host: a site is not hammered by a
/// page that cites it fifty times.
pub const PER_HOST: usize = 2;
/// Seconds a request may take, connecting included, unless
/// `--external-timeout` says otherwise.
pub const DEFAULT_TIMEOUT: u64 = 10;

/// How to check.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The most one request may take, from the name lookup to the answer's
    /// headers.
    pub timeout: Duration,
    /// Requests under way at once, in all.
    pub parallel: usize,
    /// Requests under way at once to one host.
    pub per_host: usize,
    /// The time of the check, in Unix seconds: kept results older than
    /// their lifetime (see [`cache`]) are fetched again.
    pub now: i64,
    /// Fetch every address again, whatever the cache holds.
    pub refresh: bool,
}

impl Settings {
    /// [`PARALLEL`], [`PER_HOST`] and `timeout`, at `now`.
    pub fn new(timeout: Duration, now: i64) -> Self {
        Self {
            timeout,
            parallel: PARALLEL,
            per_host: PER_HOST,
            now,
            refresh: false,
        }
    }
}

/// What fetching an address found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Outcome {
    /// A page is there (2xx, after any temporary redirects).
    Fine,
    /// A permanent redirect (301, 308) to `to`.
    Moved {
        /// 301 or 308.
        status: u16,
        /// The new address, made absolute.
        to: String,
    },
    /// 404 or 410: the page is not there.
    Gone {
        /// 404 or 410.
        status: u16,
    },
    /// No host has the address's name.
    NoHost,
    /// The host refused the connection.
    Refused,
    /// No answer within the timeout, twice.
    TimedOut {
        /// The timeout, in seconds.
        seconds: u64,
    },
    /// The server is failing or busy (5xx, 429): it may be back later.
    Unavailable {
        /// The status.
        status: u16,
    },
    /// Another answer that is not a page (401, 403, …): often a site
    /// refusing programs, which a reader's browser may still be shown.
    Declined {
        /// The status.
        status: u16,
    },
    /// The request failed otherwise (TLS, a malformed answer or address).
    Failed {
        /// What went wrong, in a few words.
        why: String,
    },
}

impl Outcome {
    /// Whether the same request may well find something else soon: such a
    /// result is kept for a day, not a week.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::NoHost
                | Self::Refused
                | Self::TimedOut { .. }
                | Self::Unavailable { .. }
                | Self::Failed { .. }
        )
    }

    /// Whether a server answered the request (with any status).
    pub fn answered(&self) -> bool {
        !matches!(
            self,
            Self::NoHost | Self::Refused | Self::TimedOut { .. } | Self::Failed { .. }
        )
    }

    /// The finding for a link to `url` with this outcome, without its
    /// place; `None` when there is nothing to say.
    pub fn finding(&self, url: &str, file: &Path) -> Option<Diagnostic> {
        let refresh = "check it again later with `salve check --external --external-refresh`, or open it in a browser";
        let (code, severity, message, hint) = match self {
            Self::Fine => return None,
            Self::Moved { status, to } => (
                "moved-link",
                Severity::Warning,
                format!("{url} has moved for good ({status}) to {to}"),
                format!("link to {to} instead"),
            ),
            Self::Gone { status } => (
                "dead-link",
                Severity::Error,
                match status {
                    410 => format!("{url} is gone (410): the site removed the page for good"),
                    _ => format!("{url} is not found ({status})"),
                },
                "find where the page went and link there, or cite another source".to_owned(),
            ),
            Self::NoHost => (
                "dead-link",
                Severity::Error,
                format!("the host of {url} does not exist"),
                "check the address for a typing mistake; if it is right, the site has closed: cite another source".to_owned(),
            ),
            Self::Refused => (
                "dead-link",
                Severity::Error,
                format!("the host of {url} refused the connection"),
                format!("nothing answers at that address; {refresh}"),
            ),
            Self::TimedOut { seconds } => (
                "dead-link",
                Severity::Error,
                format!(
                    "{url} did not answer within {seconds} second{}, twice",
                    if *seconds == 1 { "" } else { "s" }
                ),
                format!("the site may be down or slow; {refresh}, or allow longer with --external-timeout"),
            ),
            Self::Unavailable { status } => (
                "unavailable-link",
                Severity::Warning,
                match status {
                    429 => format!("{url} answered 429: the site asks for fewer requests"),
                    _ => format!("{url} answered {status}: the site's server is failing"),
                },
                format!("it may be back soon; {refresh}"),
            ),
            Self::Declined { status } => (
                "unavailable-link",
                Severity::Warning,
                format!("{url} answered {status} instead of the page"),
                "some sites refuse programs: open it in a browser, and if the page is there, nothing is wrong".to_owned(),
            ),
            Self::Failed { why } => (
                "unavailable-link",
                Severity::Warning,
                format!("{url} could not be fetched: {why}"),
                format!("open it in a browser to see whether readers can; {refresh}"),
            ),
        };
        let d = match severity {
            Severity::Error => Diagnostic::error(code, file, message),
            Severity::Warning => Diagnostic::warning(code, file, message),
        };
        Some(d.hint(hint))
    }
}

/// Fetches each address of `urls` once (or takes its kept result), and
/// returns a finding at every place that links to one that is dead, moved
/// or unavailable. The results are kept in the build cache of `output`, the
/// output folder of the site at `root`; when that cannot be done, a warning
/// says why.
pub fn check(
    root: &Path,
    output: &Path,
    urls: &[ExternalUrl],
    settings: &Settings,
) -> Vec<Diagnostic> {
    let mut kept = if settings.refresh {
        HashMap::new()
    } else {
        crate::write::read_external(output)
            .map(|text| cache::parse(&text, settings.now))
            .unwrap_or_default()
    };
    let mut wanted: Vec<&str> = urls.iter().map(|u| u.url.as_str()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let to_fetch: Vec<&str> = wanted
        .into_iter()
        .filter(|u| !kept.contains_key(*u))
        .collect();
    let mut out = Vec::new();
    if !to_fetch.is_empty() {
        let agent = fetch::agent(settings.timeout);
        let found = pool::run(&to_fetch, settings, |url| {
            fetch::check(&agent, url, settings.timeout)
        });
        // When no server answered at all, this machine is more likely
        // offline than every site dead: nothing is kept, so the next check
        // asks again rather than repeat it for a day.
        let offline = !found.iter().any(Outcome::answered);
        for (url, outcome) in to_fetch.iter().zip(found) {
            kept.insert(
                (*url).to_owned(),
                cache::Entry {
                    checked: settings.now,
                    outcome,
                },
            );
        }
        if !offline {
            if let Err(err) = crate::write::keep_external(root, output, &cache::text(&kept)) {
                out.push(not_kept(output, &err));
            }
        }
    }
    out.extend(findings(urls, &kept));
    out
}

/// A finding at each place of `urls` whose address's outcome in `kept` is
/// one; past the first hundred of a kind in one file (see [`Cap`]), only
/// their number.
fn findings(urls: &[ExternalUrl], kept: &HashMap<String, cache::Entry>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut by_file: BTreeMap<&Path, Vec<&ExternalUrl>> = BTreeMap::new();
    for u in urls {
        by_file.entry(u.file.as_path()).or_default().push(u);
    }
    for (file, places) in by_file {
        let mut cap = Cap::new();
        for u in places {
            let Some(d) = kept
                .get(&u.url)
                .and_then(|e| e.outcome.finding(&u.url, file))
            else {
                continue;
            };
            if cap.admit(d.code, d.severity, Some(u.pos), u.line.len()) {
                out.push(d.at_line(u.pos, &u.line));
            }
        }
        cap.finish(file, &mut out);
    }
    out
}

/// The warning that the results could not be kept in `output`, at the
/// file they would be kept in (named from the output folder's name, as
/// `public/.salve-cache/external`).
fn not_kept(output: &Path, err: &crate::write::WriteError) -> Diagnostic {
    let file = output
        .file_name()
        .map_or_else(
            || output.to_path_buf(),
            |name| Path::new(name).to_path_buf(),
        )
        .join(crate::write::EXTERNAL);
    Diagnostic::warning(
        "external-cache",
        file,
        format!("the results were not kept for the next check: {err}"),
    )
    .hint("the next `salve check --external` fetches every address again; `salve build` into this folder lets it keep them")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dead_is_an_error_moved_and_unavailable_are_warnings() {
        let file = Path::new("articles/a.md");
        let url = "https://e.org/a";
        let severity = |o: Outcome| o.finding(url, file).map(|d| (d.code, d.severity));
        assert_eq!(severity(Outcome::Fine), None);
        for dead in [
            Outcome::Gone { status: 404 },
            Outcome::Gone { status: 410 },
            Outcome::NoHost,
            Outcome::Refused,
            Outcome::TimedOut { seconds: 1 },
        ] {
            assert_eq!(severity(dead), Some(("dead-link", Severity::Error)));
        }
        assert_eq!(
            severity(Outcome::Moved {
                status: 301,
                to: "https://e.org/b".into()
            }),
            Some(("moved-link", Severity::Warning))
        );
        for unavailable in [
            Outcome::Unavailable { status: 503 },
            Outcome::Unavailable { status: 429 },
            Outcome::Declined { status: 403 },
            Outcome::Failed { why: "tls".into() },
        ] {
            assert_eq!(
                severity(unavailable),
                Some(("unavailable-link", Severity::Warning))
            );
        }
    }
}
