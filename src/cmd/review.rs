//! `salve review <article> --by <reviewer>`: records a medical review in
//! the article's front matter, changing nothing else in the file.

use clap::Args;
use salve::diagnostic::Diagnostic;
use salve::review::{ReviewError, article_path, record, replace_file, unknown_reviewer};
use std::path::PathBuf;
use std::process::ExitCode;

/// Record a medical review of an article.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The article's file, from the site folder, e.g. articles/legs/shin-splints.md.
    pub article: PathBuf,
    /// The reviewer's key in site.toml's [authors].
    #[arg(long)]
    pub by: String,
    /// The site folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The day of the review, YYYY-MM-DD (for tests); today by default.
    #[arg(long, hide = true, value_parser = super::args::parse_date)]
    pub today: Option<salve::date::Date>,
}

impl ReviewArgs {
    /// Exit 1 for an unknown reviewer or broken front matter, 2 for a path
    /// that is not an article or a file that cannot be written.
    pub fn run(&self) -> ExitCode {
        let known = match super::new::author_keys(&self.root) {
            Ok(known) => known,
            Err(text) => {
                eprintln!("{text}");
                return ExitCode::from(2);
            }
        };
        let real = match article_path(&self.root, &self.article) {
            Ok(real) => real,
            Err(err) => return failed(&err),
        };
        if !known.contains(&self.by) {
            let (message, hint) = unknown_reviewer(&self.by, &known);
            let d = Diagnostic::error("unknown-reviewer", &self.article, message).hint(hint);
            eprint!("{}", rendered(d));
            return ExitCode::from(1);
        }
        let text = match std::fs::read_to_string(&real) {
            Ok(text) => text,
            Err(source) => {
                return failed(&ReviewError::Io {
                    path: self.article.clone(),
                    source,
                });
            }
        };
        // A byte-order mark is kept where it was, outside the front matter.
        let (bom, body) = match text.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", text.as_str()),
        };
        let today = self.today.unwrap_or_else(super::args::today);
        let edited = match record(body, &self.article, &self.by, today) {
            Ok(edited) => format!("{bom}{edited}"),
            Err(d) => {
                eprint!("{}", rendered(d));
                return ExitCode::from(1);
            }
        };
        if let Err(err) = replace_file(&real, &edited) {
            let err = match err {
                ReviewError::Io { source, .. } => ReviewError::Io {
                    path: self.article.clone(),
                    source,
                },
                other => other,
            };
            return failed(&err);
        }
        println!(
            "Reviewed {}: reviewed_by = \"{}\", reviewed = {}",
            self.article.display(),
            self.by,
            today.iso()
        );
        ExitCode::SUCCESS
    }
}

fn rendered(d: Diagnostic) -> String {
    let mut all = salve::Diagnostics::new();
    all.push(d);
    all.render(super::stderr_colour())
}

fn failed(err: &ReviewError) -> ExitCode {
    let help = match err {
        ReviewError::NotAnArticle(_) | ReviewError::Missing(_) => {
            "give the article's path from the site folder, e.g. `salve review articles/legs/shin-splints.md --by <reviewer>`"
        }
        ReviewError::Io { .. } => {
            "check the file's permissions and the free space; the article was left as it was"
        }
    };
    let mut text = format!("error: {err}");
    if let Some(source) = std::error::Error::source(err) {
        text.push_str(&format!(": {source}"));
    }
    eprintln!("{}\n  = help: {help}", salve::printable::printable(&text));
    ExitCode::from(2)
}
