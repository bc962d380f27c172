//! `salve serve`: build, serve on 127.0.0.1, rebuild on every save.
//!
//! A rebuild runs the same pipeline as `build` with a [`ParseCache`], so
//! only changed files are parsed; like `build`, it renders only pages whose
//! inputs changed since the last build (the build cache in the output) and
//! leaves unchanged files alone. A failed
//! rebuild leaves the last good output in place and is shown in the
//! terminal and over the page in the browser.

pub mod connections;
pub mod files;
pub mod http;
pub mod stream;
pub mod watch;

use crate::diagnostic::Colour;
use crate::printable::printable;
use crate::{BuildError, BuildOptions, BuildReport, ParseCache};
use http::{Shared, Status};
use std::io::{self, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Instant;

/// What to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// How to build; its base URL is replaced by the server's own.
    pub build: BuildOptions,
    /// The folder the site is written to and served from.
    pub output: PathBuf,
    /// The port on 127.0.0.1; 0 lets the system pick a free one.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Colour for diagnostics in the terminal (the browser gets plain text).
    pub colour: Colour,
    /// Words a rebuild that failed for a reason other than its content.
    pub explain: Explain,
}

/// The text, for the terminal and over the page, of a build that failed
/// for a reason other than its content (a write or search error): the
/// caller words it, so what to do about an error is said in the words of
/// the command the reader ran. Content errors are diagnostics and are
/// rendered as such.
pub type Explain = fn(&BuildError) -> String;

/// Why the server could not start: what failed, with the error underneath
/// as [`source`](std::error::Error::source).
#[derive(Debug)]
pub enum ServeError {
    /// Another program listens on the port.
    PortInUse {
        /// The port asked for.
        port: u16,
    },
    /// Any other failure to listen.
    Listen {
        /// The port asked for, or the one the system picked.
        port: u16,
        /// What the system said.
        source: io::Error,
    },
    /// The output folder may not be written (see [`crate::write::check_output`]).
    Output(crate::write::WriteError),
    /// The file watcher could not start.
    Watch(notify::Error),
    /// The server's event loop could not start.
    Runtime(io::Error),
}

impl ServeError {
    /// The port the server could not listen on, when that is what failed.
    pub fn port(&self) -> Option<u16> {
        match self {
            Self::PortInUse { port } | Self::Listen { port, .. } => Some(*port),
            _ => None,
        }
    }
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::PortInUse { port } => {
                write!(f, "port {port} is already in use by another program")
            }
            Self::Listen { port, .. } => write!(f, "cannot listen on 127.0.0.1:{port}"),
            // The write error is the whole story: it stands in for this one.
            Self::Output(err) => write!(f, "{err}"),
            Self::Watch(_) => write!(f, "cannot watch the site's files"),
            Self::Runtime(_) => write!(f, "cannot start the server"),
        }
    }
}

impl std::error::Error for ServeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::PortInUse { .. } => None,
            Self::Listen { source, .. } | Self::Runtime(source) => Some(source),
            Self::Output(err) => err.source(),
            Self::Watch(err) => Some(err),
        }
    }
}

/// Builds the site, serves it until Ctrl-C, and rebuilds on every save.
pub fn run(options: ServeOptions) -> Result<(), ServeError> {
    crate::write::check_build_output(&options.build.root, &options.output)
        .map_err(ServeError::Output)?;
    let (listener, port) = listen(options.port)?;
    let url = format!("http://127.0.0.1:{port}/");
    let mut build = options.build.clone();
    build.base_url = Some(url.clone());
    let root = std::path::absolute(&build.root).map_err(ServeError::Runtime)?;

    let mut cache = ParseCache::default();
    let colour = options.colour;
    // Stopping the server stops a rebuild too, letting a commit finish. The
    // handlers are in place before the first build, so no signal meets the
    // default action, which would kill a build mid-commit.
    let interrupt = crate::write::Interrupt::default();
    let handled = stop_on_signals(interrupt.clone());
    let first = rebuild(
        &build,
        &options.output,
        &mut cache,
        &[],
        1,
        colour,
        options.explain,
        &interrupt,
    );
    let (status_tx, status_rx) = tokio::sync::watch::channel(first);
    let rebuilds = Rebuilds {
        build,
        output: options.output.clone(),
        cache,
        colour,
        explain: options.explain,
        interrupt: interrupt.clone(),
    };
    rebuilds.start(&root, status_tx)?;

    println!("Serving {url} — press Ctrl-C to stop");
    let _ = io::stdout().flush();
    if options.open {
        if let Err(err) = open_browser(&url) {
            eprintln!("warning: could not open a browser ({err}); open {url} yourself");
        }
    }
    let shared = Arc::new(Shared {
        output: options.output,
        port,
        status: status_rx,
    });
    serve_until_stopped(listener, shared, handled)?;
    interrupt.stop();
    println!("Stopped.");
    Ok(())
}

/// Listens on 127.0.0.1:`port` (non-blocking, for the event loop) and
/// says which port it got: the system picks one for port 0.
fn listen(port: u16) -> Result<(TcpListener, u16), ServeError> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|source| {
        if source.kind() == io::ErrorKind::AddrInUse {
            ServeError::PortInUse { port }
        } else {
            ServeError::Listen { port, source }
        }
    })?;
    let port = listener
        .local_addr()
        .map_err(|source| ServeError::Listen { port, source })?
        .port();
    listener
        .set_nonblocking(true)
        .map_err(|source| ServeError::Listen { port, source })?;
    Ok((listener, port))
}

