//! `digits`: the 8×8 handwritten digits, embedded in the binary.
//!
//! 1,797 images of 64 pixels with values 0–16, 10 classes: the UCI data set "Optical Recognition of
//! Handwritten Digits" (E. Alpaydin, C. Kaynak; CC BY 4.0), in the copy scikit-learn ships as
//! `sklearn/datasets/data/digits.csv.gz` (one image per line: 64 pixels then the label). The
//! features are divided by 16, so they lie in [0, 1].

use std::io::Read;

use anyhow::{Context, Result, ensure};
use flate2::read::GzDecoder;

use super::Labeled;
use crate::engine::Matrix;

/// The gzipped CSV, compiled in.
const DIGITS_CSV_GZ: &[u8] = include_bytes!("../../../assets/data/digits.csv.gz");

/// Rows in the set.
pub const ROWS: usize = 1797;
/// Pixels per image (8×8).
pub const FEATURES: usize = 64;
/// The digits 0–9.
pub const CLASSES: usize = 10;

/// Every image (pixels / 16) with its one-hot digit, in the file's order.
pub fn load() -> Result<Labeled> {
    let mut text = String::new();
    GzDecoder::new(DIGITS_CSV_GZ)
        .read_to_string(&mut text)
        .with_context(|| crate::t!("err-digits-damaged"))?;
    parse_csv(&text)
}

/// Parse lines of 64 pixel values then a label.
fn parse_csv(text: &str) -> Result<Labeled> {
    let mut cells = Vec::with_capacity(ROWS * FEATURES);
    let mut labels = Vec::with_capacity(ROWS);
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let values: Vec<f64> = line
            .split(',')
            .map(|v| v.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .with_context(|| crate::t!("err-digits-numbers", line = (i + 1).to_string()))?;
        ensure!(
            values.len() == FEATURES + 1,
            crate::t!(
                "err-digits-values",
                line = (i + 1).to_string(),
                values = values.len(),
                pixels = FEATURES
            )
        );
        cells.extend(values[..FEATURES].iter().map(|v| v / 16.0));
        labels.push(values[FEATURES] as usize);
    }
    let x = Matrix::from_shape_vec((labels.len(), FEATURES), cells)?;
    Labeled::from_labels(x, &labels, CLASSES)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_set_has_1797_images_of_the_ten_digits() {
        let d = load().unwrap();
        assert_eq!(d.x.dim(), (ROWS, FEATURES));
        assert!(d.x.iter().all(|&v| (0.0..=1.0).contains(&v)));
        let labels = d.labels();
        // The first image is a 0, the second a 1 (scikit-learn's digits.target[:2]).
        assert_eq!(&labels[..2], &[0, 1]);
        // Its first row: 0, 0, 5, 13, 9, 1, 0, 0 (divided by 16).
        assert_eq!(d.x[[0, 2]], 5.0 / 16.0);
        assert_eq!(d.x[[0, 3]], 13.0 / 16.0);
        for digit in 0..CLASSES {
            let count = labels.iter().filter(|&&l| l == digit).count();
            assert!((174..=183).contains(&count), "{digit}: {count}");
        }
    }

    #[test]
    fn a_short_line_is_an_error() {
        let e = parse_csv("1,2,3\n").unwrap_err().to_string();
        assert!(e.contains("line 1: 3 values"), "{e}");
    }
}
