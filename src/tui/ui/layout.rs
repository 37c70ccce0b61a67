//! Where everything goes: the screen split into header, pipeline strip, matrix panes, inspector,
//! explanation and footer, as plain arithmetic on the terminal size.
//!
//! The view draws with these rectangles and `App` maps mouse clicks with the very same ones, so
//! a click always lands on the cell under the pointer.

use ratatui::layout::Rect;

use super::{explanation, inspector, pane_view};
use crate::tui::app::{App, Band};
use crate::tui::text::width;

/// The smallest terminal the explorer draws in; below it, a message says what is needed.
pub const MIN_SIZE: (u16, u16) = (60, 18);

/// The rectangles of one frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Areas {
    /// Title, phase, step, layer, formula (2 rows).
    pub header: Rect,
    /// `x 2×3 → Affine1 2×4 → …` (1 row).
    pub pipeline: Rect,
    /// One rectangle per pane of `App::panes`, in order.
    pub panes: Vec<Rect>,
    /// The op-specific view.
    pub inspector: Rect,
    /// The step's note.
    pub explanation: Rect,
    /// The NumPy line (no rows when `N` hid it): the explanation's last row when the note
    /// fits in the rows above it, else a row of its own.
    pub numpy: Rect,
    /// The keys.
    pub footer: Rect,
}

const HEADER: u16 = 2;
const PIPELINE: u16 = 1;
const EXPLANATION: u16 = 3;
const FOOTER: u16 = 1;

/// The fewest rows a band shrinks to: borders, the column indices and one row of numbers (the
/// pane's bottom border says which rows are shown).
pub const MIN_BAND: u16 = 4;

/// Rows for bands that want `desired` rows out of `available`: each band first gets up to its
/// floor (at least [`MIN_BAND`]; a small 4-D pane's whole grid), then the `written` band what it
/// wants, then the others share the rest. When even the floors do not fit, the written band
/// stays and the others are folded (0 rows): first those whose panes the step does not `read`,
/// then the rest, each time from the last one up.
pub fn band_rows(
    desired: &[u16],
    floors: &[u16],
    written: Option<usize>,
    read: &[bool],
    available: u16,
) -> Vec<u16> {
    let floor = |k: usize| floors.get(k).copied().unwrap_or(MIN_BAND);
    let reads = |k: usize| read.get(k).copied().unwrap_or(false);
    let mut rows: Vec<u16> = (0..desired.len())
        .map(|k| desired[k].min(floor(k)))
        .collect();
    // Fold bands until the floors fit, never the written one.
    let others = (0..desired.len()).rev().filter(|&k| Some(k) != written);
    let mut order: Vec<usize> = others.clone().filter(|&k| !reads(k)).collect();
    order.extend(others.filter(|&k| reads(k)));
    order.extend(written);
    let mut folded = Vec::new();
    for k in order {
        if rows.iter().sum::<u16>() <= available {
            break;
        }
        rows[k] = 0;
        folded.push(k);
    }
    if rows.iter().sum::<u16>() > available {
        return fit(desired, available);
    }
    // A band folded early may fit in what folding a bigger one later freed.
    for &k in folded.iter().rev() {
        let floor = desired[k].min(floor(k));
        if rows.iter().sum::<u16>() + floor <= available {
            rows[k] = floor;
        }
    }
    let mut left = available - rows.iter().sum::<u16>();
    if let Some(w) = written.filter(|&w| rows.get(w).is_some_and(|&r| r > 0)) {
        let extra = desired[w].saturating_sub(rows[w]).min(left);
        rows[w] += extra;
        left -= extra;
    }
    let open: Vec<usize> = (0..desired.len())
        .filter(|&k| Some(k) != written && rows[k] > 0)
        .collect();
    let wants: Vec<u16> = open.iter().map(|&k| desired[k] - rows[k]).collect();
    for (&k, extra) in open.iter().zip(fit(&wants, left)) {
        rows[k] += extra;
    }
    rows
}

