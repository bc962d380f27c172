//! URLs that last and files hosts expect: aliases become redirect pages and
//! `_redirects` lines, a URL published before and gone now is a warning,
//! `static/.well-known/` is published, the site's `_headers` and
//! `_redirects` are kept, and a `/` path is a file under `static/`.

use crate::harness::{FrontMatter, Site};
use std::fs;

/// The `basic` fixture with `aliases` added to `articles/knee.md`.
fn with_aliases(aliases: &str) -> Site {
    let site = Site::fixture("basic");
    site.replace(
        "articles/knee.md",
        "author = \"ana\"\n",
        &format!("author = \"ana\"\naliases = {aliases}\n"),
    );
    site
}

#[test]
fn an_alias_is_a_redirect_page_and_a_line_in_redirects() {
    let site = with_aliases(r#"["/old/knees", "/knee-pain.html"]"#);
    site.build(&["--no-search"]);
    let page = site.page("old/knees/index.html");
    let new = "https://fixture.example.org/articles/knee/";
    for part in [
        r#"<meta http-equiv="refresh" content="0; url=/articles/knee/">"#,
        &format!(r#"<link rel="canonical" href="{new}">"#),
        r#"<meta name="robots" content="noindex">"#,
        &format!(r#"<a href="/articles/knee/">{new}</a>"#),
        r#"<html lang="en">"#,
    ] {
        assert!(page.contains(part), "no {part} in:\n{page}");
    }
    // A file alias is that file.
    assert!(site.page("knee-pain.html").contains("url=/articles/knee/"));
    assert_eq!(
        site.page("_redirects"),
        "/knee-pain.html /articles/knee/ 301\n/old/knees/ /articles/knee/ 301\n"
    );
    // Not a page to list or index.
    assert!(!site.page("sitemap.xml").contains("old/knees"));
    assert!(!site.page("feed.xml").contains("old/knees"));
}

#[test]
fn under_a_sub_path_both_sides_of_a_redirect_carry_it() {
    let site = with_aliases(r#"["/old/knees/"]"#);
    site.build(&["--no-search", "--base-url", "https://example.org/health/"]);
    assert_eq!(
        site.page("_redirects"),
        "/health/old/knees/ /health/articles/knee/ 301\n"
    );
    let page = site.page("old/knees/index.html");
    assert!(page.contains("url=/health/articles/knee/"), "{page}");
    assert!(page.contains(r#"href="https://example.org/health/articles/knee/""#));
}

#[test]
fn without_aliases_or_a_site_file_there_is_no_redirects_file() {
    let site = Site::fixture("basic");
    site.build(&["--no-search"]);
    assert!(!site.path("public/_redirects").exists());
}

#[test]
fn an_alias_that_could_leave_the_output_is_an_error_at_the_alias() {
    for (alias, why) in [
        ("/../../outside/", "`.` or `..` segments"),
        ("/a/../../../etc/", "`.` or `..` segments"),
        ("/.salve-output", "hidden file or folder"),
        ("//evil.example.org/", "empty segment"),
        ("https://evil.example.org/", "starting with `/`"),
        ("/a\\\\..\\\\b/", "not '\\\\'"),
        ("/a?b=1", "not '?'"),
        ("/pagefind/", "search index"),
    ] {
        let site = with_aliases(&format!("[\"{alias}\"]"));
        let run = site.salve(&["build", "--no-search"]);
        assert_eq!(run.code(), 1, "{alias}: {}", run.stderr());
        let err = run.stderr();
        assert!(err.contains("error[bad-alias]"), "{alias}: {err}");
        assert!(err.contains(why), "{alias}: {err}");
        assert!(err.contains("--> articles/knee.md:5:12"), "{alias}: {err}");
        assert!(!site.path("public").exists(), "{alias}");
        assert!(!site.root.parent().unwrap().join("outside").exists());
    }
}

#[test]
fn an_alias_over_a_static_file_or_a_built_in_page_is_an_error() {
    let site = with_aliases(
        r#"["/images/ana.svg.html", "/causes/", "/404.html", "/images/ana.svg/", "/old.html", "/old.html/x/", "/Articles/Knee/"]"#,
    );
    fs::write(site.path("static/images/ana.svg.html"), "<p>mine</p>").unwrap();
    let run = site.salve(&["build", "--no-search"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    for part in [
        "the alias /images/ana.svg.html takes the URL of the file static/images/ana.svg.html",
        "the alias /causes/ takes the URL of the causes page at /causes/",
        "the alias /404.html takes the URL of the 404 page at /404.html",
        "the alias /Articles/Knee/ takes the URL of articles/knee.md, published at /articles/knee/",
        "the alias /images/ana.svg/ clashes with the file static/images/ana.svg: one would be a folder where the other is a file",
        "the alias /old.html/x/ clashes with the alias /old.html in articles/knee.md:5:81: one would be a folder where the other is a file",
    ] {
        assert!(err.contains(part), "no {part} in:\n{err}");
    }
}

#[test]
fn the_sites_own_redirects_and_headers_are_kept_and_merged() {
    let site = with_aliases(r#"["/old/knees/"]"#);
    let headers = "/*\n  X-Frame-Options: DENY\n";
    fs::write(site.path("static/_headers"), headers).unwrap();
    fs::write(
        site.path("static/_redirects"),
        "# moved by hand\n/blog/* /articles/:splat 301",
    )
    .unwrap();
    site.build(&["--no-search"]);
    assert_eq!(site.page("_headers"), headers);
    assert_eq!(
        site.page("_redirects"),
        "# moved by hand\n/blog/* /articles/:splat 301\n/old/knees/ /articles/knee/ 301\n"
    );
    // Without aliases, the site's file alone.
    let site = Site::fixture("basic");
    fs::write(site.path("static/_redirects"), "/a /b 302\n").unwrap();
    site.build(&["--no-search"]);
    assert_eq!(site.page("_redirects"), "/a /b 302\n");
}

#[test]
fn a_site_rule_for_an_aliass_url_is_an_error_naming_both() {
    let site = with_aliases(r#"["/old/knees/"]"#);
    fs::write(
        site.path("static/_redirects"),
        "/a /b 302\n/old/knees /c/ 301\n",
    )
    .unwrap();
    let run = site.salve(&["build", "--no-search"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        err.contains(
            "error[duplicate-url]: this rule redirects /old/knees, and so does the alias in articles/knee.md:5:12\n --> static/_redirects:2:1"
        ),
        "{err}"
    );
}

/// The `basic` fixture with one more article, `articles/old-news.md`,
/// built once into `public/`.
fn built_with_old_news() -> Site {
    let site = Site::fixture("basic");
    FrontMatter::new("Old news").write(&site, "articles/old-news.md", "Soon gone.\n");
    let first = site.build(&["--no-search"]);
    // A first build has nothing to compare with.
    assert!(
        !first.stderr().contains("url-removed"),
        "{}",
        first.stderr()
    );
    site
}

#[test]
fn a_page_published_before_and_gone_now_is_a_warning_until_an_alias_keeps_it() {
    let site = built_with_old_news();
    fs::remove_file(site.path("articles/old-news.md")).unwrap();
    // `check` compares with what public/ has, and writes nothing.
    let check = site.salve(&["check"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    let warning = "warning[url-removed]: /articles/old-news/ was published by the last build and is gone now: links to it lead nowhere\n --> public\n  = help: if another article replaces it, add aliases = [\"/articles/old-news/\"] to that article's front matter\n";
    assert!(check.stderr().contains(warning), "{}", check.stderr());
    let run = site.build(&["--no-search"]);
    assert!(run.stderr().contains(warning), "{}", run.stderr());
    assert_eq!(
        run.stderr().matches("url-removed").count(),
        1,
        "{}",
        run.stderr()
    );
    // Said once: the next build compares with this one.
    let again = site.build(&["--no-search"]);
    assert!(
        !again.stderr().contains("url-removed"),
        "{}",
        again.stderr()
    );

    // A page that became a file of static/ at its URL is still there.
    let site = built_with_old_news();
    fs::remove_file(site.path("articles/old-news.md")).unwrap();
    fs::create_dir_all(site.path("static/articles/old-news")).unwrap();
    fs::write(
        site.path("static/articles/old-news/index.html"),
        "<p>kept</p>",
    )
    .unwrap();
    let run = site.build(&["--no-search"]);
    assert!(!run.stderr().contains("url-removed"), "{}", run.stderr());

    // With an alias on the article that replaces it: a redirect, no warning.
    let site = built_with_old_news();
    fs::remove_file(site.path("articles/old-news.md")).unwrap();
    site.replace(
        "articles/legs/cramps.md",
        "author = \"ana\"\n",
        "author = \"ana\"\naliases = [\"/articles/old-news/\"]\n",
    );
    let run = site.build(&["--no-search"]);
    assert!(!run.stderr().contains("url-removed"), "{}", run.stderr());
    assert!(
        site.page("articles/old-news/index.html")
            .contains("url=/articles/legs/cramps/")
    );
}

#[test]
fn a_fresh_output_folder_has_no_removed_urls() {
    let site = built_with_old_news();
    fs::remove_file(site.path("articles/old-news.md")).unwrap();
    let run = site.build(&["--no-search", "--output", "elsewhere"]);
    assert!(!run.stderr().contains("url-removed"), "{}", run.stderr());
    // And public/, built into again, still remembers.
    let run = site.build(&["--no-search"]);
    assert!(run.stderr().contains("url-removed"), "{}", run.stderr());
}

#[test]
fn static_well_known_is_published_and_other_hidden_files_are_not() {
    let site = Site::fixture("basic");
    let security = "Contact: mailto:security@fixture.example.org\n";
    fs::create_dir_all(site.path("static/.well-known/pki")).unwrap();
    fs::write(site.path("static/.well-known/security.txt"), security).unwrap();
    fs::write(site.path("static/.well-known/pki/key.txt"), "key").unwrap();
    fs::write(site.path("static/.well-known/.hidden"), "no").unwrap();
    fs::write(site.path("static/.secret"), "no").unwrap();
    fs::create_dir_all(site.path("static/images/.well-known")).unwrap();
    fs::write(site.path("static/images/.well-known/a.txt"), "no").unwrap();
    fs::create_dir_all(site.path("articles/.well-known")).unwrap();
    fs::write(site.path("articles/.well-known/a.txt"), "no").unwrap();
    site.build(&["--no-search"]);
    assert_eq!(site.page(".well-known/security.txt"), security);
    assert_eq!(site.page(".well-known/pki/key.txt"), "key");
    for hidden in [
        ".well-known/.hidden",
        ".secret",
        "images/.well-known/a.txt",
        "articles/.well-known/a.txt",
    ] {
        assert!(!site.path("public").join(hidden).exists(), "{hidden}");
    }
}

#[test]
#[cfg(unix)]
fn a_well_known_folder_linked_outside_or_to_a_hidden_one_is_refused() {
    use std::os::unix::fs::symlink;
    let site = Site::fixture("basic");
    let outside = site.path("../outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("security.txt"), "SECRET-OUTSIDE").unwrap();
    symlink(&outside, site.path("static/.well-known")).unwrap();
    let run = site.salve(&["build", "--no-search"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr()
            .contains("error[symlink-outside]: this symbolic link leads outside the site folder"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("--> static/.well-known\n"));
    assert!(!site.path("public").exists());
    // A hidden folder of the site is not published through the link either.
    fs::remove_file(site.path("static/.well-known")).unwrap();
    fs::create_dir_all(site.path(".git")).unwrap();
    fs::write(site.path(".git/config"), "SECRET-GIT").unwrap();
    symlink(site.path(".git"), site.path("static/.well-known")).unwrap();
    let run = site.salve(&["build", "--no-search"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("error[symlink-hidden]"),
        "{}",
        run.stderr()
    );
    // A folder of the site that is not hidden is fine.
    fs::remove_file(site.path("static/.well-known")).unwrap();
    fs::create_dir_all(site.path("well-known")).unwrap();
    fs::write(site.path("well-known/security.txt"), "Contact: x").unwrap();
    symlink(site.path("well-known"), site.path("static/.well-known")).unwrap();
    site.build(&["--no-search"]);
    assert_eq!(site.page(".well-known/security.txt"), "Contact: x");
}

/// The `basic` fixture with `articles/slash.md`: a photo and a body that
/// give files by `/` paths.
fn with_slash_paths(photo: &str, body: &str) -> Site {
    let site = Site::fixture("basic");
    fs::create_dir_all(site.path("static/files")).unwrap();
    fs::write(site.path("static/files/leaflet.pdf"), "%PDF").unwrap();
    FrontMatter::new("Slash paths")
        .tables(&format!("[photo]\nsrc = \"{photo}\"\nalt = \"Ana\""))
        .write(&site, "articles/slash.md", body);
    site
}

#[test]
fn a_path_starting_with_a_slash_is_a_file_under_static() {
    let body = "![Ana](/images/ana.svg)\n\nThe [leaflet](/files/leaflet.pdf), [causes](/causes/) and [the icon](/favicon.svg).\n";
    let site = with_slash_paths("/images/ana.svg", body);
    site.replace(
        "site.toml",
        "photo = \"images/ana.svg\"",
        "photo = \"/images/ana.svg\"",
    );
    site.build(&["--no-search", "--base-url", "https://example.org/health/"]);
    let page = site.page("articles/slash/index.html");
    for part in [
        r#"src="/health/images/ana.svg""#,
        r#"<img src="/health/images/ana.svg" alt="Ana""#,
        r#"href="/health/files/leaflet.pdf""#,
        r#"href="/health/causes/""#,
    ] {
        assert!(page.contains(part), "no {part} in:\n{page}");
    }
    assert_eq!(site.page("files/leaflet.pdf"), "%PDF");
    // The author's photo in site.toml, given the same way.
    let author = site.page("authors/ana/index.html");
    assert!(
        author.contains(r#"src="/health/images/ana.svg""#),
        "{author}"
    );
}

#[test]
fn a_missing_or_climbing_slash_path_is_an_error_naming_the_path_tried() {
    let body = "Text.\n\n![Heel](/images/heel.jpg) and [form](/files/form.pdf).\n\n![Out](/../site.toml)\n";
    let site = with_slash_paths("/images/nope.jpg", body);
    site.replace(
        "site.toml",
        "photo = \"images/ana.svg\"",
        "photo = \"/images/gone.svg\"",
    );
    let run = site.salve(&["build", "--no-search"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    for part in [
        "error[missing-photo]: the photo `/images/nope.jpg` does not exist: there is no static/images/nope.jpg\n --> articles/slash.md:6:7",
        "error[missing-file]: static/images/heel.jpg does not exist\n  --> articles/slash.md:11:1",
        "error[missing-file]: static/files/form.pdf does not exist\n  --> articles/slash.md:11:31",
        "error[bad-link]: this path climbs out of the site\n  --> articles/slash.md:13:1",
        "error[missing-photo]: the photo `/images/gone.svg` of author `ana` is not in static/",
    ] {
        assert!(err.contains(part), "no {part} in:\n{err}");
    }
    let site = with_slash_paths("/../site.toml", "Text.\n");
    let run = site.salve(&["build", "--no-search"]);
    assert!(
        run.stderr()
            .contains("error[bad-photo]: the photo path `/../site.toml` leaves static/"),
        "{}",
        run.stderr()
    );
}

#[test]
fn every_link_of_a_redirect_page_resolves_also_under_a_sub_path() {
    for base in [
        "https://fixture.example.org/",
        "https://example.org/health/",
    ] {
        let site = with_aliases(r#"["/old/knees/", "/knee.html"]"#);
        site.build(&["--no-search", "--base-url", base]);
        let problems = crate::crawl::crawl(&site, base);
        assert!(problems.is_empty(), "{base}: {}", problems.join("\n"));
        let base_path = if base.ends_with("/health/") {
            "/health/"
        } else {
            "/"
        };
        for page in ["old/knees/index.html", "knee.html"] {
            let html = site.page(page);
            let target = html
                .split("content=\"0; url=")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_else(|| panic!("{page}: no refresh in {html}"));
            assert!(html.contains(&format!("<a href=\"{target}\">")), "{html}");
            let file = target.strip_prefix(base_path).unwrap();
            assert!(
                site.path("public").join(file).join("index.html").is_file(),
                "{target}"
            );
        }
    }
}

#[test]
fn a_standalone_page_keeps_its_old_urls_too() {
    let site = Site::fixture("basic");
    fs::create_dir_all(site.path("pages")).unwrap();
    fs::write(
        site.path("pages/about.md"),
        "+++\ntitle = \"About us\"\naliases = [\"/about-us/\"]\n+++\nWho we are.\n",
    )
    .unwrap();
    site.build(&["--no-search"]);
    assert!(site.page("about-us/index.html").contains("url=/about/"));
    assert_eq!(site.page("_redirects"), "/about-us/ /about/ 301\n");
    // An old URL of a page that is an article's URL is an error naming both.
    site.replace("pages/about.md", "/about-us/", "/articles/knee/");
    let run = site.salve(&["build", "--no-search"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("pages/about.md:3:"), "{err}");
    assert!(err.contains("articles/knee.md"), "{err}");
}

#[test]
fn a_list_that_shrinks_loses_its_later_pages_without_a_warning() {
    let site = built_with_old_news();
    // One article a page: /articles/ runs to four pages, so page/1/ redirects.
    site.replace(
        "site.toml",
        "calculator = true\n",
        "calculator = true\npaginate_by = 1\n",
    );
    site.build(&["--no-search"]);
    assert!(site.path("public/articles/page/4/index.html").is_file());
    assert!(site.path("public/articles/page/1/index.html").is_file());
    fs::remove_file(site.path("articles/old-news.md")).unwrap();
    let stderr = site.build(&["--no-search"]).stderr();
    assert!(!site.path("public/articles/page/4").exists());
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning[url-removed]"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning[url-removed]: /articles/old-news/ was published by the last build and is gone now: links to it lead nowhere"
        ],
        "only the article is a removed URL, not the list's last page"
    );
}
