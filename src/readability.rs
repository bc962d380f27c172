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

mod syllables;

use syllables::{SpanishSyllables, Syllables};
pub use syllables::{spanish_syllables, syllables};

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
mod tests;
