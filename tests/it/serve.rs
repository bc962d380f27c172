//! `salve serve` as a writer meets it: a real server process on a free
//! port, real saves, raw HTTP (so traversal attempts reach the server as
//! written, not tidied by a client).

use crate::harness::Site;
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
    /// Lines read while waiting for another.
    passed: std::cell::RefCell<Vec<String>>,
}

impl Server {
    fn start(site: &Site, args: &[&str]) -> Self {
        Self::start_with(site, args, &[])
    }

    fn start_with(site: &Site, args: &[&str], env: &[(&str, String)]) -> Self {
        let mut command = site.command(&["serve", "--port", "0", "--no-search"]);
        command.args(args).envs(env.iter().map(|(k, v)| (k, v)));
        Self::spawn(command)
    }

    /// The server with at most `files` open files (as on a system whose
    /// limit is low); `exec` keeps the shell's process id for the server.
    fn start_limited(site: &Site, files: u32) -> Self {
        Self::spawn(site.shell(&format!(
            "ulimit -n {files} && exec \"$0\" serve --port 0 --no-search"
        )))
    }

    fn spawn(mut command: Command) -> Self {
        let mut child = command
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
            passed: std::cell::RefCell::default(),
        };
        // The first build encodes the site's photos, which a debug build
        // of the decoders does slowly, and many servers start at once.
        let serving =
            server.wait_for_line_within("Serving http://127.0.0.1:", Duration::from_secs(300));
        let port = serving
            .trim_start_matches("Serving http://127.0.0.1:")
            .split('/')
            .next()
            .unwrap();
        server.port = port.parse().unwrap();
        assert!(serving.ends_with("/ — press Ctrl-C to stop"), "{serving}");
        server
    }

    /// The next output line that starts with `prefix`, within [`REBUILD`].
    fn wait_for_line(&self, prefix: &str) -> String {
        self.wait_for_line_within(prefix, REBUILD)
    }

    /// The next output line that starts with `prefix`, within `limit`.
    fn wait_for_line_within(&self, prefix: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) => {
                    self.passed.borrow_mut().extend(seen);
                    return line;
                }
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!("no line starting {prefix:?}; saw:\n{}", seen.join("\n"));
    }

    /// A line already passed over while waiting for another, that starts with `prefix`.
    fn passed_line(&self, prefix: &str) -> Option<String> {
        self.passed
            .borrow()
            .iter()
            .find(|l| l.starts_with(prefix))
            .cloned()
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

    fn connect(&self) -> TcpStream {
        TcpStream::connect(("127.0.0.1", self.port)).unwrap()
    }

    /// A request that keeps the connection open afterwards.
    fn request(&self, path: &str) -> String {
        format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        )
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn interrupt(&mut self) -> std::process::ExitStatus {
        crate::harness::signal(self.child.id(), "INT");
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
    site.replace(
        "articles/legs/shin-splints.md",
        "\n+++\n",
        "\n+++\nA line added while the server runs.\n\n",
    );
    events.wait_for("event: reload", REBUILD);
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

    break_title(&site);
    events.wait_for("event: build-error", REBUILD);
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

    fix_title(&site);
    events.wait_for("event: reload", REBUILD);
    let (_, fixed) = server.get(page);
    assert!(fixed.contains("Fixed: "));
}

#[test]
fn a_site_that_never_built_says_there_is_nothing_to_show_yet() {
    let site = Site::bundled();
    break_title(&site);
    let server = Server::start(&site, &[]);
    let line = server.passed_line("Build failed in ").unwrap();
    assert!(
        line.ends_with(
            "there is nothing to show until the errors above are fixed. Save a fix to rebuild."
        ),
        "{line}"
    );
    let (code, page) = server.get("/");
    assert_eq!(code, 404);
    assert!(
        page.contains("nothing to show until its errors are fixed"),
        "{page}"
    );
    let mut events = server.events();
    events.wait_for("event: build-error", REBUILD);

    fix_title(&site);
    events.wait_for("event: reload", REBUILD);
    assert_eq!(server.get("/").0, 200);
}

/// A save that breaks the build: a TOML error in shin-splints' title
/// (line 2, column 18).
fn break_title(site: &Site) {
    site.replace(
        "articles/legs/shin-splints.md",
        "title = \"",
        "title = \"Broken\" nonsense \"",
    );
}

/// The save that fixes [`break_title`]'s error; the title starts "Fixed: ".
fn fix_title(site: &Site) {
    site.replace(
        "articles/legs/shin-splints.md",
        "Broken\" nonsense \"",
        "Fixed: ",
    );
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
    site.replace(
        "articles/legs/shin-splints.md",
        "title = \"",
        "title = \"Still watching: ",
    );
    // A rename may reach the watcher as two events, so a second rebuild
    // for it can come first; the edit's own rebuild follows.
    let rebuilt = loop {
        let line = server.wait_for_line("Rebuilt ");
        if !line.contains("favicon.svg") {
            break line;
        }
    };
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
    let deadline = Instant::now() + Duration::from_secs(60);
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

/// Reads until the server closes the connection: true once it does,
/// false if it is still open after `within`.
fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    let mut buf = [0; 64 * 1024];
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
    false
}

/// The head of one response and the first bytes of its body.
fn read_head(stream: &mut TcpStream) -> (String, Vec<u8>) {
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut bytes = Vec::new();
    let mut buf = [0; 64 * 1024];
    loop {
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
            return (head, bytes[end + 4..].to_vec());
        }
        let n = stream.read(&mut buf).expect("a response head");
        assert_ne!(n, 0, "closed before a response head: {bytes:?}");
        bytes.extend_from_slice(&buf[..n]);
    }
}

