//! The Jacobian popup (`J`): the layer's full ∂out/∂x as a labelled matrix (exact zeros as `·`,
//! so the structure shows at a glance), the engine's sentence about that structure, and the
//! check that `dout · J` is the `dx` the layer's shortcut computed.
//!
//! J scrolls (arrows) when it is larger than the popup; the view only reads the engine's
//! [`JacobianView`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::layout::{fit, pane_height, pane_width, row};
use super::matrix_pane::MatrixPane;
use super::popup::centered;
use crate::i18n::format::num;
use crate::lesson::aids::{JacobianBlock, JacobianView};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Context, hint, key_for};
use crate::tui::text::{width, wrap_words};

/// Draw the popup over the explorer, J scrolled so that `first` is its top-left cell.
pub fn render(app: &App, view: &JacobianView, first: (usize, usize), area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let rect_width = area.width.saturating_sub(4);
    let text_width = rect_width.saturating_sub(2) as usize;
    // The structure sentence, the kink note when x sits on a kink, and which part of J is
    // shown: each wrapped to the popup's width, so no sentence loses its end.
    let mut top: Vec<Line<'static>> = Vec::new();
    let mut add = |text: &str, style: ratatui::style::Style| {
        for piece in wrap_words(text, text_width) {
            top.push(Line::styled(piece, style));
        }
    };
    add(&view.structure, theme.text());
    if let Some(note) = &view.kink_note {
        add(note, theme.key());
    }
    add(&block_line(view), theme.dim());
    let structure_rows = top.len() as u16;
    let wanted = structure_rows
        + 1
        + view.matrix.nrows().min(200) as u16
        + 2
        + pane_height(view.dx.nrows())
        + 2;
    let rect = centered(area, rect_width, wanted.min(area.height.saturating_sub(2)));
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(
            // between the corners: a space, the title (cut with … when it does not fit), a space
            format!(
                " {} ",
                crate::tui::text::truncate(
                    &format!(
                        "{} · {}",
                        crate::t!("jac-title", of = view.of, name = view.layer_name.as_str()),
                        hint(Context::Jacobian)
                    ),
                    usize::from(rect.width.saturating_sub(3)),
                )
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
    // J keeps at least its header and three rows: the text above gives way first.
    let structure_rows = structure_rows.min(inner.height.saturating_sub(4));
    for (k, l) in top.into_iter().take(structure_rows as usize).enumerate() {
        l.render(line(inner.y + k as u16), buf);
    }
    // The check under J: a blank row, the verdict, then dout·J beside dx.
    let x_rows = view.dx.nrows();
    let check_h = (pane_height(x_rows) + 2).min(inner.height.saturating_sub(structure_rows + 3));
    let j_top = inner.y + structure_rows;
    let j_h = inner.height.saturating_sub(structure_rows + check_h);
    draw_j(
        app,
        view,
        first,
        Rect::new(inner.x, j_top, inner.width, j_h),
        buf,
    );

    if check_h < 3 {
        return;
    }
    // One blank row between J and the check.
    let check_top = j_top + j_h + 1;
    let ok = view.max_abs_diff < 1e-6;
    let verdict = match (ok, view.kink_cells.is_empty()) {
        (true, true) => crate::t!("jac-equal"),
        (true, false) => crate::t!("jac-equal-away"),
        (false, _) => crate::t!("jac-differ"),
    };
    let verdict = crate::t!(
        "jac-verdict",
        diff = crate::i18n::format::sci(view.max_abs_diff),
        verdict = verdict
    );
    let how = format!("  {}", crate::t!("jac-how", h = format!("{:.0e}", view.h)));
    let mut spans = vec![Span::styled(
        verdict.clone(),
        if ok { theme.ok() } else { theme.error() },
    )];
    // The remark in parentheses comes only whole.
    if width(&verdict) + width(&how) <= inner.width as usize {
        spans.push(Span::styled(how, theme.dim()));
    }
    Line::from(spans).render(line(check_top), buf);
    let panes = Rect::new(
        inner.x,
        check_top + 1,
        inner.width,
        check_h.saturating_sub(2),
    );
    let items = [
        ("dout·J", crate::t!("jac-caption-vjp"), &view.vjp),
        ("dx", crate::t!("jac-caption-dx"), &view.dx),
        ("dout", crate::t!("jac-caption-dout"), &view.dout),
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
        pane.caption = caption.as_str();
        pane.render(r, buf);
    }
}

/// What the matrix under it is: all of J, or which block of it and where that block sits.
fn block_line(view: &JacobianView) -> String {
    let (rows, cols) = view.matrix.dim();
    let (out_n, in_n) = (
        view.out_shape.0 * view.out_shape.1,
        view.in_shape.0 * view.in_shape.1,
    );
    let of = view.of;
    let keys = || {
        crate::t!(
            "jac-block-keys",
            next = key_for(Context::Jacobian, &Action::PageDown),
            prev = key_for(Context::Jacobian, &Action::PageUp)
        )
    };
    // sizes and indices are positions, not counts: written as text, they pick no plural
    let s = |v: usize| v.to_string();
    match view.block {
        JacobianBlock::Whole => {
            crate::t!("jac-block-whole", rows = s(rows), cols = s(cols), of = of)
        }
        JacobianBlock::Row(n) if of == "L" => crate::t!(
            "jac-block-loss",
            in_n = s(in_n),
            cols = s(cols),
            n = s(n),
            last = s(view.in_shape.0 - 1),
            keys = keys()
        ),
        JacobianBlock::Row(n) => crate::t!(
            "jac-block-row",
            out_n = s(out_n),
            in_n = s(in_n),
            n = s(n),
            last = s(view.in_shape.0 - 1),
            of = of,
            rows = s(rows),
            cols = s(cols),
            keys = keys()
        ),
        JacobianBlock::Column(j) => crate::t!(
            "jac-block-column",
            out_n = s(out_n),
            in_n = s(in_n),
            j = s(j),
            last = s(view.in_shape.1 - 1),
            of = of,
            rows = s(rows),
            cols = s(cols),
            keys = keys()
        ),
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
    let visible_rows = (area.height as usize).saturating_sub(1);
    let r0 = first.0.min(rows.saturating_sub(visible_rows.max(1)));
    let r1 = (r0 + visible_rows).min(rows);
    // The window for `visible` columns, and where it sits when J is cut.
    let window = |visible: usize| {
        let c0 = first.1.min(cols.saturating_sub(visible.max(1)));
        let c1 = (c0 + visible).min(cols);
        let cut = c1 < cols || r1 < rows || c0 > 0 || r0 > 0;
        let label = cut.then(|| {
            let s = |v: usize| v.to_string();
            format!(
                "  {}",
                crate::t!(
                    "jac-position",
                    r0 = s(r0),
                    r1 = s(r1.saturating_sub(1)),
                    rows = s(rows),
                    c0 = s(c0),
                    c1 = s(c1.saturating_sub(1)),
                    cols = s(cols)
                )
            )
        });
        (c0, c1, label)
    };
    // As many columns as leave room for that label at the end of the header row.
    let room = (area.width as usize).saturating_sub(label_w);
    let most = room / cell_w.max(1);
    let (c0, c1, position) = (1..=most.max(1))
        .rev()
        .map(window)
        .find(|(c0, c1, label)| (c1 - c0) * cell_w + label.as_deref().map_or(0, width) <= room)
        .unwrap_or_else(|| window(1));
    let mut header = vec![Span::raw(" ".repeat(label_w))];
    for j in c0..c1 {
        header.push(Span::styled(
            format!("{:>cell_w$}", view.col_label(j)),
            theme.dim(),
        ));
    }
    if let Some(position) = position {
        header.push(Span::styled(position, theme.dim()));
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
