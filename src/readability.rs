//! How hard an article is to read: the Flesch–Kincaid grade level.
//!
//! Health information should be readable by most adults, which public health
//! style guides put at about grade 8 or below. The grade is
//! `0.39 × words/sentence + 11.8 × syllables/word − 15.59`. Syllables are
//! counted by the usual English heuristic (vowel groups, less a silent final
//! `e`), which is close enough for a warning threshold.

/// Word, sentence and syllable counts of some prose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Words.
    pub words: usize,
    /// Sentences.
    pub sentences: usize,
    /// Syllables.
    pub syllables: usize,
}

impl Stats {
    /// Counts the prose in `text`. A sentence ends at `.`, `!` or `?` after a
    /// word (closing quotes and brackets may follow), and at every blank
    /// line (a heading or list item with no full stop is still a unit of
    /// reading).
    pub fn of(text: &str) -> Self {
        // One pass over the characters: this runs over every word of every
        // article, and splitting into blocks and tokens first took several
        // times as long.
        let mut stats = Stats::default();
        let mut open = false;
        let mut token = Token::default();
        let mut newlines = 0;
        for c in text.chars() {
            if !c.is_whitespace() {
                token.push(c);
                newlines = 0;
                continue;
            }
            token.end(&mut stats, &mut open);
            if c == '\n' {
                newlines += 1;
                // Each "\n\n", as `str::split` would find them, ends a block.
                if newlines % 2 == 0 && open {
                    stats.sentences += 1;
                    open = false;
                }
            } else {
                newlines = 0;
            }
        }
        token.end(&mut stats, &mut open);
        if open {
            stats.sentences += 1;
        }
        stats
    }

    /// The Flesch–Kincaid grade, or `None` for text with no words.
    pub fn grade(&self) -> Option<f64> {
        if self.words == 0 || self.sentences == 0 {
            return None;
        }
        let words = self.words as f64;
        Some(0.39 * words / self.sentences as f64 + 11.8 * self.syllables as f64 / words - 15.59)
    }
}

/// Syllables in one English word, at least one.
pub fn syllables(word: &str) -> usize {
    let mut counter = Syllables::default();
    for c in word.chars() {
        counter.push(c);
    }
    counter.count()
}

/// The token being read by [`Stats::of`].
#[derive(Default)]
struct Token {
    syllables: Syllables,
    /// Whether it has a letter or digit: only then is it a word.
    is_word: bool,
    /// Its last character that is not a closing quote or bracket.
    last: Option<char>,
}

impl Token {
    fn push(&mut self, c: char) {
        self.is_word |= c.is_alphanumeric();
        self.syllables.push(c);
        if !matches!(c, '"' | '\'' | ')' | '”' | '’') {
            self.last = Some(c);
        }
    }

    /// Counts the token, if any, into `stats` and starts the next.
    fn end(&mut self, stats: &mut Stats, open: &mut bool) {
        if self.is_word {
            stats.words += 1;
            stats.syllables += self.syllables.count();
            *open = true;
        }
        if *open && matches!(self.last, Some('.' | '!' | '?')) {
            stats.sentences += 1;
            *open = false;
        }
        *self = Token::default();
    }
}

/// Counts syllables by the usual English heuristic as letters come in:
/// vowel groups, less a silent final `e`.
#[derive(Default)]
struct Syllables {
    groups: usize,
    previous_vowel: bool,
    /// The last three letters, newest last, for the silent-e rule.
    tail: [char; 3],
    letters: usize,
}

impl Syllables {
    fn push(&mut self, c: char) {
        if !c.is_alphabetic() {
            return;
        }
        let c = c.to_ascii_lowercase();
        let v = is_vowel(c);
        if v && !self.previous_vowel {
            self.groups += 1;
        }
        self.previous_vowel = v;
        self.tail = [self.tail[1], self.tail[2], c];
        self.letters += 1;
    }

    fn count(&self) -> usize {
        // A final "e" is usually silent ("stroke"), but not in "-le" after a
        // consonant ("muscle", "ankle"), and not when it is the only vowel
        // ("the").
        let [a, b, c] = self.tail;
        let silent_e = self.letters > 2 && c == 'e' && !is_vowel(b);
        let consonant_le = self.letters > 2 && b == 'l' && !is_vowel(a);
        let mut count = self.groups;
        if silent_e && !consonant_le {
            count -= 1;
        }
        count.max(1)
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_common_words() {
        for (word, n) in [
            ("the", 1),
            ("rest", 1),
            ("stroke", 1),
            ("muscle", 2),
            ("ankle", 2),
            ("doctor", 2),
            ("exercise", 3),
            ("medicine", 3),
            ("dehydration", 4),
            ("inflammation", 4),
            ("peripheral", 4),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
        // Letters beyond ASCII are letters, not breaks between words.
        assert_eq!(syllables("Müller"), syllables("Mller"));
    }

    #[test]
    fn grade_of_hand_checked_sentences() {
        // "The cat sat on the mat." 6 words, 1 sentence, 6 syllables:
        // 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45.
        let s = Stats::of("The cat sat on the mat.");
        assert_eq!(
            s,
            Stats {
                words: 6,
                sentences: 1,
                syllables: 6
            }
        );
        assert!((s.grade().unwrap() + 1.45).abs() < 1e-9);
        // 11 words, 1 sentence, 26 syllables, counted word by word below:
        // 0.39 × 11 + 11.8 × 26/11 − 15.59 ≈ 16.6.
        let s = Stats::of(
            "Peripheral artery disease reduces circulation to the leg muscles during exercise.",
        );
        assert_eq!((s.words, s.sentences), (11, 1));
        assert_eq!(s.syllables, 4 + 3 + 2 + 3 + 4 + 1 + 1 + 1 + 2 + 2 + 3);
        let g = s.grade().unwrap();
        assert!(
            (g - (0.39 * 11.0 + 11.8 * 26.0 / 11.0 - 15.59)).abs() < 1e-9,
            "{g}"
        );
        assert!(g > 8.0);
    }

    #[test]
    fn blocks_without_full_stops_still_end_sentences() {
        let s = Stats::of("Strained calf\n\nRest it. Ice it!\n\n- Elevate");
        assert_eq!(s.sentences, 4);
        assert_eq!(s.words, 7);
        assert_eq!(Stats::of("").grade(), None);
        // Each "\n\n" ends a block, so three newlines are one blank line.
        let s = Stats::of("Rest\n\n\nIce\n\n\n\nHeat");
        assert_eq!((s.words, s.sentences), (3, 3));
        // Closing quotes and brackets may follow the full stop.
        let s = Stats::of("He said \"rest.\") Then ice (gently.) Heat’ more");
        assert_eq!((s.words, s.sentences), (8, 3));
    }
}