fn content_length(head: &str) -> usize {
    head.lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap_or_else(|| panic!("no content-length: {head}"))
}

/// The header-read timeout of `salve serve` (src/serve/connections.rs),
/// and how long past it a test waits before calling a connection kept.
/// The longest a rebuild may take before its event is given up on: a
/// bound that only a stuck server reaches (a loaded CI machine takes
/// seconds, not minutes), not a speed target.
const REBUILD: Duration = Duration::from_secs(120);

const HEADER_READ: Duration = Duration::from_secs(10);
const GRACE: Duration = Duration::from_secs(15);

#[test]
fn silent_half_sent_and_idle_kept_alive_connections_are_closed() {
    let site = Site::bundled();
    let server = Server::start(&site, &[]);
    let mut silent = server.connect();
    let mut half = server.connect();
    write!(
        half,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n",
        server.port
    )
    .unwrap();
    let mut kept = server.connect();
    kept.write_all(server.request("/").as_bytes()).unwrap();
    let (head, mut body) = read_head(&mut kept);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let length = content_length(&head);
    while body.len() < length {
        let mut buf = [0; 4096];
        let n = kept.read(&mut buf).unwrap();
        assert_ne!(n, 0);
        body.extend_from_slice(&buf[..n]);
    }
    for (name, stream) in [
        ("silent", &mut silent),
        ("half", &mut half),
        ("kept", &mut kept),
    ] {
        assert!(
            closed_within(stream, HEADER_READ + GRACE),
            "the {name} connection is still open"
        );
    }
}

/// CPU time (user and system) a process has used, in clock ticks (a
/// hundredth of a second on Linux).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields 14 and 15; the name in field 2 may hold spaces, so count
    // from the `)` that ends it.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// A size from /proc/<pid>/status, such as `VmRSS:`, in KiB.
fn status_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    line[field.len()..]
        .trim()
        .trim_end_matches(" kB")
        .parse()
        .unwrap()
}

/// Connections to the server on `port` that process `pid` holds open:
/// its socket files whose inode the kernel lists as an established TCP
/// connection on that port.
fn connections(pid: u32, port: u16) -> usize {
    let tcp = std::fs::read_to_string(format!("/proc/{pid}/net/tcp")).unwrap();
    let local = format!(":{port:04X}");
    let inodes: std::collections::HashSet<String> = tcp
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let established = fields.get(3) == Some(&"01");
            (established && fields.get(1)?.ends_with(&local))
                .then(|| fields.get(9).map(|i| i.to_string()))?
        })
        .collect();
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .filter_map(|entry| std::fs::read_link(entry.ok()?.path()).ok())
        .filter_map(|target| {
            let target = target.to_string_lossy().into_owned();
            Some(
                target
                    .strip_prefix("socket:[")?
                    .strip_suffix(']')?
                    .to_owned(),
            )
        })
        .filter(|inode| inodes.contains(inode))
        .count()
}

/// Sends `GET /` and waits for a 200 until well past the header-read
/// timeout; the error says what came instead.
fn answer(server: &Server) -> Result<(), String> {
    let mut client = server.connect();
    write!(
        client,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        server.port
    )
    .unwrap();
    client
        .set_read_timeout(Some(HEADER_READ * 2 + GRACE))
        .unwrap();
    let mut response = Vec::new();
    let read = client.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    if read.is_ok() && text.starts_with("HTTP/1.1 200") {
        Ok(())
    } else {
        Err(format!("no answer ({read:?}): {text:?}"))
    }
}

#[test]
fn a_full_open_file_table_waits_for_idle_connections_without_spinning() {
    let site = Site::bundled();
    let server = Server::start_limited(&site, 64);
    // More silent connections than the server may have files open.
    let idle: Vec<TcpStream> = (0..80).map(|_| server.connect()).collect();
    std::thread::sleep(Duration::from_millis(500));
    let before = cpu_ticks(server.pid());
    let answered = answer(&server);
    // The wait above is at least the header-read timeout; a server that
    // retried its accept in a loop used nearly all of it.
    let used = cpu_ticks(server.pid()) - before;
    assert!(
        answered.is_ok() && used < 300,
        "{answered:?}; the server used {used} ticks of CPU while waiting"
    );
    drop(idle);
}

