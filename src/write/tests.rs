use super::*;

fn plan(text: &str) -> OutputPlan {
    OutputPlan {
        files: vec![OutputFile {
            path: "a/index.html".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        copies: Vec::new(),
    }
}

#[test]
fn refuses_the_site_folder_and_its_parents() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    fs::create_dir_all(site.join("articles")).unwrap();
    assert!(matches!(
        check_output(&site, &site),
        Err(WriteError::ContainsSite(_))
    ));
    assert!(matches!(
        check_output(&site, dir.path()),
        Err(WriteError::ContainsSite(_))
    ));
    assert!(matches!(
        check_output(&site, &site.join("x/..")),
        Err(WriteError::ContainsSite(_))
    ));
    for source in ["articles", "pages", "templates", "static"] {
        assert!(matches!(
            check_output(&site, &site.join(source).join("out")),
            Err(WriteError::InsideSources(_))
        ));
    }
    assert!(check_output(&site, &site.join("public")).is_ok());
}

#[test]
fn refuses_a_users_non_empty_folder_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    fs::create_dir(&site).unwrap();
    let out = dir.path().join("mine");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "keep me").unwrap();
    assert!(matches!(
        check_output(&site, &out),
        Err(WriteError::NotOurs(_))
    ));
    // An empty folder, or one salve marked, may be replaced.
    fs::create_dir(dir.path().join("empty")).unwrap();
    assert!(check_output(&site, &dir.path().join("empty")).is_ok());
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn writes_then_replaces_its_own_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &plan("one")).unwrap();
    assert!(out.join(MARKER).is_file());
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
    fs::write(out.join("stale.html"), "old").unwrap();
    write(&out, &plan("two")).unwrap();
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
    assert!(!out.join("stale.html").exists());
    // No staging or old folders are left beside it.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["public"]);
}

#[test]
fn a_failed_write_keeps_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &plan("one")).unwrap();
    let bad = OutputPlan {
        files: vec![OutputFile {
            path: "../escape.html".into(),
            bytes: Vec::new(),
        }],
        copies: Vec::new(),
    };
    assert!(write(&out, &bad).is_err());
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
    assert!(!dir.path().join("escape.html").exists());
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["public"]);
}

#[test]
fn never_removes_a_staging_name_it_did_not_create() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let squatter = dir.path().join(".public.salve-new");
    fs::create_dir(&squatter).unwrap();
    fs::write(squatter.join("x"), "user data").unwrap();
    assert!(matches!(
        write(&out, &plan("one")),
        Err(WriteError::NotOurs(_))
    ));
    assert_eq!(fs::read_to_string(squatter.join("x")).unwrap(), "user data");
}

#[test]
fn unchanged_files_keep_their_inode_and_changed_ones_are_new() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut first = plan("same");
    first.files.push(OutputFile {
        path: "b/index.html".into(),
        bytes: b"old".to_vec(),
    });
    write(&out, &first).unwrap();
    let inode = |p: &str| fs::metadata(out.join(p)).unwrap().ino();
    let (a, b) = (inode("a/index.html"), inode("b/index.html"));

    let mut second = plan("same");
    second.files.push(OutputFile {
        path: "b/index.html".into(),
        bytes: b"new".to_vec(),
    });
    let report = write(&out, &second).unwrap();
    assert_eq!(report.unchanged, 1);
    assert_eq!(
        inode("a/index.html"),
        a,
        "an unchanged file is the same file"
    );
    assert_ne!(inode("b/index.html"), b);
    assert_eq!(fs::read(out.join("b/index.html")).unwrap(), b"new");
}

fn files(list: &[(&str, &str)]) -> OutputPlan {
    OutputPlan {
        files: list
            .iter()
            .map(|(path, text)| OutputFile {
                path: (*path).into(),
                bytes: text.as_bytes().to_vec(),
            })
            .collect(),
        copies: Vec::new(),
    }
}

#[test]
fn an_update_swaps_files_and_folders_and_removes_what_is_no_longer_made() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(
        &out,
        &files(&[("x/index.html", "x"), ("y", "y"), ("gone/deep/a.html", "a")]),
    )
    .unwrap();
    write(
        &out,
        &files(&[("x", "x as a file"), ("y/index.html", "y in a folder")]),
    )
    .unwrap();
    assert_eq!(fs::read_to_string(out.join("x")).unwrap(), "x as a file");
    assert_eq!(
        fs::read_to_string(out.join("y/index.html")).unwrap(),
        "y in a folder"
    );
    assert!(!out.join("gone").exists(), "emptied folders go too");
    let mut names: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".salve-cache", MARKER, "x", "y"]);
    let beside: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(beside.len(), 1, "no staging folder is left beside it");
}

