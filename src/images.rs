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

pub use decode::MAX_PIXELS;
pub use markup::{picture, srcset};

use crate::diagnostic::{Diagnostic, Position};
use crate::link::{FileCopy, Site};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
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

/// A share image drawn from an SVG: a JPEG [`crate::share::WIDTH`] wide.
const DRAWING_VERSION: &str = "share 1: resvg 0.49 on white, jpeg-encoder 0.7 q85";

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
    /// An SVG shared by a page: copied, and drawn as a JPEG.
    Drawn {
        share: Variant,
        /// Whether it has text, which the JPEG lacks.
        has_text: bool,
    },
}

/// What became of one photo, or why it was refused.
type Outcome = Result<Done, decode::Refused>;

/// Where an image is used: a file, the place and the line.
#[derive(Debug, Clone)]
struct Use {
    file: PathBuf,
    pos: Position,
    line: Arc<str>,
    /// Whether a page shows it when shared (`og:image`): an article's
    /// photo or the site's default.
    shared: bool,
}

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
                                "{} has text, which its share image (the JPEG social sites show) leaves out",
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

/// Writes each JPEG, PNG or WebP copied but not shown without its
/// metadata (a download link to a phone photo must not publish where it
/// was taken); returns the paths written, whose copies are then not made.
fn scrub_copies(
    site: &Site,
    shown: &BTreeMap<String, Use>,
    store: &dyn Store,
) -> std::collections::BTreeSet<String> {
    use rayon::prelude::*;
    const VERSION: &str = "scrub 1: img-parts 0.3, orientation kept";
    let raster = |to: &str| {
        let ext = to.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        matches!(ext.as_deref(), Some("jpg" | "jpeg" | "png" | "webp"))
    };
    site.copies
        .par_iter()
        .filter(|c| raster(&c.to) && !shown.contains_key(&c.to))
        .filter_map(|c| {
            let small = std::fs::symlink_metadata(&c.real).is_ok_and(|m| m.len() <= MAX_FILE_BYTES);
            let bytes = crate::load::read_vouched(&c.real).ok().filter(|_| small)?;
            let format = image::guess_format(&bytes).ok()?;
            let key = key_of(&bytes, &c.to, VERSION, "");
            // Kept: the last build wrote these bytes scrubbed under `key`.
            if !store.keep(key) {
                let clean = scrub::scrub(&bytes, format)?;
                store.put(&c.to, &clean, key);
            }
            Some(c.to.clone())
        })
        .collect()
}

fn source_of(copies: &HashMap<&str, &FileCopy>, to: &str) -> String {
    copies
        .get(to)
        .map_or_else(|| to.to_owned(), |c| c.from.display().to_string())
}

/// Every photo the site shows, by its path in the output, with the first
/// place that shows it (by file, line and column): where its error goes.
fn uses(site: &Site) -> BTreeMap<String, Use> {
    let mut uses: BTreeMap<String, Use> = BTreeMap::new();
    let mut add = |to: &str, file: &std::path::Path, pos: Position, line: &Arc<str>, shared| {
        let earlier =
            |u: &Use| (u.file.as_path(), u.pos.line, u.pos.column) <= (file, pos.line, pos.column);
        match uses.get_mut(to) {
            Some(u) if earlier(u) => u.shared |= shared,
            found => {
                let shared = shared || found.is_some_and(|u| u.shared);
                uses.insert(
                    to.to_owned(),
                    Use {
                        file: file.to_path_buf(),
                        pos,
                        line: line.clone(),
                        shared,
                    },
                );
            }
        }
    };
    type Add<'a> = dyn FnMut(&str, &std::path::Path, Position, &Arc<str>, bool) + 'a;
    fn body(add: &mut Add<'_>, file: &std::path::Path, b: &crate::markdown::Body) {
        for i in &b.images {
            add(&i.to, file, i.pos, &i.line, false);
        }
    }
    for a in &site.articles {
        body(&mut add, &a.source, &a.body);
    }
    for p in &site.pages {
        body(&mut add, &p.source, &p.body);
    }
    let overviews = site
        .causes
        .iter()
        .filter_map(|c| c.overview.as_ref())
        .chain(site.treatments.iter().filter_map(|t| t.overview.as_ref()))
        .chain(site.sections.iter().filter_map(|s| s.index.as_ref()));
    for o in overviews {
        body(&mut add, &o.source, &o.body);
    }
    for a in &site.articles {
        if let Some(p) = &a.photo {
            add(&p.path, &a.source, p.place.0, &p.place.1, true);
        }
    }
    let config = std::path::Path::new(crate::config::CONFIG_FILE);
    for a in &site.authors {
        if let (Some(p), Some((pos, line))) = (&a.photo, &a.photo_place) {
            add(p, config, *pos, line, false);
        }
    }
    if let Some(d) = &site.share_image {
        add(&d.path, config, d.place.0, &d.place.1, true);
    }
    uses
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

/// Draws the SVG copied to `to` as a JPEG for link previews, unless the
/// last build drew the same bytes. Without a store it is only read, to
/// find a broken SVG.
fn draw(bytes: &[u8], to: &str, store: Option<&dyn Store>, encoded: &AtomicUsize) -> Outcome {
    let drawing = crate::share::read_svg(bytes).map_err(|e| decode::Refused {
        what: e.0,
        hint: "open the SVG in a drawing program and save it again, or replace it",
    })?;
    let key = key_of(bytes, to, DRAWING_VERSION, "");
    let share = Variant {
        format: Format::Jpeg,
        width: drawing.width,
        height: drawing.height,
        path: format!("{}-share.jpg", stem_of(to, key)),
    };
    if let Some(store) = store.filter(|s| !s.keep(key)) {
        let jpeg = drawing.to_jpeg().map_err(|e| decode::Refused {
            what: e.0,
            hint: "open the SVG in a drawing program and save it again, or replace it",
        })?;
        store.put(&share.path, &jpeg, key);
        encoded.fetch_add(1, Ordering::Relaxed);
    }
    Ok(Done::Drawn {
        share,
        has_text: drawing.has_text,
    })
}

/// The cache key of a photo: its bytes, where it is published and the
/// settings, under the encoders' version.
fn key_of(bytes: &[u8], to: &str, version: &str, settings: &str) -> u64 {
    let mut h = foldhash::fast::FixedState::with_seed(0x05a1_7e1a).build_hasher();
    h.write(version.as_bytes());
    h.write(to.as_bytes());
    h.write(settings.as_bytes());
    h.write(bytes);
    h.finish()
}

/// The start of the names of the files made from the photo at `to`: its
/// folder, its name made a slug, and the key (`images/knee-1a2b3c4d`).
fn stem_of(to: &str, key: u64) -> String {
    let (folder, name) = match to.rsplit_once('/') {
        Some((folder, name)) => (format!("{folder}/"), name),
        None => (String::new(), to),
    };
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let mut stem = crate::slug::slugify(stem);
    if stem.is_empty() {
        stem = "image".to_owned();
    }
    format!("{folder}{stem}-{:08x}", key >> 32)
}

/// The widths of a photo `width` wide: every configured width below it,
/// and its own when it is no wider than the widest.
fn widths(width: u32, settings: &Settings) -> Vec<u32> {
    let mut out: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|&w| w < width)
        .collect();
    if settings.widths.last().is_some_and(|&max| width <= max) {
        out.push(width);
    }
    out
}

