//! Content lints that `salve check` adds to what a build reports: things a
//! health publisher should fix but that do not stop a build.

use crate::diagnostic::Diagnostic;
use crate::graph::Site;
use std::path::Path;

/// Photos and files larger than this slow pages down on a phone.
pub const MAX_IMAGE_BYTES: u64 = 500 * 1024;

/// Lints the linked site; `root` is the site folder, to measure files.
pub fn lint(site: &Site, root: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for a in &site.articles {
        if a.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
            out.push(
                Diagnostic::warning("missing-description", &a.source, "the article has no description")
                    .hint("add description = \"…\": one or two sentences shown under the title, in listings and in search engines"),
            );
        }
        if a.photo.is_none() {
            out.push(
                Diagnostic::warning("missing-photo", &a.source, "the article has no photo")
                    .hint("add a [photo] table with src, alt and credit"),
            );
        }
    }
    for copy in &site.copies {
        let size = std::fs::metadata(root.join(&copy.from)).map_or(0, |m| m.len());
        if size > MAX_IMAGE_BYTES {
            out.push(
                Diagnostic::warning(
                    "large-file",
                    &copy.from,
                    format!(
                        "the file is {} KiB; readers on phones wait for it",
                        size / 1024
                    ),
                )
                .hint(format!(
                    "resize or compress it below {} KiB",
                    MAX_IMAGE_BYTES / 1024
                )),
            );
        }
    }
    out
}
