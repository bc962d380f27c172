//! Content lints that `salve check` adds to what a build reports: things a
//! health publisher should fix but that do not stop a build.

pub mod levels;

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::link::{Article, Site};
use std::collections::BTreeMap;
use std::path::Path;

/// Photos and files larger than this slow pages down on a phone.
pub const MAX_IMAGE_BYTES: u64 = 500 * 1024;

/// Lints the linked site; files are measured at the paths load checked.
pub fn lint(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for a in &site.articles {
        out.extend(article(a, site.today));
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

/// The editorial lints of one article: what a health publisher's
/// standards ask of every page (a description, a photo with its credit, a
/// medical review, sources).
fn article(a: &Article, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if a.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
        let d = Diagnostic::warning("missing-description", &a.source, "the article has no description")
            .hint("add description = \"…\": one or two sentences shown under the title, in listings and in search engines");
        // A blank one is shown where it is written.
        out.push(match &a.blank_description {
            Some((pos, line)) => d.at_line(*pos, line),
            None => d,
        });
    }
    match &a.photo {
        None => out.push(
            Diagnostic::warning("missing-photo", &a.source, "the article has no photo")
                .hint("add a [photo] table with src, alt and credit"),
        ),
        Some(photo) if photo.credit.as_deref().is_none_or(|c| c.trim().is_empty()) => {
            let (pos, line) = &photo.place;
            out.push(
                Diagnostic::warning("missing-credit", &a.source, "the photo has no credit")
                    .at_line(*pos, line)
                    .hint("add credit = \"…\" under [photo]: who made or licensed the photo; publishing it without is a licensing risk"),
            );
        }
        Some(_) => {}
    }
    let unreviewed = match (a.reviewer, a.reviewed) {
        (Some(_), Some(_)) => None,
        (None, None) => Some((
            "the article has no medical review: no reviewed_by and no reviewed",
            "have a medical reviewer check it, then add reviewed_by = \"<their key in [authors]>\" and reviewed = <the day>".to_owned(),
        )),
        (Some(_), None) => Some((
            "the article names a reviewer but not when they reviewed it",
            format!("add reviewed = <the day of the review>, e.g. reviewed = {today}"),
        )),
        (None, Some(_)) => Some((
            "the article has a review date but no reviewer",
            "add reviewed_by = \"<the reviewer's key in [authors]>\"".to_owned(),
        )),
    };
    if let Some((message, hint)) = unreviewed {
        out.push(Diagnostic::warning("unreviewed", &a.source, message).hint(hint));
    }
    if a.references.is_empty() {
        out.push(
            Diagnostic::warning("missing-references", &a.source, "the article cites no references")
                .hint("add a [[references]] table for each source it draws on, with its title, publisher and url"),
        );
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
                    "+++\ntitle = \"{name}\"\ndescription = \"d\"\ndate = 2025-01-01\nauthor = \"ana\"\nreviewed_by = \"ana\"\nreviewed = 2025-06-01\n[photo]\nsrc = \"big.svg\"\nalt = \"A leg\"\ncredit = \"Ana\"\n[[references]]\ntitle = \"A source\"\n+++\n![A leg](big.svg)\n"
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
