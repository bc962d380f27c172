//! `salve check --external` against a server the test runs on 127.0.0.1:
//! one answer of each kind (200, 301, 404, 410, 500, 405 to `HEAD` then 200
//! to `GET`, and a path that never answers), the exact findings at the
//! places the addresses are written, the results kept so that the next
//! check asks nothing, and no request at all from `build` or a plain
//! `check`.

use crate::harness::{FrontMatter, Site, TODAY_EPOCH, repo};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A server on a free port of 127.0.0.1 that answers by path, and the
/// requests it was sent (`HEAD /ok`), in order.
struct Server {
    base: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        // Left running when the test ends: the test binary's exit ends it.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&log);
                std::thread::spawn(move || answer(stream, &log));
            }
        });
        Self { base, requests }
    }

    /// The requests so far, sorted (they arrive on several connections).
    fn requests(&self) -> Vec<String> {
        let mut all = self.requests.lock().unwrap().clone();
        all.sort();
        all
    }

    fn clear(&self) {
        self.requests.lock().unwrap().clear();
    }
}

/// Reads one request from `stream` and answers it by its path.
fn answer(mut stream: TcpStream, log: &Mutex<Vec<String>>) {
    // Bounds a connection the client never closes.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut words = head.split_whitespace();
    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    log.lock().unwrap().push(format!("{method} {path}"));
    let (status, extra) = match (method, path) {
        (_, "/ok") => ("200 OK", ""),
        (_, "/moved") => ("301 Moved Permanently", "Location: /new-home\r\n"),
        (_, "/gone") => ("410 Gone", ""),
        (_, "/broken") => ("500 Internal Server Error", ""),
        ("HEAD", "/no-head") => ("405 Method Not Allowed", "Allow: GET\r\n"),
        ("GET", "/no-head") => ("200 OK", ""),
        (_, "/hang") => {
            // Accepted, read, never answered: wait for the client to go.
            let _ = stream.read(&mut [0u8; 64]);
            return;
        }
        _ => ("404 Not Found", ""),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n{extra}\r\n"
    );
}

/// The check site with one article linking to every path of `server`, by
/// reference, in the body and as its author's website, and `refused`: an
/// address where nothing listens.
fn site_linking_to(server: &Server, refused: &str) -> Site {
    let site = Site::from_dirs(&[repo().join("tests/check/_base")]);
    let base = &server.base;
    let references = [
        ("Fine", "/ok"),
        ("Moved", "/moved"),
        ("Missing", "/missing"),
        ("Gone", "/gone"),
        ("Broken", "/broken"),
    ]
    .iter()
    .map(|(title, path)| format!("[[references]]\ntitle = \"{title}\"\nurl = \"{base}{path}\"\n"))
    .collect::<String>();
    FrontMatter::new("Links")
        .string("description", "Links to the test server.")
        .field("reviewed", "2026-06-01")
        .string("reviewed_by", "dr-bo")
        .tables(&format!(
            "[photo]\nsrc = \"good.svg\"\nalt = \"A green rectangle\"\ncredit = \"Ana Writer\"\n{references}"
        ))
        .write(
            &site,
            "articles/links.md",
            &format!(
                "[This]({base}/no-head) is fine.\n\n[That]({base}/hang) never answers.\n\n\
                 [Missing]({base}/missing) again, after [fine]({base}/ok#part).\n\n\
                 <{refused}/x> listens to nobody.\n"
            ),
        );
    site.replace(
        "site.toml",
        "[authors.ana]\nname = \"Ana Writer\"\n",
        &format!("[authors.ana]\nname = \"Ana Writer\"\nurl = \"{base}/gone\"\n"),
    );
    site
}

/// An address on 127.0.0.1 where nothing listens: a port just freed.
fn refused_address() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

