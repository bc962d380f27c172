//! The printed text of the library's errors: `error: ` and what failed,
//! with each error underneath it (the `source` chain), then, where salve
//! knows what the reader can do about it, a `  = help:` line.
//!
//! The library's errors are data and say only what happened; what to do is
//! said here, in the words of the commands and flags the reader typed.

use salve::BuildError;
use salve::printable::printable;
use salve::report::folder::FolderError;
use salve::search::SearchError;
use salve::serve::ServeError;
use salve::write::WriteError;
use std::error::Error;

/// A write error, as `build` and `serve` print it.
pub fn write_error(err: &WriteError) -> String {
    report(err, Some(write_help(err)))
}

/// A search index error, as `build` prints it: the output, named as
/// `output`, was left as it was.
pub fn search_error(err: &SearchError, output: &str) -> String {
    report(
        err,
        Some(format!(
            "nothing was written and {output} was left as it was; build with --no-search to skip the index"
        )),
    )
}

/// Why `serve` could not start.
pub fn serve_error(err: &ServeError) -> String {
    let help = match err {
        ServeError::PortInUse { port } => Some(format!(
            "stop that program, or pick another port with --port, e.g. `salve serve --port {}`",
            port.wrapping_add(1).max(1024)
        )),
        ServeError::Listen { .. } => Some("pick another port with --port".to_owned()),
        ServeError::Output(err) => Some(write_help(err)),
        ServeError::Watch(_) | ServeError::Runtime(_) => None,
    };
    report(err, help)
}

/// A rebuild of `serve` that failed, for the terminal and over the page
/// ([`salve::serve::Explain`]). Its search errors have no help: the old
/// pages are still served, and `serve --no-search` is the reader's call.
pub fn rebuild_error(err: &BuildError) -> String {
    match err {
        BuildError::Write(err) => write_error(err),
        BuildError::Search(err) => report(err, None),
        BuildError::Content(diagnostics) => diagnostics.render(salve::diagnostic::Colour::Off),
    }
}

/// Why `report` could not write its folder, with what to do in the words
/// of its `--output` flag.
pub fn report_folder_error(err: &FolderError) -> String {
    let help = match err {
        FolderError::InsideOutput { .. } | FolderError::InsidePages(_) => {
            "pass --output a folder of its own, e.g. --output report".to_owned()
        }
        FolderError::Write(WriteError::ContainsSite(_) | WriteError::InsideSources(_)) => {
            "pass --output a folder of its own inside the site, e.g. --output report".to_owned()
        }
        FolderError::Write(WriteError::NotOurs(_) | WriteError::NotAFolder(_)) => {
            "pass --output a new or empty folder, or move that folder's files away".to_owned()
        }
        FolderError::Write(err) => write_help(err),
    };
    report(err, Some(help))
}

/// What to do about a write error.
fn write_help(err: &WriteError) -> String {
    match err {
        WriteError::ContainsSite(_) => {
            "pass an output folder inside the site, e.g. --output public".to_owned()
        }
        WriteError::InsideSources(_) => "pass a folder outside them, e.g. --output public".to_owned(),
        WriteError::NotOurs(_) => {
            "pass another --output folder, or move that folder's files away".to_owned()
        }
        WriteError::NotAFolder(_) => "pass another --output folder".to_owned(),
        WriteError::IsReport(_) => {
            "build into another folder, e.g. --output public; the report stays where it is".to_owned()
        }
        WriteError::Link { folder, .. } => format!(
            "remove the link (what it points to stays as it is); salve will then write a real {} there",
            if *folder { "folder" } else { "file" }
        ),
        WriteError::Interrupted => {
            "the output is either as it was or complete, never a mix".to_owned()
        }
        WriteError::Io { .. } => "check that the disk has room and the folder is writable; the previous output was left as it was".to_owned(),
    }
}

/// `error: <err>: <its source>: …` and the help line, ending in a newline.
/// Paths and system messages come from outside salve: each is made
/// printable, so none can move the cursor or start a line of its own.
fn report(err: &dyn Error, help: Option<String>) -> String {
    let mut text = format!("error: {}", printable(&err.to_string()));
    let mut source = err.source();
    while let Some(err) = source {
        text.push_str(": ");
        text.push_str(&printable(&err.to_string()));
        source = err.source();
    }
    if let Some(help) = help {
        text.push_str("\n  = help: ");
        text.push_str(&printable(&help));
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;
    use std::path::PathBuf;

    #[test]
    fn the_source_follows_the_error_and_help_comes_last() {
        let err = WriteError::Io {
            path: PathBuf::from("public/a.html"),
            source: io::Error::other("No space left on device"),
        };
        assert_eq!(
            write_error(&err),
            "error: cannot write public/a.html: No space left on device\n  = help: check that the disk has room and the folder is writable; the previous output was left as it was\n"
        );
    }

    #[test]
    fn the_port_in_use_help_names_another_port() {
        let text = serve_error(&ServeError::PortInUse { port: 4000 });
        assert_eq!(
            text,
            "error: port 4000 is already in use by another program\n  = help: stop that program, or pick another port with --port, e.g. `salve serve --port 4001`\n"
        );
        let low = serve_error(&ServeError::PortInUse { port: 80 });
        assert!(low.contains("--port 1024`"), "{low}");
    }

    #[test]
    fn an_output_refused_by_serve_reads_as_it_does_for_build() {
        let refused = || WriteError::NotOurs(PathBuf::from("site"));
        assert_eq!(
            serve_error(&ServeError::Output(refused())),
            write_error(&refused())
        );
    }

    #[test]
    fn a_path_cannot_start_a_line_of_its_own() {
        let err = WriteError::NotAFolder(PathBuf::from("out\n  = help: run rm -rf ~"));
        let text = write_error(&err);
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.starts_with("error: the output path out␊  = help: run rm -rf ~ exists"));
    }
}
