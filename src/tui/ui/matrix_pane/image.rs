//! The 4-D layout of a matrix pane: a tensor N×C×H×W (one row a sample, its C·H·W values channel
//! after channel, as the book's Affine flattens it) drawn as each sample's channels, small H×W
//! grids side by side under a label (`n0 c0`, `n0 c1`, …; `f0 c0` for a convolution's filters), the
//! grid rows (h) indexed on the left.
//!
//! A cell keeps its matrix index: (n, c, h, w) is matrix cell (n, c·H·W + h·W + w), so the cursor,
//! the marks, the explanations and the nudge work unchanged. As in the 2-D layout only the visible
//! cells are formatted, and the view scrolls to keep the anchor in view, showing its whole grid
//! with its label when it fits. A window (im2col's, pooling's) can be outlined with box lines
//! around its cells on every channel of its sample; an edge that lies in the zero padding outside
//! the image is dashed.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::{CellText, MatrixPane, digits, window_start};
use crate::engine::tensor::ImageShape;
use crate::tui::text::width as width_of;

/// Columns after each channel grid: the first holds an outline's right edge, two separate grids.
const GAP: u16 = 3;

/// A window to outline on one sample: rows `top..=bottom` and columns `left..=right` of each of
/// its channel grids, in image coordinates (below 0 or past the edge where it covers padding).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outline {
    /// The sample n.
    pub sample: usize,
    /// First row (h) of the window.
    pub top: isize,
    /// Last row.
    pub bottom: isize,
    /// First column (w).
    pub left: isize,
    /// Last column.
    pub right: isize,
}

/// The (width, height) a 4-D pane of `samples` samples shaped `shape` would like with
/// `decimals` places: every grid, its label, an outline's two edges, the borders.
pub fn desired_size(samples: usize, shape: ImageShape, decimals: usize, mask: bool) -> (u16, u16) {
    let slot = if mask { 9 } else { decimals + 5 };
    let gutter = usize::from(digits(shape.h.saturating_sub(1))) + 1;
    let width = gutter + shape.c * (shape.w * slot + usize::from(GAP)) + 2;
    let height = samples.min(100) * (shape.h + 1) + 2 + 2;
    (
        u16::try_from(width).unwrap_or(u16::MAX),
        u16::try_from(height).unwrap_or(u16::MAX),
    )
}

/// One line of the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line4 {
    /// The labels of sample n's grids.
    Label(usize),
    /// Row h of sample n's grids.
    Row(usize, usize),
    /// The outline's top edge (above its first row) on sample n.
    Top(usize),
    /// The outline's bottom edge on sample n.
    Bottom(usize),
}

/// Where the visible part of a 4-D pane sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageGrid {
    /// Width of the h-index column, with its trailing space.
    gutter: u16,
    /// Width of a number (the marker column comes on top).
    cell_width: u16,
    /// The visible lines, top to bottom.
    lines: Vec<Line4>,
    /// First visible channel and how many.
    channels: (usize, usize),
    /// First visible column (w) of each grid and how many.
    columns: (usize, usize),
}

impl ImageGrid {
    fn slot(&self) -> u16 {
        self.cell_width + 2
    }

    fn pitch(&self) -> u16 {
        self.slot() * self.columns.1 as u16 + GAP
    }
}

/// An outline's rows and columns clipped to the image, and which of its edges were cut (lie in
/// the padding): top, bottom, left, right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Clipped {
    top: usize,
    bottom: usize,
    left: usize,
    right: usize,
    cut: [bool; 4],
}

/// `o` clipped to an `h`×`w` image; `None` when the window misses the image.
fn clipped(o: &Outline, h: usize, w: usize) -> Option<Clipped> {
    let (hi, wi) = (h as isize - 1, w as isize - 1);
    if o.bottom < 0 || o.right < 0 || o.top > hi || o.left > wi {
        return None;
    }
    Some(Clipped {
        top: o.top.max(0) as usize,
        bottom: o.bottom.min(hi) as usize,
        left: o.left.max(0) as usize,
        right: o.right.min(wi) as usize,
        cut: [o.top < 0, o.bottom > hi, o.left < 0, o.right > wi],
    })
}

