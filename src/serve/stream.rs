//! Files of the output sent a piece at a time.
//!
//! A reader costs the server one piece of a file at a time, however large
//! the file and however slowly the reader takes it: reading whole files
//! made ten readers of a 100 MB video cost 1 GB. HTML pages get the reload
//! script on the way, so the page on disk stays exactly what `build` wrote.

use super::http::Body;
use bytes::Bytes;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use tokio::io::AsyncReadExt;

/// How much of a file is read and sent at once.
const PIECE: usize = 64 * 1024;

/// Where the reload script goes: before the last `</body>`.
const BODY_END: &[u8] = b"</body>";

/// How far from a page's end `</body>` is looked for. A page ends with it
/// and `</html>`; without a bound, every request for a large HTML file with
/// no `</body>` would read the whole file once before sending it.
const BODY_END_SEARCH: u64 = 16 * PIECE as u64;

/// A file opened to be sent, and what to add to it on the way.
#[derive(Debug)]
pub struct Sending {
    file: std::fs::File,
    /// The file's length when it was opened. The output is replaced by
    /// renaming, so the open file keeps this length while it is sent.
    len: u64,
    /// Bytes added at an offset of the file.
    insert: Option<(u64, Bytes)>,
}

impl Sending {
    /// Opens `path` to be sent; `script` goes before its last `</body>`
    /// (any case), or at its end if it has none near its end. Reads from
    /// the disk, so it belongs on a blocking thread.
    pub fn open(path: &Path, script: Option<Bytes>) -> io::Result<Self> {
        let mut file = std::fs::File::open(path)?;
        let len = file.metadata()?.len();
        let insert = match script {
            Some(script) => Some((last_body_end(&mut file, len)?, script)),
            None => None,
        };
        file.rewind()?;
        Ok(Self { file, len, insert })
    }

    /// The number of bytes the body will have.
    pub fn body_len(&self) -> u64 {
        self.len + self.insert.as_ref().map_or(0, |(_, b)| b.len() as u64)
    }

    /// The body, read from the file as the connection takes it. A read
    /// error ends it early; the connection then closes, as the promised
    /// length was not sent.
    pub fn into_body(self) -> Body {
        let state = Pieces {
            file: tokio::fs::File::from_std(self.file),
            sent: 0,
            len: self.len,
            insert: self.insert,
        };
        let stream = futures_util::stream::unfold(state, Pieces::next);
        StreamBody::new(stream).boxed()
    }
}

/// Where a body stands: `sent` bytes of the file are out.
struct Pieces {
    file: tokio::fs::File,
    sent: u64,
    len: u64,
    insert: Option<(u64, Bytes)>,
}

impl Pieces {
    async fn next(mut self) -> Option<(Result<Frame<Bytes>, std::convert::Infallible>, Self)> {
        if let Some((at, bytes)) = &self.insert {
            if self.sent == *at {
                let bytes = bytes.clone();
                self.insert = None;
                return Some((Ok(Frame::data(bytes)), self));
            }
        }
        let stop = self.insert.as_ref().map_or(self.len, |(at, _)| *at);
        let want = usize::try_from(stop.saturating_sub(self.sent))
            .unwrap_or(PIECE)
            .min(PIECE);
        if want == 0 {
            return None;
        }
        let mut piece = vec![0; want];
        let read = self.file.read(&mut piece).await.ok()?;
        if read == 0 {
            return None;
        }
        piece.truncate(read);
        self.sent += read as u64;
        Some((Ok(Frame::data(Bytes::from(piece))), self))
    }
}

/// The offset of the last `</body>` in any case, or `len` if there is
/// none in the last [`BODY_END_SEARCH`] bytes; reads the file from its end
/// a piece at a time.
fn last_body_end(file: &mut std::fs::File, len: u64) -> io::Result<u64> {
    let mut end = len;
    let mut buf = Vec::with_capacity(PIECE + BODY_END.len());
    while end > 0 && len - end < BODY_END_SEARCH {
        let start = end.saturating_sub(PIECE as u64);
        // The window runs a little past `end`, so a tag that straddles two
        // windows is seen whole.
        let stop = (end + BODY_END.len() as u64 - 1).min(len);
        buf.clear();
        file.seek(SeekFrom::Start(start))?;
        file.by_ref().take(stop - start).read_to_end(&mut buf)?;
        if let Some(at) = buf
            .windows(BODY_END.len())
            .rposition(|w| w.eq_ignore_ascii_case(BODY_END))
        {
            return Ok(start + at as u64);
        }
        end = start;
    }
    Ok(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    fn sent(page: &[u8], script: Option<&'static [u8]>) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html");
        std::fs::write(&path, page).unwrap();
        let sending = Sending::open(&path, script.map(Bytes::from_static)).unwrap();
        let len = sending.body_len();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let bytes = runtime
            .block_on(sending.into_body().collect())
            .unwrap()
            .to_bytes();
        assert_eq!(bytes.len() as u64, len);
        bytes.to_vec()
    }

    #[test]
    fn the_script_goes_before_the_last_body_end_in_any_piece() {
        assert_eq!(
            sent(b"<p>x</p></BODY></html>", Some(b"<s>")),
            b"<p>x</p><s></BODY></html>"
        );
        assert_eq!(sent(b"<p>x", Some(b"<s>")), b"<p>x<s>");
        assert_eq!(sent(b"", Some(b"<s>")), b"<s>");
        // Tags at and across every boundary between pieces, and a second
        // `</body>` in an earlier piece.
        for at in [0, PIECE - 7, PIECE - 3, PIECE, PIECE + 1, 3 * PIECE - 5] {
            let mut page = vec![b'a'; 3 * PIECE + 100];
            if at > 20 {
                page[10..17].copy_from_slice(b"</body>");
            }
            page[at..at + 7].copy_from_slice(b"</body>");
            let mut expected = page.clone();
            expected.splice(at..at, b"<s>".iter().copied());
            assert!(sent(&page, Some(b"<s>")) == expected, "at {at}");
        }
    }

    #[test]
    fn a_body_end_far_from_the_end_is_not_looked_for() {
        let mut page = b"<p>x</p></body>".to_vec();
        page.resize(page.len() + BODY_END_SEARCH as usize, b' ');
        let mut expected = page.clone();
        expected.extend_from_slice(b"<s>");
        assert!(sent(&page, Some(b"<s>")) == expected);
    }

    #[test]
    fn other_files_go_out_as_they_are() {
        let file: Vec<u8> = (0..5 * PIECE + 17).map(|i| (i % 251) as u8).collect();
        assert!(sent(&file, None) == file);
    }
}
