//! The matrix pane widget: a named matrix with its shape, row and column indices, and a viewport
//! that scrolls to keep one cell in view.
//!
//! Only the visible cells are formatted, so drawing a 1000×1000 matrix costs what drawing the
//! window costs. Each cell is a space, one marker column and the number: `›` read by the current
//! step, `•` the written cell whose inputs are marked, `×` zeroed by the ReLU mask, `■` where a
//! pooling window's maximum sat, `Δ` moved by the active nudge and `+` the nudged cell itself — the
//! markers carry the meaning, the colours only repeat it. While a nudge is on, the marked cells
//! show the nudged run's values (the values before the nudge are in the inspector's nudge panel).
//! In a quiz the written matrix is drawn as `?` until the learner answers.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::engine::layer::is_window_max;
use crate::engine::op::feeds;
use crate::engine::tensor::{ImageShape, Window};
use crate::engine::{Matrix, Op};
use crate::i18n::format::num;
use crate::lesson::aids::CellChange;
use crate::t;
use crate::tui::text::{truncate, width, width as width_of};
use crate::tui::theme::Theme;

/// How cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellText {
    /// Numbers with the pane's decimals.
    Number,
    /// A boolean mask (1 = True): `■ True` / `· False`.
    Mask,
    /// Hidden behind `?` (a quiz question is open).
    Hidden,
}

/// Which cells to mark, besides the cursor.
#[derive(Debug, Clone, Copy)]
pub enum Highlight<'a> {
    /// Nothing.
    None,
    /// The current step wrote this matrix; `cell` is the one whose inputs are marked.
    Written {
        /// The selected written cell.
        cell: (usize, usize),
    },
    /// The current step read this matrix as operand `read` to make cell `out`.
    Read {
        /// The step's operation.
        op: &'a Op,
        /// Which operand this matrix is.
        read: usize,
        /// The written cell.
        out: (usize, usize),
    },
    /// The current step wrote this matrix, and the focused pane's cursor sits on cell `from` of
    /// its read operand `read`: the cells that cell went into are marked (a cell of x ↔ every
    /// cell of col it was copied to).
    FedBy {
        /// The step's operation.
        op: &'a Op,
        /// Which operand the focused pane is.
        read: usize,
        /// That operand's matrix.
        operand: &'a Matrix,
        /// The focused cell of it.
        from: (usize, usize),
    },
    /// A pooling layer's input with `■` where each window's maximum sat (the mask its backward
    /// reads, like ReLU's).
    Maxima {
        /// `np.argmax(col, axis=1)`, one row per window and channel.
        arg_max: &'a Matrix,
        /// The pooling windows.
        window: Window,
    },
    /// A gradient whose cells are zero where `mask` blocks them.
    Zeroed {
        /// The mask, 1.0 = True.
        mask: &'a Matrix,
        /// Whether True blocks (ReLU) or keeps (Dropout) a cell.
        sense: crate::engine::MaskSense,
    },
}

/// A matrix in a bordered pane.
#[derive(Debug, Clone, Copy)]
pub struct MatrixPane<'a> {
    /// Name, e.g. `dW`.
    pub title: &'a str,
    /// Where it comes from, e.g. `step 21`.
    pub caption: &'a str,
    /// The matrix.
    pub matrix: &'a Matrix,
    /// Decimal places.
    pub decimals: usize,
    /// The cell to keep in view.
    pub anchor: (usize, usize),
    /// The cell cursor, when this pane has the focus.
    pub cursor: Option<(usize, usize)>,
    /// True when the current step wrote this matrix.
    pub written: bool,
    /// Marks.
    pub highlight: Highlight<'a>,
    /// Numbers or a mask.
    pub cells: CellText,
    /// A 1×C row of column sums drawn under the matrix (`Σ`), e.g. db under dY.
    pub sum_row: Option<&'a Matrix>,
    /// Cells the active nudge changed in this matrix (marked `Δ`, drawn with their value after
    /// the nudge), row-major.
    pub changed: &'a [CellChange],
    /// The nudged cell itself and its nudged value, when this matrix holds it (marked `+`).
    pub nudged: Option<((usize, usize), f64)>,
    /// Styles.
    pub theme: Theme,
    /// The image shape (C, H, W) of a 4-D tensor: each row a sample, drawn as its channels'
    /// H×W grids side by side (see [`image`]); `None` draws rows and columns.
    pub image: Option<ImageShape>,
    /// A window outlined on a 4-D tensor (im2col's, pooling's).
    pub outline: Option<image::Outline>,
    /// What the first axis of a 4-D tensor counts in its grids' labels: `n` samples (`n0 c1`),
    /// or `f` filters for a convolution's W and its gradient (`f0 c1`).
    pub first_axis: char,
}

