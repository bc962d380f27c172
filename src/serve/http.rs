//! The dev server's HTTP side: files from the output folder, the reload
//! script and the reload channel, for this machine's browser only.

use super::files::{self, Target};
use super::stream::Sending;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::{Frame, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use std::convert::Infallible;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// A response body: a file read as it is sent, a short text, or the
/// endless event stream.
pub type Body = BoxBody<Bytes, Infallible>;

const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_PATH: &str = "/__salve/reload.js";
const EVENTS_PATH: &str = "/__salve/events";
/// Comments on the event stream at this interval let the server notice a
/// closed tab and drop its connection.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The state of the site as the browser should see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The last build worked; the number counts builds, so every good
    /// rebuild is a change even when the text is the same.
    Built(u64),
    /// The last build failed with this report; the last good pages stay.
    Failed(u64, String),
}

/// What every request handler shares.
pub struct Shared {
    /// The output folder.
    pub output: PathBuf,
    /// The port bound on 127.0.0.1.
    pub port: u16,
    /// The latest build status.
    pub status: watch::Receiver<Status>,
}

impl Shared {
    /// Host headers a browser sends for this server. Anything else is a
    /// page elsewhere reaching in through a DNS name that resolves here
    /// (DNS rebinding).
    fn allowed_host(&self, host: &str) -> bool {
        host == format!("127.0.0.1:{}", self.port) || host == format!("localhost:{}", self.port)
    }

    fn allowed_origin(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| self.allowed_host(host))
    }
}

/// Answers one request.
pub async fn handle(
    request: Request<Incoming>,
    shared: Arc<Shared>,
) -> Result<Response<Body>, Infallible> {
    let header = |name: header::HeaderName| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let host = header(header::HOST).unwrap_or_default();
    if !shared.allowed_host(&host) {
        return Ok(text(
            StatusCode::FORBIDDEN,
            &format!(
                "salve serve answers only to http://127.0.0.1:{}/\n",
                shared.port
            ),
        ));
    }
    let head = request.method() == Method::HEAD;
    if request.method() != Method::GET && !head {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return Ok(response);
    }
    let path = request.uri().path();
    let response = match path {
        RELOAD_PATH => file_response(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            Bytes::from_static(RELOAD_JS.as_bytes()),
        ),
        EVENTS_PATH => match header(header::ORIGIN) {
            Some(origin) if !shared.allowed_origin(&origin) => text(
                StatusCode::FORBIDDEN,
                "this page may not listen for reloads\n",
            ),
            _ => events(shared.status.clone()),
        },
        _ => site_file(&shared, path).await,
    };
    Ok(if head {
        without_body(response)
    } else {
        response
    })
}

/// A file of the site, its folder's `index.html`, or the site's 404 page.
async fn site_file(shared: &Shared, path: &str) -> Response<Body> {
    let root = shared.output.canonicalize().ok();
    let target = root
        .as_deref()
        .map_or(Target::NotFound, |root| files::resolve(root, path));
    match target {
        Target::File(file) => match send(StatusCode::OK, file).await {
            Ok(response) => response,
            Err(err) if err.kind() == io::ErrorKind::NotFound => not_found(root).await,
            // Out of open files, or not readable: the file exists, so not a 404.
            Err(err) => text(
                StatusCode::SERVICE_UNAVAILABLE,
                &format!("salve serve cannot open this file: {err}\n"),
            ),
        },
        // `resolve` builds only same-origin paths; checked again here because
        // a redirect elsewhere is an open redirect on the writer's machine.
        Target::Redirect(location) if files::same_origin(&location) => {
            match HeaderValue::from_str(&location) {
                Ok(value) => {
                    let mut response = text(StatusCode::MOVED_PERMANENTLY, "");
                    response.headers_mut().insert(header::LOCATION, value);
                    response
                }
                Err(_) => not_found(root).await,
            }
        }
        Target::Redirect(_) | Target::NotFound => not_found(root).await,
    }
}

async fn not_found(root: Option<PathBuf>) -> Response<Body> {
    if let Some(root) = root {
        if let Ok(page) = send(StatusCode::NOT_FOUND, root.join("404.html")).await {
            return page;
        }
    }
    let kind = "text/html; charset=utf-8";
    let page = inject_reload(
        b"<!doctype html><title>Not found</title><p>Not found. If the site has not \
          built yet, there is nothing to show until its errors are fixed: the \
          terminal running salve serve lists them, and each save rebuilds.</p>"
            .to_vec(),
    );
    file_response(StatusCode::NOT_FOUND, kind, Bytes::from(page))
}

