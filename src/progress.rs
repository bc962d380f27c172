//! Where a build is, for a progress display.
//!
//! The library only names the stages and says when each starts; drawing is
//! the command's business (and only on a terminal), so the pipeline stays
//! free of terminal code and a test can watch the stages go by.

/// A stage of the pipeline, in the order a build runs them, named as in
/// the crate's list of stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Walking the site folder and reading its files.
    Load,
    /// Front matter and Markdown of every file.
    Parse,
    /// URLs, authors, causes, treatments and links between files.
    Link,
    /// Pages through the templates.
    Render,
    /// The search index over the rendered pages (skipped by `--no-search`).
    Search,
    /// The new output folder, swapped in at the end.
    Write,
}

impl Stage {
    /// Every stage, in the order a build runs them.
    pub const ALL: [Stage; 6] = [
        Stage::Load,
        Stage::Parse,
        Stage::Link,
        Stage::Render,
        Stage::Search,
        Stage::Write,
    ];

    /// The stage in a word or two, for a person: `search index`.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "loading",
            Stage::Parse => "parsing",
            Stage::Link => "linking",
            Stage::Render => "rendering",
            Stage::Search => "search index",
            Stage::Write => "writing",
        }
    }

    /// What the stage's count counts.
    pub fn unit(self) -> &'static str {
        match self {
            Stage::Search => "pages",
            _ => "files",
        }
    }
}

/// Told as each stage starts, with how many items the stage will handle when
/// that is known beforehand.
pub type Progress<'a> = &'a dyn Fn(Stage, Option<usize>);
