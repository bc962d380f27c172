//! The whole pipeline into an output folder: `salve build`, and `serve`'s
//! builds. Each language of the site is linked by [`crate::link_site`], then
//! its photos are processed, its pages rendered and its search index made,
//! and everything is written at once (see [`crate::write`]).

use crate::kinds::KINDS;
use crate::link::Site;
use crate::output::OutputFile;
use crate::progress::{Progress, Stage};
use crate::{
    BuildOptions, Diagnostic, Diagnostics, Linked, ParseCache, builtin, diagnostic, feeds, hosts,
    images, link_site, lint, removed, render, search, with, write,
};
use std::path::{Path, PathBuf};

/// The outcome of a build.
#[derive(Debug)]
pub struct BuildReport {
    /// Articles published.
    pub articles: usize,
    /// Articles left out (drafts, scheduled, expired).
    pub left_out: crate::link::LeftOut,
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
    let store = images::EncodedOnce::new(&staging);
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
    diagnostic::distinct(&mut found);
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
