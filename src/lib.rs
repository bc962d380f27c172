//! salve: a static site generator for health publishers.
//!
//! The pipeline, one module per stage, plain data between them:
//!
//! 1. [`load`] walks the site folder and reads its files;
//! 2. [`parse`] reads front matter ([`frontmatter`], [`content`]) and renders
//!    Markdown ([`markdown`]);
//! 3. [`graph`] links everything: URLs, authors, causes, treatments, links,
//!    related articles;
//! 4. [`render`] turns the graph into pages with Tera ([`views`], [`pages`]);
//! 5. [`write`] swaps the new output folder in, atomically.
//!
//! Each stage collects every problem it finds as a [`Diagnostic`] and the
//! pipeline stops at the end of the first stage that found an error, so a
//! writer sees all the mistakes of one kind at once and nothing is written.

pub mod config;
pub mod content;
pub mod crash;
pub mod date;
pub mod diagnostic;
pub mod frontmatter;
pub mod graph;
pub mod load;
pub mod markdown;
pub mod pages;
pub mod parse;
pub mod paths;
pub mod printable;
pub mod progress;
pub mod related;
pub mod render;
pub mod slug;
pub mod url;
pub mod views;
pub mod write;

pub use diagnostic::{Diagnostic, Diagnostics, Severity};

use graph::Site;
use progress::{Progress, Stage};
use render::OutputFile;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// A site rendered in memory, ready to write.
#[derive(Debug)]
pub struct Rendered {
    /// The linked site.
    pub site: Site,
    /// Every rendered page.
    pub files: Vec<OutputFile>,
    /// Warnings found on the way.
    pub diagnostics: Diagnostics,
}

/// What one build keeps for the next build of the same site, so `serve`
/// re-parses only changed files and re-renders only pages whose inputs
/// changed. A one-off build keeps nothing ([`Memory::default`]).
#[derive(Debug, Default)]
pub struct Memory {
    parsed: Option<parse::ParseCache>,
    pages: Option<render::RenderMemo>,
}

impl Memory {
    /// A memory that keeps parsed files and rendered pages between builds.
    pub fn keeping() -> Self {
        Self {
            parsed: Some(parse::ParseCache::default()),
            pages: Some(render::RenderMemo::default()),
        }
    }

    /// The output paths the last build rendered rather than reused; `None`
    /// when nothing is kept (every page was rendered).
    pub fn rendered(&self) -> Option<&[String]> {
        self.pages.as_ref().map(|m| m.rendered.as_slice())
    }
}

/// Runs every stage but the write: the whole of `check`, and `build` up to
/// the disk. Returns every problem found when any is an error.
pub fn render_site(options: &BuildOptions) -> Result<Rendered, Diagnostics> {
    render_site_with(options, &mut Memory::default(), &|_, _| {}, None)
}

