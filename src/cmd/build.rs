//! `salve build`: render the site into the output folder.

use super::args::{OutputArgs, PUBLIC};
use super::errors;
use super::progress::BuildBar;
use clap::Args;
use salve::progress::Stage;
use salve::write::{Interrupt, Stopped, WriteError};
use salve::{BuildError, BuildOptions, BuildReport};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Build the site into a folder of static files.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: OutputArgs,
    /// Use this base URL instead of site.toml's, e.g. for a preview deploy.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print how long each stage took, for benchmarks and profiling.
    #[arg(long)]
    pub timings: bool,
}

impl BuildArgs {
    /// Runs the build and prints its outcome. Exit 0 on success, 1 for content
    /// errors, 2 when the output cannot be written, 130 when stopped by
    /// Ctrl-C or SIGTERM.
    pub fn run(&self) -> ExitCode {
        if let Some(code) = self.site.site.missing_root() {
            return code;
        }
        let started = Instant::now();
        let output = self.output();
        let Some(outcome) = self.build(&self.options(), &output) else {
            // Only a stop makes this error, and the stopper reported it.
            return ExitCode::from(130);
        };
        match outcome {
            Ok(report) => {
                print_report(&report, started, &output);
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
                eprint!("{}", errors::write_error(&err));
                ExitCode::from(2)
            }
            Err(BuildError::Search(err)) => {
                eprint!("{}", errors::search_error(&err, &display_output(&output)));
                ExitCode::from(2)
            }
        }
    }

    /// What to build.
    pub fn options(&self) -> BuildOptions {
        self.site.options(self.base_url.clone())
    }

    /// Where to write it: `--output`, or `public` in the site folder.
    pub fn output(&self) -> PathBuf {
        self.site.output_or(PUBLIC)
    }

    /// Builds with a progress bar, stopping on Ctrl-C or SIGTERM, and
    /// prints the stages' timings when asked. `None` when stopped: the
    /// stopper has said what that left.
    fn build(
        &self,
        options: &BuildOptions,
        output: &Path,
    ) -> Option<Result<BuildReport, BuildError>> {
        // --no-search skips one stage.
        let bar = Arc::new(BuildBar::new(
            Stage::ALL.len() - usize::from(!options.search),
        ));
        let interrupt = Interrupt::default();
        let stopper = Stopper::install(interrupt.clone(), Arc::clone(&bar), display_output(output));
        let stages = std::sync::Mutex::new(Vec::new());
        let outcome = salve::build_stoppable(
            options,
            output,
            None,
            &|stage, count| {
                if let Ok(mut stages) = stages.lock() {
                    stages.push((stage, Instant::now(), peak_memory_kib()));
                }
                bar.stage(stage, count);
            },
            &interrupt,
        );
        let stopped = matches!(outcome, Err(BuildError::Write(WriteError::Interrupted)));
        if let Some(stopper) = stopper {
            stopper.finish(stopped);
        }
        if stopped {
            return None;
        }
        bar.finish();
        if self.timings {
            let stages = stages.into_inner().unwrap_or_default();
            eprintln!("{}", timings(&stages, (Instant::now(), peak_memory_kib())));
        }
        Some(outcome)
    }
}

/// A build's warnings on stderr, then what it built, in how long and where,
/// and what it kept from the last build.
fn print_report(report: &BuildReport, started: Instant, output: &Path) {
    eprint!("{}", report.diagnostics.render(super::stderr_colour()));
    let warned = match report.diagnostics.warning_count() {
        0 => String::new(),
        1 => " with 1 warning".to_owned(),
        n => format!(" with {n} warnings"),
    };
    println!(
        "{} in {} ms{warned} → {}",
        salve::summary::built(report),
        started.elapsed().as_millis(),
        display_output(output),
    );
    let kept = report.pages.saturating_sub(report.rendered.len());
    if kept > 0 {
        println!(
            "Rendered {} of them; {kept} were made from the same inputs as in the last build and kept",
            report.rendered.len()
        );
    }
    let (encoded, photos) = report.photos;
    if photos > 0 {
        println!(
            "Encoded {encoded} of {photos} photos; the others are unchanged since the last build"
        );
    }
    let (built, shards) = report.search_shards;
    if built < shards {
        println!("Re-indexed {built} of {shards} search shards; the others' pages are unchanged");
    }
}

/// Ctrl-C and SIGTERM (a CI runner's cancel button, `kill`) during a build:
/// a thread of its own stops the build (throwing away what was staged, or
/// letting a commit under way finish), says in one line what that left, and
/// exits with 130.
///
/// The handlers are in place before the build starts, so no signal meets
/// the default action, which would kill a build mid-commit. Exiting from
/// that thread is on purpose: the stages cannot all be asked to return
/// early, and once [`Interrupt::stop`] returns nothing more is written.
struct Stopper {
    /// Set by the signal handler itself, so a signal that came during the
    /// commit is known when the build returns, however late the thread runs.
    received: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl Stopper {
    /// `None` where the handlers cannot be installed: Ctrl-C then kills
    /// the build, and a commit cut short is marked for the next build.
    #[cfg(unix)]
    fn install(interrupt: Interrupt, bar: Arc<BuildBar>, output: String) -> Option<Self> {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]).ok()?;
        let thread = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if signals.forever().next().is_none() {
                    return;
                }
                let stopped = interrupt.stop();
                bar.finish();
                match stopped {
                    Stopped::Unchanged => eprintln!(
                        "error: interrupted; nothing was written and {output} was left as it was"
                    ),
                    Stopped::Committed => eprintln!(
                        "error: interrupted while moving the new files in; salve finished that first, so {output} is complete"
                    ),
                }
                std::process::exit(130);
            })
            .ok()?;
        let received = Arc::new(AtomicBool::new(false));
        for signal in [SIGINT, SIGTERM] {
            let _ = signal_hook::flag::register(signal, Arc::clone(&received));
        }
        Some(Self { received, thread })
    }

    #[cfg(not(unix))]
    fn install(_: Interrupt, _: Arc<BuildBar>, _: String) -> Option<Self> {
        None
    }

    /// After the build: when a signal came, waits while its thread reports
    /// and exits.
    fn finish(self, stopped: bool) {
        if stopped || self.received.load(Ordering::SeqCst) {
            let _ = self.thread.join();
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

fn display_output(output: &Path) -> String {
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
