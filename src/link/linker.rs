//! The link stage's driver: which articles are published, which URLs they
//! claim, and the checks of every reference between files.

use super::article::AuthorKeys;
use super::topics::{Topics, sort_and_cross_link};
use super::{Article, Author, Cause, FileCopy, Inputs, LeftOut, Overview, Site, Treatment};
use crate::config::SiteConfig;
use crate::content::{ArticleMeta, PageMeta, Urgency};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::frontmatter::closest;
use crate::markdown::lines::Lines;
use crate::markdown::{Asset, Body, Cap, RESERVED_IDS, SourceLink, StaticRef};
use crate::parse::{Parsed, ParsedSite};
use crate::paths::{SourceKind, is_contained, page_path};
use crate::slug::slugify;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

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
        reading_grade_max: config.reading_grade_max,
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
        share_image: None,
        redirects,
        host_redirects: inputs.host_redirects.cloned(),
        today: inputs.today,
        left_out,
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

/// Reports files under `static/` copied over the later pages of a list
/// (`…/page/2/index.html`), which only the linked site knows: the first
/// pages were checked with the other pages.
fn later_page_clashes(site: &Site, static_files: &crate::load::Files, out: &mut Vec<Diagnostic>) {
    for kind in crate::kinds::KINDS.iter().filter(|k| k.list.is_some()) {
        for at in kind.pages(site).filter(|at| at.page > 0) {
            let file = kind.output(site, at);
            if static_files.contains(Path::new(&file)) {
                out.push(
                    Diagnostic::error(
                        "duplicate-url",
                        Path::new(crate::load::STATIC).join(&file),
                        format!(
                            "this file and page {} of the list /{} would both be written to /{file}",
                            at.page + 1,
                            kind.item_path_of(site, at.item)
                        ),
                    )
                    .hint("rename or move the file under static/; salve writes that path itself"),
                );
            }
        }
    }
}

/// The parsed Markdown files, by what becomes of them.
struct Sources<'a> {
    /// Articles in this build, newest first.
    published: &'a [Parsed<ArticleMeta>],
    /// Articles left out of it.
    held: &'a [Parsed<ArticleMeta>],
    overviews: &'a [crate::parse::Overview],
    /// Standalone pages in this build, by file.
    pages: &'a [Parsed<PageMeta>],
    /// Pages left out of it (drafts).
    held_pages: &'a [Parsed<PageMeta>],
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

/// Every page a Markdown file becomes, by source (to resolve links), and
/// the file that claimed each URL (to find clashes).
type Claimed<'p> = (HashMap<PathBuf, &'p Body>, BTreeMap<String, &'p Path>);

/// The heading ids of each page some link points into, gathered the first
/// time one does: looking each link's anchor up in a list of the page's ids
/// cost links × headings.
type Anchors<'p> = HashMap<&'p Path, HashSet<&'p str>>;

/// Articles shorter than this get no reading-level warning.
pub(super) const MIN_WORDS_FOR_GRADE: usize = 100;

/// Why an article is left out of this build, if it is: a draft, dated in the
/// future (both shown with `--drafts`), or past its `expires` date.
fn held_back(meta: &ArticleMeta, inputs: &Inputs<'_>) -> Option<Held> {
    if let Some(expires) = meta.expires.filter(|e| *e < inputs.today) {
        return Some(Held::Expired(expires));
    }
    if inputs.drafts {
        None
    } else if meta.draft {
        Some(Held::Draft)
    } else if meta.date > inputs.today {
        Some(Held::Scheduled(meta.date))
    } else {
        None
    }
}

/// Why an article is not published.
#[derive(Debug, Clone, Copy)]
enum Held {
    Draft,
    Scheduled(Date),
    Expired(Date),
}

impl Held {
    /// The reason in words, after "the article".
    fn why(self) -> String {
        match self {
            Held::Draft => "is a draft".to_owned(),
            Held::Scheduled(date) => format!("is dated in the future ({date})"),
            Held::Expired(date) => format!("expired on {date}"),
        }
    }
}

/// Counts the articles left out, by reason.
fn left_out(held: &[Parsed<ArticleMeta>], inputs: &Inputs<'_>) -> LeftOut {
    let mut counts = LeftOut::default();
    for a in held {
        match held_back(&a.meta, inputs) {
            Some(Held::Draft) => counts.drafts += 1,
            Some(Held::Scheduled(_)) => counts.scheduled += 1,
            Some(Held::Expired(_)) => counts.expired += 1,
            None => {}
        }
    }
    counts
}

