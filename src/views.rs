//! The data templates see: plain, serializable views of the [`Site`] graph.
//!
//! Every link is computed here, once, with the base URL's path in front, so
//! templates never build URLs and a site under a sub-path works everywhere.
//! Listing pages get [`Summary`]s, never whole bodies.

use crate::content::Urgency;
use crate::date::Date;
use crate::kinds::Kind;
use crate::link::{Author, Cause, MenuItem, MenuLink, Site, Treatment};
use serde::Serialize;
use std::sync::OnceLock;

mod photos;

pub use photos::{PhotoView, ShareView, SourceView, VariantView, description_or_lead};

/// Site-wide settings, on every page as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub publisher: &'a str,
    pub disclaimer: &'a str,
    /// Full base URL, ending in `/`.
    pub base_url: &'a str,
    /// The base URL's path: prefix for static files, e.g. `{{ site.base_path }}css/salve.css`.
    pub base_path: &'a str,
    /// The link to the home page of the page's language (`base_path` for
    /// the site's own language, then `es/` for Spanish): prefix for the
    /// language's pages, e.g. `{{ site.home_path }}search/`.
    pub home_path: String,
    /// The languages of the site, the site's own first, each with its home
    /// page: for a list of languages; the page's own versions are
    /// `translations`.
    pub languages: &'a [crate::languages::Alternate],
    /// The menus, with this page's entry marked.
    pub menus: MenusView,
    /// site.toml's `[extra]`.
    pub extra: &'a serde_json::Value,
}

/// The menus as a page shows them.
#[derive(Debug, Serialize)]
pub struct MenusView {
    pub main: Vec<MenuItemView>,
    pub footer: Vec<MenuItemView>,
}

/// A menu entry as a page shows it.
#[derive(Debug, Serialize)]
pub struct MenuItemView {
    pub name: String,
    pub url: String,
    /// Whether it leads to this page, or to the page above it (the causes
    /// index on a cause's page): `aria-current="page"`.
    pub current: bool,
}

/// A page's own identity, on every page as `page`.
#[derive(Debug, Serialize)]
pub struct PageView {
    /// The name of its kind (see `kinds`): `home`, `article`, `cause`, …
    pub kind: &'static str,
    /// For `<title>`; the site title is appended by the base template.
    pub title: String,
    pub description: String,
    /// Link from inside the site.
    pub url: String,
    /// Absolute URL, for canonical links.
    pub permalink: String,
    /// Whether the page is indexed for search: its template then marks its
    /// text with `data-pagefind-body`.
    pub in_search: bool,
    /// A standalone page's `[extra]`; empty on other pages.
    pub extra: serde_json::Value,
    /// The picture link previews show (`og:image`): an article's photo,
    /// else site.toml's `image`.
    pub share: Option<ShareView>,
}

/// A date in both forms.
#[derive(Debug, Serialize)]
pub struct DateView {
    /// `2024-03-02`, for `<time datetime>`.
    pub iso: String,
    /// `2 March 2024`, in the site's language.
    pub human: String,
}

impl DateView {
    /// `d` in both forms, in words of `strings`' language.
    pub fn new(d: Date, strings: &crate::i18n::Strings) -> Self {
        Self {
            iso: d.iso(),
            human: strings.date(d),
        }
    }
}

/// A name with a link.
#[derive(Debug, Serialize)]
pub struct LinkView {
    pub name: String,
    pub url: String,
}

/// An article in a list.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub title: String,
    pub description: Option<String>,
    pub url: String,
    pub date: DateView,
    pub author: String,
    pub photo: Option<PhotoView>,
}

/// An author in an author box.
#[derive(Debug, Serialize)]
pub struct AuthorView {
    pub name: String,
    pub url: String,
    /// Absolute URL of the author page.
    pub permalink: String,
    pub bio: String,
    pub photo: Option<String>,
    /// The photo's size and variants, when it was processed.
    pub photo_image: Option<PhotoView>,
    pub credentials: Option<String>,
    pub website: Option<String>,
}

/// A care callout: how soon to get help, in words that do not rely on colour.
#[derive(Debug, Serialize)]
pub struct CalloutView {
    /// `see-doctor`, `urgent` or `emergency`.
    pub level: &'static str,
    /// In the site's language.
    pub heading: String,
    /// For emergencies: the number to call, from site.toml.
    pub number: Option<String>,
}

/// Renders a care callout (a partial template) for a cause's name.
pub type CalloutRenderer<'s> =
    &'s (dyn Fn(&CalloutView, &str) -> Result<String, tera::Error> + Sync);

/// Turns the graph into views; holds what every view needs.
#[derive(Clone, Copy)]
pub struct Views<'s> {
    pub site: &'s Site,
    /// Places callouts in article bodies.
    pub callout: CalloutRenderer<'s>,
    /// Whether pages get their template variables, or only the key of
    /// them: a rebuild asks for the key first and builds the variables of
    /// the few pages whose key changed.
    pub contexts: bool,
    /// The views many pages show, made once.
    pub shared: &'s Shared,
}

