//! Linking one article: its author and reviewer, photo (see `photos.rs`), causes and
//! treatments, and the warnings about its review date and reading level.

use super::linker::{Linker, MIN_WORDS_FOR_GRADE};
use super::topics::Topics;
use super::{Article, ArticleCause, Photo};
use crate::content::{ArticleMeta, CauseEntry};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::closest;
use crate::markdown::Cap;
use crate::markdown::lines::Lines;
use crate::parse::Parsed;
use crate::paths::page_path;
use crate::readability::Reading;
use crate::slug::slugify;
use std::collections::HashMap;

impl Linker<'_, '_> {
    /// Links one article. Its rendered body moves into the [`Article`]
    /// (nothing reads it from the parsed file afterwards), so the site never
    /// holds two copies of every body.
    pub(super) fn article(
        &mut self,
        a: &mut Parsed<ArticleMeta>,
        index: usize,
        author_keys: &AuthorKeys<'_>,
        topics: &mut Topics,
    ) -> Option<Article> {
        let _processing = crate::crash::processing(&a.source);
        let m = &a.meta;
        let author = self.author_ref(
            a,
            m.author.get_ref(),
            m.author.span(),
            author_keys,
            "author",
        );
        let reviewer = m
            .reviewed_by
            .as_ref()
            .map(|r| self.author_ref(a, r.get_ref(), r.span(), author_keys, "reviewed_by"));
        let photo = m.photo.as_ref().and_then(|p| self.photo(a, p));
        let aliases = self.aliases(a, &m.aliases, &page_path(&a.source));
        self.redirects.extend(aliases);
        let causes = self.causes(a, index, topics);
        self.check_photo_alt(a);
        self.check_reference_urls(a);
        let next_review = self.next_review(a);
        let reading = self.reading(a);
        let (author, reviewer) = (author?, reviewer.map_or(Some(None), |r| r.map(Some))?);
        let linked = Linked {
            author,
            reviewer,
            photo,
            causes,
            next_review,
            reading,
            calculator: a.meta.calculator.unwrap_or(self.calculator),
        };
        Some(into_article(a, linked))
    }

    /// The article's causes, each with its section and treatments, entered
    /// into `topics`.
    fn causes(
        &mut self,
        a: &Parsed<ArticleMeta>,
        index: usize,
        topics: &mut Topics,
    ) -> Vec<ArticleCause> {
        let m = &a.meta;
        // An article may name thousands of causes and treatments: their
        // problems are located through one index and capped per kind, and
        // sections are looked up by slug, not searched once per cause.
        let mut at_values = AtValues {
            lines: Lines::new(&a.text),
            cap: Cap::new(),
            toml_start: a.toml_start,
        };
        let mut sections: HashMap<String, usize> = HashMap::new();
        if !m.causes.is_empty() {
            for (i, s) in a.body.sections.iter().enumerate().rev() {
                sections.insert(slugify(&s.title), i);
            }
        }
        let mut causes = Vec::with_capacity(m.causes.len());
        for entry in &m.causes {
            let name = entry.name.get_ref().trim();
            let slug = slugify(name);
            if slug.is_empty() {
                at_values.report(
                    Diagnostic::error(
                        "empty-cause",
                        &a.source,
                        "a cause needs a name with letters or digits",
                    )
                    .hint("write the cause's name, e.g. name = \"Strained calf\""),
                    entry.name.span(),
                    self.out,
                );
                continue;
            }
            let section = sections.get(&slug).copied();
            if section.is_none() {
                let hint = match near_section(&a.body.sections, &slug) {
                    Some(near) => format!(
                        "did you mean the section `## {}` on line {}? Head it `## {name}`, or name the cause as the heading does",
                        near.title, near.line
                    ),
                    None => format!(
                        "add a section headed `## {name}`; its first paragraph is shown on the cause page"
                    ),
                };
                at_values.report(
                    Diagnostic::warning(
                        "cause-without-section",
                        &a.source,
                        format!("the cause `{name}` has no section in the body"),
                    )
                    .hint(hint),
                    entry.name.span(),
                    self.out,
                );
            }
            let treatments = self.treatments(a, entry, index, topics, &mut at_values);
            let cause = topics.cause(&slug, name);
            topics.link(cause, &treatments);
            causes.push(ArticleCause {
                cause,
                treatments,
                urgency: entry.urgency,
                section,
            });
        }
        at_values.cap.finish(&a.source, self.out);
        causes
    }

