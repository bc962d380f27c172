//! `salve serve` as a writer meets it: a real server process on a free
//! port, real saves, raw HTTP (so traversal attempts reach the server as
//! written, not tidied by a client).

use crate::harness::{Site, TODAY_EPOCH};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `salve serve`, stopped with Ctrl-C when dropped.
struct Server {
    child: Child,
    port: u16,
    lines: mpsc::Receiver<String>,
}

impl Server {
    fn start(site: &Site, args: &[&str]) -> Self {
        Self::start_with(site, args, &[])
    }

    fn start_with(site: &Site, args: &[&str], env: &[(&str, String)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_salve"))
            .args(["serve", "--port", "0", "--no-search"])
            .args(args)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .current_dir(&site.root)
            .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { return };
                    let _ = tx.send(line);
                }
            });
        }
        let mut server = Self {
            child,
            port: 0,
            lines,
        };
        let serving = server.wait_for_line("Serving http://127.0.0.1:");
        let port = serving
            .trim_start_matches("Serving http://127.0.0.1:")
            .split('/')
            .next()
            .unwrap();
        server.port = port.parse().unwrap();
        assert!(serving.ends_with("/ — press Ctrl-C to stop"), "{serving}");
        server
    }

    /// The next output line that starts with `prefix`, within 20 s.
    fn wait_for_line(&self, prefix: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!("no line starting {prefix:?}; saw:\n{}", seen.join("\n"));
    }

    /// Sends `request` as it is and returns the status code and the whole
    /// response.
    fn raw(&self, request: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response).into_owned();
        let code = text
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("not an HTTP response: {text:?}"));
        (code, text)
    }

    fn get(&self, path: &str) -> (u16, String) {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        ))
    }

    /// Opens the reload channel as a page of this server would.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET /__salve/events HTTP/1.1\r\nHost: 127.0.0.1:{0}\r\nOrigin: http://127.0.0.1:{0}\r\n\r\n",
            self.port
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(50)))
            .unwrap();
        Events {
            stream,
            text: String::new(),
        }
    }

    fn interrupt(&mut self) -> std::process::ExitStatus {
        Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        self.child.wait().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events {
    stream: TcpStream,
    text: String,
}

impl Events {
    /// Reads until the stream holds `needle` (after what was consumed
    /// before) or `within` passes; returns how long it took.
    fn wait_for(&mut self, needle: &str, within: Duration) -> Duration {
        let started = Instant::now();
        let mut buf = [0; 4096];
        loop {
            if let Some(at) = self.text.find(needle) {
                self.text.drain(..at + needle.len());
                return started.elapsed();
            }
            assert!(
                started.elapsed() < within,
                "no {needle:?} within {within:?}; got {:?}",
                self.text
            );
            if let Ok(n) = self.stream.read(&mut buf) {
                self.text.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
    }
}

fn edit(site: &Site, file: &str, from: &str, to: &str) {
    let path = site.path(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_save_rebuilds_only_dependent_pages_and_reloads_the_browser() {
    let site = Site::bundled();
    let server = Server::start(&site, &[]);
    let page = "/articles/legs/shin-splints/";
    let (code, body) = server.get(page);
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("<script type=\"module\" src=\"/__salve/reload.js\"></script></body>"));
    // The page on disk is exactly what `build` writes: no reload script.
    let on_disk =
        std::fs::read_to_string(site.path(".salve-serve/articles/legs/shin-splints/index.html"))
            .unwrap();
    assert!(!on_disk.contains("__salve"));

    let mut events = server.events();
    events.wait_for("HTTP/1.1 200", Duration::from_secs(5));
    let saved = Instant::now();
    edit(
        &site,
        "articles/legs/shin-splints.md",
        "\n+++\n",
        "\n+++\nA line added while the server runs.\n\n",
    );
    events.wait_for("event: reload", Duration::from_secs(5));
    let reloaded = saved.elapsed();
    assert!(
        reloaded < Duration::from_secs(1),
        "the reload event came {reloaded:?} after the save"
    );
    let (_, body) = server.get(page);
    assert!(body.contains("A line added while the server runs."));

    let rebuilt = server.wait_for_line("Rebuilt ");
    assert!(
        rebuilt.contains("(articles/legs/shin-splints.md changed)"),
        "{rebuilt}"
    );
    let pages: Vec<&str> = rebuilt.rsplit_once("): ").unwrap().1.split(' ').collect();
    assert!(pages.contains(&page), "{rebuilt}");
    for unrelated in [
        "/articles/knees/knee-pain-on-stairs/",
        "/calorie-goal/",
        "/search/",
    ] {
        assert!(
            !pages.contains(&unrelated),
            "{unrelated} re-rendered: {rebuilt}"
        );
    }
}

#[test]
fn a_broken_save_keeps_the_last_good_page_and_shows_the_error() {
    let site = Site::bundled();
    let server = Server::start(&site, &[]);
    let page = "/articles/legs/shin-splints/";
    let (_, good) = server.get(page);
    let mut events = server.events();
    events.wait_for("HTTP/1.1 200", Duration::from_secs(5));

    edit(
        &site,
        "articles/legs/shin-splints.md",
        "title = \"",
        "title = \"Broken\" nonsense \"",
    );
    events.wait_for("event: build-error", Duration::from_secs(5));
    events.wait_for(
        "data:  --> articles/legs/shin-splints.md:2:18",
        Duration::from_secs(1),
    );
    // The terminal says so too (stdout and stderr interleave in any order,
    // so only the stdout line is awaited).
    server.wait_for_line("Build failed in ");
    let (code, during) = server.get(page);
    assert_eq!(code, 200);
    assert_eq!(during, good.replace(&date_of(&good), &date_of(&during)));

    // A tab opened while the site is broken hears the error at once.
    let mut late = server.events();
    late.wait_for("event: build-error", Duration::from_secs(2));

    edit(
        &site,
        "articles/legs/shin-splints.md",
        "Broken\" nonsense \"",
        "Fixed: ",
    );
    events.wait_for("event: reload", Duration::from_secs(5));
    let (_, fixed) = server.get(page);
    assert!(fixed.contains("Fixed: "));
}

/// The Date header of a raw response, which differs between two requests.
fn date_of(response: &str) -> String {
    response
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("date:"))
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn nothing_outside_the_output_is_served_and_strangers_are_refused() {
    let site = Site::bundled();
    std::fs::write(site.path("secret.txt"), "site secret").unwrap();
    let server = Server::start(&site, &[]);
    std::os::unix::fs::symlink(site.path("secret.txt"), site.path(".salve-serve/link.txt"))
        .unwrap();
    for attempt in [
        "/../secret.txt",
        "/../site.toml",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/..%5csecret.txt",
        "/index.html%00",
        "/%c0%ae%c0%ae/secret.txt",
        "//etc/passwd",
        "/link.txt",
    ] {
        let (code, body) = server.get(attempt);
        assert_eq!(code, 404, "{attempt}: {body}");
        assert!(!body.contains("site secret"), "{attempt}");
        assert!(body.contains("<h1"), "the site's own 404 page: {body}");
    }
    let absolute = format!("{}/secret.txt", site.root.display());
    assert_eq!(server.get(&absolute).0, 404);

    // DNS rebinding: another name for this address is refused.
    let (code, _) = server.raw(&format!(
        "GET / HTTP/1.1\r\nHost: attacker.example:{}\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(code, 403);
    // Only GET and HEAD.
    let (code, response) = server.raw(&format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(code, 405);
    assert!(response.to_ascii_lowercase().contains("allow: get, head"));
    let (code, head) = server.raw(&format!(
        "HEAD /css/salve.css HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(code, 200);
    assert!(head.contains("content-type: text/css"), "{head}");
    assert!(head.ends_with("\r\n\r\n"), "HEAD has no body");
    // Another site's page may not listen on the reload channel.
    let (code, _) = server.raw(&format!(
        "GET /__salve/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: http://attacker.example\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(code, 403);
    // Folders answer with their index.html, or a redirect to add the slash.
    let (code, response) = server.get("/causes");
    assert_eq!(code, 301);
    assert!(response.contains("location: /causes/"), "{response}");
    let (code, response) = server.get("/causes/");
    assert_eq!(code, 200);
    assert!(response.contains("content-type: text/html; charset=utf-8"));
    assert!(
        !response
            .to_ascii_lowercase()
            .contains("access-control-allow-origin")
    );
}

#[test]
fn a_port_in_use_is_named_with_the_flag_to_change_it_and_ctrl_c_stops_cleanly() {
    let site = Site::bundled();
    let mut server = Server::start(&site, &[]);
    let second = site.salve(&["serve", "--port", &server.port.to_string()]);
    assert_eq!(second.code(), 2);
    assert!(
        second.stderr().starts_with(&format!(
            "error: port {} is already in use by another program",
            server.port
        )),
        "{}",
        second.stderr()
    );
    assert!(second.stderr().contains("--port"), "{}", second.stderr());

    // Swap files and a deleted folder do not stop the watcher.
    std::fs::write(site.path("articles/legs/.shin-splints.md.swp"), "x").unwrap();
    std::fs::write(site.path("articles/legs/4913"), "").unwrap();
    std::fs::remove_file(site.path("articles/legs/4913")).unwrap();
    std::fs::create_dir_all(site.path("static/extra/deeper")).unwrap();
    std::fs::write(site.path("static/extra/deeper/a.css"), "p {}").unwrap();
    server.wait_for_line("Rebuilt ");
    std::fs::remove_dir_all(site.path("static/extra")).unwrap();
    server.wait_for_line("Rebuilt ");
    assert!(!site.path(".salve-serve/extra").exists());
    // A rename: the file moves in the output too.
    std::fs::rename(
        site.path("static/favicon.svg"),
        site.path("static/icon.svg"),
    )
    .unwrap();
    server.wait_for_line("Rebuilt ");
    assert!(site.path(".salve-serve/icon.svg").is_file());
    edit(
        &site,
        "articles/legs/shin-splints.md",
        "title = \"",
        "title = \"Still watching: ",
    );
    let rebuilt = server.wait_for_line("Rebuilt ");
    assert!(rebuilt.contains("shin-splints.md changed"), "{rebuilt}");

    let status = server.interrupt();
    assert!(status.success(), "{status:?}");
    server.wait_for_line("Stopped.");
}

#[test]
fn open_hands_the_url_to_the_desktop_opener() {
    let site = Site::bundled();
    // A stand-in `xdg-open` that records what it was asked to open.
    let bin = site.path("../bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opener = bin.join("xdg-open");
    let record = site.path("../opened.txt");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", record.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let server = Server::start_with(&site, &["--open"], &[("PATH", path)]);
    let deadline = Instant::now() + Duration::from_secs(5);
    let written = || std::fs::read_to_string(&record).is_ok_and(|t| t.ends_with('\n'));
    while !written() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&record).unwrap(),
        format!("http://127.0.0.1:{}/\n", server.port)
    );
}

/// The `Location` header of a raw response, if it has one.
fn location(response: &str) -> Option<&str> {
    let head = response.split("\r\n\r\n").next().unwrap_or_default();
    head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("location").then(|| value.trim())
    })
}

#[test]
fn redirects_stay_on_this_server() {
    let site = Site::bundled();
    let server = Server::start(&site, &[]);
    // A folder without its slash still gets one, on this server.
    for (path, to) in [
        ("/causes", "/causes/"),
        ("//articles", "/articles/"),
        ("//causes", "/causes/"),
        ("////causes", "/causes/"),
        ("/causes//", ""),
        ("//causes?x=//evil.example", "/causes/"),
    ] {
        let (code, response) = server.get(path);
        if to.is_empty() {
            assert_eq!(location(&response), None, "{path}: {response}");
        } else {
            assert_eq!(code, 301, "{path}: {response}");
            assert_eq!(location(&response), Some(to), "{path}: {response}");
        }
    }
    // Nothing answers with a Location a browser reads as another host.
    for attempt in [
        "//evil.example",
        "//evil.example/",
        "//evil.example/%2e%2e",
        "//causes/%2e%2e",
        "/\\causes",
        "/\\/causes",
        "/%5ccauses",
        "/%5c%5ccauses",
        "/%2fcauses",
        "/%2f%2fcauses",
        "//%2fcauses",
        "/./causes",
        "//./causes",
        "/.//causes",
        "/%2e/causes",
        "/%2e//causes",
        "/%09/causes",
    ] {
        let (_, response) = server.get(attempt);
        if let Some(to) = location(&response) {
            let second = to.as_bytes().get(1);
            assert!(
                to == "/" || (to.starts_with('/') && !matches!(second, Some(b'/' | b'\\'))),
                "{attempt} answered Location: {to}"
            );
        }
    }
}
