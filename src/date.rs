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

    /// A date written `YYYY-MM-DD`, as on the command line; `None` for
    /// anything else or a day that does not exist.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Self::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days from `self` to `later`: negative when `later` is earlier.
    pub fn days_until(self, later: Self) -> i32 {
        self.0
            .until((jiff::Unit::Day, later.0))
            .map_or(0, |span| span.get_days())
    }

    /// The year and month, e.g. `(2026, 3)`: a month of a calendar.
    pub fn year_month(self) -> (i16, i8) {
        (self.0.year(), self.0.month())
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> i8 {
        self.0.day()
    }

    /// The first day of the month `months` after this one's (or before,
    /// when negative).
    pub fn month_start(self, months: i32) -> Self {
        let first = self.0.first_of_month();
        let span = jiff::Span::new().months(months);
        Self(first.checked_add(span).unwrap_or(first))
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

/// As ISO 8601 text, e.g. `"2024-03-02"`: how JSON gives a date.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
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

/// The order of a date written with separators, as people write dates
/// outside TOML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// `11/20/2026`, as in the US.
    MonthDayYear,
    /// `20/11/2026` or `20.11.2026`, as in most of the world.
    DayMonthYear,
    /// `2026/11/20`: TOML's order with the wrong separator.
    YearMonthDay,
}

impl Order {
    /// How a message names it.
    pub fn words(self) -> &'static str {
        match self {
            Order::MonthDayYear => "month/day/year",
            Order::DayMonthYear => "day/month/year",
            Order::YearMonthDay => "year/month/day",
        }
    }
}

/// The days a date written as people write them outside TOML can mean
/// (`11/20/2026`, `3/4/2026`, `20.11.2026`, `2026/11/20`), the likelier
/// first: month/day/year before day/month/year when both are real days.
/// Empty when `written` is no such date.
pub fn readings(written: &str) -> Vec<(Date, Order)> {
    let parts: Vec<&str> = written.split(['/', '.', '-']).collect();
    let number = |s: &str| -> Option<i16> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let [a, b, c] = parts[..] else {
        return Vec::new();
    };
    // A date TOML reads already (`2026-11-20`) is not this mistake.
    if a.len() == 4 && !written.contains(['/', '.']) {
        return Vec::new();
    }
    let (Some(x), Some(y), Some(z)) = (number(a), number(b), number(c)) else {
        return Vec::new();
    };
    let day = |y: i16, m: i16, d: i16| Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?);
    let mut out = Vec::new();
    if a.len() == 4 && c.len() <= 2 {
        out.extend(day(x, y, z).map(|d| (d, Order::YearMonthDay)));
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        out.extend(day(z, x, y).map(|d| (d, Order::MonthDayYear)));
        if x != y {
            out.extend(day(z, y, x).map(|d| (d, Order::DayMonthYear)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_written_with_slashes_are_read_every_way_they_can_be() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        assert_eq!(
            readings("11/20/2026"),
            [(d(2026, 11, 20), Order::MonthDayYear)]
        );
        assert_eq!(
            readings("20.11.2026"),
            [(d(2026, 11, 20), Order::DayMonthYear)]
        );
        assert_eq!(
            readings("3/4/2026"),
            [
                (d(2026, 3, 4), Order::MonthDayYear),
                (d(2026, 4, 3), Order::DayMonthYear)
            ]
        );
        assert_eq!(readings("4/4/2026"), [(d(2026, 4, 4), Order::MonthDayYear)]);
        assert_eq!(
            readings("2026/11/20"),
            [(d(2026, 11, 20), Order::YearMonthDay)]
        );
        assert_eq!(
            readings("11-20-2026"),
            [(d(2026, 11, 20), Order::MonthDayYear)]
        );
        for no in [
            "2026-11-20",
            "11/20",
            "13/13/2026",
            "a/b/2026",
            "1/2/3/4",
            "",
            "99999/1/1",
        ] {
            assert!(readings(no).is_empty(), "{no}");
        }
    }

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
    fn reads_command_line_dates_and_counts_days_between() {
        let d = Date::parse_iso("2026-03-31").unwrap();
        assert_eq!(d, Date::new(2026, 3, 31).unwrap());
        for bad in ["2026-3-31", "2026-02-30", "31/03/2026", "2026-03-31-1", ""] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
        let later = Date::new(2027, 3, 31).unwrap();
        assert_eq!(d.days_until(later), 365);
        assert_eq!(later.days_until(d), -365);
        assert_eq!(d.year_month(), (2026, 3));
        assert_eq!(d.month_start(1).iso(), "2026-04-01");
        assert_eq!(d.month_start(10).iso(), "2027-01-01");
    }

    #[test]
    fn adds_days_across_months_and_leap_years() {
        let d = Date::new(2024, 2, 28).unwrap();
        assert_eq!(d.plus_days(1).iso(), "2024-02-29");
        assert_eq!(d.plus_days(366).iso(), "2025-02-28");
    }
}
