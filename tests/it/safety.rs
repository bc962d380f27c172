//! The output folder is never lost or clobbered.

use crate::harness::{Site, snapshot};
use std::fs;

#[test]
fn a_failed_build_leaves_the_previous_output_identical() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let before = snapshot(&site.path("public"));
    fs::write(site.path("articles/knee.md"), "+++\ntitle = 1\n+++\n").unwrap();
    let run = site.salve(&["build"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().ends_with(
            "error: the build found 1 error; nothing was written and public/ was left as it was\n"
        ),
        "{}",
        run.stderr()
    );
    assert_eq!(snapshot(&site.path("public")), before);
    let leftovers: Vec<_> = fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("salve"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_users_non_empty_folder_is_refused_and_untouched() {
    let site = Site::fixture("basic");
    let mine = site.path("../mine");
    fs::create_dir_all(mine.join("deep")).unwrap();
    fs::write(mine.join("deep/notes.txt"), "keep me").unwrap();
    let before = snapshot(&mine);
    let run = site.salve(&["build", "--output", "../mine"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr()
            .contains("already exists, is not empty and was not written by salve"),
        "{}",
        run.stderr()
    );
    assert_eq!(snapshot(&mine), before);
}

#[test]
fn the_site_folder_and_its_parents_are_refused_as_output() {
    let site = Site::fixture("basic");
    let before = snapshot(&site.root);
    for output in [".", "..", "articles"] {
        let run = site.salve(&["build", "--output", output]);
        assert_eq!(run.code(), 2, "{output}: {}", run.stderr());
    }
    assert_eq!(snapshot(&site.root), before);
}

#[test]
fn a_rebuild_replaces_only_salves_own_output() {
    let site = Site::fixture("basic");
    site.build(&[]);
    fs::write(site.path("public/stale.html"), "old").unwrap();
    site.build(&[]);
    assert!(!site.path("public/stale.html").exists());
    assert!(site.path("public/index.html").is_file());
}
