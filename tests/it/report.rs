//! `salve report`: the editorial dashboard of a fixture site with an
//! article in every state of review, as HTML (read with a parser), JSON and
//! CSV; where its folder may be; and that a build never publishes it.
//! The harness's "today" is 2026-11-28 and the site's review interval 365
//! days.

use crate::harness::Site;
use scraper::{ElementRef, Html, Selector};
use std::fs;

fn report_json(site: &Site, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["report", "--format", "json"];
    all.extend_from_slice(args);
    let run = site.salve(&all);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}: {}", run.stdout()))
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// (path, status) of every article, in the report's order.
fn statuses(json: &serde_json::Value) -> Vec<(String, String)> {
    json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["path"].as_str().unwrap().to_owned(),
                a["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn json_has_every_article_in_its_review_state_most_urgent_first() {
    let site = Site::fixture("report");
    let json = report_json(&site, &[]);
    assert_eq!(json["today"], "2026-11-28");
    assert_eq!(json["review_interval_days"], 365);
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    assert_eq!(
        statuses(&json),
        pairs(&[
            ("articles/legs/overdue.md", "overdue"),
            ("articles/never.md", "never-reviewed"),
            ("articles/due-this-month.md", "due-30"),
            ("articles/legs/due-soon.md", "due-30"),
            ("articles/due-later.md", "due-90"),
            ("articles/legs/fine.md", "fine"),
        ])
    );
    let overdue = &json["articles"][0];
    assert_eq!(overdue["title"], "Overdue calf article");
    assert_eq!(overdue["author"]["name"], "Ana Writer");
    assert_eq!(overdue["reviewer"]["key"], "dr-bea");
    assert_eq!(overdue["reviewed"], "2025-10-01");
    assert_eq!(overdue["next_review"], "2026-10-01");
    assert_eq!(overdue["days_left"], -58);
    assert_eq!(overdue["photo"], "missing");
    assert_eq!(overdue["updated"], "2025-09-20");
    assert_eq!(overdue["linked_from"], 1);
    let never = &json["articles"][1];
    assert_eq!(never["reviewer"], serde_json::Value::Null);
    assert_eq!(never["next_review"], serde_json::Value::Null);
    assert_eq!(never["above_grade"], true);
    assert_eq!(never["photo"], "no-photo");
    // Its link to itself does not count.
    assert_eq!(never["linked_from"], 0);
    assert_eq!(never["updated"], "2024-09-01");
    let fine = &json["articles"][5];
    assert_eq!(fine["references"], 2);
    assert_eq!(fine["photo"], "credited");
    assert_eq!(fine["causes"], serde_json::json!(["Strained calf"]));
    assert_eq!(fine["words"], 137);
    assert_eq!(fine["above_grade"], false);
    assert!(fine["reading_grade"].as_f64().unwrap() < 8.0);

    let summary = &json["summary"];
    assert_eq!(
        summary["by_status"],
        serde_json::json!({"overdue": 1, "never-reviewed": 1, "due-30": 2, "due-90": 1, "fine": 1})
    );
    assert_eq!(
        summary["months"],
        serde_json::json!([
            "2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04"
        ])
    );
    let loads: Vec<(serde_json::Value, serde_json::Value)> = summary["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["reviewer"]["key"].clone(), l["by_month"].clone()))
        .collect();
    assert_eq!(
        loads,
        [
            ("dr-bea".into(), serde_json::json!([0, 1, 0, 0, 0, 0])),
            ("dr-cal".into(), serde_json::json!([1, 0, 0, 1, 0, 0])),
            (
                serde_json::Value::Null,
                serde_json::json!([0, 0, 0, 0, 0, 0])
            ),
        ]
    );
    assert_eq!(
        summary["reviewers"][0]["by_status"],
        serde_json::json!({"overdue": 1, "never-reviewed": 0, "due-30": 1, "due-90": 0, "fine": 0})
    );
    assert_eq!(
        summary["never_reviewed"],
        serde_json::json!(["articles/never.md"])
    );
    assert_eq!(
        summary["above_grade"],
        serde_json::json!(["articles/never.md"])
    );
    assert_eq!(
        summary["unlinked"],
        serde_json::json!([
            "articles/due-later.md",
            "articles/due-this-month.md",
            "articles/never.md"
        ])
    );
}

#[test]
fn today_is_the_harness_date_or_the_hidden_flag_and_drafts_come_with_drafts() {
    let site = Site::fixture("report");
    // Eleven days before the overdue article's review fell due.
    let json = report_json(&site, &["--today", "2026-09-20"]);
    let overdue = statuses(&json)
        .into_iter()
        .find(|(p, _)| p == "articles/legs/overdue.md")
        .unwrap();
    assert_eq!(overdue.1, "due-30");
    assert_eq!(json["summary"]["months"][0], "2026-09");
    let json = report_json(&site, &["--drafts"]);
    assert!(
        statuses(&json).contains(&("articles/draft.md".to_owned(), "never-reviewed".to_owned()))
    );
    let run = site.salve(&["report", "--today", "28/11/2026"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr()
            .contains("`28/11/2026` is not a date written YYYY-MM-DD"),
        "{}",
        run.stderr()
    );
}

#[test]
fn csv_has_a_line_per_article_with_quoted_fields() {
    let site = Site::fixture("report");
    let run = site.salve(&["report", "--format", "csv"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let out = run.stdout();
    let lines: Vec<&str> = out.split("\r\n").collect();
    assert_eq!(lines.len(), 8, "{out}");
    assert_eq!(
        lines[0],
        "title,path,url,author,reviewer,reviewed,next_review,status,days_left,reading_grade,words,references,photo_credit,causes,updated,linked_from"
    );
    assert_eq!(
        lines[1],
        "Overdue calf article,articles/legs/overdue.md,articles/legs/overdue/,ana,dr-bea,2025-10-01,2026-10-01,overdue,-58,2.5,6,0,no,,2025-09-20,1"
    );
    assert!(
        lines[2].starts_with(
            "Tendons & <b>ligaments</b>,articles/never.md,articles/never/,ana,,,,never-reviewed,,"
        ),
        "{}",
        lines[2]
    );
    assert!(
        lines[6].starts_with("\"Fine, with causes\",articles/legs/fine.md,"),
        "{}",
        lines[6]
    );
    assert!(
        lines[6].ends_with(",yes,Strained calf,2026-08-30,1"),
        "{}",
        lines[6]
    );
    assert_eq!(lines[7], "");
}

#[test]
fn the_dashboard_is_a_page_with_every_summary_and_an_escaped_table() {
    let site = Site::fixture("report");
    let run = site.salve(&["report"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stdout().contains("(6 articles)"), "{}", run.stdout());
    let folder = site.path("report");
    for file in ["index.html", "report.css", "report.js", ".salve-report"] {
        assert!(folder.join(file).is_file(), "{file}");
    }
    let html = fs::read_to_string(folder.join("index.html")).unwrap();
    let doc = Html::parse_document(&html);
    assert_eq!(
        text(doc.select(&sel("h1")).next().unwrap()),
        "Editorial report: Report & Fixture"
    );
    let counts: Vec<String> = doc.select(&sel(".counts li")).map(text).collect();
    assert_eq!(
        counts,
        [
            "1 Overdue",
            "1 Never reviewed",
            "2 Due within 30 days",
            "1 Due within 90 days",
            "1 Fine"
        ]
    );

    // Every table has a caption and headers with a scope.
    let tables: Vec<ElementRef<'_>> = doc.select(&sel("table")).collect();
    assert_eq!(tables.len(), 3);
    for t in &tables {
        assert!(t.select(&sel("caption")).next().is_some());
        for th in t.select(&sel("th")) {
            let scope = th.value().attr("scope");
            assert!(matches!(scope, Some("col" | "row")), "{}", th.html());
        }
        // At 375 px the table scrolls inside a region a keyboard can reach.
        let region = t.parent().and_then(ElementRef::wrap).unwrap();
        assert_eq!(region.value().attr("tabindex"), Some("0"));
        assert_eq!(region.value().attr("role"), Some("region"));
    }

    let rows = |table: &ElementRef<'_>| -> Vec<Vec<String>> {
        table
            .select(&sel("tbody tr"))
            .map(|tr| tr.select(&sel("th, td")).map(text).collect())
            .collect()
    };
    assert_eq!(
        rows(&tables[0]),
        [
            ["Dr. Bea Reviewer", "1", "0", "1", "0", "0", "2"],
            ["Dr. Cal Reviewer", "0", "0", "1", "1", "1", "3"],
            ["No reviewer", "0", "1", "0", "0", "0", "1"],
        ]
    );
    let months: Vec<String> = tables[1].select(&sel("thead th")).map(text).collect();
    assert_eq!(
        months,
        [
            "Reviewer",
            "Overdue now",
            "November 2026",
            "December 2026",
            "January 2027",
            "February 2027",
            "March 2027",
            "April 2027"
        ]
    );
    assert_eq!(
        rows(&tables[1]),
        [
            ["Dr. Bea Reviewer", "1", "0", "1", "0", "0", "0", "0"],
            ["Dr. Cal Reviewer", "0", "1", "0", "0", "1", "0", "0"],
            ["No reviewer", "0", "0", "0", "0", "0", "0", "0"],
        ]
    );

    let articles = rows(&tables[2]);
    assert_eq!(articles.len(), 6);
    assert_eq!(
        articles[0],
        [
            "Overdue calf article articles/legs/overdue.md",
            "Ana Writer",
            "Dr. Bea Reviewer",
            "1 October 2025",
            "1 October 2026 58 days overdue",
            "Overdue",
            "2.5",
            "6",
            "0",
            "Missing",
            "—",
            "20 September 2025",
            "1",
        ]
    );
    // The writer's `<b>` is text, not markup.
    assert_eq!(
        articles[1][0],
        "Tendons & <b>ligaments</b> articles/never.md"
    );
    assert!(
        html.contains("Tendons &amp; &lt;b&gt;ligaments&lt;&#x2F;b&gt;")
            || html.contains("Tendons &amp; &lt;b&gt;ligaments&lt;/b&gt;")
    );
    assert!(doc.select(&sel("tbody b")).next().is_none());
    assert_eq!(articles[1][5], "Never reviewed");
    assert!(articles[1][6].ends_with("above limit"), "{:?}", articles[1]);
    let row_status: Vec<&str> = tables[2]
        .select(&sel("tbody tr"))
        .map(|tr| tr.value().attr("data-status").unwrap())
        .collect();
    assert_eq!(
        row_status,
        [
            "overdue",
            "never-reviewed",
            "due-30",
            "due-30",
            "due-90",
            "fine"
        ]
    );

    let lists: Vec<String> = doc
        .select(&sel("#attention ~ .lists h3, .lists h3"))
        .map(text)
        .collect();
    assert_eq!(
        lists,
        [
            "Never reviewed (1)",
            "Above reading grade 8 (1)",
            "No other article links here (3)"
        ]
    );
    // The controls are the script's: without it the form is not shown.
    let form = doc.select(&sel("form#filters")).next().unwrap();
    assert!(form.value().attr("hidden").is_some());
    assert!(html.contains("<script src=\"report.js\" defer></script>"));
    let css = fs::read_to_string(folder.join("report.css")).unwrap();
    assert!(css.contains("@media print"));
}

#[test]
fn a_build_never_publishes_the_report_and_leaves_it_alone() {
    let site = Site::fixture("report");
    assert_eq!(site.salve(&["report"]).code(), 0);
    let before = crate::harness::snapshot(&site.path("report"));
    site.build(&[]);
    let published = crate::harness::snapshot(&site.path("public"));
    assert!(
        published.keys().all(|p| !p.starts_with("report")),
        "{:?}",
        published.keys()
    );
    let html = published
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .any(|(_, bytes)| String::from_utf8_lossy(bytes).contains("Editorial report"));
    assert!(!html);
    assert_eq!(crate::harness::snapshot(&site.path("report")), before);
    // A build told to write into the report's folder refuses, and leaves it.
    let run = site.salve(&["build", "--output", "report"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().starts_with(&format!(
            "error: the output folder {} holds salve report's dashboard; a build would replace it with the site\n  = help: build into another folder, e.g. --output public; the report stays where it is\n",
            site.path("report").display()
        )),
        "{}",
        run.stderr()
    );
    assert_eq!(crate::harness::snapshot(&site.path("report")), before);
    // A second report replaces the first in place.
    assert_eq!(site.salve(&["report"]).code(), 0);
}

#[test]
fn the_report_folder_is_never_the_output_or_a_folder_salve_did_not_write() {
    let site = Site::fixture("report");
    site.build(&[]);
    let run = site.salve(&["report", "--output", "public"]);
    assert_eq!(run.code(), 2);
    assert_eq!(
        run.stderr(),
        "error: the report folder public is a folder salve builds the site into; the report would be published with it\n  = help: pass --output a folder of its own, e.g. --output report\n"
    );
    let run = site.salve(&["report", "--out", "public/report"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().starts_with("error: the report folder public/report is inside public, a folder salve builds the site into"), "{}", run.stderr());
    assert!(!site.path("public/report").exists());

    fs::create_dir(site.path("notes")).unwrap();
    fs::write(site.path("notes/mine.txt"), "keep").unwrap();
    let run = site.salve(&["report", "--output", "notes"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("was not written by salve"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        fs::read_to_string(site.path("notes/mine.txt")).unwrap(),
        "keep"
    );

    let run = site.salve(&["report", "--output", "static/report"]);
    assert_eq!(run.code(), 2);
    assert!(!site.path("static/report").exists());

    // A folder of its own, given by --output, works and is marked.
    let run = site.salve(&["report", "--output", "desk"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(site.path("desk/.salve-report").is_file());
}

#[test]
fn a_site_with_errors_has_no_report() {
    let site = Site::fixture("report");
    site.replace(
        "articles/due-later.md",
        "author = \"ana\"",
        "author = \"anna\"",
    );
    let run = site.salve(&["report"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr()
            .contains("error: the site has errors, so there is no report"),
        "{}",
        run.stderr()
    );
    assert!(!site.path("report").exists());
}
