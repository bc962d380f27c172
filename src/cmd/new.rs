//! `salve new "Title"`: a new article with complete, commented front matter.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a new article from a template.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The article's title, e.g. "Why do my knees click?".
    pub title: String,
    /// The site folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

impl NewArgs {
    /// Writes `articles/<slug>.md`; refuses to overwrite a file.
    pub fn run(&self) -> ExitCode {
        let slug = salve::slug::slugify(&self.title);
        if slug.is_empty() {
            eprintln!("error: the title needs letters or digits to make a file name");
            return ExitCode::from(2);
        }
        let rel = PathBuf::from("articles").join(format!("{slug}.md"));
        let path = self.root.join(&rel);
        let authors = author_keys(&self.root).unwrap_or_default();
        let text = template(&self.title, &super::args::today().iso(), &authors);
        if let Some(dir) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("error: cannot create {}: {e}", dir.display());
                return ExitCode::from(2);
            }
        }
        // create_new: never replace a writer's file, even in a race.
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path);
        match file.and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes())) {
            Ok(()) => {
                println!("Wrote {}", rel.display());
                ExitCode::SUCCESS
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                eprintln!(
                    "error: {} already exists; salve will not overwrite it\n  = help: pick another title, or edit that file",
                    rel.display()
                );
                ExitCode::from(2)
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", rel.display());
                ExitCode::from(2)
            }
        }
    }
}

/// The keys of site.toml's `[authors]`, A–Z, or why they cannot be read.
/// site.toml is read only where it is inside the site folder, as a build
/// reads it: a link leading elsewhere is not followed.
pub(super) fn author_keys(root: &std::path::Path) -> Result<Vec<String>, String> {
    let missing = || {
        format!(
            "error: there is no site.toml in {}\n  = help: run salve in the site folder, or pass --root",
            salve::printable::printable(&root.display().to_string())
        )
    };
    let (Ok(site), Ok(settings)) = (
        std::fs::canonicalize(root),
        std::fs::canonicalize(root.join(salve::config::CONFIG_FILE)),
    ) else {
        return Err(missing());
    };
    if !settings.starts_with(&site) {
        return Err(missing());
    }
    let text = std::fs::read_to_string(&settings).map_err(|_| missing())?;
    let value: toml::Table = text.parse().map_err(|_| {
        "error: site.toml is not valid TOML\n  = help: `salve check` shows where".to_owned()
    })?;
    let mut keys: Vec<String> = value
        .get("authors")
        .and_then(|a| a.as_table())
        .map(|t| t.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    Ok(keys)
}

/// The text of a new article.
pub fn template(title: &str, today: &str, authors: &[String]) -> String {
    let title_toml = toml::Value::String(title.to_owned()).to_string();
    let author = match authors {
        [] => {
            "author = \"your-key\"              # add [authors.your-key] with a name to site.toml"
                .to_owned()
        }
        [only] => format!("author = \"{only}\""),
        [first, ..] => format!("author = \"{first}\"  # one of: {}", authors.join(", ")),
    };
    format!(
        r###"+++
title = {title_toml}
description = ""                    # one or two sentences for listings and search engines
date = {today}
# updated = {today}                 # last substantive edit
# reviewed = {today}                # last medical review
# reviewed_by = "reviewer-key"      # an author key from site.toml
{author}
draft = true                        # remove when the article is ready
# expires = {today}                 # the last day it is published; left out after it
related_searches = []               # phrases a reader may search next
tags = []
# calculator = true                 # show the calorie-goal calculator here (default: site.toml's)
# aliases = ["/old/path/"]          # this article's old URLs: each redirects here

# [photo]
# src = "photo.jpg"                 # next to this file, or /images/photo.jpg under static/
# alt = "What the photo shows"
# credit = "Agency/Photographer"

# [[causes]]
# name = "Strained calf"            # discussed in the section "## Strained calf"
# treatments = ["Rest", "Ice"]
# urgency = "routine"               # routine | see-doctor | urgent | emergency

# [[references]]
# title = "Page or paper title"
# publisher = "Who published it"
# url = "https://example.org/page"
# published = {today}               # when it was published
# accessed = {today}                # when you read it
# doi = "10.1000/xyz123"            # Digital Object Identifier
# pmid = "12345678"                 # PubMed identifier

# [extra]                           # fields of your own, for your templates as article.extra
+++
Start with when this is normal, and when to see a doctor.
"###
    )
}
