//! Stopping a build (Ctrl-C, SIGTERM, `serve` shutting down) without
//! leaving the output half old and half new.
//!
//! A build is in one of a few phases, kept behind one lock that every write
//! into the staging folder and the whole commit take: stopping while files
//! are staged removes the staging folder and no write happens after it;
//! stopping during the commit waits for the commit to finish. Either way,
//! once [`Interrupt::stop`] returns, salve changes nothing more and the
//! caller may end the process.

use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// A handle on the builds that may be stopped; clones share the same state.
/// A fresh one is never stopped.
#[derive(Debug, Clone, Default)]
pub struct Interrupt(Arc<RwLock<Phase>>);

/// Where a build stands. Writers hold the read lock while they write into
/// the staging folder; `begin`, the commit and `stop` hold the write lock.
#[derive(Debug, Default)]
pub(super) enum Phase {
    /// No staging folder exists.
    #[default]
    Idle,
    /// Files are being written into this staging folder.
    Staging(PathBuf),
    /// The last commit finished.
    Committed,
    /// Stopped: nothing may be written any more.
    Stopped,
}

/// What a stopped build left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// The output is as it was before the build; nothing of the build is left.
    Unchanged,
    /// The new output had already been (or was being) moved in, and is
    /// complete.
    Committed,
}

impl Interrupt {
    /// Stops the build for good and returns once salve will change nothing
    /// more: files being staged are thrown away, a commit under way is
    /// finished first. Later builds through this handle are refused.
    pub fn stop(&self) -> Stopped {
        let mut phase = self.lock();
        match std::mem::replace(&mut *phase, Phase::Stopped) {
            Phase::Staging(staging) => {
                // This build's own, made under this lock. One thread only:
                // the pool's threads may be waiting on the lock held here.
                // A failure leaves a folder the next build replaces.
                let _ = std::fs::remove_dir_all(&staging);
                Stopped::Unchanged
            }
            Phase::Committed => Stopped::Committed,
            Phase::Idle | Phase::Stopped => Stopped::Unchanged,
        }
    }

    /// Shared access, for one write into the staging folder.
    pub(super) fn peek(&self) -> RwLockReadGuard<'_, Phase> {
        // A writer that panicked poisons nothing: the phase is plain data.
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sole access, for a change of phase or the commit.
    pub(super) fn lock(&self) -> RwLockWriteGuard<'_, Phase> {
        self.0.write().unwrap_or_else(PoisonError::into_inner)
    }
}