/// The narrowest a pane gets beside others: its borders, a row index and one number.
pub const MIN_PANE: u16 = 14;

/// Columns for panes side by side that want `desired` out of `width`. When they all fit, the
/// spare columns are shared out; when not, each keeps at least [`MIN_PANE`] (or what it wants,
/// if less), the `written` pane gets what it wants up to half the row (more when the others
/// want less), and the others share the rest.
pub fn pane_columns(desired: &[u16], written: Option<usize>, width: u16) -> Vec<u16> {
    let total: u32 = desired.iter().map(|&d| u32::from(d)).sum();
    let Some(w) = written.filter(|_| total > u32::from(width)) else {
        return fit_spread(desired, width);
    };
    let floors: Vec<u16> = desired.iter().map(|&d| d.min(MIN_PANE)).collect();
    let others: u16 = floors
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != w)
        .map(|(_, &f)| f)
        .sum();
    if others >= width {
        return fit(desired, width);
    }
    // Half the row, or all the others leave, whichever is more (and never the others' floors);
    // a pane that fits in three fifths of the row gets all it wants (a 4×4 image's whole grid).
    let others_want: u32 = total - u32::from(desired[w]);
    let share =
        (width / 2).max(u16::try_from(u32::from(width).saturating_sub(others_want)).unwrap_or(0));
    let share = if u32::from(desired[w]) * 5 <= u32::from(width) * 3 {
        share.max(desired[w])
    } else {
        share
    };
    let mine = desired[w]
        .min(share)
        .min(width - others)
        .max(floors[w].min(width - others));
    let open: Vec<usize> = (0..desired.len()).filter(|&k| k != w).collect();
    let wants: Vec<u16> = open.iter().map(|&k| desired[k]).collect();
    let mut out = vec![0; desired.len()];
    out[w] = mine;
    for (&k, got) in open.iter().zip(fit(&wants, width - mine)) {
        out[k] = got;
    }
    out
}

/// Share `available` among items that want `desired`: whoever wants less than an equal share gets
/// it, the rest split what is left.
pub fn fit(desired: &[u16], available: u16) -> Vec<u16> {
    share(desired, available, false)
}

/// Like [`fit`], but when everybody fits, what is left is shared out too.
pub fn fit_spread(desired: &[u16], available: u16) -> Vec<u16> {
    share(desired, available, true)
}

fn share(desired: &[u16], available: u16, spread: bool) -> Vec<u16> {
    let mut out = vec![0u16; desired.len()];
    let mut left = available;
    let mut open: Vec<usize> = (0..desired.len()).collect();
    while !open.is_empty() {
        let share = left / open.len() as u16;
        let (small, big): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&i| desired[i] <= share);
        if small.is_empty() {
            let mut extra = left - share * big.len() as u16;
            for i in big {
                out[i] = share + u16::from(extra > 0);
                extra = extra.saturating_sub(1);
            }
            break;
        }
        for &i in &small {
            out[i] = desired[i];
            left -= desired[i];
        }
        if spread && big.is_empty() && !desired.is_empty() {
            // Everybody fits: share what is left so the row spans the screen.
            let n = desired.len() as u16;
            for (k, w) in out.iter_mut().enumerate() {
                *w += left / n + u16::from((k as u16) < left % n);
            }
            break;
        }
        open = big;
    }
    out
}

/// Rectangles side by side in `area`, of widths `widths`.
pub fn row(area: Rect, widths: &[u16]) -> Vec<Rect> {
    let mut x = area.x;
    widths
        .iter()
        .map(|&w| {
            let r = Rect::new(
                x,
                area.y,
                w.min(area.right().saturating_sub(x)),
                area.height,
            );
            x = x.saturating_add(w);
            r
        })
        .collect()
}