/// The variants of a photo, named after its key beside the original.
fn plan(
    copy: &FileCopy,
    to: &str,
    format: image::ImageFormat,
    h: decode::Header,
    settings: &Settings,
    key: u64,
) -> ProcessedImage {
    let stem = stem_of(to, key);
    let variant = |format: Format, width: u32| Variant {
        format,
        width,
        height: height_at(h, width),
        path: format!("{stem}-{width}.{}", format.ext()),
    };
    let fallback = if h.has_alpha {
        Format::Png
    } else {
        Format::Jpeg
    };
    let ws = widths(h.width, settings);
    let mut variants = Vec::new();
    for f in settings.formats.iter().copied().chain([fallback]) {
        variants.extend(ws.iter().map(|&w| variant(f, w)));
    }
    let largest = ws.last().copied().unwrap_or(h.width);
    let own = match format {
        image::ImageFormat::WebP => Format::WebP,
        image::ImageFormat::Png => Format::Png,
        _ => Format::Jpeg,
    };
    let original = Variant {
        path: to.to_owned(),
        ..variant(own, largest)
    };
    ProcessedImage {
        source: copy.from.clone(),
        width: h.width,
        height: h.height,
        has_alpha: h.has_alpha,
        variants,
        original,
    }
}

/// The height at `width` of a photo of the header's aspect, at least 1.
fn height_at(h: decode::Header, width: u32) -> u32 {
    let height =
        (u64::from(width) * u64::from(h.height) + u64::from(h.width) / 2) / u64::from(h.width);
    u32::try_from(height.max(1)).unwrap_or(u32::MAX)
}

/// Encodes and stores every variant of `image` and its file at the
/// original's path, one width at a time (each resized from the original).
fn write_variants(
    image: &ProcessedImage,
    pixels: &encode::Pixels,
    settings: &Settings,
    store: &dyn Store,
    key: u64,
) -> Result<(), String> {
    let mut widths: Vec<(u32, u32)> = image.variants.iter().map(|v| (v.width, v.height)).collect();
    widths.sort_unstable();
    widths.dedup();
    let o = &image.original;
    for (w, h) in widths {
        let resized = pixels.resized(w, h)?;
        for v in image.variants.iter().filter(|v| v.width == w) {
            let bytes = resized.encode(v.format, settings.quality)?;
            if (o.format, o.width) == (v.format, v.width) {
                store.put(&o.path, &bytes, key);
            }
            store.put(&v.path, &bytes, key);
        }
        let has_own = image
            .variants
            .iter()
            .any(|v| (v.format, v.width) == (o.format, o.width));
        if o.width == w && !has_own {
            store.put(&o.path, &resized.encode(o.format, settings.quality)?, key);
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_exceed_the_original() {
        let s = Settings {
            widths: vec![480, 800, 1200, 1600],
            quality: 80,
            formats: vec![Format::WebP],
        };
        assert_eq!(widths(4000, &s), [480, 800, 1200, 1600]);
        assert_eq!(widths(1000, &s), [480, 800, 1000]);
        assert_eq!(widths(300, &s), [300]);
        assert_eq!(widths(1600, &s), [480, 800, 1200, 1600]);
    }
}
