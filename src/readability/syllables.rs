//! Syllables, counted as letters come in: by the usual English heuristic,
//! and by Spanish spelling, where syllables are nearly regular.

/// Syllables in one English word, at least one.
pub fn syllables(word: &str) -> usize {
    let mut counter = Syllables::default();
    for c in word.chars() {
        counter.push(c);
    }
    counter.count()
}

/// Syllables in one Spanish word, at least one.
pub fn spanish_syllables(word: &str) -> usize {
    let mut counter = SpanishSyllables::default();
    for c in word.chars() {
        counter.push(c);
    }
    counter.count()
}

/// Counts syllables by the usual English heuristic as letters come in:
/// vowel groups, less a silent final `e`.
#[derive(Default)]
pub(super) struct Syllables {
    groups: usize,
    previous_vowel: bool,
    /// The last three letters, newest last, for the silent-e rule.
    tail: [char; 3],
    letters: usize,
}

impl Syllables {
    pub(super) fn push(&mut self, c: char) {
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

    pub(super) fn count(&self) -> usize {
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

/// A letter as Spanish syllables see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Letter {
    /// A consonant, or nothing yet.
    #[default]
    Consonant,
    /// `a`, `e`, `o`, accented or not.
    Strong,
    /// `i`, `u`, `ü`, and `y` where it sounds as `i`.
    Weak,
    /// `í`, `ú`: a weak vowel carrying the stress, which stands alone.
    StressedWeak,
}

impl Letter {
    fn of(c: char) -> Letter {
        match c {
            'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'à' | 'è' | 'ò' => Letter::Strong,
            'i' | 'u' | 'ü' | 'ï' => Letter::Weak,
            'í' | 'ú' => Letter::StressedWeak,
            _ => Letter::Consonant,
        }
    }

    fn is_vowel(self) -> bool {
        self != Letter::Consonant
    }
}

/// Counts Spanish syllables as letters come in: one for each vowel group,
/// and one more at each hiatus inside a group. Two strong vowels (`a`, `e`,
/// `o`) are a hiatus ("le-er", "po-e-ta"), and so is an accented `í` or
/// `ú` beside any vowel ("dí-a", "re-ú-ne"); any other pair is a diphthong
/// ("ciu-dad", "bue-no", "buey"). The `u` of `que`, `qui`, `gue`, `gui` is
/// not said ("a-quí", "guí-a"), and `y` is a vowel only where no vowel
/// follows ("hoy", "muy", but "a-yu-da"). Writing an `h` between vowels
/// splits them, as hyphenation does ("pro-hi-bir").
#[derive(Default)]
pub(super) struct SpanishSyllables {
    nuclei: usize,
    /// The last letter that counts: a vowel, or a consonant.
    previous: Letter,
    /// The last letter read was `q` or `g`.
    after_qg: bool,
    /// A `u` after `q` or `g` waiting for the next letter: silent before
    /// `e` or `i`, a vowel otherwise.
    pending_u: bool,
    /// A `y` waiting for the next letter: a consonant before a vowel, a
    /// weak vowel otherwise.
    pending_y: bool,
}

impl SpanishSyllables {
    pub(super) fn push(&mut self, c: char) {
        if !c.is_alphabetic() {
            return;
        }
        let c = c.to_lowercase().next().unwrap_or(c);
        let letter = Letter::of(c);
        if std::mem::take(&mut self.pending_u) {
            if matches!(c, 'e' | 'é' | 'i' | 'í') {
                // Silent: the vowel after it follows the consonant.
                self.previous = Letter::Consonant;
            } else {
                self.vowel(Letter::Weak);
            }
        }
        if std::mem::take(&mut self.pending_y) {
            if letter.is_vowel() {
                self.previous = Letter::Consonant;
            } else {
                self.vowel(Letter::Weak);
            }
        }
        let after_qg = std::mem::replace(&mut self.after_qg, matches!(c, 'q' | 'g'));
        if c == 'u' && after_qg {
            self.pending_u = true;
        } else if c == 'y' {
            self.pending_y = true;
        } else if letter.is_vowel() {
            self.vowel(letter);
        } else {
            self.previous = Letter::Consonant;
        }
    }

    /// Counts a vowel: a new syllable unless it makes a diphthong with the
    /// vowel before it.
    fn vowel(&mut self, letter: Letter) {
        let hiatus = matches!(
            (self.previous, letter),
            (Letter::Consonant, _)
                | (Letter::StressedWeak, _)
                | (_, Letter::StressedWeak)
                | (Letter::Strong, Letter::Strong)
        );
        if hiatus {
            self.nuclei += 1;
        }
        self.previous = letter;
    }

    pub(super) fn count(&self) -> usize {
        // A `u` or `y` still waiting ends the word, so it is a vowel.
        let mut nuclei = self.nuclei;
        if self.pending_u || self.pending_y {
            let hiatus = matches!(self.previous, Letter::Consonant | Letter::StressedWeak);
            nuclei += usize::from(hiatus);
        }
        nuclei.max(1)
    }
}