impl MatrixPane<'_> {
    /// Every line of the layout (samples, their rows, the outline's edges).
    fn image_lines(&self, shape: ImageShape) -> Vec<Line4> {
        let samples = self.matrix.nrows();
        let window = self
            .outline
            .and_then(|o| Some((o.sample, clipped(&o, shape.h, shape.w)?)));
        let mut lines = Vec::with_capacity(samples * (shape.h + 1) + 2);
        for n in 0..samples {
            lines.push(Line4::Label(n));
            for h in 0..shape.h {
                let edge = window.filter(|(s, _)| *s == n).map(|(_, r)| r);
                if edge.is_some_and(|e| e.top == h) {
                    lines.push(Line4::Top(n));
                }
                lines.push(Line4::Row(n, h));
                if edge.is_some_and(|e| e.bottom == h) {
                    lines.push(Line4::Bottom(n));
                }
            }
        }
        lines
    }

    /// The visible window of a 4-D pane inside the pane's inner area.
    pub(super) fn image_grid(&self, shape: ImageShape, inner: Rect) -> ImageGrid {
        let (an, ac, ah, aw) = shape.cell(self.anchor.0, self.anchor.1);
        let all = self.image_lines(shape);
        // Vertically: the anchor's whole sample (label to last line) when it fits, with the
        // samples before it above; else from its label down to the anchor; else the anchor at
        // the bottom.
        let visible = usize::from(inner.height).min(all.len());
        let find = |line: Line4| all.iter().position(|&l| l == line).unwrap_or(0);
        let label = find(Line4::Label(an.min(self.matrix.nrows().saturating_sub(1))));
        let anchor = find(Line4::Row(an, ah.min(shape.h.saturating_sub(1))));
        let last = all
            .iter()
            .rposition(|l| matches!(l, Line4::Row(n, _) | Line4::Bottom(n) if *n == an))
            .unwrap_or(anchor);
        let start = if last + 1 - label <= visible {
            (last + 1).saturating_sub(visible).min(label)
        } else if anchor + 1 - label <= visible {
            label
        } else {
            anchor + 1 - visible
        };
        // Never start inside an earlier sample: its rows would show without their label.
        let start = (start..=label)
            .find(|&k| matches!(all[k], Line4::Label(_)))
            .unwrap_or(start);
        let lines = all[start..(start + visible).min(all.len())].to_vec();
        // Horizontally: as many whole grids as fit, the anchor's among them; when not even one
        // fits, the anchor's grid alone, as many of its columns as fit.
        let gutter = digits(shape.h.saturating_sub(1)) + 1;
        let room = inner.width.saturating_sub(gutter);
        let base = match self.cells {
            CellText::Mask => 7,
            CellText::Number | CellText::Hidden => self.decimals as u16 + 3,
        };
        let mut grid = ImageGrid {
            gutter,
            cell_width: base,
            lines,
            channels: (0, 0),
            columns: (0, 0),
        };
        let place = |grid: &mut ImageGrid| {
            let slot = grid.slot();
            let whole = slot * shape.w as u16 + 1;
            if whole <= room {
                let fit = ((room + GAP - 1) / (whole - 1 + GAP)) as usize;
                let fit = fit.clamp(1, shape.c.max(1)).min(shape.c);
                grid.channels = (window_start(ac, fit, shape.c), fit);
                grid.columns = (0, shape.w);
            } else {
                let fit = (room.saturating_sub(1) / slot).max(1) as usize;
                let fit = fit.min(shape.w);
                grid.channels = (ac.min(shape.c.saturating_sub(1)), shape.c.min(1));
                grid.columns = (window_start(aw, fit, shape.w), fit);
            }
        };
        place(&mut grid);
        let widest = self.image_widest(shape, &grid);
        if widest > base {
            grid.cell_width = widest;
            place(&mut grid);
        }
        grid
    }

    /// The widest text among the visible cells.
    fn image_widest(&self, shape: ImageShape, g: &ImageGrid) -> u16 {
        let mut widest = 0;
        for line in &g.lines {
            let Line4::Row(n, h) = *line else { continue };
            for c in g.channels.0..g.channels.0 + g.channels.1 {
                for w in g.columns.0..g.columns.0 + g.columns.1 {
                    let (i, j) = shape.index(n, c, h, w);
                    if let Some(v) = self.value(i, j) {
                        widest = widest.max(width_of(&self.text(v)) as u16);
                    }
                }
            }
        }
        widest
    }

    /// The shape written in the title: `1×1×4×4`.
    pub(super) fn image_shape_text(&self, shape: ImageShape) -> String {
        format!(
            "{}×{}×{}×{}",
            self.matrix.nrows(),
            shape.c,
            shape.h,
            shape.w
        )
    }

    /// The bottom label saying which samples, channels, rows and columns are shown when some
    /// are cut, in the longest form that fits a pane `width` columns wide.
    pub(super) fn image_window_label(
        &self,
        shape: ImageShape,
        g: &ImageGrid,
        width: u16,
    ) -> Option<String> {
        let samples = self.matrix.nrows();
        let rows: Vec<(usize, usize)> = g
            .lines
            .iter()
            .filter_map(|l| match *l {
                Line4::Row(n, h) => Some((n, h)),
                _ => None,
            })
            .collect();
        let (first, last) = (rows.first()?, rows.last()?);
        let mut parts = Vec::new();
        let range = |name: &str, a: usize, b: usize, of: usize| format!("{name} {a}–{b}/{of}");
        if first.0 > 0 || last.0 + 1 < samples {
            let axis = self.first_axis.to_string();
            parts.push(range(&axis, first.0, last.0, samples));
        }
        if g.channels.1 < shape.c {
            let (a, k) = g.channels;
            parts.push(range("c", a, a + k - 1, shape.c));
        }
        if (first.1 > 0 || last.1 + 1 < shape.h) && first.0 == last.0 {
            parts.push(range("h", first.1, last.1, shape.h));
        }
        if g.columns.1 < shape.w {
            let (a, k) = g.columns;
            parts.push(range("w", a, a + k - 1, shape.w));
        }
        if parts.is_empty() {
            return None;
        }
        let room = width.saturating_sub(2) as usize;
        (1..=parts.len())
            .rev()
            .map(|k| format!(" {} ", parts[..k].join(" ")))
            .find(|f| width_of(f) <= room)
    }

    /// The x of grid `k` (0 = the first visible) inside `inner`.
    fn grid_x(&self, g: &ImageGrid, inner: Rect, k: usize) -> u16 {
        inner.x + g.gutter + k as u16 * g.pitch()
    }

    /// The cell under a terminal position inside `inner`.
    pub(super) fn image_cell_at(
        &self,
        shape: ImageShape,
        inner: Rect,
        column: u16,
        row: u16,
    ) -> Option<(usize, usize)> {
        if !inner.contains(Position::new(column, row)) {
            return None;
        }
        let g = self.image_grid(shape, inner);
        let Line4::Row(n, h) = *g.lines.get(usize::from(row - inner.y))? else {
            return None;
        };
        let dx = (column - inner.x).checked_sub(g.gutter)?;
        let k = usize::from(dx / g.pitch());
        let m = usize::from(dx % g.pitch() / g.slot());
        (k < g.channels.1 && m < g.columns.1)
            .then(|| shape.index(n, g.channels.0 + k, h, g.columns.0 + m))
    }

    /// Draw the 4-D layout inside `inner` (the block is drawn by the caller).
    pub(super) fn render_image(
        &self,
        shape: ImageShape,
        g: &ImageGrid,
        inner: Rect,
        buf: &mut Buffer,
    ) {
        let theme = self.theme;
        let right = inner.right();
        let put = |x: u16, y: u16, s: &str, style: Style, buf: &mut Buffer| {
            if x < right && y < inner.bottom() {
                buf.set_stringn(x, y, s, (right - x) as usize, style);
            }
        };
        let w = g.cell_width as usize;
        let slot = g.slot();
        let gw = g.gutter as usize - 1;
        let outline = self
            .outline
            .and_then(|o| Some((o.sample, clipped(&o, shape.h, shape.w)?)));
        // The outline's left and right x on grid k, when its columns are visible.
        let edges = |k: usize| -> Option<(u16, u16)> {
            let (_, window) = outline?;
            let (first, count) = g.columns;
            let left = window.left.max(first);
            let last = window.right.min(first + count - 1);
            (left <= last).then(|| {
                let x = self.grid_x(g, inner, k);
                (
                    x + (left - first) as u16 * slot,
                    x + (last + 1 - first) as u16 * slot,
                )
            })
        };
        for (dy, line) in g.lines.iter().enumerate() {
            let y = inner.y + dy as u16;
            match *line {
                Line4::Label(n) => {
                    for k in 0..g.channels.1 {
                        let label = format!("{}{n} c{}", self.first_axis, g.channels.0 + k);
                        put(self.grid_x(g, inner, k) + 1, y, &label, theme.dim(), buf);
                    }
                }
                Line4::Top(n) | Line4::Bottom(n) => {
                    let Some((_, Clipped { cut, .. })) = outline.filter(|(s, _)| *s == n) else {
                        continue;
                    };
                    let top = matches!(line, Line4::Top(_));
                    let (dashed, corners) = if top {
                        (cut[0], ('┌', '┐'))
                    } else {
                        (cut[1], ('└', '┘'))
                    };
                    let rule = if dashed { "┄" } else { "─" };
                    for k in 0..g.channels.1 {
                        let Some((a, b)) = edges(k) else { continue };
                        let mut s = String::new();
                        s.push(corners.0);
                        s.push_str(&rule.repeat(usize::from(b - a).saturating_sub(1)));
                        s.push(corners.1);
                        put(a, y, &s, theme.read(), buf);
                    }
                }
                Line4::Row(n, h) => {
                    put(inner.x, y, &format!("{h:>gw$}"), theme.dim(), buf);
                    for k in 0..g.channels.1 {
                        let c = g.channels.0 + k;
                        let x0 = self.grid_x(g, inner, k);
                        for m in 0..g.columns.1 {
                            let (i, j) = shape.index(n, c, h, g.columns.0 + m);
                            let v = self.value(i, j).unwrap_or(f64::NAN);
                            let (marker, style) = self.mark(i, j);
                            let mut style = self.cell_style(v, style);
                            if self.cursor == Some((i, j)) {
                                style = style.patch(theme.cursor());
                            }
                            let text = format!(" {marker}{:>w$}", self.text(v));
                            put(x0 + m as u16 * slot, y, &text, style, buf);
                        }
                        let inside =
                            outline.filter(|(s, e)| *s == n && (e.top..=e.bottom).contains(&h));
                        if let (Some((_, Clipped { cut, .. })), Some((a, b))) = (inside, edges(k)) {
                            let left = if cut[2] { "╎" } else { "│" };
                            let right_edge = if cut[3] { "╎" } else { "│" };
                            put(a, y, left, theme.read(), buf);
                            put(b, y, right_edge, theme.read(), buf);
                        }
                    }
                }
            }
        }
    }
}
