//! The subcommands: thin layers over the library's pipeline.

pub mod build;
