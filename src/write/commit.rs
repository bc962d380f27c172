//! The commit: the staging folder becomes the output, atomically on a
//! first build and file by file after that, with [`COMMITTING`] in the
//! output for as long as it is part old, part new.

use super::cache::{CACHE, cache_text};
use super::interrupt::Phase;
use super::urls::{URLS, urls_text};
use super::{
    COMMITTING, COMMITTING_TEXT, MARKER, Staging, WriteError, WriteReport, io_err, remove_ours,
    remove_tree, taken,
};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

impl Staging {
    /// Makes the new output the output: renames the staging folder into
    /// place on a first build, or moves the changed files in and removes the
    /// ones no longer made. Reports the first failed write instead, leaving
    /// the output untouched (the staging folder is removed on drop).
    ///
    /// A stop asked for meanwhile waits until the commit is over; a build
    /// already stopped commits nothing.
    pub fn commit(mut self) -> Result<WriteReport, WriteError> {
        let interrupt = self.interrupt.clone();
        let mut phase = interrupt.lock();
        let result = match *phase {
            Phase::Stopped => Err(WriteError::Interrupted),
            _ => self.commit_now(),
        };
        if result.is_ok() {
            *phase = Phase::Committed;
        }
        // Released before `self` drops: its drop takes the lock too.
        drop(phase);
        result
    }

    fn commit_now(&mut self) -> Result<WriteReport, WriteError> {
        // Every writer is done (commit owns the staging): no locking needed.
        if let Some(err) = self.failed.get_mut().ok().and_then(Option::take) {
            return Err(err);
        }
        let cache = cache_text(taken(&mut self.keys));
        let urls = urls_text(&taken(&mut self.urls));
        match self.previous.clone() {
            None => {
                write_cache(&self.staging, CACHE, &cache)?;
                write_cache(&self.staging, URLS, &urls)?;
                let output = &self.output;
                if output.exists() {
                    // Empty (checked by `check_output`): nothing is lost.
                    fs::remove_dir(output).map_err(io_err(output))?;
                }
                fs::rename(&self.staging, output).map_err(io_err(output))?;
                self.committed = true;
            }
            Some(output) => {
                // From the first rename to the last, the output is a mix;
                // the mark says so to whoever finds it after a kill.
                let committing = output.join(COMMITTING);
                write_synced(&committing, COMMITTING_TEXT)?;
                // The cache goes too: a commit cut short leaves files the
                // old cache does not vouch for.
                no_link_at_cache(&output)?;
                let _ = fs::remove_file(output.join(CACHE));
                // And the list of URLs: the files it names are changing.
                let _ = fs::remove_file(output.join(URLS));
                let changed = taken(&mut self.changed);
                self.move_changed_in(&output, changed)?;
                remove_stale(&output, &taken(&mut self.files))?;
                write_cache(&output, CACHE, &cache)?;
                write_cache(&output, URLS, &urls)?;
                fs::remove_file(&committing).map_err(io_err(&committing))?;
                self.committed = true;
                remove_ours(&self.staging)?;
            }
        }
        Ok(WriteReport {
            rendered: self.rendered.load(Ordering::Relaxed),
            copied: self.copied.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        })
    }

    /// Renames each new or changed file over its place in `output`. A file
    /// standing where a folder must go, or the other way round, goes first.
    fn move_changed_in(&self, output: &Path, mut changed: Vec<PathBuf>) -> Result<(), WriteError> {
        changed.sort_unstable();
        let mut first = true;
        for relative in changed {
            let dest = output.join(&relative);
            let mut dir = PathBuf::from(output);
            for part in relative.parent().into_iter().flat_map(Path::components) {
                dir.push(part);
                if fs::symlink_metadata(&dir).is_ok_and(|m| !m.is_dir()) {
                    fs::remove_file(&dir).map_err(io_err(&dir))?;
                }
            }
            fs::create_dir_all(&dir).map_err(io_err(&dir))?;
            if fs::symlink_metadata(&dest).is_ok_and(|m| m.is_dir()) {
                remove_tree(&dest)?;
            }
            let from = self.staging.join(&relative);
            fs::rename(&from, &dest).map_err(io_err(&dest))?;
            if first {
                first = false;
                pause_for_tests();
            }
        }
        Ok(())
    }
}

/// For tests only: with `SALVE_TEST_PAUSE_COMMIT` set to a path, the commit
/// creates that file after its first rename and waits until it is removed,
/// so a test can signal or kill a build at a known point mid-commit.
fn pause_for_tests() {
    let Some(file) = std::env::var_os("SALVE_TEST_PAUSE_COMMIT") else {
        return;
    };
    if fs::write(&file, "").is_ok() {
        while Path::new(&file).exists() {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

/// Writes `text` to `path` and makes it durable, with its name in the
/// folder, before returning.
fn write_synced(path: &Path, text: &str) -> Result<(), WriteError> {
    use std::io::Write;
    let mut file = fs::File::create(path).map_err(io_err(path))?;
    file.write_all(text.as_bytes()).map_err(io_err(path))?;
    file.sync_all().map_err(io_err(path))?;
    // The folder's entry too, where the system lets a folder be opened.
    if let Some(dir) = path.parent().and_then(|d| fs::File::open(d).ok()) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Removes the files of `output` this build did not make, and the
/// folders left empty. Everything in it is salve's (it has the marker).
fn remove_stale(output: &Path, files: &HashSet<PathBuf>) -> Result<(), WriteError> {
    let own = [
        Path::new(MARKER),
        Path::new(CACHE),
        Path::new(URLS),
        Path::new(COMMITTING),
        // `salve check --external`'s, which a build does not make.
        Path::new(super::EXTERNAL),
    ];
    for entry in walkdir::WalkDir::new(output)
        .min_depth(1)
        .contents_first(true)
    {
        let entry = entry.map_err(|e| WriteError::Io {
            path: e.path().unwrap_or(output).to_path_buf(),
            source: e.into(),
        })?;
        let path = entry.path();
        let relative = path.strip_prefix(output).unwrap_or(path);
        if entry.file_type().is_dir() {
            // Fails when not empty, which is the point.
            let _ = fs::remove_dir(path);
        } else if !files.contains(relative) && !own.contains(&relative) {
            fs::remove_file(path).map_err(io_err(path))?;
        }
    }
    Ok(())
}

/// Writes `text`, a file of the build cache (`CACHE`, `URLS`), at `file` in
/// the output folder `dir`.
fn write_cache(dir: &Path, file: &str, text: &str) -> Result<(), WriteError> {
    no_link_at_cache(dir)?;
    let path = dir.join(file);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_err(parent))?;
    }
    fs::write(&path, text).map_err(io_err(&path))
}

/// Removes whatever is not a real folder where the cache's folder goes in
/// `dir`: the output was checked for links before the build, but one made
/// since would have the cache written or removed through it.
fn no_link_at_cache(dir: &Path) -> Result<(), WriteError> {
    let Some(folder) = Path::new(CACHE).parent().map(|f| dir.join(f)) else {
        return Ok(());
    };
    if fs::symlink_metadata(&folder).is_ok_and(|m| !m.is_dir()) {
        fs::remove_file(&folder).map_err(io_err(&folder))?;
    }
    Ok(())
}
