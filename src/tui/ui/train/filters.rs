//! A convolution first on the training screen (chapter 7): the first layer's filters before and
//! after learning (the book's Fig. 7-24), or the selected test image's feature maps after the
//! convolution and after the pooling.
//!
//! Every pixel is a shade character (` ░▒▓█`, min dark → max light) repeated to keep the image
//! roughly square, so the images read the same with colour, without it and in a plain text
//! capture. Filters are scaled each by its own minimum and maximum, as the book's `filter_show`
//! lets `imshow` scale each (`ch07/visualize_filter.py`); the book's `gray_r` draws the largest
//! value darkest, here the largest is lightest, as the screen's other images. A layer's feature
//! maps share one scale, so a channel that stayed small reads dark beside one that fired. When
//! not every image fits, the caption says how many are shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::images::{SHADES, label};
use super::{ConvShow, ConvView, ImagesView, SmallImages};
use crate::i18n::format::num;
use crate::t;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key_for};
use crate::tui::theme::Theme;

/// The shade character of a value scaled to 0–1 (0 dark, 1 light).
pub fn shade(v: f64) -> &'static str {
    let level = (v.clamp(0.0, 1.0) * 4.0).round() as usize;
    SHADES[level.min(SHADES.len() - 1)]
}

/// Each image scaled to 0–1 by its own minimum and maximum (all 0.5 when it is flat): the
/// scaling `imshow` gives each of `filter_show`'s filters.
pub fn scale_each(images: &[Vec<f64>]) -> Vec<Vec<f64>> {
    images.iter().map(|i| super::images::normalise(i)).collect()
}

/// The images scaled to 0–1 by the minimum and maximum of them all, and that range.
pub fn scale_together(images: &[Vec<f64>]) -> (Vec<Vec<f64>>, (f64, f64)) {
    let all = images.iter().flatten().copied();
    let lo = all.clone().fold(f64::INFINITY, f64::min);
    let hi = all.fold(f64::NEG_INFINITY, f64::max);
    let scaled = images
        .iter()
        .map(|i| {
            i.iter()
                .map(|v| if hi > lo { (v - lo) / (hi - lo) } else { 0.5 })
                .collect()
        })
        .collect();
    (scaled, (lo, hi))
}

/// How a set of images is laid out: each pixel `sx` columns by `sy` rows, `per_row` images a
/// row, `rows` rows of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fit {
    sx: usize,
    sy: usize,
    per_row: usize,
    rows: usize,
}

impl Fit {
    fn shown(&self, n: usize) -> usize {
        n.min(self.per_row * self.rows)
    }
}

/// Pixel sizes tried, largest first (two columns a row keep a pixel roughly square).
const SCALES: [(usize, usize); 5] = [(8, 4), (6, 3), (4, 2), (2, 1), (1, 1)];

/// The largest scale at which `n` images of `h × w` fit `width × height` cells, a column and a
/// row apart; else the smallest, with as many as fit.
fn fit(n: usize, (h, w): (usize, usize), (width, height): (usize, usize)) -> Fit {
    let at = |(sx, sy): (usize, usize)| {
        let per_row = (width + 1) / (w * sx + 1).max(1);
        let rows = (height + 1) / (h * sy + 1).max(1);
        Fit {
            sx,
            sy,
            per_row,
            rows,
        }
    };
    SCALES
        .into_iter()
        .map(at)
        .find(|f| f.per_row > 0 && f.shown(n) == n)
        .unwrap_or_else(|| at((1, 1)))
}

/// Draw one image of `h × w` values (0–1) at `(x, y)` with each pixel `sx × sy` cells.
fn draw_one(
    buf: &mut Buffer,
    clip: Rect,
    (x, y): (u16, u16),
    fit: Fit,
    set: (usize, usize, &[f64]),
) {
    let (h, w, values) = set;
    for r in 0..h * fit.sy {
        for c in 0..w * fit.sx {
            let (Ok(dx), Ok(dy)) = (u16::try_from(c), u16::try_from(r)) else {
                continue;
            };
            let (cx, cy) = (x.saturating_add(dx), y.saturating_add(dy));
            if cx >= clip.right() || cy >= clip.bottom() {
                continue;
            }
            let v = values
                .get(r / fit.sy * w + c / fit.sx)
                .copied()
                .unwrap_or(0.0);
            buf[(cx, cy)].set_symbol(shade(v));
        }
    }
}

