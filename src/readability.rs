//! How hard an article is to read, by a formula made for its language.
//!
//! Health information should be readable by most adults. English is
//! measured by the Flesch–Kincaid grade level, which public health style
//! guides want at about grade 8 or below:
//! `0.39 × words/sentence + 11.8 × syllables/word − 15.59`, with syllables
//! counted by the usual English heuristic (vowel groups, less a silent final
//! `e`), which is close enough for a warning threshold.
//!
//! Spanish is measured by the Szigriszt-Pazos perspicuity read on the
//! INFLESZ scale, the one Spanish health writing is judged by:
//! `206.835 − 62.3 × syllables/word − words/sentence`, from 0 (very hard)
//! to 100 (very easy), with 55 the start of "normal". Its syllables follow
//! Spanish spelling, where they are nearly regular (see
//! [`spanish_syllables`]).
//!
//! Other languages have no formula here: their articles are not graded.

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Position};
use serde::Serialize;

/// Word, sentence and syllable counts of some prose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Words.
    pub words: usize,
    /// Sentences.
    pub sentences: usize,
    /// Syllables, counted as English.
    pub syllables: usize,
    /// Syllables, counted as Spanish. Both counts are made in the one pass
    /// over the text, so parsing need not know the article's language.
    pub spanish_syllables: usize,
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

    /// The Szigriszt-Pazos perspicuity (the INFLESZ score), or `None` for
    /// text with no words.
    pub fn perspicuity(&self) -> Option<f64> {
        if self.words == 0 || self.sentences == 0 {
            return None;
        }
        let words = self.words as f64;
        Some(206.835 - 62.3 * self.spanish_syllables as f64 / words - words / self.sentences as f64)
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

/// Syllables in one Spanish word, at least one.
pub fn spanish_syllables(word: &str) -> usize {
    let mut counter = SpanishSyllables::default();
    for c in word.chars() {
        counter.push(c);
    }
    counter.count()
}

/// The token being read by [`Stats::of`].
#[derive(Default)]
struct Token {
    syllables: Syllables,
    spanish: SpanishSyllables,
    /// Whether it has a letter or digit: only then is it a word.
    is_word: bool,
    /// Its last character that is not a closing quote or bracket.
    last: Option<char>,
}

impl Token {
    fn push(&mut self, c: char) {
        self.is_word |= c.is_alphanumeric();
        self.syllables.push(c);
        self.spanish.push(c);
        if !matches!(c, '"' | '\'' | ')' | '”' | '’') {
            self.last = Some(c);
        }
    }

    /// Counts the token, if any, into `stats` and starts the next.
    fn end(&mut self, stats: &mut Stats, open: &mut bool) {
        if self.is_word {
            stats.words += 1;
            stats.syllables += self.syllables.count();
            stats.spanish_syllables += self.spanish.count();
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
struct SpanishSyllables {
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
    fn push(&mut self, c: char) {
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

    fn count(&self) -> usize {
        // A `u` or `y` still waiting ends the word, so it is a vowel.
        let mut nuclei = self.nuclei;
        if self.pending_u || self.pending_y {
            let hiatus = matches!(self.previous, Letter::Consonant | Letter::StressedWeak);
            nuclei += usize::from(hiatus);
        }
        nuclei.max(1)
    }
}

/// A readability formula salve computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Formula {
    /// The Flesch–Kincaid grade level, for English: a school grade, where
    /// higher is harder.
    #[serde(rename = "flesch-kincaid")]
    FleschKincaid,
    /// The Szigriszt-Pazos perspicuity on the INFLESZ scale, for Spanish:
    /// 0 to 100, where higher is easier.
    #[serde(rename = "inflesz")]
    Inflesz,
}

impl Formula {
    /// Every formula, with the primary language subtag it is made for.
    pub const ALL: &[(&str, Formula)] = &[("en", Formula::FleschKincaid), ("es", Formula::Inflesz)];

    /// The formula for a BCP 47 language tag, by its primary subtag
    /// (`es-MX` is Spanish); `None` for a language salve has none for.
    pub fn for_language(tag: &str) -> Option<Formula> {
        let primary = crate::i18n::primary(tag);
        Formula::ALL
            .iter()
            .find(|(language, _)| *language == primary)
            .map(|(_, formula)| *formula)
    }

    /// Its name, as the README and messages give it.
    pub fn name(self) -> &'static str {
        match self {
            Formula::FleschKincaid => "Flesch–Kincaid grade",
            Formula::Inflesz => "INFLESZ",
        }
    }

    /// Its score on counted prose, or `None` for text with no words.
    pub fn score(self, stats: &Stats) -> Option<f64> {
        match self {
            Formula::FleschKincaid => stats.grade(),
            Formula::Inflesz => stats.perspicuity(),
        }
    }

    /// The words of its scale for a score, where it has them: the INFLESZ
    /// bands.
    pub fn band(self, score: f64) -> Option<&'static str> {
        match self {
            Formula::FleschKincaid => None,
            Formula::Inflesz => Some(match score {
                s if s < 40.0 => "muy difícil",
                s if s < 55.0 => "algo difícil",
                s if s < 65.0 => "normal",
                s if s < 80.0 => "bastante fácil",
                _ => "muy fácil",
            }),
        }
    }
}

/// The limits site.toml sets, one per formula.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// The Flesch–Kincaid grade above which an article is too hard.
    pub grade_max: f64,
    /// The INFLESZ score below which an article is too hard.
    pub ease_min: f64,
}

impl Limits {
    /// The site's limits. Every limit is read from the settings here and
    /// nowhere else.
    pub fn of(config: &SiteConfig) -> Limits {
        Limits {
            grade_max: config.reading_grade_max,
            ease_min: config.reading_ease_min,
        }
    }
}

/// How articles in one language are judged: its formula and the limit the
/// site sets for it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReadingLevel {
    /// The formula.
    pub formula: Formula,
    /// The grade at most (Flesch–Kincaid) or the score at least (INFLESZ).
    pub limit: f64,
}

