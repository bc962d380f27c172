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
    /// word, and at every blank line (a heading or list item with no full
    /// stop is still a unit of reading).
    pub fn of(text: &str) -> Self {
        let mut stats = Stats::default();
        for block in text.split("\n\n") {
            let mut open = false;
            for token in block.split_whitespace() {
                // Most words are ASCII: their bytes are letters, which is
                // several times faster than decoding characters, and this
                // runs for every word of every article.
                let is_word = if token.is_ascii() {
                    token.bytes().any(|b| b.is_ascii_alphanumeric())
                } else {
                    token.chars().any(char::is_alphanumeric)
                };
                if is_word {
                    stats.words += 1;
                    stats.syllables += syllables(token);
                    open = true;
                }
                if open
                    && token
                        .trim_end_matches(['"', '\'', ')', '”', '’'])
                        .ends_with(['.', '!', '?'])
                {
                    stats.sentences += 1;
                    open = false;
                }
            }
            if open {
                stats.sentences += 1;
            }
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
    if word.is_ascii() {
        count_syllables(
            word.bytes()
                .filter(u8::is_ascii_alphabetic)
                .map(|b| char::from(b.to_ascii_lowercase())),
        )
    } else {
        count_syllables(
            word.chars()
                .filter(|c| c.is_alphabetic())
                .map(|c| c.to_ascii_lowercase()),
        )
    }
}

/// Syllables in a word given as its letters, in lower case.
fn count_syllables(letters_of_word: impl Iterator<Item = char>) -> usize {
    // Runs for every word of every article: no allocation.
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut previous = false;
    // The last three letters, newest last, for the silent-e rule.
    let mut tail = ['\0'; 3];
    let mut letters = 0;
    for c in letters_of_word {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
        tail = [tail[1], tail[2], c];
        letters += 1;
    }
    // A final "e" is usually silent ("stroke"), but not in "-le" after a
    // consonant ("muscle", "ankle"), and not when it is the only vowel ("the").
    let silent_e = letters > 2 && tail[2] == 'e' && !vowel(tail[1]);
    let consonant_le = letters > 2 && tail[1] == 'l' && !vowel(tail[0]);
    if silent_e && !consonant_le {
        count -= 1;
    }
    count.max(1)
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
    }
}
