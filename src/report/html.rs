//! The report as a dashboard: one HTML page with its own stylesheet and a
//! small script that sorts and filters the table of articles. The page is
//! complete without the script (every row is there, most urgent first); the
//! script only adds the controls.
//!
//! The template is built in and not overridable: the report is for the
//! editors, not a page of the site. Tera escapes every value in it.

use super::{PhotoCredit, Report, Row, Status, formats};
use crate::date::Date;
use crate::output::OutputFile;
use crate::readability::{Formula, ReadingLevel};
use serde_json::{Value, json};

const TEMPLATE: &str = include_str!("report.html");
const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// The page's file name in the report folder.
pub const PAGE: &str = "index.html";

/// The files of the dashboard: the page, its stylesheet and its script.
pub fn files(report: &Report) -> Result<Vec<OutputFile>, tera::Error> {
    Ok(vec![
        OutputFile {
            path: PAGE.to_owned(),
            bytes: page(report)?.into_bytes(),
        },
        OutputFile {
            path: "report.css".to_owned(),
            bytes: STYLE.as_bytes().to_vec(),
        },
        OutputFile {
            path: "report.js".to_owned(),
            bytes: SCRIPT.as_bytes().to_vec(),
        },
    ])
}

/// The dashboard page.
pub fn page(report: &Report) -> Result<String, tera::Error> {
    let mut tera = tera::Tera::new();
    tera.add_raw_template("report.html", TEMPLATE)?;
    let context = tera::Context::from_serialize(&context(report))?;
    tera.render("report.html", &context)
}

/// What the template shows, worded and formatted here so the template only
/// places it.
fn context(report: &Report) -> Value {
    let statuses: Vec<Value> = Status::ALL
        .iter()
        .zip(&report.by_status)
        .map(|(s, n)| json!({"id": s.id(), "label": s.label(), "count": n}))
        .collect();
    let months: Vec<Value> = report
        .months
        .iter()
        .map(|m| json!({"id": formats::month(*m), "label": month_label(*m)}))
        .collect();
    let reviewers: Vec<Value> = report
        .reviewers
        .iter()
        .map(|l| {
            json!({
                "name": l.reviewer.as_ref().map_or("No reviewer", |p| p.name.as_str()),
                "none": l.reviewer.is_none(),
                "by_status": l.by_status,
                "by_month": l.by_month,
                "total": l.total,
            })
        })
        .collect();
    // Looked up by path, not searched: a large site has thousands to list.
    let rows: std::collections::HashMap<&str, &Row> = report
        .articles
        .iter()
        .map(|r| (r.path.as_str(), r))
        .collect();
    let by_path = |paths: &[String]| -> Vec<Value> {
        paths
            .iter()
            .filter_map(|p| rows.get(p.as_str()).copied())
            .map(|r| json!({"title": r.title, "path": r.path, "grade": grade_label(r)}))
            .collect()
    };
    let reviewer_names: std::collections::BTreeSet<&str> = report
        .articles
        .iter()
        .filter_map(|r| r.reviewer.as_ref().map(|p| p.name.as_str()))
        .collect();
    json!({
        "site": report.site,
        "today": date(Some(report.today)),
        "interval": report.review_interval_days,
        "reading": reading_words(report),
        "total": report.articles.len(),
        "statuses": statuses,
        "months": months,
        "reviewers": reviewers,
        "reviewer_names": reviewer_names,
        "never_reviewed": by_path(&report.never_reviewed),
        "above_grade": by_path(&report.above_grade),
        "unlinked": by_path(&report.unlinked),
        "articles": report.articles.iter().map(row).collect::<Vec<_>>(),
    })
}