impl Areas {
    /// The layout for a `width`×`height` terminal, or `None` when it is smaller than [`MIN_SIZE`].
    pub fn compute(app: &App, width: u16, height: u16) -> Option<Areas> {
        Areas::compute_with(app, width, height, &inspector::plan(app))
    }

    /// [`Areas::compute`] with the inspector's plan already worked out (the view draws the
    /// same plan, so it is built once a frame).
    pub fn compute_with(
        app: &App,
        width: u16,
        height: u16,
        plan: &inspector::Plan<'_>,
    ) -> Option<Areas> {
        if width < MIN_SIZE.0 || height < MIN_SIZE.1 {
            return None;
        }
        let full = Rect::new(0, 0, width, height);
        let header = Rect {
            height: HEADER,
            ..full
        };
        let pipeline = Rect::new(0, HEADER, width, PIPELINE);
        let body_y = HEADER + PIPELINE;
        let fixed = HEADER + PIPELINE + FOOTER;
        // The note gets every row it wraps to, as long as the body keeps a few rows for each
        // band of panes and for the inspector.
        let bands_now = [Band::Inputs, Band::Forward, Band::Backward]
            .iter()
            .filter(|b| app.panes().iter().any(|p| p.band == **b))
            .count() as u16;
        let body_floor = bands_now * MIN_BAND + 3;
        let note_rows = explanation::note_rows(app, width) as u16;
        let note_room = height
            .saturating_sub(fixed + body_floor + u16::from(app.show_numpy()))
            .max(EXPLANATION);
        let explanation_h = note_rows.clamp(EXPLANATION, note_room);
        let own_row = app.show_numpy() && note_rows >= EXPLANATION;
        let numpy_h = u16::from(own_row);
        let body_h = height - fixed - explanation_h - numpy_h;
        let footer = Rect::new(0, height - FOOTER, width, FOOTER);
        let bands = [Band::Inputs, Band::Forward, Band::Backward];
        let band_panes: Vec<Vec<usize>> = bands
            .iter()
            .map(|b| {
                (0..app.panes().len())
                    .filter(|&i| app.panes()[i].band == *b)
                    .collect()
            })
            .filter(|v: &Vec<usize>| !v.is_empty())
            .collect();
        let band_heights: Vec<u16> = band_panes
            .iter()
            .map(|v| v.iter().map(|&i| desired(app, i).1).max().unwrap_or(3))
            .collect();
        let written = band_panes
            .iter()
            .position(|members| members.iter().any(|&i| app.panes()[i].written));
        // Every band keeps a few rows (it shrinks, it does not vanish); then the inspector gets
        // at least its heading and the explained cell (a learning-aid panel up to half the
        // body); then the band with the written matrix, then the others, get what they want.
        let floors: Vec<u16> = band_heights.iter().map(|&h| h.min(MIN_BAND)).collect();
        let wanted_panes: u16 = band_heights.iter().sum();
        let wanted_inspector = plan.desired_height(width, app.decimals());
        let floor = if plan.shows_aid() {
            wanted_inspector.min(body_h / 2)
        } else {
            wanted_inspector.min(3)
        };
        let floor = floor.min(body_h.saturating_sub(floors.iter().sum()));
        let inspector_h = wanted_inspector
            .min(body_h.saturating_sub(wanted_panes))
            .max(floor);
        let band_floors: Vec<u16> = band_panes
            .iter()
            .map(|v| {
                v.iter()
                    .map(|&i| pane_floor(app, i))
                    .max()
                    .unwrap_or(MIN_BAND)
            })
            .collect();
        let band_read: Vec<bool> = band_panes
            .iter()
            .map(|v| {
                v.iter()
                    .any(|&i| app.panes()[i].written || app.panes()[i].read.is_some())
            })
            .collect();
        let heights = band_rows(
            &band_heights,
            &band_floors,
            written,
            &band_read,
            body_h - inspector_h,
        );
        let mut panes = vec![Rect::default(); app.panes().len()];
        let mut y = body_y;
        for (members, h) in band_panes.iter().zip(heights) {
            let widths: Vec<u16> = members.iter().map(|&i| desired(app, i).0).collect();
            let written = members.iter().position(|&i| app.panes()[i].written);
            let rects = row(
                Rect::new(0, y, width, h),
                &pane_columns(&widths, written, width),
            );
            for (&i, r) in members.iter().zip(rects) {
                panes[i] = r;
            }
            y += h;
        }
        let inspector = Rect::new(0, y, width, body_y + body_h - y);
        let explanation = Rect::new(0, body_y + body_h, width, explanation_h);
        let numpy = match (app.show_numpy(), own_row) {
            (false, _) => Rect::new(0, explanation.bottom(), width, 0),
            (true, true) => Rect::new(0, explanation.bottom(), width, 1),
            (true, false) => Rect::new(0, explanation.bottom() - 1, width, 1),
        };
        Some(Areas {
            header,
            pipeline,
            panes,
            inspector,
            explanation,
            numpy,
            footer,
        })
    }
}