/// An article's score, and whether it is within the site's limit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Reading {
    /// The formula.
    pub formula: Formula,
    /// Its score.
    pub score: f64,
    /// The limit it was judged by (see [`ReadingLevel::limit`]).
    pub limit: f64,
    /// Whether the score is within the limit.
    pub passes: bool,
}

impl ReadingLevel {
    /// How `language` is judged under `limits`; `None` when salve has no
    /// formula for it.
    pub fn new(language: &str, limits: Limits) -> Option<ReadingLevel> {
        let formula = Formula::for_language(language)?;
        let limit = match formula {
            Formula::FleschKincaid => limits.grade_max,
            Formula::Inflesz => limits.ease_min,
        };
        Some(ReadingLevel { formula, limit })
    }

    /// How the site's `language` is judged under its limits.
    pub fn of_site(config: &SiteConfig) -> Option<ReadingLevel> {
        ReadingLevel::new(config.language.get_ref(), Limits::of(config))
    }

    /// Whether `score` is within the limit.
    pub fn passes(&self, score: f64) -> bool {
        // A limit that is no number (TOML's `nan`) compares as neither, and
        // lets every score pass rather than fail, as it always did.
        let against = score.partial_cmp(&self.limit);
        match self.formula {
            Formula::FleschKincaid => against != Some(std::cmp::Ordering::Greater),
            Formula::Inflesz => against != Some(std::cmp::Ordering::Less),
        }
    }

    /// The reading of counted prose, or `None` for text with no words.
    pub fn reading(&self, stats: &Stats) -> Option<Reading> {
        let score = self.formula.score(stats)?;
        Some(Reading {
            formula: self.formula,
            score,
            limit: self.limit,
            passes: self.passes(score),
        })
    }
}

