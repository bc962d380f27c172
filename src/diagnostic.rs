//! Problems found in a site, with where they are and what to do about them.
//!
//! Every stage pushes [`Diagnostic`]s into one [`Diagnostics`] list instead of
//! returning at the first problem, so a writer sees every mistake in one run. A
//! stage that found errors stops the pipeline at its end, never half-way.

use crate::printable::printable;
use annotate_snippets::{AnnotationKind, Element, Group, Level, Origin, Renderer, Snippet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings are only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot go on; nothing is written.
    Error,
    /// The build goes on; the writer should still look.
    Warning,
}

/// One problem, located in a file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A short stable name for the kind of problem, e.g. `unknown-author`.
    pub code: &'static str,
    /// The file, relative to the site folder where it is inside it.
    pub path: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column (in characters), when the problem has a place in the file.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The text of the offending line, shown under the location.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error in `path` with no position yet.
    pub fn error(code: &'static str, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, path.into(), message.into())
    }

    /// A warning in `path` with no position yet.
    pub fn warning(
        code: &'static str,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, path.into(), message.into())
    }

    fn new(severity: Severity, code: &'static str, path: PathBuf, message: String) -> Self {
        Self {
            severity,
            code,
            path,
            line: None,
            column: None,
            message,
            hint: None,
            source_line: None,
        }
    }

    /// Places the problem at `pos` and keeps the text of that line for display.
    pub fn at(mut self, pos: Position, source: &str) -> Self {
        self.line = Some(pos.line);
        self.column = Some(pos.column);
        self.source_line = source.lines().nth(pos.line - 1).map(str::to_owned);
        self
    }

    /// Locates the problem at `pos`, whose line's text is `line` (when the
    /// whole source is no longer at hand).
    pub fn at_line(mut self, pos: Position, line: &str) -> Self {
        self.line = Some(pos.line);
        self.column = Some(pos.column);
        self.source_line = Some(line.to_owned());
        self
    }

    /// Adds what the writer should do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this problem stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Diagnostic {
    /// The problem drawn as rustc draws its errors: a header with the code,
    /// the `-->` location, the offending line with a `^` under the column, and
    /// the hint as a `help:` note. No trailing newline.
    pub fn render(&self, colour: Colour) -> String {
        colour.renderer().render(&[self.group()])
    }

    /// Every piece of text here may come from a writer's file, so each is
    /// made [`printable`] before it is drawn (the caret stays right: one
    /// character becomes one).
    fn group(&self) -> Group<'_> {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(printable(&self.message)).id(self.code);
        let path = printable(&display_path(&self.path)).into_owned();
        let place: Element<'_> = match (self.line, self.column, &self.source_line) {
            (Some(line), Some(column), Some(text)) => {
                let shown = printable(text);
                let span = char_span(&shown, column);
                Snippet::source(shown)
                    .line_start(line)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span))
                    .into()
            }
            (Some(line), Some(column), None) => {
                Origin::path(path).line(line).char_column(column).into()
            }
            (Some(line), None, _) => Origin::path(path).line(line).into(),
            _ => Origin::path(path).into(),
        };
        let group = title.element(place);
        match &self.hint {
            Some(hint) => group.element(Level::HELP.message(printable(hint))),
            None => group,
        }
    }
}

/// The bytes of the character at 1-based character `column` of `line`.
/// annotate-snippets takes byte spans while positions count characters; the
/// conversion keeps the caret right on a line with `é` or an emoji before the
/// problem. A column just past the end (a missing closing quote) becomes an
/// empty span there, which is still drawn as one `^`.
fn char_span(line: &str, column: usize) -> Range<usize> {
    match line.char_indices().nth(column.saturating_sub(1)) {
        Some((start, c)) => start..start + c.len_utf8(),
        None => line.len()..line.len(),
    }
}

/// Whether rendered diagnostics carry ANSI colour. The command decides, since
/// only it knows whether its stream is a terminal and what `NO_COLOR` says;
/// the library never looks, so a test can ask for either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Colour {
    /// Plain text: for pipes, files, CI logs and `NO_COLOR`.
    #[default]
    Off,
    /// ANSI colours, as rustc uses on a terminal.
    On,
}

impl Colour {
    fn renderer(self) -> Renderer {
        match self {
            Colour::Off => Renderer::plain(),
            Colour::On => Renderer::styled(),
        }
    }
}

/// Plain, as text written into a string or file should be.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.render(Colour::Off))
    }
}

