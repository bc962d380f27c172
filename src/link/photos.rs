//! Linking an article's lead photo: a file next to the article or under
//! `static/`, with its alt text, credit and the place of its `src`.

use super::linker::Linker;
use super::{FileCopy, Photo};
use crate::content::ArticleMeta;
use crate::diagnostic::Diagnostic;
use crate::parse::Parsed;
use crate::paths::{is_contained, page_path, resolve};
use std::path::Path;

impl Linker<'_, '_> {
    pub(super) fn photo(
        &mut self,
        a: &Parsed<ArticleMeta>,
        p: &crate::content::Photo,
    ) -> Option<Photo> {
        let src = p.src.get_ref();
        if let Some(rest) = src.strip_prefix('/') {
            let path = self.static_photo(a, src, rest, p.src.span())?;
            return Some(photo_of(path, p, a));
        }
        let beside = resolve(&a.source, src).filter(|_| is_contained(src));
        let path = if !is_contained(src) {
            self.out.push(
                a.at(Diagnostic::error("bad-photo", &a.source, format!("the photo path `{src}` leaves the article's folder")), p.src.span())
                    .hint("put the photo next to the article, or under static/, and give its path from there"),
            );
            return None;
        } else if let Some((file, real)) = beside.and_then(|f| {
            let real = self.inputs.assets.real(&f)?.to_path_buf();
            Some((f, real))
        }) {
            let to = format!("{}{src}", page_path(&a.source));
            self.copies.insert(FileCopy {
                from: file,
                to: to.clone(),
                real,
            });
            to
        } else if self.inputs.static_files.contains(Path::new(src)) {
            src.replace('\\', "/")
        } else {
            self.out.push(
                a.at(
                    Diagnostic::error(
                        "missing-photo",
                        &a.source,
                        format!("the photo `{src}` does not exist"),
                    ),
                    p.src.span(),
                )
                .hint(
                    match super::nearest::file(
                        &a.source,
                        src,
                        self.inputs.assets,
                        Some(self.inputs.static_files),
                    ) {
                        Some(best) => format!(
                            "did you mean `{best}`? A photo is next to the article or under static/"
                        ),
                        None => {
                            "put the file next to the article or under static/, or fix the name"
                                .to_owned()
                        }
                    },
                ),
            );
            return None;
        };
        Some(photo_of(path, p, a))
    }

    /// The path of a photo given as a `/` path, `rest` following the `/`:
    /// a file under `static/`, published at the same path.
    fn static_photo(
        &mut self,
        a: &Parsed<ArticleMeta>,
        src: &str,
        rest: &str,
        span: std::ops::Range<usize>,
    ) -> Option<String> {
        if !is_contained(rest) {
            self.out.push(
                a.at(
                    Diagnostic::error(
                        "bad-photo",
                        &a.source,
                        format!("the photo path `{src}` leaves static/"),
                    ),
                    span,
                )
                .hint("a path starting with / is a file under static/, e.g. \"/images/heel.jpg\""),
            );
            return None;
        }
        let path = normal(rest);
        if super::linker::is_static_file(self.inputs.static_files, &path) {
            return Some(path);
        }
        self.out.push(
            a.at(
                Diagnostic::error(
                    "missing-photo",
                    &a.source,
                    format!("the photo `{src}` does not exist: there is no static/{path}"),
                ),
                span,
            )
            .hint(match super::nearest::static_file(&path, self.inputs.static_files) {
                Some(best) => format!("did you mean `{best}`? A path starting with / is a file under static/"),
                None => "a path starting with / is a file under static/; put the file there or fix the path".to_owned(),
            }),
        );
        None
    }
}

/// The photo at `path` in the output, with its text and the place of its
/// `src` (for a problem the image stage finds in the file).
fn photo_of(path: String, p: &crate::content::Photo, a: &Parsed<ArticleMeta>) -> Photo {
    let pos = a.pos(p.src.span());
    let line = a.text.lines().nth(pos.line - 1).unwrap_or_default();
    Photo {
        path,
        place: (pos, line.into()),
        alt: p
            .alt
            .as_ref()
            .map(|s| s.get_ref().trim().to_owned())
            .unwrap_or_default(),
        credit: p.credit.clone(),
    }
}

/// A contained path with its empty and `.` segments dropped
/// (`images//./a.jpg` → `images/a.jpg`), as a link to the file is written.
pub(super) fn normal(path: &str) -> String {
    path.split(['/', '\\'])
        .filter(|s| !s.is_empty() && *s != ".")
        .collect::<Vec<_>>()
        .join("/")
}
