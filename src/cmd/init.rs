//! `salve init DIR`: a minimal new site that builds at once.

use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Write a new, minimal site.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create; it must not exist or be empty.
    pub dir: PathBuf,
}

const SITE: &str = r#"title = "My Health Site"
base_url = "https://example.org/"        # where the site will be served
description = "Plain-language health articles."
language = "en"

[authors.editor]
name = "The Editor"
bio = "Writes and edits this site."
credentials = ""
"#;

impl InitArgs {
    /// Refuses a folder that has files in it.
    pub fn run(&self) -> ExitCode {
        let has_files = std::fs::read_dir(&self.dir).is_ok_and(|mut d| d.next().is_some());
        if has_files {
            eprintln!(
                "error: {} already has files; salve init only writes into a new or empty folder",
                self.dir.display()
            );
            return ExitCode::from(2);
        }
        let article = super::new::template(
            "Welcome to your health site",
            &super::args::today().iso(),
            &["editor".to_owned()],
        )
        .replace(
            "draft = true                        # remove when the article is ready\n",
            "",
        )
        .replace(
            "description = \"\"",
            "description = \"What this site is for.\"",
        );
        match write(&self.dir, &article) {
            Ok(()) => {
                println!(
                    "Created a site in {}. Build it with: salve build --root {}",
                    self.dir.display(),
                    self.dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!(
                    "error: cannot write the site in {}: {e}",
                    self.dir.display()
                );
                ExitCode::from(2)
            }
        }
    }
}

fn write(dir: &Path, article: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("articles"))?;
    std::fs::write(dir.join("site.toml"), SITE)?;
    // The built site and serve's preview are outputs, not sources.
    std::fs::write(dir.join(".gitignore"), "/public\n/.salve-serve\n")?;
    std::fs::write(dir.join("articles/welcome.md"), article)
}
