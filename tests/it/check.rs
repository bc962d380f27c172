//! `salve check --format json` on fixture sites (issue #5, point 4). A case is
//! `tests/check/<case>/`: its files are laid over `tests/check/_base/` (a site
//! check has nothing to say about), and the JSON findings must equal
//! `expected.json` exactly. `large.txt` lists files to create at a size in
//! KiB (`path 600`), so the repository holds no large images. Check must
//! write nothing, and exit 1 exactly when a finding is an error.
//! `UPDATE_EXPECTED=1 cargo test` rewrites the expectations (still checking
//! that nothing was written); read every finding in the diff before
//! committing it.

use crate::harness::{cases, changed_files, repo, snapshot};
use serde_json::Value;
use std::fs;

#[test]
fn each_fixture_site_gives_its_exact_findings() {
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let mut failures = Vec::new();
    for (name, case, site) in cases("check", "expected.json", 2) {
        for line in fs::read_to_string(site.path("large.txt"))
            .unwrap_or_default()
            .lines()
        {
            let (path, kib) = line.split_once(' ').expect("large.txt: `path KiB`");
            let bytes = kib.trim().parse::<usize>().unwrap() * 1024;
            fs::create_dir_all(site.path(path).parent().unwrap()).unwrap();
            // An SVG a page shares is drawn, so it must be one: a comment
            // makes it large.
            let file = if path.ends_with(".svg") {
                let mut svg =
                    b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"><!--"
                        .to_vec();
                svg.resize(bytes - 9, b' ');
                svg.extend(b"--></svg>");
                svg
            } else {
                vec![0u8; bytes]
            };
            fs::write(site.path(path), file).unwrap();
        }
        let _ = fs::remove_file(site.path("large.txt"));

        let before = snapshot(&site.root);
        let run = site.salve(&["check", "--format", "json"]);
        // Checked before anything else, so rewriting the expectations never
        // skips it: check writes no public/ and changes no file of the site.
        assert!(!site.path("public").exists(), "{name}: check wrote public/");
        let changed = changed_files(&before, &snapshot(&site.root));
        assert!(changed.is_empty(), "{name}: check changed {changed:?}");
        let actual: Value = serde_json::from_str(&run.stdout())
            .unwrap_or_else(|e| panic!("{name}: not JSON ({e}):\n{}", run.stdout()));
        let findings = actual.as_array().expect("an array of findings");
        let has_errors = findings.iter().any(|f| f["severity"] == "error");
        assert_eq!(
            run.code(),
            i32::from(has_errors),
            "{name}: exit code\n{}",
            run.stderr()
        );
        let expected_path = case.join("expected.json");
        if update {
            let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
            fs::write(&expected_path, text).unwrap();
            continue;
        }
        let expected: Value = fs::read_to_string(&expected_path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Value::Null);
        if actual != expected {
            failures.push(format!(
                "== {name}\n-- expected\n{expected:#}\n-- actual\n{actual:#}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every finding of issue #5's list appears in some case, so a lint that
/// stops firing fails here even if its expectation was regenerated.
#[test]
fn the_cases_cover_every_finding_of_the_issue() {
    let dir = repo().join("tests/check");
    let mut seen = Vec::new();
    for case in ["lints", "errors"] {
        let text = fs::read_to_string(dir.join(case).join("expected.json")).unwrap();
        let findings: Value = serde_json::from_str(&text).unwrap();
        for f in findings.as_array().unwrap() {
            for key in ["file", "severity", "code", "message"] {
                assert!(f[key].is_string(), "{case}: {key} in {f}");
            }
            seen.push((case, f["code"].as_str().unwrap().to_owned()));
        }
    }
    let lints = [
        "missing-description",
        "missing-photo",
        "missing-alt",
        "cause-without-section",
        "review-overdue",
        "reading-level",
        "large-file",
        "missing-credit",
        "unreviewed",
        "missing-references",
        "heading-skip",
    ];
    let errors = [
        "unknown-author",
        "missing-photo",
        "broken-link",
        "broken-anchor",
        "duplicate-url",
    ];
    for (case, codes) in [("lints", &lints[..]), ("errors", &errors[..])] {
        for code in codes {
            assert!(
                seen.iter().any(|(c, s)| *c == case && s == code),
                "{case} has no {code}"
            );
        }
    }
}

/// README.md's table of codes gives every lint the default level
/// `salve::lint::levels::LINTS` gives it, and each code it lists as an
/// error is one `[lints]` refuses to change.
#[test]
fn the_readme_table_gives_every_lint_its_default_level() {
    use salve::lint::levels::{ERRORS, LINTS};
    use std::collections::BTreeMap;
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let mut lints = BTreeMap::new();
    let mut errors = Vec::new();
    let rows = readme
        .lines()
        .skip_while(|l| !l.starts_with("| code | severity | default level |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'));
    for row in rows {
        let cells: Vec<&str> = row.split(" | ").collect();
        let codes = cells[0].split('`').skip(1).step_by(2);
        for code in codes {
            match cells[1] {
                "warning" => {
                    lints.insert(code.to_owned(), cells[2].to_owned());
                }
                _ => errors.push(code.to_owned()),
            }
        }
    }
    let want: BTreeMap<String, String> = LINTS
        .iter()
        .map(|(code, level)| ((*code).to_owned(), level.name().to_owned()))
        .collect();
    assert_eq!(lints, want);
    assert!(!errors.is_empty());
    for code in &errors {
        assert!(ERRORS.contains(&code.as_str()), "{code} is not in ERRORS");
    }
}