/// The views that many pages show: an article's summary is on its cause,
/// treatment, tag and author pages and beside every article related to
/// it; a cause's link is on each of its treatments' pages. Each is made
/// the first time a page asks for it (from any thread) and lent after.
pub struct Shared {
    summaries: Vec<OnceLock<Summary>>,
    causes: Vec<OnceLock<LinkView>>,
    treatments: Vec<OnceLock<LinkView>>,
}

impl Shared {
    /// Room for the views of every article, cause and treatment of `site`.
    pub fn new(site: &Site) -> Self {
        fn slots<T>(n: usize) -> Vec<OnceLock<T>> {
            (0..n).map(|_| OnceLock::new()).collect()
        }
        Self {
            summaries: slots(site.articles.len()),
            causes: slots(site.causes.len()),
            treatments: slots(site.treatments.len()),
        }
    }
}

impl<'s> Views<'s> {
    /// The site settings view, on the page at `path` of `kind`.
    pub fn site(&self, kind: &Kind, path: &str) -> SiteView<'s> {
        let c = &self.site.config;
        let above = kind.parent.map(Kind::fixed_path);
        let menu = |items: &[MenuItem]| -> Vec<MenuItemView> {
            items
                .iter()
                .map(|item| match &item.link {
                    MenuLink::Page { path: to, suffix } => MenuItemView {
                        name: item.name.clone(),
                        url: format!("{}{suffix}", self.url(to)),
                        current: to == path || Some(to.as_str()) == above,
                    },
                    MenuLink::Elsewhere(url) => MenuItemView {
                        name: item.name.clone(),
                        url: url.clone(),
                        current: false,
                    },
                })
                .collect()
        };
        SiteView {
            menus: MenusView {
                main: menu(&self.site.menus.main),
                footer: menu(&self.site.menus.footer),
            },
            extra: &self.site.extra,
            title: &c.title,
            description: &c.description,
            language: c.language.get_ref(),
            publisher: c.publisher.as_deref().unwrap_or(&c.title),
            disclaimer: &c.disclaimer,
            base_url: &self.site.base.full,
            base_path: &self.site.base.path,
            home_path: self.site.home_path(),
            languages: &self.site.languages,
        }
    }

    /// The link to a page of the site, from its path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}{path}", self.site.base.path, self.site.prefix)
    }

    /// The link to a file of the output (a photo, a file of `static/`),
    /// from its path: files are at the site root in every language.
    pub fn file_url(&self, path: &str) -> String {
        format!("{}{path}", self.site.base.path)
    }

    /// The absolute URL of a file of the output.
    pub fn file_permalink(&self, path: &str) -> String {
        format!("{}{path}", self.site.base.full)
    }

    /// The absolute URL of a page of the site, from its path.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}{path}", self.site.base.full, self.site.prefix)
    }

    /// The page view for a page at `path`.
    pub fn page(&self, kind: &'static str, title: &str, description: &str, path: &str) -> PageView {
        PageView {
            kind,
            title: title.to_owned(),
            description: description.to_owned(),
            url: self.url(path),
            permalink: self.permalink(path),
            in_search: false,
            extra: serde_json::Value::Object(serde_json::Map::new()),
            share: self.default_share(),
        }
    }

    /// The title and description of a kind of one page (the causes index,
    /// the search page), in the site's language: the strings `title.<kind>`
    /// and `description.<kind>`, else the kind's own.
    pub fn fixed_words(&self, kind: &Kind) -> (&'s str, &'s str) {
        let Some(fixed) = kind.fixed() else {
            return ("", "");
        };
        let key = crate::i18n::kind_key(kind.name);
        let strings = &self.site.strings;
        let or = |found: &'s str, own: &'s str| if found.is_empty() { own } else { found };
        (
            or(strings.get(&format!("title.{key}")), fixed.title),
            or(
                strings.get(&format!("description.{key}")),
                fixed.description,
            ),
        )
    }

    /// `d` in both forms, in the site's language.
    pub fn date(&self, d: Date) -> DateView {
        DateView::new(d, &self.site.strings)
    }

    /// Article `i` in a list.
    pub fn summary(&self, i: usize) -> &'s Summary {
        self.shared.summaries[i].get_or_init(|| self.make_summary(i))
    }

    fn make_summary(&self, i: usize) -> Summary {
        let a = &self.site.articles[i];
        Summary {
            title: a.title.clone(),
            description: a.description.clone(),
            url: self.url(&a.path),
            date: DateView::new(a.date, &self.site.strings),
            author: self.site.authors[a.author].name.clone(),
            photo: self.photo(a),
        }
    }

    pub fn summaries(&self, indices: &[usize]) -> Vec<&'s Summary> {
        indices.iter().map(|&i| self.summary(i)).collect()
    }

    pub fn author_view(&self, a: &Author) -> AuthorView {
        AuthorView {
            name: a.name.clone(),
            url: self.url(&a.path),
            permalink: self.permalink(&a.path),
            bio: a.bio.clone(),
            photo: a.photo.as_ref().map(|p| self.file_url(p)),
            photo_image: a.photo.as_ref().map(|p| self.image(p, "", None)),
            credentials: a.credentials.clone(),
            website: a.url.clone(),
        }
    }

    /// Cause `i`, linked.
    pub fn cause_link(&self, i: usize) -> &'s LinkView {
        self.shared.causes[i].get_or_init(|| {
            let c: &Cause = &self.site.causes[i];
            LinkView {
                name: c.name.clone(),
                url: self.url(&c.path),
            }
        })
    }

    /// Treatment `i`, linked.
    pub fn treatment_link(&self, i: usize) -> &'s LinkView {
        self.shared.treatments[i].get_or_init(|| {
            let t: &Treatment = &self.site.treatments[i];
            LinkView {
                name: t.name.clone(),
                url: self.url(&t.path),
            }
        })
    }
}

