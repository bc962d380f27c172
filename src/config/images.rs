//! `[images]` of site.toml: the widths, quality and formats of every
//! photo's variants, and their checks.

use crate::diagnostic::{Diagnostic, Position};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// `[images]`: the widths, quality and formats of every photo's variants.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImagesConfig {
    /// The widths, in pixels, each photo is resized to (never above its own).
    #[serde(default = "default_widths")]
    pub widths: Spanned<Vec<u32>>,
    /// The encoders' quality, 1–100.
    #[serde(default = "default_quality")]
    pub quality: Spanned<u8>,
    /// The modern formats written beside the JPEG (or PNG) fallback.
    #[serde(default = "default_formats")]
    pub formats: Spanned<Vec<String>>,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        Self {
            widths: default_widths(),
            quality: default_quality(),
            formats: default_formats(),
        }
    }
}

fn default_widths() -> Spanned<Vec<u32>> {
    Spanned::new(0..0, vec![480, 800, 1200, 1600])
}

fn default_quality() -> Spanned<u8> {
    Spanned::new(0..0, 80)
}

fn default_formats() -> Spanned<Vec<String>> {
    Spanned::new(0..0, vec!["webp".to_owned()])
}

/// The widest variant salve writes: wider is no use on a page and costs
/// memory and time to encode.
pub const MAX_IMAGE_WIDTH: u32 = 4096;

/// Checks `[images]`: widths in range, a quality of 1–100, known formats
/// (AVIF only in a salve built with it).
pub(super) fn check_images(c: &ImagesConfig, text: &str, path: &Path, out: &mut Vec<Diagnostic>) {
    let mut err = |span: std::ops::Range<usize>, message: String, hint: &str| {
        out.push(
            Diagnostic::error("config", path, message)
                .at(Position::of_offset(text, span.start), text)
                .hint(hint),
        );
    };
    let widths = c.widths.get_ref();
    if widths.is_empty() || widths.iter().any(|w| !(1..=MAX_IMAGE_WIDTH).contains(w)) {
        err(
            c.widths.span(),
            format!("[images] widths must be 1 to {MAX_IMAGE_WIDTH} pixels, and at least one"),
            "list the widths photos are resized to, e.g. `widths = [480, 800, 1200, 1600]` (the default)",
        );
    }
    if !(1..=100).contains(c.quality.get_ref()) {
        err(
            c.quality.span(),
            format!(
                "[images] quality is {}; it must be 1 to 100",
                c.quality.get_ref()
            ),
            "write the encoders' quality, e.g. `quality = 80` (the default)",
        );
    }
    for f in c.formats.get_ref() {
        match f.as_str() {
            "webp" => {}
            "avif" if cfg!(feature = "avif") => {}
            "avif" => err(
                c.formats.span(),
                "this salve was built without an AVIF encoder".to_owned(),
                "remove \"avif\" from [images] formats, or build salve with `cargo build --release --features avif`",
            ),
            other => err(
                c.formats.span(),
                format!("[images] formats has `{other}`, which salve does not write"),
                "list \"webp\" (the default) and, in a salve built with AVIF, \"avif\"; the JPEG or PNG fallback is always written",
            ),
        }
    }
}