/// A file of the output, read as the connection takes it (HTML with the
/// reload script).
async fn send(status: StatusCode, path: PathBuf) -> io::Result<Response<Body>> {
    let kind = files::content_type(&path);
    let script = kind
        .starts_with("text/html")
        .then(|| Bytes::from(reload_tag()));
    let sending = tokio::task::spawn_blocking(move || Sending::open(&path, script))
        .await
        .map_err(io::Error::other)??;
    let length = sending.body_len();
    Ok(respond(status, &kind, length, sending.into_body()))
}

/// The tag that loads the reload script.
fn reload_tag() -> String {
    format!("<script type=\"module\" src=\"{RELOAD_PATH}\"></script>")
}

/// Puts the reload script before `</body>` (or at the end of a page that
/// has none), so the output on disk stays exactly what `build` writes.
pub fn inject_reload(mut page: Vec<u8>) -> Vec<u8> {
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    page.splice(at..at, reload_tag().into_bytes());
    page
}

/// The reload channel: a server-sent event stream that says `reload` after
/// every good build and `build-error` (with the report) after a failed one;
/// a tab that connects while the site is broken hears the error at once.
fn events(mut status: watch::Receiver<Status>) -> Response<Body> {
    let first = match &*status.borrow_and_update() {
        Status::Failed(_, report) => Some(event("build-error", report)),
        Status::Built(_) => None,
    };
    let stream =
        futures_util::stream::unfold((status, first), |(mut status, pending)| async move {
            if let Some(event) = pending {
                return Some((Ok(Frame::data(event)), (status, None)));
            }
            let chunk = tokio::select! {
                changed = status.changed() => {
                    changed.ok()?;
                    match &*status.borrow_and_update() {
                        Status::Built(_) => event("reload", ""),
                        Status::Failed(_, report) => event("build-error", report),
                    }
                }
                () = tokio::time::sleep(KEEP_ALIVE) => Bytes::from_static(b": still here\n\n"),
            };
            Some((Ok(Frame::data(chunk)), (status, None)))
        });
    let mut response = Response::new(StreamBody::new(stream).boxed());
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// One server-sent event; each line of `data` is its own `data:` field.
/// A browser ends a line at CR, LF or CRLF, so all three split lines here:
/// a lone CR left in a report would let its next words set a field.
fn event(name: &str, data: &str) -> Bytes {
    let mut text = format!("event: {name}\n");
    for line in data.replace("\r\n", "\n").replace('\r', "\n").lines() {
        text.push_str("data: ");
        text.push_str(line);
        text.push('\n');
    }
    if data.is_empty() {
        text.push_str("data:\n");
    }
    text.push('\n');
    Bytes::from(text)
}

fn file_response(status: StatusCode, kind: &str, bytes: Bytes) -> Response<Body> {
    let length = bytes.len() as u64;
    respond(status, kind, length, Full::new(bytes).boxed())
}

/// A response with the headers every answer carries; `length` is the
/// body's exact size.
fn respond(status: StatusCode, kind: &str, length: u64, body: Body) -> Response<Body> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(kind) = HeaderValue::from_str(kind) {
        headers.insert(header::CONTENT_TYPE, kind);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    // A writer previewing edits must never see a cached page.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn text(status: StatusCode, message: &str) -> Response<Body> {
    file_response(
        status,
        "text/plain; charset=utf-8",
        Bytes::from(message.to_owned()),
    )
}

/// A HEAD answer: the GET's status and headers, no body.
fn without_body(response: Response<Body>) -> Response<Body> {
    let (parts, _) = response.into_parts();
    Response::from_parts(parts, Full::new(Bytes::new()).boxed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reload_script_goes_before_the_last_body_end() {
        let page = inject_reload(b"<p>x</p></BODY></html>".to_vec());
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<p>x</p><script type=\"module\" src=\"/__salve/reload.js\"></script></BODY></html>"
        );
        let bare = inject_reload(b"<p>x".to_vec());
        assert!(bare.ends_with(b"</script>"));
    }

    #[test]
    fn events_put_each_line_in_its_own_data_field() {
        assert_eq!(
            event("build-error", "a\nb"),
            Bytes::from("event: build-error\ndata: a\ndata: b\n\n")
        );
        assert_eq!(event("reload", ""), Bytes::from("event: reload\ndata:\n\n"));
    }

    #[test]
    fn a_carriage_return_in_a_report_cannot_start_an_event_field() {
        // The browser ends a line at a lone CR too, so `\revent: reload`
        // inside a report would turn the error into a reload.
        assert_eq!(
            event("build-error", "a\revent: reload\r\nb\r"),
            Bytes::from("event: build-error\ndata: a\ndata: event: reload\ndata: b\n\n")
        );
    }
}