/// Draw `set` (its values already scaled to 0–1 in `scaled`) in `area`: the caption for the
/// number shown on the first row, the images below at the largest scale that fits, or at
/// `forced` when given.
fn draw_set(
    set: &SmallImages,
    scaled: &[Vec<f64>],
    caption: impl Fn(usize) -> String,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    forced: Option<Fit>,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let room = (usize::from(area.width), usize::from(area.height - 1));
    let n = set.images.len();
    let fit = forced.unwrap_or_else(|| fit(n, (set.h, set.w), room));
    let shown = fit.shown(n);
    let text = caption(shown);
    // an empty caption takes no row
    let top = u16::from(!text.is_empty());
    buf.set_stringn(area.x, area.y, text, room.0, theme.dim());
    let inner = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    for (k, values) in scaled.iter().take(shown).enumerate() {
        let col = k % fit.per_row.max(1) * (set.w * fit.sx + 1);
        let row = k / fit.per_row.max(1) * (set.h * fit.sy + 1);
        let (Ok(x), Ok(y)) = (u16::try_from(col), u16::try_from(row)) else {
            continue;
        };
        draw_one(
            buf,
            inner,
            (inner.x + x, inner.y + y),
            fit,
            (set.h, set.w, values),
        );
    }
}

/// `-0.51 … 0.83`: the range a layer's maps were scaled over.
fn range((lo, hi): (f64, f64)) -> String {
    format!("{} … {}", num(lo, 2), num(hi, 2))
}

/// The first layer's filters now, for the panel under the test images (the charts view).
#[derive(Debug, Clone, Copy)]
pub struct FiltersNow<'a> {
    /// The filters.
    pub conv: &'a ConvView,
    /// Colours.
    pub theme: Theme,
}

impl Widget for FiltersNow<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (conv, theme) = (self.conv, self.theme);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border());
        let inner = block.inner(area);
        // the filters take the whole panel (no caption row): the title says what they are
        let (width, height) = (usize::from(inner.width), usize::from(inner.height) + 1);
        let set = &conv.after;
        let fit = fit(set.images.len(), (set.h, set.w), (width, height));
        let title = Line::from(vec![
            Span::styled(
                format!(
                    " {} ",
                    t!(
                        "convtrain-now-title",
                        filters = filters_caption(conv, fit.shown(set.images.len()))
                    )
                ),
                theme.title(),
            ),
            Span::raw(format!(
                "· {} ",
                t!(
                    "convtrain-now-hint",
                    key = key_for(Context::Train, &Action::ToggleGraph)
                )
            )),
        ]);
        block.title(title).render(area, buf);
        let scaled = scale_each(&set.images);
        draw_set(
            set,
            &scaled,
            |_| String::new(),
            inner,
            buf,
            theme,
            Some(fit),
        );
    }
}

/// `Conv1: 16 filters 1×3×3`, or `Conv1: 13 of 30 filters 1×5×5` when `shown` are fewer.
fn filters_caption(conv: &ConvView, shown: usize) -> String {
    let c = conv.channels.max(1);
    let (layer, n) = (conv.after.layer.as_str(), conv.after.images.len());
    let shape = format!("{c}×{}×{}", conv.after.h, conv.after.w / c);
    if shown < n {
        t!(
            "convtrain-filters-part",
            layer = layer,
            shown = shown,
            n = n,
            shape = shape
        )
    } else {
        t!("convtrain-filters", layer = layer, n = n, shape = shape)
    }
}

/// `Conv1: 16 maps 8×8 · after the convolution · -0.52 … 0.91` (`7 of 16 maps` when fewer
/// are shown; first, so a narrow caption keeps it).
fn maps_caption(
    after: &str,
    set: &SmallImages,
    span: (f64, f64),
    shown: usize,
    step: usize,
) -> String {
    let (layer, n) = (set.layer.as_str(), set.images.len());
    let mut shape = format!("{}×{}", set.h, set.w);
    if step > 1 {
        shape = t!("convtrain-reduced", shape = shape, k = step);
    }
    let maps = if shown < n {
        t!(
            "convtrain-maps-part",
            layer = layer,
            shown = shown,
            n = n,
            shape = shape
        )
    } else {
        t!("convtrain-maps", layer = layer, n = n, shape = shape)
    };
    format!("{maps} · {after} · {}", range(span))
}

/// The body of the training screen for a convolution first: the filters before and after
/// learning, or the selected test image's feature maps.
#[derive(Debug, Clone, Copy)]
pub struct ConvPanel<'a> {
    /// The filters and maps.
    pub conv: &'a ConvView,
    /// The test images (for the selected one and its label).
    pub images: &'a ImagesView,
    /// Iterations run so far.
    pub iteration: usize,
    /// Colours.
    pub theme: Theme,
}

