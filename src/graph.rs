//! Stage 3, link: the site as a graph of plain data.
//!
//! In: the parsed files, `site.toml` and the lists of files on disk. Out: a
//! [`Site`] where every cross-reference is an index that is known to resolve —
//! authors, reviewers, causes, treatments, links between articles, photos —
//! and the list of files to copy. Every broken reference is a diagnostic; the
//! stage is pure (no I/O), so `check` and `serve` can run it as often as
//! they like.

use crate::config::{BaseUrl, SiteConfig};
use crate::content::{ArticleMeta, Reference, Urgency};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::closest;
use crate::markdown::{RESERVED_IDS, Rendered};
use crate::parse::{Parsed, ParsedSite};
use crate::paths::{SourceKind, is_contained, page_path, resolve};
use crate::related::{Topic, related};
use crate::slug::slugify;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// The whole site, linked.
#[derive(Debug, Clone)]
pub struct Site {
    /// `site.toml`.
    pub config: SiteConfig,
    /// Where the site is served.
    pub base: BaseUrl,
    /// Published articles, newest first.
    pub articles: Vec<Article>,
    /// Causes, A–Z by name.
    pub causes: Vec<Cause>,
    /// Treatments, A–Z by name.
    pub treatments: Vec<Treatment>,
    /// Authors and reviewers, A–Z by name.
    pub authors: Vec<Author>,
    /// Files copied as they are: photos and files linked from articles.
    pub copies: Vec<Copy>,
    /// The day of the build.
    pub today: Date,
}

/// An article page.
#[derive(Debug, Clone)]
pub struct Article {
    /// The Markdown file, relative to the site root.
    pub source: PathBuf,
    /// The page's path, e.g. `articles/legs/shin-splints/`.
    pub path: String,
    /// Title.
    pub title: String,
    /// Description, when given.
    pub description: Option<String>,
    /// First published.
    pub date: Date,
    /// Last updated.
    pub updated: Option<Date>,
    /// Last medically reviewed.
    pub reviewed: Option<Date>,
    /// When the next medical review is due.
    pub next_review: Option<Date>,
    /// Flesch–Kincaid grade of the body.
    pub reading_grade: Option<f64>,
    /// Whether the page shows the calorie-goal calculator.
    pub calculator: bool,
    /// Index into [`Site::authors`].
    pub author: usize,
    /// Index into [`Site::authors`].
    pub reviewer: Option<usize>,
    /// Phrases to search next.
    pub related_searches: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// The lead photo.
    pub photo: Option<Photo>,
    /// Causes discussed, in front matter order.
    pub causes: Vec<ArticleCause>,
    /// Sources.
    pub references: Vec<Reference>,
    /// The rendered body.
    pub body: Rendered,
    /// Indices into [`Site::articles`]: "you might also like".
    pub related: Vec<usize>,
}

/// A photo with its link.
#[derive(Debug, Clone)]
pub struct Photo {
    /// Its path in the output, from the site root.
    pub path: String,
    /// Alternative text; empty when the writer gave none.
    pub alt: String,
    /// "Photo credit: …".
    pub credit: Option<String>,
}

/// A cause as one article discusses it.
#[derive(Debug, Clone)]
pub struct ArticleCause {
    /// Index into [`Site::causes`].
    pub cause: usize,
    /// Indices into [`Site::treatments`].
    pub treatments: Vec<usize>,
    /// How soon to get care.
    pub urgency: Urgency,
    /// Index into the article's `body.sections`: the cause's section.
    pub section: Option<usize>,
}

/// An optional overview page's content.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The file.
    pub source: PathBuf,
    /// Its heading, when given.
    pub title: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Its body.
    pub body: Rendered,
}

/// A cause page.
#[derive(Debug, Clone)]
pub struct Cause {
    /// URL segment and identity.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// `causes/<slug>/`.
    pub path: String,
    /// The most urgent level any article gives it.
    pub urgency: Urgency,
    /// Indices into [`Site::treatments`], A–Z.
    pub treatments: Vec<usize>,
    /// Every article discussing it, newest first.
    pub mentions: Vec<Mention>,
    /// From `articles/causes/<slug>.md`.
    pub overview: Option<Overview>,
}

