//! Links and images in a body: which destinations are kept, which are
//! dropped as unsafe, and which become page URLs or files to copy; and
//! images that need alt text.

use super::{Asset, DECORATIVE, ExternalRef, OpenImage, Renderer, SourceLink, StaticRef};
use crate::diagnostic::Diagnostic;
use crate::paths::{self, is_contained, page_path, percent_decode};
use crate::url;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

impl<'a> Renderer<'_, '_, 'a> {
    /// The URL to write for a link or image destination of the link or
    /// image written at bytes `range` of the body, or `None` to drop it.
    pub(super) fn rewrite(
        &mut self,
        dest: &str,
        range: std::ops::Range<usize>,
        image: bool,
    ) -> Option<CowStr<'a>> {
        let offset = range.start;
        // Judged as a browser reads it: `java\tscript:` is `javascript:`.
        let cleaned = url::as_browser_reads(dest);
        if let Some(scheme) = url::scheme(&cleaned) {
            if matches!(scheme.as_str(), "http" | "https") {
                self.external(dest, cleaned, range);
                return Some(dest.to_owned().into());
            }
            if url::SAFE_SCHEMES.contains(&scheme.as_str()) || self.input.allow_html {
                return Some(dest.to_owned().into());
            }
            self.report(
                Diagnostic::warning(
                    "unsafe-link",
                    self.input.source,
                    format!("a `{scheme}:` link was removed; its text is kept"),
                )
                .hint("only http, https, mailto and tel links are kept; set `allow_html = true` in site.toml to allow others"),
                offset,
            );
            return None;
        }
        if cleaned.starts_with("//") {
            self.external(dest, cleaned, range);
            return Some(dest.to_owned().into());
        }
        if cleaned.is_empty() {
            return Some(dest.to_owned().into());
        }
        if let Some(fragment) = cleaned.strip_prefix('#') {
            let (pos, line) = self.place(offset);
            self.result.links.push(SourceLink {
                target: self.input.source.to_path_buf(),
                fragment: Some(percent_decode(fragment)),
                pos,
                line,
            });
            return Some(dest.to_owned().into());
        }
        if let Some(rest) = cleaned.strip_prefix('/') {
            return Some(self.site_path(rest, offset, image));
        }
        let (path, suffix) = cleaned.split_at(cleaned.find(['#', '?']).unwrap_or(cleaned.len()));
        let decoded = percent_decode(path);
        if decoded.ends_with(".md") {
            let Some(target) = paths::resolve(self.input.source, &decoded) else {
                self.error(
                    offset,
                    "this link climbs out of the site folder",
                    "link to an article with a path inside articles/",
                );
                return Some("#".into());
            };
            let fragment = suffix.strip_prefix('#').map(percent_decode);
            // A translation links to the page in its own language; the link
            // stage sends it to the original when there is no translation.
            let language = language_folder(self.input.source);
            let url = format!(
                "{}{language}{}{suffix}",
                self.input.base_path,
                page_path(&target)
            );
            let (pos, line) = self.place(offset);
            self.result.links.push(SourceLink {
                target,
                fragment,
                pos,
                line,
            });
            return Some(url.into());
        }
        if !is_contained(&decoded) {
            self.error(
                offset,
                "this file is outside the article's folder",
                "move the file next to the article (or below it), or into static/ and link to /<its path>",
            );
            return Some("#".into());
        }
        let source = paths::resolve(self.input.source, &decoded).unwrap_or_default();
        let (pos, line) = self.place(offset);
        self.result.assets.push(Asset {
            source,
            dest: decoded,
            pos,
            line,
        });
        let page = page_path(self.input.source);
        Some(format!("{}{page}{path}{suffix}", self.input.base_path).into())
    }

    /// Notes a link to another site, `cleaned` as a browser reads `dest`,
    /// at the URL itself when it is written inside the link's bytes
    /// `range` (not so for a reference-style link: then where the link is).
    fn external(&mut self, dest: &str, cleaned: String, range: std::ops::Range<usize>) {
        let body = &self.input.text[self.input.body_start..];
        let at = body
            .get(range.clone())
            .and_then(|written| written.find(dest))
            .map_or(range.start, |i| range.start + i);
        let (pos, line) = self.place(at);
        self.result.externals.push(ExternalRef {
            url: cleaned,
            pos,
            line,
        });
    }

    /// A `/` path (`rest` is what follows the `/`): a file under `static/`
    /// (published at the same path) or a page of the site, with the base
    /// URL's path in front. An image, and a link to a file (a name with an
    /// extension that is not a page's), is noted for the link stage to
    /// check that the file is under `static/`.
    fn site_path(&mut self, rest: &str, offset: usize, image: bool) -> CowStr<'a> {
        let path = &rest[..rest.find(['#', '?']).unwrap_or(rest.len())];
        let decoded = percent_decode(path);
        if !decoded.is_empty() && !is_contained(&decoded) {
            self.error(
                offset,
                "this path climbs out of the site",
                "a path starting with / is a file under static/ or a page of the site, e.g. /images/heel.jpg",
            );
            return "#".into();
        }
        if image || names_a_file(&decoded) {
            let (pos, line) = self.place(offset);
            self.result.statics.push(StaticRef {
                path: decoded,
                pos,
                line,
            });
            return format!("{}{rest}", self.input.base_path).into();
        }
        // A page: in a translation, the page in its language.
        let language = language_folder(self.input.source);
        format!("{}{language}{rest}", self.input.base_path).into()
    }

    /// The start of a link or image: its destination rewritten, or the
    /// element dropped (its text is kept).
    pub(super) fn start_link(&mut self, mut tag: Tag<'a>, range: std::ops::Range<usize>) {
        let offset = range.start;
        if let Tag::Image { title, .. } = &mut tag {
            let decorative = title.trim().eq_ignore_ascii_case(DECORATIVE);
            if decorative {
                // The marker is for salve; a tooltip saying "decorative" is not for readers.
                *title = CowStr::Borrowed("");
            }
            self.images.push(OpenImage {
                offset,
                alt: String::new(),
                decorative,
            });
        }
        let image = matches!(tag, Tag::Image { .. });
        let (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut tag else {
            unreachable!("only links and images are passed")
        };
        let known = (self.result.assets.len(), self.result.statics.len());
        let rewritten = self.rewrite(dest_url, range, image);
        self.dropped.push(rewritten.is_none());
        if let Some(url) = rewritten {
            if image {
                self.mark_image(known, offset);
            }
            *dest_url = url;
            self.emit(Event::Start(tag));
        }
    }

    /// Notes an image of a file of the site (one `rewrite` just added to
    /// the assets or statics, which held `known` before) and marks its
    /// place in the HTML, where the image stage puts the `<picture>` of its
    /// variants once they are known (see [`super::BodyImage`]).
    fn mark_image(&mut self, known: (usize, usize), offset: usize) {
        let to = if self.result.assets.len() > known.0 {
            let dest = &self.result.assets[known.0].dest;
            format!("{}{dest}", page_path(self.input.source))
        } else if self.result.statics.len() > known.1 {
            self.result.statics[known.1].path.clone()
        } else {
            return;
        };
        let (pos, line) = self.place(offset);
        let k = self.result.images.len();
        self.result.images.push(super::BodyImage { to, pos, line });
        self.emit(Event::InlineHtml(
            format!("{}{k}{}", super::IMAGE_MARK.0, super::IMAGE_MARK.1).into(),
        ));
    }

    /// The end of a link or image, unless its start was dropped.
    pub(super) fn end_link(&mut self, end: TagEnd) {
        if end == TagEnd::Image {
            self.close_image();
        }
        if !self.dropped.pop().unwrap_or(false) {
            self.emit(Event::End(end));
        }
    }

    /// Warns about an image that a screen reader cannot describe: WCAG 1.1.1
    /// asks for a text alternative, or an explicit mark that it is decoration.
    fn close_image(&mut self) {
        let Some(image) = self.images.pop() else {
            return;
        };
        if image.decorative || !image.alt.trim().is_empty() {
            return;
        }
        self.report(
            Diagnostic::warning("missing-alt", self.input.source, "the image has no alt text")
                .hint(format!(
                    "say what it shows between the brackets, ![like this](…); for pure decoration write ![](… \"{DECORATIVE}\")"
                )),
            image.offset,
        );
    }

    fn error(&mut self, offset: usize, message: &str, hint: &str) {
        self.report(
            Diagnostic::error("bad-link", self.input.source, message).hint(hint),
            offset,
        );
    }
}

/// The folder of a translation's language under the site root (`es/` for
/// `a.es.md`); `""` for a file in the site's own language.
fn language_folder(source: &std::path::Path) -> String {
    paths::language_of(source).map_or(String::new(), |t| format!("{t}/"))
}

/// Whether a `/` path names a file rather than a page: its last segment has
/// an extension, and not one of the files salve writes itself (pages,
/// feeds, `robots.txt`) or under its search index.
fn names_a_file(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    let ext = match last.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => return false,
    };
    let own = path.starts_with(&format!("{}/", crate::search::FOLDER));
    !own && !matches!(ext.as_str(), "html" | "htm" | "xml" | "txt")
}