/// Where the visible window of a pane sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    /// Width of the row-index column, with its trailing space.
    pub gutter: u16,
    /// Width of a number (the marker column comes on top).
    pub cell_width: u16,
    /// First visible row and column.
    pub first: (usize, usize),
    /// Number of visible rows and columns.
    pub visible: (usize, usize),
}

fn digits(n: usize) -> u16 {
    n.checked_ilog10().map_or(1, |d| d as u16 + 1)
}

/// The first index of a window of `visible` out of `len` that shows `anchor`.
fn window_start(anchor: usize, visible: usize, len: usize) -> usize {
    if visible == 0 {
        return 0;
    }
    anchor
        .min(len.saturating_sub(1))
        .saturating_sub(visible - 1)
        .min(len.saturating_sub(visible))
}

impl<'a> MatrixPane<'a> {
    /// A plain pane: numbers, no marks, no cursor.
    pub fn new(title: &'a str, matrix: &'a Matrix, decimals: usize, theme: Theme) -> Self {
        MatrixPane {
            title,
            caption: "",
            matrix,
            decimals,
            anchor: (0, 0),
            cursor: None,
            written: false,
            highlight: Highlight::None,
            cells: CellText::Number,
            sum_row: None,
            changed: &[],
            nudged: None,
            theme,
            image: None,
            outline: None,
            first_axis: 'n',
        }
    }

    /// The value drawn at cell (i, j): the nudged run's where the active nudge moved it, else
    /// the matrix's own.
    fn value(&self, i: usize, j: usize) -> Option<f64> {
        if let Some((cell, v)) = self.nudged
            && cell == (i, j)
        {
            return Some(v);
        }
        if let Ok(k) = self
            .changed
            .binary_search_by(|c| (c.row, c.col).cmp(&(i, j)))
        {
            return self.changed.get(k).map(|c| c.after);
        }
        self.matrix.get((i, j)).copied()
    }

    /// The value of cell (i, j) before and after the active nudge, when the nudge moved it.
    pub fn nudged_values(&self, i: usize, j: usize) -> Option<(f64, f64)> {
        let before = self.matrix.get((i, j)).copied()?;
        let after = self.value(i, j)?;
        let moved = self.nudged.is_some_and(|(cell, _)| cell == (i, j))
            || self
                .changed
                .binary_search_by(|c| (c.row, c.col).cmp(&(i, j)))
                .is_ok();
        moved.then_some((before, after))
    }

    fn text(&self, v: f64) -> String {
        match self.cells {
            CellText::Number => num(v, self.decimals),
            CellText::Mask if v != 0.0 => "■ True".into(),
            CellText::Mask => "· False".into(),
            CellText::Hidden => "?".into(),
        }
    }

