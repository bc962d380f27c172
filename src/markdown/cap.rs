//! How many problems of one file are listed in full.
//!
//! A body of 30,000 images with no file behind them has 30,000 problems of
//! one kind, each quoting a line that may be hundreds of kilobytes long.
//! Listing them all would hold gigabytes and print more than anyone reads.
//! A [`Cap`] lets the first [`MAX_PER_KIND`] of each kind through, quoting
//! at most [`MAX_QUOTED`] bytes of lines in all, and then counts the rest
//! into one closing problem per kind that says how many more there are and
//! where the first of them is.

use crate::diagnostic::{Diagnostic, Position, Severity};
use std::path::Path;

/// Problems of one kind listed per file before the rest are only counted.
pub const MAX_PER_KIND: usize = 100;

/// Bytes of source lines the listed problems of one file may quote; the
/// first problem of each kind is listed whatever its line's length.
pub const MAX_QUOTED: usize = 1 << 20;

/// One kind of problem seen in a file.
#[derive(Debug)]
struct Kind {
    code: &'static str,
    severity: Severity,
    listed: usize,
    /// Problems counted but not listed, and where the first of them is.
    unlisted: usize,
    first_unlisted: Option<Position>,
}

/// The problems of one file let through so far, by kind.
#[derive(Debug, Default)]
pub struct Cap {
    kinds: Vec<Kind>,
    quoted: usize,
}

impl Cap {
    /// A cap with nothing let through yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether a problem of kind `code` at `pos`, quoting a line of `quoted`
    /// bytes, is listed. When not, it is counted; call this before building
    /// the diagnostic, so an unlisted one costs nothing.
    pub fn admit(
        &mut self,
        code: &'static str,
        severity: Severity,
        pos: Option<Position>,
        quoted: usize,
    ) -> bool {
        let i = match self.kinds.iter().position(|k| k.code == code) {
            Some(i) => i,
            None => {
                // A handful of kinds at most: a list is quicker than a map.
                self.kinds.push(Kind {
                    code,
                    severity,
                    listed: 0,
                    unlisted: 0,
                    first_unlisted: None,
                });
                self.kinds.len() - 1
            }
        };
        let kind = &mut self.kinds[i];
        let room = kind.listed == 0
            || (kind.listed < MAX_PER_KIND && self.quoted.saturating_add(quoted) <= MAX_QUOTED);
        if room {
            kind.listed += 1;
            self.quoted = self.quoted.saturating_add(quoted);
        } else {
            kind.unlisted += 1;
            if kind.first_unlisted.is_none() {
                kind.first_unlisted = pos;
            }
        }
        room
    }

    /// Pushes into `out` one problem per kind that had some left unlisted,
    /// saying how many, placed at the first of them.
    pub fn finish(self, path: &Path, out: &mut Vec<Diagnostic>) {
        for kind in self.kinds.into_iter().filter(|k| k.unlisted > 0) {
            let more = format!(
                "{} more problems like this in this file are not listed",
                kind.unlisted
            );
            let message = match kind.first_unlisted {
                Some(_) => format!("{more}; the first of them is here"),
                None => more,
            };
            let d = match kind.severity {
                Severity::Error => Diagnostic::error(kind.code, path, message),
                Severity::Warning => Diagnostic::warning(kind.code, path, message),
            };
            // Placed without its line: the count is the news, not the text.
            let mut d = d.hint(format!(
                "fix the {} listed and build again to see the rest",
                kind.listed
            ));
            if let Some(pos) = kind.first_unlisted {
                d.line = Some(pos.line);
                d.column = Some(pos.column);
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(column: usize) -> Option<Position> {
        Some(Position { line: 1, column })
    }

    #[test]
    fn lists_a_hundred_of_a_kind_then_counts_the_rest_from_the_first_unlisted() {
        let mut cap = Cap::new();
        let listed = (1..=250)
            .filter(|&i| cap.admit("missing-file", Severity::Error, at(i), 10))
            .count();
        assert_eq!(listed, MAX_PER_KIND);
        // Another kind has its own count.
        assert!(cap.admit("missing-alt", Severity::Warning, at(1), 10));
        let mut out = Vec::new();
        cap.finish(Path::new("articles/a.md"), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].to_string(),
            "error[missing-file]: 150 more problems like this in this file are not listed; the first of them is here\n \
             --> articles/a.md:1:101\n  \
             = help: fix the 100 listed and build again to see the rest\n"
        );
    }

    #[test]
    fn long_lines_are_quoted_up_to_a_budget_but_each_kind_gets_one() {
        let mut cap = Cap::new();
        let line = MAX_QUOTED / 3;
        let listed = (1..=10)
            .filter(|&i| cap.admit("missing-file", Severity::Error, at(i), line))
            .count();
        assert_eq!(listed, 3);
        assert!(cap.admit("missing-alt", Severity::Warning, at(1), MAX_QUOTED));
        assert!(!cap.admit("missing-alt", Severity::Warning, at(2), 1));
    }
}
