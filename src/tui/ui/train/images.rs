//! Image data on the training screen: a grid of test images with the predicted and true labels,
//! and the first layer's weights drawn as images.
//!
//! An image is drawn with half-blocks: `▀` with the top pixel's grey as foreground and the
//! bottom's as background, two pixels per cell. Without colour each cell is a shade character
//! (` ░▒▓█`) of the two pixels' mean. A 28×28 image shrinks by a whole factor (mean of each
//! block of pixels) until three fit side by side.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::ImagesView;
use crate::t;
use crate::tui::theme::Theme;

/// Shade characters from dark to light, for images without colour.
pub const SHADES: [&str; 5] = [" ", "░", "▒", "▓", "█"];

/// The test-image grid of the training screen.
#[derive(Debug, Clone, Copy)]
pub struct ImageGrid<'a> {
    /// The images and predictions.
    pub images: &'a ImagesView,
    /// Colours.
    pub theme: Theme,
}

/// The first layer's weights, one image per hidden unit.
#[derive(Debug, Clone, Copy)]
pub struct WeightImages<'a> {
    /// The weights.
    pub images: &'a ImagesView,
    /// Colours.
    pub theme: Theme,
}

/// `pixels` (`side × side`, row by row) shrunk by `factor`: each output pixel is the mean of a
/// `factor × factor` block (smaller at the edges). Returns the new side and pixels.
pub fn shrink(pixels: &[f64], side: usize, factor: usize) -> (usize, Vec<f64>) {
    let factor = factor.max(1);
    let small = side.div_ceil(factor);
    let mut out = Vec::with_capacity(small * small);
    for r in 0..small {
        for c in 0..small {
            let (mut sum, mut n) = (0.0, 0usize);
            for y in r * factor..((r + 1) * factor).min(side) {
                for x in c * factor..((c + 1) * factor).min(side) {
                    if let Some(v) = pixels.get(y * side + x) {
                        sum += v;
                        n += 1;
                    }
                }
            }
            out.push(if n == 0 { 0.0 } else { sum / n as f64 });
        }
    }
    (small, out)
}

/// `values` rescaled to 0–1 by their own minimum and maximum (all 0.5 when they are equal).
pub fn normalise(values: &[f64]) -> Vec<f64> {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return vec![0.5; values.len()];
    }
    values.iter().map(|v| (v - lo) / (hi - lo)).collect()
}

/// The smallest shrink factor at which `per_row` images of `side` pixels (plus a gap and at
/// least `min_width` columns each) fit `width` columns.
pub fn fit_factor(side: usize, width: u16, per_row: usize, min_width: usize) -> usize {
    let room = usize::from(width) / per_row.max(1);
    (1..=side.max(1))
        .find(|&f| side.div_ceil(f).max(min_width) < room)
        .unwrap_or(side.max(1))
}

/// Draw a `side × side` image (0–1 pixels) with its top-left corner at `(x, y)`, clipped to
/// `clip`: two pixels per cell.
pub fn draw_image(
    buf: &mut Buffer,
    clip: Rect,
    (x, y): (u16, u16),
    side: usize,
    pixels: &[f64],
    theme: Theme,
) {
    let pixel = |r: usize, c: usize| pixels.get(r * side + c).copied();
    for row in 0..side.div_ceil(2) {
        for col in 0..side {
            let (Ok(dx), Ok(dy)) = (u16::try_from(col), u16::try_from(row)) else {
                continue;
            };
            let (cx, cy) = (x.saturating_add(dx), y.saturating_add(dy));
            if cx >= clip.right() || cy >= clip.bottom() {
                continue;
            }
            let top = pixel(row * 2, col).unwrap_or(0.0);
            let bottom = pixel(row * 2 + 1, col);
            let cell = &mut buf[(cx, cy)];
            match (theme.grey(top), bottom.and_then(|b| theme.grey(b))) {
                (Some(fg), bg) => {
                    let mut style = Style::new().fg(fg);
                    if let Some(bg) = bg {
                        style = style.bg(bg);
                    }
                    cell.set_symbol("▀").set_style(style);
                }
                (None, _) => {
                    let mean = bottom.map_or(top, |b| (top + b) / 2.0);
                    let shade = (mean.clamp(0.0, 1.0) * 4.0).round() as usize;
                    cell.set_symbol(SHADES[shade.min(4)]);
                }
            }
        }
    }
}

