//! Problems found in a site, with where they are and what to do about them.
//!
//! Every stage pushes [`Diagnostic`]s into one [`Diagnostics`] list instead of
//! returning at the first problem, so a writer sees every mistake in one run. A
//! stage that found errors stops the pipeline at its end, never half-way.

use std::fmt;
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}[{}]: {}", self.code, self.message)?;
        let path = display_path(&self.path);
        match (self.line, self.column) {
            (Some(line), Some(column)) => writeln!(f, "  --> {path}:{line}:{column}")?,
            (Some(line), None) => writeln!(f, "  --> {path}:{line}")?,
            _ => writeln!(f, "  --> {path}")?,
        }
        if let (Some(line), Some(column), Some(text)) = (self.line, self.column, &self.source_line)
        {
            let gutter = " ".repeat(line.to_string().len());
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{line} | {text}")?;
            // Tabs keep their width so the caret stays under the right character.
            let pad: String = text
                .chars()
                .take(column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{gutter} | {pad}^")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = help: {hint}")?;
        }
        Ok(())
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

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in self.sorted() {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
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

    #[test]
    fn display_shows_location_source_caret_and_hint() {
        let source = "title = 1\nauthor = \"nobody\"\n";
        let d = Diagnostic::error("unknown-author", "articles/a.md", "no author `nobody`")
            .at(
                Position {
                    line: 2,
                    column: 10,
                },
                source,
            )
            .hint("add [authors.nobody] to site.toml");
        assert_eq!(
            d.to_string(),
            "error[unknown-author]: no author `nobody`\n  --> articles/a.md:2:10\n  |\n2 | author = \"nobody\"\n  |          ^\n  = help: add [authors.nobody] to site.toml\n"
        );
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
