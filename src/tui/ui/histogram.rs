//! The histogram screen: each hidden activation layer's histogram side by side, the book's
//! Fig. 6-10 turned on its side so thirty bins fit a terminal.
//!
//! Each layer is a column; the value axis runs up the screen (0 at the bottom, 1 at the top) and
//! each bin's count is a bar running right, on one scale for every layer (the longest bar is the
//! largest count of any bin). When the screen has thirty rows to spare each bin has its row,
//! bars ending in eighth blocks; otherwise two bins share a row, the upper one drawn `▀` and the
//! lower one `▄` (both `█`). The values outside [0, 1] are counted under each column. A non-zero
//! count always shows at least a sliver (an eighth block, or a quarter block when two bins share
//! a row), so "none" and "a few" differ. Pure rendering of a
//! [`HistogramView`]; nothing here runs the engine.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::i18n::format::num;
use crate::t;
use crate::tui::app::HistogramView;
use crate::tui::text::{truncate, width};
use crate::tui::theme::Theme;

/// The smallest terminal the screen draws in: fifteen rows of bars, two bins each.
pub const MIN_SIZE: (u16, u16) = (40, 21);

/// Width of the value axis on the left (`1.0 ┤`).
const AXIS: u16 = 5;

/// The narrowest column a layer gets; more layers than fit are left out (the header says so).
const MIN_COLUMN: u16 = 8;

/// Eighth blocks, from one eighth to a full cell.
const EIGHTHS: [&str; 8] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"];

/// The histogram screen: header, the columns, and the footer line it is given.
#[derive(Debug, Clone)]
pub struct HistogramScreen<'a> {
    /// What to draw.
    pub view: &'a HistogramView,
    /// Colours (or none).
    pub theme: Theme,
}

/// The rectangles of the screen: the two header lines, the columns, the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistogramAreas {
    /// The two header lines.
    pub header: Rect,
    /// The layers' columns, with the value axis.
    pub body: Rect,
    /// The keys.
    pub footer: Rect,
}

impl HistogramAreas {
    /// Split `area`; `None` below [`MIN_SIZE`].
    pub fn compute(area: Rect) -> Option<HistogramAreas> {
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            return None;
        }
        Some(HistogramAreas {
            header: Rect { height: 2, ..area },
            body: Rect {
                y: area.y + 2,
                height: area.height - 3,
                ..area
            },
            footer: Rect {
                y: area.bottom() - 1,
                height: 1,
                ..area
            },
        })
    }
}

/// Bins per row for `rows` rows of bars and `bins` bins: 1 when every bin has a row, else 2.
fn bins_per_row(rows: u16, bins: usize) -> usize {
    if usize::from(rows) >= bins { 1 } else { 2 }
}

/// A bar of `count` out of `most` in `cells` columns, in eighths: at least one eighth when
/// `count` is not 0.
fn eighths(count: u64, most: u64, cells: u16) -> usize {
    if count == 0 || most == 0 {
        return 0;
    }
    let full = usize::from(cells) * 8;
    let e = (count as f64 / most as f64 * full as f64).round() as usize;
    e.clamp(1, full)
}

/// The text of a bar `e` eighths long.
fn bar(e: usize) -> String {
    let mut s = "█".repeat(e / 8);
    if e % 8 > 0 {
        s.push_str(EIGHTHS[e % 8 - 1]);
    }
    s
}

/// How far one bin of a two-bin row reaches: whole cells, or a sliver (a count too small for half
/// a cell, drawn as a quarter block so "a few" differs from "none").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Whole cells (0: nothing).
    Cells(usize),
    /// Less than half a cell, but not 0.
    Sliver,
}

impl Reach {
    fn of(count: u64, most: u64, cells: u16) -> Reach {
        if count == 0 || most == 0 {
            return Reach::Cells(0);
        }
        let exact = count as f64 / most as f64 * f64::from(cells);
        if exact < 0.5 {
            Reach::Sliver
        } else {
            Reach::Cells((exact.round() as usize).min(usize::from(cells)))
        }
    }

    fn len(self) -> usize {
        match self {
            Reach::Cells(n) => n,
            Reach::Sliver => 1,
        }
    }
}

/// One row of two bins: the upper bin `▀`, the lower `▄`, both `█`, a sliver as a quarter block
/// (`▘`, `▖`, `▌`, `▛`, `▙`).
fn half_bar(upper: u64, lower: u64, most: u64, cells: u16) -> String {
    let (u, l) = (Reach::of(upper, most, cells), Reach::of(lower, most, cells));
    // at cell k: 0 none, 1 the left half (a sliver), 2 the whole cell
    let part = |r: Reach, k: usize| match r {
        Reach::Sliver if k == 0 => 1,
        Reach::Cells(n) if k < n => 2,
        _ => 0,
    };
    (0..u.len().max(l.len()))
        .map(|k| match (part(u, k), part(l, k)) {
            (2, 2) => '█',
            (2, 1) => '▛',
            (1, 2) => '▙',
            (2, 0) => '▀',
            (0, 2) => '▄',
            (1, 1) => '▌',
            (1, 0) => '▘',
            (0, 1) => '▖',
            _ => ' ',
        })
        .collect()
}

