//! The editorial report: where each article stands in its review cycle,
//! and what an editor has to do next.
//!
//! In: the linked site (as `check` links it) and the day to judge by. Out:
//! a [`Report`], plain data that [`formats`] turns into JSON or CSV and
//! [`html`] into a dashboard page, which [`folder`] writes to its own
//! folder. Nothing here reads the clock: "today" is given, so a report is
//! the same on every machine for the same day.

pub mod folder;
pub mod formats;
pub mod html;

use crate::date::Date;
use crate::link::{Article, Site};
use crate::readability::{Formula, Reading, ReadingLevel};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Reviews due within this many days are "due soon".
pub const DUE_SOON_DAYS: i32 = 30;
/// Reviews due within this many days are "coming up".
pub const COMING_UP_DAYS: i32 = 90;
/// How many months, this one first, the calendar of reviews covers.
pub const MONTHS_AHEAD: usize = 6;

/// Where an article stands in its review cycle, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Its next review was due before today.
    Overdue,
    /// It has never been reviewed (no `reviewed` date).
    NeverReviewed,
    /// Due within [`DUE_SOON_DAYS`].
    #[serde(rename = "due-30")]
    Due30,
    /// Due within [`COMING_UP_DAYS`].
    #[serde(rename = "due-90")]
    Due90,
    /// Due later.
    Fine,
}

impl Status {
    /// Every status, most urgent first.
    pub const ALL: [Status; 5] = [
        Status::Overdue,
        Status::NeverReviewed,
        Status::Due30,
        Status::Due90,
        Status::Fine,
    ];

    /// The name used in JSON, CSV and the page's filter, e.g. `due-30`.
    pub fn id(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::NeverReviewed => "never-reviewed",
            Status::Due30 => "due-30",
            Status::Due90 => "due-90",
            Status::Fine => "fine",
        }
    }

    /// The words an editor reads.
    pub fn label(self) -> &'static str {
        match self {
            Status::Overdue => "Overdue",
            Status::NeverReviewed => "Never reviewed",
            Status::Due30 => "Due within 30 days",
            Status::Due90 => "Due within 90 days",
            Status::Fine => "Fine",
        }
    }

    /// The status of a review due on `due` (none: never reviewed), judged
    /// on `today`.
    pub fn of(due: Option<Date>, today: Date) -> Self {
        let Some(due) = due else {
            return Status::NeverReviewed;
        };
        match today.days_until(due) {
            days if days < 0 => Status::Overdue,
            days if days <= DUE_SOON_DAYS => Status::Due30,
            days if days <= COMING_UP_DAYS => Status::Due90,
            _ => Status::Fine,
        }
    }
}

/// A person named by an article, by `[authors]` key and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Person {
    /// The `[authors]` key.
    pub key: String,
    /// Their name.
    pub name: String,
}

/// One article's line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Its title.
    pub title: String,
    /// Its Markdown file, relative to the site root, with `/`.
    pub path: String,
    /// Its page's path, e.g. `articles/legs/shin-splints/`.
    pub url: String,
    /// Who wrote it.
    pub author: Person,
    /// Who reviewed it, when anyone did.
    pub reviewer: Option<Person>,
    /// The last medical review.
    pub reviewed: Option<Date>,
    /// When the next review is due: the last review and site.toml's
    /// `review_interval_days`.
    pub next_review: Option<Date>,
    /// Where it stands.
    pub status: Status,
    /// Days from today to the next review (negative: overdue by so many).
    pub days_left: Option<i32>,
    /// Its Flesch–Kincaid grade, rounded to a tenth; none for an article
    /// with no words, or in a language measured otherwise.
    pub reading_grade: Option<f64>,
    /// Its reading level on its language's formula, the score rounded to
    /// a tenth; none for an article with no words or a language with no
    /// formula.
    pub reading: Option<Reading>,
    /// Whether it misses the site's reading limit: above
    /// `reading_grade_max`, or below `reading_ease_min`.
    pub above_grade: bool,
    /// Words of prose.
    pub words: usize,
    /// Sources listed.
    pub references: usize,
    /// Whether it has a photo: none, or one with or without a credit.
    pub photo: PhotoCredit,
    /// The causes it discusses, in front matter order.
    pub causes: Vec<String>,
    /// Its last substantive edit: `updated`, else its first publication.
    pub updated: Date,
    /// How many other articles link to it.
    pub linked_from: usize,
}

/// Whether an article's photo says whose it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhotoCredit {
    /// It has no photo.
    NoPhoto,
    /// A photo with a credit.
    Credited,
    /// A photo without one: a licensing risk.
    Missing,
}

impl PhotoCredit {
    /// The name used in JSON, CSV and the page.
    pub fn id(self) -> &'static str {
        match self {
            PhotoCredit::NoPhoto => "no-photo",
            PhotoCredit::Credited => "credited",
            PhotoCredit::Missing => "missing",
        }
    }
}

/// How many reviews one reviewer has in each state.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewerLoad {
    /// The reviewer; none for the articles nobody reviewed.
    pub reviewer: Option<Person>,
    /// Articles by status, in [`Status::ALL`]'s order.
    pub by_status: Vec<usize>,
    /// Reviews falling due in each of the next [`MONTHS_AHEAD`] months, this
    /// one first (overdue reviews are not in them).
    pub by_month: Vec<usize>,
    /// All their articles.
    pub total: usize,
}

