//! Splitting a Markdown file into its `+++` TOML front matter and its body,
//! and reading the front matter into typed data with exact error positions.
//!
//! Positions are byte offsets into the whole file, so a TOML error on the third
//! line of the front matter is reported on line 4 of the `.md` file.

use crate::diagnostic::{Diagnostic, Position};
use serde::de::DeserializeOwned;
use std::path::Path;

const FENCE: &str = "+++";

/// A file cut into its two parts. Offsets are into the whole file text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the fences.
    pub toml: &'a str,
    /// Byte offset of `toml` in the file.
    pub toml_start: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_start: usize,
}

/// Finds the front matter fences. The opening `+++` must be the first line.
#[allow(
    clippy::result_large_err,
    reason = "errors are rare and end the file's processing"
)]
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != FENCE {
        let message = if text.trim().is_empty() {
            "the file is empty"
        } else {
            "the file does not start with `+++` front matter"
        };
        return Err(Diagnostic::error("front-matter-missing", path, message)
            .at(Position { line: 1, column: 1 }, text)
            .hint("start the file with a line `+++`, the TOML fields (title, date, author), and another line `+++`"));
    }
    let toml_start = first_line_end;
    let mut offset = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end() == FENCE {
            return Ok(Split {
                toml: &text[toml_start..offset],
                toml_start,
                body: &text[offset + line.len()..],
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        "front-matter-unclosed",
        path,
        "the front matter is never closed",
    )
    .at(Position { line: 1, column: 1 }, text)
    .hint("add a line `+++` after the last front matter field, before the article text"))
}

/// Reads the front matter into `T`, reporting a TOML or type error at its place
/// in the file. `fields` lists the valid keys, to suggest one for a misspelling.
#[allow(
    clippy::result_large_err,
    reason = "errors are rare and end the file's processing"
)]
pub fn parse<T: DeserializeOwned>(
    split: &Split<'_>,
    text: &str,
    path: &Path,
    fields: &[&str],
) -> Result<T, Diagnostic> {
    toml::from_str(split.toml).map_err(|err| {
        let offset = split.toml_start + err.span().map_or(0, |s| s.start);
        toml_diagnostic(&err, path, text, offset, fields)
    })
}

/// Turns a TOML error into a diagnostic at `offset` of `text`.
pub fn toml_diagnostic(
    err: &toml::de::Error,
    path: &Path,
    text: &str,
    offset: usize,
    fields: &[&str],
) -> Diagnostic {
    let message = err.message().trim().to_owned();
    if let Some(d) = written_date(&message, path, text, offset) {
        return d;
    }
    let hint = unknown_field(&message)
        .and_then(|field| closest(field, fields))
        .map(|best| format!("did you mean `{best}`?"))
        .unwrap_or_else(|| {
            if message.contains("expected a TOML datetime") {
                "write dates without quotes, e.g. date = 2024-03-02".to_owned()
            } else if message.starts_with("missing field") {
                "add the field; see the front matter reference in README.md".to_owned()
            } else {
                "fix the value at this place; see the front matter reference in README.md"
                    .to_owned()
            }
        });
    Diagnostic::error("front-matter", path, message)
        .at(Position::of_offset(text, offset), text)
        .hint(hint)
}

/// A date written as people write them outside TOML (`date = 11/20/2026`),
/// quoted or not, answered with the form TOML reads; `None` for any other
/// error. Unquoted, TOML takes it for a bare string and would say "string
/// values must be quoted", which sends the writer the wrong way.
fn written_date(message: &str, path: &Path, text: &str, offset: usize) -> Option<Diagnostic> {
    let quoted = message.contains("expected a TOML datetime");
    if !quoted && !message.starts_with("string values must be quoted") {
        return None;
    }
    let rest = text.get(offset..)?;
    let token = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '#'))
        .next()?;
    let written = token.trim_matches(['"', '\'']);
    let readings = crate::date::readings(written);
    let (first, order) = *readings.first()?;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let key = text[line_start..offset]
        .split('=')
        .next()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .unwrap_or("date");
    let message = format!(
        "`{written}` is a date written {}; TOML writes dates year-month-day",
        order.words()
    );
    let hint = match readings.get(1) {
        Some((second, _)) => format!(
            "write {key} = {first} for {}, or {key} = {second} for {}, without quotes",
            first.human(),
            second.human()
        ),
        None => format!("write {key} = {first}, without quotes"),
    };
    Some(
        Diagnostic::error("front-matter", path, message)
            .at(Position::of_offset(text, offset), text)
            .hint(hint),
    )
}

