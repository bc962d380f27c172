//! The arguments several commands share, declared once: which site
//! (`--root`), which of its articles (`--drafts`), and for the commands that
//! write the site, where to (`--output`) and whether to index it
//! (`--no-search`). Each command flattens them into its own arguments, and
//! [`SiteArgs::options`] turns them into the library's [`BuildOptions`].

use clap::Args;
use salve::BuildOptions;
use std::path::PathBuf;
use std::process::ExitCode;

/// The output folder of `build` inside the site folder, and where `check`
/// looks for a build left half done.
pub const PUBLIC: &str = "public";

/// `--root` and `--drafts`: for `build`, `serve` and `check`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder (with site.toml, articles/, templates/, static/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include drafts and articles dated in the future.
    #[arg(long)]
    pub drafts: bool,
}

impl SiteArgs {
    /// Says so when `--root` is not a folder, and returns exit status 2: a
    /// mistyped `--root` then reads as that, not as a site without site.toml.
    pub fn missing_root(&self) -> Option<ExitCode> {
        if self.root.is_dir() {
            return None;
        }
        let what = if self.root.exists() {
            "is not a folder"
        } else {
            "does not exist"
        };
        let root = salve::printable::printable(&self.root.to_string_lossy()).into_owned();
        eprintln!(
            "error: the site folder {root} {what}\n  = help: pass --root the folder that has site.toml, or start a new site there with `salve init {root}`"
        );
        Some(ExitCode::from(2))
    }

    /// What to build, dated today (see [`today`]).
    pub fn options(&self, search: bool, base_url: Option<String>) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            base_url,
            drafts: self.drafts,
            today: today(),
            search,
        }
    }
}

/// [`SiteArgs`] with `--output` and `--no-search`: for the commands that
/// write the site, `build` and `serve`.
#[derive(Debug, Args)]
pub struct OutputArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site; `public` inside the site folder by default.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Skip the search index, for a faster preview.
    #[arg(long)]
    pub no_search: bool,
}

impl OutputArgs {
    /// What to build; `base_url` replaces site.toml's.
    pub fn options(&self, base_url: Option<String>) -> BuildOptions {
        self.site.options(!self.no_search, base_url)
    }

    /// `--output`, or `folder` inside the site folder.
    pub fn output_or(&self, folder: &str) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.site.root.join(folder))
    }
}

/// The build's date: `SOURCE_DATE_EPOCH` when set (reproducible builds and
/// tests), else today in UTC.
pub fn today() -> salve::date::Date {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(salve::date::Date::from_unix)
        .unwrap_or_else(salve::date::Date::today)
}

/// A `YYYY-MM-DD` date given on the command line.
pub fn parse_date(text: &str) -> Result<salve::date::Date, String> {
    salve::date::Date::parse_iso(text)
        .ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD"))
}
