//! Positions and lines of a file's text by byte offset, for the links,
//! files and problems of a body.
//!
//! A body can hold hundreds of thousands of links, many on one long line.
//! Counting from the start of the file for each would make parsing
//! quadratic, and giving each its own copy of its line made memory grow with
//! links × line length. Here a position costs a scan of at most [`BLOCK`]
//! bytes, and each line is copied at most once, shared by everything on it.

use crate::diagnostic::Position;
use std::collections::HashMap;
use std::sync::Arc;

/// Bytes between two checkpoints: a position scans at most this many.
const BLOCK: usize = 256;

/// What is known at the start of each block of [`BLOCK`] bytes.
#[derive(Debug, Clone, Copy)]
struct Mark {
    /// Newlines before it.
    newlines: usize,
    /// Byte offset of the line it is in.
    line_start: usize,
    /// Characters between `line_start` and it.
    column: usize,
}

/// A text's checkpoints and the lines handed out so far.
#[derive(Debug)]
pub(crate) struct Lines<'t> {
    text: &'t str,
    /// Built on the first question: most bodies never ask one.
    marks: Vec<Mark>,
    /// Lines already copied, by 1-based number.
    shared: HashMap<usize, Arc<str>>,
}

impl<'t> Lines<'t> {
    /// An index of `text`; nothing is computed yet.
    pub(crate) fn new(text: &'t str) -> Self {
        Self {
            text,
            marks: Vec::new(),
            shared: HashMap::new(),
        }
    }

    fn marks(&mut self) -> &[Mark] {
        if self.marks.is_empty() {
            let mut mark = Mark {
                newlines: 0,
                line_start: 0,
                column: 0,
            };
            self.marks.reserve(self.text.len() / BLOCK + 1);
            for (i, &b) in self.text.as_bytes().iter().enumerate() {
                if i % BLOCK == 0 {
                    self.marks.push(mark);
                }
                if b == b'\n' {
                    mark.newlines += 1;
                    mark.line_start = i + 1;
                    mark.column = 0;
                } else if is_char_start(b) {
                    mark.column += 1;
                }
            }
            if self.marks.is_empty() {
                self.marks.push(mark);
            }
        }
        &self.marks
    }

    /// The position of byte `offset`, as [`Position::of_offset`] gives it,
    /// and the byte offset of its line.
    fn locate(&mut self, offset: usize) -> (Position, usize) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let marks = self.marks();
        // The end of a text whose length is a multiple of BLOCK has no block
        // of its own; it is found from the last one.
        let block = (offset / BLOCK).min(marks.len() - 1);
        let mark = marks[block];
        let mut position = Position {
            line: mark.newlines + 1,
            column: mark.column + 1,
        };
        let mut line_start = mark.line_start;
        let from = block * BLOCK;
        for (i, &b) in text.as_bytes()[from..offset].iter().enumerate() {
            if b == b'\n' {
                position.line += 1;
                position.column = 1;
                line_start = from + i + 1;
            } else if is_char_start(b) {
                position.column += 1;
            }
        }
        (position, line_start)
    }

    /// The position of byte `offset` and the text of its line, as
    /// `str::lines` gives it. The line is copied once however many ask.
    pub(crate) fn line_at(&mut self, offset: usize) -> (Position, Arc<str>) {
        let (position, start) = self.locate(offset);
        let text = self.text;
        let line = self
            .shared
            .entry(position.line)
            .or_insert_with(|| {
                let rest = &text[start..];
                let line = match rest.find('\n') {
                    Some(end) => rest[..end].strip_suffix('\r').unwrap_or(&rest[..end]),
                    None => rest,
                };
                Arc::from(line)
            })
            .clone();
        (position, line)
    }
}

/// Whether byte `b` begins a character (is not a UTF-8 continuation byte).
fn is_char_start(b: u8) -> bool {
    b & 0xC0 != 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_lines_match_counting_from_the_start() {
        // Long and short lines, multi-byte characters across block edges,
        // CRLF endings, a final line without a newline.
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&"é🦵a".repeat(i * 7));
            text.push_str(if i % 3 == 0 { "\r\n" } else { "\n" });
        }
        text.push_str("last\r");
        let mut lines = Lines::new(&text);
        let expected: Vec<&str> = text.lines().collect();
        // Backwards too: nothing may depend on the order of questions.
        for offset in (0..=text.len() + 2).rev() {
            let want = Position::of_offset(&text, offset);
            assert_eq!(lines.locate(offset).0, want, "offset {offset}");
            if offset < text.len() {
                let (pos, line) = lines.line_at(offset);
                assert_eq!(pos, want);
                assert_eq!(&*line, expected[pos.line - 1], "offset {offset}");
            }
        }
    }

    #[test]
    fn a_line_is_copied_once_for_everything_on_it() {
        let text = "![a](x.png)".repeat(1_000);
        let mut lines = Lines::new(&text);
        let (_, first) = lines.line_at(0);
        let (pos, last) = lines.line_at(text.len() - 1);
        assert_eq!(pos.column, text.len());
        assert!(Arc::ptr_eq(&first, &last));
        assert!(Lines::new("").line_at(0).1.is_empty());
    }
}
