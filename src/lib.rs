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
//! Each stage collects every problem it finds as a [`Diagnostic`] and the
//! pipeline stops at the end of the first stage that found an error, so a
//! writer sees all the mistakes of one kind at once and nothing is written.

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
    let all_markdown: std::collections::BTreeSet<PathBuf> =
        markdown.iter().map(|f| f.path.clone()).collect();
    progress(Stage::Parse, Some(markdown.len()));
    let parsed = match cache {
        Some(cache) => {
            parse::parse_cached(markdown, &base.path, config.allow_html, cache, &mut out)
        }
        None => parse::parse(markdown, &base.path, config.allow_html, &mut out),
    };
    let templates = Templates::compile(&templates, &mut out);
    progress(Stage::Link, Some(all_markdown.len()));
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
        distinct(&mut out);
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

/// Drops the second and later copies of each problem.
fn distinct(out: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    out.retain(|d| seen.insert((d.code, d.path.clone(), d.line, d.column, d.message.clone())));
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
    distinct(&mut found);
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

/// The outcome of a build.
#[derive(Debug)]
pub struct BuildReport {
    /// Articles published.
    pub articles: usize,
    /// Articles left out (drafts, scheduled, expired).
    pub left_out: link::LeftOut,
    /// Cause pages.
    pub causes: usize,
    /// Treatment pages.
    pub treatments: usize,
    /// Pages rendered.
    pub pages: usize,
    /// Files copied.
    pub copied: usize,
    /// Files, rendered or copied, whose bytes equal the previous output's:
    /// they were linked from it, keeping their modification times.
    pub unchanged: usize,
    /// Files written because they are new or their bytes changed.
    pub written: usize,
    /// The output paths of the pages rendered, A–Z; the other pages were
    /// kept from the last build, their inputs unchanged.
    pub rendered: Vec<String>,
    /// (built, all) shards of the search index: a shard whose pages are
    /// unchanged since the last build is kept, not built again.
    pub search_shards: (usize, usize),
    /// (encoded, all) photos: a photo whose bytes and `[images]` settings
    /// are unchanged since the last build is kept, not encoded again.
    pub photos: (usize, usize),
    /// Warnings.
    pub diagnostics: Diagnostics,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// The content has errors; nothing was written.
    Content(Diagnostics),
    /// The output could not be written; the previous output is unchanged.
    Write(write::WriteError),
    /// The search index could not be built; nothing was written.
    Search(search::SearchError),
}

/// Builds the site at `options.root` into `output`.
pub fn build(options: &BuildOptions, output: &Path) -> Result<BuildReport, BuildError> {
    build_with(options, output, None, &|_, _| {})
}

/// [`build`], reusing and updating the parsed files `cache` kept from
/// earlier builds, and telling `progress` as each stage starts.
pub fn build_with(
    options: &BuildOptions,
    output: &Path,
    cache: Option<&mut ParseCache>,
    progress: Progress<'_>,
) -> Result<BuildReport, BuildError> {
    let never = write::Interrupt::default();
    build_stoppable(options, output, cache, progress, &never)
}

/// [`build_with`], for a build that `interrupt` may stop (Ctrl-C): once
/// stopped, the output is either as it was or, if the commit had begun,
/// complete. An output left mid-commit by a killed build is rewritten whole.
///
/// Every command that writes shares one cache of pages: the build cache
/// the output carries (see [`write`]), so a page whose inputs are unchanged
/// since the last build is kept, not rendered.
pub fn build_stoppable(
    options: &BuildOptions,
    output: &Path,
    cache: Option<&mut ParseCache>,
    progress: Progress<'_>,
    interrupt: &write::Interrupt,
) -> Result<BuildReport, BuildError> {
    write::check_build_output(&options.root, output).map_err(BuildError::Write)?;
    let staging = write::Staging::begin_with(output, interrupt).map_err(BuildError::Write)?;
    let Linked {
        site,
        translations,
        templates,
        mut diagnostics,
    } = link_site(options, cache, progress).map_err(BuildError::Content)?;
    // The site in each of its languages, its own first: each is rendered,
    // indexed and fed on its own, into the one output.
    let mut sites: Vec<Site> = std::iter::once(site).chain(translations).collect();
    let levels = sites[0].config.levels.clone();
    let shown = output.strip_prefix(&options.root).unwrap_or(output);
    let gone = levels.apply(removed::removed(
        &sites.iter().collect::<Vec<_>>(),
        output,
        shown,
    ));
    if gone.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(with(diagnostics, gone)));
    }
    diagnostics.extend(gone);
    staging.remember_urls(sites.iter().flat_map(removed::published).collect());

    let mut photos = (0, 0);
    let mut all_photos = std::collections::HashSet::new();
    let mut found = Vec::new();
    let store = EncodedOnce::new(&staging);
    for site in &mut sites {
        let settings = images::Settings::of(&site.config.images);
        let processed = match images::process(site, &settings, Some(&store)) {
            Ok(found) => found,
            Err(errors) => return Err(BuildError::Content(with(diagnostics, errors))),
        };
        photos.0 += processed.encoded;
        // A photo the languages share counts once.
        all_photos.extend(processed.processed.keys().cloned());
        all_photos.extend(processed.drawn.keys().cloned());
        let warnings = images::apply(site, processed);
        let mut warnings = levels.apply(warnings);
        // A lint only `check` reports still stops the build when `[lints]`
        // denies it (its warnings stay check's); looked for only then.
        if levels.any_denied() {
            let denied = levels.apply(lint::lint(site));
            warnings.extend(denied.into_iter().filter(Diagnostic::is_error));
        }
        found.extend(warnings);
    }
    photos.1 = all_photos.len();
    // The languages share their photos: each problem with one is shown once.
    distinct(&mut found);
    if found.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(with(diagnostics, found)));
    }
    diagnostics.extend(found);

    progress(Stage::Render, None);
    // Pages are written as they are rendered and dropped, so memory holds
    // the linked site, not the whole output; only the search index's pages
    // are kept for it.
    let mut stored = Vec::with_capacity(sites.len());
    for site in &sites {
        let store = write::PageStore::new(&staging, options.search);
        if let Err(errors) = render::render(site, &templates, KINDS, &store) {
            return Err(BuildError::Content(with(diagnostics, errors)));
        }
        stored.push(store.finish());
    }
    let feeds = feeds::files(&sites, KINDS);
    // The bodies are in the pages and the feed now; the search index
    // needs the memory more.
    for site in &mut sites {
        site.drop_bodies();
    }
    let pages: usize = stored.iter().map(|s| s.pages).sum();
    let mut rendered: Vec<String> = Vec::new();

    let mut shards = (0, 0);
    if options.search {
        progress(Stage::Search, Some(pages));
    }
    for (site, stored) in sites.iter().zip(stored) {
        rendered.extend(stored.rendered);
        if options.search {
            let (built, all) = index(site, stored.for_search, &staging)?;
            shards = (shards.0 + built, shards.1 + all);
        }
    }
    rendered.sort_unstable();

    let plan = output_plan(&sites, feeds);
    progress(
        Stage::Write,
        Some(pages + plan.files.len() + plan.copies.len()),
    );
    staging.fill(&plan);
    let report = staging.commit().map_err(BuildError::Write)?;
    let sum = |f: fn(&Site) -> usize| sites.iter().map(f).sum();
    Ok(BuildReport {
        articles: sum(|s| s.articles.len()),
        left_out: sites[0].left_out,
        causes: sum(|s| s.causes.len()),
        treatments: sum(|s| s.treatments.len()),
        pages,
        copied: report.copied,
        unchanged: report.unchanged,
        written: report.rendered + report.copied - report.unchanged,
        rendered,
        search_shards: shards,
        photos,
        diagnostics,
    })
}