/// The label under a test image: `7 ✓` when right, `3 ✗(8)` (predicted 3, true 8) when wrong.
pub fn label(predicted: usize, truth: usize) -> String {
    if predicted == truth {
        format!("{predicted} ✓")
    } else {
        format!("{predicted} ✗({truth})")
    }
}

/// The top-left corners of a grid's slots inside `inner`, row after row: `slot_w` columns and
/// `slot_h` rows each, as many as fit (the last row may leave out `spare` rows of its slot).
fn slots(
    inner: Rect,
    slot_w: usize,
    slot_h: usize,
    spare: usize,
) -> impl Iterator<Item = (u16, u16)> {
    let per_row = (usize::from(inner.width) / slot_w.max(1)).max(1);
    let rows = (usize::from(inner.height) + spare) / slot_h.max(1);
    (0..per_row * rows).map_while(move |i| {
        let x = u16::try_from(i % per_row * slot_w).ok()?;
        let y = u16::try_from(i / per_row * slot_h).ok()?;
        Some((inner.x + x, inner.y + y))
    })
}

/// Columns a label needs at most (`9 ✗(9)`).
const LABEL_WIDTH: usize = 6;

impl Widget for ImageGrid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (images, theme) = (self.images, self.theme);
        let wrong = images
            .samples
            .iter()
            .filter(|s| s.predicted != s.truth)
            .count();
        let title = Line::from(vec![
            Span::styled(format!(" {} ", t!("train-images-title")), theme.title()),
            Span::raw(format!(
                "· {} ",
                t!(
                    "train-images-wrong",
                    wrong = wrong,
                    n = images.samples.len()
                )
            )),
        ]);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(title);
        let inner = block.inner(area);
        block.render(area, buf);
        let factor = fit_factor(images.side, inner.width, 3, LABEL_WIDTH);
        let small = images.side.div_ceil(factor);
        let slot_w = small.max(LABEL_WIDTH) + 1;
        // each image has its label on the row below it
        let slots = slots(inner, slot_w, small.div_ceil(2) + 1, 0);
        for (sample, (x, y)) in images.samples.iter().zip(slots) {
            let (_, pixels) = shrink(&sample.pixels, images.side, factor);
            draw_image(buf, inner, (x, y), small, &pixels, theme);
            let right = sample.predicted == sample.truth;
            let style = if right { theme.ok() } else { theme.error() };
            let label_y = y + u16::try_from(small.div_ceil(2)).unwrap_or(0);
            if label_y < inner.bottom() {
                buf.set_stringn(
                    x,
                    label_y,
                    label(sample.predicted, sample.truth),
                    slot_w - 1,
                    style,
                );
            }
        }
    }
}

