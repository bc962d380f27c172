//! `salve check`: every problem a build would report, plus content lints,
//! without writing anything.

use super::args::{PUBLIC, SiteArgs};
use clap::{Args, ValueEnum};
use salve::{BuildOptions, Diagnostic, Diagnostics, Severity};
use std::process::ExitCode;

/// How findings are printed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// For people: file:line:column, the line, a marker and a hint.
    Human,
    /// For CI: a JSON array with one object per finding.
    Json,
}

/// Check the site without writing anything.
#[derive(Debug, Args)]
// The shared flags, in the words of a check.
#[command(mut_arg("root", |a| a.help("The site folder")))]
#[command(mut_arg("drafts", |a| a.help("Check drafts and future-dated articles too")))]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to print the findings.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Also fetch every address of another site the pages link to, and
    /// report the dead and the moved ones.
    #[arg(long)]
    pub external: bool,
    /// Seconds each request of --external may take, connecting included.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = salve::external::DEFAULT_TIMEOUT,
        value_parser = clap::value_parser!(u64).range(1..=600),
        requires = "external"
    )]
    pub external_timeout: u64,
    /// Fetch every address again, even those checked in the last week.
    #[arg(long, requires = "external")]
    pub external_refresh: bool,
}

impl CheckArgs {
    /// Exit 1 when there are errors, 0 with warnings only.
    pub fn run(&self) -> ExitCode {
        if let Some(code) = self.site.missing_root() {
            return code;
        }
        let diagnostics = match salve::check(&self.options()) {
            Ok(mut checked) => {
                let mut all = std::mem::take(&mut checked.diagnostics);
                let sites = checked.sites();
                let mut more: Vec<_> = sites.iter().flat_map(|s| salve::lint::lint(s)).collect();
                // What a build into public/ would say of the URLs it had.
                let public = std::path::Path::new(PUBLIC);
                let output = self.site.root.join(public);
                more.extend(salve::removed::removed(&sites, &output, public));
                if self.external {
                    let externals: Vec<_> = sites
                        .iter()
                        .flat_map(|s| s.externals.iter().cloned())
                        .collect();
                    more.extend(self.external(&externals, &output));
                }
                // The levels of `[lints]`, as the build's own findings had.
                all.extend(checked.site.config.levels.apply(more));
                all
            }
            Err(diagnostics) => diagnostics,
        };
        let mut diagnostics = diagnostics;
        diagnostics.extend(interrupted_build(&self.site.root));
        match self.format {
            Format::Human => {
                eprint!("{}", diagnostics.render(super::stderr_colour()));
                println!(
                    "Checked: {} error{}, {} warning{}",
                    diagnostics.error_count(),
                    plural(diagnostics.error_count()),
                    diagnostics.warning_count(),
                    plural(diagnostics.warning_count())
                );
            }
            Format::Json => println!("{}", json(&diagnostics)),
        }
        if diagnostics.has_errors() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }

    /// `--external`: the findings of fetching `urls`, with the results kept
    /// in the build cache of `output`.
    fn external(
        &self,
        urls: &[salve::link::ExternalUrl],
        output: &std::path::Path,
    ) -> Vec<Diagnostic> {
        let timeout = std::time::Duration::from_secs(self.external_timeout);
        let settings = salve::external::Settings {
            refresh: self.external_refresh,
            ..salve::external::Settings::new(timeout, now())
        };
        // A check of thousands of addresses takes minutes: a person at a
        // terminal is told what it is waiting for (pipes and CI logs get
        // only the findings).
        if !urls.is_empty() && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            let distinct: std::collections::HashSet<&str> =
                urls.iter().map(|u| u.url.as_str()).collect();
            eprintln!(
                "Checking {} address{} of other sites (those checked lately are not fetched again)…",
                distinct.len(),
                if distinct.len() == 1 { "" } else { "es" }
            );
        }
        salve::external::check(&self.site.root, output, urls, &settings)
    }

    /// What to check: the site as a build would see it, without the search
    /// index (a check writes nothing) or another base URL.
    pub fn options(&self) -> BuildOptions {
        self.site.options(false, None)
    }
}

/// A warning when the build output (`public/`) was left mid-commit by a
/// killed build: part old, part new until the next build rewrites it.
fn interrupted_build(root: &std::path::Path) -> Option<Diagnostic> {
    let output = std::path::Path::new(PUBLIC);
    salve::write::interrupted_commit(&root.join(output)).then(|| {
        Diagnostic::warning(
            "interrupted-build",
            output.join(salve::write::COMMITTING),
            "a build was stopped while it moved new files into public/, so it holds old and new pages mixed",
        )
        .hint("run `salve build`: it rewrites every file of public/ and removes this mark")
    })
}

/// The time of the check in Unix seconds: `SOURCE_DATE_EPOCH` when set (as
/// for the build's day; tests set it to age the kept results), else now.
fn now() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn json(diagnostics: &Diagnostics) -> String {
    let items: Vec<serde_json::Value> = diagnostics.sorted().into_iter().map(finding).collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_owned())
}

fn finding(d: &Diagnostic) -> serde_json::Value {
    serde_json::json!({
        "file": d.path.to_string_lossy().replace('\\', "/"),
        "line": d.line,
        "column": d.column,
        "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "code": d.code,
        "message": d.message,
        "hint": d.hint,
    })
}
