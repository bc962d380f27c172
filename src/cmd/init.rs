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

/// A new site's settings: the keys it needs, then every optional key
/// commented out with its default, so a writer sees what can be set
/// without opening the README.
const SITE: &str = r#"# The settings of this site. Every key is explained in salve's README,
# section "site.toml". Lines starting with # are optional: remove the #
# to use one.

title = "My Health Site"
base_url = "https://example.org/"        # where the site will be served; a sub-path works too
description = "Plain-language health articles."
language = "en"                          # a BCP 47 tag, in every page's lang

# publisher = "My Health Site"           # who publishes the site; the title when absent
# disclaimer = "…"                       # shown on every article; salve has a sensible default
# allow_html = false                     # true passes raw HTML in Markdown through
# review_interval_days = 365             # "Next review due" = reviewed + this; overdue warns
# emergency_number = "911"               # what emergency callouts tell readers to call
# reading_grade_max = 8                  # Flesch–Kincaid grade above which a build warns (English)
# reading_ease_min = 55                  # INFLESZ score below which a build warns (Spanish)
# calculator = false                     # the calorie-goal calculator beside every article
# paginate_by = 20                       # items per page of a long list
# strings_fallback = false               # true: a string missing from i18n/<language>.toml shows in English, with a warning
image = "images/share.svg"               # shown when a page without a photo is shared; 1200×630 is best
# image_alt = "…"                        # what the image shows; the title when absent

# How photos are resized and encoded (a JPEG or PNG fallback is always written):
# [images]
# widths = [480, 800, 1200, 1600]        # pixels; never above the photo's own width
# quality = 80                           # 1-100
# formats = ["webp"]                     # modern formats beside the fallback

# The main menu and the footer menu (without them, salve's defaults):
# [[menus.main]]
# name = "About us"
# url = "/about/"                        # a page of the site, or an https:// address
# [[menus.footer]]
# name = "Privacy"
# url = "/privacy/"

# The site in another language, at /es/; a translation is <name>.es.md
# beside its original:
# [languages.es]
# title = "Mi sitio de salud"            # and description, publisher, disclaimer, menus…

# Values of your own for your templates, as site.extra.<key>:
# [extra]
# analytics_id = "…"

[authors.editor]                         # the key is used in URLs: a-z, 0-9, -
name = "The Editor"
bio = "Writes and edits this site."
credentials = ""                         # degrees or titles, e.g. "MD, sports medicine"
# photo = "images/editor.jpg"            # a file under static/
# url = "https://example.org/editor"     # their own page elsewhere
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
                println!("{}", next_steps(&self.dir));
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

/// What was made and the commands a writer runs next, in the order they
/// need them.
fn next_steps(dir: &Path) -> String {
    let dir = salve::printable::printable(&dir.to_string_lossy()).into_owned();
    format!(
        "Created a site in {dir}: site.toml, articles/welcome.md, static/images/share.svg
(the picture social sites show for your pages: replace it with your own) and .gitignore.

Next steps:
  cd {dir}
  salve new \"Why do my knees click?\"     write an article (articles/why-do-my-knees-click.md)
  salve serve                            preview at http://127.0.0.1:4000/, rebuilt on every save
  salve check                            every problem a build would find, and content lints
  salve build                            the site in public/, ready for any static host

Set base_url in site.toml to where the site will be served before you publish."
    )
}

fn write(dir: &Path, article: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("articles"))?;
    std::fs::write(dir.join("site.toml"), SITE)?;
    // The built site and serve's preview are outputs, not sources.
    std::fs::write(dir.join(".gitignore"), "/public\n/.salve-serve\n")?;
    std::fs::write(dir.join("articles/welcome.md"), article)?;
    std::fs::create_dir_all(dir.join("static/images"))?;
    std::fs::write(dir.join("static/images/share.svg"), SHARE_IMAGE)
}

/// A new site's share image: a heartbeat line on green, without words,
/// since the picture drawn from it shows no text.
const SHARE_IMAGE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 630" width="1200" height="630" role="img" aria-labelledby="t">
<title id="t">A heartbeat line on a green field</title>
<rect width="1200" height="630" fill="#1d6f5f"/>
<circle cx="1060" cy="80" r="240" fill="#258370" opacity="0.6"/>
<path d="M120 330h330l50-120 80 250 60-190 40 60h400" fill="none" stroke="#ffffff" stroke-width="20" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"##;
