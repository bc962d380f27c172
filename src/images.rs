//! Stage 3b, images: every photo the site shows, resized and re-encoded.
//!
//! In: the linked site (article photos, images in bodies, author photos,
//! each a file to copy) and `[images]` of site.toml. Out: for each JPEG,
//! PNG or WebP, a [`ProcessedImage`] — its size the right way up and its
//! variants, one per width and format — written into the new output;
//! GIF, animated images and SVG stay copies. The original's own URL gets
//! the largest variant in the original's format, so links to it keep
//! working while nothing of the original's metadata is published.
//!
//! Each variant is named after a hash of the original's bytes and the
//! settings, and the build cache lists the files of one photo under that
//! hash: a photo unchanged since the last build is kept, not encoded again.
//! Photos are done in parallel, one decoded photo per core at a time.

mod decode;
mod encode;
mod markup;
mod scrub;
mod uses;
mod variants;

pub use decode::MAX_PIXELS;
pub use markup::{picture, srcset};

use scrub::scrub_copies;
use uses::{Use, uses};
use variants::{draw, key_of, plan, write_variants};

use crate::diagnostic::Diagnostic;
use crate::link::{FileCopy, Site};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The largest photo file read, in bytes: more is no photo for a web page,
/// and would sit whole in memory.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Changes whenever the encoders or their settings here change, so
/// variants made by an older salve are not kept as if they were current.
const ENCODING_VERSION: &str = "images 2: webp 0.3 libwebp 1.3, jpeg-encoder 0.7 progressive 4:2:0, png adaptive, lanczos3, opaque alpha dropped";

/// A format of a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Avif,
    WebP,
    Jpeg,
    Png,
}

impl Format {
    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Avif => "avif",
            Format::WebP => "webp",
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }

    /// The MIME type, for `<source type>`.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Avif => "image/avif",
            Format::WebP => "image/webp",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }
}

/// `[images]` as the pipeline uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Widths, ascending, without repeats.
    pub widths: Vec<u32>,
    /// 1–100.
    pub quality: u8,
    /// The modern formats, before the fallback: AVIF, then WebP.
    pub formats: Vec<Format>,
}

impl Settings {
    /// The settings of `[images]` (checked by config).
    pub fn of(c: &crate::config::ImagesConfig) -> Self {
        let mut widths = c.widths.get_ref().clone();
        widths.sort_unstable();
        widths.dedup();
        Self {
            widths,
            quality: *c.quality.get_ref(),
            // AVIF first: a browser takes the first `<source>` it can show,
            // and AVIF files are the smaller.
            formats: [("avif", Format::Avif), ("webp", Format::WebP)]
                .into_iter()
                .filter(|(name, _)| c.formats.get_ref().iter().any(|f| f == name))
                .map(|(_, f)| f)
                .collect(),
        }
    }
}

/// One resized, encoded copy of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub format: Format,
    pub width: u32,
    pub height: u32,
    /// In the output, from its root.
    pub path: String,
}

/// A photo after processing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedImage {
    /// The original, relative to the site root.
    pub source: PathBuf,
    /// Its width and height after the EXIF orientation.
    pub width: u32,
    pub height: u32,
    /// Whether it has an alpha channel (its fallback is then PNG).
    pub has_alpha: bool,
    /// Modern formats first, then the fallback; each by width, ascending.
    pub variants: Vec<Variant>,
    /// The file at the original's own path: the largest variant in the
    /// original's format.
    pub original: Variant,
}

impl ProcessedImage {
    /// The format of the fallback (`<img src>`): PNG with alpha, else JPEG.
    pub fn fallback_format(&self) -> Format {
        if self.has_alpha {
            Format::Png
        } else {
            Format::Jpeg
        }
    }

    /// The largest fallback variant.
    pub fn fallback(&self) -> &Variant {
        let f = self.fallback_format();
        self.variants
            .iter()
            .rev()
            .find(|v| v.format == f)
            .unwrap_or(&self.original)
    }

    /// The formats of the variants, in order.
    pub fn formats(&self) -> Vec<Format> {
        let mut out: Vec<Format> = Vec::new();
        for v in &self.variants {
            if !out.contains(&v.format) {
                out.push(v.format);
            }
        }
        out
    }
}