/// The callout for an urgency level; routine causes have none.
pub fn callout(
    urgency: Urgency,
    emergency_number: &str,
    strings: &crate::i18n::Strings,
) -> Option<CalloutView> {
    let (level, heading) = match urgency {
        Urgency::Routine => return None,
        Urgency::SeeDoctor => ("see-doctor", "callout.see_doctor"),
        Urgency::Urgent => ("urgent", "callout.urgent"),
        Urgency::Emergency => ("emergency", "callout.emergency"),
    };
    let number = (urgency == Urgency::Emergency).then(|| emergency_number.to_owned());
    Some(CalloutView {
        level,
        heading: strings.get(heading).to_owned(),
        number,
    })
}

/// Groups names A–Z under their first letter, for index pages with letter jumps.
#[derive(Debug, Serialize)]
pub struct LetterGroup<T> {
    /// The letter as shown, e.g. `A`; `#` for names starting with a digit or symbol.
    pub letter: String,
    /// An id for the letter's heading, e.g. `letter-a`.
    pub id: String,
    pub items: Vec<T>,
}

/// Groups `items` (already sorted A–Z) by the first letter of `name(item)`.
pub fn by_letter<T>(items: Vec<T>, name: impl Fn(&T) -> &str) -> Vec<LetterGroup<T>> {
    let mut groups: Vec<LetterGroup<T>> = Vec::new();
    for item in items {
        let first = name(&item).chars().next().filter(|c| c.is_alphabetic());
        let letter = first.map_or("#".to_owned(), |c| c.to_uppercase().collect());
        if groups.last().is_none_or(|g| g.letter != letter) {
            let id = match first {
                Some(_) => format!("letter-{}", crate::slug::slugify(&letter)),
                None => "letter-other".to_owned(),
            };
            groups.push(LetterGroup {
                letter,
                id,
                items: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.items.push(item);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_without_a_description_takes_its_first_paragraph_cut_at_a_word() {
        assert_eq!(description_or_lead(Some("Given."), "Lead."), "Given.");
        assert_eq!(
            description_or_lead(Some("  "), "A short\nlead."),
            "A short lead."
        );
        assert_eq!(description_or_lead(None, ""), "");
        let long = "Shin splints are pain along the inner edge of the shin bone, common in runners who add distance too fast, and they usually settle with rest, ice and a slower return to running over some weeks.";
        let cut = description_or_lead(None, long);
        assert!(cut.chars().count() <= 160, "{cut}");
        assert!(cut.ends_with("over…") || cut.ends_with('…'), "{cut}");
        assert!(long.starts_with(cut.trim_end_matches('…')), "{cut}");
        assert!(!cut.trim_end_matches('…').ends_with(','), "{cut}");
        // One word longer than the limit is cut inside it.
        assert_eq!(
            description_or_lead(None, &"a".repeat(300)).chars().count(),
            160
        );
    }

    #[test]
    fn groups_by_first_letter() {
        let g = by_letter(vec!["3-day ache", "ankle", "Arm", "back", "élan"], |s| s);
        let letters: Vec<_> = g
            .iter()
            .map(|g| (g.letter.as_str(), g.id.as_str(), g.items.len()))
            .collect();
        assert_eq!(
            letters,
            [
                ("#", "letter-other", 1),
                ("A", "letter-a", 2),
                ("B", "letter-b", 1),
                ("É", "letter-é", 1)
            ]
        );
    }

    #[test]
    fn callouts_name_the_action_in_words() {
        let en = crate::i18n::Strings::default();
        assert!(callout(Urgency::Routine, "112", &en).is_none());
        let c = callout(Urgency::Emergency, "112", &en).unwrap();
        assert_eq!(
            (c.heading.as_str(), c.number.as_deref()),
            ("Call emergency services now", Some("112"))
        );
        let urgent = callout(Urgency::Urgent, "112", &en).unwrap();
        assert_eq!(urgent.heading, "Get medical help today");
        assert!(urgent.number.is_none());
    }
}