fn row(r: &Row) -> Value {
    json!({
        "title": r.title,
        "path": r.path,
        "author": r.author.name,
        "reviewer": r.reviewer.as_ref().map(|p| p.name.as_str()),
        "reviewed": date(r.reviewed),
        "next_review": date(r.next_review),
        "status": {"id": r.status.id(), "label": r.status.label(), "rank": r.status as u8},
        "days": days(r.days_left),
        "grade": grade(r),
        "grade_sort": r.reading.map_or(-1000.0, |r| r.score),
        "above_grade": r.above_grade,
        "words": r.words,
        "references": r.references,
        "photo": match r.photo {
            PhotoCredit::NoPhoto => json!({"id": "no-photo", "label": "No photo", "rank": 1}),
            PhotoCredit::Credited => json!({"id": "credited", "label": "Credited", "rank": 2}),
            PhotoCredit::Missing => json!({"id": "missing", "label": "Missing", "rank": 0}),
        },
        "causes": r.causes.join(", "),
        "updated": date(Some(r.updated)),
        "linked_from": r.linked_from,
    })
}

/// A date for the page: ISO for `<time>` and sorting, words for people.
fn date(d: Option<Date>) -> Value {
    match d {
        Some(d) => json!({"iso": d.iso(), "human": d.human()}),
        None => Value::Null,
    }
}

/// The words about the reading limit: in the header, the heading of the
/// articles that miss it, the table's column and the flag on its cells.
fn reading_words(report: &Report) -> Value {
    match report.reading {
        Some(ReadingLevel {
            formula: Formula::FleschKincaid,
            limit,
        }) => json!({
            "limit": format!("the reading grade limit is {limit}"),
            "heading": format!("Above reading grade {limit}"),
            "column": "Reading grade",
            "flag": "above limit",
        }),
        Some(ReadingLevel {
            formula: Formula::Inflesz,
            limit,
        }) => json!({
            "limit": format!("the reading ease limit is INFLESZ {limit} or more"),
            "heading": format!("Below INFLESZ {limit}"),
            "column": "Reading ease (INFLESZ)",
            "flag": "below limit",
        }),
        None => json!({
            "limit": "articles are not graded: salve has no reading-level formula for the site's language",
            "heading": "Outside the reading limit",
            "column": "Reading level",
            "flag": "",
        }),
    }
}

/// A score in the table: the number, and the scale's words where it has
/// them.
fn grade(r: &Row) -> String {
    match r.reading {
        None => "—".to_owned(),
        Some(reading) => match reading.formula.band(reading.score) {
            Some(band) => format!("{:.1} ({band})", reading.score),
            None => format!("{:.1}", reading.score),
        },
    }
}

/// A score in a list of articles: "grade 9.2", "INFLESZ 48.3, «algo difícil»".
fn grade_label(r: &Row) -> String {
    match r.reading {
        None => "not graded".to_owned(),
        Some(reading) => match reading.formula.band(reading.score) {
            Some(band) => format!("{} {:.1}, «{band}»", reading.formula.name(), reading.score),
            None => format!("grade {:.1}", reading.score),
        },
    }
}

/// How far off a review is, in words: "in 12 days", "3 days overdue".
fn days(days: Option<i32>) -> String {
    match days {
        None => String::new(),
        Some(0) => "due today".to_owned(),
        Some(1) => "in 1 day".to_owned(),
        Some(-1) => "1 day overdue".to_owned(),
        Some(d) if d < 0 => format!("{} days overdue", -d),
        Some(d) => format!("in {d} days"),
    }
}

/// "March 2026".
fn month_label(first: Date) -> String {
    let human = first.human();
    // `human` is "1 March 2026": the month and year are after the day.
    human
        .split_once(' ')
        .map_or(human.clone(), |(_, rest)| rest.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_months_read_as_words() {
        assert_eq!(days(Some(-3)), "3 days overdue");
        assert_eq!(days(Some(-1)), "1 day overdue");
        assert_eq!(days(Some(0)), "due today");
        assert_eq!(days(Some(40)), "in 40 days");
        assert_eq!(days(None), "");
        let march = Date::new(2026, 3, 1).unwrap();
        assert_eq!(month_label(march), "March 2026");
    }
}
