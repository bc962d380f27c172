use super::*;

#[test]
fn a_file_over_the_time_budget_stops_the_stage_with_its_name() {
    let files = vec![SourceFile {
        path: PathBuf::from("articles/slow.md"),
        text: format!(
            "+++\ntitle = \"t\"\ndate = 2025-01-01\nauthor = \"a\"\n+++\n{}",
            "[a](<b ".repeat(20_000)
        ),
    }];
    let mut out = Vec::new();
    let site = parse_within(files, "/", false, Duration::ZERO, &mut out);
    assert!(site.articles.is_empty());
    assert_eq!(out.len(), 1);
    assert_eq!(
        (out[0].code, out[0].path.to_str()),
        ("too-slow", Some("articles/slow.md"))
    );
}

#[test]
fn files_waiting_for_a_busy_thread_pool_are_not_too_slow() {
    // Every thread of the pool is held, for ten budgets, by other work
    // (as another build in the same process, or a test, would): the
    // file waits, but only its own parsing is timed.
    let threads = rayon::current_num_threads();
    let all_held = std::sync::Arc::new(std::sync::Barrier::new(threads + 1));
    for _ in 0..threads {
        let all_held = all_held.clone();
        rayon::spawn(move || {
            all_held.wait();
            std::thread::sleep(Duration::from_millis(500));
        });
    }
    all_held.wait();
    // Several files, so that they are handed to the pool (one alone
    // would be parsed on the thread that asks).
    let files = (0..8)
        .map(|i| SourceFile {
            path: PathBuf::from(format!("articles/quick-{i}.md")),
            text: "+++\ntitle = \"t\"\ndate = 2025-01-01\nauthor = \"a\"\n+++\nText.\n".to_owned(),
        })
        .collect();
    let mut out = Vec::new();
    let site = parse_within(files, "/", false, Duration::from_millis(50), &mut out);
    assert!(out.is_empty(), "{out:?}");
    assert_eq!(site.articles.len(), 8);
}

#[test]
fn files_within_the_budget_keep_their_order() {
    let file = |name: &str| SourceFile {
        path: PathBuf::from(format!("articles/{name}.md")),
        text: "+++\ntitle = \"t\"\ndate = 2025-01-01\nauthor = \"a\"\n+++\nText.\n".to_owned(),
    };
    let mut out = Vec::new();
    let site = parse(vec![file("b"), file("a"), file("c")], "/", false, &mut out);
    let names: Vec<_> = site
        .articles
        .iter()
        .map(|a| a.source.to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["articles/b.md", "articles/a.md", "articles/c.md"]);
    assert!(out.is_empty());
}
