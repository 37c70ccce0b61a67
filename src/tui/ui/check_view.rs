//! The gradient check view: for x and every parameter, backprop's gradient beside the numerical
//! one, their difference and the max relative error, and what each method cost — the answer to
//! "why backpropagation at all?". While the check runs, a progress bar that `Esc` cancels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use ratatui::widgets::Gauge;

use super::layout::{fit, row};
use super::matrix_pane::MatrixPane;
use super::popup::centered;
use crate::engine::format::{duration, sci, shape};
use crate::tui::app::{App, CheckView, Checking};
use crate::tui::keymap::{Context, hint};
use crate::tui::text::{pad, width, wrap_words};

/// `39760` as `39,760`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The progress bar of a running check: cells done out of all, and how to cancel.
pub fn progress(app: &App, running: &Checking, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let rect = centered(area, area.width.saturating_sub(4).min(80), 6);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(" gradient check — running ", theme.title()));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let ratio = if running.total == 0 {
        0.0
    } else {
        (running.done as f64 / running.total as f64).clamp(0.0, 1.0)
    };
    let lines = [
        Line::raw(format!(
            "numerical gradient: {} of {} cells (2 forward passes each)",
            thousands(running.done),
            thousands(running.total)
        )),
        Line::raw(""),
        Line::styled(hint(Context::Checking), theme.dim()),
    ];
    for (k, line) in lines.into_iter().enumerate() {
        let y = inner.y + k as u16;
        if k == 1 {
            Gauge::default()
                .gauge_style(theme.ok())
                .ratio(ratio)
                .label(format!("{:.0} %", ratio * 100.0))
                .render(Rect::new(inner.x, y, inner.width, 1), buf);
        } else if y < inner.bottom() {
            line.render(Rect::new(inner.x, y, inner.width, 1), buf);
        }
    }
}

/// `Affine1.W` for a parameter, `x` for the input.
fn tensor_name(t: &crate::engine::TensorCheck) -> String {
    if t.layer.is_some() {
        format!("{}.{}", t.layer_name, t.param)
    } else {
        t.param.clone()
    }
}

/// Draw the check over the explorer: the summary table (sized to its contents, so it fits a
/// 60-column screen), the cost of each method, and the selected tensor's three matrices
/// scrolled to `view.cell`.
pub fn render(app: &App, view: &CheckView, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let report = &view.report;
    let rect = centered(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    Clear.render(rect, buf);
    let verdict = if report.passed() { "PASS" } else { "FAIL" };
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(
            format!(" gradient check — {verdict} "),
            theme.title(),
        ))
        .title_bottom(Line::styled(
            format!(" {} ", hint(Context::Check)),
            theme.dim(),
        ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let names: Vec<String> = report.tensors.iter().map(tensor_name).collect();
    let name_w = names.iter().map(|n| width(n)).max().unwrap_or(1).max(6);
    let shape_w = report
        .tensors
        .iter()
        .map(|t| width(&shape(&t.analytic)))
        .max()
        .unwrap_or(1)
        .max(5);
    let mut table = vec![Line::styled(
        format!(
            "  {}  {:>shape_w$}  {:>10}  {:>10}",
            pad("tensor", name_w),
            "shape",
            "max |a−n|",
            "max rel"
        ),
        theme.dim(),
    )];
    for (i, (t, name)) in report.tensors.iter().zip(&names).enumerate() {
        let ok = t.max_rel_err <= report.tolerance;
        let marker = if i == view.selected { "▶ " } else { "  " };
        table.push(Line::from(vec![
            Span::raw(format!(
                "{marker}{}  {:>shape_w$}  {:>10}  {:>10}  ",
                pad(name, name_w),
                shape(&t.analytic),
                sci(t.max_abs_diff),
                sci(t.max_rel_err)
            )),
            if ok {
                Span::styled("ok", theme.ok())
            } else {
                Span::styled("FAIL", theme.error())
            },
        ]));
    }
    let mut notes = vec![(
        format!(
            "h = {}, tolerance {} on the relative error",
            sci(report.h),
            sci(report.tolerance)
        ),
        theme.dim(),
    )];
    notes.extend(report_notes(report).into_iter().map(|n| (n, theme.key())));
    notes.push((
        format!(
            "numerical: {} cells × 2 = {} forward passes in {}",
            thousands(report.cells),
            thousands(report.numerical_passes),
            duration(report.numerical_time)
        ),
        theme.text(),
    ));
    notes.push((
        format!(
            "backprop:  1 forward + 1 backward in {}, {}",
            duration(report.backprop_time),
            report.speed_comparison()
        ),
        theme.text(),
    ));
    notes.push((
        "numerical needs 2 passes per cell, so the gap grows with every parameter".to_string(),
        theme.ok(),
    ));
    // The same arithmetic at the book's scale answers "why backprop at all?".
    let book_params = 784 * 50 + 50 + 50 * 10 + 10;
    notes.push((
        format!(
            "book scale: TwoLayerNet 784→50→10 has {} parameters, so {} forward passes per gradient; backprop: 1 + 1",
            thousands(book_params),
            thousands(2 * book_params)
        ),
        theme.dim(),
    ));
    // The table first (it is the answer), then the notes wrapped, as far as they fit; the
    // matrices get what is left.
    let mut lines = table;
    for (text, style) in notes {
        for piece in wrap_words(&text, inner.width as usize) {
            lines.push(Line::styled(piece, style));
        }
    }
    let text_h = (lines.len() as u16).min(inner.height);
    for (k, line) in lines.into_iter().take(text_h as usize).enumerate() {
        line.render(
            Rect {
                y: inner.y + k as u16,
                height: 1,
                ..inner
            },
            buf,
        );
    }
    let Some(t) = report.tensors.get(view.selected) else {
        return;
    };
    let body = Rect {
        y: inner.y + text_h,
        height: inner.height - text_h,
        ..inner
    };
    if body.height < 4 {
        return;
    }
    let diff = &t.analytic - &t.numerical;
    let titles = ["analytic (backprop)", "numerical", "a − n"];
    let mats = [&t.analytic, &t.numerical, &diff];
    let rects = row(body, &fit(&[body.width / 3; 3], body.width));
    for ((title, m), r) in titles.iter().zip(mats).zip(rects) {
        let mut pane = MatrixPane::new(title, m, app.decimals().max(6), theme);
        pane.caption = &t.param;
        pane.anchor = view.cell;
        pane.cursor = Some(view.cell);
        let height = super::layout::pane_height(m.nrows()).min(r.height);
        pane.render(Rect { height, ..r }, buf);
    }
}

/// Notes the report carries for the reader (e.g. cells near a ReLU kink), one per line.
fn report_notes(_report: &crate::engine::CheckReport) -> Vec<String> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(39_760), "39,760");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(100_000), "100,000");
    }
}
