//! Aliases: the old URLs of an article, each a [`Redirect`] to its page.
//!
//! An alias names a file salve writes (the redirect page), so it is held to
//! a strict form before anything else: a site path of plain segments that
//! cannot leave the output folder, reach a hidden file or take a URL some
//! page, file or other redirect already has.

use super::linker::Linker;
use super::{Redirect, RedirectSource, Site};
use crate::diagnostic::{Diagnostic, Position};
use crate::kinds;
use crate::parse::Parsed;
use std::collections::BTreeMap;
use toml::Spanned;

/// The longest segment an alias may have, in bytes: file systems refuse
/// names much longer, and no real URL needs one.
const MAX_SEGMENT: usize = 200;

/// The site path an alias names, e.g. `/old/knees` → `old/knees/`, or what
/// is wrong with it. A path whose last segment ends in `.html` is a file
/// (`/old.html` → `old.html`); any other gets a trailing `/`, as every page
/// URL has.
pub fn alias_path(alias: &str) -> Result<String, String> {
    let Some(rest) = alias.strip_prefix('/') else {
        return Err(
            "an alias is a path on this site, starting with `/`, such as \"/old/path/\"".into(),
        );
    };
    if let Some(c) = rest.chars().find(|c| !allowed(*c)) {
        return Err(format!(
            "an alias may hold letters, digits, `-`, `_`, `.`, `~` and `/`, not {c:?}"
        ));
    }
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() && i != last {
            return Err("an alias may not have an empty segment (`//`)".into());
        }
        if *segment == "." || *segment == ".." {
            return Err("an alias may not have `.` or `..` segments".into());
        }
        if segment.starts_with('.') {
            return Err(
                "an alias may not name a hidden file or folder (a segment starting with `.`)"
                    .into(),
            );
        }
        if segment.len() > MAX_SEGMENT {
            return Err(format!(
                "an alias's segments may be at most {MAX_SEGMENT} bytes long"
            ));
        }
    }
    if segments[0] == crate::search::FOLDER {
        return Err(format!(
            "salve writes its search index under /{}/",
            crate::search::FOLDER
        ));
    }
    if rest.is_empty() || rest.ends_with('/') || rest.ends_with(".html") {
        Ok(rest.to_owned())
    } else {
        Ok(format!("{rest}/"))
    }
}

/// The characters of an alias: enough for the URLs sites have had, and none
/// that a file system, a URL or the `_redirects` format reads specially.
fn allowed(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '/')
}

impl Linker<'_, '_> {
    /// `aliases`, the old URLs of the page at `to` made from `a` (any file
    /// with front matter), as redirects to it; a malformed alias is an
    /// error at the alias.
    pub(super) fn aliases<M>(
        &mut self,
        a: &Parsed<M>,
        aliases: &[Spanned<String>],
        to: &str,
    ) -> Vec<Redirect> {
        let mut redirects = Vec::with_capacity(aliases.len());
        for alias in aliases {
            match alias_path(alias.get_ref()) {
                Ok(from) => {
                    let pos = a.pos(alias.span());
                    let line = a.text.lines().nth(pos.line - 1).unwrap_or("").to_owned();
                    redirects.push(Redirect {
                        from,
                        to: to.to_owned(),
                        source: Some(RedirectSource {
                            file: a.source.clone(),
                            pos,
                            line,
                        }),
                    });
                }
                Err(why) => self.out.push(
                    a.at(
                        Diagnostic::error(
                            "bad-alias",
                            &a.source,
                            format!("the alias `{}` cannot be used: {why}", alias.get_ref()),
                        ),
                        alias.span(),
                    )
                    .hint("write the old URL's path, e.g. aliases = [\"/old/path/\"]"),
                ),
            }
        }
        redirects
    }
}

/// Reports each redirect whose old URL is taken: by a page of any kind, a
/// copied file, another redirect, or a rule of the site's own
/// `static/_redirects`. The redirects made by salve itself (no source) are
/// claimed first, so a clash is reported at the writer's alias.
pub fn check_redirects(site: &Site, out: &mut Vec<Diagnostic>) {
    if site.redirects.is_empty() {
        return;
    }
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    for (kind, at) in kinds::every_page(site) {
        if kind.name == kinds::REDIRECT.name {
            continue;
        }
        let path = kind.path(site, at);
        let owner = match kinds::source(site, kind, at.item) {
            Some(file) => format!("{}, published at /{path}", file.display()),
            None => format!("the {} page at /{path}", kind.name),
        };
        taken.insert(kind.output(site, at).to_lowercase(), owner);
    }
    for c in &site.copies {
        taken.insert(
            c.to.to_lowercase(),
            format!("the file {}", c.from.display()),
        );
    }
    let mut order: Vec<&Redirect> = site.redirects.iter().collect();
    order.sort_by_key(|r| r.source.is_some());
    for r in order {
        // Compared without case: on the file systems of macOS and Windows,
        // `/Knee/` would be written over `knee/`.
        let output = output_of(&r.from).to_lowercase();
        let shown = format!("/{}", r.from);
        match clash_in(&taken, &output) {
            Some((owner, how)) => out.push(clash(r, &shown, owner, how)),
            None => {
                let owner = match &r.source {
                    Some(s) => format!("the alias {shown} in {}", s.place()),
                    None => format!("the redirect {shown} to /{}", r.to),
                };
                taken.insert(output, owner);
            }
        }
    }
    if let Some(file) = &site.host_redirects {
        host_clashes(site, file, out);
    }
}