/// At most this many connections are served at once (src/serve/connections.rs).
const MAX_CONNECTIONS: usize = 64;

#[test]
fn connections_past_the_cap_wait_their_turn() {
    let site = Site::bundled();
    let server = Server::start(&site, &[]);
    let idle: Vec<TcpStream> = (0..MAX_CONNECTIONS + 20)
        .map(|_| server.connect())
        .collect();
    // Until the server has taken all it will take (and no more comes).
    let mut held = connections(server.pid(), server.port);
    for _ in 0..25 {
        std::thread::sleep(Duration::from_millis(200));
        let now = connections(server.pid(), server.port);
        if now == held && held >= MAX_CONNECTIONS {
            break;
        }
        held = now;
    }
    assert_eq!(held, MAX_CONNECTIONS, "connections the server holds");
    answer(&server).unwrap();
    drop(idle);
}

/// A sparse file of `size` bytes in the served output, as a large video
/// in static/ would be.
fn large_file(site: &Site, size: u64) {
    let file = std::fs::File::create(site.path(".salve-serve/large.bin")).unwrap();
    file.set_len(size).unwrap();
}

const LARGE: u64 = 48 << 20;

/// Asks for the large file on a new connection and reads the response's
/// head, which must be a 200: the stream, the head and the body bytes read
/// with it.
fn get_large(server: &Server) -> (TcpStream, String, Vec<u8>) {
    let mut stream = server.connect();
    stream
        .write_all(server.request("/large.bin").as_bytes())
        .unwrap();
    let (head, body) = read_head(&mut stream);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    (stream, head, body)
}

#[test]
fn a_large_file_goes_to_slow_readers_a_piece_at_a_time() {
    let site = Site::bundled();
    let server = Server::start(&site, &[]);
    large_file(&site, LARGE);
    let before = status_kib(server.pid(), "VmRSS:");
    // Six readers that have the response head and then read no further.
    let mut readers: Vec<(TcpStream, usize)> = (0..6)
        .map(|_| {
            let (stream, head, body) = get_large(&server);
            assert_eq!(content_length(&head) as u64, LARGE);
            (stream, body.len())
        })
        .collect();
    let grown = status_kib(server.pid(), "VmRSS:").saturating_sub(before);
    assert!(
        grown < 64 * 1024,
        "six readers of a 48 MiB file grew the server by {grown} KiB"
    );
    // Each still gets the whole file.
    let (mut stream, mut got) = readers.pop().unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut buf = vec![0; 1 << 20];
    while (got as u64) < LARGE {
        let n = stream.read(&mut buf).unwrap();
        assert_ne!(n, 0, "closed after {got} bytes");
        assert!(buf[..n].iter().all(|&b| b == 0));
        got += n;
    }
    assert_eq!(got as u64, LARGE);
}

/// How long a connection may move no byte either way (src/serve/connections.rs).
const IDLE: Duration = Duration::from_secs(30);

#[test]
fn a_reader_that_stops_reading_is_dropped() {
    let site = Site::bundled();
    let server = Server::start(&site, &[]);
    // Far more than the socket buffers on both sides can hold.
    const HUGE: u64 = 256 << 20;
    large_file(&site, HUGE);
    let (mut stream, _, body) = get_large(&server);
    // The socket's buffers fill and the server can send no more.
    std::thread::sleep(IDLE + Duration::from_secs(3));
    let mut got = body.len() as u64;
    let mut buf = vec![0; 1 << 20];
    stream.set_read_timeout(Some(GRACE)).unwrap();
    while got < HUGE {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got += n as u64,
            Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(err) => panic!("still open after {got} bytes: {err}"),
        }
    }
    assert!(
        got < HUGE,
        "all {got} bytes arrived: the connection was kept"
    );
}

#[test]
fn a_file_name_cannot_drive_the_terminal() {
    let site = Site::bundled();
    let server = Server::start(&site, &[]);
    // ESC ] 0 ; … BEL sets the terminal's title; ESC [ 31 m turns it red.
    std::fs::write(site.path("static/a\x1b]0;owned\x07\x1b[31m.txt"), "x").unwrap();
    let rebuilt = server.wait_for_line("Rebuilt ");
    assert!(
        !rebuilt.contains(['\x1b', '\x07']),
        "raw control characters: {rebuilt:?}"
    );
    assert!(rebuilt.contains("a␛]0;owned␇␛[31m.txt"), "{rebuilt}");
}