impl ConvPanel<'_> {
    fn title(&self) -> String {
        let conv = self.conv;
        let view = key_for(Context::Train, &Action::ToggleGraph);
        match conv.show {
            ConvShow::Maps => {
                // the image whose maps are drawn (the selection, once the worker answered)
                let shown = conv.maps.as_ref().map_or(conv.selected, |m| m.sample);
                let which = self
                    .images
                    .samples
                    .get(shown)
                    .map(|s| label(s.predicted, s.truth))
                    .unwrap_or_default();
                t!(
                    "convtrain-maps-title",
                    image = shown + 1,
                    n = self.images.samples.len(),
                    label = which,
                    next = key_for(Context::Train, &Action::FocusNext),
                    key = view
                )
            }
            _ => t!("convtrain-filters-title", key = view),
        }
    }

    fn filters(&self, inner: Rect, buf: &mut Buffer) {
        let (conv, theme) = (self.conv, self.theme);
        // the legend on the last row; before and after share the rest, at one scale
        let legend = Rect {
            y: inner.bottom().saturating_sub(1),
            height: inner.height.min(1),
            ..inner
        };
        buf.set_stringn(
            legend.x,
            legend.y,
            t!("convtrain-filters-legend"),
            usize::from(legend.width),
            theme.dim(),
        );
        let rest = inner.height.saturating_sub(2);
        let half = rest / 2;
        let top = Rect {
            height: half,
            ..inner
        };
        let bottom = Rect {
            y: inner.y + half + 1,
            height: rest - half,
            ..inner
        };
        let set = &conv.before;
        let room = (
            usize::from(inner.width),
            usize::from(half.saturating_sub(1)),
        );
        let one = fit(set.images.len(), (set.h, set.w), room);
        draw_set(
            &conv.before,
            &scale_each(&conv.before.images),
            |shown| {
                format!(
                    "{} · {}",
                    t!("convtrain-before"),
                    filters_caption(conv, shown)
                )
            },
            top,
            buf,
            theme,
            Some(one),
        );
        draw_set(
            &conv.after,
            &scale_each(&conv.after.images),
            |_| t!("convtrain-after", n = self.iteration),
            bottom,
            buf,
            theme,
            Some(one),
        );
    }

    fn maps(&self, inner: Rect, buf: &mut Buffer) {
        let (conv, theme) = (self.conv, self.theme);
        let Some(maps) = &conv.maps else {
            buf.set_stringn(
                inner.x,
                inner.y,
                t!("convtrain-maps-waiting"),
                usize::from(inner.width),
                theme.dim(),
            );
            return;
        };
        // maps taller than the pane are drawn a cell per step×step pixels (their mean)
        let step = reduction(usize::from(inner.height), &maps.conv, maps.pool.as_ref());
        let conv_set = reduce(&maps.conv, step);
        let pool_set = maps.pool.as_ref().map(|p| reduce(p, step));
        let side = self.images.side.div_ceil(step);
        let layout = maps_layout(
            (usize::from(inner.width), usize::from(inner.height)),
            side,
            &conv_set,
            pool_set.as_ref(),
        );
        let cells = |v: usize| u16::try_from(v).unwrap_or(u16::MAX);
        // the input image on the left, at the maps' pixel size
        if let Some(sample) = self.images.samples.get(maps.sample)
            && layout.left > 0
        {
            let input = reduce(
                &SmallImages {
                    layer: String::new(),
                    h: self.images.side,
                    w: self.images.side,
                    images: vec![sample.pixels.clone()],
                },
                step,
            );
            let area = Rect {
                width: cells(layout.left - 1),
                ..inner
            };
            let one = Fit {
                per_row: 1,
                rows: 1,
                ..layout.scale
            };
            let scaled = scale_each(&input.images);
            let caption = |_| t!("convtrain-input");
            draw_set(&input, &scaled, caption, area, buf, theme, Some(one));
        }
        let right = Rect {
            x: inner.x + cells(layout.left),
            width: inner.width.saturating_sub(cells(layout.left)),
            ..inner
        };
        let conv_area = Rect {
            height: cells(layout.conv_height).min(right.height),
            ..right
        };
        let at_scale = |set: &SmallImages, area: Rect| {
            let (width, height) = (usize::from(area.width), usize::from(area.height));
            Fit {
                per_row: (width + 1) / (set.w * layout.scale.sx + 1).max(1),
                rows: height / (set.h * layout.scale.sy + 1).max(1),
                ..layout.scale
            }
        };
        let (scaled, span) = scale_together(&conv_set.images);
        let after = t!("convtrain-after-conv");
        let fit = at_scale(&conv_set, conv_area);
        let caption = |shown| maps_caption(&after, &maps.conv, span, shown, step);
        draw_set(
            &conv_set,
            &scaled,
            caption,
            conv_area,
            buf,
            theme,
            Some(fit),
        );
        if let (Some(pool), Some(pool_set)) = (&maps.pool, &pool_set) {
            // right under the last row of the convolution's maps: its caption is the gap
            let y = conv_area.bottom().min(right.bottom());
            let area = Rect {
                y,
                height: right.bottom() - y,
                ..right
            };
            let (scaled, span) = scale_together(&pool_set.images);
            let after = t!("convtrain-after-pool");
            let caption = |shown| maps_caption(&after, pool, span, shown, step);
            let fit = at_scale(pool_set, area);
            draw_set(pool_set, &scaled, caption, area, buf, theme, Some(fit));
        }
    }
}