/// An article's discussion of a cause.
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    /// Index into [`Site::articles`].
    pub article: usize,
    /// Index into that article's `body.sections`.
    pub section: Option<usize>,
}

/// A treatment page.
#[derive(Debug, Clone)]
pub struct Treatment {
    /// URL segment and identity.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// `treatments/<slug>/`.
    pub path: String,
    /// Indices into [`Site::causes`] it is used for, A–Z.
    pub causes: Vec<usize>,
    /// Indices into [`Site::articles`] that recommend it, newest first.
    pub articles: Vec<usize>,
    /// From `articles/treatments/<slug>.md`.
    pub overview: Option<Overview>,
}

/// An author or reviewer page.
#[derive(Debug, Clone)]
pub struct Author {
    /// The `[authors]` key, also the URL segment.
    pub key: String,
    /// Full name.
    pub name: String,
    /// Short biography.
    pub bio: String,
    /// Photo path in the output.
    pub photo: Option<String>,
    /// Credentials.
    pub credentials: Option<String>,
    /// Their own page.
    pub url: Option<String>,
    /// `authors/<key>/`.
    pub path: String,
    /// Articles written, newest first.
    pub articles: Vec<usize>,
    /// Articles reviewed, newest first.
    pub reviewed: Vec<usize>,
}

/// A file copied into the output unchanged.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Copy {
    /// Relative to the site root.
    pub from: PathBuf,
    /// Relative to the output root, with `/` separators.
    pub to: String,
}