/// Paths are shown with `/` on every platform so messages and tests agree.
fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text`. Offsets past the end point just
    /// after the last character; offsets inside a character round down.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Self { line, column }
    }
}

/// The problems of one run, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records every problem of another list.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Whether any problem stops the build.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// How many errors were found.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// How many warnings were found.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Every problem, errors first, then by file and place, so reports are
    /// stable whatever order the files were read in.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (a.severity, &a.path, a.line, a.column).cmp(&(b.severity, &b.path, b.line, b.column))
        });
        items
    }

    /// Every problem, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl Diagnostics {
    /// Every problem, sorted, each drawn by [`Diagnostic::render`] and
    /// followed by a blank line; empty when there is none.
    pub fn render(&self, colour: Colour) -> String {
        let renderer = colour.renderer();
        let mut out = String::new();
        for diagnostic in self.sorted() {
            out.push_str(&renderer.render(&[diagnostic.group()]));
            out.push_str("\n\n");
        }
        out
    }
}

/// Plain, as text written into a string or file should be.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Colour::Off))
    }
}

/// Drops the second and later copies of each problem.
pub fn distinct(out: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    out.retain(|d| seen.insert((d.code, d.path.clone(), d.line, d.column, d.message.clone())));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let text = "ab\ncé d\n";
        assert_eq!(
            Position::of_offset(text, 0),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::of_offset(text, 3),
            Position { line: 2, column: 1 }
        );
        // 'é' is two bytes but one column.
        assert_eq!(
            Position::of_offset(text, 6),
            Position { line: 2, column: 3 }
        );
        // Inside a multi-byte character rounds down to its start.
        assert_eq!(
            Position::of_offset(text, 5),
            Position { line: 2, column: 2 }
        );
        assert_eq!(
            Position::of_offset(text, 100),
            Position { line: 3, column: 1 }
        );
    }

    fn unknown_author() -> Diagnostic {
        let source = "title = 1\nauthor = \"nobody\"\n";
        Diagnostic::error("unknown-author", "articles/a.md", "no author `nobody`")
            .at(
                Position {
                    line: 2,
                    column: 10,
                },
                source,
            )
            .hint("add [authors.nobody] to site.toml")
    }

    #[test]
    fn error_shows_location_source_caret_and_hint() {
        insta::assert_snapshot!(unknown_author().render(Colour::Off));
    }

    #[test]
    fn warning_without_a_position_shows_header_path_and_help() {
        let d = Diagnostic::warning(
            "missing-description",
            "articles/knees/clicking.md",
            "the article has no description",
        )
        .hint("add description = \"…\" to the front matter; search engines show it");
        insta::assert_snapshot!(d.render(Colour::Off));
    }

    #[test]
    fn caret_counts_characters_not_bytes() {
        // Two-byte `é` and four-byte `🦵` come before the problem; the caret
        // must still sit under the `3`, and the column must count characters.
        let source = "+++\nrelated_searches = [\"café knee\", \"🦵 pain\", 3]\n+++\n";
        let offset = source.find('3').unwrap();
        let d = Diagnostic::error("front-matter", "articles/é.md", "expected a string")
            .at(Position::of_offset(source, offset), source);
        assert_eq!(d.column, Some(44));
        insta::assert_snapshot!(d.render(Colour::Off));
    }

    #[test]
    fn column_just_past_the_end_of_the_line_still_gets_a_caret() {
        let d = Diagnostic::error("front-matter", "a.md", "invalid basic string").at(
            Position {
                line: 1,
                column: 14,
            },
            "author = \"ana\n",
        );
        let shown = d.render(Colour::Off);
        assert!(shown.contains("--> a.md:1:14"), "{shown}");
        assert!(shown.contains("  |              ^"), "{shown}");
    }

    #[test]
    fn a_tab_before_the_column_keeps_column_and_caret_together() {
        let d = Diagnostic::error("x", "a.md", "x").at(Position { line: 1, column: 3 }, "\tab");
        let shown = d.render(Colour::Off);
        assert!(shown.contains("--> a.md:1:3"), "{shown}");
        // The tab is drawn as four spaces, so the caret moves with it.
        assert!(shown.contains("1 |     ab\n  |      ^"), "{shown}");
    }

    #[test]
    #[cfg_attr(
        windows,
        ignore = "annotate-snippets picks other colours for the Windows console"
    )]
    fn coloured_rendering_carries_ansi_escapes() {
        // ESC is shown as `␛` so the snapshot file stays readable text while
        // still proving where each colour starts and ends.
        let shown = unknown_author().render(Colour::On).replace('\x1b', "␛");
        assert!(shown.contains("␛["), "no colour in {shown}");
        insta::assert_snapshot!(shown);
    }

    #[test]
    fn plain_rendering_has_no_escapes() {
        assert!(!unknown_author().render(Colour::Off).contains('\x1b'));
    }

    #[test]
    fn front_matter_error_is_placed_in_the_markdown_file() {
        // A real diagnostic through the front matter reader: the bad date is
        // on the front matter's third line, which is line 4 of the file.
        let text = "+++\ntitle = \"Knees\"\ndescription = \"Why they click\"\ndate = \"2024-03-02\"\nauthor = \"ana\"\n+++\nBody\n";
        let path = Path::new("articles/knees.md");
        let split = crate::frontmatter::split(text, path).unwrap();
        let d = crate::frontmatter::parse::<crate::content::ArticleMeta>(
            &split,
            text,
            path,
            crate::content::ARTICLE_FIELDS,
        )
        .unwrap_err();
        assert_eq!(d.line, Some(4));
        insta::assert_snapshot!(d.render(Colour::Off));
    }

    #[test]
    fn diagnostics_are_separated_by_a_blank_line() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::warning("w", "b.md", "second"));
        all.push(unknown_author());
        insta::assert_snapshot!(all.to_string());
    }

    #[test]
    fn sorted_puts_errors_first_then_by_place() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::warning("w", "b.md", "w"));
        all.push(Diagnostic::error("e", "c.md", "e2"));
        all.push(Diagnostic::error("e", "a.md", "e1"));
        let order: Vec<&str> = all.sorted().iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["e1", "e2", "w"]);
        assert_eq!(all.error_count(), 2);
        assert_eq!(all.warning_count(), 1);
    }
}