impl Reading {
    /// The warning for an article of `source` whose reading misses the
    /// limit: what it scored, in the scale's words, and what to do.
    pub fn warning(&self, source: &std::path::Path) -> Diagnostic {
        let (message, key) = match self.formula {
            Formula::FleschKincaid => (
                format!(
                    "the article reads at grade {:.1}, above the site's maximum of {}",
                    self.score, self.limit
                ),
                "reading_grade_max",
            ),
            Formula::Inflesz => (
                format!(
                    "the article scores INFLESZ {:.1}, «{}»; the site asks for {} or more",
                    self.score,
                    self.formula.band(self.score).unwrap_or_default(),
                    self.limit
                ),
                "reading_ease_min",
            ),
        };
        Diagnostic::warning("reading-level", source, message).hint(format!(
            "use shorter sentences and everyday words; {key} in site.toml sets the limit"
        ))
    }
}

/// Grades the articles of a build: by the site's reading level, or, for a
/// language with no formula, not at all, saying so once.
#[derive(Debug)]
pub struct Grader {
    /// The level, or the warning that there is none until it is given.
    level: Result<ReadingLevel, Option<Diagnostic>>,
}

impl Grader {
    /// The grader of the site `config` sets (`config_text` is site.toml's
    /// text, to place the warning).
    pub fn of_site(config: &SiteConfig, config_text: &str) -> Grader {
        Grader::new(ReadingLevel::of_site(config), || {
            no_formula_warning(&config.language, config_text)
        })
    }

    /// The grader by `level`; when that is `None`, `no_formula` makes the
    /// warning given once.
    pub fn new(level: Option<ReadingLevel>, no_formula: impl FnOnce() -> Diagnostic) -> Grader {
        Grader {
            level: level.ok_or_else(|| Some(no_formula())),
        }
    }

    /// The reading of counted prose; `None` for text with no words, or
    /// when there is no formula: then the first call pushes the warning
    /// saying so into `out`.
    pub fn grade(&mut self, stats: &Stats, out: &mut Vec<Diagnostic>) -> Option<Reading> {
        match &mut self.level {
            Ok(level) => level.reading(stats),
            Err(warning) => {
                out.extend(warning.take());
                None
            }
        }
    }
}

