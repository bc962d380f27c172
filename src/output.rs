//! A file of the output, as the stages after linking pass it on: rendered
//! pages, feeds, the search index's files.

/// A file made by salve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output root, with `/` separators.
    pub path: String,
    /// Its contents.
    pub bytes: Vec<u8>,
}
