//! The kept results of `check --external`: for each address, when it was
//! fetched and what that found. A result is used for [`LIFETIME`] seconds,
//! one that may change soon (a timeout, a failing server) for
//! [`TRANSIENT_LIFETIME`].

use super::Outcome;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Seconds a result is used for: a week.
pub const LIFETIME: i64 = 7 * 24 * 60 * 60;
/// Seconds a result that may change soon ([`Outcome::is_transient`]) is
/// used for: a day.
pub const TRANSIENT_LIFETIME: i64 = 24 * 60 * 60;
/// The first line: the format.
const FORMAT: &str = "salve-external 1";

/// One address's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When it was fetched, in Unix seconds.
    pub checked: i64,
    /// What that found.
    pub outcome: Outcome,
}

impl Entry {
    /// Whether the result still stands at `now`; one from the future (a
    /// clock set back) does not.
    pub fn is_fresh(&self, now: i64) -> bool {
        let life = if self.outcome.is_transient() {
            TRANSIENT_LIFETIME
        } else {
            LIFETIME
        };
        (0..life).contains(&(now - self.checked))
    }
}

/// A line of the file.
#[derive(Serialize, Deserialize)]
struct Line {
    url: String,
    checked: i64,
    outcome: Outcome,
}

/// The results of `text` that still stand at `now`, by address. A file in
/// another format counts as nothing kept, and so does a line that cannot
/// be read.
pub fn parse(text: &str, now: i64) -> HashMap<String, Entry> {
    let mut lines = text.lines();
    if lines.next() != Some(FORMAT) {
        return HashMap::new();
    }
    lines
        .filter_map(|l| serde_json::from_str::<Line>(l).ok())
        .map(|l| {
            let entry = Entry {
                checked: l.checked,
                outcome: l.outcome,
            };
            (l.url, entry)
        })
        .filter(|(_, e)| e.is_fresh(now))
        .collect()
}

/// The text of `entries`, one JSON object a line under the format line,
/// by address.
pub fn text(entries: &HashMap<String, Entry>) -> String {
    let sorted: BTreeMap<&String, &Entry> = entries.iter().collect();
    let mut text = format!("{FORMAT}\n");
    for (url, entry) in sorted {
        let line = Line {
            url: url.clone(),
            checked: entry.checked,
            outcome: entry.outcome.clone(),
        };
        if let Ok(json) = serde_json::to_string(&line) {
            text.push_str(&json);
            text.push('\n');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_824_000;
    const DAY: i64 = 24 * 60 * 60;

    fn kept(outcome: Outcome, checked: i64) -> HashMap<String, Entry> {
        HashMap::from([("https://e.org/a".to_owned(), Entry { checked, outcome })])
    }

    #[test]
    fn results_are_read_back_as_written() {
        let entries: HashMap<String, Entry> = [
            Outcome::Fine,
            Outcome::Moved {
                status: 301,
                to: "https://e.org/new".into(),
            },
            Outcome::Gone { status: 410 },
            Outcome::TimedOut { seconds: 3 },
            Outcome::Failed {
                why: "a \"quoted\"\nline".into(),
            },
        ]
        .into_iter()
        .enumerate()
        .map(|(i, outcome)| {
            let entry = Entry {
                checked: NOW,
                outcome,
            };
            (format!("https://e.org/{i}"), entry)
        })
        .collect();
        let written = text(&entries);
        assert_eq!(written.lines().count(), 1 + entries.len());
        assert_eq!(parse(&written, NOW), entries);
    }

    #[test]
    fn a_result_stands_for_a_week_and_a_passing_failure_for_a_day() {
        let fine = text(&kept(Outcome::Fine, NOW));
        assert_eq!(parse(&fine, NOW + 7 * DAY - 1).len(), 1);
        assert_eq!(parse(&fine, NOW + 7 * DAY).len(), 0);
        let timeout = text(&kept(Outcome::TimedOut { seconds: 1 }, NOW));
        assert_eq!(parse(&timeout, NOW + DAY - 1).len(), 1);
        assert_eq!(parse(&timeout, NOW + DAY).len(), 0);
        // Fetched "after" now: the clock was set back; it is fetched again.
        assert_eq!(parse(&fine, NOW - 1).len(), 0);
    }

    #[test]
    fn another_format_or_a_broken_line_is_nothing_kept() {
        let fine = text(&kept(Outcome::Fine, NOW));
        assert!(parse(&fine.replacen(FORMAT, "salve-external 0", 1), NOW).is_empty());
        let broken = format!("{fine}{{\"url\": 1}}\nnot json\n");
        assert_eq!(parse(&broken, NOW).len(), 1);
    }
}
