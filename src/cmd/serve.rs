//! `salve serve`: preview the site while writing.

use super::errors;
use clap::Args;
use salve::BuildOptions;
use salve::serve::{ServeOptions, run};
use std::path::PathBuf;
use std::process::ExitCode;

/// Build the site, serve it on 127.0.0.1 and rebuild on every save.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder (with site.toml, articles/, templates/, static/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// Where the previewed site is written; `.salve-serve` inside the site
    /// folder by default, so `public/` keeps the site's real base URL.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Include drafts and articles dated in the future.
    #[arg(long)]
    pub drafts: bool,
    /// Skip the search index, for faster rebuilds.
    #[arg(long)]
    pub no_search: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

impl ServeArgs {
    /// Serves until Ctrl-C (exit 0); exit 2 when the server cannot start.
    pub fn run(&self) -> ExitCode {
        let options = ServeOptions {
            build: BuildOptions {
                root: self.root.clone(),
                base_url: None,
                drafts: self.drafts,
                today: super::build::today(),
                search: !self.no_search,
            },
            output: self
                .output
                .clone()
                .unwrap_or_else(|| self.root.join(".salve-serve")),
            port: self.port,
            open: self.open,
            colour: super::stderr_colour(),
            explain: errors::rebuild_error,
        };
        match run(options) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprint!("{}", errors::serve_error(&err));
                ExitCode::from(2)
            }
        }
    }
}
