//! salve: a static site generator for health publishers.
//!
//! The pipeline, one module per stage, plain data between them:
//!
//! 1. [`load`] walks the site folder and reads its files;
//! 2. [`parse`] reads front matter ([`frontmatter`], [`content`]) and renders
//!    Markdown ([`markdown`]);
//! 3. [`link`] links everything: URLs, authors, causes, treatments, links,
//!    related articles;
//!    then [`images`] resizes and re-encodes every photo a page shows (and
//!    puts the `<picture>` of each into the bodies);
//! 4. [`render`] turns the linked site into pages with Tera, one kind of
//!    page at a time ([`kinds`], [`pages`], [`views`]); [`feeds`] makes the
//!    sitemap and feed, and [`search`] the search index;
//! 5. [`write`] swaps the new output folder in, atomically.
//!
//! A site in several languages is linked and rendered once per language
//! ([`languages`]), into one output ([`build`]).
//!
//! Each stage collects every problem it finds as a [`Diagnostic`] and the
//! pipeline stops at the end of the first stage that found an error, so a
//! writer sees all the mistakes of one kind at once and nothing is written.

pub mod build;
pub mod builtin;
pub mod config;
pub mod content;
pub mod crash;
pub mod date;
pub mod diagnostic;
pub mod external;
pub mod frontmatter;
pub mod hosts;
pub mod i18n;
pub mod images;
pub mod kinds;
pub mod languages;
pub mod link;
pub mod load;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod parse;
pub mod paths;
pub mod printable;
pub mod progress;
pub mod related;
pub mod removed;
pub mod render;
pub mod slug;
pub mod summary;
pub mod url;
pub mod views;
pub mod write;

pub use build::{BuildError, BuildReport, build, build_stoppable, build_with};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use parse::ParseCache;

use kinds::{KINDS, Kind};
use link::Site;
use output::OutputFile;
use progress::{Progress, Stage};
use render::Templates;
use std::path::{Path, PathBuf};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Overrides `base_url` from site.toml (e.g. for a preview deploy).
    pub base_url: Option<String>,
    /// Publish drafts and future-dated articles too.
    pub drafts: bool,
    /// The day of the build, for scheduled, expiring and overdue articles.
    pub today: date::Date,
    /// Build the search index (a separate step: previews may skip it).
    pub search: bool,
}

/// A site through the first three stages: what rendering starts from.
#[derive(Debug)]
pub struct Linked {
    /// The linked site, in the site's own language.
    pub site: Site,
    /// The site in each of site.toml's `[languages]`, in their order.
    pub translations: Vec<Site>,
    /// The templates, compiled.
    pub templates: Templates,
    /// Warnings found on the way.
    pub diagnostics: Diagnostics,
}

