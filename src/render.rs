//! Stage 4, render: the linked site to pages, as bytes, with Tera.
//!
//! In: a [`Site`] and the site's template overrides. Out: every page's output
//! path and bytes. Pure: nothing is read or written here, so `build`, `check`
//! and `serve` share it. Templates are compiled once; each page gets its own
//! small context of views (see `pages.rs`).

use crate::diagnostic::{Diagnostic, Position};
use crate::graph::Site;
use crate::load::{SourceFile, TEMPLATES};
use crate::pages::PageJob;
use crate::views::{CalloutView, Views};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasher, DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

/// The built-in templates, compiled into the binary. The bundled site's
/// `templates/` folder holds the same files, so it doubles as their source.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("causes.html", include_str!("../templates/causes.html")),
    ("cause.html", include_str!("../templates/cause.html")),
    (
        "treatments.html",
        include_str!("../templates/treatments.html"),
    ),
    (
        "treatment.html",
        include_str!("../templates/treatment.html"),
    ),
    ("author.html", include_str!("../templates/author.html")),
    ("404.html", include_str!("../templates/404.html")),
    (
        "calorie-goal.html",
        include_str!("../templates/calorie-goal.html"),
    ),
    ("search.html", include_str!("../templates/search.html")),
    (
        "partials/letters.html",
        include_str!("../templates/partials/letters.html"),
    ),
    (
        "partials/calculator.html",
        include_str!("../templates/partials/calculator.html"),
    ),
    (
        "partials/summary.html",
        include_str!("../templates/partials/summary.html"),
    ),
    (
        "partials/callout.html",
        include_str!("../templates/partials/callout.html"),
    ),
    (
        "partials/author-box.html",
        include_str!("../templates/partials/author-box.html"),
    ),
];

/// Files every site gets unless its `static/` has its own at the same path:
/// the stylesheet and icon the default templates link to.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("css/salve.css", include_bytes!("../static/css/salve.css")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    (
        "js/calorie-goal.js",
        include_bytes!("../static/js/calorie-goal.js"),
    ),
    ("js/search.js", include_bytes!("../static/js/search.js")),
];

/// A rendered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output root, with `/` separators.
    pub path: String,
    /// Its contents.
    pub bytes: Vec<u8>,
}

/// Compiled templates: the defaults with the site's overrides on top.
pub struct Templates {
    tera: tera::Tera,
    /// Names the site overrides, to report errors against the right file.
    overridden: BTreeSet<String>,
    /// Every template's text, to show the line of an error.
    sources: BTreeMap<String, String>,
    /// Per template, a hash of its text and of every template it may use.
    fingerprints: BTreeMap<String, u64>,
}

/// Pages rendered by an earlier build of the same site, kept by `serve`:
/// a page whose template and context are unchanged is not rendered again.
/// The key hashes everything the page is made from, so a reused page is
/// always the page a full build would write.
#[derive(Debug, Default)]
pub struct RenderMemo {
    pages: HashMap<String, (u64, Vec<u8>)>,
    /// The output paths rendered (not reused) by the last call to [`render`].
    pub rendered: Vec<String>,
}

