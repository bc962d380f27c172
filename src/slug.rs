//! Slugs: the URL-safe names of causes, treatments and headings.
//!
//! A cause named "Strained calf" in one article and "strained calf!" in another
//! is one cause. [`slugify`] is that equivalence: two names are the same thing
//! exactly when their slugs are equal, so the slug is both the URL segment and
//! the key used to match names: names match without regard to case or
//! punctuation (README.md, "Writing an article").

/// Lower-cases `name` and joins its runs of letters and digits with single
/// hyphens, dropping everything else.
///
/// Letters outside ASCII are kept (lower-cased), so names in other scripts
/// still get distinct, readable slugs.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut pending_hyphen = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            // "Runner's knee" reads better as runners-knee than runner-s-knee.
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_ignore_case_and_punctuation() {
        assert_eq!(slugify("Strained calf"), "strained-calf");
        assert_eq!(slugify("strained  calf!"), "strained-calf");
        assert_eq!(
            slugify("  Delayed-onset muscle soreness (DOMS) "),
            "delayed-onset-muscle-soreness-doms"
        );
        assert_eq!(slugify("Runner's knee"), "runners-knee");
        assert_eq!(slugify("Runner’s knee"), "runners-knee");
        assert_eq!(slugify("Über Straße"), "über-straße");
        assert_eq!(slugify("!!!"), "");
    }
}
