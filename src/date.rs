//! Calendar dates as writers give them in front matter (`date = 2024-03-02`).
//!
//! TOML has a native date type; we accept only that, so a typo such as
//! `"2024-3-2"` (a string) is a type error with a position rather than a guess.

use serde::de::{Deserialize, Deserializer, Error as _};
use std::fmt;

/// A day in the proleptic Gregorian calendar, without time or zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

impl Date {
    /// A date from its parts; `None` when the day does not exist.
    pub fn new(year: i16, month: i8, day: i8) -> Option<Self> {
        jiff::civil::Date::new(year, month, day).ok().map(Self)
    }

    /// Today, by the UTC clock: builds on different machines agree on it.
    pub fn today() -> Self {
        Self(
            jiff::tz::TimeZone::UTC
                .to_datetime(jiff::Timestamp::now())
                .date(),
        )
    }

    /// The UTC date of a Unix time in seconds, e.g. from `SOURCE_DATE_EPOCH`.
    pub fn from_unix(seconds: i64) -> Option<Self> {
        let ts = jiff::Timestamp::from_second(seconds).ok()?;
        Some(Self(jiff::tz::TimeZone::UTC.to_datetime(ts).date()))
    }

    /// The date `days` later (or earlier when negative), saturating at the
    /// ends of the supported range.
    pub fn plus_days(self, days: i32) -> Self {
        let span = jiff::Span::new().days(days);
        Self(self.0.checked_add(span).unwrap_or(self.0))
    }

    /// ISO 8601, as used in `<time datetime>`, sitemaps and JSON-LD.
    pub fn iso(self) -> String {
        self.0.to_string()
    }

    /// The form readers see, e.g. "2 March 2024".
    pub fn human(self) -> String {
        self.0.strftime("%-d %B %Y").to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = toml::value::Datetime::deserialize(deserializer)?;
        match (value.date, value.time, value.offset) {
            (Some(d), None, None) => {
                let year = i16::try_from(d.year).map_err(|_| {
                    D::Error::custom(format!("the year {} is out of range", d.year))
                })?;
                // toml has already checked month and day against the calendar.
                Date::new(year, d.month as i8, d.day as i8)
                    .ok_or_else(|| D::Error::custom(format!("{value} is not a real date")))
            }
            _ => Err(D::Error::custom(format!(
                "expected a date such as 2024-03-02, found `{value}` (leave out the time)"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Doc {
        d: Date,
    }

    #[test]
    fn reads_bare_toml_dates_only() {
        let doc: Doc = toml::from_str("d = 2024-03-02").unwrap();
        assert_eq!(doc.d.iso(), "2024-03-02");
        assert_eq!(doc.d.human(), "2 March 2024");
        let err = toml::from_str::<Doc>("d = 2024-03-02T10:00:00Z")
            .err()
            .unwrap();
        assert!(err.message().contains("leave out the time"), "{err}");
        let err = toml::from_str::<Doc>("d = \"2024-03-02\"").err().unwrap();
        assert!(err.span().is_some());
    }

    #[test]
    fn unix_times_give_utc_dates() {
        assert_eq!(Date::from_unix(0).unwrap().iso(), "1970-01-01");
        assert_eq!(Date::from_unix(1_732_752_000).unwrap().iso(), "2024-11-28");
    }

    #[test]
    fn adds_days_across_months_and_leap_years() {
        let d = Date::new(2024, 2, 28).unwrap();
        assert_eq!(d.plus_days(1).iso(), "2024-02-29");
        assert_eq!(d.plus_days(366).iso(), "2025-02-28");
    }
}
