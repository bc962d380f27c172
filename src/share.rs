//! Share images: the picture social sites show for a link (`og:image`).
//! Facebook and X show no SVG, so an SVG photo is drawn into a JPEG here.
//!
//! An SVG is markup from the site: it may name other files (`<image
//! href="/etc/…">`), fonts or millions of elements. Nothing it names is
//! read (data: URLs aside), no system font is loaded, and the picture's
//! size is bounded, whatever the SVG says.

use resvg::{tiny_skia, usvg};

/// The width of a share image, as social sites recommend.
pub const WIDTH: u32 = 1200;
/// The tallest share image drawn: a very tall SVG is cropped to this.
pub const MAX_HEIGHT: u32 = 2400;
/// JPEG quality of a share image.
const QUALITY: u8 = 85;

/// A share image: JPEG bytes and their size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareImage {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Why an SVG could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SvgError(pub String);

impl std::fmt::Display for SvgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SvgError {}

/// Draws `svg` [`WIDTH`] pixels wide on white (JPEG has no transparency)
/// and encodes it as a JPEG.
pub fn rasterise_svg(svg: &[u8]) -> Result<ShareImage, SvgError> {
    let options = usvg::Options {
        // The default resolver opens any path an `<image href>` names.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(svg, &options)
        .map_err(|e| SvgError(format!("the SVG cannot be read: {e}")))?;
    let size = tree.size();
    if !(size.width() > 0.0 && size.height() > 0.0) {
        return Err(SvgError("the SVG has no width or height".to_owned()));
    }
    let scale = WIDTH as f32 / size.width();
    let height = (size.height() * scale).ceil().clamp(1.0, MAX_HEIGHT as f32) as u32;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, height)
        .ok_or_else(|| SvgError("the share image cannot be made at that size".to_owned()))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let rgb: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            // Opaque on white, so the premultiplied colour is the colour.
            [p.red(), p.green(), p.blue()]
        })
        .collect();
    let mut jpeg = Vec::new();
    let encoder = jpeg_encoder::Encoder::new(&mut jpeg, QUALITY);
    // The size is bounded above, so it always fits in u16.
    let (w, h) = (WIDTH as u16, height as u16);
    encoder
        .encode(&rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| SvgError(format!("the share image cannot be encoded: {e}")))?;
    Ok(ShareImage {
        jpeg,
        width: WIDTH,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200" width="320" height="200"><rect width="320" height="200" fill="#0a6"/></svg>"##;

    #[test]
    fn an_svg_becomes_a_1200_wide_jpeg_of_its_aspect() {
        let image = rasterise_svg(SQUARE.as_bytes()).unwrap();
        assert_eq!((image.width, image.height), (1200, 750));
        assert!(image.jpeg.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG");
        // Nothing but the picture: no EXIF, no colour profile.
        for marker in [&b"Exif\0\0"[..], b"ICC_PROFILE", b"http://ns.adobe.com/xap"] {
            assert!(!image.jpeg.windows(marker.len()).any(|w| w == marker));
        }
    }

    #[test]
    fn a_tall_or_broken_svg_is_bounded_or_refused() {
        let tall = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="100000"/>"#;
        assert_eq!(rasterise_svg(tall.as_bytes()).unwrap().height, MAX_HEIGHT);
        assert!(rasterise_svg(b"<svg").is_err());
        assert!(rasterise_svg(b"plain text").is_err());
    }
}