/// Loads, parses and links the site, and compiles its templates. With a
/// cache (kept by `serve` from build to build), only files whose text
/// changed are parsed again. Returns every problem found when any is an
/// error.
pub fn link_site(
    options: &BuildOptions,
    cache: Option<&mut ParseCache>,
    progress: Progress<'_>,
) -> Result<Linked, Diagnostics> {
    let mut out: Vec<Diagnostic> = Vec::new();
    progress(Stage::Load, None);
    let sources = load::load(&options.root, &mut out);
    // Nothing behind a refused link was read, so what refers to it cannot
    // be checked: stop at the links rather than report what follows from them.
    if sources.refused_link {
        return Err(all(out));
    }
    let Some(config_file) = &sources.config else {
        return Err(all(out));
    };
    let config = config::parse(
        &config_file.text,
        Path::new(config::CONFIG_FILE),
        options.base_url.as_deref(),
        &mut out,
    );
    let Some((config, base)) = config else {
        return Err(all(out));
    };
    let load::Sources {
        markdown,
        assets,
        templates,
        static_files,
        host_redirects,
        strings,
        ..
    } = sources;
    i18n::check_names(&strings, &mut out);
    let others: Vec<&str> = config.languages.keys().map(String::as_str).collect();
    let (markdown, files) =
        languages::sort_files(markdown, config.language.get_ref(), &others, &mut out);
    let count = markdown.len();
    progress(Stage::Parse, Some(count));
    let parsed = match cache {
        Some(cache) => {
            parse::parse_cached(markdown, &base.path, config.allow_html, cache, &mut out)
        }
        None => parse::parse(markdown, &base.path, config.allow_html, &mut out),
    };
    let templates = Templates::compile(&templates, &mut out);
    progress(Stage::Link, Some(count));
    let levels = config.levels.clone();
    // The link stage runs even when some files failed to parse, so one run
    // reports broken references too; it knows which files exist but failed,
    // and does not call links to them broken.
    let mut sites = Vec::with_capacity(files.len());
    let mut linked_all = true;
    for (i, mut parsed) in languages::split(parsed, &files).into_iter().enumerate() {
        let tag = files[i].tag.as_str();
        let (config, prefix) = if i == 0 {
            (config.clone(), String::new())
        } else {
            languages::retarget(
                &mut parsed,
                tag,
                &files[i].paths,
                &files[0].paths,
                &base.path,
                &mut out,
            );
            (config.in_language(tag), format!("{tag}/"))
        };
        // A language falls back to the site's own, whose strings are made first.
        let own = sites
            .first()
            .map(|s: &Site| (s.config.language.get_ref().as_str(), &s.strings));
        let strings = i18n::load_beside(tag, config.strings_fallback, own, &strings, &mut out);
        let inputs = link::Inputs {
            base: &base,
            config_text: &config_file.text,
            assets: &assets,
            static_files: &static_files,
            host_redirects: host_redirects.as_ref().filter(|_| i == 0),
            all_markdown: &files[i].paths,
            drafts: options.drafts,
            today: options.today,
            strings: &strings,
            prefix: &prefix,
        };
        match link::link(config, parsed, inputs, &mut out) {
            Some(site) => sites.push(site),
            None => linked_all = false,
        }
    }
    if files.len() > 1 {
        // What every language reads alike (site.toml's authors, static/)
        // is checked once per language: each problem is shown once.
        diagnostic::distinct(&mut out);
    }
    if let Some(own) = sites.first().filter(|_| files.len() > 1) {
        languages::check_folders(own, &others, &mut out);
    }
    languages::pair(&mut sites);
    // `[lints]` decides, before anything is rendered, which warnings are
    // shown and which stop the build.
    let out = levels.apply(out);
    let mut sites = sites.into_iter();
    match (sites.next(), templates) {
        (Some(site), Some(templates)) if linked_all && !out.iter().any(Diagnostic::is_error) => {
            Ok(Linked {
                site,
                translations: sites.collect(),
                templates,
                diagnostics: all(out),
            })
        }
        _ => Err(all(out)),
    }
}

impl Linked {
    /// The site in each of its languages, its own first.
    pub fn sites(&self) -> Vec<&Site> {
        std::iter::once(&self.site)
            .chain(&self.translations)
            .collect()
    }
}

fn all(out: Vec<Diagnostic>) -> Diagnostics {
    with(Diagnostics::new(), out)
}

/// `found` with `more` added: a later stage's errors beside the warnings of
/// the stages before.
fn with(mut found: Diagnostics, more: Vec<Diagnostic>) -> Diagnostics {
    found.extend(more);
    found
}

/// Runs every stage but the write, rendering every page and dropping it:
/// the whole of `salve check`. Returns the linked site, for lints, and its
/// warnings; or every problem found when any is an error.
pub fn check(options: &BuildOptions) -> Result<Linked, Diagnostics> {
    let mut linked = link_site(options, None, &|_, _| {})?;
    let levels = linked.site.config.levels.clone();
    let sites = std::iter::once(&mut linked.site).chain(&mut linked.translations);
    let mut found = Vec::new();
    for site in sites {
        let settings = images::Settings::of(&site.config.images);
        match images::process(site, &settings, None) {
            Ok(processed) => found.extend(levels.apply(images::apply(site, processed))),
            Err(errors) => found.extend(errors),
        }
    }
    diagnostic::distinct(&mut found);
    if found.iter().any(Diagnostic::is_error) {
        return Err(with(std::mem::take(&mut linked.diagnostics), found));
    }
    linked.diagnostics.extend(found);
    for site in linked.sites() {
        if let Err(errors) = render::render(site, &linked.templates, KINDS, &Dropped) {
            return Err(with(std::mem::take(&mut linked.diagnostics), errors));
        }
    }
    Ok(linked)
}

/// A sink that keeps nothing: `check` renders pages for their errors only.
struct Dropped;

impl render::Sink for Dropped {
    fn keep(&self, _: &str, _: &Kind, _: kinds::At, _: u64) -> bool {
        false
    }

    fn may_keep(&self, _: &str) -> bool {
        false
    }

    fn put(&self, _: OutputFile, _: &Kind, _: kinds::At, _: u64) {}
}

pub mod feeds;
pub mod jsonld;
pub mod lint;
pub mod readability;
pub mod report;
pub mod review;
pub mod search;
pub mod serve;
pub mod share;
