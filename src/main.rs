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
    /// Write the editorial report: review dates, reading grades, links (report/ by default).
    Report(cmd::report::ReportArgs),
    /// Record a medical review of an article: sets reviewed_by and reviewed.
    Review(cmd::review::ReviewArgs),
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
        Command::Report(args) => args.run(),
        Command::Review(args) => args.run(),
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

    fn parse(args: &[&str]) -> Command {
        match Cli::try_parse_from([&["salve"], args].concat()) {
            Ok(cli) => cli.command,
            Err(err) => panic!("{args:?}: {err}"),
        }
    }

    /// A subcommand's long flags, A–Z.
    fn flags(name: &str) -> Vec<String> {
        let cli = Cli::command();
        let Some(command) = cli.find_subcommand(name) else {
            panic!("no command {name}");
        };
        let mut longs: Vec<String> = command
            .get_arguments()
            .filter_map(|a| a.get_long().map(str::to_owned))
            .collect();
        longs.sort();
        longs
    }

    fn help(name: &str, flag: &str) -> String {
        let cli = Cli::command();
        let command = cli.find_subcommand(name);
        let arg = command.and_then(|c| c.get_arguments().find(|a| a.get_long() == Some(flag)));
        arg.and_then(|a| a.get_help())
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    #[test]
    fn each_command_takes_the_same_flags_as_when_each_declared_its_own() {
        let build = [
            "base-url",
            "drafts",
            "no-search",
            "output",
            "root",
            "timings",
        ];
        assert_eq!(flags("build"), build);
        let serve = ["drafts", "no-search", "open", "output", "port", "root"];
        assert_eq!(flags("serve"), serve);
        let check = [
            "drafts",
            "external",
            "external-refresh",
            "external-timeout",
            "format",
            "root",
        ];
        assert_eq!(flags("check"), check);
        assert_eq!(flags("new"), ["root"]);
        assert!(flags("init").is_empty());
        assert_eq!(
            flags("report"),
            ["drafts", "format", "output", "root", "today"]
        );
        assert_eq!(flags("review"), ["by", "root", "today"]);
    }

    #[test]
    fn a_shared_flag_keeps_each_commands_wording() {
        let site = "The site folder (with site.toml, articles/, templates/, static/)";
        assert_eq!(help("build", "root"), site);
        assert_eq!(help("serve", "root"), site);
        assert_eq!(help("check", "root"), "The site folder");
        let drafts = "Include drafts and articles dated in the future";
        assert_eq!(help("build", "drafts"), drafts);
        assert_eq!(help("serve", "drafts"), drafts);
        assert_eq!(
            help("check", "drafts"),
            "Check drafts and future-dated articles too"
        );
        assert_eq!(
            help("build", "no-search"),
            "Skip the search index, for a faster preview"
        );
        assert_eq!(
            help("serve", "no-search"),
            "Skip the search index, for faster rebuilds"
        );
        assert!(help("build", "output").contains("`public`"));
        assert!(help("serve", "output").contains("`.salve-serve`"));
    }

    /// The options each command builds, with the output where it has one.
    fn options(args: &[&str]) -> (salve::BuildOptions, Option<std::path::PathBuf>) {
        match parse(args) {
            Command::Build(a) => (a.options(), Some(a.output())),
            Command::Serve(a) => {
                let serve = a.options();
                (serve.build, Some(serve.output))
            }
            Command::Check(a) => (a.options(), None),
            other => panic!("{other:?} builds nothing"),
        }
    }

    /// (root, drafts, search, base URL): all but the date, which is read
    /// from the clock at each call.
    fn key(o: &salve::BuildOptions) -> (std::path::PathBuf, bool, bool, Option<String>) {
        (o.root.clone(), o.drafts, o.search, o.base_url.clone())
    }

    #[test]
    fn the_shared_flags_build_the_same_options_for_every_command() {
        let site = || std::path::PathBuf::from("site");
        for command in ["build", "serve", "check"] {
            let (plain, _) = options(&[command]);
            assert_eq!(key(&plain).0, std::path::PathBuf::from("."), "{command}");
            assert!(!plain.drafts, "{command}");
            let (drafts, _) = options(&[command, "--root", "site", "--drafts"]);
            assert_eq!((key(&drafts).0, drafts.drafts), (site(), true), "{command}");
        }
        // build and serve index unless told not to; check never does.
        let (build, public) = options(&["build", "--root", "site", "--no-search"]);
        let (serve, preview) = options(&["serve", "--root", "site", "--no-search"]);
        assert_eq!(key(&build), key(&serve));
        assert_eq!(key(&build), (site(), false, false, None));
        assert!(options(&["build"]).0.search && options(&["serve"]).0.search);
        assert!(!options(&["check"]).0.search);
        assert_eq!(public, Some(site().join("public")));
        assert_eq!(preview, Some(site().join(".salve-serve")));
        let (_, output) = options(&["serve", "--root", "site", "--output", "out"]);
        assert_eq!(output, Some("out".into()));
        let (with_url, _) = options(&["build", "--base-url", "https://example.org/x/"]);
        assert_eq!(with_url.base_url.as_deref(), Some("https://example.org/x/"));
    }
}
