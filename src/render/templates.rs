//! The templates: the built-in ones with the site's overrides on top,
//! compiled once, with the errors of every file reported against it.

use crate::builtin::DEFAULT_TEMPLATES;
use crate::diagnostic::{Diagnostic, Position};
use crate::load::{SourceFile, TEMPLATES};
use crate::pages::PageJob;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{BuildHasher, DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

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

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Templates({} files)", self.sources.len())
    }
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
            // The partials are there, empty, so that including one (as
            // base.html includes the hooks) is no error here: only this
            // file's own are. A page template extends base.html, so its
            // probe stops at the missing parent, as it should.
            let mut probe = tera::Tera::new();
            let others = all
                .iter()
                .filter(|(other, _)| other != name && other.starts_with("partials/"))
                .map(|(other, _)| (other.as_str(), ""));
            if let Err(err) = probe.add_raw_templates(others.chain([(name.as_str(), *text)])) {
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

    pub(super) fn diagnostic(&self, err: &tera::Error, fallback: &str) -> Diagnostic {
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

    /// Renders the template `name` with `context`.
    pub(super) fn render(
        &self,
        name: &str,
        context: &tera::Context,
    ) -> Result<String, tera::Error> {
        self.tera.render(name, context)
    }

    fn source_of(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(String::as_str)
    }

    /// What a page is made from: its template (with the templates it uses)
    /// and its context.
    pub(super) fn page_key(&self, job: &PageJob) -> u64 {
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
