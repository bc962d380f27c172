//! The main and footer menus: site.toml's `[[menus.main]]` and
//! `[[menus.footer]]`, checked, or salve's own where a menu is not given.
//!
//! A menu entry links to a page of the built site (a path from the base
//! URL's path, such as `/about/`) or to an absolute URL. Every path is
//! checked against the pages the site has, of every kind, so a menu can
//! never link to a page that is not there (the calculator on a site
//! without it, a renamed page).

use super::Site;
use crate::config::{CONFIG_FILE, MenuItemConfig};
use crate::diagnostic::{Diagnostic, Position};
use crate::frontmatter::closest;
use crate::kinds::{CALCULATOR, CAUSES, Kind, REVIEWERS, SEARCH, TREATMENTS, every_path};
use std::collections::HashSet;

/// The site's menus.
#[derive(Debug, Clone, Default)]
pub struct Menus {
    /// At the top of every page.
    pub main: Vec<MenuItem>,
    /// At the foot of every page.
    pub footer: Vec<MenuItem>,
}

/// One menu entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    /// The link's text.
    pub name: String,
    pub link: MenuLink,
}

/// Where a menu entry leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuLink {
    /// A page of the site.
    Page {
        /// Its path, as its kind gives it (`about/`, `""` for home).
        path: String,
        /// A `?query` or `#fragment` written after the path, kept as is.
        suffix: String,
    },
    /// An absolute URL, as written.
    Elsewhere(String),
}

/// salve's own main menu: the kinds of one page and the keys of their
/// names in the strings table.
const MAIN: &[(&Kind, &str)] = &[
    (&CAUSES, "menu.causes"),
    (&TREATMENTS, "menu.treatments"),
    (&SEARCH, "menu.search"),
    (&CALCULATOR, "menu.calculator"),
];

/// salve's own footer menu.
const FOOTER: &[(&Kind, &str)] = &[
    (&CAUSES, "menu.causes"),
    (&TREATMENTS, "menu.treatments"),
    (&REVIEWERS, "menu.reviewers"),
];

/// The site's menus: site.toml's, each entry checked, or salve's own.
/// `None` when an entry is wrong (reported in `out`).
pub(super) fn menus(site: &Site, config_text: &str, out: &mut Vec<Diagnostic>) -> Option<Menus> {
    let menus = &site.config.menus;
    if menus.main.is_none() && menus.footer.is_none() {
        return Some(Menus {
            main: defaults(site, MAIN),
            footer: defaults(site, FOOTER),
        });
    }
    let mut every = every_path(site);
    every.sort_unstable();
    let paths: Vec<&str> = every.iter().map(String::as_str).collect();
    let known: HashSet<&str> = paths.iter().copied().collect();
    let before = out.len();
    let mut check = |items: &Option<Vec<MenuItemConfig>>, own: &[(&Kind, &str)]| match items {
        None => defaults(site, own),
        Some(items) => items
            .iter()
            .filter_map(|item| {
                entry(item, &known, &paths)
                    .or_else(|d| original_page(site, item).ok_or(d))
                    .map_err(|d| {
                        let pos = Position::of_offset(config_text, item.url.span().start);
                        out.push(d.at(pos, config_text));
                    })
                    .ok()
            })
            .collect(),
    };
    let main = check(&menus.main, MAIN);
    let footer = check(&menus.footer, FOOTER);
    (out.len() == before).then_some(Menus { main, footer })
}

/// The entries of salve's own menu whose pages the site has.
/// In a language that shows the site's own menus (its `[languages.<tag>]`
/// sets none), an entry for a page that has no translation links to the
/// original: the site's own language checked that it is a page.
fn original_page(site: &Site, item: &MenuItemConfig) -> Option<MenuItem> {
    if site.prefix.is_empty() || !site.config.menus_inherited {
        return None;
    }
    let rest = item.url.get_ref().trim().strip_prefix('/')?;
    Some(MenuItem {
        name: item.name.clone(),
        link: MenuLink::Elsewhere(format!("{}{rest}", site.base.path)),
    })
}

fn defaults(site: &Site, own: &[(&Kind, &str)]) -> Vec<MenuItem> {
    own.iter()
        .filter(|(kind, _)| kind.count(site) > 0)
        .map(|(kind, key)| MenuItem {
            name: site.strings.get(key).to_owned(),
            link: MenuLink::Page {
                path: kind.fixed_path().to_owned(),
                suffix: String::new(),
            },
        })
        .collect()
}

/// One entry of site.toml's menus, or the error (not yet placed) saying
/// what is wrong with its URL.
fn entry(
    item: &MenuItemConfig,
    known: &HashSet<&str>,
    paths: &[&str],
) -> Result<MenuItem, Box<Diagnostic>> {
    let url = item.url.get_ref().trim();
    let name = &item.name;
    let made = |link| MenuItem {
        name: name.clone(),
        link,
    };
    if let Some(scheme) = crate::url::unsafe_scheme(url) {
        return Err(Box::new(
            Diagnostic::error(
                "unsafe-url",
                CONFIG_FILE,
                format!(
                    "the menu entry `{name}` has the scheme `{scheme}:`, which a link may not have"
                ),
            )
            .hint(crate::url::SAFE_SCHEMES_HINT),
        ));
    }
    if crate::url::scheme(url).is_some() {
        return Ok(made(MenuLink::Elsewhere(url.to_owned())));
    }
    let Some(rest) = url.strip_prefix('/').filter(|r| !r.starts_with('/')) else {
        return Err(Box::new(Diagnostic::error(
            "menu-url",
            CONFIG_FILE,
            format!("the menu entry `{name}` links to `{url}`, which is neither a path on this site nor a full address"),
        )
        .hint("start a path on this site with /, e.g. \"/about/\", or write a full address such as \"https://example.org/\"")));
    };
    // The query and fragment are the browser's business; the path must be
    // a page.
    let (path, suffix) = rest.split_at(rest.find(['?', '#']).unwrap_or(rest.len()));
    if known.contains(path) {
        return Ok(made(MenuLink::Page {
            path: path.to_owned(),
            suffix: suffix.to_owned(),
        }));
    }
    // A page salve makes only on some sites (the calculator): say so.
    let sometimes = crate::kinds::built_in_owner(path)
        .and_then(Kind::fixed)
        .filter(|f| f.path == path && f.only_if.is_some());
    let hint = match (sometimes, closest(path, paths)) {
        (Some(fixed), _) => format!(
            "salve makes the page “{}” only on a site that has what it shows; see \"What the site contains\" in salve's README",
            fixed.title
        ),
        (None, Some(best)) => format!("did you mean `/{best}`? Page paths end in /"),
        (None, None) => {
            "link to a page the site has, such as /causes/, or add the page under pages/".to_owned()
        }
    };
    Err(Box::new(
        Diagnostic::error(
            "menu-url",
            CONFIG_FILE,
            format!("the menu entry `{name}` links to /{path}, which is not a page of this site"),
        )
        .hint(hint),
    ))
}