    /// The treatments of one cause, entered into `topics`.
    fn treatments(
        &mut self,
        a: &Parsed<ArticleMeta>,
        entry: &CauseEntry,
        index: usize,
        topics: &mut Topics,
        at_values: &mut AtValues<'_>,
    ) -> Vec<usize> {
        let mut treatments = Vec::with_capacity(entry.treatments.len());
        for t in &entry.treatments {
            let t_slug = slugify(t.get_ref());
            if t_slug.is_empty() {
                at_values.report(
                    Diagnostic::error(
                        "empty-treatment",
                        &a.source,
                        "a treatment needs a name with letters or digits",
                    )
                    .hint("write the treatment's name, e.g. \"Rest\""),
                    t.span(),
                    self.out,
                );
                continue;
            }
            treatments.push(topics.treatment(&t_slug, t.get_ref().trim(), index));
        }
        treatments
    }

    /// Warns about a photo without alt text.
    fn check_photo_alt(&mut self, a: &Parsed<ArticleMeta>) {
        let Some(p) = &a.meta.photo else { return };
        // A blank alt is pointed at where it is written; a missing one at
        // the photo it belongs to.
        let span = match &p.alt {
            Some(alt) if alt.get_ref().trim().is_empty() => Some(alt.span()),
            Some(_) => None,
            None => Some(p.src.span()),
        };
        if let Some(span) = span {
            self.out.push(
                a.at(
                    Diagnostic::warning("missing-alt", &a.source, "the photo has no alt text"),
                    span,
                )
                .hint("add alt = \"…\" under [photo], saying what the photo shows"),
            );
        }
    }

    /// Reports references whose url has a scheme a link may not have.
    fn check_reference_urls(&mut self, a: &Parsed<ArticleMeta>) {
        for url in a.meta.references.iter().filter_map(|r| r.url.as_ref()) {
            if let Some(scheme) = crate::url::unsafe_scheme(url.get_ref()) {
                self.out.push(
                    a.at(
                        Diagnostic::error(
                            "unsafe-url",
                            &a.source,
                            format!(
                                "the reference's url has the scheme `{scheme}:`, which a link may not have"
                            ),
                        ),
                        url.span(),
                    )
                    .hint(crate::url::SAFE_SCHEMES_HINT),
                );
            }
        }
    }

    /// When the next medical review is due, with a warning if that is past.
    fn next_review(&mut self, a: &Parsed<ArticleMeta>) -> Option<Date> {
        a.meta.reviewed.as_ref().map(|r| {
            let due = r.get_ref().plus_days(i32::from(self.review_interval_days));
            if due < self.inputs.today {
                self.out.push(
                    a.at(
                        Diagnostic::warning(
                            "review-overdue",
                            &a.source,
                            format!(
                                "the medical review is overdue: it was due on {}",
                                due.human()
                            ),
                        ),
                        r.span(),
                    )
                    .hint("have the article reviewed again, then update `reviewed`"),
                );
            }
            due
        })
    }

    /// The body's reading level, with a warning if it misses the site's
    /// limit.
    fn reading(&mut self, a: &Parsed<ArticleMeta>) -> Option<Reading> {
        let reading = self.reading.grade(&a.body.stats, self.out)?;
        // The formula means little on a few lines of text.
        let long_enough = a.body.stats.words >= MIN_WORDS_FOR_GRADE;
        if long_enough && !reading.passes {
            self.out.push(reading.warning(&a.source));
        }
        Some(reading)
    }

    fn author_ref(
        &mut self,
        a: &Parsed<ArticleMeta>,
        key: &str,
        span: std::ops::Range<usize>,
        keys: &AuthorKeys<'_>,
        field: &str,
    ) -> Option<usize> {
        if let Some(&i) = keys.index.get(key) {
            return Some(i);
        }
        let hint = match closest(key, &keys.sorted) {
            Some(best) => format!(
                "did you mean `{best}`? Authors are the [authors.<key>] tables of site.toml"
            ),
            None => {
                let shown = keys.sorted.len().min(AUTHORS_LISTED);
                let mut list = keys.sorted[..shown].join(", ");
                if keys.sorted.len() > shown {
                    list.push_str(&format!(
                        " (and {} more in site.toml)",
                        keys.sorted.len() - shown
                    ));
                }
                format!("add [authors.{key}] with a name to site.toml, or use one of: {list}")
            }
        };
        self.out.push(
            a.at(
                Diagnostic::error(
                    "unknown-author",
                    &a.source,
                    format!("{field} `{key}` is not an author in site.toml"),
                ),
                span,
            )
            .hint(hint),
        );
        None
    }
}

