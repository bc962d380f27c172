//! The link stage's driver: it runs the stage's steps in order (which
//! articles are published, the checks of every reference between files,
//! causes, treatments, sections, tags, menus, redirects) and holds what
//! they share: the `Linker`, the authors and the overviews.

use super::article::AuthorKeys;
use super::clashes::later_page_clashes;
use super::publish::{held_back, left_out};
use super::references::Sources;
use super::topics::{Topics, sort_and_cross_link};
use super::{Article, Author, Cause, FileCopy, Inputs, Overview, Site, Treatment};
use crate::config::SiteConfig;
use crate::content::{ArticleMeta, Urgency};
use crate::diagnostic::{Diagnostic, Severity};
use crate::markdown::Cap;
use crate::markdown::lines::Lines;
use crate::parse::{Parsed, ParsedSite};
use crate::paths::{SourceKind, is_contained, page_path};
use crate::slug::slugify;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Links the site, or returns `None` when any reference is broken.
pub fn link(
    config: SiteConfig,
    parsed: ParsedSite,
    inputs: Inputs<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<Site> {
    let errors_before = out.iter().filter(|d| d.is_error()).count();
    let mut l = Linker {
        inputs,
        out,
        copies: BTreeSet::new(),
        redirects: Vec::new(),
        review_interval_days: config.review_interval_days,
        calculator: config.calculator,
        reading: crate::readability::Grader::of_site(&config, inputs.config_text),
    };
    let authors = l.authors(&config);
    let author_keys = AuthorKeys::new(&authors);

    let (held, mut published): (Vec<_>, Vec<_>) = parsed
        .articles
        .into_iter()
        .partition(|a| held_back(&a.meta, &inputs).is_some());
    let left_out = left_out(&held, &inputs);
    published.sort_by(|a, b| b.meta.date.cmp(&a.meta.date).then(a.source.cmp(&b.source)));

    let (held_pages, mut standalone): (Vec<_>, Vec<_>) = parsed
        .pages
        .into_iter()
        .partition(|p| super::pages::why_unpublished(&p.meta, inputs.drafts).is_some());
    standalone.sort_by(|a, b| a.source.cmp(&b.source));
    let sources = Sources {
        published: &published,
        held: &held,
        overviews: &parsed.overviews,
        pages: &standalone,
        held_pages: &held_pages,
    };
    let page_urls = l.check_references(&sources);
    let externals = super::external::external_urls(&sources, &config, &inputs);
    for a in &published {
        l.check_identifiers(a);
    }
    for p in &standalone {
        let aliases = l.aliases(p, &p.meta.aliases, &page_path(&p.source));
        l.redirects.extend(aliases);
    }
    let (mut articles, topics) = l.articles(&mut published, &author_keys);
    let (mut causes, mut treatments) = topics.finish(&articles);
    let (indexes, overviews): (Vec<_>, Vec<_>) = parsed
        .overviews
        .into_iter()
        .partition(|o| o.kind == SourceKind::SectionIndex);
    l.attach_overviews(overviews, &mut causes, &mut treatments);
    let sections = super::sections::sections(&mut articles, indexes, l.out);
    let tags = super::tags::tags(&mut articles, l.out);
    let pages = page_urls
        .iter()
        .map(String::as_str)
        .chain(causes.iter().map(|c| c.path.as_str()))
        .chain(treatments.iter().map(|t| t.path.as_str()))
        .chain(authors.iter().map(|a| a.path.as_str()))
        .chain(sections.iter().map(|s| s.path.as_str()))
        .chain(tags.iter().map(|t| t.path.as_str()))
        .chain([
            crate::kinds::ARTICLES.fixed_path(),
            crate::kinds::TAGS.fixed_path(),
        ]);
    l.static_clashes(pages);
    let Linker {
        copies,
        redirects,
        out,
        ..
    } = l;
    if out.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    let (causes, treatments, articles) = sort_and_cross_link(causes, treatments, articles);
    let mut authors = authors;
    credit_authors(&mut authors, &articles);
    let mut pages: Vec<_> = standalone
        .into_iter()
        .map(super::pages::into_page)
        .collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let calculator = config.calculator || articles.iter().any(|a| a.calculator);
    let extra = crate::content::table_to_json(&config.extra);
    let mut site = Site {
        base: inputs.base.clone(),
        config,
        articles,
        causes,
        treatments,
        authors,
        sections,
        tags,
        pages,
        menus: super::Menus::default(),
        calculator,
        extra,
        copies: copies
            .into_iter()
            .chain(super::static_copies(inputs.static_files))
            .collect(),
        images: BTreeMap::new(),
        drawn: BTreeMap::new(),
        scrubbed: Default::default(),
        share_image: None,
        redirects,
        host_redirects: inputs.host_redirects.cloned(),
        today: inputs.today,
        strings: inputs.strings.clone(),
        prefix: inputs.prefix.to_owned(),
        alternates: Default::default(),
        languages: Vec::new(),
        left_out,
        externals,
    };
    // Page 1 of every list is at the list's own URL; its `page/1/` sends
    // readers there.
    for (from, to) in crate::kinds::first_page_aliases(&site) {
        site.redirects.push(super::Redirect {
            from,
            to,
            source: None,
        });
    }
    site.redirects.sort_by(|a, b| a.from.cmp(&b.from));
    // Menus link to pages of every kind, so they are checked against the
    // site as made.
    site.share_image =
        super::share::default_image(&site.config, inputs.static_files, inputs.config_text, out);
    site.menus = super::menus::menus(&site, inputs.config_text, out)?;
    // Redirects made elsewhere (a list's first page) join `site.redirects`
    // before this, so every old URL is checked against every page.
    super::check_redirects(&site, out);
    later_page_clashes(&site, inputs.static_files, out);
    if out.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    Some(site)
}

/// Lists on each author the articles they wrote and reviewed.
fn credit_authors(authors: &mut [Author], articles: &[Article]) {
    for (i, a) in articles.iter().enumerate() {
        authors[a.author].articles.push(i);
        if let Some(r) = a.reviewer {
            authors[r].reviewed.push(i);
        }
    }
}

/// Articles shorter than this get no reading-level warning.
pub(super) const MIN_WORDS_FOR_GRADE: usize = 100;

pub(super) struct Linker<'a, 'o> {
    pub(super) inputs: Inputs<'a>,
    pub(super) out: &'o mut Vec<Diagnostic>,
    pub(super) copies: BTreeSet<FileCopy>,
    /// The articles' aliases.
    pub(super) redirects: Vec<super::Redirect>,
    pub(super) review_interval_days: u16,
    pub(super) reading: crate::readability::Grader,
    pub(super) calculator: bool,
}

impl Linker<'_, '_> {
    fn authors(&mut self, config: &SiteConfig) -> Vec<Author> {
        // A site may list thousands of authors: their problems are located
        // through one index of site.toml, not by counting from its start.
        let mut lines = Lines::new(self.inputs.config_text);
        let mut cap = Cap::new();
        let mut authors: Vec<Author> = config
            .authors
            .iter()
            .map(|(key, a)| {
                let photo_place = a.photo.as_ref().map(|p| lines.line_at(p.span().start));
                let photo = a.photo.as_ref().and_then(|p| {
                    let src = p.get_ref();
                    // A `/` path is a file under static/ too, as in articles.
                    let path = super::photos::normal(src.strip_prefix('/').unwrap_or(src));
                    let found = is_contained(src.strip_prefix('/').unwrap_or(src))
                        && is_static_file(self.inputs.static_files, &path);
                    let place = (!found).then(|| lines.line_at(p.span().start));
                    if let Some((pos, line)) = place.filter(|(pos, line)| {
                        cap.admit("missing-photo", Severity::Error, Some(*pos), line.len())
                    }) {
                        self.out.push(
                            Diagnostic::error(
                                "missing-photo",
                                crate::config::CONFIG_FILE,
                                format!("the photo `{src}` of author `{key}` is not in static/"),
                            )
                            .at_line(pos, &line)
                            .hint("put the file under static/ and give its path from there, e.g. \"images/authors/ana.jpg\""),
                        );
                    }
                    found.then_some(path)
                });
                Author {
                    key: key.clone(),
                    name: a.name.clone(),
                    bio: a.bio.clone(),
                    photo,
                    photo_place,
                    credentials: a.credentials.clone(),
                    url: a.url.as_ref().map(|u| u.get_ref().clone()),
                    path: crate::kinds::AUTHOR.item_path(key),
                    articles: Vec::new(),
                    reviewed: Vec::new(),
                }
            })
            .collect();
        cap.finish(Path::new(crate::config::CONFIG_FILE), self.out);
        authors.sort_by(|a, b| a.name.cmp(&b.name).then(a.key.cmp(&b.key)));
        authors
    }

    /// Links the published articles, gathering their causes and treatments.
    fn articles(
        &mut self,
        published: &mut [Parsed<ArticleMeta>],
        author_keys: &AuthorKeys<'_>,
    ) -> (Vec<Article>, Topics) {
        // Indices recorded here are positions in `published`; they match
        // `articles` because any article that fails to link is an error, and
        // the stage then returns before the indices are used.
        let mut topics = Topics::default();
        let mut articles = Vec::with_capacity(published.len());
        for (index, a) in published.iter_mut().enumerate() {
            if let Some(article) = self.article(a, index, author_keys, &mut topics) {
                articles.push(article);
            }
        }
        (articles, topics)
    }

    /// Gives each cause and treatment its overview page. An overview whose
    /// title names the topic also sets how the name is spelled. An overview
    /// no article points to still gets its page, with a warning.
    fn attach_overviews(
        &mut self,
        overviews: Vec<crate::parse::Overview>,
        causes: &mut Vec<Cause>,
        treatments: &mut Vec<Treatment>,
    ) {
        for o in overviews {
            let title = o.page.meta.title.clone();
            let overview = Overview {
                source: o.page.source.clone(),
                title: title.clone(),
                description: o.page.meta.description.clone(),
                body: o.page.body,
            };
            let is_treatment = o.kind == SourceKind::TreatmentOverview;
            let what = if is_treatment { "treatment" } else { "cause" };
            let canonical = title.filter(|t| slugify(t) == o.slug);
            let existing = if is_treatment {
                treatments
                    .iter_mut()
                    .find(|t| t.slug == o.slug)
                    .map(|t| (&mut t.name, &mut t.overview))
            } else {
                causes
                    .iter_mut()
                    .find(|c| c.slug == o.slug)
                    .map(|c| (&mut c.name, &mut c.overview))
            };
            if let Some((name, slot)) = existing {
                if let Some(canonical) = canonical {
                    *name = canonical;
                }
                *slot = Some(overview);
                continue;
            }
            self.out.push(
                Diagnostic::warning("unused-overview", &o.page.source, format!("no article lists the {what} `{}`", o.slug))
                    .hint(format!("the page is still built; name the {what} in an article's front matter to link it")),
            );
            let name = canonical.unwrap_or_else(|| o.slug.replace('-', " "));
            let path = format!("{what}s/{}/", o.slug);
            if is_treatment {
                treatments.push(Treatment {
                    slug: o.slug,
                    name,
                    path,
                    causes: Vec::new(),
                    articles: Vec::new(),
                    overview: Some(overview),
                });
            } else {
                causes.push(Cause {
                    slug: o.slug,
                    name,
                    path,
                    urgency: Urgency::Routine,
                    treatments: Vec::new(),
                    mentions: Vec::new(),
                    overview: Some(overview),
                });
            }
        }
    }
}

/// Whether `path` (from `static/`, `/`-separated) is a file the output gets
/// there: one of the site's `static/` or a built-in one.
pub(super) fn is_static_file(files: &crate::load::Files, path: &str) -> bool {
    is_contained(path)
        && (files.contains(Path::new(path))
            || crate::builtin::DEFAULT_STATIC
                .iter()
                .any(|(p, _)| *p == path))
}