    /// The title for a pane `width` columns wide (corners included): the name, the shape, the
    /// caption and `✎ written` when they fit; else the caption goes, then `written`, then the
    /// name is cut with `…`. The shape always stays.
    fn title(&self, width: u16) -> Line<'a> {
        let (rows, cols) = self.matrix.dim();
        let theme = self.theme;
        let room = width.saturating_sub(2) as usize;
        let shape = match self.image {
            Some(image) => self.image_shape_text(image),
            None => format!("{rows}×{cols}"),
        };
        let caption = format!(" · {}", self.caption);
        let written = format!(" ✎ {}", t!("explorer-pane-written"));
        let (full, short) = if self.written {
            (written.as_str(), " ✎")
        } else {
            ("", "")
        };
        let caption = if self.caption.is_empty() {
            String::new()
        } else {
            caption
        };
        // " name " + shape + caption + mark + " "
        let fixed =
            |caption: &str, mark: &str| width_of(&shape) + width_of(caption) + width_of(mark) + 3;
        let attempts = [(caption.as_str(), full), ("", full), ("", short)];
        let chosen = attempts
            .into_iter()
            .find(|(c, m)| width_of(self.title) + fixed(c, m) <= room)
            .map(|(c, m)| (self.title.to_string(), c, m));
        // Nothing fits with the whole name: cut the name, keep the shape.
        let chosen = chosen.unwrap_or_else(|| {
            let name_room = room.saturating_sub(fixed("", short)).max(1);
            (truncate(self.title, name_room), "", short)
        });
        let (name, caption, mark) = chosen;
        let mut title = vec![
            Span::styled(format!(" {name} "), theme.title()),
            Span::styled(shape, theme.text()),
        ];
        if !caption.is_empty() {
            title.push(Span::styled(caption.to_string(), theme.dim()));
        }
        if !mark.is_empty() {
            title.push(Span::styled(mark.to_string(), theme.written()));
        }
        title.push(Span::raw(" "));
        Line::from(title)
    }

    /// The bottom label saying which part of the matrix is shown, in the longest form that fits
    /// between the corners of a pane `width` columns wide (none when even the shortest does not).
    fn window_label(&self, g: Grid, width: u16) -> Option<String> {
        let (rows, cols) = self.matrix.dim();
        let cut_rows = g.visible.0 < rows;
        let cut_cols = g.visible.1 < cols;
        if !cut_rows && !cut_cols {
            return None;
        }
        let r1 = (g.first.0 + g.visible.0).saturating_sub(1);
        let c1 = (g.first.1 + g.visible.1).saturating_sub(1);
        let r = format!("{}–{r1}/{rows}", g.first.0);
        let c = format!("{}–{c1}/{cols}", g.first.1);
        let mut forms = Vec::new();
        if cut_rows && cut_cols {
            forms.push(format!(
                " {} ",
                t!(
                    "explorer-window-rows-cols",
                    rows = r.as_str(),
                    cols = c.as_str()
                )
            ));
            forms.push(format!(" {r} × {c} "));
        }
        if cut_rows {
            forms.push(format!(
                " {} ",
                t!("explorer-window-rows", rows = r.as_str())
            ));
            forms.push(format!(" {r} "));
        }
        if cut_cols {
            forms.push(format!(
                " {} ",
                t!("explorer-window-cols", cols = c.as_str())
            ));
            forms.push(format!(" {c} "));
        }
        let room = width.saturating_sub(2) as usize;
        forms.into_iter().find(|f| width_of(f) <= room)
    }

    /// The block around the matrix, for a pane `width` columns wide.
    fn block(&self, grid: Option<Grid>, width: u16) -> Block<'a> {
        let theme = self.theme;
        let border = if self.cursor.is_some() {
            theme.border_focused()
        } else if self.written {
            theme.border_written()
        } else {
            theme.border()
        };
        let mut block = Block::bordered()
            .border_style(border)
            .title(self.title(width));
        if let Some(info) = grid.and_then(|g| self.window_label(g, width)) {
            block = block.title_bottom(Line::styled(info, theme.dim()).right_aligned());
        }
        block
    }

    /// The visible window inside the pane's inner area.
    pub fn grid(&self, inner: Rect) -> Grid {
        let (rows, cols) = self.matrix.dim();
        let gutter = digits(rows.saturating_sub(1)) + 1;
        let below = if self.sum_row.is_some() { 2 } else { 0 };
        let visible_rows = (inner.height.saturating_sub(1 + below) as usize).min(rows);
        let first_row = window_start(self.anchor.0, visible_rows, rows);
        let fit = |w: u16| ((inner.width.saturating_sub(gutter) / (w + 2)) as usize).min(cols);
        let base = match self.cells {
            CellText::Number => (self.decimals as u16 + 3).max(digits(cols.saturating_sub(1))),
            CellText::Mask => 7,
            CellText::Hidden => (self.decimals as u16 + 3).max(digits(cols.saturating_sub(1))),
        };
        let mut grid = Grid {
            gutter,
            cell_width: base,
            first: (first_row, 0),
            visible: (visible_rows, fit(base)),
        };
        grid.first.1 = window_start(self.anchor.1, grid.visible.1, cols);
        let widest = self.widest(&grid);
        if widest > base {
            grid.cell_width = widest;
            grid.visible.1 = fit(widest);
            grid.first.1 = window_start(self.anchor.1, grid.visible.1, cols);
        }
        grid
    }

    fn widest(&self, g: &Grid) -> u16 {
        let cols = g.first.1..g.first.1 + g.visible.1;
        let body = (g.first.0..g.first.0 + g.visible.0)
            .flat_map(|i| cols.clone().map(move |j| (i, j)))
            .filter_map(|(i, j)| self.value(i, j));
        let sums = self
            .sum_row
            .into_iter()
            .flat_map(|s| cols.clone().filter_map(|j| s.get((0, j)).copied()));
        body.chain(sums)
            .map(|v| width(&self.text(v)) as u16)
            .max()
            .unwrap_or(0)
    }

    /// The matrix cell under a terminal position, when the pane is drawn in `area`.
    pub fn cell_at(&self, area: Rect, column: u16, row: u16) -> Option<(usize, usize)> {
        let inner = Block::bordered().inner(area);
        if let Some(shape) = self.image {
            return self.image_cell_at(shape, inner, column, row);
        }
        if !inner.contains(Position::new(column, row)) {
            return None;
        }
        let g = self.grid(inner);
        let dy = (row - inner.y).checked_sub(1)? as usize;
        let dx = (column - inner.x).checked_sub(g.gutter)? / (g.cell_width + 2);
        (dy < g.visible.0 && (dx as usize) < g.visible.1)
            .then_some((g.first.0 + dy, g.first.1 + dx as usize))
    }

    fn mark(&self, i: usize, j: usize) -> (char, Style) {
        let theme = self.theme;
        // The nudge's marks win over the others, on the selected cell too: its value is the
        // nudged run's, and the mark says so.
        if self.nudged.is_some_and(|(cell, _)| cell == (i, j)) {
            return ('+', theme.changed());
        }
        // The changes are row-major (as the nudge lists them): a binary search keeps this
        // cheap when a nudge moved a whole large matrix.
        if self
            .changed
            .binary_search_by(|c| (c.row, c.col).cmp(&(i, j)))
            .is_ok()
        {
            return ('Δ', theme.changed());
        }
        match self.highlight {
            Highlight::Written { cell } if cell == (i, j) => ('•', theme.written()),
            Highlight::Written { .. } => (' ', theme.written()),
            Highlight::FedBy {
                op,
                read,
                operand,
                from,
            } if feeds(op, read, operand, (i, j), from.0, from.1) => ('›', theme.read()),
            Highlight::Read { op, read, out } if feeds(op, read, self.matrix, out, i, j) => {
                ('›', theme.read())
            }
            Highlight::Maxima { arg_max, window } if is_window_max(&window, arg_max, i, j) => {
                ('■', theme.mask_true())
            }
            Highlight::Zeroed { mask, sense }
                if mask.get((i, j)).is_some_and(|&m| sense.blocks(m)) =>
            {
                ('×', theme.zeroed())
            }
            _ => (' ', theme.text()),
        }
    }

    fn cell_style(&self, v: f64, style: Style) -> Style {
        match self.cells {
            CellText::Mask if v != 0.0 => style.patch(self.theme.mask_true()),
            CellText::Mask => style.patch(self.theme.mask_false()),
            CellText::Number | CellText::Hidden => style,
        }
    }
}

