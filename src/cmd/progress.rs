//! The progress bar of `salve build`, drawn on stderr with indicatif.
//!
//! A bar that flashes up for a 100 ms build is noise, and one written into a
//! pipe or a CI log is garbage, so it stays hidden unless stderr is a terminal
//! and the build is still running after a second. It is cleared at the end,
//! leaving the diagnostics and the "Built …" line as they would be without it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use salve::progress::Stage;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How long a build runs before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// The stage bar: `[3/6] linking 1204 files`.
pub struct BuildBar {
    bar: ProgressBar,
    /// Set once the build is over. The thread that shows the bar checks it
    /// under the same lock, so a bar cannot appear after it was cleared.
    over: Arc<Mutex<bool>>,
}

impl BuildBar {
    /// A bar for a build of `stages` stages, hidden for now.
    pub fn new(stages: usize) -> Self {
        let style = ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let bar = ProgressBar::with_draw_target(Some(stages as u64), ProgressDrawTarget::hidden())
            .with_style(style);
        let over = Arc::new(Mutex::new(false));
        if std::io::stderr().is_terminal() {
            let (bar, over) = (bar.clone(), Arc::clone(&over));
            // Detached: when the build ends first, the process may exit
            // while it sleeps, which is fine, it owns nothing.
            std::thread::spawn(move || {
                std::thread::sleep(DELAY);
                let over = over.lock().unwrap_or_else(PoisonError::into_inner);
                if !*over {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    // The tick redraws the spinner and time while one long
                    // stage gives no news.
                    bar.enable_steady_tick(Duration::from_millis(100));
                }
            });
        }
        Self { bar, over }
    }

    /// Moves the bar to `stage`, naming its count when known.
    pub fn stage(&self, stage: Stage, count: Option<usize>) {
        self.bar.inc(1);
        self.bar.set_message(match count {
            Some(n) => format!("{} {n} {}", stage.name(), stage.unit()),
            None => stage.name().to_owned(),
        });
    }

    /// Clears the bar for good; call before printing the outcome.
    pub fn finish(&self) {
        let mut over = self.over.lock().unwrap_or_else(PoisonError::into_inner);
        *over = true;
        self.bar.finish_and_clear();
    }
}