/// What the rebuild thread owns: how to build, and what the builds before
/// kept for the next one.
struct Rebuilds {
    build: BuildOptions,
    output: PathBuf,
    cache: ParseCache,
    colour: Colour,
    explain: Explain,
    interrupt: crate::write::Interrupt,
}

impl Rebuilds {
    /// Watches the site folder `root` and, on a thread of its own, rebuilds
    /// after each batch of saves, sending what the browser should show.
    fn start(
        mut self,
        root: &Path,
        status: tokio::sync::watch::Sender<Status>,
    ) -> Result<(), ServeError> {
        let (batch_tx, batches) = mpsc::channel();
        let mut watcher = watch::Watcher::start(root, batch_tx).map_err(ServeError::Watch)?;
        let root = root.to_path_buf();
        std::thread::Builder::new()
            .name("rebuild".into())
            .spawn(move || {
                let mut generation = 1;
                for batch in batches {
                    watcher.renew();
                    match batch {
                        Ok(paths) => {
                            let changed: Vec<PathBuf> = paths
                                .iter()
                                .map(|p| p.strip_prefix(&root).unwrap_or(p).to_path_buf())
                                .collect();
                            generation += 1;
                            let _ = status.send(self.rebuild(&changed, generation));
                        }
                        Err(message) => eprintln!(
                            "warning: the file watcher reported: {}",
                            printable(&message.to_string())
                        ),
                    }
                }
            })
            .map(drop)
            .map_err(ServeError::Runtime)
    }

    fn rebuild(&mut self, changed: &[PathBuf], generation: u64) -> Status {
        rebuild(
            &self.build,
            &self.output,
            &mut self.cache,
            changed,
            generation,
            self.colour,
            self.explain,
            &self.interrupt,
        )
    }
}

/// Serves `shared` on `listener` until Ctrl-C; where the signal thread is in
/// place (`handled`), until it stops the process.
fn serve_until_stopped(
    listener: TcpListener,
    shared: Arc<Shared>,
    handled: bool,
) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(ServeError::Runtime)?;
        // Where the signal thread stops the server, the loop runs until it does.
        let stop = async move {
            match handled {
                true => std::future::pending().await,
                false => drop(tokio::signal::ctrl_c().await),
            }
        };
        connections::accept(listener, shared, stop).await;
        Ok(())
    })
}

/// Ctrl-C and SIGTERM, from the first build on: a thread of its own stops
/// a rebuild under way (a commit finishes, a staged one is dropped), says
/// "Stopped." and exits 0. Returns whether it is in place; where it cannot
/// be, Ctrl-C is taken by the accept loop once serving has begun.
#[cfg(unix)]
fn stop_on_signals(interrupt: crate::write::Interrupt) -> bool {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return false;
    };
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if signals.forever().next().is_some() {
                interrupt.stop();
                println!("Stopped.");
                std::process::exit(0);
            }
        })
        .is_ok()
}

#[cfg(not(unix))]
fn stop_on_signals(_: crate::write::Interrupt) -> bool {
    false
}

/// Runs one build, prints what it did, and says what the browser should show.
fn rebuild(
    options: &BuildOptions,
    output: &Path,
    cache: &mut ParseCache,
    changed: &[PathBuf],
    generation: u64,
    colour: Colour,
    explain: Explain,
    interrupt: &crate::write::Interrupt,
) -> Status {
    let started = Instant::now();
    let result = crate::build_stoppable(options, output, Some(cache), &|_, _| {}, interrupt);
    let millis = started.elapsed().as_millis();
    match result {
        Ok(report) => {
            eprint!("{}", report.diagnostics.render(colour));
            println!("{}", summary(&report, changed, millis));
            Status::Built(generation)
        }
        Err(err) => {
            let (text, terminal) = match err {
                BuildError::Content(diagnostics) => {
                    (diagnostics.render(Colour::Off), diagnostics.render(colour))
                }
                other => {
                    let text = explain(&other);
                    (text.clone(), text)
                }
            };
            eprint!("{terminal}");
            println!("{}", failed_line(output, millis));
            Status::Failed(generation, text)
        }
    }
}

/// What a failed build leaves to see. A failed build never changes the
/// output, so a home page there is the last good build's.
fn failed_line(output: &Path, millis: u128) -> String {
    if output.join("index.html").is_file() {
        format!(
            "Build failed in {millis} ms; still serving the last good pages. Save a fix to rebuild."
        )
    } else {
        format!(
            "Build failed in {millis} ms; there is nothing to show until the errors above are fixed. Save a fix to rebuild."
        )
    }
}

/// One line: what was rebuilt, how long it took, and which pages.
fn summary(report: &BuildReport, changed: &[PathBuf], millis: u128) -> String {
    let pages: Vec<String> = report.rendered.iter().map(|p| page_url(p)).collect();
    if changed.is_empty() {
        return format!("{} in {millis} ms", crate::summary::built(report));
    }
    let mut names: Vec<String> = changed
        .iter()
        .map(|p| printable(&p.to_string_lossy()).into_owned())
        .collect();
    names.sort();
    names.dedup();
    format!(
        "Rebuilt {} of {} pages, wrote {} files in {millis} ms ({} changed): {}",
        pages.len(),
        report.pages,
        report.written,
        names.join(", "),
        if pages.is_empty() {
            "no page changed".to_owned()
        } else {
            pages.join(" ")
        }
    )
}

/// `legs/calf/index.html` as the reader's `/legs/calf/`.
fn page_url(output_path: &str) -> String {
    format!(
        "/{}",
        output_path
            .strip_suffix("index.html")
            .unwrap_or(output_path)
    )
}

/// Hands the URL to the desktop's opener. A crate for this would bring a
/// URL parser and Unicode tables for one process spawn.
fn open_browser(url: &str) -> io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}
