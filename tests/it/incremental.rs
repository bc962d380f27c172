//! A rebuild that reuses what the last build kept must write exactly what a
//! fresh full build writes, after every kind of edit: incremental output is
//! never stale.

use crate::harness::{Site, snapshot};
use salve::{BuildOptions, ParseCache};
use std::fs;
use std::path::{Path, PathBuf};

fn options(site: &Site) -> BuildOptions {
    BuildOptions {
        root: site.root.clone(),
        base_url: None,
        drafts: false,
        today: crate::harness::today(),
        search: true,
    }
}

/// Rebuilds `site` with `memory` into `public/`, builds it afresh into
/// `fresh/`, and asserts the two are the same, file for file and byte for
/// byte. Returns the pages the rebuild rendered. Both kinds of rebuild use
/// the build cache that `public/` carries from build to build; `serve`'s
/// also keeps the parsed files in `cache`.
pub(crate) fn rebuild_matches_full_build(
    site: &Site,
    cache: &mut Option<ParseCache>,
    edit: &str,
) -> Vec<String> {
    let options = options(site);
    let report = salve::build_with(&options, &site.path("public"), cache.as_mut(), &|_, _| {})
        .unwrap_or_else(|e| panic!("rebuild after {edit}: {e:?}"));
    let fresh = site.path("../fresh");
    let _ = fs::remove_dir_all(&fresh);
    salve::build(&options, &fresh).unwrap_or_else(|e| panic!("full build after {edit}: {e:?}"));
    let (a, b) = (snapshot(&site.path("public")), snapshot(&fresh));
    let a_names: Vec<_> = a.keys().collect();
    let b_names: Vec<_> = b.keys().collect();
    assert_eq!(a_names, b_names, "the files differ after {edit}");
    for (path, bytes) in &a {
        assert!(
            *bytes == b[path],
            "{} differs from a full build after {edit}",
            path.display()
        );
    }
    report.rendered
}

#[test]
fn every_kind_of_edit_rebuilds_to_the_same_bytes_as_a_full_build() {
    every_kind_of_edit(Some(ParseCache::default()));
}

#[test]
fn with_the_build_cache_every_kind_of_edit_rebuilds_to_the_same_bytes() {
    every_kind_of_edit(None);
}

/// Each kind of edit, rebuilt with a cache of parsed files that each build
/// updates (like `salve serve`), or without one, so each rebuild is like a
/// new `salve build` process with only the output's build cache to go on.
fn every_kind_of_edit(cache: Option<ParseCache>) {
    let site = Site::bundled();
    let mut memory = cache;
    let all = rebuild_matches_full_build(&site, &mut memory, "the first build");
    assert!(all.len() > 40, "the first build renders every page");

    let nothing = rebuild_matches_full_build(&site, &mut memory, "no edit");
    assert!(nothing.is_empty(), "{nothing:?}");

    let cramps = "articles/legs/night-leg-cramps.md";
    site.replace(
        cramps,
        "\n+++\n",
        "\n+++\nA new opening sentence about cramps.\n\n",
    );
    let body = rebuild_matches_full_build(&site, &mut memory, "a body edit");
    assert!(body.contains(&"articles/legs/night-leg-cramps/index.html".to_owned()));
    assert!(
        !body.contains(&"articles/knees/knee-pain-on-stairs/index.html".to_owned()),
        "an unrelated article is not re-rendered: {body:?}"
    );
    assert!(body.len() < all.len() / 2, "{body:?}");

    site.replace(cramps, "title = \"", "title = \"Updated: ");
    let title = rebuild_matches_full_build(&site, &mut memory, "a title edit");
    assert!(
        title.contains(&"index.html".to_owned()),
        "the home page lists it"
    );

    site.replace(
        cramps,
        "[[causes]]",
        "[[causes]]\nname = \"Low magnesium\"\ntreatments = [\"See a doctor\"]\n\n[[causes]]",
    );
    rebuild_matches_full_build(&site, &mut memory, "a new cause");

    site.replace(
        cramps,
        "author = \"priya-natarajan\"",
        "author = \"marcus-okafor\"",
    );
    rebuild_matches_full_build(&site, &mut memory, "an author change");

    site.replace("templates/partials/summary.html", "<", "<!-- edited -->\n<");
    let template = rebuild_matches_full_build(&site, &mut memory, "a partial template edit");
    assert!(
        !template.contains(&"calorie-goal/index.html".to_owned()),
        "a page that does not use the partial is not re-rendered: {template:?}"
    );

    site.replace("site.toml", "title = \"", "title = \"The ");
    let config = rebuild_matches_full_build(&site, &mut memory, "a site.toml edit");
    // The Spanish pages have a title of their own ([languages.es]).
    let pages = snapshot(&site.path("public"))
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html") && !p.starts_with("es"))
        .count();
    assert_eq!(
        config.len(),
        pages,
        "the site title is on every English page"
    );
    assert!(!config.iter().any(|p| p.starts_with("es/")), "{config:?}");

    fs::write(site.path("static/css/salve.css"), "body { color: #111; }\n").unwrap();
    let css = rebuild_matches_full_build(&site, &mut memory, "a static file edit");
    assert!(css.is_empty(), "{css:?}");

    let new = fs::read_to_string(site.path(cramps))
        .unwrap()
        .replace("title = \"Updated: ", "title = \"A second look at ");
    fs::write(site.path("articles/legs/cramps-again.md"), new).unwrap();
    rebuild_matches_full_build(&site, &mut memory, "a new article");

    fs::remove_file(site.path("articles/legs/cramps-again.md")).unwrap();
    rebuild_matches_full_build(&site, &mut memory, "a deleted article");
    assert!(!Path::new(&site.path("public/articles/legs/cramps-again")).exists());

    fs::create_dir_all(site.path("pages")).unwrap();
    let about = "pages/contact.md";
    fs::write(
        site.path(about),
        "+++\ntitle = \"Contact\"\n+++\nWho we are.\n",
    )
    .unwrap();
    let page = rebuild_matches_full_build(&site, &mut memory, "a new standalone page");
    assert!(page.contains(&"contact/index.html".to_owned()), "{page:?}");
    site.replace(about, "Who we are.", "Who we are, and why.");
    let page = rebuild_matches_full_build(&site, &mut memory, "a standalone page's edit");
    assert_eq!(page, ["contact/index.html"], "only the page changes");
    fs::remove_file(site.path(about)).unwrap();
    rebuild_matches_full_build(&site, &mut memory, "a deleted standalone page");
    assert!(!Path::new(&site.path("public/contact")).exists());
}