#[test]
fn an_update_not_committed_leaves_the_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &files(&[("a/index.html", "one"), ("b.html", "b")])).unwrap();
    let before = fs::read_to_string(out.join("a/index.html")).unwrap();
    {
        let staging = Staging::begin(&out).unwrap();
        staging.put("a/index.html", b"two");
        staging.put("c/new.html", b"new");
        // Dropped: the build failed after writing some pages.
    }
    assert_eq!(
        fs::read_to_string(out.join("a/index.html")).unwrap(),
        before
    );
    assert!(out.join("b.html").exists());
    assert!(!out.join("c").exists());
    let beside: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(beside.len(), 1);
}

#[test]
fn the_cache_vouches_only_for_pages_as_salve_left_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let build = |pages: &[(&str, &str, u64)], keep: &[(&str, u64)]| {
        let staging = Staging::begin(&out).unwrap();
        let kept: Vec<bool> = keep.iter().map(|(p, k)| staging.keep_page(p, *k)).collect();
        for (path, text, key) in pages {
            staging.put_page(path, text.as_bytes(), *key);
        }
        staging.commit().unwrap();
        kept
    };
    build(
        &[("a.html", "a", 1), ("b.html", "b", 2), ("c.html", "c", 3)],
        &[],
    );
    // Same key: kept; another key: not; a page changed by hand: not.
    fs::write(out.join("c.html"), "edited by hand").unwrap();
    assert_eq!(
        build(&[], &[("a.html", 1), ("b.html", 20), ("c.html", 3)]),
        [true, false, false]
    );
    assert!(out.join("a.html").is_file(), "a kept page stays");
    assert!(
        !out.join("b.html").exists(),
        "a page neither kept nor made goes"
    );
    // A cache written by another salve is not trusted.
    let cache = out.join(CACHE);
    let text = fs::read_to_string(&cache).unwrap();
    fs::write(&cache, text.replacen(CACHE_FORMAT, "salve-cache 0", 1)).unwrap();
    assert_eq!(build(&[], &[("a.html", 1)]), [false]);
}

#[test]
fn a_commit_cut_short_makes_the_next_build_trust_nothing_and_rewrite_all() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    {
        let staging = Staging::begin(&out).unwrap();
        staging.put_page("a.html", b"a", 1);
        staging.put("stale.html", b"old");
        staging.commit().unwrap();
    }
    let inode = fs::metadata(out.join("a.html")).unwrap().ino();
    // As a build killed mid-commit leaves it.
    fs::write(out.join(COMMITTING), "").unwrap();
    let staging = Staging::begin(&out).unwrap();
    assert!(!staging.keep_page("a.html", 1), "the cache is not trusted");
    staging.put_page("a.html", b"a", 1);
    let report = staging.commit().unwrap();
    assert_eq!(
        report.unchanged, 0,
        "same bytes, written again all the same"
    );
    assert_ne!(fs::metadata(out.join("a.html")).unwrap().ino(), inode);
    assert!(!out.join("stale.html").exists());
    assert!(!interrupted_commit(&out), "the mark goes last");
}

#[test]
fn a_stop_while_staging_removes_the_staging_and_writes_nothing_more() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &plan("one")).unwrap();
    let interrupt = Interrupt::default();
    let staging = Staging::begin_with(&out, &interrupt).unwrap();
    staging.put("a/index.html", b"two");
    assert_eq!(interrupt.stop(), Stopped::Unchanged);
    staging.put("b.html", b"after the stop");
    assert!(matches!(staging.commit(), Err(WriteError::Interrupted)));
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no staging folder is left beside it");
    // A stopped handle starts no other build.
    assert!(matches!(
        Staging::begin_with(&out, &interrupt),
        Err(WriteError::Interrupted)
    ));
}

#[test]
fn a_stop_after_the_commit_says_the_output_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let interrupt = Interrupt::default();
    let staging = Staging::begin_with(&out, &interrupt).unwrap();
    staging.put("a.html", b"a");
    staging.commit().unwrap();
    assert_eq!(interrupt.stop(), Stopped::Committed);
}

#[cfg(unix)]
#[test]
fn a_link_made_at_the_cache_folder_during_a_build_is_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &plan("one")).unwrap();
    let staging = Staging::begin(&out).unwrap();
    staging.put_page("a/index.html", b"two", 1);
    // Made after the output was checked, before the commit.
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("pages"), "a user's file").unwrap();
    fs::remove_dir_all(out.join(".salve-cache")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join(".salve-cache")).unwrap();
    staging.commit().unwrap();
    assert_eq!(
        fs::read_to_string(elsewhere.join("pages")).unwrap(),
        "a user's file"
    );
    assert!(out.join(".salve-cache").is_dir());
    assert!(
        !fs::symlink_metadata(out.join(".salve-cache"))
            .unwrap()
            .is_symlink()
    );
}