impl Templates {
    /// Compiles the templates, reporting every syntax error of every file.
    pub fn compile(overrides: &[SourceFile], out: &mut Vec<Diagnostic>) -> Option<Self> {
        let overridden: BTreeSet<String> = overrides
            .iter()
            .map(|f| f.path.to_string_lossy().replace('\\', "/"))
            .collect();
        let mut all: Vec<(String, &str)> = DEFAULT_TEMPLATES
            .iter()
            .filter(|(name, _)| !overridden.contains(*name))
            .map(|(name, text)| ((*name).to_owned(), *text))
            .collect();
        all.extend(
            overrides
                .iter()
                .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.text.as_str())),
        );
        let sources = all
            .iter()
            .map(|(n, t)| (n.clone(), (*t).to_owned()))
            .collect();
        let fingerprints = fingerprints(&sources);
        let templates = Self {
            tera: tera::Tera::new(),
            overridden,
            sources,
            fingerprints,
        };
        // Each file alone first, so one run reports the syntax errors of all.
        let before = out.len();
        for (name, text) in &all {
            let mut probe = tera::Tera::new();
            if let Err(err) = probe.add_raw_template(name, text) {
                if !matches!(err.kind(), tera::ErrorKind::MissingParent { .. }) {
                    out.push(templates.diagnostic(&err, name));
                }
            }
        }
        if out.len() > before {
            return None;
        }
        let mut templates = templates;
        if let Err(err) = templates
            .tera
            .add_raw_templates(all.iter().map(|(n, t)| (n.as_str(), *t)))
        {
            out.push(templates.diagnostic(&err, "templates"));
            return None;
        }
        Some(templates)
    }

    /// Where a template's problems are reported: its file in `templates/`, or
    /// the built-in copy.
    fn path_of(&self, name: &str) -> PathBuf {
        if self.overridden.contains(name) {
            PathBuf::from(TEMPLATES).join(name)
        } else {
            PathBuf::from("<built-in templates>").join(name)
        }
    }

    fn diagnostic(&self, err: &tera::Error, fallback: &str) -> Diagnostic {
        use tera::ErrorKind;
        match err.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let name = if report.filename().is_empty() {
                    fallback
                } else {
                    report.filename()
                };
                let span = report.span();
                let source = self.source_of(name);
                let mut d = Diagnostic::error("template", self.path_of(name), report.message())
                    .hint("fix the template at this place; the variables of each page are listed under \"Templates\" in salve's README");
                if let Some(source) = source {
                    d = d.at(
                        Position {
                            line: span.start_line.max(1),
                            column: span.start_col + 1,
                        },
                        source,
                    );
                }
                d
            }
            ErrorKind::MissingParent { current, parent } => Diagnostic::error(
                "template",
                self.path_of(current),
                format!("this template extends `{parent}`, which does not exist"),
            )
            .hint("fix the name in {% extends %}, or add the template"),
            _ => Diagnostic::error("template", self.path_of(fallback), err.to_string())
                .hint("fix the template; see \"Templates\" in salve's README"),
        }
    }

    fn source_of(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(String::as_str)
    }

    /// What a page is made from: its template (with the templates it uses)
    /// and its context.
    fn page_key(&self, job: &PageJob) -> u64 {
        // Hashing every page's context is a good part of a build that keeps
        // most pages: foldhash is several times faster than SipHash here.
        let mut state = foldhash::quality::FixedState::with_seed(KEY_SEED).build_hasher();
        self.fingerprints.get(job.template).hash(&mut state);
        job.template.hash(&mut state);
        job.hash_context(&mut state);
        state.finish()
    }
}

/// The seed of page keys: any fixed number, so keys agree from run to run.
const KEY_SEED: u64 = 0x5a17e;

/// Hashes each template with every template it names. A template can only
/// use another by naming it in a string (`extends`, `include`, `import`), so
/// counting every quoted template name as used may over-count, never miss.
fn fingerprints(sources: &BTreeMap<String, String>) -> BTreeMap<String, u64> {
    let names_in = |text: &str| -> Vec<&str> {
        sources
            .keys()
            .map(String::as_str)
            .filter(|n| text.contains(&format!("\"{n}\"")) || text.contains(&format!("'{n}'")))
            .collect()
    };
    sources
        .keys()
        .map(|name| {
            let mut used = BTreeSet::from([name.as_str()]);
            let mut todo = vec![name.as_str()];
            while let Some(next) = todo.pop() {
                for n in names_in(&sources[next]) {
                    if used.insert(n) {
                        todo.push(n);
                    }
                }
            }
            let mut state = DefaultHasher::new();
            for n in used {
                (n, &sources[n]).hash(&mut state);
            }
            (name.clone(), state.finish())
        })
        .collect()
}

