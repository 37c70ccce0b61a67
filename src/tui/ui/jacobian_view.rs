//! The Jacobian popup (`J`): the layer's full ∂out/∂x as a labelled matrix (exact zeros as `·`,
//! so the structure shows at a glance), the engine's sentence about that structure, and the
//! check that `dout · J` is the `dx` the layer's shortcut computed.
//!
//! J scrolls (arrows) when it is larger than the popup; the view only reads the engine's
//! [`JacobianView`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::layout::{fit, pane_height, pane_width, row};
use super::matrix_pane::MatrixPane;
use super::popup::centered;
use crate::engine::aids::JacobianView;
use crate::engine::format::num;
use crate::tui::app::App;
use crate::tui::keymap::{Context, hint};
use crate::tui::text::width;

/// Rows the structure sentence may take.
const STRUCTURE_ROWS: u16 = 2;

/// Draw the popup over the explorer, J scrolled so that `first` is its top-left cell.
pub fn render(app: &App, view: &JacobianView, first: (usize, usize), area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let wanted = STRUCTURE_ROWS
        + 2
        + view.matrix.nrows().min(200) as u16
        + 2
        + pane_height(view.dx.nrows())
        + 2;
    let rect = centered(
        area,
        area.width.saturating_sub(4),
        wanted.min(area.height.saturating_sub(2)),
    );
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(
            format!(
                " Jacobian ∂{}/∂x of {} · {} ",
                view.of,
                view.layer_name,
                hint(Context::Jacobian)
            ),
            theme.title(),
        ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 4 || inner.width < 10 {
        return;
    }
    let line = |y: u16| Rect {
        y,
        height: 1,
        ..inner
    };
    Paragraph::new(view.structure.clone())
        .wrap(Wrap { trim: true })
        .render(
            Rect {
                height: STRUCTURE_ROWS,
                ..inner
            },
            buf,
        );
    // The check under J: a blank row, the verdict, then dout·J beside dx.
    let x_rows = view.dx.nrows();
    let check_h = (pane_height(x_rows) + 2).min(inner.height.saturating_sub(STRUCTURE_ROWS + 3));
    let j_top = inner.y + STRUCTURE_ROWS;
    let j_h = inner.height - STRUCTURE_ROWS - check_h;
    // One blank row between J and the check.
    let (rows, cols) = view.matrix.dim();
    Line::styled(
        format!(
            "J: {rows}×{cols}, one row per cell of {}, one column per cell of x (flattened row by row); · is exactly 0",
            view.of
        ),
        theme.dim(),
    )
    .render(line(j_top), buf);
    draw_j(
        app,
        view,
        first,
        Rect::new(inner.x, j_top + 1, inner.width, j_h.saturating_sub(1)),
        buf,
    );

    if check_h < 3 {
        return;
    }
    let check_top = j_top + j_h + 1;
    let ok = view.max_abs_diff < 1e-6;
    let verdict = if ok { "✓ equal" } else { "✗ differ" };
    Line::from(vec![
        Span::styled(
            format!(
                "dout·J vs the layer's dx: max |dout·J − dx| = {} {verdict}",
                crate::engine::format::sci(view.max_abs_diff)
            ),
            if ok { theme.ok() } else { theme.error() },
        ),
        Span::styled(
            format!("  (J: central differences of forward, h = {:.0e})", view.h),
            theme.dim(),
        ),
    ])
    .render(line(check_top), buf);
    let panes = Rect::new(
        inner.x,
        check_top + 1,
        inner.width,
        check_h.saturating_sub(2),
    );
    let items = [
        ("dout·J", "dout flattened × J", &view.vjp),
        ("dx", "the layer's backward", &view.dx),
        ("dout", "arriving", &view.dout),
    ];
    let widths: Vec<u16> = items
        .iter()
        .map(|(t, c, m)| {
            pane_width(
                m.nrows(),
                m.ncols(),
                app.decimals(),
                &format!("{t} {c}"),
                false,
            )
        })
        .collect();
    for ((title, caption, matrix), r) in items.iter().zip(row(panes, &fit(&widths, panes.width))) {
        let mut pane = MatrixPane::new(title, matrix, app.decimals(), theme);
        pane.caption = caption;
        pane.render(r, buf);
    }
}

/// J with row and column labels, from cell `first`, as much as fits in `area`.
fn draw_j(app: &App, view: &JacobianView, first: (usize, usize), area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let (rows, cols) = view.matrix.dim();
    let label_w = (0..rows)
        .map(|i| width(&view.row_label(i)))
        .max()
        .unwrap_or(1)
        + 1;
    let cell_w = (0..cols)
        .map(|j| width(&view.col_label(j)))
        .max()
        .unwrap_or(1)
        .max(app.decimals() + 4)
        // a value may need more places than `decimals` to be read right (see `num`)
        .max(
            view.matrix
                .iter()
                .map(|&v| width(&num(v, app.decimals())))
                .max()
                .unwrap_or(0),
        )
        + 1;
    let visible_cols = (area.width as usize).saturating_sub(label_w) / cell_w.max(1);
    let visible_rows = (area.height as usize).saturating_sub(1);
    let c0 = first.1.min(cols.saturating_sub(visible_cols.max(1)));
    let r0 = first.0.min(rows.saturating_sub(visible_rows.max(1)));
    let c1 = (c0 + visible_cols).min(cols);
    let r1 = (r0 + visible_rows).min(rows);
    let mut header = vec![Span::raw(" ".repeat(label_w))];
    for j in c0..c1 {
        header.push(Span::styled(
            format!("{:>cell_w$}", view.col_label(j)),
            theme.dim(),
        ));
    }
    if c1 < cols || r1 < rows || c0 > 0 || r0 > 0 {
        header.push(Span::styled(
            format!(
                "  rows {r0}–{}/{rows} cols {c0}–{}/{cols}",
                r1.saturating_sub(1),
                c1.saturating_sub(1)
            ),
            theme.dim(),
        ));
    }
    Line::from(header).render(Rect { height: 1, ..area }, buf);
    for (k, i) in (r0..r1).enumerate() {
        let mut spans = vec![Span::styled(
            format!("{:<label_w$}", view.row_label(i)),
            theme.dim(),
        )];
        for j in c0..c1 {
            let v = view.matrix.get((i, j)).copied().unwrap_or(f64::NAN);
            let (text, style) = if v == 0.0 {
                ("·".to_string(), theme.dim())
            } else {
                (num(v, app.decimals()), theme.text())
            };
            spans.push(Span::styled(format!("{text:>cell_w$}"), style));
        }
        Line::from(spans).render(
            Rect {
                y: area.y + 1 + k as u16,
                height: 1,
                ..area
            },
            buf,
        );
    }
}