/// The file a redirect page is written to, as `Kind::output` names it.
fn output_of(from: &str) -> String {
    if from.is_empty() || from.ends_with('/') {
        format!("{from}index.html")
    } else {
        from.to_owned()
    }
}

/// How an output file clashes with one already taken.
#[derive(Debug, Clone, Copy)]
enum Clash {
    /// The same file.
    Same,
    /// One's folder is the other's file.
    FileAndFolder,
}

/// What of `taken` the file `output` clashes with: the same file, a file
/// where one of its folders would be, or a file inside it as a folder.
fn clash_in<'t>(taken: &'t BTreeMap<String, String>, output: &str) -> Option<(&'t str, Clash)> {
    if let Some(owner) = taken.get(output) {
        return Some((owner, Clash::Same));
    }
    let folder_is_a_file = output
        .match_indices('/')
        .find_map(|(i, _)| taken.get(&output[..i]));
    let folder = format!("{output}/");
    let file_inside = || {
        taken
            .range(folder.clone()..)
            .next()
            .filter(|(k, _)| k.starts_with(&folder))
            .map(|(_, owner)| owner)
    };
    folder_is_a_file
        .or_else(file_inside)
        .map(|owner| (owner.as_str(), Clash::FileAndFolder))
}

/// The error of a redirect whose URL `owner` has.
fn clash(r: &Redirect, shown: &str, owner: &str, how: Clash) -> Diagnostic {
    let hint = if owner.starts_with("the alias") {
        "an old URL can send readers to one page only; keep the alias on one article"
    } else {
        "an alias is an old URL that no page has now; remove it, or move what has this URL"
    };
    let message = match how {
        Clash::Same => format!("the alias {shown} takes the URL of {owner}"),
        Clash::FileAndFolder => format!(
            "the alias {shown} clashes with {owner}: one would be a folder where the other is a file"
        ),
    };
    match &r.source {
        Some(s) => Diagnostic::error("duplicate-url", &s.file, message)
            .at_line(s.pos, &s.line)
            .hint(hint),
        None => Diagnostic::error(
            "duplicate-url",
            crate::config::CONFIG_FILE,
            format!("the redirect {shown} to /{} takes the URL of {owner}", r.to),
        )
        .hint("rename or move what has this URL"),
    }
}

/// Reports each rule of the site's `static/_redirects` for an old URL a
/// redirect of salve's has too: hosts follow the first rule for a URL, so
/// one of the two would be silently ignored.
fn host_clashes(site: &Site, file: &crate::load::SourceFile, out: &mut Vec<Diagnostic>) {
    let ours: BTreeMap<String, &Redirect> = site
        .redirects
        .iter()
        .map(|r| (url_key(&format!("{}{}", site.home_path(), r.from)), r))
        .collect();
    let path = &file.path;
    for (n, line) in file.text.lines().enumerate() {
        let Some(from) = line.split_whitespace().next() else {
            continue;
        };
        if from.starts_with('#') {
            continue;
        }
        let Some(r) = ours.get(&url_key(from)) else {
            continue;
        };
        let theirs = match &r.source {
            Some(s) => format!("the alias in {}", s.place()),
            None => "a redirect salve makes".to_owned(),
        };
        out.push(
            Diagnostic::error(
                "duplicate-url",
                path,
                format!("this rule redirects {from}, and so does {theirs}"),
            )
            .at(
                Position {
                    line: n + 1,
                    column: 1,
                },
                &file.text,
            )
            .hint("keep one of the two: remove the line here or the alias from the article"),
        );
    }
}

/// A URL path compared with and without its trailing `/`, as hosts match them.
fn url_key(path: &str) -> String {
    path.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_site_paths_normalised_to_folders_or_html_files() {
        assert_eq!(alias_path("/old/knees").unwrap(), "old/knees/");
        assert_eq!(alias_path("/old/knees/").unwrap(), "old/knees/");
        assert_eq!(alias_path("/old.html").unwrap(), "old.html");
        assert_eq!(alias_path("/").unwrap(), "");
        assert_eq!(alias_path("/knee~2_b.c/").unwrap(), "knee~2_b.c/");
    }

    #[test]
    fn aliases_that_could_leave_the_output_or_mean_something_else_are_refused() {
        for bad in [
            "old/",
            "https://example.org/old/",
            "//example.org/old/",
            "/a//b/",
            "/../site.toml",
            "/a/../../b/",
            "/./a/",
            "/a/./",
            "/.salve-cache/pages",
            "/.well-known/x",
            "/a\\..\\b/",
            "/a?b=1",
            "/a#top",
            "/a b/",
            "/a%2F..%2Fb/",
            "/a\u{0}/",
            "/a\n/",
            "/pagefind/",
            "",
        ] {
            assert!(alias_path(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(alias_path(&format!("/{}/", "a".repeat(MAX_SEGMENT + 1))).is_err());
    }
}