/// The smallest step (1, 2, 3, …) at which one map after the convolution and one after the
/// pooling, each under its caption, fit `height` rows at a cell per step×step pixels.
fn reduction(height: usize, conv: &SmallImages, pool: Option<&SmallImages>) -> usize {
    let rows = |k: usize| 1 + conv.h.div_ceil(k) + pool.map_or(0, |p| 1 + p.h.div_ceil(k));
    (1..=conv.h.max(1))
        .find(|&k| rows(k) <= height)
        .unwrap_or(conv.h.max(1))
}

/// `set` with each image cut to the means of its step×step blocks (the last blocks of a row or
/// column may be smaller); `set` itself when `step` is 1.
fn reduce(set: &SmallImages, step: usize) -> SmallImages {
    if step <= 1 {
        return set.clone();
    }
    let (h, w) = (set.h.div_ceil(step), set.w.div_ceil(step));
    let images = set
        .images
        .iter()
        .map(|img| {
            let mut out = Vec::with_capacity(h * w);
            for r in 0..h {
                for c in 0..w {
                    let (mut sum, mut n) = (0.0, 0usize);
                    for y in r * step..((r + 1) * step).min(set.h) {
                        for x in c * step..((c + 1) * step).min(set.w) {
                            if let Some(v) = img.get(y * set.w + x) {
                                sum += v;
                                n += 1;
                            }
                        }
                    }
                    out.push(if n == 0 { 0.0 } else { sum / n as f64 });
                }
            }
            out
        })
        .collect();
    SmallImages {
        layer: set.layer.clone(),
        h,
        w,
        images,
    }
}

/// Where the maps view puts things: the input's column (`left` cells, 0 for none), the rows
/// of the convolution's maps (their caption included) and the pixel size of every image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MapsLayout {
    left: usize,
    conv_height: usize,
    scale: Fit,
}

/// Rows `n` images of `h` rows take at `sy` rows a pixel, `per_row` a row, with their caption.
fn set_height(n: usize, h: usize, sy: usize, per_row: usize) -> usize {
    n.div_ceil(per_row.max(1)) * (h * sy + 1)
}

/// The largest pixel size at which the input (`side`), every map after the convolution and
/// every map after the pooling (below them) fit `width × height`; else one cell a pixel, the
/// convolution's maps in whole rows and the pooling's keeping at least one row.
fn maps_layout(
    (width, height): (usize, usize),
    side: usize,
    conv: &SmallImages,
    pool: Option<&SmallImages>,
) -> MapsLayout {
    let n = conv.images.len();
    // the input's column is as wide as the image or its caption, and a gap
    let caption = crate::tui::text::width(&t!("convtrain-input"));
    let per_row = |w: usize, sx: usize, room: usize| (room + 1) / (w * sx + 1).max(1);
    for (sx, sy) in SCALES {
        let left = (side * sx).max(caption) + 1;
        let Some(room) = width.checked_sub(left) else {
            continue;
        };
        let conv_row = per_row(conv.w, sx, room);
        if left > width / 3 || conv_row == 0 {
            continue;
        }
        let conv_height = set_height(n, conv.h, sy, conv_row);
        let pool_height = pool.map_or(0, |p| {
            set_height(p.images.len(), p.h, sy, per_row(p.w, sx, room))
        });
        if conv_height + pool_height <= height {
            let scale = Fit {
                sx,
                sy,
                per_row: 0,
                rows: 0,
            };
            return MapsLayout {
                left,
                conv_height,
                scale,
            };
        }
    }
    // one cell a pixel; the input only when it leaves three quarters of the width
    let left = side.max(caption) + 1;
    let left = if left <= width / 4 { left } else { 0 };
    let room = width.saturating_sub(left);
    let need = set_height(n, conv.h, 1, per_row(conv.w, 1, room));
    let pool_min = pool.map_or(0, |p| 1 + p.h);
    let budget = height.saturating_sub(pool_min);
    // a caption and k rows of h a row apart take k·(h + 1)
    let conv_height = if need <= budget {
        need
    } else {
        (budget / (conv.h + 1)).max(1) * (conv.h + 1)
    };
    MapsLayout {
        left,
        conv_height,
        scale: Fit {
            sx: 1,
            sy: 1,
            per_row: 0,
            rows: 0,
        },
    }
}

