//! Making a variant: a decoded photo turned into sRGB, resized (Lanczos3)
//! and encoded as AVIF, WebP, JPEG or PNG. The encoders are given pixels
//! only, so no metadata of the original (EXIF, GPS position, XMP, ICC)
//! reaches a variant.

use super::Format;
use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

/// A photo's pixels, 8 bits a channel: RGB, or RGBA when it has alpha.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub data: Vec<u8>,
}

impl Pixels {
    /// The pixels of a decoded photo, alpha kept only when it has some.
    pub fn of(img: image::DynamicImage, alpha: bool) -> Self {
        let (width, height) = (img.width(), img.height());
        let data = if alpha {
            img.into_rgba8().into_raw()
        } else {
            img.into_rgb8().into_raw()
        };
        Self {
            width,
            height,
            alpha,
            data,
        }
    }

    /// The pixels turned from the colour profile `icc` into sRGB, so they
    /// look the same once the profile is dropped (variants carry none). A
    /// profile moxcms cannot use leaves them as they are.
    pub fn convert_to_srgb(&mut self, icc: &[u8]) {
        use moxcms::{ColorProfile, Layout, TransformOptions};
        let Ok(from) = ColorProfile::new_from_slice(icc) else {
            return;
        };
        let layout = if self.alpha {
            Layout::Rgba
        } else {
            Layout::Rgb
        };
        let srgb = ColorProfile::new_srgb();
        let Ok(t) = from.create_transform_8bit(layout, &srgb, layout, TransformOptions::default())
        else {
            return;
        };
        let mut out = vec![0u8; self.data.len()];
        if t.transform(&self.data, &mut out).is_ok() {
            self.data = out;
        }
    }

    fn pixel_type(&self) -> PixelType {
        if self.alpha {
            PixelType::U8x4
        } else {
            PixelType::U8x3
        }
    }

    /// The photo resized to `width`×`height` (the same pixels when that
    /// is its size).
    pub fn resized(&self, width: u32, height: u32) -> Result<Pixels, String> {
        if (width, height) == (self.width, self.height) {
            return Ok(Pixels {
                width,
                height,
                alpha: self.alpha,
                data: self.data.clone(),
            });
        }
        let src = ImageRef::new(self.width, self.height, &self.data, self.pixel_type())
            .map_err(|e| e.to_string())?;
        let mut dst = Image::new(width, height, self.pixel_type());
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        Resizer::new()
            .resize(&src, &mut dst, &options)
            .map_err(|e| e.to_string())?;
        Ok(Pixels {
            width,
            height,
            alpha: self.alpha,
            data: dst.into_vec(),
        })
    }

    /// The pixels encoded as `format` at `quality` (1–100).
    pub fn encode(&self, format: Format, quality: u8) -> Result<Vec<u8>, String> {
        match format {
            Format::Avif => self.avif(quality),
            Format::WebP => {
                let encoder = if self.alpha {
                    webp::Encoder::from_rgba(&self.data, self.width, self.height)
                } else {
                    webp::Encoder::from_rgb(&self.data, self.width, self.height)
                };
                encoder
                    .encode_simple(false, f32::from(quality))
                    .map(|m| m.to_vec())
                    .map_err(|e| format!("{e:?}"))
            }
            Format::Jpeg => {
                let (w, h) = (
                    u16::try_from(self.width).map_err(|e| e.to_string())?,
                    u16::try_from(self.height).map_err(|e| e.to_string())?,
                );
                let mut out = Vec::new();
                let mut e = jpeg_encoder::Encoder::new(&mut out, quality);
                e.set_progressive(true);
                e.set_optimized_huffman_tables(true);
                e.set_chroma_subsampling_method(jpeg_encoder::ChromaSubsamplingMethod::Average);
                let color = if self.alpha {
                    jpeg_encoder::ColorType::Rgba
                } else {
                    jpeg_encoder::ColorType::Rgb
                };
                e.encode(&self.data, w, h, color)
                    .map_err(|e| e.to_string())?;
                Ok(out)
            }
            Format::Png => {
                use image::ImageEncoder;
                use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
                let mut out = Vec::new();
                let color = if self.alpha {
                    image::ExtendedColorType::Rgba8
                } else {
                    image::ExtendedColorType::Rgb8
                };
                PngEncoder::new_with_quality(
                    &mut out,
                    CompressionType::Default,
                    PngFilter::Adaptive,
                )
                .write_image(&self.data, self.width, self.height, color)
                .map_err(|e| e.to_string())?;
                Ok(out)
            }
        }
    }

    /// AVIF, one thread per photo (photos are already done in parallel).
    #[cfg(feature = "avif")]
    fn avif(&self, quality: u8) -> Result<Vec<u8>, String> {
        let (w, h) = (self.width as usize, self.height as usize);
        let encoder = ravif::Encoder::new()
            .with_quality(f32::from(quality))
            .with_speed(7)
            .with_num_threads(Some(1));
        let encoded = if self.alpha {
            let px: Vec<ravif::RGBA8> = self
                .data
                .chunks_exact(4)
                .map(|c| ravif::RGBA8::new(c[0], c[1], c[2], c[3]))
                .collect();
            encoder.encode_rgba(ravif::Img::new(&px[..], w, h))
        } else {
            let px: Vec<ravif::RGB8> = self
                .data
                .chunks_exact(3)
                .map(|c| ravif::RGB8::new(c[0], c[1], c[2]))
                .collect();
            encoder.encode_rgb(ravif::Img::new(&px[..], w, h))
        };
        encoded.map(|e| e.avif_file).map_err(|e| e.to_string())
    }

    /// Never asked for: config refuses `avif` in a salve built without it.
    #[cfg(not(feature = "avif"))]
    fn avif(&self, _quality: u8) -> Result<Vec<u8>, String> {
        Err("this salve was built without an AVIF encoder".to_owned())
    }
}