/// The build's store of encoded photos, which the languages share: a photo
/// one language encoded is kept, not encoded again, by the next.
struct EncodedOnce<'s> {
    staging: &'s write::Staging,
    made: std::sync::Mutex<std::collections::HashSet<u64>>,
}

impl<'s> EncodedOnce<'s> {
    fn new(staging: &'s write::Staging) -> Self {
        Self {
            staging,
            made: Default::default(),
        }
    }
}

impl images::Store for EncodedOnce<'_> {
    fn keep(&self, key: u64) -> bool {
        let made = self.made.lock().is_ok_and(|made| made.contains(&key));
        made || images::Store::keep(self.staging, key)
    }

    fn put(&self, path: &str, bytes: &[u8], key: u64) {
        if let Ok(mut made) = self.made.lock() {
            made.insert(key);
        }
        images::Store::put(self.staging, path, bytes, key);
    }
}

/// Builds the search index of `pages` into `staging`, keeping each shard
/// whose pages are unchanged since the last build. Returns (built, all)
/// shards.
fn index(
    site: &Site,
    pages: Vec<search::Page>,
    staging: &write::Staging,
) -> Result<(usize, usize), BuildError> {
    let index = search::index(
        pages,
        &site.base.path,
        &site.prefix,
        site.config.language.get_ref(),
        &|key| staging.keep_group(key),
        &|path| staging.read(path),
    )
    .map_err(BuildError::Search)?;
    for (key, files) in &index.shards {
        for file in files {
            staging.put_page(&file.path, &file.bytes, *key);
        }
    }
    staging.put(&index.list.path, &index.list.bytes);
    Ok((index.shards.len(), index.total))
}

/// The rest of the output: the feeds, the built-in static files the site
/// does not replace, and the files copied as they are.
fn output_plan(sites: &[Site], feeds: Vec<OutputFile>) -> write::OutputPlan {
    let mut files = feeds;
    files.extend(hosts::redirects(sites));
    if let Some(site) = sites.first() {
        files.extend(builtin::static_files_not_in(&site.copies));
    }
    // The languages share their photos and `static/`: each file is copied
    // once.
    let mut copies: Vec<(PathBuf, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for site in sites {
        for c in &site.copies {
            let made = site.images.contains_key(&c.to) || site.scrubbed.contains(&c.to);
            if !made && seen.insert(c.to.as_str()) {
                copies.push((c.real.clone(), c.to.clone()));
            }
        }
    }
    write::OutputPlan { files, copies }
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