/// [`render_site`], reusing and updating what `memory` kept, and telling
/// `progress` as each stage starts. With a store, pages go to it as they are
/// rendered instead of into [`Rendered::files`] (see [`render::render`]).
pub fn render_site_with(
    options: &BuildOptions,
    memory: &mut Memory,
    progress: Progress<'_>,
    store: Option<&dyn render::Store>,
) -> Result<Rendered, Diagnostics> {
    let mut out: Vec<Diagnostic> = Vec::new();
    let stop = |out: Vec<Diagnostic>| {
        let mut all = Diagnostics::new();
        all.extend(out);
        all
    };

    progress(Stage::Reading, None);
    let sources = load::load(&options.root, &mut out);
    // Nothing behind a refused link was read, so what refers to it cannot
    // be checked: stop at the links rather than report what follows from them.
    if sources.refused_link {
        return Err(stop(out));
    }
    let Some(config_file) = &sources.config else {
        return Err(stop(out));
    };
    let config = config::parse(&config_file.text, Path::new(config::CONFIG_FILE), &mut out);
    let base_text = options
        .base_url
        .clone()
        .or_else(|| config.as_ref().map(|c| c.base_url.get_ref().clone()));
    let base = match base_text.as_deref().map(config::BaseUrl::parse) {
        Some(Ok(base)) => Some(base),
        Some(Err(message)) if options.base_url.is_some() => {
            out.push(
                Diagnostic::error("config", "--base-url", message)
                    .hint("pass a URL such as https://example.org/health/"),
            );
            None
        }
        _ => None,
    };
    let (Some(config), Some(base)) = (config, base) else {
        return Err(stop(out));
    };

    let load::Sources {
        markdown,
        assets,
        templates,
        static_files,
        ..
    } = sources;
    let all_markdown = markdown.iter().map(|f| f.path.clone()).collect();
    progress(Stage::Parsing, Some(markdown.len()));
    let parsed = match &mut memory.parsed {
        Some(cache) => {
            parse::parse_cached(markdown, &base.path, config.allow_html, cache, &mut out)
        }
        None => parse::parse(markdown, &base.path, config.allow_html, &mut out),
    };
    let templates = render::Templates::compile(&templates, &mut out);
    // The link stage runs even when some files failed to parse, so one run
    // reports broken references too; it knows which files exist but failed,
    // and does not call links to them broken.
    let inputs = graph::Inputs {
        base: &base,
        config_text: &config_file.text,
        assets: &assets,
        static_files: &static_files,
        all_markdown: &all_markdown,
        drafts: options.drafts,
        today: options.today,
    };
    progress(Stage::Linking, Some(all_markdown.len()));
    let site = graph::link(config, parsed, inputs, &mut out);
    let (Some(mut site), Some(templates)) = (site, templates) else {
        return Err(stop(out));
    };
    if out.iter().any(Diagnostic::is_error) {
        return Err(stop(out));
    }

    progress(Stage::Rendering, None);
    let Some(mut files) = render::render(
        &mut site,
        &templates,
        memory.pages.as_mut(),
        store,
        &mut out,
    ) else {
        return Err(stop(out));
    };
    files.extend(
        render::DEFAULT_STATIC
            .iter()
            .filter(|(path, _)| !static_files.contains(Path::new(path)))
            .map(|(path, bytes)| OutputFile {
                path: (*path).to_owned(),
                bytes: bytes.to_vec(),
            }),
    );
    // Static files go to the output root, under the files salve writes.
    site.copies
        .extend(static_files.iter().map(|(f, real)| graph::Copy {
            from: Path::new(load::STATIC).join(f),
            to: f.to_string_lossy().replace('\\', "/"),
            real: real.to_path_buf(),
        }));
    Ok(Rendered {
        site,
        files,
        diagnostics: stop(out),
    })
}

/// The outcome of a build.
#[derive(Debug)]
pub struct BuildReport {
    /// Articles published.
    pub articles: usize,
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
    build_with(options, output, &mut Memory::default(), &|_, _| {})
}

/// [`build`], reusing and updating what `memory` kept from earlier builds,
/// and telling `progress` as each stage starts.
pub fn build_with(
    options: &BuildOptions,
    output: &Path,
    memory: &mut Memory,
    progress: Progress<'_>,
) -> Result<BuildReport, BuildError> {
    let never = write::Interrupt::default();
    build_stoppable(options, output, memory, progress, &never)
}

