//! Share images: the picture social sites show for a link (`og:image`).
//! Facebook and X show no SVG, so an SVG photo is drawn into a PNG here.
//!
//! An SVG is markup from the site: it may name other files (`<image
//! href="/etc/…">`), fonts or millions of elements. Nothing it names is
//! read (data: URLs aside), no system font is loaded, and the picture's
//! size is bounded, whatever the SVG says.

use image::ImageEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use resvg::{tiny_skia, usvg};

/// The width of a share image made from a photo, as social sites recommend.
pub const WIDTH: u32 = 1200;
/// The width of a share image drawn from an SVG: the least social sites
/// show as a large card. A drawing's flat shapes stay sharp when a site
/// scales it up, and at 1200 pixels each drawing took four times as long
/// and twice the bytes (1.5 ms and 14 KB; 10,000 SVG photos were the
/// slowest part of a cold build, see BENCHMARKS.md).
pub const DRAWING_WIDTH: u32 = 600;
/// The tallest share image drawn: a very tall SVG is cropped to this.
pub const MAX_HEIGHT: u32 = 1200;

/// Why an SVG could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SvgError(pub String);

impl std::fmt::Display for SvgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SvgError {}

/// An SVG read and sized for drawing.
pub struct Drawing {
    tree: usvg::Tree,
    scale: f32,
    /// The share image's size: [`DRAWING_WIDTH`] wide, of the SVG's aspect.
    pub width: u32,
    pub height: u32,
    /// Whether the SVG has text, which is not drawn: salve loads no fonts.
    pub has_text: bool,
}

/// Reads `svg` and sizes its share image, without drawing it.
pub fn read_svg(svg: &[u8]) -> Result<Drawing, SvgError> {
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
    let scale = DRAWING_WIDTH as f32 / size.width();
    let height = (size.height() * scale).ceil().clamp(1.0, MAX_HEIGHT as f32) as u32;
    let has_text = svg.windows(5).any(|w| w == b"<text");
    Ok(Drawing {
        tree,
        scale,
        width: DRAWING_WIDTH,
        height,
        has_text,
    })
}

impl Drawing {
    /// Draws the SVG on white (a see-through share image shows on the
    /// social site's own background) as a PNG, fast compression: drawings
    /// are flat colours, which compress well anyway.
    pub fn to_png(&self) -> Result<Vec<u8>, SvgError> {
        let mut pixmap = tiny_skia::Pixmap::new(self.width, self.height)
            .ok_or_else(|| SvgError("the share image cannot be made at that size".to_owned()))?;
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(
            &self.tree,
            tiny_skia::Transform::from_scale(self.scale, self.scale),
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
        let mut png = Vec::new();
        PngEncoder::new_with_quality(&mut png, CompressionType::Fast, FilterType::Adaptive)
            .write_image(
                &rgb,
                self.width,
                self.height,
                image::ExtendedColorType::Rgb8,
            )
            .map_err(|e| SvgError(format!("the share image cannot be encoded: {e}")))?;
        Ok(png)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200" width="320" height="200"><rect width="320" height="200" fill="#0a6"/></svg>"##;

    #[test]
    fn an_svg_becomes_a_600_wide_png_of_its_aspect() {
        let drawing = read_svg(SQUARE.as_bytes()).unwrap();
        assert_eq!((drawing.width, drawing.height), (600, 375));
        assert!(!drawing.has_text);
        let png = drawing.to_png().unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        let decoded = image::load_from_memory(&png).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (600, 375));
        // The green of the rectangle, not the white behind it.
        let px = decoded.to_rgb8().get_pixel(300, 187).0;
        assert!(px[1] > 120 && px[0] < 40, "{px:?}");
        // Nothing but the picture: no EXIF, no colour profile.
        for marker in [&b"Exif\0\0"[..], b"ICC_PROFILE", b"http://ns.adobe.com/xap"] {
            assert!(!png.windows(marker.len()).any(|w| w == marker));
        }
    }

    #[test]
    fn a_tall_or_broken_svg_is_bounded_or_refused() {
        let tall = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="100000"/>"#;
        assert_eq!(read_svg(tall.as_bytes()).unwrap().height, MAX_HEIGHT);
        assert!(read_svg(b"<svg").is_err());
        assert!(read_svg(b"plain text").is_err());
        let labelled = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>shin</text></svg>"#;
        assert!(read_svg(labelled.as_bytes()).unwrap().has_text);
    }
}