impl Widget for WeightImages<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (images, theme) = (self.images, self.theme);
        let side = images.side;
        let title = Line::from(vec![
            Span::styled(format!(" {} ", t!("train-weights-title")), theme.title()),
            Span::raw(format!(
                "· {} ",
                t!(
                    "train-weights-units",
                    n = images.weights.len(),
                    side = format!("{side}×{side}")
                )
            )),
        ]);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(title);
        let inner = block.inner(area);
        block.render(area, buf);
        let factor = fit_factor(side, inner.width, 4, 0);
        let small = side.div_ceil(factor);
        // a blank row between rows of images, none needed after the last
        let slots = slots(inner, small + 1, small.div_ceil(2) + 1, 1);
        for (weights, at) in images.weights.iter().zip(slots) {
            let (_, pixels) = shrink(&normalise(weights), side, factor);
            draw_image(buf, inner, at, small, &pixels, theme);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::tui::ui::train::ImageSample;

    #[test]
    fn shrink_takes_block_means() {
        let pixels: Vec<f64> = (0..9).map(f64::from).collect();
        // 3×3 by 2: blocks {0,1,3,4}, {2,5}, {6,7}, {8}
        assert_eq!(shrink(&pixels, 3, 2), (2, vec![2.0, 3.5, 6.5, 8.0]));
        assert_eq!(shrink(&pixels, 3, 1).1, pixels);
    }

    #[test]
    fn normalise_spans_zero_to_one() {
        assert_eq!(normalise(&[-2.0, 0.0, 2.0]), vec![0.0, 0.5, 1.0]);
        assert_eq!(normalise(&[3.0, 3.0]), vec![0.5, 0.5]);
    }

    #[test]
    fn factor_fits_three_across() {
        assert_eq!(fit_factor(8, 60, 3, 6), 1);
        assert_eq!(fit_factor(28, 70, 3, 6), 2);
        assert_eq!(fit_factor(28, 46, 3, 6), 2);
        assert_eq!(fit_factor(28, 30, 3, 6), 4);
    }

    #[test]
    fn labels_mark_wrong_predictions() {
        assert_eq!(label(7, 7), "7 ✓");
        assert_eq!(label(3, 8), "3 ✗(8)");
    }

    /// A 4×4 image: white left half, black right half.
    fn half_white() -> Vec<f64> {
        (0..16).map(|i| if i % 4 < 2 { 1.0 } else { 0.0 }).collect()
    }

    #[test]
    fn grid_draws_images_and_labels_without_colour() {
        let images = ImagesView {
            side: 4,
            samples: vec![
                ImageSample {
                    pixels: half_white(),
                    predicted: 1,
                    truth: 1,
                },
                ImageSample {
                    pixels: half_white(),
                    predicted: 3,
                    truth: 8,
                },
            ],
            weights: vec![],
            conv: None,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 5));
        ImageGrid {
            images: &images,
            theme: Theme { colour: false },
        }
        .render(buf.area, &mut buf);
        let row = |y: u16| -> String { (0..24).map(|x| buf[(x, y)].symbol()).collect() };
        assert_eq!(row(1), "│██     ██             │");
        assert_eq!(row(2), "│██     ██             │");
        assert_eq!(row(3), "│1 ✓    3 ✗(8)         │");
        assert!(row(0).contains("· 1 of 2"), "{}", row(0));
    }

    #[test]
    fn colour_images_use_half_blocks_with_two_greys() {
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 2, 1));
        // 2×2: top row white, bottom row black
        let clip = buf.area;
        draw_image(&mut buf, clip, (0, 0), 2, &[1.0, 1.0, 0.0, 0.0], theme);
        assert_eq!(buf[(0, 0)].symbol(), "▀");
        assert_eq!(Some(buf[(0, 0)].fg), theme.grey(1.0));
        assert_eq!(Some(buf[(0, 0)].bg), theme.grey(0.0));
    }

    #[test]
    fn weights_are_drawn_normalised() {
        let images = ImagesView {
            side: 2,
            samples: vec![],
            weights: vec![vec![-1.0, 1.0, -1.0, 1.0], vec![5.0, 5.0, 0.0, 0.0]],
            conv: None,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 16, 3));
        WeightImages {
            images: &images,
            theme: Theme { colour: false },
        }
        .render(buf.area, &mut buf);
        let row: String = (0..16).map(|x| buf[(x, 1)].symbol()).collect();
        // unit 0: left column dark, right light; unit 1: top light, bottom dark → mean ▒
        assert_eq!(row, "│ █ ▒▒         │");
    }
}
