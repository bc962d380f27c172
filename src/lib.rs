//! salve: a static site generator for health publishers.
#![allow(missing_docs)]
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostic;
pub mod frontmatter;
pub mod load;
pub mod markdown;
pub mod paths;
pub mod slug;
