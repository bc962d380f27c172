//! Which file of the output a request path names, if any.
//!
//! The dev server answers only with files inside the output folder. Every
//! way a path has been used to climb out of a served folder (`..`, encoded
//! slashes and dots, overlong UTF-8, NUL, backslashes, symlinks) ends here
//! as [`Target::NotFound`]: Zola's server had exactly this hole
//! (CVE-2023-40274).

use percent_encoding::percent_decode_str;
use std::path::{Path, PathBuf};

/// What a request path maps to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A regular file inside the output.
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links in its
    /// `index.html` only work from `path/`. Always a path on this server
    /// (see [`same_origin`]).
    Redirect(String),
    /// Nothing servable.
    NotFound,
}

/// Maps the path of a request (without its query) to a file under `root`,
/// which must be canonical.
pub fn resolve(root: &Path, request_path: &str) -> Target {
    let Some(rest) = request_path.strip_prefix('/') else {
        return Target::NotFound;
    };
    let mut path = root.to_path_buf();
    // The segments as they came (still percent-encoded), without empty
    // ones: the only material a redirect is built from.
    let mut kept = Vec::new();
    for raw in rest.split('/') {
        let Some(segment) = decode_segment(raw) else {
            return Target::NotFound;
        };
        if !segment.is_empty() {
            path.push(segment);
            kept.push(raw);
        }
    }
    // Symlinks are followed, then the result must still be inside the root.
    let Ok(real) = path.canonicalize() else {
        return Target::NotFound;
    };
    if !real.starts_with(root) {
        return Target::NotFound;
    }
    if real.is_dir() {
        if !request_path.ends_with('/') {
            // Not the request path plus a slash: `//articles` would send the
            // browser to the host `articles`.
            let location = format!("/{}/", kept.join("/"));
            return if same_origin(&location) {
                Target::Redirect(location)
            } else {
                Target::NotFound
            };
        }
        return match real.join("index.html").canonicalize() {
            Ok(index) if index.starts_with(root) && index.is_file() => Target::File(index),
            _ => Target::NotFound,
        };
    }
    if real.is_file() {
        Target::File(real)
    } else {
        Target::NotFound
    }
}

/// Whether a browser reads `location` as a path on the server that sent
/// it: `/` alone, or `/` and then anything but a second `/` or a `\`
/// (browsers read both `//host` and `/\host` as another host).
pub fn same_origin(location: &str) -> bool {
    match location.as_bytes() {
        [b'/'] => true,
        [b'/', second, ..] => !matches!(second, b'/' | b'\\'),
        _ => false,
    }
}

/// One path segment, percent-decoded, or `None` when it could name
/// something other than a plain file or folder name.
fn decode_segment(raw: &str) -> Option<String> {
    // A slash or backslash that arrives encoded is never a separator here.
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return None;
    }
    // Overlong forms such as `%c0%ae` are not UTF-8 and fail here.
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    let bad_char = |c: char| c == '\0' || c == '\\' || c == '/' || c == ':';
    if decoded == ".." || decoded == "." || decoded.chars().any(bad_char) {
        return None;
    }
    Some(decoded.into_owned())
}

/// The `Content-Type` for a file, by its extension.
pub fn content_type(path: &Path) -> String {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    // pagefind's index files have their own extensions; they are binary.
    if ext.starts_with("pf_") || ext == "pagefind" {
        return "application/octet-stream".to_owned();
    }
    let mime = mime_guess::from_ext(ext).first_or_octet_stream();
    match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ if mime.subtype() == mime_guess::mime::JAVASCRIPT => format!("{mime}; charset=utf-8"),
        _ => mime.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        fs::create_dir_all(root.join("legs/calf")).unwrap();
        fs::write(root.join("index.html"), "home").unwrap();
        fs::write(root.join("legs/calf/index.html"), "calf").unwrap();
        fs::write(root.join("a b.txt"), "space").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = root.canonicalize().unwrap();
        (dir, root)
    }

    #[test]
    fn files_and_folders_inside_the_output_are_served() {
        let (_dir, root) = site();
        assert_eq!(resolve(&root, "/"), Target::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/legs/calf/"),
            Target::File(root.join("legs/calf/index.html"))
        );
        assert_eq!(
            resolve(&root, "/legs/calf"),
            Target::Redirect("/legs/calf/".into())
        );
        assert_eq!(
            resolve(&root, "/a%20b.txt"),
            Target::File(root.join("a b.txt"))
        );
        assert_eq!(resolve(&root, "/missing/"), Target::NotFound);
    }

    #[test]
    fn redirects_are_paths_on_this_server() {
        let (_dir, root) = site();
        for (request, location) in [
            ("//legs", "/legs/"),
            ("///legs//calf", "/legs/calf/"),
            ("/legs//calf", "/legs/calf/"),
            ("/%6cegs", "/%6cegs/"),
        ] {
            assert_eq!(
                resolve(&root, request),
                Target::Redirect(location.into()),
                "{request}"
            );
        }
        for request in [
            "/\\legs",
            "/%5clegs",
            "//%2flegs",
            "/./legs",
            "//legs/%2e%2e",
        ] {
            assert_eq!(resolve(&root, request), Target::NotFound, "{request}");
        }
    }

    #[test]
    fn only_single_slash_paths_are_same_origin() {
        for good in ["/", "/legs/", "/a//b", "/%2f/"] {
            assert!(same_origin(good), "{good}");
        }
        for bad in [
            "",
            "//",
            "//evil.example/",
            "/\\evil.example",
            "legs/",
            "http://x/",
        ] {
            assert!(!same_origin(bad), "{bad}");
        }
    }

    #[test]
    fn every_way_out_of_the_output_is_not_found() {
        let (dir, root) = site();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        for attempt in [
            "/../secret.txt",
            "/legs/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/..%2fsecret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/index.html%00.txt",
            "/%c0%ae%c0%ae/secret.txt",
            "/%c0%ae%c0%ae%c0%afsecret.txt",
            "//etc/passwd",
            &format!("/{}", dir.path().join("secret.txt").display()),
            "/link.txt",
            "/up/secret.txt",
            "/c:/windows/win.ini",
            "relative.txt",
        ] {
            assert_eq!(resolve(&root, attempt), Target::NotFound, "{attempt}");
        }
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("css/salve.css")),
            "text/css; charset=utf-8"
        );
        assert!(content_type(Path::new("js/search.js")).contains("javascript"));
        assert_eq!(content_type(Path::new("favicon.svg")), "image/svg+xml");
        assert_eq!(
            content_type(Path::new("feed.xml")),
            "text/xml; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("pagefind/x.pf_fragment")),
            "application/octet-stream"
        );
        assert_eq!(
            content_type(Path::new("pagefind/wasm.unknown.pagefind")),
            "application/octet-stream"
        );
    }
}
