//! Link and image destinations in a body: which are kept, which are dropped
//! as unsafe, and which become page URLs or files to copy.

use super::{Asset, Renderer, SourceLink};
use crate::diagnostic::Diagnostic;
use crate::paths::{self, is_contained, page_path, percent_decode};
use crate::url;
use pulldown_cmark::CowStr;

impl<'a> Renderer<'_, '_, 'a> {
    /// The URL to write for a link or image destination written at byte
    /// `offset` of the body, or `None` to drop it.
    pub(super) fn rewrite(&mut self, dest: &str, offset: usize) -> Option<CowStr<'a>> {
        // Judged as a browser reads it: `java\tscript:` is `javascript:`.
        let cleaned = url::as_browser_reads(dest);
        if let Some(scheme) = url::scheme(&cleaned) {
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
        if cleaned.starts_with("//") || cleaned.is_empty() {
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
            return Some(format!("{}{rest}", self.input.base_path).into());
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
            let url = format!("{}{}{suffix}", self.input.base_path, page_path(&target));
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

    fn error(&mut self, offset: usize, message: &str, hint: &str) {
        self.report(
            Diagnostic::error("bad-link", self.input.source, message).hint(hint),
            offset,
        );
    }
}