#[test]
fn a_second_build_rewrites_only_the_files_that_changed() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::bundled();
    site.build(&["--no-search"]);
    let stamp = |rel: &str| {
        let m = fs::metadata(site.path("public").join(rel)).unwrap();
        (m.ino(), m.mtime_nsec(), m.mtime())
    };
    let unrelated = "articles/knees/knee-pain-on-stairs/index.html";
    let photo = "articles/knees/knee-pain-on-stairs/knee-pain-on-stairs.jpg";
    let edited = "articles/legs/shin-splints/index.html";
    let before = (stamp(unrelated), stamp(photo), stamp(edited));
    site.replace(
        "articles/legs/shin-splints.md",
        "\n+++\n",
        "\n+++\nOne more sentence.\n\n",
    );
    site.build(&["--no-search"]);
    assert_eq!(
        stamp(unrelated),
        before.0,
        "an unchanged page is the same file"
    );
    assert_eq!(
        stamp(photo),
        before.1,
        "an unchanged photo is the same file"
    );
    assert_ne!(stamp(edited), before.2);
    assert!(
        fs::read_to_string(site.path("public").join(edited))
            .unwrap()
            .contains("One more sentence.")
    );
}

#[test]
fn an_edit_re_indexes_only_the_search_shard_of_its_page() {
    use std::collections::{BTreeMap, BTreeSet};
    use std::os::unix::fs::MetadataExt;
    let site = Site::fixture("basic");
    site.add_articles(
        1100,
        "Calf care",
        &"Rest and ice help a strained calf heal.\n\n".repeat(5),
    );
    site.build(&[]);
    let shards: Vec<String> =
        serde_json::from_str(&site.page("pagefind/salve-shards.json")).unwrap();
    assert!(shards.len() >= 2, "a site this size has several shards");
    // Each file of the index, by shard, with what says whether it was rewritten.
    let index = || -> BTreeMap<PathBuf, (u64, i64, i64)> {
        let root = site.path("public");
        walkdir::WalkDir::new(root.join("pagefind"))
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let m = e.metadata().unwrap();
                let rel = e.path().strip_prefix(&root).unwrap().to_path_buf();
                (rel, (m.ino(), m.mtime(), m.mtime_nsec()))
            })
            .collect()
    };
    let shard = |path: &Path| -> String {
        match path.strip_prefix("pagefind").unwrap().components().next() {
            Some(c) if c.as_os_str().to_string_lossy().starts_with("shard-") => {
                c.as_os_str().to_string_lossy().into_owned()
            }
            _ => "pagefind".to_owned(),
        }
    };
    let before = index();
    site.replace("articles/many-7.md", "heal.", "heal. Swelling goes down.");
    let run = site.build(&[]);
    let summary = format!("Re-indexed 1 of {} search shards", shards.len() + 1);
    assert!(run.stdout().contains(&summary), "{}", run.stdout());
    let after = index();
    let touched: BTreeSet<String> = before
        .keys()
        .chain(after.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .map(|p| shard(p))
        .collect();
    assert_eq!(
        touched.len(),
        1,
        "only one shard was built again: {touched:?}"
    );
    // And the index is the one a build from nothing makes.
    site.salve(&["build", "--output", "../fresh"]);
    let (a, b) = (
        snapshot(&site.path("public/pagefind")),
        snapshot(&site.path("../fresh/pagefind")),
    );
    assert!(a == b, "the kept and rebuilt shards equal a full build's");
}
