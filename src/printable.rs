//! User text made safe to print on a terminal.
//!
//! File names, front matter values and site.toml keys reach salve's messages,
//! and anyone who can commit to a site writes them. A terminal obeys the
//! control bytes in what it prints: ESC starts sequences that set the window
//! title, recolour or rewrite earlier lines, BEL rings, and a newline can fake
//! a line of salve's own (`= help: …`). Bidirectional overrides make a name
//! read differently from its bytes. Every piece of user text in human output
//! goes through [`printable`] (or [`printable_lines`] for salve's own
//! multi-line messages), which swaps each such character for one visible
//! character, so columns and carets still line up.

use std::borrow::Cow;

/// `text` with every control character but tab shown as a visible symbol:
/// C0 controls and DEL as their Unicode control pictures (`␛`, `␇`, `␊`),
/// C1 controls and bidirectional overrides as `�`. One character becomes
/// one character.
pub fn printable(text: &str) -> Cow<'_, str> {
    replace(text, |c| c != '\t')
}

/// [`printable`] for text that salve itself lays out over several lines:
/// newlines are kept, everything else is made safe.
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    replace(text, |c| c != '\t' && c != '\n')
}

fn replace(text: &str, unsafe_control: impl Fn(char) -> bool) -> Cow<'_, str> {
    let bad = |c: char| is_unsafe(c) && unsafe_control(c);
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if bad(c) { visible(c) } else { c })
            .collect(),
    )
}

fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The characters that reorder text on screen (embeddings, overrides,
/// isolates and marks).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn visible(c: char) -> char {
    match c {
        '\0'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bells_become_control_pictures() {
        assert_eq!(printable("a\u{1b}]0;x\u{7}b"), "a␛]0;x␇b");
        assert_eq!(printable("del\u{7f}"), "del␡");
    }

    #[test]
    fn a_newline_cannot_fake_a_line_of_salve_s_own() {
        assert_eq!(printable("x\n  = help: run rm"), "x␊  = help: run rm");
        assert_eq!(printable_lines("x\n  = help"), "x\n  = help");
        assert_eq!(printable_lines("x\r\u{1b}"), "x␍␛");
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_replaced() {
        assert_eq!(printable("a\u{9b}31m"), "a\u{FFFD}31m");
        assert_eq!(printable("evil\u{202E}gpj.md"), "evil\u{FFFD}gpj.md");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        let text = "Dr. Ana Ruiz — médica\tclínica 🩺";
        assert!(matches!(printable(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn one_character_becomes_one_character() {
        let text = "a\u{1b}b\u{9b}c\u{2066}d\u{0}";
        assert_eq!(printable(text).chars().count(), text.chars().count());
    }
}
