//! `salve report`: the editorial dashboard, as a page in its own folder or
//! as JSON or CSV on stdout.

use super::args::SiteArgs;
use clap::{Args, ValueEnum};
use salve::report::folder::REPORT;
use std::path::PathBuf;
use std::process::ExitCode;

/// What the report is written as.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// A dashboard page, written to the report folder.
    Html,
    /// Every article and summary as JSON, on stdout.
    Json,
    /// One line per article, on stdout.
    Csv,
}

/// Write the editorial report.
#[derive(Debug, Args)]
#[command(mut_arg("root", |a| a.help("The site folder")))]
#[command(mut_arg("drafts", |a| a.help("Report drafts and future-dated articles too")))]
pub struct ReportArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the dashboard; `report` inside the site folder by
    /// default. Never the build's output folder or inside it.
    #[arg(long, visible_alias = "out")]
    pub output: Option<PathBuf>,
    /// A page (html), or JSON or CSV on stdout.
    #[arg(long, value_enum, default_value = "html")]
    pub format: Format,
    /// The day to judge reviews by, YYYY-MM-DD (for tests); today by default.
    #[arg(long, hide = true, value_parser = super::args::parse_date)]
    pub today: Option<salve::date::Date>,
}

impl ReportArgs {
    /// Exit 1 when the site has errors, 2 when the report cannot be written.
    pub fn run(&self) -> ExitCode {
        if let Some(code) = self.site.missing_root() {
            return code;
        }
        let mut options = self.site.options(false, None);
        if let Some(today) = self.today {
            options.today = today;
        }
        let linked = match salve::link_site(&options, None, &|_, _| {}) {
            Ok(linked) => linked,
            Err(diagnostics) => {
                eprint!("{}", diagnostics.render(super::stderr_colour()));
                eprintln!(
                    "error: the site has errors, so there is no report\n  = help: fix them (`salve check` lists them all), then run `salve report` again"
                );
                return ExitCode::from(1);
            }
        };
        let report = salve::report::report(&linked.site, options.today);
        match self.format {
            Format::Json => println!("{}", salve::report::formats::json(&report)),
            Format::Csv => print!("{}", salve::report::formats::csv(&report)),
            Format::Html => return self.write(&report),
        }
        ExitCode::SUCCESS
    }

    /// Writes the dashboard into its folder.
    fn write(&self, report: &salve::report::Report) -> ExitCode {
        let folder = self.folder();
        let files = match salve::report::html::files(report) {
            Ok(files) => files,
            Err(err) => {
                eprintln!("error: the report page could not be made: {err}");
                return ExitCode::from(2);
            }
        };
        match salve::report::folder::write(&self.site.root, &folder, files) {
            Ok(()) => {
                let page = folder.join(salve::report::html::PAGE);
                println!(
                    "Wrote {} ({} article{})",
                    page.display(),
                    report.articles.len(),
                    if report.articles.len() == 1 { "" } else { "s" }
                );
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprint!("{}", super::errors::report_folder_error(&err));
                ExitCode::from(2)
            }
        }
    }

    /// `--output`, or `report` inside the site folder.
    pub fn folder(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.site.root.join(REPORT))
    }
}
