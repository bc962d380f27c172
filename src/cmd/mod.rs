//! The subcommands: thin layers over the library's pipeline.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;
