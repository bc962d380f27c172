//! `salve serve`: preview the site while writing.

use super::args::OutputArgs;
use super::errors;
use clap::Args;
use salve::serve::{ServeOptions, run};
use std::process::ExitCode;

/// The preview's output folder inside the site folder: not `public/`, so
/// the real build there keeps the site's own base URL.
pub const PREVIEW: &str = ".salve-serve";

/// Build the site, serve it on 127.0.0.1 and rebuild on every save.
#[derive(Debug, Args)]
// The shared flags, in the words of a preview.
#[command(mut_arg("output", |a| a.help(
    "Where the previewed site is written; `.salve-serve` inside the site folder by default, so `public/` keeps the site's real base URL"
)))]
#[command(mut_arg("no_search", |a| a.help("Skip the search index, for faster rebuilds")))]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: OutputArgs,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

impl ServeArgs {
    /// Serves until Ctrl-C (exit 0); exit 2 when the server cannot start.
    pub fn run(&self) -> ExitCode {
        if let Some(code) = self.site.site.missing_root() {
            return code;
        }
        match run(self.options()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprint!("{}", errors::serve_error(&err));
                ExitCode::from(2)
            }
        }
    }

    /// What to serve: the output is `--output`, or `.salve-serve` in the
    /// site folder.
    pub fn options(&self) -> ServeOptions {
        ServeOptions {
            // The server sets the base URL to its own address.
            build: self.site.options(None),
            output: self.site.output_or(PREVIEW),
            port: self.port,
            open: self.open,
            colour: super::stderr_colour(),
            explain: errors::rebuild_error,
        }
    }
}
