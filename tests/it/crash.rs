//! A bug in salve, as a writer meets it: one line naming the file, asking
//! for a report, exit status 101 and no backtrace. Debug builds crash on
//! purpose on the file named by `SALVE_PANIC_ON`, at each stage that
//! records the file it works on.

use crate::harness::{Run, Site};

fn build_crashing_on(site: &Site, file: &str) -> Run {
    let output = site
        .command(&["build"])
        // A backtrace is never shown, even when asked for.
        .env("RUST_BACKTRACE", "full")
        .env("SALVE_PANIC_ON", file)
        .output()
        .expect("run salve");
    Run(output)
}

#[test]
fn a_crash_is_one_line_naming_the_file_with_exit_101() {
    let site = Site::fixture("basic");
    for (file, shown) in [
        ("site.toml", "site.toml"),
        ("articles/knee.md", "articles/knee.md"),
        ("articles/knee/index.html", "articles/knee/index.html"),
    ] {
        let run = build_crashing_on(&site, file);
        assert_eq!(run.code(), 101, "{file}: {}", run.stderr());
        let stderr = run.stderr();
        assert_eq!(stderr.lines().count(), 1, "{file}: {stderr}");
        assert!(
            stderr.starts_with(
                "error: salve has a bug: it crashed (SALVE_PANIC_ON asked for a crash here at src/crash.rs:"
            ) && stderr.ends_with(&format!(
                ") while processing {shown}. Please report it to salve's developers with that file.\n"
            )),
            "{file}: {stderr}"
        );
        assert!(!site.path("public/index.html").exists(), "{file}");
    }
}
