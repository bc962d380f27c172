//! The views of photos: their variants for `<picture>`, and the share
//! image a page shows when shared; and the description a page without
//! one gets from its body.

use super::Views;
use crate::link::Article;
use serde::Serialize;
use std::collections::BTreeMap;

/// The longest description made from a body: search engines show about
/// this much.
const DESCRIPTION_CHARS: usize = 160;

/// The description of a page whose front matter gives none: `given`, else
/// its body's first paragraph, cut at a word to [`DESCRIPTION_CHARS`] with
/// "…", so every page has a `<meta name="description">`.
pub fn description_or_lead(given: Option<&str>, lead: &str) -> String {
    if let Some(d) = given.filter(|d| !d.trim().is_empty()) {
        return d.to_owned();
    }
    let lead = lead.split_whitespace().collect::<Vec<_>>().join(" ");
    if lead.chars().count() <= DESCRIPTION_CHARS {
        return lead;
    }
    let mut out = String::new();
    for word in lead.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > DESCRIPTION_CHARS - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = lead.chars().take(DESCRIPTION_CHARS - 1).collect();
    }
    let out = out.trim_end_matches([',', ';', ':', '.', ' ']).to_owned();
    out + "…"
}

/// A photo.
#[derive(Debug, Serialize)]
pub struct PhotoView {
    pub url: String,
    /// Absolute URL, for Open Graph.
    pub permalink: String,
    pub alt: String,
    pub credit: Option<String>,
    /// The photo's width and height the right way up; `None` for a photo
    /// copied as it is (SVG, GIF).
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The resized copies, modern formats first, each by width.
    pub variants: Vec<VariantView>,
    /// `srcset` of each format's variants, by format (`avif`, `webp`, `jpg`,
    /// `png`).
    pub srcset: BTreeMap<&'static str, String>,
    /// The `<source>`s to offer before the fallback: `type` and `srcset`.
    pub sources: Vec<SourceView>,
    /// The `<img src>`: the largest fallback variant, else the photo itself.
    pub fallback: String,
    /// The fallback's `srcset`; empty for a photo copied as it is.
    pub fallback_srcset: String,
    /// The picture for link previews (`og:image`): the fallback variant
    /// nearest to 1200 pixels wide, or an SVG drawn as a PNG; `None` for a
    /// photo copied as it is (GIF).
    pub share: Option<ShareView>,
}

/// A share image: a JPEG or PNG, its absolute URL, size and alt text.
#[derive(Debug, Serialize)]
pub struct ShareView {
    pub permalink: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// One resized copy of a photo.
#[derive(Debug, Serialize)]
pub struct VariantView {
    pub url: String,
    pub width: u32,
    pub height: u32,
    /// `avif`, `webp`, `jpg` or `png`.
    pub format: &'static str,
}

/// A `<source>` of a `<picture>`.
#[derive(Debug, Serialize)]
pub struct SourceView {
    /// `image/webp`.
    #[serde(rename = "type")]
    pub mime: &'static str,
    pub srcset: String,
}

impl Views<'_> {
    /// The share image of a page without a photo of its own.
    pub fn default_share(&self) -> Option<ShareView> {
        let d = self.site.share_image.as_ref()?;
        self.share(&d.path, &d.alt)
    }

    /// The share image of the photo at `path` in the output: a processed
    /// photo's fallback variant nearest 1200 pixels wide (social sites take
    /// JPEG or PNG at about that width), or an SVG's drawing; `None` for a
    /// photo copied as it is (GIF).
    pub fn share(&self, path: &str, alt: &str) -> Option<ShareView> {
        let variant = match self.site.images.get(path) {
            Some(image) => {
                let fallbacks = image
                    .variants
                    .iter()
                    .filter(|v| v.format == image.fallback_format());
                fallbacks
                    .clone()
                    .filter(|v| v.width <= crate::share::WIDTH)
                    .max_by_key(|v| v.width)
                    .or_else(|| fallbacks.min_by_key(|v| v.width))?
            }
            None => self.site.drawn.get(path)?,
        };
        Some(ShareView {
            permalink: self.file_permalink(&variant.path),
            width: variant.width,
            height: variant.height,
            alt: alt.to_owned(),
        })
    }

    /// The view of an article's photo, if it has one.
    pub fn photo(&self, a: &Article) -> Option<PhotoView> {
        a.photo
            .as_ref()
            .map(|p| self.image(&p.path, &p.alt, p.credit.clone()))
    }

    /// The view of the image at `path` in the output, with its variants
    /// when it was processed.
    pub fn image(&self, path: &str, alt: &str, credit: Option<String>) -> PhotoView {
        let base = &self.site.base.path;
        let processed = self.site.images.get(path);
        let mut view = PhotoView {
            url: self.file_url(path),
            permalink: self.file_permalink(path),
            alt: alt.to_owned(),
            credit,
            width: processed.map(|i| i.width),
            height: processed.map(|i| i.height),
            variants: Vec::new(),
            srcset: BTreeMap::new(),
            sources: Vec::new(),
            fallback: self.file_url(path),
            fallback_srcset: String::new(),
            share: self.share(path, alt),
        };
        let Some(image) = processed else {
            return view;
        };
        view.variants = image
            .variants
            .iter()
            .map(|v| VariantView {
                url: self.file_url(&v.path),
                width: v.width,
                height: v.height,
                format: v.format.ext(),
            })
            .collect();
        let fallback = image.fallback_format();
        for f in image.formats() {
            let set = crate::images::srcset(image, f, base);
            view.srcset.insert(f.ext(), set.clone());
            if f == fallback {
                view.fallback_srcset = set;
            } else {
                view.sources.push(SourceView {
                    mime: f.mime(),
                    srcset: set,
                });
            }
        }
        view.fallback = self.file_url(&image.fallback().path);
        view
    }
}
