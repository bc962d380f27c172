//! `salve build`: render the site into the output folder.

use super::progress::BuildBar;
use clap::Args;
use salve::printable::printable_lines;
use salve::progress::Stage;
use salve::{BuildError, BuildOptions};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Build the site into a folder of static files.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder (with site.toml, articles/, templates/, static/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site; `public` inside the site folder by default.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Use this base URL instead of site.toml's, e.g. for a preview deploy.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include drafts and articles dated in the future.
    #[arg(long)]
    pub drafts: bool,
    /// Skip the search index, for a faster preview.
    #[arg(long)]
    pub no_search: bool,
    /// Print how long each stage took, for benchmarks and profiling.
    #[arg(long)]
    pub timings: bool,
}

impl BuildArgs {
    /// Runs the build and prints its outcome. Exit 0 on success, 1 for content
    /// errors, 2 when the output cannot be written.
    pub fn run(&self) -> ExitCode {
        let started = Instant::now();
        let output = self
            .output
            .clone()
            .unwrap_or_else(|| self.root.join("public"));
        let options = BuildOptions {
            root: self.root.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            today: today(),
            search: !self.no_search,
        };
        // --no-search skips one stage.
        let bar = BuildBar::new(Stage::ALL.len() - usize::from(!options.search));
        let stages = std::sync::Mutex::new(Vec::new());
        let outcome = salve::build_with(
            &options,
            &output,
            &mut salve::Memory::default(),
            &|stage, count| {
                if let Ok(mut stages) = stages.lock() {
                    stages.push((stage, Instant::now(), peak_memory_kib()));
                }
                bar.stage(stage, count);
            },
        );
        bar.finish();
        if self.timings {
            let stages = stages.into_inner().unwrap_or_default();
            eprintln!("{}", timings(&stages, (Instant::now(), peak_memory_kib())));
        }
        match outcome {
            Ok(report) => {
                eprint!("{}", report.diagnostics.render(super::stderr_colour()));
                let warnings = report.diagnostics.warning_count();
                let warned = match warnings {
                    0 => String::new(),
                    1 => " with 1 warning".to_owned(),
                    n => format!(" with {n} warnings"),
                };
                println!(
                    "Built {} articles, {} causes, {} treatments ({} pages) in {} ms{warned} → {}",
                    report.articles,
                    report.causes,
                    report.treatments,
                    report.pages,
                    started.elapsed().as_millis(),
                    display_output(&output),
                );
                let kept = report.pages.saturating_sub(report.rendered.len());
                if kept > 0 {
                    println!(
                        "Rendered {} of them; {kept} were made from the same inputs as in the last build and kept",
                        report.rendered.len()
                    );
                }
                let (built, shards) = report.search_shards;
                if built < shards {
                    println!(
                        "Re-indexed {built} of {shards} search shards; the others' pages are unchanged"
                    );
                }
                ExitCode::SUCCESS
            }
            Err(BuildError::Content(diagnostics)) => {
                eprint!("{}", diagnostics.render(super::stderr_colour()));
                let errors = diagnostics.error_count();
                eprintln!(
                    "error: the build found {errors} error{}; nothing was written and {} was left as it was",
                    if errors == 1 { "" } else { "s" },
                    display_output(&output)
                );
                ExitCode::from(1)
            }
            Err(BuildError::Write(err)) => {
                eprintln!("error: {}", printable_lines(&err.to_string()));
                ExitCode::from(2)
            }
            Err(BuildError::Search(err)) => {
                eprintln!(
                    "error: {}\n  = help: nothing was written and {} was left as it was; build with --no-search to skip the index",
                    printable_lines(&err.to_string()),
                    display_output(&output)
                );
                ExitCode::from(2)
            }
        }
    }
}

/// `timings: reading 12 ms, parsing 340 ms, …`: each stage ends where the
/// next begins, the last at `end`.
/// "reading 12 ms (peak 40 MiB), parsing …": each stage's time, and the
/// process's peak memory at its end where the system tells it.
fn timings(stages: &[(Stage, Instant, Option<u64>)], end: (Instant, Option<u64>)) -> String {
    let parts: Vec<String> = stages
        .iter()
        .enumerate()
        .map(|(i, (stage, start, _))| {
            let (until, peak) = stages.get(i + 1).map_or(end, |(_, at, peak)| (*at, *peak));
            let peak = peak.map_or(String::new(), |kib| format!(" (peak {} MiB)", kib / 1024));
            format!("{} {} ms{peak}", stage.name(), (until - *start).as_millis())
        })
        .collect();
    format!("timings: {}", parts.join(", "))
}

/// The most memory the process has held so far (Linux's VmHWM), in KiB.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
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

fn display_output(output: &std::path::Path) -> String {
    let shown = output
        .strip_prefix(".")
        .unwrap_or(output)
        .display()
        .to_string();
    if shown.ends_with('/') {
        shown
    } else {
        format!("{shown}/")
    }
}