impl Widget for ConvPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(Line::from(Span::styled(
                format!(" {} ", self.title()),
                theme.title(),
            )));
        let inner = block.inner(area);
        block.render(area, buf);
        match self.conv.show {
            ConvShow::Maps => self.maps(inner, buf),
            _ => self.filters(inner, buf),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::tui::ui::train::{FeatureMaps, ImageSample, drawn_rows};

    #[test]
    fn each_filter_is_scaled_by_its_own_min_and_max() {
        // filter 0: min -0.25 → 0, max 0.25 → 1, 0 → 0.5, 0.125 → 0.75;
        // filter 1: 1, 2, 3, 5 → 0, 0.25, 0.5, 1; a flat filter is mid-grey
        let filters = vec![
            vec![-0.25, 0.0, 0.25, 0.125],
            vec![1.0, 2.0, 3.0, 5.0],
            vec![0.3; 4],
        ];
        let scaled = scale_each(&filters);
        assert_eq!(scaled[0], vec![0.0, 0.5, 1.0, 0.75]);
        assert_eq!(scaled[1], vec![0.0, 0.25, 0.5, 1.0]);
        assert_eq!(scaled[2], vec![0.5; 4]);
        // min dark, max light: 0 → ' ', 0.25 → ░, 0.5 → ▒, 0.75 → ▓, 1 → █
        let shades: Vec<&str> = scaled[0].iter().map(|&v| shade(v)).collect();
        assert_eq!(shades, [" ", "▒", "█", "▓"]);
        assert_eq!(shade(0.25), "░");
    }

    #[test]
    fn maps_of_a_layer_share_one_scale() {
        // -1 … 3 over both maps: 0 → 0.25, 1 → 0.5; the all-zero map is not mid-grey
        let (scaled, span) = scale_together(&[vec![-1.0, 3.0], vec![0.0, 1.0]]);
        assert_eq!(span, (-1.0, 3.0));
        assert_eq!(scaled, vec![vec![0.0, 1.0], vec![0.25, 0.5]]);
        assert_eq!(range(span), "-1.00 … 3.00");
    }

    #[test]
    fn maps_taller_than_the_pane_are_drawn_a_cell_per_block_of_pixels() {
        let set = |h: usize, w: usize, images: Vec<Vec<f64>>| SmallImages {
            layer: "Conv1".into(),
            h,
            w,
            images,
        };
        // the book's SimpleConvNet on MNIST: 30 maps 24×24, pooled to 12×12
        let conv = set(24, 24, vec![vec![0.0; 576]; 30]);
        let pool = set(12, 12, vec![vec![0.0; 144]; 30]);
        // 1 + 24 + 1 + 12 = 38 rows at one cell a pixel; 1 + 12 + 1 + 6 = 20 at 2×2 a cell
        assert_eq!(reduction(38, &conv, Some(&pool)), 1);
        assert_eq!(reduction(37, &conv, Some(&pool)), 2);
        assert_eq!(reduction(20, &conv, Some(&pool)), 2);
        assert_eq!(reduction(19, &conv, Some(&pool)), 3);
        // each cell is the mean of its block; the last block of a 3-wide row is 1 wide
        let img = set(2, 3, vec![vec![1.0, 3.0, 5.0, 3.0, 5.0, 9.0]]);
        let half = reduce(&img, 2);
        assert_eq!((half.h, half.w), (1, 2));
        assert_eq!(half.images, vec![vec![3.0, 7.0]]);
        assert_eq!(reduce(&img, 1), img);
        // the caption keeps the maps' own size and says how many pixels a cell shows
        let caption = crate::i18n::scoped(crate::i18n::Lang::En, || {
            maps_caption("after the convolution", &conv, (-1.0, 1.0), 7, 3)
        });
        assert!(
            caption.starts_with("Conv1: 7 of 30 maps 24×24, 3×3 a cell · after the convolution"),
            "{caption}"
        );
    }

    #[test]
    fn the_largest_scale_that_fits_all_else_as_many_as_fit() {
        // 16 filters 3×3 in 78×7: two columns a pixel, 11 a row, two rows
        assert_eq!(
            fit(16, (3, 3), (78, 7)),
            Fit {
                sx: 2,
                sy: 1,
                per_row: 11,
                rows: 2
            }
        );
        // 16 maps 8×8 in 68×8: one row of 7 at the smallest scale
        let f = fit(16, (8, 8), (68, 8));
        assert_eq!(
            (f.sx, f.sy, f.per_row, f.rows, f.shown(16)),
            (1, 1, 7, 1, 7)
        );
        assert_eq!(set_height(16, 4, 1, 13), 2 * 5);
    }

    fn set(layer: &str, n: usize, h: usize, w: usize) -> SmallImages {
        // each image: 0 on its left half, 1 on its right half
        let image: Vec<f64> = (0..h * w)
            .map(|i| if i % w < w / 2 { 0.0 } else { 1.0 })
            .collect();
        SmallImages {
            layer: layer.into(),
            h,
            w,
            images: vec![image; n],
        }
    }

    #[test]
    fn filters_before_and_after_draw_min_dark_max_light() {
        let conv = ConvView {
            before: set("Conv1", 3, 2, 2),
            after: set("Conv1", 3, 2, 2),
            channels: 1,
            show: ConvShow::Filters,
            ..ConvView::default()
        };
        let images = ImagesView::default();
        let panel = ConvPanel {
            conv: &conv,
            images: &images,
            iteration: 5,
            theme: Theme { colour: false },
        };
        let rows = drawn_rows(panel, 40, 12);
        assert!(rows[1].contains("Conv1"), "{rows:?}");
        // the left column of each filter (its minimum) is blank, the right (its maximum) full
        // (2×2 filters in 38×3: two columns a pixel)
        assert!(rows[2].starts_with("│  ██   ██   ██   "), "{rows:?}");
        let after = rows.iter().position(|r| r.contains('5')).unwrap();
        assert_eq!(rows[after + 1], rows[2], "{rows:?}");
    }

    #[test]
    fn maps_show_the_input_then_conv_and_pool_and_say_how_many_fit() {
        let conv = ConvView {
            before: set("Conv1", 2, 2, 2),
            after: set("Conv1", 2, 2, 2),
            channels: 1,
            maps: Some(FeatureMaps {
                sample: 0,
                conv: set("Conv1", 6, 4, 4),
                pool: Some(set("Pool1", 6, 2, 2)),
            }),
            show: ConvShow::Maps,
            ..ConvView::default()
        };
        let images = ImagesView {
            side: 4,
            samples: vec![ImageSample {
                pixels: vec![1.0; 16],
                predicted: 3,
                truth: 8,
            }],
            ..ImagesView::default()
        };
        let panel = ConvPanel {
            conv: &conv,
            images: &images,
            iteration: 0,
            theme: Theme { colour: false },
        };
        let rows = drawn_rows(panel, 48, 12);
        let text = rows.join("\n");
        assert!(rows[0].contains("image 1/1 (3 ✗(8))"), "{text}");
        // the input, 4×4 all one value (mid-grey), left of the maps; each map dark on its
        // left half, light on its right; 6 maps in 40 columns at one column a pixel
        assert!(
            rows[1].starts_with("│input Conv1: 6 maps 4×4 · after the"),
            "{text}"
        );
        assert_eq!(
            rows[2], "│▒▒▒▒    ██   ██   ██   ██   ██   ██           │",
            "{text}"
        );
        assert_eq!(
            rows[7], "│       █  █  █  █  █  █                       │",
            "{text}"
        );
        assert!(
            text.contains("Pool1: 6 maps 2×2 · after the pooling"),
            "{text}"
        );
        // in 30 columns the convolution's maps take one row, 4 of 6, the pooling's all
        let rows = drawn_rows(panel, 30, 12);
        let text = rows.join("\n");
        assert!(rows[1].contains("Conv1: 4 of 6 maps"), "{text}");
        assert!(rows[6].contains("Pool1: 6 maps"), "{text}");
    }
}