/// The `##` section whose heading nearly names the cause `slug`, if one
/// is near enough to be a slip (`## A torn meniscus` for "Torn meniscus").
fn near_section<'s>(
    sections: &'s [crate::markdown::Section],
    slug: &str,
) -> Option<&'s crate::markdown::Section> {
    let slugs: Vec<String> = sections.iter().map(|s| slugify(&s.title)).collect();
    let names: Vec<&str> = slugs.iter().map(String::as_str).collect();
    let best = closest(slug, &names)?;
    let i = names.iter().position(|n| *n == best)?;
    sections.get(i)
}

/// How many author keys the hint of an unknown author lists: it is repeated
/// for every article naming one, and a site may have thousands.
const AUTHORS_LISTED: usize = 20;

/// The authors' keys, to resolve a front matter `author` and to suggest one.
pub(super) struct AuthorKeys<'a> {
    /// Index into the authors, by key.
    index: HashMap<&'a str, usize>,
    /// A–Z, so the suggestion and the list are the same on every run.
    sorted: Vec<&'a str>,
}

impl<'a> AuthorKeys<'a> {
    pub(super) fn new(authors: &'a [super::Author]) -> Self {
        let index: HashMap<&str, usize> = authors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key.as_str(), i))
            .collect();
        let mut sorted: Vec<&str> = index.keys().copied().collect();
        sorted.sort_unstable();
        Self { index, sorted }
    }
}

/// Problems at the front matter values of one article, listed up to a cap.
struct AtValues<'t> {
    lines: Lines<'t>,
    cap: Cap,
    /// Byte offset of the TOML in the text.
    toml_start: usize,
}

impl AtValues<'_> {
    /// Reports `d` at the value spanning `span` of the TOML, as
    /// [`Parsed::at`] places it, unless enough of its kind are listed.
    fn report(&mut self, d: Diagnostic, span: std::ops::Range<usize>, out: &mut Vec<Diagnostic>) {
        let (pos, line) = self.lines.line_at(self.toml_start + span.start);
        if self.cap.admit(d.code, d.severity, Some(pos), line.len()) {
            out.push(d.at_line(pos, &line));
        }
    }
}

/// What linking found for one article, beside what its file says.
struct Linked {
    author: usize,
    reviewer: Option<usize>,
    photo: Option<Photo>,
    causes: Vec<ArticleCause>,
    next_review: Option<Date>,
    reading: Option<Reading>,
    /// Whether the page shows the calculator: the article's choice, else
    /// the site's.
    calculator: bool,
}

/// The article made of the parsed file and what linking found. The parsed
/// file is not used again: its parts move, not copy, and what only linking
/// needed (links, files, heading ids) goes now.
fn into_article(a: &mut Parsed<ArticleMeta>, linked: Linked) -> Article {
    let blank_description = a
        .meta
        .description
        .as_ref()
        .filter(|d| d.get_ref().trim().is_empty())
        .map(|d| {
            let pos = a.pos(d.span());
            let line = a.text.lines().nth(pos.line - 1).unwrap_or_default();
            (pos, line.to_owned())
        });
    let mut body = std::mem::take(&mut a.body);
    // Which files it links to outlives the links: the editorial report
    // names the articles nothing links to.
    let mut links_to: Vec<std::path::PathBuf> = std::mem::take(&mut body.links)
        .into_iter()
        .map(|l| l.target)
        .filter(|t| *t != a.source)
        .collect();
    links_to.sort_unstable();
    links_to.dedup();
    body.assets = Vec::new();
    body.statics = Vec::new();
    body.ids = Vec::new();
    let m = &mut a.meta;
    Article {
        source: a.source.clone(),
        path: page_path(&a.source),
        title: std::mem::take(m.title.get_mut()),
        description: m.description.take().map(toml::Spanned::into_inner),
        blank_description,
        date: m.date,
        updated: m.updated,
        reviewed: m.reviewed.as_ref().map(|r| *r.get_ref()),
        next_review: linked.next_review,
        reading: linked.reading,
        calculator: linked.calculator,
        author: linked.author,
        reviewer: linked.reviewer,
        related_searches: std::mem::take(&mut m.related_searches),
        tags: std::mem::take(&mut m.tags),
        tag_pages: Vec::new(),
        section: None,
        photo: linked.photo,
        causes: linked.causes,
        references: std::mem::take(&mut m.references),
        body,
        related: Vec::new(),
        links_to,
        extra: crate::content::table_to_json(&m.extra),
    }
}