pub(super) struct Linker<'a, 'o> {
    pub(super) inputs: Inputs<'a>,
    pub(super) out: &'o mut Vec<Diagnostic>,
    pub(super) copies: BTreeSet<FileCopy>,
    /// The articles' aliases.
    pub(super) redirects: Vec<super::Redirect>,
    pub(super) review_interval_days: u16,
    pub(super) reading_grade_max: f64,
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
                    let path = super::article::normal(src.strip_prefix('/').unwrap_or(src));
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

    /// Checks the links and local files of every published page, and
    /// returns the URLs of those pages.
    fn check_references(&mut self, s: &Sources<'_>) -> Vec<String> {
        let sources = s
            .published
            .iter()
            .map(|a| (&a.source, &a.body, &a.text))
            .chain(
                s.overviews
                    .iter()
                    .map(|o| (&o.page.source, &o.page.body, &o.page.text)),
            )
            .chain(s.pages.iter().map(|p| (&p.source, &p.body, &p.text)));
        let (pages, urls) = self.claim_urls(sources);
        // A page that lost its URL to an earlier file is a duplicate-url
        // already; one that holds it may still be at a URL salve makes.
        for p in s.pages {
            if urls.get(&page_path(&p.source)) == Some(&p.source.as_path()) {
                self.reserved_url(p);
            }
        }
        let drafts = self.inputs.drafts;
        let unpublished: BTreeMap<&Path, String> = s
            .held
            .iter()
            .filter_map(|a| Some((a.source.as_path(), held_back(&a.meta, &self.inputs)?.why())))
            .chain(s.held_pages.iter().filter_map(|p| {
                Some((
                    p.source.as_path(),
                    super::pages::why_unpublished(&p.meta, drafts)?,
                ))
            }))
            .collect();
        let mut anchors = Anchors::default();
        let bodies = s
            .published
            .iter()
            .map(|a| (&a.source, &a.body))
            .chain(s.overviews.iter().map(|o| (&o.page.source, &o.page.body)))
            .chain(s.pages.iter().map(|p| (&p.source, &p.body)));
        for (source, body) in bodies {
            self.body_refs(source, body, &pages, &unpublished, &mut anchors);
        }
        urls.into_keys().collect()
    }

    /// Gives each Markdown file (source, body, text) its page URL, reporting
    /// a file whose URL an earlier one has claimed.
    fn claim_urls<'p>(
        &mut self,
        sources: impl Iterator<Item = (&'p PathBuf, &'p Body, &'p String)>,
    ) -> Claimed<'p> {
        let mut pages: HashMap<PathBuf, &Body> = HashMap::new();
        let mut urls: BTreeMap<String, &Path> = BTreeMap::new();
        for (source, body, text) in sources {
            let url = page_path(source);
            if url.contains("//") {
                // `!!!.md` or a folder `###/`: nothing of the name is left
                // in the URL, which would be its folder's page.
                self.out.push(
                    Diagnostic::error(
                        "bad-file-name",
                        source,
                        "the name of this file, or of a folder it is in, has no letter or digit to make its URL",
                    )
                    .at(crate::diagnostic::Position { line: 1, column: 1 }, text)
                    .hint("rename it with letters or digits, e.g. knee-pain.md"),
                );
                continue;
            }
            if let Some(first) = urls.get(&url) {
                self.out.push(
                    Diagnostic::error(
                        "duplicate-url",
                        source,
                        format!(
                            "this file and {} would both be written to /{url}",
                            first.display()
                        ),
                    )
                    .at(crate::diagnostic::Position { line: 1, column: 1 }, text)
                    .hint("rename one of the two files; URLs ignore case and punctuation"),
                );
            } else {
                urls.insert(url, source);
                pages.insert(source.clone(), body);
            }
        }
        (pages, urls)
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

