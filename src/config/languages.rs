//! `[languages.<tag>]` of site.toml: the languages a site is published in
//! besides its own, what each says differently, and their checks.

use super::{MenusConfig, SiteConfig, check_language};
use crate::diagnostic::{Diagnostic, Position};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// `[languages.<tag>]`: what a language's pages say differently. A key
/// left out is the site's own.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    pub title: Option<String>,
    pub description: Option<String>,
    pub publisher: Option<String>,
    pub disclaimer: Option<String>,
    pub emergency_number: Option<String>,
    pub reading_grade_max: Option<f64>,
    pub reading_ease_min: Option<f64>,
    /// The language's menus; a path starting with `/` is a page of the
    /// language (`/about/` is `/<tag>/about/`).
    pub menus: Option<MenusConfig>,
}

impl SiteConfig {
    /// The settings of the pages in `tag`, one of `languages`: the site's,
    /// with what `[languages.<tag>]` sets instead.
    pub fn in_language(&self, tag: &str) -> SiteConfig {
        let mut c = self.clone();
        c.languages = BTreeMap::new();
        let Some(l) = self.languages.get(tag) else {
            return c;
        };
        c.language = Spanned::new(0..0, tag.to_owned());
        let or = |own: &Option<String>, site: &mut String| {
            if let Some(own) = own {
                site.clone_from(own);
            }
        };
        or(&l.title, &mut c.title);
        or(&l.description, &mut c.description);
        or(&l.disclaimer, &mut c.disclaimer);
        or(&l.emergency_number, &mut c.emergency_number);
        if l.publisher.is_some() {
            c.publisher.clone_from(&l.publisher);
        }
        if let Some(max) = l.reading_grade_max {
            c.reading_grade_max = max;
        }
        if let Some(min) = l.reading_ease_min {
            c.reading_ease_min = min;
        }
        match &l.menus {
            Some(menus) => c.menus = menus.clone(),
            None => c.menus_inherited = true,
        }
        c
    }
}

/// Checks each `[languages.<tag>]`: a well-formed tag, not the site's own
/// language, usable in a file name and as a folder of the output.
pub(super) fn check_languages(
    config: &SiteConfig,
    text: &str,
    path: &Path,
    out: &mut Vec<Diagnostic>,
) {
    for tag in config.languages.keys() {
        let at = Position::of_offset(text, text.find(&format!("languages.{tag}")).unwrap_or(0));
        let problem = if let Err(message) = check_language(tag) {
            Some((
                message,
                "write the language as a tag such as \"es\" or \"pt-BR\"".to_owned(),
            ))
        } else if tag.eq_ignore_ascii_case(config.language.get_ref()) {
            Some((
                format!("`{tag}` is the site's own language (`language` in site.toml)"),
                "[languages.<tag>] adds another language; the site's own needs no table".to_owned(),
            ))
        } else if crate::paths::language_of(Path::new(&format!("a.{tag}.md"))) != Some(tag.as_str())
        {
            Some((
                format!("`{tag}` cannot end a translation's file name (`about.{tag}.md`)"),
                "use a language of two or three letters, with a region or script if needed, e.g. \"es\" or \"pt-BR\"".to_owned(),
            ))
        } else {
            None
        };
        if let Some((message, hint)) = problem {
            out.push(
                Diagnostic::error("config", path, message)
                    .at(at, text)
                    .hint(hint),
            );
        }
    }
}
