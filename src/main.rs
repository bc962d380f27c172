//! The `salve` command line.

mod cmd;

// Pages, bodies and contexts are allocated and freed on every core at once;
// glibc's allocator then spends a fifth of a large build searching its free
// lists (measured with perf). mimalloc is made for this pattern.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// salve: a static site generator for health publishers.
#[derive(Debug, Parser)]
#[command(name = "salve", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into a folder of static files (public/ by default).
    Build(cmd::build::BuildArgs),
    /// Build, serve on 127.0.0.1 and rebuild on every save, reloading the browser.
    Serve(cmd::serve::ServeArgs),
    /// Report every problem a build would, plus content lints; write nothing.
    Check(cmd::check::CheckArgs),
    /// Write a new article with commented front matter.
    New(cmd::new::NewArgs),
    /// Write a minimal new site (site.toml and one article) that builds at once.
    Init(cmd::init::InitArgs),
}

fn main() -> ExitCode {
    salve::crash::install();
    match Cli::parse().command {
        Command::Build(args) => args.run(),
        Command::Serve(args) => args.run(),
        Command::Check(args) => args.run(),
        Command::New(args) => args.run(),
        Command::Init(args) => args.run(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