/// The (width, height) pane `index` would like: every cell, its title, borders.
fn desired(app: &App, index: usize) -> (u16, u16) {
    let Some(pane) = app.panes().get(index) else {
        return (0, 0);
    };
    let (rows, cols) = app.matrix(&pane.source).map(|m| m.dim()).unwrap_or((0, 0));
    if let Some(shape) = pane.image {
        let (w, h) = super::matrix_pane::image::desired_size(
            rows,
            shape,
            app.decimals(),
            pane.kind.is_mask(),
        );
        return (w.max((width(&pane.title) + 16) as u16), h);
    }
    (
        pane_width(rows, cols, app.decimals(), &pane.title, pane.kind.is_mask()),
        pane_height(rows),
    )
}

/// The most rows a 4-D pane's floor asks for: one 4×4 image with its label, a window's outline
/// and the borders. A taller image scrolls in it, showing its label and six rows.
pub const MAX_IMAGE_FLOOR: u16 = 9;

/// The fewest rows pane `index` shrinks to: [`MIN_BAND`], or for a 4-D pane one sample's whole
/// grid — its label, its H rows, the outline's edges when a window is outlined on it, the
/// borders — up to [`MAX_IMAGE_FLOOR`] rows.
fn pane_floor(app: &App, index: usize) -> u16 {
    let Some(shape) = app.panes().get(index).and_then(|p| p.image) else {
        return MIN_BAND;
    };
    let edges = pane_view(app, index).is_some_and(|v| v.outline.is_some());
    let rows = 1 + shape.h + if edges { 2 } else { 0 } + 2;
    u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .clamp(MIN_BAND, MAX_IMAGE_FLOOR)
}

/// Width for a pane of `rows`×`cols` with `decimals` places (estimated: 4 digits before the point).
pub fn pane_width(rows: usize, cols: usize, decimals: usize, title: &str, mask: bool) -> u16 {
    let slot = if mask { 9 } else { decimals + 5 };
    let gutter = rows.saturating_sub(1).to_string().len() + 1;
    let cells = (gutter + cols.saturating_mul(slot) + 2).min(u16::MAX as usize) as u16;
    let title = (width(title) + 12) as u16;
    cells.max(title)
}

/// Height for a pane of `rows` rows: borders, the column indices, the rows.
pub fn pane_height(rows: usize) -> u16 {
    (rows.min(1000) as u16).saturating_add(3)
}

/// The pane and cell under a terminal position, on a screen of the App's size: what a click
/// there selects.
pub fn hit(app: &App, column: u16, row: u16) -> Option<(usize, usize, usize)> {
    let (width, height) = app.size();
    let areas = Areas::compute(app, width, height)?;
    areas.panes.iter().enumerate().find_map(|(index, rect)| {
        let (r, c) = pane_view(app, index)?.cell_at(*rect, column, row)?;
        Some((index, r, c))
    })
}