/// The warning that a language has no formula, so its articles are not
/// graded: given once a build, at the place in site.toml that names the
/// language, where it is written (`config_text` is site.toml's text).
pub fn no_formula_warning(language: &toml::Spanned<String>, config_text: &str) -> Diagnostic {
    let span = language.span();
    let language = language.get_ref();
    let known: Vec<String> = Formula::ALL
        .iter()
        .map(|(tag, formula)| format!("`{tag}` ({})", formula.name()))
        .collect();
    let d = Diagnostic::warning(
        "no-reading-formula",
        crate::config::CONFIG_FILE,
        format!("salve has no reading-level formula for `{language}`; its articles are not graded"),
    )
    .hint(format!(
        "salve has formulas for {}; set `no-reading-formula = \"allow\"` under [lints] to silence this",
        known.join(" and ")
    ));
    if span.is_empty() {
        d
    } else {
        d.at(Position::of_offset(config_text, span.start), config_text)
    }
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
        assert_eq!((s.words, s.sentences, s.syllables), (6, 1, 6));
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

    #[test]
    fn spanish_syllables_of_hand_checked_words() {
        // Each split by hand, as Spanish hyphenation splits it.
        for (word, n) in [
            ("el", 1),                // el
            ("y", 1),                 // y
            ("casa", 2),              // ca-sa
            ("hoy", 1),               // hoy: a final y after a vowel is a diphthong
            ("muy", 1),               // muy
            ("buey", 1),              // buey: a triphthong
            ("ayuda", 3),             // a-yu-da: y before a vowel is a consonant
            ("leyes", 2),             // le-yes
            ("aire", 2),              // ai-re
            ("ciudad", 2),            // ciu-dad: two weak vowels
            ("cuidado", 3),           // cui-da-do
            ("bueno", 2),             // bue-no
            ("tiempo", 2),            // tiem-po
            ("poeta", 3),             // po-e-ta: two strong vowels
            ("leer", 2),              // le-er
            ("caer", 2),              // ca-er
            ("día", 2),               // dí-a: an accented í breaks the diphthong
            ("país", 2),              // pa-ís
            ("reúne", 3),             // re-ú-ne
            ("oído", 3),              // o-í-do
            ("que", 1),               // que: silent u
            ("quiero", 2),            // quie-ro
            ("aquí", 2),              // a-quí
            ("guerra", 2),            // gue-rra
            ("guía", 2),              // guí-a
            ("esguince", 3),          // es-guin-ce
            ("agua", 2),              // a-gua: u before a is said
            ("Uruguay", 3),           // U-ru-guay
            ("pingüino", 3),          // pin-güi-no
            ("médico", 3),            // mé-di-co
            ("corazón", 3),           // co-ra-zón
            ("inflamación", 4),       // in-fla-ma-ción
            ("farmacéutico", 5),      // far-ma-céu-ti-co
            ("enfermedad", 4),        // en-fer-me-dad
            ("prohibir", 3),          // pro-hi-bir
            ("considerablemente", 7), // con-si-de-ra-ble-men-te
        ] {
            assert_eq!(spanish_syllables(word), n, "{word}");
        }
        // Capitals and punctuation around a word change nothing.
        assert_eq!(spanish_syllables("¿AQUÍ?"), 2);
        assert_eq!(spanish_syllables("«Día»,"), 2);
        assert_eq!(spanish_syllables("2024"), 1);
    }

    #[test]
    fn inflesz_of_hand_checked_texts() {
        // El(1) niño(2) come(2) pan(1). La(1) casa(2) es(1) azul(2).
        // 8 words, 2 sentences, 12 syllables:
        // 206.835 − 62.3 × 12/8 − 8/2 = 206.835 − 93.45 − 4 = 109.385.
        let s = Stats::of("El niño come pan. La casa es azul.");
        assert_eq!((s.words, s.sentences, s.spanish_syllables), (8, 2, 12));
        assert!((s.perspicuity().unwrap() - 109.385).abs() < 1e-9);
        // 26 words, 1 sentence, 54 syllables, word by word below:
        // 206.835 − 62.3 × 54/26 − 26 ≈ 51.44, INFLESZ "algo difícil".
        let s = Stats::of(HARD);
        assert_eq!((s.words, s.sentences), (26, 1));
        assert_eq!(
            s.spanish_syllables,
            1 + 2 + 1 + 1 + 3 + 4 + 1 + 3 + 2 + 1 // El dolor de la rodilla aparece con frecuencia después de
                + 2 + 3 + 2 + 2 + 2 + 4 + 2 + 2 + 2 + 2 // correr durante mucho tiempo sobre superficies duras, sobre todo cuando
                + 1 + 3 + 1 + 2 + 2 + 3 // los músculos del muslo están cansados.
        );
        let p = s.perspicuity().unwrap();
        assert!((p - 51.442_692_307_692).abs() < 1e-9, "{p}");
        assert_eq!(Formula::Inflesz.band(p), Some("algo difícil"));
        assert_eq!(Stats::of("").perspicuity(), None);
    }

    const HARD: &str = "El dolor de la rodilla aparece con frecuencia después de correr \
        durante mucho tiempo sobre superficies duras, sobre todo cuando los músculos del \
        muslo están cansados.";

    #[test]
    fn the_formula_follows_the_primary_language_subtag() {
        assert_eq!(Formula::for_language("en"), Some(Formula::FleschKincaid));
        assert_eq!(Formula::for_language("en-GB"), Some(Formula::FleschKincaid));
        assert_eq!(Formula::for_language("es"), Some(Formula::Inflesz));
        assert_eq!(Formula::for_language("ES-mx"), Some(Formula::Inflesz));
        assert_eq!(Formula::for_language("fr"), None);
        assert_eq!(Formula::for_language("eu"), None);
    }

    #[test]
    fn inflesz_bands_and_the_limit_start_where_the_scale_says() {
        let band = |p| Formula::Inflesz.band(p);
        assert_eq!(band(39.9), Some("muy difícil"));
        assert_eq!(band(40.0), Some("algo difícil"));
        assert_eq!(band(54.9), Some("algo difícil"));
        assert_eq!(band(55.0), Some("normal"));
        assert_eq!(band(65.0), Some("bastante fácil"));
        assert_eq!(band(80.0), Some("muy fácil"));
        assert_eq!(Formula::FleschKincaid.band(12.0), None);
        let limits = Limits {
            grade_max: 8.0,
            ease_min: 55.0,
        };
        let es = ReadingLevel::new("es", limits).unwrap();
        assert_eq!(es.limit, 55.0);
        assert!(es.passes(55.0) && es.passes(90.0) && !es.passes(54.99));
        let en = ReadingLevel::new("en", limits).unwrap();
        assert_eq!(en.limit, 8.0);
        assert!(en.passes(8.0) && en.passes(3.0) && !en.passes(8.01));
        assert_eq!(ReadingLevel::new("fr", limits), None);
        // A limit that is no number fails nothing.
        let nan = Limits {
            grade_max: f64::NAN,
            ease_min: f64::NAN,
        };
        assert!(ReadingLevel::new("es", nan).unwrap().passes(0.0));
        assert!(ReadingLevel::new("en", nan).unwrap().passes(20.0));
    }

    #[test]
    fn a_hard_spanish_article_is_warned_about_in_the_scale_s_words() {
        let limits = Limits {
            grade_max: 8.0,
            ease_min: 55.0,
        };
        let es = ReadingLevel::new("es", limits).unwrap();
        let reading = es.reading(&Stats::of(HARD)).unwrap();
        assert!(!reading.passes);
        let d = reading.warning(std::path::Path::new("articles/rodilla.md"));
        let shown = d.render(crate::diagnostic::Colour::Off);
        assert!(
            shown.contains(
                "the article scores INFLESZ 51.4, «algo difícil»; the site asks for 55 or more"
            ),
            "{shown}"
        );
        assert!(
            shown.contains("reading_ease_min in site.toml sets the limit"),
            "{shown}"
        );
        // The same prose read as English is held to the grade.
        let en = ReadingLevel::new("en", limits).unwrap();
        let reading = en.reading(&Stats::of(HARD)).unwrap();
        assert_eq!(reading.formula, Formula::FleschKincaid);
        assert_eq!(reading.limit, 8.0);
    }

    #[test]
    fn a_language_without_a_formula_is_said_once() {
        let text = "title = \"T\"\nbase_url = \"https://e.org/\"\nlanguage = \"fr\"\n";
        let mut out = Vec::new();
        let (config, _) =
            crate::config::parse(text, std::path::Path::new("site.toml"), None, &mut out).unwrap();
        let mut grader = Grader::of_site(&config, text);
        let stats = Stats::of(HARD);
        assert_eq!(grader.grade(&stats, &mut out), None);
        assert_eq!(grader.grade(&stats, &mut out), None);
        assert_eq!(out.len(), 1, "{out:?}");
        let shown = out[0].render(crate::diagnostic::Colour::Off);
        assert!(shown.contains("no-reading-formula"), "{shown}");
        assert!(
            shown.contains(
                "salve has no reading-level formula for `fr`; its articles are not graded"
            ),
            "{shown}"
        );
        assert!(
            shown.contains("formulas for `en` (Flesch–Kincaid grade) and `es` (INFLESZ)"),
            "{shown}"
        );
        // At the line that sets the language.
        assert!(shown.contains(":3:"), "{shown}");
    }
}
