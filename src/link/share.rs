//! The site's default share image: site.toml's `image`, the picture link
//! previews show for every page without a photo of its own (the home page,
//! lists, an article without a photo).

use crate::config::{CONFIG_FILE, SiteConfig};
use crate::diagnostic::{Diagnostic, Position};
use crate::markdown::lines::Lines;
use std::sync::Arc;

/// site.toml's `image`, found under `static/`.
#[derive(Debug, Clone)]
pub struct DefaultImage {
    /// Its path in the output.
    pub path: String,
    /// What it shows: `image_alt`, else the site's title.
    pub alt: String,
    /// Where site.toml gives it, and that line.
    pub place: (Position, Arc<str>),
}

/// The default share image, when site.toml names one that is there; an
/// error when it is not.
pub(super) fn default_image(
    config: &SiteConfig,
    static_files: &crate::load::Files,
    config_text: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<DefaultImage> {
    let image = config.image.as_ref()?;
    let src = image.get_ref();
    let from_static = src.strip_prefix('/').unwrap_or(src);
    let path = super::photos::normal(from_static);
    let (pos, line) = Lines::new(config_text).line_at(image.span().start);
    if !super::linker::is_static_file(static_files, &path) {
        out.push(
            Diagnostic::error(
                "missing-photo",
                CONFIG_FILE,
                format!("the share image `{src}` is not in static/"),
            )
            .at_line(pos, &line)
            .hint(format!(
                "put the picture at static/{path}, or give the path of one under static/"
            )),
        );
        return None;
    }
    Some(DefaultImage {
        path,
        alt: config
            .image_alt
            .clone()
            .unwrap_or_else(|| config.title.clone()),
        place: (pos, line),
    })
}