/// Renders every page of the site. Each article page takes its body's HTML
/// out of `site` and drops it once rendered, so the bodies of a large site
/// are not all held until the last page is done. Each distinct template
/// error is reported once, however many pages hit it. With a memo, pages whose inputs are
/// unchanged since the memo's last build are reused instead of rendered.
///
/// Pages are made and rendered in parallel: each reads the linked site and
/// the compiled templates and writes nothing shared, so they need no locks.
/// With a store, each page goes to it as soon as it is rendered (to be
/// written and dropped) instead of into the returned list, and a page the
/// store still has from the last build, made from the same inputs, is not
/// rendered at all; a memo needs the pages themselves, so the two are not
/// used together.
pub fn render(
    site: &mut Site,
    templates: &Templates,
    memo: Option<&mut RenderMemo>,
    store: Option<&dyn Store>,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<OutputFile>> {
    use rayon::prelude::*;
    // The feed carries the newest bodies too: it is made before they go.
    let feed = crate::feeds::files(site);
    let bodies: Vec<String> = site
        .articles
        .iter_mut()
        .map(|a| std::mem::take(&mut a.body.html))
        .collect();
    let site = &*site;
    let views = Views { site };
    let callout = |view: &CalloutView, name: &str| {
        let mut ctx = tera::Context::new();
        ctx.insert("callout", view);
        ctx.insert("cause_name", name);
        templates.tera.render("partials/callout.html", &ctx)
    };
    let mut pages: Vec<Page> = vec![
        Page::Home,
        Page::Causes,
        Page::Treatments,
        Page::Calculator,
        Page::Search,
        Page::NotFound,
    ];
    pages.extend(
        bodies
            .into_iter()
            .enumerate()
            .map(|(i, b)| Page::Article(i, b)),
    );
    pages.extend((0..site.causes.len()).map(Page::Cause));
    pages.extend((0..site.treatments.len()).map(Page::Treatment));
    pages.extend((0..site.authors.len()).map(Page::Author));

    let previous = memo.as_deref();
    let outcomes: Vec<Outcome> = pages
        .into_par_iter()
        .map(|page| {
            let job = match page {
                Page::Home => views.home(),
                Page::Causes => views.causes(),
                Page::Treatments => views.treatments(),
                Page::Calculator => views.calculator(),
                Page::Search => views.search(),
                Page::NotFound => views.not_found(),
                Page::Article(i, body) => match views.article(i, body, &callout) {
                    Ok(job) => job,
                    Err(err) => return Outcome::Failed(err, "partials/callout.html"),
                },
                Page::Cause(i) => views.cause(i),
                Page::Treatment(i) => views.treatment(i),
                Page::Author(i) => views.author_page(i),
            };
            let _processing = crate::crash::processing(&job.output);
            let key = (previous.is_some() || store.is_some()).then(|| templates.page_key(&job));
            if let (Some(store), Some(key)) = (store, key) {
                if store.keep(&job.output, key) {
                    return Outcome::Sent;
                }
            }
            if let (Some(memo), Some(key)) = (previous, key) {
                if let Some((_, bytes)) = memo.pages.get(&job.output).filter(|(k, _)| *k == key) {
                    return Outcome::Reused(OutputFile {
                        path: job.output,
                        bytes: bytes.clone(),
                    });
                }
            }
            match templates.tera.render(job.template, &job.context) {
                Ok(html) => {
                    let file = OutputFile {
                        path: job.output,
                        bytes: html.into_bytes(),
                    };
                    match (store, key) {
                        (Some(store), Some(key)) => {
                            store.put(file, key);
                            Outcome::Sent
                        }
                        _ => Outcome::Rendered(file, key),
                    }
                }
                Err(err) => Outcome::Failed(err, job.template),
            }
        })
        .collect();

    let mut memo = memo;
    if let Some(memo) = memo.as_deref_mut() {
        memo.rendered.clear();
    }
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut files = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            Outcome::Reused(file) => files.push(file),
            Outcome::Sent => {}
            Outcome::Rendered(file, key) => {
                if let (Some(memo), Some(key)) = (memo.as_deref_mut(), key) {
                    memo.rendered.push(file.path.clone());
                    memo.pages
                        .insert(file.path.clone(), (key, file.bytes.clone()));
                }
                files.push(file);
            }
            Outcome::Failed(err, template) => {
                let d = templates.diagnostic(&err, template);
                if !errors.contains(&d) {
                    errors.push(d);
                }
            }
        }
    }
    files.extend(feed);
    if errors.is_empty() {
        Some(files)
    } else {
        out.extend(errors);
        None
    }
}

/// Where pages go when they are not collected: the output being written,
/// which may still hold the last build's pages. Any thread may call it, once
/// per page.
pub trait Store: Sync {
    /// Keeps the last build's page at `path` if it was made from inputs that
    /// hash to `key` (everything a page is made from: its template, the
    /// templates that one uses, and its context). Returns whether it did; if
    /// not, the page is rendered and [`Store::put`].
    fn keep(&self, path: &str, key: u64) -> bool;
    /// Takes a rendered page and the key of its inputs.
    fn put(&self, file: OutputFile, key: u64);
}

/// Which page to make.
#[derive(Debug)]
enum Page {
    Home,
    Causes,
    Treatments,
    Calculator,
    Search,
    NotFound,
    /// An article, with the HTML of its body.
    Article(usize, String),
    Cause(usize),
    Treatment(usize),
    Author(usize),
}

/// What became of one page.
enum Outcome {
    /// The memo's bytes, its inputs unchanged.
    Reused(OutputFile),
    /// Rendered now, with its memo key when a memo is kept.
    Rendered(OutputFile, Option<u64>),
    /// Kept by the store, or rendered now and handed to it.
    Sent,
    /// The template failed, named for the report.
    Failed(tera::Error, &'static str),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(partial: &str) -> BTreeMap<String, String> {
        [
            ("page.html", "{% extends \"base.html\" %}"),
            ("base.html", "{% include 'partials/box.html' %}"),
            ("partials/box.html", partial),
            ("alone.html", "no includes"),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_owned(), t.to_owned()))
        .collect()
    }

    #[test]
    fn a_template_fingerprint_follows_the_templates_it_uses() {
        let before = fingerprints(&sources("box"));
        let after = fingerprints(&sources("changed box"));
        // Through extends and then include.
        assert_ne!(before["page.html"], after["page.html"]);
        assert_ne!(before["base.html"], after["base.html"]);
        assert_eq!(before["alone.html"], after["alone.html"]);
    }
}