/// The photos of a build.
#[derive(Debug, Default)]
pub struct Images {
    /// By the original's path in the output.
    pub processed: BTreeMap<String, ProcessedImage>,
    /// SVGs drawn as JPEGs for link previews, by the SVG's path in the
    /// output.
    pub drawn: BTreeMap<String, Variant>,
    /// Photos encoded by this build (the others were kept from the last).
    pub encoded: usize,
    /// Rasters copied, not shown (linked from a body, under `static/`),
    /// written without their metadata: by their path in the output.
    pub scrubbed: std::collections::BTreeSet<String>,
    /// What was found but does not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// What became of one photo.
enum Done {
    /// Copied as it is: GIF, an animation, an SVG that is not shared.
    Copied,
    Processed(ProcessedImage),
    /// An SVG shared by a page: copied, and drawn as a PNG.
    Drawn {
        share: Variant,
        /// Whether it has text, which the drawing lacks.
        has_text: bool,
    },
}

/// What became of one photo, or why it was refused.
type Outcome = Result<Done, decode::Refused>;

/// Where the variants go: nowhere (`check`), or into the new output,
/// keeping those the last build made from the same bytes and settings.
pub trait Store: Sync {
    /// Keeps the files the last build made under `key`; whether it did.
    fn keep(&self, key: u64) -> bool;
    /// Writes a file made under `key`.
    fn put(&self, path: &str, bytes: &[u8], key: u64);
}

impl Store for crate::write::Staging {
    fn keep(&self, key: u64) -> bool {
        self.keep_group(key)
    }

    fn put(&self, path: &str, bytes: &[u8], key: u64) {
        self.put_page(path, bytes, key);
    }
}

/// The build's store of encoded photos, which the languages share: a photo
/// one language encoded is kept, not encoded again, by the next.
pub struct EncodedOnce<'s> {
    staging: &'s crate::write::Staging,
    made: std::sync::Mutex<std::collections::HashSet<u64>>,
}

impl<'s> EncodedOnce<'s> {
    pub fn new(staging: &'s crate::write::Staging) -> Self {
        Self {
            staging,
            made: Default::default(),
        }
    }
}

impl Store for EncodedOnce<'_> {
    fn keep(&self, key: u64) -> bool {
        let made = self.made.lock().is_ok_and(|made| made.contains(&key));
        made || Store::keep(self.staging, key)
    }

    fn put(&self, path: &str, bytes: &[u8], key: u64) {
        if let Ok(mut made) = self.made.lock() {
            made.insert(key);
        }
        Store::put(self.staging, path, bytes, key);
    }
}

/// Processes every photo of `site`; with a `store`, variants not kept are
/// encoded and written to it, without one every photo is only decoded (to
/// find damaged files). Returns an error for each photo that cannot be
/// used, at the first place it is used.
pub fn process(
    site: &Site,
    settings: &Settings,
    store: Option<&dyn Store>,
) -> Result<Images, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let uses = uses(site);
    let copies: HashMap<&str, &FileCopy> = site.copies.iter().map(|c| (c.to.as_str(), c)).collect();
    let encoded = AtomicUsize::new(0);
    let results: Vec<(&String, &Use, Outcome)> = uses
        .par_iter()
        .filter_map(|(to, first)| Some((to, copies.get(to.as_str())?, first)))
        .map(|(to, copy, first)| {
            let _processing = crate::crash::processing(&copy.from);
            let done = one(copy, to, first.shared, settings, store, &encoded);
            (to, first, done)
        })
        .collect();
    let mut images = Images::default();
    let mut errors = Vec::new();
    for (to, first, done) in results {
        match done {
            Ok(Done::Processed(p)) => {
                images.processed.insert(to.clone(), p);
            }
            Ok(Done::Drawn { share, has_text }) => {
                if has_text {
                    images.warnings.push(
                        Diagnostic::warning(
                            "share-image-text",
                            &first.file,
                            format!(
                                "{} has text, which its share image (the picture social sites show) leaves out",
                                source_of(&copies, to)
                            ),
                        )
                        .at_line(first.pos, &first.line)
                        .hint("turn the text into shapes in your drawing program (in Inkscape: Path › Object to Path), or leave the words to the alt text"),
                    );
                }
                images.drawn.insert(to.clone(), share);
            }
            Ok(Done::Copied) => {}
            Err(refused) => errors.push(
                Diagnostic::error(
                    "bad-image",
                    &first.file,
                    format!(
                        "{} cannot be used: {}",
                        source_of(&copies, to),
                        refused.what
                    ),
                )
                .at_line(first.pos, &first.line)
                .hint(refused.hint),
            ),
        }
    }
    images.encoded = encoded.into_inner();
    if let Some(store) = store {
        images.scrubbed = scrub_copies(site, &uses, store);
    }
    if site.share_image.is_none() {
        images.warnings.push(
            Diagnostic::warning(
                "no-share-image",
                crate::config::CONFIG_FILE,
                "pages without a photo of their own (the home page, lists) show no picture when shared on social sites",
            )
            .hint("add `image = \"images/share.jpg\"` to site.toml: a file under static/, best 1200×630 pixels"),
        );
    }
    if errors.is_empty() {
        Ok(images)
    } else {
        Err(errors)
    }
}

