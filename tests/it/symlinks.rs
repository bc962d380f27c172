//! Symbolic links in the site folder. A link that stays inside the site is
//! followed; one that leads outside it, nowhere, or round in a loop is an
//! error naming the link, and the file behind it is never read: not into the
//! output, not into a message, not through `serve`.

use crate::harness::{FrontMatter, Site, snapshot};
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

const MARK: &str = "TOP-SECRET-7f3a9c";

/// What the build machine must never publish; a valid article, so a build
/// that reads it would publish it.
fn secret_article() -> String {
    FrontMatter::new("Leaked").with_body(&format!("{MARK} the build machine's own file\n"))
}

/// The basic site, built once so there is a previous `public/`, and the
/// secret file beside the site folder (outside it).
fn site_and_secret() -> (Site, PathBuf) {
    let site = Site::fixture("basic");
    site.build(&["--no-search"]);
    let secret = site.path("../secret.md");
    fs::write(&secret, secret_article()).unwrap();
    (site, secret)
}

/// A folder outside the site holding `files` (relative path, text).
fn outside_folder(site: &Site, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = site.path(&format!("../{name}"));
    for (rel, text) in files {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

/// Replaces whatever is at `link` (a file or a folder) with a link to `to`.
fn link(site: &Site, link: &str, to: &Path) {
    let path = site.path(link);
    if path.is_dir() {
        fs::remove_dir_all(&path).unwrap();
    } else if fs::symlink_metadata(&path).is_ok() {
        fs::remove_file(&path).unwrap();
    }
    symlink(to, path).unwrap();
}

/// Builds, and checks the build refused exactly one link `name` leading to
/// `target`, wrote nothing, and showed none of the secret.
fn assert_refused(site: &Site, name: &str, target: &Path) {
    let before = snapshot(&site.path("public"));
    let run = site.salve(&["build", "--no-search"]);
    let target = fs::canonicalize(target).unwrap();
    assert_eq!(
        run.stderr(),
        format!(
            "error[symlink-outside]: this symbolic link leads outside the site folder, to {}\n --> {name}\n  = help: salve reads only files inside the site folder; copy the file into the site instead of linking to it\n\nerror: the build found 1 error; nothing was written and public/ was left as it was\n",
            target.display()
        ),
        "{name}"
    );
    assert_eq!(run.code(), 1, "{name}");
    assert!(!run.stdout().contains(MARK), "{name}");
    let after = snapshot(&site.path("public"));
    assert!(
        after
            .values()
            .all(|bytes| !String::from_utf8_lossy(bytes).contains(MARK)),
        "{name}: the secret was published"
    );
    assert_eq!(after, before, "{name}: public/ changed");
}

#[test]
fn a_static_file_linked_outside_is_refused() {
    let (site, secret) = site_and_secret();
    link(&site, "static/passwd", &secret);
    assert_refused(&site, "static/passwd", &secret);
}

#[test]
fn a_static_folder_linked_outside_is_refused_without_being_read() {
    let (site, _secret) = site_and_secret();
    let ana = fs::read_to_string(site.path("static/images/ana.svg")).unwrap();
    let elsewhere = outside_folder(
        &site,
        "elsewhere",
        &[("images/ana.svg", &ana), ("passwd", &secret_article())],
    );
    // Were the folder listed, this would be reported too.
    symlink("nowhere", elsewhere.join("dangling")).unwrap();
    // The folder inside static/, and static/ itself.
    symlink(&elsewhere, site.path("static/more")).unwrap();
    assert_refused(&site, "static/more", &elsewhere);
    fs::remove_file(site.path("static/more")).unwrap();
    link(&site, "static", &elsewhere);
    assert_refused(&site, "static", &elsewhere);
}

#[test]
fn markdown_linked_outside_articles_is_refused() {
    let (site, secret) = site_and_secret();
    // An article, an overview page, a folder of articles, articles/ itself.
    symlink(&secret, site.path("articles/legs/leak.md")).unwrap();
    assert_refused(&site, "articles/legs/leak.md", &secret);
    fs::remove_file(site.path("articles/legs/leak.md")).unwrap();

    symlink(&secret, site.path("articles/causes/leak.md")).unwrap();
    assert_refused(&site, "articles/causes/leak.md", &secret);
    fs::remove_file(site.path("articles/causes/leak.md")).unwrap();

    let folder = outside_folder(&site, "more-articles", &[("leak.md", &secret_article())]);
    symlink(&folder, site.path("articles/more")).unwrap();
    assert_refused(&site, "articles/more", &folder);
    fs::remove_file(site.path("articles/more")).unwrap();

    let copy = site.path("../articles-copy");
    crate::harness::copy_tree(&site.path("articles"), &copy);
    fs::write(copy.join("leak.md"), secret_article()).unwrap();
    link(&site, "articles", &copy);
    assert_refused(&site, "articles", &copy);
}

#[test]
fn pages_linked_outside_are_refused() {
    let (site, secret) = site_and_secret();
    // A page, a folder of pages, pages/ itself: pages/ is walked as
    // articles/ is.
    fs::create_dir_all(site.path("pages")).unwrap();
    symlink(&secret, site.path("pages/leak.md")).unwrap();
    assert_refused(&site, "pages/leak.md", &secret);
    fs::remove_file(site.path("pages/leak.md")).unwrap();

    let folder = outside_folder(&site, "more-pages", &[("leak.md", &secret_article())]);
    symlink(&folder, site.path("pages/more")).unwrap();
    assert_refused(&site, "pages/more", &folder);
    fs::remove_file(site.path("pages/more")).unwrap();

    link(&site, "pages", &folder);
    assert_refused(&site, "pages", &folder);
}

#[test]
fn templates_linked_outside_are_refused() {
    let (site, secret) = site_and_secret();
    fs::create_dir(site.path("templates")).unwrap();
    symlink(&secret, site.path("templates/article.html")).unwrap();
    assert_refused(&site, "templates/article.html", &secret);
    fs::remove_dir_all(site.path("templates")).unwrap();

    let folder = outside_folder(&site, "theme", &[("article.html", &secret_article())]);
    symlink(&folder, site.path("templates")).unwrap();
    assert_refused(&site, "templates", &folder);
}

#[test]
fn a_photo_a_body_image_and_an_author_photo_linked_outside_are_refused() {
    let (site, secret) = site_and_secret();
    // The article's [photo] src is calf.svg.
    link(&site, "articles/legs/calf.svg", &secret);
    assert_refused(&site, "articles/legs/calf.svg", &secret);
    let calf = crate::harness::repo().join("tests/fixtures/basic/articles/legs/calf.svg");
    fs::remove_file(site.path("articles/legs/calf.svg")).unwrap();
    fs::copy(calf, site.path("articles/legs/calf.svg")).unwrap();

    let image = "\n![A knee](leak.svg)\n";
    site.edit("articles/knee.md", |text| text + image);
    symlink(&secret, site.path("articles/leak.svg")).unwrap();
    assert_refused(&site, "articles/leak.svg", &secret);
    site.edit("articles/knee.md", |text| {
        text.strip_suffix(image)
            .expect("the image added")
            .to_owned()
    });
    fs::remove_file(site.path("articles/leak.svg")).unwrap();

    // site.toml gives ana's photo as images/ana.svg, under static/.
    link(&site, "static/images/ana.svg", &secret);
    assert_refused(&site, "static/images/ana.svg", &secret);
}

#[test]
fn a_site_toml_linked_outside_is_refused() {
    let (site, _secret) = site_and_secret();
    let config = fs::read_to_string(site.path("site.toml")).unwrap();
    let outside = site.path("../site.toml");
    fs::write(&outside, format!("# {MARK}\n{config}")).unwrap();
    link(&site, "site.toml", &outside);
    assert_refused(&site, "site.toml", &outside);
}

#[test]
fn every_link_outside_is_reported_in_one_run() {
    let (site, secret) = site_and_secret();
    symlink(&secret, site.path("static/a.txt")).unwrap();
    symlink(&secret, site.path("articles/b.md")).unwrap();
    let run = site.salve(&["build", "--no-search"]);
    assert_eq!(run.code(), 1);
    let stderr = run.stderr();
    assert_eq!(
        stderr.matches("error[symlink-outside]").count(),
        2,
        "{stderr}"
    );
    assert!(stderr.contains(" --> static/a.txt\n"), "{stderr}");
    assert!(stderr.contains(" --> articles/b.md\n"), "{stderr}");
    assert!(
        stderr.ends_with(
            "error: the build found 2 errors; nothing was written and public/ was left as it was\n"
        ),
        "{stderr}"
    );
}

#[test]
fn links_that_stay_inside_the_site_are_followed() {
    let site = Site::fixture("basic");
    // A file and a folder under static/, relative and through the site root,
    // and a folder of articles shown again under another name.
    symlink("images/ana.svg", site.path("static/alias.svg")).unwrap();
    symlink("../static/images", site.path("static/more")).unwrap();
    symlink("legs", site.path("articles/again")).unwrap();
    site.build(&["--no-search"]);
    let ana = fs::read(site.path("static/images/ana.svg")).unwrap();
    assert_eq!(fs::read(site.path("public/alias.svg")).unwrap(), ana);
    assert_eq!(fs::read(site.path("public/more/ana.svg")).unwrap(), ana);
    assert!(
        site.path("public/articles/again/calf-pain/index.html")
            .is_file()
    );
    assert_eq!(
        fs::read(site.path("public/articles/again/calf-pain/calf.svg")).unwrap(),
        fs::read(site.path("articles/legs/calf.svg")).unwrap()
    );
}

#[test]
fn a_dangling_link_and_a_loop_of_links_are_errors() {
    let site = Site::fixture("basic");
    symlink("nothing.css", site.path("static/gone.css")).unwrap();
    symlink("b", site.path("static/a")).unwrap();
    symlink("a", site.path("static/b")).unwrap();
    let run = site.salve(&["build"]);
    assert_eq!(run.code(), 1);
    assert_eq!(
        run.stderr(),
        "error[symlink-loop]: this symbolic link leads to a loop of links and never reaches a file\n --> static/a\n  = help: remove the link or point it at a file\n\n\
         error[symlink-loop]: this symbolic link leads to a loop of links and never reaches a file\n --> static/b\n  = help: remove the link or point it at a file\n\n\
         error[symlink-dangling]: this symbolic link points to nothing.css, which does not exist\n --> static/gone.css\n  = help: remove the link or point it at a file in the site folder\n\n\
         error: the build found 3 errors; nothing was written and public/ was left as it was\n"
    );
    assert!(!site.path("public").exists());
}

#[test]
fn a_link_to_a_hidden_file_in_the_site_is_refused() {
    let site = Site::fixture("basic");
    fs::write(site.path(".env"), format!("TOKEN={MARK}\n")).unwrap();
    symlink("../.env", site.path("static/env.txt")).unwrap();
    let run = site.salve(&["build"]);
    assert_eq!(run.code(), 1);
    assert_eq!(
        run.stderr(),
        "error[symlink-hidden]: this symbolic link leads to .env, a hidden file or folder, which salve does not publish\n --> static/env.txt\n  = help: copy the file into the site under a name without a leading dot, or remove the link\n\n\
         error: the build found 1 error; nothing was written and public/ was left as it was\n"
    );
    assert!(!site.path("public").exists());
}

#[test]
fn serve_does_not_answer_a_file_linked_outside() {
    use std::io::{BufRead, BufReader, Read, Write};
    let (site, secret) = site_and_secret();
    link(&site, "static/passwd", &secret);
    let mut child = site
        .command(&["serve", "--port", "0", "--no-search"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port = loop {
        let Some(Ok(line)) = lines.next() else {
            let _ = child.kill();
            panic!("serve stopped before serving");
        };
        if let Some(rest) = line.strip_prefix("Serving http://127.0.0.1:") {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    let mut stream = std::net::TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
    write!(
        stream,
        "GET /passwd HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(response.starts_with("HTTP/1.1 "), "{response}");
    assert!(!response.contains(MARK), "{response}");
}

#[test]
fn new_does_not_read_a_site_toml_linked_outside() {
    let site = Site::fixture("basic");
    let elsewhere = site.path("../elsewhere.toml");
    fs::write(
        &elsewhere,
        "title = \"x\"\nbase_url = \"https://e.org/\"\n[authors.someone-elses-secret]\nname = \"S\"\n",
    )
    .unwrap();
    fs::remove_file(site.path("site.toml")).unwrap();
    link(&site, "site.toml", &elsewhere);
    let run = site.salve(&["new", "Knees"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = fs::read_to_string(site.path("articles/knees.md")).unwrap();
    assert!(!text.contains("someone-elses-secret"), "{text}");
}