/// Rows of the focused pane on screen: how far a page move goes (at least 1).
pub fn page_rows(app: &App) -> usize {
    let (width, height) = app.size();
    let visible = Areas::compute(app, width, height).and_then(|areas| {
        let rect = *areas.panes.get(app.focus())?;
        let view = pane_view(app, app.focus())?;
        Some(
            view.grid(ratatui::widgets::Block::bordered().inner(rect))
                .visible
                .0,
        )
    });
    visible.unwrap_or(1).max(1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn fit_gives_small_items_what_they_want() {
        assert_eq!(fit(&[10, 50, 50], 80), vec![10, 35, 35]);
        assert_eq!(fit(&[10, 20], 80), vec![10, 20]);
        assert_eq!(fit_spread(&[10, 20], 80), vec![35, 45]);
        assert_eq!(fit(&[40, 40, 40], 10), vec![4, 3, 3]);
        assert_eq!(fit(&[], 10), Vec::<u16>::new());
    }

    #[test]
    fn the_written_pane_gets_the_most_columns() {
        // Everybody fits: spread.
        assert_eq!(pane_columns(&[10, 20], Some(1), 40), vec![15, 25]);
        // X, W, b of the book and a written X·W: the written one first, the rest share.
        assert_eq!(
            pane_columns(&[900, 900, 200], Some(1), 120),
            vec![30, 60, 30]
        );
        assert_eq!(pane_columns(&[30, 900], Some(1), 80), vec![30, 50]);
        assert_eq!(
            pane_columns(&[900, 900, 900, 900], Some(0), 80),
            vec![38, 14, 14, 14]
        );
        assert_eq!(pane_columns(&[900, 900], None, 80), vec![40, 40]);
        // conv's col2im at 80 columns: dW, dcol and the written dx, whose whole 4×4 grid wants
        // 43 columns, more than half the row but less than three fifths: it gets them.
        assert_eq!(pane_columns(&[25, 40, 43], Some(2), 80), vec![19, 18, 43]);
    }

    #[test]
    fn no_band_vanishes_when_the_written_one_is_tall() {
        // A 20-row batch: inputs and the written X·W both want 23 rows; 25 are free.
        assert_eq!(band_rows(&[23, 23], &[4, 4], Some(1), &[], 25), vec![4, 21]);
        // Three bands of a backward step at 80×24: all stay, the written one gets the most.
        assert_eq!(
            band_rows(&[103, 103, 103], &[4, 4, 4], Some(2), &[], 13),
            vec![4, 4, 5]
        );
        // Everybody fits: everybody gets what they want.
        assert_eq!(
            band_rows(&[5, 6, 7], &[4, 4, 4], Some(0), &[], 30),
            vec![5, 6, 7]
        );
        // Too small for every minimum: the written band stays, the last other band goes first.
        assert_eq!(
            band_rows(&[23, 23, 23], &[4, 4, 4], Some(1), &[], 9),
            vec![4, 5, 0]
        );
    }

    #[test]
    fn a_small_image_keeps_its_whole_grid_and_unread_bands_fold_first() {
        // conv's col2im at 80×24: x (4×4, not read), out and dout (3×3, not read), dx (4×4,
        // written): 14 rows hold two whole grids, so the unread forward band folds, not x.
        assert_eq!(
            band_rows(&[9, 8, 12], &[7, 6, 7], Some(2), &[false, false, true], 14),
            vec![7, 0, 7]
        );
        // Pooling's col2im: folding x's band (7) after the forward band (5) leaves room for the
        // forward band again.
        assert_eq!(
            band_rows(&[9, 7, 9], &[7, 5, 7], Some(2), &[false, false, true], 13),
            vec![0, 5, 8]
        );
        // The first backward step reads dout: x's band folds instead.
        assert_eq!(
            band_rows(&[9, 8, 12], &[7, 6, 4], Some(2), &[false, true, true], 14),
            vec![0, 6, 8]
        );
    }
}
