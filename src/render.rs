//! Stage 4, render: the linked site to pages, as bytes, with Tera.
//!
//! In: the linked [`Site`], read only, the compiled templates and the table
//! of page kinds. Out: every page's output path and bytes, handed to a
//! [`Sink`] as each is made. Nothing is read or written here, so `build`,
//! `check` and `serve` share it: where the pages go, and which the last
//! build's cache still has, is the sink's business. Each page gets its own
//! small context of views (see `pages`).

mod templates;

pub use templates::Templates;

use crate::diagnostic::Diagnostic;
use crate::kinds::{At, Kind};
use crate::link::Site;
use crate::output::OutputFile;
use crate::pages::{CALLOUT_TEMPLATE, PageJob, TemplateFailure};
use crate::views::{CalloutView, Shared, Views};

/// Where rendered pages go: the output being written, or a check that only
/// wants the errors. Any thread may call it, once per page.
pub trait Sink: Sync {
    /// Keeps the last build's page at `path` if it was made from inputs that
    /// hash to `key` (everything a page is made from: its template, the
    /// templates that one uses, and its context). Returns whether it did; if
    /// not, the page is rendered and [`Sink::put`]. The page is page `at` of
    /// `kind`.
    fn keep(&self, path: &str, kind: &Kind, at: At, key: u64) -> bool;
    /// Whether [`Sink::keep`] could keep a page at `path` at all (the last
    /// build made one there): if not, its key is not worth making first.
    fn may_keep(&self, path: &str) -> bool;
    /// Takes rendered page `at` of `kind` and the key of its inputs.
    fn put(&self, file: OutputFile, kind: &Kind, at: At, key: u64);
}

/// Renders every page of every kind in `kinds` into `sink`. Returns every
/// distinct template error (each once, however many pages hit it).
///
/// Pages are made and rendered in parallel: each reads the linked site and
/// the compiled templates and writes nothing shared, so they need no locks.
/// A page the sink still has from the last build, made from the same
/// inputs, is not rendered at all.
pub fn render(
    site: &Site,
    templates: &Templates,
    kinds: &[Kind],
    sink: &dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    use rayon::prelude::*;
    let callout = |view: &CalloutView, name: &str| {
        let mut ctx = tera::Context::new();
        ctx.insert("callout", view);
        ctx.insert("cause_name", name);
        ctx.insert("t", site.strings.tree());
        templates.render(CALLOUT_TEMPLATE, &ctx)
    };
    let shared = Shared::new(site);
    let views = Views {
        site,
        callout: &callout,
        contexts: true,
        shared: &shared,
    };
    let pages: Vec<(&Kind, At)> = kinds
        .iter()
        .flat_map(|kind| kind.pages(site).map(move |at| (kind, at)))
        .collect();
    let failures: Vec<TemplateFailure> = pages
        .into_par_iter()
        .filter_map(|(kind, at)| render_page(&views, templates, kind, at, sink).err())
        .collect();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for failure in failures {
        let d = templates.diagnostic(&failure.error, failure.template);
        if !errors.contains(&d) {
            errors.push(d);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Makes page `at` of `kind` and hands it to `sink`, unless the sink keeps
/// the last build's.
///
/// When the sink may have it, the page's views are made twice: first for
/// the key alone, which serializes them into a hasher and builds no
/// template values, then, only if the key changed, for the template. Views
/// are plain functions of the site, so both passes see the same variables;
/// a rebuild that keeps most pages pays for the first pass only.
fn render_page(
    views: &Views<'_>,
    templates: &Templates,
    kind: &Kind,
    at: At,
    sink: &dyn Sink,
) -> Result<(), TemplateFailure> {
    let output = kind.output(views.site, at);
    let _processing = crate::crash::processing(&output);
    if sink.may_keep(&output) {
        let keys_only = Views {
            contexts: false,
            ..*views
        };
        let probe: PageJob = (kind.view)(&keys_only, kind, at)?;
        if sink.keep(&output, kind, at, templates.page_key(&probe)) {
            return Ok(());
        }
    }
    let job: PageJob = (kind.view)(views, kind, at)?;
    let key = templates.page_key(&job);
    let html = templates
        .render(job.template, &job.context)
        .map_err(|error| TemplateFailure {
            error,
            template: job.template,
        })?;
    let file = OutputFile {
        path: job.output,
        bytes: html.into_bytes(),
    };
    sink.put(file, kind, at, key);
    Ok(())
}