/// What the link stage needs besides the parsed files.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// Where the site is served.
    pub base: &'a BaseUrl,
    /// The text of `site.toml`, to locate problems in it.
    pub config_text: &'a str,
    /// Non-Markdown files under `articles/`, relative to the root.
    pub assets: &'a BTreeSet<PathBuf>,
    /// Files under `static/`, relative to `static/`.
    pub static_files: &'a BTreeSet<PathBuf>,
    /// Every Markdown file under `articles/`, parsed or not.
    pub all_markdown: &'a BTreeSet<PathBuf>,
    /// Whether drafts and future-dated articles are published.
    pub drafts: bool,
    /// The day of the build: later-dated articles wait, expired ones go.
    pub today: Date,
}

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
        review_interval_days: config.review_interval_days,
        calculator: config.calculator,
        reading_grade_max: config.reading_grade_max,
    };
    let authors = l.authors(&config);
    let author_keys: HashMap<String, usize> = authors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.key.clone(), i))
        .collect();

    let (held, mut published): (Vec<_>, Vec<_>) = parsed
        .articles
        .into_iter()
        .partition(|a| why_unpublished(&a.meta, &inputs).is_some());
    published.sort_by(|a, b| b.meta.date.cmp(&a.meta.date).then(a.source.cmp(&b.source)));

    // Every page a Markdown file becomes, to resolve links and find clashes.
    let mut pages: HashMap<PathBuf, &Rendered> = HashMap::new();
    let mut urls: BTreeMap<String, &Path> = BTreeMap::new();
    let sources = published
        .iter()
        .map(|a| (&a.source, &a.body, &a.text))
        .chain(
            parsed
                .overviews
                .iter()
                .map(|o| (&o.page.source, &o.page.body, &o.page.text)),
        );
    for (source, body, text) in sources {
        let url = page_path(source);
        if let Some(first) = urls.get(&url) {
            l.out.push(
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
    let unpublished: BTreeMap<&Path, String> = held
        .iter()
        .filter_map(|a| Some((a.source.as_path(), why_unpublished(&a.meta, &inputs)?)))
        .collect();
    for a in &published {
        l.body_refs(&a.source, &a.text, &a.body, &pages, &unpublished);
    }
    for o in &parsed.overviews {
        l.body_refs(
            &o.page.source,
            &o.page.text,
            &o.page.body,
            &pages,
            &unpublished,
        );
    }

    // Indices recorded here are positions in `published`; they match
    // `articles` because any article that fails to link is an error, and the
    // stage then returns before the indices are used.
    let mut graph = Topics::default();
    let mut articles = Vec::with_capacity(published.len());
    for (index, a) in published.iter().enumerate() {
        if let Some(article) = l.article(a, index, &author_keys, &mut graph) {
            articles.push(article);
        }
    }
    let (mut causes, mut treatments) = graph.finish(&articles);
    l.attach_overviews(parsed.overviews, &mut causes, &mut treatments);
    let Linker { copies, out, .. } = l;
    if out.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    let (causes, treatments, articles) = sort_and_cross_link(causes, treatments, articles);
    let mut authors = authors;
    for (i, a) in articles.iter().enumerate() {
        authors[a.author].articles.push(i);
        if let Some(r) = a.reviewer {
            authors[r].reviewed.push(i);
        }
    }
    Some(Site {
        base: inputs.base.clone(),
        config,
        articles,
        causes,
        treatments,
        authors,
        copies: copies.into_iter().collect(),
        today: inputs.today,
    })
}

/// Articles shorter than this get no reading-level warning.
const MIN_WORDS_FOR_GRADE: usize = 100;

/// Why an article is left out of this build, if it is: a draft, dated in the
/// future (both shown with `--drafts`), or past its `expires` date.
fn why_unpublished(meta: &ArticleMeta, inputs: &Inputs<'_>) -> Option<String> {
    if let Some(expires) = meta.expires.filter(|e| *e < inputs.today) {
        return Some(format!("expired on {expires}"));
    }
    if inputs.drafts {
        None
    } else if meta.draft {
        Some("is a draft".to_owned())
    } else if meta.date > inputs.today {
        Some(format!("is dated in the future ({})", meta.date))
    } else {
        None
    }
}

struct Linker<'a, 'o> {
    inputs: Inputs<'a>,
    out: &'o mut Vec<Diagnostic>,
    copies: BTreeSet<Copy>,
    review_interval_days: u16,
    reading_grade_max: f64,
    calculator: bool,
}

impl Linker<'_, '_> {
    fn authors(&mut self, config: &SiteConfig) -> Vec<Author> {
        let mut authors: Vec<Author> = config
            .authors
            .iter()
            .map(|(key, a)| {
                let photo = a.photo.as_ref().and_then(|p| {
                    let src = p.get_ref();
                    let found = is_contained(src) && self.inputs.static_files.contains(Path::new(src));
                    if !found {
                        self.out.push(
                            Diagnostic::error(
                                "missing-photo",
                                crate::config::CONFIG_FILE,
                                format!("the photo `{src}` of author `{key}` is not in static/"),
                            )
                            .at(
                                crate::diagnostic::Position::of_offset(self.inputs.config_text, p.span().start),
                                self.inputs.config_text,
                            )
                            .hint("put the file under static/ and give its path from there, e.g. \"images/authors/ana.jpg\""),
                        );
                    }
                    found.then(|| src.to_owned())
                });
                Author {
                    key: key.clone(),
                    name: a.name.clone(),
                    bio: a.bio.clone(),
                    photo,
                    credentials: a.credentials.clone(),
                    url: a.url.clone(),
                    path: format!("authors/{key}/"),
                    articles: Vec::new(),
                    reviewed: Vec::new(),
                }
            })
            .collect();
        authors.sort_by(|a, b| a.name.cmp(&b.name).then(a.key.cmp(&b.key)));
        authors
    }

    /// Checks the links and local files of one body, recording files to copy.
    fn body_refs(
        &mut self,
        source: &Path,
        text: &str,
        body: &Rendered,
        pages: &HashMap<PathBuf, &Rendered>,
        unpublished: &BTreeMap<&Path, String>,
    ) {
        for link in &body.links {
            let Some(target) = pages.get(&link.target) else {
                let held = unpublished.get(link.target.as_path());
                let failed_to_parse =
                    self.inputs.all_markdown.contains(&link.target) && held.is_none();
                if failed_to_parse {
                    // Its own error is reported; its anchors are unknown.
                    continue;
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
                self.out.push(
                    Diagnostic::error("broken-link", source, message)
                        .at(link.pos, text)
                        .hint(hint),
                );
                continue;
            };
            if let Some(fragment) = &link.fragment {
                let known = target.ids.iter().any(|id| id == fragment)
                    || (link.target == source && RESERVED_IDS.contains(&fragment.as_str()));
                if !known && !fragment.is_empty() {
                    let ids: Vec<&str> = target.ids.iter().map(String::as_str).collect();
                    let hint = match closest(fragment, &ids) {
                        Some(best) => format!("did you mean `#{best}`?"),
                        None => {
                            "link to a heading id: its text in lower case, with hyphens for spaces"
                                .to_owned()
                        }
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
                        .at(link.pos, text)
                        .hint(hint),
                    );
                }
            }
        }
        let page = page_path(source);
        for asset in &body.assets {
            if self.inputs.assets.contains(&asset.source) {
                self.copies.insert(Copy {
                    from: asset.source.clone(),
                    to: format!("{page}{}", asset.dest),
                });
            } else {
                self.out.push(
                    Diagnostic::error(
                        "missing-file",
                        source,
                        format!("{} does not exist", asset.source.display()),
                    )
                    .at(asset.pos, text)
                    .hint("check the file name; the path is relative to this file's folder"),
                );
            }
        }
    }

    fn article(
        &mut self,
        a: &Parsed<ArticleMeta>,
        index: usize,
        author_keys: &HashMap<String, usize>,
        topics: &mut Topics,
    ) -> Option<Article> {
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
        let mut causes = Vec::with_capacity(m.causes.len());
        for entry in &m.causes {
            let name = entry.name.get_ref().trim();
            let slug = slugify(name);
            if slug.is_empty() {
                self.out.push(
                    a.at(
                        Diagnostic::error(
                            "empty-cause",
                            &a.source,
                            "a cause needs a name with letters or digits",
                        ),
                        entry.name.span(),
                    )
                    .hint("write the cause's name, e.g. name = \"Strained calf\""),
                );
                continue;
            }
            let section = a
                .body
                .sections
                .iter()
                .position(|s| slugify(&s.title) == slug);
            if section.is_none() {
                self.out.push(
                    a.at(
                        Diagnostic::warning("cause-without-section", &a.source, format!("the cause `{name}` has no section in the body")),
                        entry.name.span(),
                    )
                    .hint(format!("add a section headed `## {name}`; its first paragraph is shown on the cause page")),
                );
            }
            let mut treatments = Vec::with_capacity(entry.treatments.len());
            for t in &entry.treatments {
                let t_slug = slugify(t.get_ref());
                if t_slug.is_empty() {
                    self.out.push(
                        a.at(
                            Diagnostic::error(
                                "empty-treatment",
                                &a.source,
                                "a treatment needs a name with letters or digits",
                            ),
                            t.span(),
                        )
                        .hint("write the treatment's name, e.g. \"Rest\""),
                    );
                    continue;
                }
                treatments.push(topics.treatment(&t_slug, t.get_ref().trim(), index));
            }
            let cause = topics.cause(&slug, name);
            topics.link(cause, &treatments);
            causes.push(ArticleCause {
                cause,
                treatments,
                urgency: entry.urgency,
                section,
            });
        }
        if let Some(alt) = m.photo.as_ref().map(|p| &p.alt) {
            if alt.as_ref().is_none_or(|s| s.get_ref().trim().is_empty()) {
                self.out.push(
                    Diagnostic::warning("missing-alt", &a.source, "the photo has no alt text")
                        .hint("add alt = \"…\" under [photo], saying what the photo shows"),
                );
            }
        }
        let next_review = m.reviewed.as_ref().map(|r| {
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
        });
        let reading_grade = a.body.stats.grade();
        // The formula means little on a few lines of text.
        let long_enough = a.body.stats.words >= MIN_WORDS_FOR_GRADE;
        if let Some(grade) = reading_grade.filter(|g| long_enough && *g > self.reading_grade_max) {
            self.out.push(
                Diagnostic::warning(
                    "reading-level",
                    &a.source,
                    format!(
                        "the article reads at grade {grade:.1}, above the site's maximum of {}",
                        self.reading_grade_max
                    ),
                )
                .hint("use shorter sentences and everyday words; reading_grade_max in site.toml sets the limit"),
            );
        }
        let (author, reviewer) = (author?, reviewer.map_or(Some(None), |r| r.map(Some))?);
        Some(Article {
            source: a.source.clone(),
            path: page_path(&a.source),
            title: m.title.get_ref().clone(),
            description: m.description.clone(),
            date: m.date,
            updated: m.updated,
            reviewed: m.reviewed.as_ref().map(|r| *r.get_ref()),
            next_review,
            reading_grade,
            calculator: m.calculator.unwrap_or(self.calculator),
            author,
            reviewer,
            related_searches: m.related_searches.clone(),
            tags: m.tags.clone(),
            photo,
            causes,
            references: m.references.clone(),
            body: a.body.clone(),
            related: Vec::new(),
        })
    }

    fn author_ref(
        &mut self,
        a: &Parsed<ArticleMeta>,
        key: &str,
        span: std::ops::Range<usize>,
        keys: &HashMap<String, usize>,
        field: &str,
    ) -> Option<usize> {
        if let Some(&i) = keys.get(key) {
            return Some(i);
        }
        let known: Vec<&str> = keys.keys().map(String::as_str).collect();
        let hint = match closest(key, &known) {
            Some(best) => format!(
                "did you mean `{best}`? Authors are the [authors.<key>] tables of site.toml"
            ),
            None => format!(
                "add [authors.{key}] with a name to site.toml, or use one of: {}",
                {
                    let mut k = known.clone();
                    k.sort();
                    k.join(", ")
                }
            ),
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

    fn photo(&mut self, a: &Parsed<ArticleMeta>, p: &crate::content::Photo) -> Option<Photo> {
        let src = p.src.get_ref();
        let beside = resolve(&a.source, src).filter(|_| is_contained(src));
        let path = if !is_contained(src) {
            self.out.push(
                a.at(Diagnostic::error("bad-photo", &a.source, format!("the photo path `{src}` leaves the article's folder")), p.src.span())
                    .hint("put the photo next to the article, or under static/, and give its path from there"),
            );
            return None;
        } else if let Some(file) = beside.filter(|f| self.inputs.assets.contains(f)) {
            let to = format!("{}{src}", page_path(&a.source));
            self.copies.insert(Copy {
                from: file,
                to: to.clone(),
            });
            to
        } else if self.inputs.static_files.contains(Path::new(src)) {
            src.replace('\\', "/")
        } else {
            self.out.push(
                a.at(
                    Diagnostic::error(
                        "missing-photo",
                        &a.source,
                        format!("the photo `{src}` does not exist"),
                    ),
                    p.src.span(),
                )
                .hint("put the file next to the article or under static/, or fix the name"),
            );
            return None;
        };
        Some(Photo {
            path,
            alt: p
                .alt
                .as_ref()
                .map(|s| s.get_ref().trim().to_owned())
                .unwrap_or_default(),
            credit: p.credit.clone(),
        })
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

/// Causes and treatments gathered while reading articles, by slug.
#[derive(Default)]
struct Topics {
    /// How often each spelling of a cause or treatment name is used, by slug.
    spellings: HashMap<String, BTreeMap<String, usize>>,
    causes: Vec<Cause>,
    cause_index: HashMap<String, usize>,
    treatments: Vec<Treatment>,
    treatment_index: HashMap<String, usize>,
}

impl Topics {
    fn count_spelling(&mut self, kind: &str, slug: &str, name: &str) {
        let counts = self.spellings.entry(format!("{kind}/{slug}")).or_default();
        *counts.entry(name.to_owned()).or_default() += 1;
    }

    /// The spelling writers use most; on a tie the first in byte order, which
    /// prefers "Rest" over "rest".
    fn best_spelling(&self, kind: &str, slug: &str) -> Option<String> {
        let counts = self.spellings.get(&format!("{kind}/{slug}"))?;
        let top = counts.values().max()?;
        counts
            .iter()
            .find(|(_, n)| *n == top)
            .map(|(name, _)| name.clone())
    }

    fn cause(&mut self, slug: &str, name: &str) -> usize {
        self.count_spelling("cause", slug, name);
        *self.cause_index.entry(slug.to_owned()).or_insert_with(|| {
            self.causes.push(Cause {
                slug: slug.to_owned(),
                name: name.to_owned(),
                path: format!("causes/{slug}/"),
                urgency: Urgency::Routine,
                treatments: Vec::new(),
                mentions: Vec::new(),
                overview: None,
            });
            self.causes.len() - 1
        })
    }

    fn treatment(&mut self, slug: &str, name: &str, article: usize) -> usize {
        self.count_spelling("treatment", slug, name);
        let i = *self
            .treatment_index
            .entry(slug.to_owned())
            .or_insert_with(|| {
                self.treatments.push(Treatment {
                    slug: slug.to_owned(),
                    name: name.to_owned(),
                    path: format!("treatments/{slug}/"),
                    causes: Vec::new(),
                    articles: Vec::new(),
                    overview: None,
                });
                self.treatments.len() - 1
            });
        let t = &mut self.treatments[i];
        if t.articles.last() != Some(&article) {
            t.articles.push(article);
        }
        i
    }

    fn link(&mut self, cause: usize, treatments: &[usize]) {
        for &t in treatments {
            if !self.causes[cause].treatments.contains(&t) {
                self.causes[cause].treatments.push(t);
            }
            if !self.treatments[t].causes.contains(&cause) {
                self.treatments[t].causes.push(cause);
            }
        }
    }

    /// Records each cause's mentions and highest urgency.
    fn finish(mut self, articles: &[Article]) -> (Vec<Cause>, Vec<Treatment>) {
        for i in 0..self.causes.len() {
            if let Some(name) = self.best_spelling("cause", &self.causes[i].slug) {
                self.causes[i].name = name;
            }
        }
        for i in 0..self.treatments.len() {
            if let Some(name) = self.best_spelling("treatment", &self.treatments[i].slug) {
                self.treatments[i].name = name;
            }
        }
        for (i, a) in articles.iter().enumerate() {
            for c in &a.causes {
                let cause = &mut self.causes[c.cause];
                cause.urgency = cause.urgency.max(c.urgency);
                cause.mentions.push(Mention {
                    article: i,
                    section: c.section,
                });
            }
        }
        (self.causes, self.treatments)
    }
}

/// Sorts causes and treatments A–Z and rewrites every index to match, then
/// fills in "you might also like".
fn sort_and_cross_link(
    mut causes: Vec<Cause>,
    mut treatments: Vec<Treatment>,
    mut articles: Vec<Article>,
) -> (Vec<Cause>, Vec<Treatment>, Vec<Article>) {
    let order = |names: Vec<&str>| {
        let mut idx: Vec<usize> = (0..names.len()).collect();
        idx.sort_by_key(|&i| (names[i].to_lowercase(), i));
        let mut new_of_old = vec![0; names.len()];
        for (new, &old) in idx.iter().enumerate() {
            new_of_old[old] = new;
        }
        (idx, new_of_old)
    };
    let (c_order, c_new) = order(causes.iter().map(|c| c.name.as_str()).collect());
    let (t_order, t_new) = order(treatments.iter().map(|t| t.name.as_str()).collect());
    let mut slots: Vec<Option<Cause>> = causes.drain(..).map(Some).collect();
    causes = c_order.iter().filter_map(|&i| slots[i].take()).collect();
    let mut slots: Vec<Option<Treatment>> = treatments.drain(..).map(Some).collect();
    treatments = t_order.iter().filter_map(|&i| slots[i].take()).collect();
    for c in &mut causes {
        c.treatments = c.treatments.iter().map(|&t| t_new[t]).collect();
        c.treatments.sort_unstable();
    }
    for t in &mut treatments {
        t.causes = t.causes.iter().map(|&c| c_new[c]).collect();
        t.causes.sort_unstable();
    }
    for a in &mut articles {
        for c in &mut a.causes {
            c.cause = c_new[c.cause];
            c.treatments = c.treatments.iter().map(|&t| t_new[t]).collect();
        }
    }
    let topics: Vec<Vec<Topic>> = articles
        .iter()
        .map(|a| {
            let mut ts: Vec<Topic> = Vec::new();
            for c in &a.causes {
                ts.push(Topic::Cause(causes[c.cause].slug.clone()));
                ts.extend(
                    c.treatments
                        .iter()
                        .map(|&t| Topic::Treatment(treatments[t].slug.clone())),
                );
            }
            ts.extend(a.tags.iter().map(|t| Topic::Tag(slugify(t))));
            ts
        })
        .collect();
    for (a, r) in articles.iter_mut().zip(related(&topics)) {
        a.related = r;
    }
    (causes, treatments, articles)
}

#[cfg(test)]
mod tests;
