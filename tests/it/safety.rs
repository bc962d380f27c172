//! The output folder is never lost or clobbered.

use crate::harness::{FrontMatter, Site, snapshot};
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
    assert_no_staging_left(&site);
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
    assert_eq!(
        run.stderr(),
        format!(
            "error: the output folder {} already exists, is not empty and was not written by salve; salve will not replace it\n  = help: pass another --output folder, or move that folder's files away\n",
            site.root.parent().unwrap().join("mine").display()
        )
    );
    assert_eq!(snapshot(&mine), before);
}

#[test]
fn the_site_folder_and_its_parents_are_refused_as_output() {
    let site = Site::fixture("basic");
    let before = snapshot(&site.root);
    let root = site.root.display().to_string();
    let parent = site.root.parent().unwrap().display().to_string();
    for (output, expected) in [
        (
            ".",
            format!(
                "error: the output folder {root} is the site folder or contains it; salve would replace the site's own files\n  = help: pass an output folder inside the site, e.g. --output public\n"
            ),
        ),
        (
            "..",
            format!(
                "error: the output folder {parent} is the site folder or contains it; salve would replace the site's own files\n  = help: pass an output folder inside the site, e.g. --output public\n"
            ),
        ),
        (
            "articles",
            format!(
                "error: the output folder {root}/articles is inside the site's articles/, pages/, templates/ or static/ folder\n  = help: pass a folder outside them, e.g. --output public\n"
            ),
        ),
    ] {
        let run = site.salve(&["build", "--output", output]);
        assert_eq!(run.code(), 2, "{output}");
        assert_eq!(run.stderr(), expected, "{output}");
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

#[test]
fn a_symlink_loop_is_an_error_not_a_hang() {
    let site = Site::fixture("basic");
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", site.path("articles/legs/loop")).unwrap();
    let run = site.salve(&["build"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().starts_with(
            "error[symlink-loop]: this symbolic link points back into a folder that contains it\n --> articles/legs/loop\n  = help: remove the link or point it outside the loop\n"
        ),
        "{}",
        run.stderr()
    );
    assert!(!site.path("public").exists());
}

#[test]
fn an_oversized_article_is_refused_by_name() {
    let site = Site::fixture("basic");
    let mut text = FrontMatter::new("Huge").with_body("");
    while text.len() <= 3 * 1024 * 1024 {
        text.push_str("[a](<b [a](<b a*** a*** ");
    }
    fs::write(site.path("articles/huge.md"), text).unwrap();
    let run = site.salve(&["build"]);
    assert_eq!(run.code(), 1);
    assert_eq!(
        run.stderr(),
        "error[file-too-large]: the file is 3 MiB; articles may be at most 2 MiB\n --> articles/huge.md\n  = help: split it into several articles\n\nwarning[cause-without-section]: the cause `Runner's knee` has no section in the body\n  --> articles/knee.md:11:8\n   |\n11 | name = \"Runner's knee\"\n   |        ^\n   |\n   = help: add a section headed `## Runner's knee`; its first paragraph is shown on the cause page\n\nerror: the build found 1 error; nothing was written and public/ was left as it was\n"
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let site = Site::fixture("basic");
    site.edit("articles/knee.md", |text| format!("\u{FEFF}{text}"));
    site.build(&[]);
    assert!(site.page("articles/knee/index.html").contains(
        "<h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"10\">Knee pain on stairs</h1>"
    ));
}

#[test]
fn an_unwritable_output_is_an_error_and_the_previous_output_stays() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let before = snapshot(&site.path("public"));
    // A file where the output's parent folder should be: even root cannot
    // create a folder under it.
    fs::write(site.path("../blocker"), "not a folder").unwrap();
    let run = site.salve(&["build", "--output", "../blocker/public"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().starts_with("error: cannot write "),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr()
            .contains("the previous output was left as it was"),
        "{}",
        run.stderr()
    );
    assert_eq!(snapshot(&site.path("public")), before);
    assert_eq!(
        fs::read_to_string(site.path("../blocker")).unwrap(),
        "not a folder"
    );
}

#[test]
fn ctrl_c_mid_build_leaves_the_previous_output_and_the_next_build_cleans_up() {
    let site = Site::fixture("basic");
    site.build(&["--no-search"]);
    let before = snapshot(&site.path("public"));
    // Enough articles that the build is still running when interrupted.
    site.add_articles(
        3000,
        "Article",
        &"Some text about a sore calf and how rest helps it heal.\n\n".repeat(40),
    );
    let child = site
        .command(&["build", "--no-search"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    crate::harness::signal(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert!(
        !out.status.success(),
        "the build finished before it was interrupted; make it longer"
    );
    // Stopped at once, with one line, and nothing of it left.
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: interrupted; nothing was written and public/ was left as it was\n"
    );
    assert_eq!(snapshot(&site.path("public")), before);
    assert_no_staging_left(&site);
    site.build(&["--no-search"]);
    assert!(site.path("public/articles/many-2999/index.html").is_file());
    assert_no_staging_left(&site);
}

#[test]
fn a_write_that_runs_out_of_room_fails_cleanly() {
    // Simulates a full disk: a 16 KiB limit on file size makes a larger
    // write fail (EFBIG; SIGXFSZ is ignored so the error reaches salve).
    let site = Site::fixture("basic");
    site.build(&["--no-search"]);
    let before = snapshot(&site.path("public"));
    FrontMatter::new("Long").write(
        &site,
        "articles/long.md",
        &"Words about calves. ".repeat(2000),
    );
    let output = site
        .shell("trap '' XFSZ; exec prlimit --fsize=16384 \"$0\" build --no-search")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: cannot write "), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert!(
        stderr.contains("the previous output was left as it was"),
        "{stderr}"
    );
    assert_eq!(snapshot(&site.path("public")), before);
    assert_no_staging_left(&site);
}

/// Makes a symbolic link at `link` to `target`.
fn symlink(target: &std::path::Path, link: &std::path::Path) {
    #[cfg(unix)]
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// The message for a link at `link` (under the site) to `target`.
fn link_refused(site: &Site, link: &str, target: &std::path::Path, kind: &str) -> String {
    format!(
        "error: {} is a symbolic link to {}; salve will not write or delete through a link, so nothing was changed\n  = help: remove the link (what it points to stays as it is); salve will then write a real {kind} there\n",
        site.path(link).display(),
        target.display()
    )
}

#[test]
fn a_linked_folder_in_the_output_is_refused_and_what_it_points_to_kept() {
    let site = Site::fixture("basic");
    site.build(&[]);
    // A user's own folder linked in as public/css, holding salve's
    // stylesheet and a file of theirs.
    let mine = site.path("../mine");
    fs::create_dir(&mine).unwrap();
    fs::rename(site.path("public/css/salve.css"), mine.join("salve.css")).unwrap();
    fs::write(mine.join("notes.txt"), "keep me").unwrap();
    fs::remove_dir(site.path("public/css")).unwrap();
    symlink(&mine, &site.path("public/css"));
    let before = (snapshot(&site.path("public")), snapshot(&mine));
    // A new article: the build has pages to write.
    site.add_articles(1, "Extra", "More text.\n");
    for args in [&["build"][..], &["build", "--no-search"]] {
        let run = site.salve(args);
        assert_eq!(run.code(), 2, "{}", run.stderr());
        assert_eq!(
            run.stderr(),
            link_refused(&site, "public/css", &mine, "folder")
        );
        assert_eq!((snapshot(&site.path("public")), snapshot(&mine)), before);
        assert!(
            fs::symlink_metadata(site.path("public/css"))
                .unwrap()
                .is_symlink()
        );
        assert_no_staging_left(&site);
    }
    // With the link gone, the next build writes a real folder.
    fs::remove_file(site.path("public/css")).unwrap();
    site.build(&[]);
    assert!(site.path("public/css/salve.css").is_file());
    assert_eq!(
        fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn a_linked_file_or_build_cache_in_the_output_is_refused_and_its_target_kept() {
    for (link, kind) in [
        ("public/index.html", "file"),
        ("public/.salve-cache", "folder"),
    ] {
        let site = Site::fixture("basic");
        site.build(&[]);
        let target = site.path("../mine");
        if kind == "folder" {
            fs::rename(site.path(link), &target).unwrap();
        } else {
            fs::write(&target, "a user's file").unwrap();
            fs::remove_file(site.path(link)).unwrap();
        }
        symlink(&target, &site.path(link));
        let before = (snapshot(&site.path("public")), snapshot(&target));
        site.add_articles(1, "Extra", "More text.\n");
        let run = site.salve(&["build"]);
        assert_eq!(run.code(), 2, "{link}: {}", run.stderr());
        assert_eq!(run.stderr(), link_refused(&site, link, &target, kind));
        assert_eq!((snapshot(&site.path("public")), snapshot(&target)), before);
        assert!(fs::symlink_metadata(site.path(link)).unwrap().is_symlink());
    }
}

#[test]
fn a_linked_staging_folder_is_refused_and_what_it_points_to_kept() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let mine = site.path("../mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join(".salve-output"), "looks like salve's").unwrap();
    fs::write(mine.join("notes.txt"), "keep me").unwrap();
    symlink(&mine, &site.path(".public.salve-new"));
    let before = (snapshot(&site.path("public")), snapshot(&mine));
    let run = site.salve(&["build"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert_eq!(
        run.stderr(),
        link_refused(&site, ".public.salve-new", &mine, "folder")
    );
    assert_eq!((snapshot(&site.path("public")), snapshot(&mine)), before);
}

#[test]
fn an_output_folder_that_is_a_link_is_refused_and_what_it_points_to_kept() {
    let site = Site::fixture("basic");
    let mine = site.path("../mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join(".salve-output"), "looks like salve's").unwrap();
    fs::write(mine.join("notes.txt"), "keep me").unwrap();
    symlink(&mine, &site.path("public"));
    let before = snapshot(&mine);
    let run = site.salve(&["build"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert_eq!(run.stderr(), link_refused(&site, "public", &mine, "folder"));
    assert_eq!(snapshot(&mine), before);
}

#[test]
fn serve_refuses_to_start_on_an_output_holding_a_link() {
    let site = Site::fixture("basic");
    site.build(&["--no-search", "--output", ".salve-serve"]);
    let mine = site.path("../mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "keep me").unwrap();
    symlink(&mine, &site.path(".salve-serve/notes"));
    let mut server = site
        .command(&["serve", "--no-search", "--port", "0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Bounded: a server that starts is stopped after ten seconds.
    let mut status = None;
    for _ in 0..1000 {
        status = server.try_wait().unwrap();
        if status.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let _ = server.kill();
    let out = server.wait_with_output().unwrap();
    assert_eq!(status.and_then(|s| s.code()), Some(2), "it served");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        link_refused(&site, ".salve-serve/notes", &mine, "folder")
    );
    assert_eq!(
        fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "keep me"
    );
}

/// No staging or old-output folder of salve's is left beside the output.
fn assert_no_staging_left(site: &Site) {
    let leftovers: Vec<_> = fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("salve"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
