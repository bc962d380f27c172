//! Where a build is, for a progress display.
//!
//! The library only names the stages and says when each starts; drawing is
//! the command's business (and only on a terminal), so the pipeline stays
//! free of terminal code and a test can watch the stages go by.

/// A stage of the pipeline, in the order a build runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Walking the site folder and reading its files.
    Reading,
    /// Front matter and Markdown of every file.
    Parsing,
    /// URLs, authors, causes, treatments and links between files.
    Linking,
    /// Pages through the templates.
    Rendering,
    /// The search index over the rendered pages (skipped by `--no-search`).
    SearchIndex,
    /// The new output folder, swapped in at the end.
    Writing,
}

impl Stage {
    /// Every stage, in the order a build runs them.
    pub const ALL: [Stage; 6] = [
        Stage::Reading,
        Stage::Parsing,
        Stage::Linking,
        Stage::Rendering,
        Stage::SearchIndex,
        Stage::Writing,
    ];

    /// The stage in a word or two, for a person: `search index`.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Parsing => "parsing",
            Stage::Linking => "linking",
            Stage::Rendering => "rendering",
            Stage::SearchIndex => "search index",
            Stage::Writing => "writing",
        }
    }

    /// What the stage's count counts.
    pub fn unit(self) -> &'static str {
        match self {
            Stage::SearchIndex => "pages",
            _ => "files",
        }
    }
}

/// Told as each stage starts, with how many items the stage will handle when
/// that is known beforehand.
pub type Progress<'a> = &'a dyn Fn(Stage, Option<usize>);
