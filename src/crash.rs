//! What a reader of the terminal sees when salve has a bug.
//!
//! No input should make salve panic; when one does anyway, a backtrace is
//! of no use to a writer, and a message that names neither the input nor
//! what to do is worse. [`install`] replaces the panic message with one line
//! naming the file being processed (which the stages record with
//! [`processing`]) and asking for a bug report, then ends the process with
//! [`EXIT_BUG`], a status nothing else uses. It ends the process from the
//! hook, because a panic on a worker thread would otherwise surface as some
//! other error (a parse that never answered) or not at all (a server task).
//!
//! The file being processed is kept per thread: the stages run on every
//! core, and a panic is reported on the thread where it happened.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

/// The exit status of a bug in salve, and of nothing else.
pub const EXIT_BUG: i32 = 101;

thread_local! {
    static PROCESSING: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
}

/// Records that this thread is working on `path` until the guard is dropped.
#[must_use = "the file is recorded only while the guard lives"]
pub fn processing(path: impl AsRef<Path>) -> Processing {
    let path = path.as_ref();
    let previous = PROCESSING.with(|p| p.replace(Some(path.to_path_buf())));
    let guard = Processing { previous };
    // Debug builds (the ones the tests run) can be told to crash on a given
    // file, so the crash report itself is tested end to end; release builds
    // carry no such switch.
    #[cfg(debug_assertions)]
    if std::env::var_os(PANIC_ON).is_some_and(|p| Path::new(&p) == path) {
        panic!("{PANIC_ON} asked for a crash here");
    }
    guard
}

/// In debug builds only: the file on which to crash on purpose, for tests.
#[cfg(debug_assertions)]
pub const PANIC_ON: &str = "SALVE_PANIC_ON";

/// Puts back what the thread was working on before; see [`processing`].
#[derive(Debug)]
pub struct Processing {
    previous: Option<PathBuf>,
}

impl Drop for Processing {
    fn drop(&mut self) {
        let previous = self.previous.take();
        PROCESSING.with(|p| *p.borrow_mut() = previous);
    }
}

/// The file this thread is working on, if a stage said.
pub fn current() -> Option<PathBuf> {
    PROCESSING.with(|p| p.borrow().clone())
}

/// The one line printed for a panic: what broke, where in salve, and the
/// file to attach to a report.
pub fn message(what: &str, location: Option<String>, file: Option<&Path>) -> String {
    let what = crate::printable::printable(what);
    let place = location.map(|l| format!(" at {l}")).unwrap_or_default();
    match file {
        Some(file) => format!(
            "error: salve has a bug: it crashed ({what}{place}) while processing {}. Please report it to salve's developers with that file.",
            crate::printable::printable(&file.to_string_lossy())
        ),
        None => format!(
            "error: salve has a bug: it crashed ({what}{place}). Please report it to salve's developers with the command you ran."
        ),
    }
}

/// Makes every panic print [`message`] on stderr and exit with [`EXIT_BUG`].
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("a panic");
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        eprintln!("{}", message(what, location, current().as_deref()));
        std::process::exit(EXIT_BUG);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guard_records_the_file_and_puts_back_the_one_before() {
        assert_eq!(current(), None);
        {
            let _outer = processing("site.toml");
            {
                let _inner = processing("articles/a.md");
                assert_eq!(current().as_deref(), Some(Path::new("articles/a.md")));
            }
            assert_eq!(current().as_deref(), Some(Path::new("site.toml")));
        }
        assert_eq!(current(), None);
    }

    #[test]
    fn the_message_is_one_line_naming_the_file() {
        let line = message(
            "index out of bounds\n\u{1b}[2J",
            Some("src/x.rs:3".into()),
            Some(Path::new("articles/a.md")),
        );
        assert!(!line.contains('\n') && !line.contains('\u{1b}'), "{line}");
        assert!(line.contains("while processing articles/a.md"), "{line}");
        assert!(line.contains("src/x.rs:3"), "{line}");
    }
}