/// The key named by serde's "unknown field `x`, expected ..." message.
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

/// The valid key nearest to a misspelt one, if any is near enough to be a typo.
pub fn closest<'f>(word: &str, candidates: &[&'f str]) -> Option<&'f str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields exist to be deserialized")]
    struct Fm {
        title: String,
        related_searches: Option<Vec<String>>,
    }

    fn err_of(text: &str) -> Diagnostic {
        let path = Path::new("a.md");
        let s = split(text, path).unwrap();
        parse::<Fm>(&s, text, path, &["title", "related_searches"]).unwrap_err()
    }

    #[test]
    fn splits_fences_and_keeps_offsets() {
        let text = "+++\ntitle = \"x\"\n+++\nBody\n";
        let s = split(text, Path::new("a.md")).unwrap();
        assert_eq!(s.toml, "title = \"x\"\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(&text[s.body_start..], "Body\n");
        let crlf = "+++\r\ntitle = \"x\"\r\n+++\r\nBody";
        assert_eq!(split(crlf, Path::new("a.md")).unwrap().body, "Body");
    }

    #[test]
    fn missing_unclosed_and_empty_front_matter_are_errors_on_line_one() {
        for (text, code) in [
            ("# Title\n", "front-matter-missing"),
            ("", "front-matter-missing"),
            ("+++\ntitle = \"x\"\n", "front-matter-unclosed"),
        ] {
            let d = split(text, Path::new("a.md")).unwrap_err();
            assert_eq!(
                (d.code, d.line, d.column),
                (code, Some(1), Some(1)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn toml_syntax_error_points_into_the_markdown_file() {
        let d = err_of("+++\ntitle = \"x\"\nbad line\n+++\n");
        // The parser stops where it expected `=`.
        assert_eq!((d.line, d.column), (Some(3), Some(5)));
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let d = err_of("+++\n\ntitle = 3\n+++\n");
        assert_eq!((d.line, d.column), (Some(3), Some(9)));
        assert!(d.message.contains("invalid type"), "{}", d.message);
    }

    #[test]
    fn unknown_key_suggests_the_closest_valid_key() {
        let d = err_of("+++\ntitle = \"x\"\nrelated_search = []\n+++\n");
        assert_eq!((d.line, d.column), (Some(3), Some(1)));
        assert_eq!(d.hint.as_deref(), Some("did you mean `related_searches`?"));
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code, reason = "fields exist to be deserialized")]
    struct Dated {
        date: crate::date::Date,
        reviewed: Option<crate::date::Date>,
    }

    fn date_err(text: &str) -> Diagnostic {
        let path = Path::new("a.md");
        let s = split(text, path).unwrap();
        parse::<Dated>(&s, text, path, &["date", "reviewed"]).unwrap_err()
    }

    #[test]
    fn a_date_written_with_slashes_is_answered_with_the_toml_form() {
        let d = date_err("+++\ndate = 11/20/2026\n+++\n");
        assert_eq!((d.line, d.column), (Some(2), Some(8)));
        assert_eq!(
            d.message,
            "`11/20/2026` is a date written month/day/year; TOML writes dates year-month-day"
        );
        assert_eq!(
            d.hint.as_deref(),
            Some("write date = 2026-11-20, without quotes")
        );
        let d = date_err("+++\ndate = 2026-01-01\nreviewed = \"3/4/2026\"\n+++\n");
        assert_eq!(d.line, Some(3));
        assert_eq!(
            d.hint.as_deref(),
            Some(
                "write reviewed = 2026-03-04 for 4 March 2026, or reviewed = 2026-04-03 for 3 April 2026, without quotes"
            )
        );
        // Any other bare word is still a quoting problem.
        let d = date_err("+++\ndate = yesterday\n+++\n");
        assert!(
            d.message.starts_with("string values must be quoted"),
            "{}",
            d.message
        );
    }

    #[test]
    fn missing_required_field_is_reported() {
        let d = err_of("+++\n+++\n");
        assert_eq!(d.message, "missing field `title`");
    }
}
