//! The subcommands: thin layers over the library's pipeline.

pub mod args;
pub mod build;
pub mod check;
pub mod errors;
pub mod init;
pub mod new;
pub mod progress;
pub mod report;
pub mod review;
pub mod serve;

use salve::diagnostic::Colour;
use std::ffi::OsString;
use std::io::IsTerminal;

/// Whether diagnostics on stderr are coloured: only on a terminal, so pipes
/// and CI logs get plain text, and never when `NO_COLOR` is set to anything
/// but the empty string (<https://no-color.org>).
pub fn stderr_colour() -> Colour {
    colour_for(
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR"),
    )
}

fn colour_for(terminal: bool, no_color: Option<OsString>) -> Colour {
    let no_color = no_color.is_some_and(|v| !v.is_empty());
    if terminal && !no_color {
        Colour::On
    } else {
        Colour::Off
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert_eq!(colour_for(true, None), Colour::On);
        assert_eq!(colour_for(true, Some("".into())), Colour::On);
        assert_eq!(colour_for(true, Some("1".into())), Colour::Off);
        assert_eq!(colour_for(false, None), Colour::Off);
        assert_eq!(colour_for(false, Some("1".into())), Colour::Off);
    }
}
