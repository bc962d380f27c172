//! Stage 2, parse: front matter and Markdown of every file under `articles/`
//! and `pages/`.
//!
//! In: the loaded Markdown files. Out: [`Parsed`], each file's typed front
//! matter and rendered body. Files are independent here; nothing refers to
//! another file until the link stage.

use crate::content::{
    ARTICLE_FIELDS, ArticleMeta, OVERVIEW_FIELDS, OverviewMeta, PAGE_FIELDS, PageMeta,
};
use crate::diagnostic::{Diagnostic, Position};
use crate::frontmatter;
use crate::load::SourceFile;
use crate::markdown::{self, Body};
use crate::paths::{SourceKind, kind_of};
use crate::slug::slugify;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A parsed file: where it came from, its text (for locating problems found
/// later) and its rendered body.
#[derive(Debug, Clone)]
pub struct Parsed<M> {
    /// Relative to the site root.
    pub source: PathBuf,
    /// The file up to the end of its front matter (the body's problems are
    /// located as it is parsed).
    pub text: String,
    /// Byte offset of the TOML in `text`; add a span's start to locate a value.
    pub toml_start: usize,
    /// The front matter.
    pub meta: M,
    /// The body.
    pub body: Body,
}

impl<M> Parsed<M> {
    /// The position of a front matter value by its span.
    pub fn pos(&self, span: std::ops::Range<usize>) -> Position {
        Position::of_offset(&self.text, self.toml_start + span.start)
    }

    /// A diagnostic located at a front matter value.
    pub fn at(&self, d: Diagnostic, span: std::ops::Range<usize>) -> Diagnostic {
        d.at(self.pos(span), &self.text)
    }
}

/// An overview page with the slug of the cause or treatment it describes,
/// or a section's `_index.md` with the section's path as its slug.
#[derive(Debug, Clone)]
pub struct Overview {
    /// Cause or treatment.
    pub kind: SourceKind,
    /// From the file name.
    pub slug: String,
    /// The file.
    pub page: Parsed<OverviewMeta>,
}

/// Everything parsed.
#[derive(Debug, Default)]
pub struct ParsedSite {
    /// Articles, in path order.
    pub articles: Vec<Parsed<ArticleMeta>>,
    /// Cause and treatment overviews and sections' `_index.md`, in path
    /// order.
    pub overviews: Vec<Overview>,
    /// Standalone pages, in path order.
    pub pages: Vec<Parsed<PageMeta>>,
}

/// How long one file may take to parse before the build stops with an error
/// naming it. Markdown parsers have had inputs that take minutes; a writer
/// should get a message, not a hang.
pub const FILE_BUDGET: Duration = Duration::from_secs(10);

/// One file's outcome, sent from the parsing thread.
#[derive(Clone)]
enum FileOutcome {
    // Boxed: the two differ a lot in size, and the value only passes through.
    Article(Option<Box<Parsed<ArticleMeta>>>),
    Overview(Option<Box<Overview>>),
    Page(Option<Box<Parsed<PageMeta>>>),
}

/// Files parsed by an earlier build of the same site, kept by `serve` so a
/// save re-parses only the files whose text changed.
#[derive(Default)]
pub struct ParseCache {
    /// The settings the cached bodies were rendered with.
    settings: Option<(String, bool)>,
    files: HashMap<PathBuf, (u64, FileOutcome, Vec<Diagnostic>)>,
}

impl std::fmt::Debug for ParseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ParseCache({} files)", self.files.len())
    }
}

/// Parses every Markdown file, pushing each file's problems into `out`.
pub fn parse(
    files: Vec<SourceFile>,
    base_path: &str,
    allow_html: bool,
    out: &mut Vec<Diagnostic>,
) -> ParsedSite {
    parse_within(files, base_path, allow_html, FILE_BUDGET, out)
}

/// [`parse`], reusing the files of `cache` whose text is unchanged and
/// keeping every file's outcome in it for the next build.
pub fn parse_cached(
    files: Vec<SourceFile>,
    base_path: &str,
    allow_html: bool,
    cache: &mut ParseCache,
    out: &mut Vec<Diagnostic>,
) -> ParsedSite {
    run(files, base_path, allow_html, FILE_BUDGET, Some(cache), out)
}

/// [`parse`] with a given time budget per file. Files are parsed on a worker
/// thread; when one takes longer than `budget` the stage stops with an error
/// naming it (the worker is left to finish on its own: the build is over).
pub fn parse_within(
    files: Vec<SourceFile>,
    base_path: &str,
    allow_html: bool,
    budget: Duration,
    out: &mut Vec<Diagnostic>,
) -> ParsedSite {
    run(files, base_path, allow_html, budget, None, out)
}