impl Widget for HistogramScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (view, theme) = (self.view, self.theme);
        let Some(areas) = HistogramAreas::compute(area) else {
            super::too_small(area, MIN_SIZE, buf);
            return;
        };
        let most = view
            .layers
            .iter()
            .flat_map(|l| l.histogram.counts.iter().copied())
            .max()
            .unwrap_or(0);
        let shown = usize::from(areas.body.width.saturating_sub(AXIS) / MIN_COLUMN)
            .min(view.layers.len())
            .max(1);
        // header: the preset, then what went in and the scale
        let title = format!("{} — {}", view.preset, view.title);
        Line::styled(truncate(&title, usize::from(area.width)), theme.title())
            .render(areas.header, buf);
        let init = match view.init {
            Some(i) => t!("hist-init-flag", init = i.to_string()),
            None => t!("hist-init-preset"),
        };
        let mut about = t!(
            "hist-screen-header",
            samples = view.samples,
            init = init,
            most = most
        );
        if shown < view.layers.len() {
            about = t!(
                "hist-screen-more",
                about = about,
                hidden = view.layers.len() - shown
            );
        }
        Line::styled(truncate(&about, usize::from(area.width)), theme.dim()).render(
            Rect {
                y: areas.header.y + 1,
                height: 1,
                ..areas.header
            },
            buf,
        );
        let Some(first) = view.layers.first() else {
            return;
        };
        let body = areas.body;
        let bins = first.histogram.counts.len();
        // rows: a title, the bars, below and above
        let bar_rows = body.height.saturating_sub(3);
        let per = bins_per_row(bar_rows, bins);
        let rows = bins.div_ceil(per) as u16;
        let top = body.y + 1;
        // the value axis: the top edge, the middle, the bottom edge
        let edges = &first.histogram.edges;
        let axis_label = |v: f64| format!("{:>3} ┤", num(v, 1));
        let hi = edges.last().copied().unwrap_or(1.0);
        let lo = edges.first().copied().unwrap_or(0.0);
        for (row, v) in [(0, hi), (rows / 2, (hi + lo) / 2.0), (rows - 1, lo)] {
            buf.set_string(body.x, top + row, axis_label(v), theme.dim());
        }
        for r in 0..rows {
            if buf[(body.x + AXIS - 1, top + r)].symbol() == " " {
                buf.set_string(body.x + AXIS - 1, top + r, "│", theme.dim());
            }
        }
        let column = (body.width - AXIS) / shown as u16;
        for (k, layer) in view.layers.iter().take(shown).enumerate() {
            let x = body.x + AXIS + k as u16 * column;
            let cells = column.saturating_sub(1);
            let name = truncate(&layer.name, usize::from(cells));
            buf.set_string(x, body.y, name, theme.title());
            let h = &layer.histogram;
            for r in 0..rows {
                // row 0 is the top: the highest bins
                let text = if per == 1 {
                    let bin = bins - 1 - usize::from(r);
                    bar(eighths(h.counts[bin], most, cells))
                } else {
                    let upper = bins.checked_sub(1 + 2 * usize::from(r));
                    let lower = bins.checked_sub(2 + 2 * usize::from(r));
                    let count = |b: Option<usize>| b.and_then(|b| h.counts.get(b)).copied();
                    half_bar(
                        count(upper).unwrap_or(0),
                        count(lower).unwrap_or(0),
                        most,
                        cells,
                    )
                };
                buf.set_string(x, top + r, text, theme.formula());
            }
            let outside = [
                (t!("hist-below", edge = num(lo, 0)), h.below),
                (t!("hist-above", edge = num(hi, 0)), h.above),
            ];
            for (i, (label, count)) in outside.into_iter().enumerate() {
                let style = if count > 0 { theme.text() } else { theme.dim() };
                let count = count.to_string();
                let gap = usize::from(cells).saturating_sub(width(&label) + width(&count));
                let text = if gap >= 1 {
                    format!("{label}{}{count}", " ".repeat(gap))
                } else {
                    format!("{label} {count}")
                };
                buf.set_string(
                    x,
                    top + rows + i as u16,
                    truncate(&text, usize::from(cells)),
                    style,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_on_one_scale_and_a_few_values_show_as_a_sliver() {
        // one bin a row: eighths, at least one for a count above 0
        assert_eq!(bar(eighths(100, 100, 4)), "████");
        assert_eq!(bar(eighths(50, 100, 4)), "██");
        assert_eq!(bar(eighths(1, 100_000, 4)), "▏");
        assert_eq!(bar(eighths(0, 100, 4)), "");
        // two bins a row: ▀ the upper, ▄ the lower, quarter blocks for slivers
        assert_eq!(half_bar(100, 50, 100, 4), "██▀▀");
        assert_eq!(half_bar(25, 100, 100, 4), "█▄▄▄");
        assert_eq!(half_bar(1, 0, 1000, 4), "▘");
        assert_eq!(half_bar(0, 1, 1000, 4), "▖");
        assert_eq!(half_bar(1, 100, 100, 4), "▙▄▄▄");
        assert_eq!(half_bar(0, 0, 100, 4), "");
    }
}
