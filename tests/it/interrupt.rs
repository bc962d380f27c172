//! Builds stopped while they move the new output in: Ctrl-C or SIGTERM
//! lets the commit finish, and a kill leaves a mark that `check` reports and
//! the next build repairs.
//!
//! The commit is paused at a known point through `SALVE_TEST_PAUSE_COMMIT`
//! (a hook for tests only): after its first rename it creates the named file
//! and waits until the test removes it, so the signal lands mid-commit every
//! time, with the output already half old and half new.

use crate::harness::{Site, snapshot};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

/// A site whose next build changes most pages and drops one article,
/// after a first build of the old version into public/.
fn site_about_to_change() -> Site {
    let site = Site::fixture("basic");
    site.add_articles(60, "Old", "Old text about a calf.\n");
    site.build(&["--no-search"]);
    site.add_articles(59, "New", "New text about a calf.\n");
    fs::remove_file(site.path("articles/many-59.md")).unwrap();
    site
}

/// `salve build --no-search --output <output>`, paused mid-commit; the
/// second value is the file to remove to let it go on.
fn build_paused_mid_commit(site: &Site, output: &str) -> (Child, PathBuf) {
    paused_mid_commit(site, &["build", "--no-search", "--output", output])
}

/// `salve <args>`, paused in the commit of its (first) build.
fn paused_mid_commit(site: &Site, args: &[&str]) -> (Child, PathBuf) {
    let pause = site.path("../paused");
    let mut child = site
        .command(args)
        .env("SALVE_TEST_PAUSE_COMMIT", &pause)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Bounded: a minute at most, and over as soon as the build ends.
    for _ in 0..6000 {
        if pause.exists() {
            return (child, pause);
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("salve ended ({status}) without pausing in its commit");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    panic!("the build did not reach its commit within a minute");
}

/// What a build of the site's current sources into a fresh folder writes.
fn clean_build(site: &Site) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    site.build(&["--no-search", "--output", "../clean"]);
    snapshot(&site.path("../clean"))
}

fn signal(child: &Child, name: &str) {
    crate::harness::signal(child.id(), name);
}

fn no_salve_files_beside(output: &Path) {
    let leftovers: Vec<_> = fs::read_dir(output.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("salve"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn ctrl_c_or_sigterm_mid_commit_finishes_the_commit_and_exits_130() {
    for name in ["INT", "TERM"] {
        let site = site_about_to_change();
        let old = snapshot(&site.path("public"));
        let (child, pause) = build_paused_mid_commit(&site, "public");
        // Paused after one rename: the output is neither the old nor the new.
        let mixed = snapshot(&site.path("public"));
        assert_ne!(mixed, old, "{name}");
        signal(&child, name);
        fs::remove_file(&pause).unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(130), "{name}: {stderr}");
        assert_eq!(
            stderr,
            "error: interrupted while moving the new files in; salve finished that first, so public/ is complete\n",
            "{name}"
        );
        assert!(!site.path("public/.salve-committing").exists(), "{name}");
        assert_eq!(snapshot(&site.path("public")), clean_build(&site), "{name}");
        no_salve_files_beside(&site.path("public"));
    }
}

#[test]
fn a_kill_mid_commit_is_marked_reported_by_check_and_repaired_by_the_next_build() {
    let site = site_about_to_change();
    let (mut child, pause) = build_paused_mid_commit(&site, "public");
    child.kill().unwrap();
    child.wait().unwrap();
    fs::remove_file(&pause).unwrap();
    assert!(site.path("public/.salve-committing").is_file());
    let clean = clean_build(&site);
    assert_ne!(snapshot(&site.path("public")), clean);

    let check = site.salve(&["check"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    assert!(
        check.stderr().contains(
            "\nwarning[interrupted-build]: a build was stopped while it moved new files into public/, so it holds old and new pages mixed\n --> public/.salve-committing\n  = help: run `salve build`: it rewrites every file of public/ and removes this mark\n"
        ),
        "{}",
        check.stderr()
    );

    site.build(&["--no-search"]);
    assert!(!site.path("public/.salve-committing").exists());
    assert_eq!(snapshot(&site.path("public")), clean);
    no_salve_files_beside(&site.path("public"));
    assert!(
        site.salve(&["check"])
            .stderr()
            .find("interrupted")
            .is_none()
    );
}

#[test]
fn serve_repairs_a_killed_commit_before_serving() {
    let site = site_about_to_change();
    // serve writes to .salve-serve: leave a killed commit there.
    let output = site.path(".salve-serve");
    fs::rename(site.path("public"), &output).unwrap();
    let (mut child, pause) = build_paused_mid_commit(&site, ".salve-serve");
    child.kill().unwrap();
    child.wait().unwrap();
    fs::remove_file(&pause).unwrap();
    assert!(output.join(".salve-committing").is_file());

    let mut server = site
        .command(&["serve", "--no-search", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The first line is printed once the first build is done.
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(server.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    let _ = server.kill();
    let _ = server.wait();
    assert!(line.starts_with("Built "), "{line}");
    assert!(!output.join(".salve-committing").exists());
    // The same pages as a clean build (serve's base URL differs, so compare
    // which files exist).
    let served: Vec<PathBuf> = snapshot(&output).into_keys().collect();
    let clean: Vec<PathBuf> = clean_build(&site).into_keys().collect();
    assert_eq!(served, clean);
}

#[test]
fn ctrl_c_or_sigterm_during_serve_s_first_build_lets_its_commit_finish() {
    for name in ["INT", "TERM"] {
        let site = site_about_to_change();
        // An earlier preview, so the first build moves files in one by one.
        let output = site.path(".salve-serve");
        fs::rename(site.path("public"), &output).unwrap();
        let (server, pause) = paused_mid_commit(&site, &["serve", "--no-search", "--port", "0"]);
        assert!(output.join(".salve-committing").is_file());
        signal(&server, name);
        fs::remove_file(&pause).unwrap();
        let out = server.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {:?}", out.status);
        assert!(
            // The first build's own summary may come before or after it.
            String::from_utf8_lossy(&out.stdout).contains("Stopped.\n"),
            "{name}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(!output.join(".salve-committing").exists(), "{name}");
        let staging: Vec<_> = fs::read_dir(&site.root)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.contains("salve-new"))
            .collect();
        assert!(staging.is_empty(), "{name}: {staging:?}");
    }
}
