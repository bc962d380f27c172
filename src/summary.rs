//! The one-line summaries `build` and `serve` print, in the words a person
//! writes: "1 article", "2 drafts and 1 scheduled left out".

use crate::BuildReport;
use crate::link::LeftOut;

/// "Built 12 articles (2 drafts left out; --drafts to include them), 22
/// causes, 13 treatments (51 pages)": what a build made.
pub fn built(report: &BuildReport) -> String {
    let left = left_out(&report.left_out).map_or(String::new(), |l| format!(" ({l})"));
    format!(
        "Built {}{left}, {}, {} ({})",
        counted(report.articles, "article", "articles"),
        counted(report.causes, "cause", "causes"),
        counted(report.treatments, "treatment", "treatments"),
        counted(report.pages, "page", "pages"),
    )
}

/// `n` and the noun, singular for one: `counted(1, "article", "articles")`
/// is "1 article".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Joins phrases as a person lists them: "a", "a and b", "a, b and c".
fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What a build left out and how to include it, e.g. "2 drafts and 1
/// scheduled left out; --drafts to include them"; `None` when it left
/// nothing out.
pub fn left_out(left: &LeftOut) -> Option<String> {
    let mut waiting = Vec::new();
    if left.drafts > 0 {
        waiting.push(counted(left.drafts, "draft", "drafts"));
    }
    if left.scheduled > 0 {
        waiting.push(format!("{} scheduled", left.scheduled));
    }
    let mut parts = Vec::new();
    if !waiting.is_empty() {
        let them = if left.drafts + left.scheduled == 1 {
            "it"
        } else {
            "them"
        };
        parts.push(format!(
            "{} left out; --drafts to include {them}",
            listed(&waiting)
        ));
    }
    if left.expired > 0 {
        let whose = if left.expired == 1 { "its" } else { "their" };
        parts.push(format!("{} past {whose} expiry date", left.expired));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn left(drafts: usize, scheduled: usize, expired: usize) -> Option<String> {
        left_out(&LeftOut {
            drafts,
            scheduled,
            expired,
        })
    }

    #[test]
    fn counts_read_as_a_person_writes_them() {
        assert_eq!(counted(1, "article", "articles"), "1 article");
        assert_eq!(counted(0, "article", "articles"), "0 articles");
        assert_eq!(counted(12, "cause", "causes"), "12 causes");
    }

    #[test]
    fn what_was_left_out_says_how_to_include_it() {
        assert_eq!(left(0, 0, 0), None);
        assert_eq!(
            left(2, 1, 0).as_deref(),
            Some("2 drafts and 1 scheduled left out; --drafts to include them")
        );
        assert_eq!(
            left(1, 0, 0).as_deref(),
            Some("1 draft left out; --drafts to include it")
        );
        assert_eq!(
            left(0, 3, 1).as_deref(),
            Some("3 scheduled left out; --drafts to include them; 1 past its expiry date")
        );
        assert_eq!(left(0, 0, 2).as_deref(), Some("2 past their expiry date"));
    }
}
