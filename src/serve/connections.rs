//! How many connections the dev server holds, and for how long.
//!
//! Every connection costs an open file. A client that opens connections and
//! sends nothing, or stops reading, must not be able to use them all up:
//! the writer's own browser would then get no answer, and a server that has
//! no file left to accept with would retry the accept in a tight loop.

use super::http::{self, Shared};
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

/// How long a client has to send a request's whole header, counted from
/// when the connection opens or its last answer went out. hyper starts this
/// timer as soon as a kept-alive connection waits for its next request, so
/// it is also the keep-alive idle timeout: a browser reopens a connection
/// to this machine in well under a millisecond, while a connection that
/// sends nothing holds an open file.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection on which no byte moves either way for this long is closed:
/// a client that stopped reading an answer would otherwise hold its
/// connection (and a part of a file) forever. The reload channel says
/// something every 15 s, so an open tab stays well inside it.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// At most this many connections are served at once; more wait in the
/// system's queue until one closes. A browser opens about six per site
/// plus one per open tab for reloads. Each connection holds up to two open
/// files (its socket and the file it sends), so this is half of macOS's
/// default limit of 256 open files, and the rebuilds keep the other half.
pub const MAX_CONNECTIONS: usize = 64;

/// How long to wait before accepting again when the system refused (out
/// of open files or memory): the refused connection is still queued, so
/// retrying at once would only spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// Accepts connections until `stop` completes.
pub async fn accept(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    stop: impl std::future::Future<Output = ()>,
) {
    tokio::pin!(stop);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut warned = false;
    loop {
        // A slot first, so connections past the cap stay queued in the
        // system, not open in this process.
        let slot = tokio::select! {
            _ = &mut stop => return,
            slot = Arc::clone(&slots).acquire_owned() => slot,
        };
        let Ok(slot) = slot else { return };
        let accepted = tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, _)) => {
                warned = false;
                let shared = Arc::clone(&shared);
                tokio::spawn(async move {
                    serve(stream, shared).await;
                    drop(slot);
                });
            }
            Err(err) if is_connection_error(&err) => {}
            Err(err) => {
                if !warned {
                    eprintln!(
                        "warning: cannot accept connections ({err}); waiting for open ones to close"
                    );
                    warned = true;
                }
                tokio::time::sleep(ACCEPT_BACKOFF).await;
            }
        }
    }
}

/// Errors that concern one connection only (it went away before it was
/// accepted); the next accept may succeed at once.
fn is_connection_error(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::Interrupted
    )
}

/// Serves one connection until it closes, times out or goes idle.
async fn serve(stream: TcpStream, shared: Arc<Shared>) {
    let activity = Arc::new(Activity::new());
    let io = Watched {
        inner: stream,
        activity: Arc::clone(&activity),
    };
    let service =
        hyper::service::service_fn(move |request| http::handle(request, Arc::clone(&shared)));
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .serve_connection(hyper_util::rt::TokioIo::new(io), service);
    // A browser closing a tab mid-response is not worth a message; an idle
    // connection is dropped, which closes it.
    tokio::select! {
        _ = connection => {}
        () = activity.idle(IDLE_TIMEOUT) => {}
    }
}

/// When a byte last moved on a connection.
struct Activity {
    opened: Instant,
    /// Milliseconds from `opened` to the last byte read or written.
    last: AtomicU64,
}

impl Activity {
    fn new() -> Self {
        Self {
            opened: Instant::now(),
            last: AtomicU64::new(0),
        }
    }

    fn now(&self) -> u64 {
        u64::try_from(self.opened.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn touch(&self) {
        self.last.store(self.now(), Ordering::Relaxed);
    }

    /// Returns once no byte has moved for `limit`.
    async fn idle(&self, limit: Duration) {
        let limit_ms = u64::try_from(limit.as_millis()).unwrap_or(u64::MAX);
        loop {
            let quiet = self.now().saturating_sub(self.last.load(Ordering::Relaxed));
            if quiet >= limit_ms {
                return;
            }
            tokio::time::sleep(Duration::from_millis(limit_ms - quiet)).await;
        }
    }
}

/// A connection that records when bytes move on it.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let poll = Pin::new(&mut this.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.activity.touch();
        }
        poll
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_write(cx, buf);
        if matches!(poll, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.touch();
        }
        poll
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        if matches!(poll, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.touch();
        }
        poll
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_errors_of_one_connection_are_retried_at_once() {
        for kind in [
            io::ErrorKind::ConnectionAborted,
            io::ErrorKind::ConnectionReset,
        ] {
            assert!(is_connection_error(&io::Error::from(kind)));
        }
        // EMFILE: the queued connection stays queued.
        assert!(!is_connection_error(&io::Error::from_raw_os_error(24)));
        assert!(!is_connection_error(&io::Error::from(
            io::ErrorKind::OutOfMemory
        )));
    }
}