/// [`build_with`], for a build that `interrupt` may stop (Ctrl-C): once
/// stopped, the output is either as it was or, if the commit had begun,
/// complete. An output left mid-commit by a killed build is rewritten whole.
pub fn build_stoppable(
    options: &BuildOptions,
    output: &Path,
    memory: &mut Memory,
    progress: Progress<'_>,
    interrupt: &write::Interrupt,
) -> Result<BuildReport, BuildError> {
    let root = &options.root;
    write::check_output(root, output).map_err(BuildError::Write)?;
    // Pages are written as they are rendered and dropped, so memory holds
    // the linked site, not the whole output. Only the search index needs the
    // pages again, and only `serve`'s memory keeps them for the next build.
    let staging = write::Staging::begin_with(output, interrupt).map_err(BuildError::Write)?;
    let store = OutputStore {
        staging: &staging,
        search: options.search,
        for_search: Mutex::new(Vec::new()),
        rendered: Mutex::new(Vec::new()),
        pages: AtomicUsize::new(0),
    };
    let stream = memory.pages.is_none();
    let rendered = render_site_with(
        options,
        memory,
        progress,
        stream.then_some(&store as &dyn render::Store),
    )
    .map_err(BuildError::Content)?;
    let Rendered {
        site,
        files,
        diagnostics,
    } = rendered;
    let html = |f: &&OutputFile| f.path.ends_with(".html");
    let pages = store.pages.into_inner() + files.iter().filter(html).count();
    let mut for_search = store.for_search.into_inner().unwrap_or_default();
    let mut rendered = store.rendered.into_inner().unwrap_or_default();
    if let Some(in_memory) = memory.rendered() {
        rendered.extend(in_memory.iter().cloned());
    }
    rendered.sort_unstable();
    let mut shards = (0, 0);
    if options.search {
        progress(Stage::SearchIndex, Some(pages));
        for_search.extend(
            files
                .iter()
                .filter(|f| search::is_indexed(&f.path))
                .cloned(),
        );
        let index = search::index(
            &for_search,
            &site.base.path,
            site.config.language.get_ref(),
            &|key| staging.keep_group(key),
        )
        .map_err(BuildError::Search)?;
        drop(for_search);
        shards = (index.shards.len(), index.total);
        for (key, files) in &index.shards {
            for file in files {
                staging.put_page(&file.path, &file.bytes, *key);
            }
        }
        staging.put(&index.list.path, &index.list.bytes);
    }
    // Most pages were written while rendering; the stage finishes the rest.
    progress(
        Stage::Writing,
        Some(pages + files.len() + site.copies.len()),
    );
    staging.fill(&write::OutputPlan {
        files,
        copies: site
            .copies
            .iter()
            .map(|c| (c.real.clone(), c.to.clone()))
            .collect(),
    });
    let report = staging.commit().map_err(BuildError::Write)?;
    Ok(BuildReport {
        articles: site.articles.len(),
        causes: site.causes.len(),
        treatments: site.treatments.len(),
        pages,
        copied: report.copied,
        unchanged: report.unchanged,
        written: report.rendered + report.copied - report.unchanged,
        rendered,
        search_shards: shards,
        diagnostics,
    })
}

/// The output being written, as the renderer's [`render::Store`]: pages go
/// to the staging folder as they are rendered and are dropped, except the
/// search index's share; pages the last build's cache vouches for are kept.
struct OutputStore<'a> {
    staging: &'a write::Staging,
    search: bool,
    for_search: Mutex<Vec<OutputFile>>,
    rendered: Mutex<Vec<String>>,
    /// HTML pages written or kept.
    pages: AtomicUsize,
}

impl OutputStore<'_> {
    fn count(&self, path: &str) {
        if path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn index(&self, file: OutputFile) {
        if let Ok(mut kept) = self.for_search.lock() {
            kept.push(file);
        }
    }
}

impl render::Store for OutputStore<'_> {
    fn keep(&self, path: &str, key: u64) -> bool {
        if !self.staging.keep_page(path, key) {
            return false;
        }
        self.count(path);
        if self.search && search::is_indexed(path) {
            match self.staging.read(path) {
                Some(bytes) => self.index(OutputFile {
                    path: path.to_owned(),
                    bytes,
                }),
                // Unreadable right after linking: not worth a failed build,
                // but the page must not be missing from the index.
                None => return false,
            }
        }
        true
    }

    fn put(&self, file: OutputFile, key: u64) {
        self.staging.put_page(&file.path, &file.bytes, key);
        self.count(&file.path);
        if let Ok(mut rendered) = self.rendered.lock() {
            rendered.push(file.path.clone());
        }
        if self.search && search::is_indexed(&file.path) {
            self.index(file);
        }
    }
}
pub mod feeds;
pub mod jsonld;
pub mod lint;
pub mod readability;
pub mod search;
pub mod serve;
