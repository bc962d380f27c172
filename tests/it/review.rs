//! `salve review`: a review recorded in the front matter, every other byte
//! of the file kept; unknown reviewers and paths outside articles/ refused.

use crate::harness::Site;
use std::fs;

const ODD: &str = "+++\n# Notes for the desk: keep this comment.\ntitle   =  \"Due soon\"   # a title\ndescription = 'Due on 10 December 2026.'\ndate = 2024-06-01\nreviewed   =   2025-12-10     # the last check\nreviewed_by=\"dr-bea\"\n\n\nauthor = \"ana\"\n+++\nA short article.\n\n  Odd   spacing stays.\n";

#[test]
fn a_review_changes_the_two_values_and_keeps_every_other_byte() {
    let site = Site::fixture("report");
    let file = "articles/legs/due-soon.md";
    fs::write(site.path(file), ODD).unwrap();
    let run = site.salve(&["review", file, "--by", "dr-cal"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(
        run.stdout(),
        "Reviewed articles/legs/due-soon.md: reviewed_by = \"dr-cal\", reviewed = 2026-11-28\n"
    );
    let want = ODD
        .replace("2025-12-10", "2026-11-28")
        .replace("\"dr-bea\"", "\"dr-cal\"");
    assert_eq!(fs::read_to_string(site.path(file)).unwrap(), want);
    // The report now sees it as fine, reviewed by its new reviewer.
    let run = site.salve(&["report", "--format", "csv"]);
    let line = run
        .stdout()
        .lines()
        .find(|l| l.starts_with("Due soon,"))
        .unwrap()
        .to_owned();
    assert!(
        line.contains(",ana,dr-cal,2026-11-28,2027-11-28,fine,"),
        "{line}"
    );
}

#[test]
fn a_first_review_adds_the_keys_after_the_dates() {
    let site = Site::fixture("report");
    let file = "articles/never.md";
    let before = fs::read_to_string(site.path(file)).unwrap();
    let run = site.salve(&["review", file, "--by", "dr-bea", "--today", "2026-12-01"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let want = before.replacen(
        "date = 2024-09-01\n",
        "date = 2024-09-01\nreviewed = 2026-12-01\nreviewed_by = \"dr-bea\"\n",
        1,
    );
    assert_eq!(fs::read_to_string(site.path(file)).unwrap(), want);
    let names: Vec<_> = fs::read_dir(site.path("articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn an_unknown_reviewer_is_refused_with_the_nearest_key_and_the_list() {
    let site = Site::fixture("report");
    let file = "articles/never.md";
    let before = fs::read(site.path(file)).unwrap();
    let run = site.salve(&["review", file, "--by", "dr-bee"]);
    assert_eq!(run.code(), 1);
    assert_eq!(
        run.stderr(),
        "error[unknown-reviewer]: `dr-bee` is not an author in site.toml\n --> articles/never.md\n  = help: did you mean `dr-bea`? the reviewers there are: ana, dr-bea, dr-cal\n\n"
    );
    assert_eq!(fs::read(site.path(file)).unwrap(), before);
}

#[test]
fn only_an_article_under_articles_can_be_reviewed() {
    let site = Site::fixture("report");
    for path in [
        "site.toml",
        "articles/../site.toml",
        "articles/legs/calf.svg",
    ] {
        let before = fs::read(site.path("site.toml")).unwrap();
        let run = site.salve(&["review", path, "--by", "dr-bea"]);
        assert_eq!(run.code(), 2, "{path}");
        assert_eq!(
            run.stderr(),
            format!(
                "error: {path} is not an article: articles are .md files inside the site's articles/ folder\n  = help: give the article's path from the site folder, e.g. `salve review articles/legs/shin-splints.md --by <reviewer>`\n"
            )
        );
        assert_eq!(fs::read(site.path("site.toml")).unwrap(), before);
    }
    let run = site.salve(&["review", "articles/none.md", "--by", "dr-bea"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr()
            .starts_with("error: articles/none.md does not exist\n"),
        "{}",
        run.stderr()
    );
}