    /// Checks the links and local files of one body, recording files to copy.
    fn body_refs<'p>(
        &mut self,
        source: &Path,
        body: &'p Body,
        pages: &HashMap<PathBuf, &'p Body>,
        unpublished: &BTreeMap<&Path, String>,
        anchors: &mut Anchors<'p>,
    ) {
        let mut cap = Cap::new();
        for link in &body.links {
            match pages.get(&link.target) {
                None => self.missing_page(source, link, unpublished, &mut cap),
                Some(target) => {
                    if let Some(fragment) = &link.fragment {
                        self.anchor(source, link, fragment, target, anchors, &mut cap);
                    }
                }
            }
        }
        self.assets(source, &body.assets, &mut cap);
        self.statics(source, &body.statics, &mut cap);
        cap.finish(source, self.out);
    }

    /// Reports a link to a Markdown file that is not a page of this build.
    fn missing_page(
        &mut self,
        source: &Path,
        link: &SourceLink,
        unpublished: &BTreeMap<&Path, String>,
        cap: &mut Cap,
    ) {
        let held = unpublished.get(link.target.as_path());
        let failed_to_parse = self.inputs.all_markdown.contains(&link.target) && held.is_none();
        if failed_to_parse {
            // Its own error is reported; its anchors are unknown.
            return;
        }
        let (message, hint) = if let Some(why) = held {
            (
                format!("this links to {}, which {why}", link.target.display()),
                "publish that article, remove the link, or build with --drafts",
            )
        } else {
            (
                format!(
                    "this links to {}, which does not exist",
                    link.target.display()
                ),
                "check the file name; links are relative to this file's folder",
            )
        };
        if cap.admit(
            "broken-link",
            Severity::Error,
            Some(link.pos),
            link.line.len(),
        ) {
            self.out.push(
                Diagnostic::error("broken-link", source, message)
                    .at_line(link.pos, &link.line)
                    .hint(hint),
            );
        }
    }

    /// Reports a link to `#fragment` of `target` when no heading there has
    /// that id.
    fn anchor<'p>(
        &mut self,
        source: &Path,
        link: &'p SourceLink,
        fragment: &str,
        target: &'p Body,
        anchors: &mut Anchors<'p>,
        cap: &mut Cap,
    ) {
        let ids = anchors
            .entry(link.target.as_path())
            .or_insert_with(|| target.ids.iter().map(String::as_str).collect());
        let known =
            ids.contains(fragment) || (link.target == source && RESERVED_IDS.contains(&fragment));
        let listed = !known
            && !fragment.is_empty()
            && cap.admit(
                "broken-anchor",
                Severity::Error,
                Some(link.pos),
                link.line.len(),
            );
        if listed {
            let ids: Vec<&str> = target.ids.iter().map(String::as_str).collect();
            let hint = match closest(fragment, &ids) {
                Some(best) => format!("did you mean `#{best}`?"),
                None => "link to a heading id: its text in lower case, with hyphens for spaces"
                    .to_owned(),
            };
            self.out.push(
                Diagnostic::error(
                    "broken-anchor",
                    source,
                    format!(
                        "{} has no heading with the id `{fragment}`",
                        link.target.display()
                    ),
                )
                .at_line(link.pos, &link.line)
                .hint(hint),
            );
        }
    }

    /// Records the local files of the page from `source` to copy beside it,
    /// reporting those that do not exist.
    fn assets(&mut self, source: &Path, assets: &[Asset], cap: &mut Cap) {
        let page = page_path(source);
        for asset in assets {
            if let Some(real) = self.inputs.assets.real(&asset.source) {
                self.copies.insert(FileCopy {
                    from: asset.source.clone(),
                    to: format!("{page}{}", asset.dest),
                    real: real.to_path_buf(),
                });
            } else if cap.admit(
                "missing-file",
                Severity::Error,
                Some(asset.pos),
                asset.line.len(),
            ) {
                self.out.push(
                    Diagnostic::error(
                        "missing-file",
                        source,
                        format!("{} does not exist", asset.source.display()),
                    )
                    .at_line(asset.pos, &asset.line)
                    .hint("check the file name; the path is relative to this file's folder"),
                );
            }
        }
    }

    /// Reports the files a body shows or links to by a `/` path that are
    /// not under `static/` (nor among the built-in files every site gets).
    fn statics(&mut self, source: &Path, statics: &[StaticRef], cap: &mut Cap) {
        for r in statics {
            if is_static_file(self.inputs.static_files, &r.path) {
                continue;
            }
            if cap.admit("missing-file", Severity::Error, Some(r.pos), r.line.len()) {
                self.out.push(
                    Diagnostic::error(
                        "missing-file",
                        source,
                        format!("static/{} does not exist", r.path),
                    )
                    .at_line(r.pos, &r.line)
                    .hint("a path starting with / is a file under static/; put the file there or fix the path"),
                );
            }
        }
    }

    /// Reports files under `static/` that would be copied over a page or
    /// over a file copied from `articles/`: the writer would see one of the
    /// two go missing, with no word why.
    fn static_clashes<'p>(&mut self, pages: impl Iterator<Item = &'p str>) {
        let claimed: BTreeMap<String, String> = pages
            .map(|p| (format!("{p}index.html"), format!("the page /{p}")))
            .chain(
                self.copies
                    .iter()
                    .map(|c| (c.to.clone(), c.from.display().to_string())),
            )
            .collect();
        for file in self.inputs.static_files.names() {
            let to = file.to_string_lossy().replace('\\', "/");
            if let Some(owner) = claimed.get(&to) {
                self.out.push(
                    Diagnostic::error(
                        "duplicate-url",
                        Path::new(crate::load::STATIC).join(file),
                        format!("this file and {owner} would both be written to /{to}"),
                    )
                    .hint("rename or move the file under static/; salve writes that path itself"),
                );
            }
        }
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