fn source_of(copies: &HashMap<&str, &FileCopy>, to: &str) -> String {
    copies
        .get(to)
        .map_or_else(|| to.to_owned(), |c| c.from.display().to_string())
}

/// Processes the photo copied to `to`, which a page shows when shared if
/// `shared`.
fn one(
    copy: &FileCopy,
    to: &str,
    shared: bool,
    settings: &Settings,
    store: Option<&dyn Store>,
    encoded: &AtomicUsize,
) -> Outcome {
    let too_big = std::fs::symlink_metadata(&copy.real).is_ok_and(|m| m.len() > MAX_FILE_BYTES);
    if too_big {
        return Err(decode::Refused {
            what: format!("it is over {} MB", MAX_FILE_BYTES >> 20),
            hint: "save the photo smaller (a few thousand pixels across at most) before adding it",
        });
    }
    let bytes = crate::load::read_vouched(&copy.real).map_err(|e| decode::Refused {
        what: format!("it could not be read ({e})"),
        hint: "check that the file can be read and build again",
    })?;
    let format = match decode::sniff(&bytes, to)? {
        decode::Kind::Svg if shared => return draw(&bytes, to, store, encoded),
        decode::Kind::Copied | decode::Kind::Svg => return Ok(Done::Copied),
        decode::Kind::Raster(f) => f,
    };
    let key = key_of(&bytes, to, ENCODING_VERSION, &format!("{settings:?}"));
    let encode_now = store.is_some_and(|s| !s.keep(key));
    let decode = if store.is_none() || encode_now {
        decode::Decode::Pixels
    } else {
        // Kept: whether an alpha channel is used still decides the names.
        decode::Decode::IfAlpha
    };
    let (header, pixels) = decode::read(&bytes, decode)?;
    drop(bytes);
    let image = plan(copy, to, format, header, settings, key);
    if let (Some(store), Some(decoded), true) = (store, pixels, encode_now) {
        let mut pixels = encode::Pixels::of(decoded.image, header.has_alpha);
        if let Some(icc) = &decoded.icc {
            pixels.convert_to_srgb(icc);
        }
        write_variants(&image, &pixels, settings, store, key).map_err(|why| decode::Refused {
            what: format!("it could not be encoded ({why})"),
            hint: "open the photo in an image editor and save it again, or replace it",
        })?;
        encoded.fetch_add(1, Ordering::Relaxed);
    }
    Ok(Done::Processed(image))
}

/// Puts the `<picture>` of each processed image into the bodies of `site`
/// in place of its mark and `<img>`, and drops the marks of the others.
/// Returns the warnings found on the way.
pub fn apply(site: &mut Site, images: Images) -> Vec<Diagnostic> {
    let base = site.base.path.clone();
    let fix = |b: &mut crate::markdown::Body| {
        if !b.images.is_empty() {
            b.html = markup::rewrite_body(&b.html, &b.images, &images.processed, &base);
        }
    };
    for a in &mut site.articles {
        fix(&mut a.body);
    }
    for p in &mut site.pages {
        fix(&mut p.body);
    }
    for c in &mut site.causes {
        if let Some(o) = &mut c.overview {
            fix(&mut o.body);
        }
    }
    for t in &mut site.treatments {
        if let Some(o) = &mut t.overview {
            fix(&mut o.body);
        }
    }
    for s in &mut site.sections {
        if let Some(o) = &mut s.index {
            fix(&mut o.body);
        }
    }
    site.images = images.processed;
    site.drawn = images.drawn;
    site.scrubbed = images.scrubbed;
    images.warnings
}