impl Widget for MatrixPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let probe = Block::bordered().inner(area);
        if let Some(shape) = self.image {
            let grid = self.image_grid(shape, probe);
            let mut block = self.block(None, area.width);
            if let Some(info) = self.image_window_label(shape, &grid, area.width) {
                block = block.title_bottom(Line::styled(info, self.theme.dim()).right_aligned());
            }
            block.render(area, buf);
            self.render_image(shape, &grid, probe, buf);
            return;
        }
        let grid = self.grid(probe);
        let block = self.block(Some(grid), area.width);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width == 0 || inner.height == 0 || grid.visible.1 == 0 {
            return;
        }
        let theme = self.theme;
        let w = grid.cell_width as usize;
        let slot = grid.cell_width + 2;
        let right = inner.right();
        let put = |x: u16, y: u16, s: &str, style: Style, buf: &mut Buffer| {
            if x < right && y < inner.bottom() {
                put_text(buf, (x, y), s, (right - x) as usize, style);
            }
        };
        let cols = grid.first.1..grid.first.1 + grid.visible.1;
        let x_of = |k: usize| inner.x + grid.gutter + k as u16 * slot;
        for (k, j) in cols.clone().enumerate() {
            put(x_of(k), inner.y, &format!("  {j:>w$}"), theme.dim(), buf);
        }
        let gw = grid.gutter as usize - 1;
        for (k, i) in (grid.first.0..grid.first.0 + grid.visible.0).enumerate() {
            let y = inner.y + 1 + k as u16;
            put(inner.x, y, &format!("{i:>gw$}"), theme.dim(), buf);
            for (m, j) in cols.clone().enumerate() {
                let v = self.value(i, j).unwrap_or(f64::NAN);
                let (marker, style) = self.mark(i, j);
                let mut style = self.cell_style(v, style);
                if self.cursor == Some((i, j)) {
                    style = style.patch(theme.cursor());
                }
                put(
                    x_of(m),
                    y,
                    &format!(" {marker}{:>w$}", self.text(v)),
                    style,
                    buf,
                );
            }
        }
        if let Some(sums) = self.sum_row {
            let y = inner.y + 1 + grid.visible.0 as u16;
            let rule = "─".repeat(grid.visible.1 * slot as usize);
            put(inner.x + grid.gutter, y, &rule, theme.dim(), buf);
            put(
                inner.x,
                y + 1,
                &format!("{:>gw$}", "Σ"),
                theme.sum_row(),
                buf,
            );
            for (m, j) in cols.enumerate() {
                let v = sums.get((0, j)).copied().unwrap_or(f64::NAN);
                put(
                    x_of(m),
                    y + 1,
                    &format!("  {:>w$}", self.text(v)),
                    theme.sum_row(),
                    buf,
                );
            }
        }
    }
}

pub mod image;

/// `buf.set_stringn(x, y, s, max, style)`, the same cells: a matrix's numbers and indices are
/// printable ASCII, one column a character, written cell by cell without the grapheme
/// segmentation `set_stringn` runs on every string (a tenth of a large frame's time).
fn put_text(buf: &mut Buffer, (x, y): (u16, u16), s: &str, max: usize, style: Style) {
    if !s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        buf.set_stringn(x, y, s, max, style);
        return;
    }
    for (i, ch) in s.chars().take(max).enumerate() {
        let Ok(dx) = u16::try_from(i) else { return };
        match buf.cell_mut((x.saturating_add(dx), y)) {
            Some(cell) => {
                cell.set_char(ch).set_style(style);
            }
            None => return,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
