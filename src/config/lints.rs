//! `[lints]` of site.toml: a level for any lint, by its code, and the
//! checks of both.

use crate::diagnostic::{Diagnostic, Position};
use crate::frontmatter::closest;
use crate::lint::levels::{ERRORS, LEVEL_NAMES, Level, Levels, lint_codes};
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// `[lints]` as written: a level by lint code, each with its place.
pub type LintsConfig = BTreeMap<Spanned<String>, Spanned<String>>;

/// Where a writer finds every lint.
const LINTS_REFERENCE: &str = "Every lint is listed in README.md's table of codes.";

/// The levels `[lints]` sets, pushing an error into `out` for each code
/// that is no lint and each level that is none of allow, warn and deny.
pub(super) fn check_lints(
    lints: &LintsConfig,
    text: &str,
    path: &Path,
    out: &mut Vec<Diagnostic>,
) -> Levels {
    let mut levels = Levels::default();
    for (code, level) in lints {
        let at = |span: std::ops::Range<usize>| Position::of_offset(text, span.start);
        let Some(parsed) = Level::parse(level.get_ref()) else {
            let hint = match closest(level.get_ref(), LEVEL_NAMES) {
                Some(best) => {
                    format!("did you mean `{best}`? A lint is \"allow\", \"warn\" or \"deny\".")
                }
                None => "write \"allow\", \"warn\" or \"deny\".".to_owned(),
            };
            out.push(
                Diagnostic::error(
                    "config",
                    path,
                    format!("`{}` is not a lint level", level.get_ref()),
                )
                .at(at(level.span()), text)
                .hint(hint),
            );
            continue;
        };
        if levels.set(code.get_ref(), parsed) {
            continue;
        }
        let code_text = code.get_ref();
        let (message, hint) = if ERRORS.contains(&code_text.as_str()) {
            (
                format!("`{code_text}` is always an error, not a lint"),
                format!("remove it from [lints]: only warnings have levels. {LINTS_REFERENCE}"),
            )
        } else {
            let hint = match closest(code_text, &lint_codes()) {
                Some(best) => format!("did you mean `{best}`? {LINTS_REFERENCE}"),
                None => format!(
                    "[lints] takes the code of a warning, such as `missing-alt`. {LINTS_REFERENCE}"
                ),
            };
            (format!("`{code_text}` is not a lint"), hint)
        };
        out.push(
            Diagnostic::error("config", path, message)
                .at(at(code.span()), text)
                .hint(hint),
        );
    }
    levels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> (Levels, Vec<Diagnostic>) {
        #[derive(serde::Deserialize)]
        struct Doc {
            lints: LintsConfig,
        }
        let doc: Doc = toml::from_str(text).unwrap();
        let mut out = Vec::new();
        let levels = check_lints(&doc.lints, text, Path::new("site.toml"), &mut out);
        (levels, out)
    }

    #[test]
    fn known_codes_and_levels_are_set() {
        let (levels, out) = check("[lints]\nheading-skip = \"deny\"\nmissing-credit = \"allow\"\n");
        assert!(out.is_empty(), "{out:?}");
        assert_eq!(levels.level("heading-skip"), Level::Deny);
        assert_eq!(levels.level("missing-credit"), Level::Allow);
        assert_eq!(levels.level("reading-level"), Level::Warn);
    }

    #[test]
    fn an_unknown_code_or_level_is_an_error_at_its_line_with_the_nearest() {
        let (_, out) = check(
            "[lints]\nheading-skips = \"deny\"\nunreviewed = \"denny\"\nbroken-link = \"allow\"\nzzz = \"warn\"\n",
        );
        let found: Vec<_> = out
            .iter()
            .map(|d| {
                (
                    d.line,
                    d.column,
                    d.message.as_str(),
                    d.hint.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    Some(4),
                    Some(1),
                    "`broken-link` is always an error, not a lint",
                    "remove it from [lints]: only warnings have levels. Every lint is listed in README.md's table of codes."
                ),
                (
                    Some(2),
                    Some(1),
                    "`heading-skips` is not a lint",
                    "did you mean `heading-skip`? Every lint is listed in README.md's table of codes."
                ),
                (
                    Some(3),
                    Some(14),
                    "`denny` is not a lint level",
                    "did you mean `deny`? A lint is \"allow\", \"warn\" or \"deny\"."
                ),
                (
                    Some(5),
                    Some(1),
                    "`zzz` is not a lint",
                    "[lints] takes the code of a warning, such as `missing-alt`. Every lint is listed in README.md's table of codes."
                ),
            ]
        );
    }
}