/// `salve check --external` with a one-second timeout, at `now`, with
/// any proxy of the environment left out (the server is local).
fn check_external(site: &Site, now: i64, more: &[&str]) -> crate::harness::Run {
    let mut args = vec!["check", "--external", "--external-timeout", "1"];
    args.extend_from_slice(more);
    let mut command = site.command(&args);
    command.env("SOURCE_DATE_EPOCH", now.to_string());
    for proxy in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "all_proxy",
    ] {
        command.env_remove(proxy);
    }
    crate::harness::Run(command.output().expect("run salve"))
}

const DAY: i64 = 24 * 60 * 60;

#[test]
fn dead_moved_and_failing_links_are_found_where_they_are_written_and_kept_a_while() {
    let server = Server::start();
    let refused = refused_address();
    let site = site_linking_to(&server, &refused);

    // Nothing is fetched by a build or a plain check.
    site.build(&[]);
    let plain = site.salve(&["check"]);
    assert_eq!(plain.code(), 0, "{}", plain.stderr());
    assert_eq!(server.requests(), Vec::<String>::new());

    let run = check_external(&site, TODAY_EPOCH, &[]);
    let expected = EXPECTED
        .replace("{base}", &server.base)
        .replace("{refused}", &refused);
    assert_eq!(run.stderr(), expected);
    assert_eq!(run.stdout(), "Checked: 6 errors, 3 warnings\n");
    assert_eq!(run.code(), 1);
    // Each address once however often it is linked (/ok and /missing
    // twice, /gone twice); HEAD first; GET where HEAD is refused (405) or
    // says the page is missing; one more try after a 500 and a timeout.
    let once: Vec<String> = [
        "GET /gone",
        "GET /missing",
        "GET /no-head",
        "HEAD /broken",
        "HEAD /broken",
        "HEAD /gone",
        "HEAD /hang",
        "HEAD /hang",
        "HEAD /missing",
        "HEAD /moved",
        "HEAD /no-head",
        "HEAD /ok",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(server.requests(), once);
    let kept = site.path("public/.salve-cache/external");
    assert!(kept.is_file());

    // The next check the same day asks nothing and says the same.
    server.clear();
    let again = check_external(&site, TODAY_EPOCH + 60, &[]);
    assert_eq!(again.stderr(), expected);
    assert_eq!(server.requests(), Vec::<String>::new());

    // Two days on, a timeout, a 500 and a refused connection are asked
    // again; what the other answers said stands for the week.
    server.clear();
    let later = check_external(&site, TODAY_EPOCH + 2 * DAY, &[]);
    assert_eq!(later.stderr(), expected);
    assert_eq!(
        server.requests(),
        ["HEAD /broken", "HEAD /broken", "HEAD /hang", "HEAD /hang"].map(String::from)
    );

    // --external-refresh asks everything again.
    server.clear();
    let refreshed = check_external(&site, TODAY_EPOCH + 2 * DAY, &["--external-refresh"]);
    assert_eq!(refreshed.stderr(), expected);
    assert_eq!(server.requests(), once);

    // A build keeps the results; a week on, they are all asked again.
    site.build(&[]);
    assert!(kept.is_file(), "the build removed the kept results");
    server.clear();
    check_external(&site, TODAY_EPOCH + 2 * DAY + 7 * DAY, &[]);
    assert_eq!(server.requests(), once);
}

#[test]
fn the_external_flags_need_external() {
    let site = Site::from_dirs(&[repo().join("tests/check/_base")]);
    for flags in [&["--external-timeout", "3"][..], &["--external-refresh"]] {
        let mut args = vec!["check"];
        args.extend_from_slice(flags);
        let run = site.salve(&args);
        assert_eq!(run.code(), 2, "{flags:?}");
        assert!(run.stderr().contains("--external"), "{}", run.stderr());
    }
    let run = site.salve(&["check", "--external", "--external-timeout", "0"]);
    assert_eq!(run.code(), 2);
}

#[test]
fn results_are_not_kept_in_a_folder_that_is_not_salves() {
    let server = Server::start();
    let site = Site::from_dirs(&[repo().join("tests/check/_base")]);
    site.replace(
        "site.toml",
        "[authors.ana]\nname = \"Ana Writer\"\n",
        &format!(
            "[authors.ana]\nname = \"Ana Writer\"\nurl = \"{}/gone\"\n",
            server.base
        ),
    );
    std::fs::create_dir_all(site.path("public")).unwrap();
    std::fs::write(site.path("public/mine.txt"), "not salve's").unwrap();
    let run = check_external(&site, TODAY_EPOCH, &[]);
    assert_eq!(run.code(), 1);
    let stderr = run.stderr();
    assert!(stderr.contains("error[dead-link]"), "{stderr}");
    assert!(
        stderr.contains("warning[external-cache]: the results were not kept for the next check")
            && stderr.contains("--> public/.salve-cache/external"),
        "{stderr}"
    );
    assert!(!site.path("public/.salve-cache").exists());
    // Asked again next time, as nothing was kept.
    server.clear();
    check_external(&site, TODAY_EPOCH, &[]);
    assert_eq!(
        server.requests(),
        ["GET /gone", "HEAD /gone"].map(String::from)
    );
}

#[test]
fn nothing_is_kept_when_no_server_answered_at_all() {
    // As on a machine without a network: every address fails unanswered.
    let site = Site::from_dirs(&[repo().join("tests/check/_base")]);
    let refused = refused_address();
    site.replace(
        "site.toml",
        "[authors.ana]\nname = \"Ana Writer\"\n",
        &format!("[authors.ana]\nname = \"Ana Writer\"\nurl = \"{refused}/\"\n"),
    );
    site.build(&[]);
    let run = check_external(&site, TODAY_EPOCH, &[]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("refused the connection"),
        "{}",
        run.stderr()
    );
    assert!(!site.path("public/.salve-cache/external").exists());
}

/// What the check says of the article and site.toml of [`site_linking_to`]
/// (`{base}`: the server, `{refused}`: where nothing listens).
const EXPECTED: &str = r#"error[dead-link]: {base}/missing is not found (404)
  --> articles/links.md:20:7
   |
20 | url = "{base}/missing"
   |       ^
   |
   = help: find where the page went and link there, or cite another source

error[dead-link]: {base}/gone is gone (410): the site removed the page for good
  --> articles/links.md:23:7
   |
23 | url = "{base}/gone"
   |       ^
   |
   = help: find where the page went and link there, or cite another source

error[dead-link]: {base}/hang did not answer within 1 second, twice
  --> articles/links.md:30:8
   |
30 | [That]({base}/hang) never answers.
   |        ^
   |
   = help: the site may be down or slow; check it again later with `salve check --external --external-refresh`, or open it in a browser, or allow longer with --external-timeout

error[dead-link]: {base}/missing is not found (404)
  --> articles/links.md:32:11
   |
32 | [Missing]({base}/missing) again, after [fine]({base}/ok#part).
   |           ^
   |
   = help: find where the page went and link there, or cite another source

error[dead-link]: the host of {refused}/x refused the connection
  --> articles/links.md:34:2
   |
34 | <{refused}/x> listens to nobody.
   |  ^
   |
   = help: nothing answers at that address; check it again later with `salve check --external --external-refresh`, or open it in a browser

error[dead-link]: {base}/gone is gone (410): the site removed the page for good
 --> site.toml:8:7
  |
8 | url = "{base}/gone"
  |       ^
  |
  = help: find where the page went and link there, or cite another source

warning[moved-link]: {base}/moved has moved for good (301) to {base}/new-home
  --> articles/links.md:17:7
   |
17 | url = "{base}/moved"
   |       ^
   |
   = help: link to {base}/new-home instead

warning[unavailable-link]: {base}/broken answered 500: the site's server is failing
  --> articles/links.md:26:7
   |
26 | url = "{base}/broken"
   |       ^
   |
   = help: it may be back soon; check it again later with `salve check --external --external-refresh`, or open it in a browser

warning[no-share-image]: pages without a photo of their own (the home page, lists) show no picture when shared on social sites
 --> site.toml
  = help: add `image = "images/share.jpg"` to site.toml: a file under static/, best 1200×630 pixels

"#;