fn run(
    files: Vec<SourceFile>,
    base_path: &str,
    allow_html: bool,
    budget: Duration,
    mut cache: Option<&mut ParseCache>,
    out: &mut Vec<Diagnostic>,
) -> ParsedSite {
    if let Some(cache) = cache.as_deref_mut() {
        cache.prepare((base_path.to_owned(), allow_html), &files);
    }
    let (order, to_parse) = plan(files, cache.as_deref());
    let parsing: Vec<PathBuf> = to_parse.iter().map(|f| f.path.clone()).collect();
    let rx = match spawn_parser(to_parse, base_path, allow_html) {
        Ok(rx) => rx,
        Err(err) => {
            out.push(Diagnostic::error(
                "parse",
                "articles",
                format!("cannot start the parser: {err}"),
            ));
            return ParsedSite::default();
        }
    };
    let mut arrivals = Arrivals {
        rx,
        budget,
        arrived: HashMap::new(),
        running: HashMap::new(),
        next: 0,
    };
    let mut site = ParsedSite::default();
    for (name, hash, cached) in order {
        let hit = cache
            .as_ref()
            .filter(|_| cached)
            .and_then(|c| c.files.get(&name))
            .map(|(_, parsed, diagnostics)| (parsed.clone(), diagnostics.clone()));
        let received = match hit {
            Some(hit) => Ok(hit),
            None => arrivals.next(),
        };
        let (parsed, diagnostics) = match received {
            Ok(received) => received,
            Err(stalled) => {
                let slow = match stalled {
                    Stalled::TooSlow(i) => parsing.get(i).cloned().unwrap_or(name),
                    Stalled::Gone => name,
                };
                out.push(too_slow(slow, budget));
                break;
            }
        };
        if let (Some(cache), false) = (cache.as_deref_mut(), cached) {
            cache
                .files
                .insert(name, (hash, parsed.clone(), diagnostics.clone()));
        }
        out.extend(diagnostics);
        site.add(parsed);
    }
    site
}

impl ParseCache {
    /// Empties the cache if the bodies in it were rendered with other
    /// settings, and forgets the files that are gone.
    fn prepare(&mut self, settings: (String, bool), files: &[SourceFile]) {
        let settings = Some(settings);
        if self.settings != settings {
            *self = ParseCache {
                settings,
                ..ParseCache::default()
            };
        }
        let present: std::collections::HashSet<&PathBuf> = files.iter().map(|f| &f.path).collect();
        self.files.retain(|path, _| present.contains(path));
    }
}

impl ParsedSite {
    fn add(&mut self, outcome: FileOutcome) {
        match outcome {
            FileOutcome::Article(Some(page)) => self.articles.push(*page),
            FileOutcome::Overview(Some(overview)) => self.overviews.push(*overview),
            FileOutcome::Page(Some(page)) => self.pages.push(*page),
            FileOutcome::Article(None) | FileOutcome::Overview(None) | FileOutcome::Page(None) => {}
        }
    }
}

/// Each file in order (its name, hash, and whether the cache already has
/// it), and the files to parse.
fn plan(
    files: Vec<SourceFile>,
    cache: Option<&ParseCache>,
) -> (Vec<(PathBuf, u64, bool)>, Vec<SourceFile>) {
    let order: Vec<(PathBuf, u64, bool)> = files
        .iter()
        .map(|f| {
            let hash = text_hash(&f.text);
            let cached = cache
                .and_then(|c| c.files.get(&f.path))
                .is_some_and(|(h, _, _)| *h == hash);
            (f.path.clone(), hash, cached)
        })
        .collect();
    let to_parse: Vec<SourceFile> = files
        .into_iter()
        .zip(&order)
        .filter(|(_, (_, _, cached))| !cached)
        .map(|(f, _)| f)
        .collect();
    (order, to_parse)
}

/// A parsed file's outcome as the parsing threads send it: its place among
/// the files to parse, the outcome and its problems.
/// What the parsing threads report of file `i` of those sent to parse.
enum Message {
    /// A thread began parsing it, at that instant.
    Started(usize, Instant),
    /// It is parsed.
    Done(usize, FileOutcome, Vec<Diagnostic>),
}

/// Starts parsing `files` on every core, off this thread; the outcomes
/// arrive on the returned channel, in any order.
fn spawn_parser(
    files: Vec<SourceFile>,
    base_path: &str,
    allow_html: bool,
) -> std::io::Result<mpsc::Receiver<Message>> {
    let (tx, rx) = mpsc::channel();
    let base = base_path.to_owned();
    std::thread::Builder::new()
        .name("parse".into())
        .spawn(move || {
            use rayon::prelude::*;
            files
                .into_par_iter()
                .enumerate()
                .for_each_with(tx, |tx, (i, file)| {
                    // The receiver is gone only when the stage stopped early.
                    let _ = tx.send(Message::Started(i, Instant::now()));
                    let mut diagnostics = Vec::new();
                    let parsed = parse_file(file, &base, allow_html, &mut diagnostics);
                    let _ = tx.send(Message::Done(i, parsed, diagnostics));
                });
        })?;
    Ok(rx)
}