/// The editorial report of a site on one day.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The site's title.
    pub site: String,
    /// The day it is judged on.
    pub today: Date,
    /// site.toml's `review_interval_days`.
    pub review_interval_days: u16,
    /// site.toml's `reading_grade_max`.
    pub reading_grade_max: f64,
    /// The formula and limit the site's articles are judged by; none for
    /// a language with no formula.
    pub reading: Option<ReadingLevel>,
    /// Every article, most urgent first (by status, then due date, then path).
    pub articles: Vec<Row>,
    /// Articles by status, in [`Status::ALL`]'s order.
    pub by_status: Vec<usize>,
    /// The first day of each month of the calendar, this one first.
    pub months: Vec<Date>,
    /// Each reviewer's reviews, A–Z by name; the articles without a
    /// reviewer last.
    pub reviewers: Vec<ReviewerLoad>,
    /// Paths of the articles never reviewed.
    pub never_reviewed: Vec<String>,
    /// Paths of the articles that miss the reading limit.
    pub above_grade: Vec<String>,
    /// Paths of the articles no other article links to.
    pub unlinked: Vec<String>,
}

/// The report of `site` on `today`.
pub fn report(site: &Site, today: Date) -> Report {
    let mut linked_from: BTreeMap<&Path, usize> = BTreeMap::new();
    for a in &site.articles {
        for target in &a.links_to {
            *linked_from.entry(target.as_path()).or_default() += 1;
        }
    }
    let mut articles: Vec<Row> = site
        .articles
        .iter()
        .map(|a| row(site, a, today, &linked_from))
        .collect();
    articles.sort_by(|a, b| {
        (a.status, a.next_review, &a.path).cmp(&(b.status, b.next_review, &b.path))
    });
    let months: Vec<Date> = (0..MONTHS_AHEAD)
        .map(|i| today.month_start(i as i32))
        .collect();
    let paths = |keep: &dyn Fn(&Row) -> bool| -> Vec<String> {
        let mut found: Vec<String> = articles
            .iter()
            .filter(|r| keep(r))
            .map(|r| r.path.clone())
            .collect();
        found.sort();
        found
    };
    Report {
        site: site.config.title.clone(),
        today,
        review_interval_days: site.config.review_interval_days,
        reading_grade_max: site.config.reading_grade_max,
        reading: ReadingLevel::of_site(&site.config),
        by_status: count_by_status(articles.iter()),
        reviewers: reviewers(&articles, &months),
        never_reviewed: paths(&|r| r.status == Status::NeverReviewed),
        above_grade: paths(&|r| r.above_grade),
        unlinked: paths(&|r| r.linked_from == 0),
        months,
        articles,
    }
}

fn row(site: &Site, a: &Article, today: Date, linked_from: &BTreeMap<&Path, usize>) -> Row {
    let person = |i: usize| {
        site.authors.get(i).map(|p| Person {
            key: p.key.clone(),
            name: p.name.clone(),
        })
    };
    let reading = a.reading.map(|r| Reading {
        score: (r.score * 10.0).round() / 10.0,
        ..r
    });
    let reading_grade = reading
        .filter(|r| r.formula == Formula::FleschKincaid)
        .map(|r| r.score);
    let photo = match &a.photo {
        None => PhotoCredit::NoPhoto,
        Some(p) if p.credit.as_deref().is_some_and(|c| !c.trim().is_empty()) => {
            PhotoCredit::Credited
        }
        Some(_) => PhotoCredit::Missing,
    };
    Row {
        title: a.title.clone(),
        path: a.source.to_string_lossy().replace('\\', "/"),
        url: a.path.clone(),
        author: person(a.author).unwrap_or(Person {
            key: String::new(),
            name: String::new(),
        }),
        reviewer: a.reviewer.and_then(person),
        reviewed: a.reviewed,
        next_review: a.next_review,
        status: Status::of(a.reviewed.and(a.next_review), today),
        days_left: a.next_review.map(|due| today.days_until(due)),
        reading_grade,
        reading,
        above_grade: a.reading.is_some_and(|r| !r.passes),
        words: a.body.stats.words,
        references: a.references.len(),
        photo,
        causes: a
            .causes
            .iter()
            .filter_map(|c| site.causes.get(c.cause).map(|c| c.name.clone()))
            .collect(),
        updated: a.updated.unwrap_or(a.date),
        linked_from: linked_from
            .get(a.source.as_path())
            .copied()
            .unwrap_or_default(),
    }
}

fn count_by_status<'r>(rows: impl Iterator<Item = &'r Row>) -> Vec<usize> {
    let mut counts = vec![0; Status::ALL.len()];
    for r in rows {
        if let Some(i) = Status::ALL.iter().position(|s| *s == r.status) {
            counts[i] += 1;
        }
    }
    counts
}

/// Each reviewer's load: their articles by status and their reviews due in
/// each month of `months`.
fn reviewers(rows: &[Row], months: &[Date]) -> Vec<ReviewerLoad> {
    let mut by: BTreeMap<Option<&Person>, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        by.entry(r.reviewer.as_ref()).or_default().push(r);
    }
    let month_of: Vec<(i16, i8)> = months.iter().map(|m| m.year_month()).collect();
    let mut loads: Vec<ReviewerLoad> = by
        .into_iter()
        .map(|(reviewer, rows)| {
            let mut by_month = vec![0; months.len()];
            for r in &rows {
                let due = r.next_review.filter(|_| r.status != Status::Overdue);
                if let Some(i) =
                    due.and_then(|d| month_of.iter().position(|m| *m == d.year_month()))
                {
                    by_month[i] += 1;
                }
            }
            ReviewerLoad {
                reviewer: reviewer.cloned(),
                by_status: count_by_status(rows.iter().copied()),
                by_month,
                total: rows.len(),
            }
        })
        .collect();
    // A–Z by name, the unreviewed last: an editor looks people up by name.
    loads.sort_by(|a, b| match (&a.reviewer, &b.reviewer) {
        (Some(x), Some(y)) => (&x.name, &x.key).cmp(&(&y.name, &y.key)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    loads
}

#[cfg(test)]
mod tests;
