//! Lint levels: which findings are lints, how loud each is by default, and
//! what site.toml's `[lints]` table makes of them.
//!
//! A lint is a finding salve reports as a warning. `[lints]` sets any of
//! them to `"allow"` (not reported), `"warn"` (reported; the build goes on)
//! or `"deny"` (reported as an error, so `build` and `check` fail). Errors
//! stay errors whatever the table says: they are things a build cannot
//! make a page of.

use crate::diagnostic::{Diagnostic, Severity};
use std::collections::BTreeMap;

/// How a lint is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Not reported at all.
    Allow,
    /// Reported as a warning: the build goes on.
    Warn,
    /// Reported as an error: `build` and `check` fail.
    Deny,
}

/// The words `[lints]` accepts, in [`Level`] order.
pub const LEVEL_NAMES: &[&str] = &["allow", "warn", "deny"];

impl Level {
    /// The level named `word` in site.toml.
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }

    /// The word site.toml uses for it.
    pub fn name(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

/// Every lint, with its level when site.toml does not set one. README.md's
/// table of codes lists the same, with the same levels (a test holds them
/// together).
pub const LINTS: &[(&str, Level)] = &[
    ("missing-alt", Level::Warn),
    ("cause-without-section", Level::Warn),
    ("review-overdue", Level::Warn),
    ("reading-level", Level::Warn),
    ("no-reading-formula", Level::Warn),
    ("unused-overview", Level::Warn),
    ("url-removed", Level::Warn),
    ("no-share-image", Level::Warn),
    ("share-image-text", Level::Warn),
    ("raw-html", Level::Warn),
    ("unsafe-link", Level::Warn),
    ("empty-tag", Level::Warn),
    ("heading-skip", Level::Warn),
    ("missing-description", Level::Warn),
    ("missing-photo", Level::Warn),
    ("missing-credit", Level::Warn),
    ("unreviewed", Level::Warn),
    ("missing-references", Level::Warn),
    ("large-file", Level::Warn),
    ("moved-link", Level::Warn),
    ("unavailable-link", Level::Warn),
    ("no-strings", Level::Warn),
    ("untranslated-link", Level::Warn),
];

/// Codes of findings that are always errors, for a clearer message when
/// `[lints]` names one. (`missing-photo` is both: a photo file that does
/// not exist is an error, an article without a photo a lint.)
pub const ERRORS: &[&str] = &[
    "unknown-author",
    "missing-photo",
    "broken-link",
    "broken-anchor",
    "bad-file-name",
    "duplicate-url",
    "bad-alias",
    "missing-file",
    "bad-photo",
    "bad-link",
    "unsafe-url",
    "empty-cause",
    "empty-treatment",
    "bad-image",
    "menu-url",
    "bad-doi",
    "bad-pmid",
    "dead-link",
    "front-matter",
    "config",
    "template",
    "missing-string",
    "unknown-string",
    "strings",
    "strings-file",
    "unknown-language",
];

/// The lint codes alone, for "did you mean" hints.
pub fn lint_codes() -> Vec<&'static str> {
    LINTS.iter().map(|(code, _)| *code).collect()
}

/// The level of each lint site.toml sets; the others keep their default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels {
    set: BTreeMap<&'static str, Level>,
}

impl Levels {
    /// Sets `code`'s level; `false` (and nothing set) when `code` is not a
    /// lint.
    pub fn set(&mut self, code: &str, level: Level) -> bool {
        match LINTS.iter().find(|(c, _)| *c == code) {
            Some((c, _)) => {
                self.set.insert(c, level);
                true
            }
            None => false,
        }
    }

    /// How findings with `code` are reported. A code that is no lint is
    /// warned about, as it always was.
    pub fn level(&self, code: &str) -> Level {
        self.set.get(code).copied().unwrap_or_else(|| {
            LINTS
                .iter()
                .find(|(c, _)| *c == code)
                .map_or(Level::Warn, |(_, level)| *level)
        })
    }

    /// Whether site.toml denies any lint.
    pub fn any_denied(&self) -> bool {
        self.set.values().any(|l| *l == Level::Deny)
    }

    /// `found` as the levels say: allowed lints dropped, denied ones made
    /// errors (their hint says why), errors untouched.
    pub fn apply(&self, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
        found
            .into_iter()
            .filter_map(|d| {
                if d.severity == Severity::Error {
                    return Some(d);
                }
                match self.level(d.code) {
                    Level::Allow => None,
                    Level::Warn => Some(d),
                    Level::Deny => Some(denied(d)),
                }
            })
            .collect()
    }
}

/// A warning made an error by `deny`, saying so after its own hint.
fn denied(mut d: Diagnostic) -> Diagnostic {
    d.severity = Severity::Error;
    let why = format!(
        "an error because site.toml's [lints] sets `{} = \"deny\"`",
        d.code
    );
    d.hint = Some(match d.hint.take() {
        Some(hint) => format!("{hint} ({why})"),
        None => why,
    });
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found() -> Vec<Diagnostic> {
        vec![
            Diagnostic::warning("heading-skip", "a.md", "skip").hint("make it `##`"),
            Diagnostic::warning("missing-credit", "a.md", "no credit"),
            Diagnostic::warning("reading-level", "a.md", "hard"),
            Diagnostic::error("broken-link", "a.md", "broken"),
        ]
    }

    #[test]
    fn allow_hides_deny_makes_an_error_and_errors_stay() {
        let mut levels = Levels::default();
        assert!(levels.set("heading-skip", Level::Deny));
        assert!(levels.set("missing-credit", Level::Allow));
        assert!(!levels.set("broken-link", Level::Allow));
        assert!(!levels.set("no-such-lint", Level::Deny));
        let out = levels.apply(found());
        let seen: Vec<_> = out.iter().map(|d| (d.code, d.severity)).collect();
        assert_eq!(
            seen,
            [
                ("heading-skip", Severity::Error),
                ("reading-level", Severity::Warning),
                ("broken-link", Severity::Error),
            ]
        );
        assert_eq!(
            out[0].hint.as_deref(),
            Some(
                "make it `##` (an error because site.toml's [lints] sets `heading-skip = \"deny\"`)"
            )
        );
        // Applying twice changes nothing more.
        assert_eq!(levels.apply(out.clone()), out);
    }

    #[test]
    fn without_a_table_every_lint_warns() {
        let out = Levels::default().apply(found());
        assert_eq!(out, found());
        for (code, level) in LINTS {
            assert_eq!(Levels::default().level(code), *level);
        }
    }

    #[test]
    fn level_words_round_trip() {
        for word in LEVEL_NAMES {
            assert_eq!(Level::parse(word).map(Level::name), Some(*word));
        }
        assert_eq!(Level::parse("forbid"), None);
    }
}
