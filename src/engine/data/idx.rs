//! The IDX format of MNIST (`train-images-idx3-ubyte`, …), parsed from bytes, gzipped or not.
//!
//! An image file is the magic number 2051 (`00 00 08 03`), the count, the rows and the columns
//! (big-endian u32 each), then one byte per pixel; a label file is 2049 (`00 00 08 01`), the
//! count, then one byte per label. Pixels are divided by 255 in f32, exactly as the book's
//! `load_mnist(normalize=True)` does (`astype(np.float32)`, then `/= 255.0`), and widened to f64
//! for the maths: every pixel holds the book's own value. Reading the files is the caller's job:
//! this module does no I/O, and its errors leave naming the file to the caller.

use std::io::Read;

use anyhow::{Result, bail, ensure};
use flate2::read::GzDecoder;

use crate::engine::Matrix;

/// The magic number of an IDX file of unsigned-byte images (3 dimensions).
pub const IMAGES_MAGIC: u32 = 2051;
/// The magic number of an IDX file of unsigned-byte labels (1 dimension).
pub const LABELS_MAGIC: u32 = 2049;

/// Images as rows of pixels / 255 (divided in f32, like the book), with their height and width.
#[derive(Debug, Clone, PartialEq)]
pub struct Images {
    /// One row per image, `height·width` values in [0, 1].
    pub x: Matrix,
    /// Rows of pixels per image.
    pub height: usize,
    /// Pixels per row.
    pub width: usize,
}

/// The bytes, decompressed when they start with gzip's magic (`1f 8b`).
pub fn ungzip(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        GzDecoder::new(bytes)
            .read_to_end(&mut out)
            // flate2's own words say no more than this, in English
            .map_err(|_| anyhow::anyhow!(crate::t!("err-gzip-damaged")))?;
        Ok(std::borrow::Cow::Owned(out))
    } else {
        Ok(std::borrow::Cow::Borrowed(bytes))
    }
}

fn header(bytes: &[u8], words: usize) -> Result<Vec<u32>> {
    ensure!(
        bytes.len() >= 4 * words,
        crate::t!(
            "err-idx-header",
            bytes = bytes.len(),
            header = (4 * words).to_string()
        )
    );
    Ok(bytes[..4 * words]
        .chunks_exact(4)
        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
        .collect())
}

fn check_magic(found: u32, want: u32, what: &str) -> Result<()> {
    if found != want {
        bail!(crate::t!(
            "err-idx-magic",
            found = format!("{found:#010x}"),
            what = what,
            want = format!("{want:#010x}"),
            decimal = want.to_string()
        ));
    }
    Ok(())
}

/// Parse an image file (gzipped or raw).
pub fn images(bytes: &[u8]) -> Result<Images> {
    let bytes = ungzip(bytes)?;
    let magic = header(&bytes, 1)?[0];
    check_magic(magic, IMAGES_MAGIC, "image")?;
    let h = header(&bytes, 4)?;
    let (count, height, width) = (h[1] as usize, h[2] as usize, h[3] as usize);
    let pixels = height.saturating_mul(width);
    let need = count.saturating_mul(pixels);
    let body = &bytes[16..];
    ensure!(
        body.len() >= need,
        crate::t!(
            "err-idx-images-truncated",
            count = count,
            size = format!("{height}×{width}"),
            need = need.to_string(),
            found = body.len()
        )
    );
    ensure!(
        count > 0 && pixels > 0,
        crate::t!(
            "err-idx-no-images",
            count = count.to_string(),
            size = format!("{height}×{width}")
        )
    );
    let x = Matrix::from_shape_vec(
        (count, pixels),
        body[..need]
            .iter()
            .map(|&p| f64::from(f32::from(p) / 255.0))
            .collect(),
    )?;
    Ok(Images { x, height, width })
}

/// Parse a label file (gzipped or raw).
pub fn labels(bytes: &[u8]) -> Result<Vec<usize>> {
    let bytes = ungzip(bytes)?;
    let magic = header(&bytes, 1)?[0];
    check_magic(magic, LABELS_MAGIC, "label")?;
    let count = header(&bytes, 2)?[1] as usize;
    let body = &bytes[8..];
    ensure!(
        body.len() >= count,
        crate::t!(
            "err-idx-labels-truncated",
            count = count,
            found = body.len()
        )
    );
    Ok(body[..count].iter().map(|&l| usize::from(l)).collect())
}

/// The bytes of an image file: `images` (count × height × width pixels) behind the header.
/// For tests and for anyone who wants to write a tiny MNIST.
pub fn encode_images(pixels: &[u8], count: usize, height: usize, width: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + pixels.len());
    for word in [IMAGES_MAGIC, count as u32, height as u32, width as u32] {
        out.extend(word.to_be_bytes());
    }
    out.extend(pixels);
    out
}

/// The bytes of a label file.
pub fn encode_labels(labels: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + labels.len());
    for word in [LABELS_MAGIC, labels.len() as u32] {
        out.extend(word.to_be_bytes());
    }
    out.extend(labels);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn images_and_labels_round_trip() {
        let pixels: Vec<u8> = (0..12).map(|p| p * 20).collect();
        let im = images(&encode_images(&pixels, 3, 2, 2)).unwrap();
        assert_eq!((im.height, im.width), (2, 2));
        assert_eq!(im.x.dim(), (3, 4));
        // the book's float32 220 / 255, not the f64 quotient
        assert_eq!(im.x[[2, 3]], f64::from(220.0f32 / 255.0));
        assert_ne!(im.x[[2, 3]], 220.0 / 255.0);
        assert_eq!(labels(&encode_labels(&[7, 0, 9])).unwrap(), vec![7, 0, 9]);
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let e = images(&encode_labels(&[1])).unwrap_err().to_string();
        assert!(e.contains("wrong magic number 0x00000801"), "{e}");
        let mut short = encode_images(&[1, 2, 3, 4], 2, 2, 2);
        short.truncate(18);
        let e = images(&short).unwrap_err().to_string();
        assert!(e.contains("truncated: the header promises 2 images"), "{e}");
        let e = labels(&[0, 0]).unwrap_err().to_string();
        assert!(e.contains("too short"), "{e}");
    }
}