/// The parsed files, taken in order as they arrive. A file a thread has
/// been parsing for longer than the time budget stops the stage.
struct Arrivals {
    rx: mpsc::Receiver<Message>,
    budget: Duration,
    /// Outcomes that came before their turn, by place.
    arrived: HashMap<usize, (FileOutcome, Vec<Diagnostic>)>,
    /// Files being parsed, by place, with when each began.
    running: HashMap<usize, Instant>,
    /// The place of the next file to take.
    next: usize,
}

/// Why the parsed files stopped coming.
enum Stalled {
    /// File `i` has been parsing for longer than the budget.
    TooSlow(usize),
    /// The parsing threads are gone.
    Gone,
}

impl Arrivals {
    /// The next file's outcome, or why it will not come.
    fn next(&mut self) -> Result<(FileOutcome, Vec<Diagnostic>), Stalled> {
        let wanted = self.next;
        self.next += 1;
        loop {
            if let Some(result) = self.arrived.remove(&wanted) {
                return Ok(result);
            }
            // Only a file being parsed is timed: one still queued waits for
            // a busy machine, or a thread pool that other work shares,
            // which says nothing about its Markdown.
            let oldest = self.running.iter().min_by_key(|(_, began)| **began);
            if let Some((&i, began)) = oldest {
                if began.elapsed() >= self.budget {
                    return Err(Stalled::TooSlow(i));
                }
            }
            let wait = oldest.map_or(self.budget, |(_, began)| {
                self.budget.saturating_sub(began.elapsed())
            });
            match self.rx.recv_timeout(wait) {
                Ok(Message::Started(i, began)) => {
                    self.running.insert(i, began);
                }
                Ok(Message::Done(i, parsed, diagnostics)) => {
                    self.running.remove(&i);
                    self.arrived.insert(i, (parsed, diagnostics));
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(Stalled::Gone),
            }
        }
    }
}

/// The error naming the file that took longer than the budget.
fn too_slow(name: PathBuf, budget: Duration) -> Diagnostic {
    Diagnostic::error(
        "too-slow",
        name,
        format!("the file took more than {} s to parse; the build stopped", budget.as_secs_f32()),
    )
    .hint("simplify its Markdown (long runs of brackets or emphasis markers are the usual cause) or split the article")
}

/// Whether a file changed since the cache had it: every file is hashed on
/// every build, one after another, so the hash is foldhash's (several
/// times faster than SipHash over long texts) with a fixed seed.
fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x5a17e).hash_one(text)
}

fn parse_file(
    file: SourceFile,
    base_path: &str,
    allow_html: bool,
    out: &mut Vec<Diagnostic>,
) -> FileOutcome {
    let _processing = crate::crash::processing(&file.path);
    let kind = kind_of(&file.path);
    match kind {
        SourceKind::Article => FileOutcome::Article(
            parse_one(file, ARTICLE_FIELDS, base_path, allow_html, out).map(Box::new),
        ),
        SourceKind::Page => FileOutcome::Page(
            parse_one(file, PAGE_FIELDS, base_path, allow_html, out).map(Box::new),
        ),
        SourceKind::CauseOverview | SourceKind::TreatmentOverview | SourceKind::SectionIndex => {
            FileOutcome::Overview(
                parse_one(file, OVERVIEW_FIELDS, base_path, allow_html, out).map(|page| {
                    let slug = if kind == SourceKind::SectionIndex {
                        crate::paths::page_path(&page.source)
                    } else {
                        slugify(crate::paths::name_of(&page.source))
                    };
                    Box::new(Overview { kind, slug, page })
                }),
            )
        }
    }
}

fn parse_one<M: serde::de::DeserializeOwned>(
    file: SourceFile,
    fields: &[&str],
    base_path: &str,
    allow_html: bool,
    out: &mut Vec<Diagnostic>,
) -> Option<Parsed<M>> {
    let split = match frontmatter::split(&file.text, &file.path) {
        Ok(s) => s,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    let meta = frontmatter::parse::<M>(&split, &file.text, &file.path, fields);
    // The body is checked even when the front matter is wrong, so that one
    // run reports the problems of both.
    let body = markdown::render(
        &markdown::Input {
            text: &file.text,
            body_start: split.body_start,
            source: &file.path,
            base_path,
            allow_html,
        },
        out,
    );
    let (toml_start, body_start) = (split.toml_start, split.body_start);
    // Only the front matter's text is kept, to locate problems in it found
    // later: the body's are located already, and on a big site the texts of
    // all bodies are a third of the memory a build needs.
    let mut text = file.text;
    text.truncate(body_start);
    text.shrink_to_fit();
    match meta {
        Ok(meta) => Some(Parsed {
            source: file.path,
            text,
            toml_start,
            meta,
            body,
        }),
        Err(d) => {
            out.push(d);
            None
        }
    }
}

#[cfg(test)]
mod tests;
