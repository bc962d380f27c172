//! The report as data for other tools: JSON (everything, for scripts) and
//! CSV (one line per article, for a spreadsheet).

use super::{PhotoCredit, Report, Row, Status};
use crate::readability::Formula;

/// The whole report as pretty JSON: the articles and every summary.
pub fn json(report: &Report) -> String {
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.id()).collect();
    let value = serde_json::json!({
        "site": report.site,
        "today": report.today,
        "review_interval_days": report.review_interval_days,
        "reading_grade_max": report.reading_grade_max,
        "reading": report.reading,
        "statuses": statuses,
        "articles": report.articles,
        "summary": {
            "by_status": by_status(&report.by_status),
            "months": report.months.iter().map(|m| month(*m)).collect::<Vec<_>>(),
            "reviewers": report.reviewers.iter().map(|l| serde_json::json!({
                "reviewer": l.reviewer,
                "by_status": by_status(&l.by_status),
                "by_month": l.by_month,
                "total": l.total,
            })).collect::<Vec<_>>(),
            "never_reviewed": report.never_reviewed,
            "above_grade": report.above_grade,
            "unlinked": report.unlinked,
        },
    });
    serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".to_owned())
}

/// `{"overdue": 2, …}`, in [`Status::ALL`]'s order.
fn by_status(counts: &[usize]) -> serde_json::Map<String, serde_json::Value> {
    Status::ALL
        .iter()
        .zip(counts)
        .map(|(s, n)| (s.id().to_owned(), (*n).into()))
        .collect()
}

/// A month as `2026-03`.
pub fn month(first: crate::date::Date) -> String {
    let (year, month) = first.year_month();
    format!("{year:04}-{month:02}")
}

/// The columns of the CSV, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "title",
    "path",
    "url",
    "author",
    "reviewer",
    "reviewed",
    "next_review",
    "status",
    "days_left",
    "reading_grade",
    "words",
    "references",
    "photo_credit",
    "causes",
    "updated",
    "linked_from",
];

/// One line per article, with a header line, as RFC 4180 has it (CRLF line
/// ends, fields quoted where they must be). Causes are joined with `; `.
pub fn csv(report: &Report) -> String {
    let mut out = String::new();
    // The reading column is named for what it holds: a grade, or an
    // INFLESZ score where higher is easier.
    let reading_column = match report.reading.map(|l| l.formula) {
        Some(Formula::Inflesz) => "reading_ease",
        _ => "reading_grade",
    };
    let columns = CSV_COLUMNS.iter().map(|c| {
        if *c == "reading_grade" {
            reading_column
        } else {
            c
        }
    });
    line(&mut out, columns.map(str::to_owned));
    for r in &report.articles {
        line(&mut out, fields(r).into_iter());
    }
    out
}

fn fields(r: &Row) -> Vec<String> {
    let date = |d: Option<crate::date::Date>| d.map(|d| d.iso()).unwrap_or_default();
    vec![
        text(&r.title),
        text(&r.path),
        text(&r.url),
        text(&r.author.key),
        text(r.reviewer.as_ref().map_or("", |p| p.key.as_str())),
        date(r.reviewed),
        date(r.next_review),
        r.status.id().to_owned(),
        r.days_left.map(|d| d.to_string()).unwrap_or_default(),
        r.reading
            .map(|r| format!("{:.1}", r.score))
            .unwrap_or_default(),
        r.words.to_string(),
        r.references.to_string(),
        match r.photo {
            PhotoCredit::NoPhoto => String::new(),
            PhotoCredit::Credited => "yes".to_owned(),
            PhotoCredit::Missing => "no".to_owned(),
        },
        text(&r.causes.join("; ")),
        r.updated.iso(),
        r.linked_from.to_string(),
    ]
}

/// A writer's text as a spreadsheet cell: a leading `=`, `+`, `-`, `@`, tab
/// or carriage return would make a spreadsheet run it as a formula, so
/// such text starts with `'`, the spreadsheets' own mark for "text".
fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

fn line(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        let mut out = String::new();
        line(
            &mut out,
            [
                text("Knees, \"clicking\""),
                text("=HYPERLINK(\"x\")"),
                text("plain"),
                text("two\nlines"),
            ]
            .into_iter(),
        );
        assert_eq!(
            out,
            "\"Knees, \"\"clicking\"\"\",\"'=HYPERLINK(\"\"x\"\")\",plain,\"two\nlines\"\r\n"
        );
    }
}
