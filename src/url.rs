//! URLs a writer types: which may become a link.
//!
//! A URL reaches an `href` from a Markdown link, a reference's `url` in front
//! matter or an author's `url` in site.toml, and anyone who can commit to the
//! site writes those. A `javascript:` or `data:` URL there runs in the
//! reader's browser on the site's origin. One rule decides for every place:
//! the schemes in [`SAFE_SCHEMES`], and URLs with no scheme (paths on the
//! site, `#anchors`, `//host/…`), are links; anything else is not.

/// The schemes a link may have: web pages, e-mail and phone numbers.
pub const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The hint given wherever a URL with another scheme is refused.
pub const SAFE_SCHEMES_HINT: &str = "use an http or https address (mailto: and tel: work too), or a path on this site such as /about/";

/// `url` as a browser reads it: browsers drop tabs, newlines and other
/// controls inside a URL and spaces around it, so `java\tscript:` and
/// ` javascript:` are `javascript:`.
pub fn as_browser_reads(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect()
}

/// The scheme of a URL, lower-cased, as a browser reads it (`https` in
/// `HTTPS://…`), or `None` when it has none.
pub fn scheme(url: &str) -> Option<String> {
    let cleaned = as_browser_reads(url);
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// The scheme of `url` when it is one a link may not have.
pub fn unsafe_scheme(url: &str) -> Option<String> {
    scheme(url).filter(|s| !SAFE_SCHEMES.contains(&s.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_and_data_urls_are_unsafe_however_they_are_written() {
        for url in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "\tjavascript:alert(1)",
            "\njava\nscript:alert(1)",
            "java\u{0}script:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
        ] {
            assert!(unsafe_scheme(url).is_some(), "{url:?} passed");
        }
    }

    #[test]
    fn web_mail_phone_and_relative_urls_are_links() {
        for url in [
            "https://example.org/pad",
            "HTTP://example.org",
            "mailto:editor@example.org",
            "tel:+15555550100",
            "/about/",
            "../legs/shin-splints.md",
            "#causes",
            "//cdn.example.org/x.png",
            "a-page?x=1:2",
            "",
        ] {
            assert_eq!(unsafe_scheme(url), None, "{url:?} refused");
        }
    }

    #[test]
    fn the_scheme_is_reported_lower_cased() {
        assert_eq!(scheme(" JaVaScRiPt:x").as_deref(), Some("javascript"));
    }
}
