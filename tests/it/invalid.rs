//! One fixture site per class of bad input, each asserting the whole
//! diagnostic text. A case is `tests/invalid/<case>/`: its files are laid over
//! `tests/invalid/_base/` (a valid site), `salve build` runs in it, and stderr
//! must equal `expected.txt` exactly, and a previous `public/` must be left
//! byte for byte as it was. `UPDATE_EXPECTED=1 cargo test` rewrites the
//! expectations (still checking `public/`); review the diff before committing
//! it.

use crate::harness::{cases, changed_files, snapshot};
use std::fs;

#[test]
fn each_bad_input_gives_its_exact_error() {
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let mut failures = Vec::new();
    for (name, case, site) in cases("invalid", "expected.txt", 15) {
        for removed in fs::read_to_string(case.join("remove.txt"))
            .unwrap_or_default()
            .lines()
        {
            let _ = fs::remove_file(site.path(removed.trim()));
        }
        let _ = fs::remove_file(site.path("remove.txt"));
        // A previous output that the failed build must leave byte for byte.
        fs::create_dir_all(site.path("public/articles")).unwrap();
        fs::write(site.path("public/.salve-output"), "marker").unwrap();
        fs::write(
            site.path("public/articles/index.html"),
            "<p>previous build</p>",
        )
        .unwrap();
        let before = snapshot(&site.path("public"));
        let run = site.salve(&["build"]);
        let actual = format!("exit: {}\n{}", run.code(), run.stderr());
        // Checked before anything else, so rewriting the expectations never
        // skips it.
        let changed = changed_files(&before, &snapshot(&site.path("public")));
        assert!(
            changed.is_empty(),
            "{name}: a failed build changed public/: {changed:?}"
        );
        let expected_path = case.join("expected.txt");
        if update {
            fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "== {name}\n-- expected\n{expected}-- actual\n{actual}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
