//! Content lints that `salve check` adds to what a build reports: things a
//! health publisher should fix but that do not stop a build.

use crate::diagnostic::Diagnostic;
use crate::link::Site;
use std::collections::BTreeMap;
use std::path::Path;

/// Photos and files larger than this slow pages down on a phone.
pub const MAX_IMAGE_BYTES: u64 = 500 * 1024;

/// Lints the linked site; files are measured at the paths load checked.
pub fn lint(site: &Site) -> Vec<Diagnostic> {
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
    // Every photo and body image is among the copies (beside its article or
    // under static/); one copied to two pages is still one file to shrink.
    // A resized photo is not: readers get its variants, never the file.
    let files: BTreeMap<&Path, &Path> = site
        .copies
        .iter()
        .filter(|c| !site.images.contains_key(&c.to))
        .map(|c| (c.from.as_path(), c.real.as_path()))
        .collect();
    for (file, real) in files {
        // The checked path load found, never the name again through links.
        let size = std::fs::metadata(real).map_or(0, |m| m.len());
        if size > MAX_IMAGE_BYTES {
            out.push(
                Diagnostic::warning(
                    "large-file",
                    file,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BuildOptions;
    use std::fs;

    #[test]
    fn a_large_image_shown_on_two_pages_is_reported_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("articles/legs")).unwrap();
        fs::write(
            root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://e.org/\"\n[authors.ana]\nname = \"Ana\"\n",
        )
        .unwrap();
        for name in ["a", "b"] {
            fs::write(
                root.join(format!("articles/legs/{name}.md")),
                format!(
                    "+++\ntitle = \"{name}\"\ndescription = \"d\"\ndate = 2025-01-01\nauthor = \"ana\"\n[photo]\nsrc = \"big.svg\"\nalt = \"A leg\"\n+++\n![A leg](big.svg)\n"
                ),
            )
            .unwrap();
        }
        let size = usize::try_from(MAX_IMAGE_BYTES).unwrap() + 1;
        let mut svg =
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"9\" height=\"9\"><!--".to_vec();
        svg.resize(size, b' ');
        svg.extend(b"--></svg>");
        fs::write(root.join("articles/legs/big.svg"), svg).unwrap();
        let options = BuildOptions {
            root: root.to_path_buf(),
            base_url: None,
            drafts: false,
            today: crate::date::Date::new(2026, 1, 1).unwrap(),
            search: false,
        };
        let checked = crate::check(&options).unwrap();
        let codes: Vec<_> = checked.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["no-share-image"]);
        let found: Vec<_> = lint(&checked.site)
            .into_iter()
            .map(|d| (d.code, d.path))
            .collect();
        assert_eq!(found, [("large-file", "articles/legs/big.svg".into())]);
    }
}
