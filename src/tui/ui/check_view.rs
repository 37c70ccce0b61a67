//! The gradient check view: for x and every parameter, backprop's gradient beside the numerical
//! one, their difference, the max relative error and the cell where it is; what the relative
//! error and its floor are at this h; and, on the notes page, why an error can be large and what
//! each method cost — the answer to "why backpropagation at all?". While the check runs, a
//! progress bar that `Esc` cancels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use ratatui::widgets::Gauge;

use super::layout::{fit, row};
use super::matrix_pane::MatrixPane;
use super::popup::centered;
use crate::engine::CheckReport;
use crate::i18n::format::{duration, sci, shape};
use crate::report::text::{check_legend, speed_words};
use crate::t;
use crate::tui::action::Action;
use crate::tui::app::{App, CheckPage, CheckView, Checking};
use crate::tui::keymap::{Context, hint, key_for};
use crate::tui::text::{pad, width, wrap_words};
use crate::tui::theme::Theme;

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
        .title(Line::styled(
            format!(" {} ", t!("views-check-running")),
            theme.title(),
        ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let ratio = if running.total == 0 {
        0.0
    } else {
        (running.done as f64 / running.total as f64).clamp(0.0, 1.0)
    };
    let lines = [
        Line::raw(t!(
            "views-check-progress",
            h = sci(running.h),
            done = thousands(running.done),
            total = running.total,
            total_text = thousands(running.total)
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

/// Draw the check over the explorer: the summary table (each tensor's worst cell), what the
/// relative error is and its floor at this h, the selected tensor's worst cell named, then the
/// three matrices at the cursor — or, after Enter, the notes and the costs, scrolled.
pub fn render(app: &App, view: &CheckView, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let report = &view.report;
    let rect = centered(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    Clear.render(rect, buf);
    let title = if report.passed() {
        t!("views-check-title-pass", h = sci(report.h))
    } else {
        t!("views-check-title-fail", h = sci(report.h))
    };
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(format!(" {title} "), theme.title()))
        .title_bottom(Line::styled(
            format!(" {} ", hint(Context::Check)),
            theme.dim(),
        ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let w = inner.width as usize;
    let mut lines = table(view, theme);
    if view.page == CheckPage::Notes {
        // the table, then the notes (they begin with the full definition and floor), scrolled
        let notes = notes_lines(app, report, w);
        let top = inner.y + (lines.len() as u16).min(inner.height);
        draw(lines, inner, buf);
        let body = Rect {
            y: top,
            height: inner.bottom().saturating_sub(top),
            ..inner
        };
        let scroll = view.notes_scroll.min(notes.len().saturating_sub(1));
        let mut shown: Vec<Line> = vec![Line::styled(
            format!(
                "── {} ──",
                t!(
                    "views-check-notes-window",
                    first = scroll + 1,
                    last = (scroll + body.height.saturating_sub(1) as usize).min(notes.len()),
                    total = notes.len(),
                    key = key_for(Context::Check, &Action::Confirm)
                )
            ),
            theme.dim(),
        )];
        shown.extend(notes.into_iter().skip(scroll));
        draw(shown, body, buf);
        return;
    }
    let floor = report.floor();
    for (text, style) in [
        (t!("views-check-rel"), theme.dim()),
        (
            t!(
                "views-check-floor",
                floor = sci(floor),
                noise = sci(report.noise())
            ),
            theme.dim(),
        ),
        (selected_line(view), theme.text()),
    ] {
        lines.extend(
            wrap_words(&text, w)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    }
    lines.push(Line::styled(
        t!(
            "views-check-notes-count",
            n = report.notes.len(),
            key = key_for(Context::Check, &Action::Confirm)
        ),
        theme.key(),
    ));
    // The matrices keep at least 6 rows: the text above gives way (its start stays).
    let text_h = (lines.len() as u16).min(inner.height.saturating_sub(6));
    lines.truncate(text_h as usize);
    draw(lines, inner, buf);
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
    let titles = [
        t!("views-check-pane-backprop"),
        t!("views-check-pane-numerical"),
        "a − n".to_string(),
    ];
    let mats = [&t.analytic, &t.numerical, &diff];
    let rects = row(body, &fit(&[body.width / 3; 3], body.width));
    for ((title, m), r) in titles.iter().zip(mats).zip(rects) {
        let mut pane = MatrixPane::new(title, m, app.decimals(), theme);
        pane.caption = &t.param;
        pane.anchor = view.cell;
        pane.cursor = Some(view.cell);
        let height = super::layout::pane_height(m.nrows()).min(r.height);
        pane.render(Rect { height, ..r }, buf);
    }
}

/// `text` right-aligned in `w` columns (by display width).
fn pad_left(text: &str, w: usize) -> String {
    format!("{}{text}", " ".repeat(w.saturating_sub(width(text))))
}

/// Lines from the top of `area`, as many as fit.
fn draw(lines: Vec<Line>, area: Rect, buf: &mut Buffer) {
    for (k, line) in lines.into_iter().take(area.height as usize).enumerate() {
        line.render(
            Rect {
                y: area.y + k as u16,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

/// The summary table: per tensor its shape, max |a − n|, max relative error, verdict and worst
/// cell (the name is on the row, so the cell is `[row,col]`).
fn table(view: &CheckView, theme: Theme) -> Vec<Line<'static>> {
    let report = &view.report;
    let names: Vec<String> = report.tensors.iter().map(|t| t.name()).collect();
    let name_w = names
        .iter()
        .map(|n| width(n))
        .max()
        .unwrap_or(1)
        .max(width(&t!("report-check-col-tensor")));
    let (ok, fail) = (t!("report-check-ok"), t!("report-check-fail"));
    let verdict_w = width(&ok).max(width(&fail));
    let shape_w = report
        .tensors
        .iter()
        .map(|t| width(&shape(&t.analytic)))
        .max()
        .unwrap_or(1)
        .max(width(&t!("report-check-col-shape")));
    let (abs, rel) = (t!("report-check-col-abs"), t!("report-check-col-rel"));
    let (abs_w, rel_w) = (width(&abs).max(9), width(&rel).max(9));
    let mut table = vec![Line::styled(
        format!(
            "  {}  {}  {}  {}  {}  {}",
            pad(&t!("report-check-col-tensor"), name_w),
            pad_left(&t!("report-check-col-shape"), shape_w),
            pad_left(&abs, abs_w),
            pad_left(&rel, rel_w),
            " ".repeat(verdict_w),
            t!("report-check-col-worst")
        ),
        theme.dim(),
    )];
    let ok_text = ok;
    for (i, (t, name)) in report.tensors.iter().zip(&names).enumerate() {
        let ok = t.max_rel_err <= report.tolerance;
        let marker = if i == view.selected { "▶ " } else { "  " };
        table.push(Line::from(vec![
            Span::raw(format!(
                "{marker}{}  {}  {}  {}  ",
                pad(name, name_w),
                pad_left(&shape(&t.analytic), shape_w),
                pad_left(&sci(t.max_abs_diff), abs_w),
                pad_left(&sci(t.max_rel_err), rel_w)
            )),
            if ok {
                Span::styled(pad(&ok_text, verdict_w), theme.ok())
            } else {
                Span::styled(pad(&fail, verdict_w), theme.error())
            },
            Span::raw(format!("  [{},{}]", t.worst.0, t.worst.1)),
        ]));
    }
    table
}

/// The selected tensor's worst cell, named, and the cell under the cursor: `Affine1.W[0,70]
/// worst: rel 4.72e-1 · 37 of 200 cells over 1.00e-4 · at [3,5]: a = …, n = …, rel …`.
fn selected_line(view: &CheckView) -> String {
    let report = &view.report;
    let Some(t) = report.tensors.get(view.selected) else {
        return String::new();
    };
    let floor = report.floor();
    let over = t.failing_cells(floor, report.tolerance).len();
    let (r, c) = view.cell;
    let (a, n) = (t.analytic[[r, c]], t.numerical[[r, c]]);
    format!(
        "▶ {}",
        t!(
            "views-check-worst",
            cell = t.worst_cell(),
            rel = sci(t.max_rel_err),
            over = over,
            cells = t.analytic.len(),
            cells_text = thousands(t.analytic.len()),
            tolerance = sci(report.tolerance),
            at = format!("[{r},{c}]"),
            a = sci(a),
            n = sci(n),
            rel_here = sci(crate::engine::check::relative_error(a, n, floor)),
        )
    )
}

/// The notes page: what the relative error and its floor are, the report's notes (their
/// advice naming this popup's keys), and what each method cost, wrapped to `w`.
fn notes_lines(app: &App, report: &CheckReport, w: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let smaller = key_for(Context::Check, &Action::NudgeSmaller);
    let change = |s: f64| {
        let presses = (report.h / s).log10().round().max(1.0) as usize;
        t!(
            "views-check-rerun",
            key = smaller.as_str(),
            times = presses,
            h = format!("{s:e}")
        )
    };
    let mut texts: Vec<(String, ratatui::style::Style)> = check_legend(report)
        .into_iter()
        .map(|l| (l, theme.text()))
        .collect();
    texts.extend(report.notes.iter().map(|n| {
        (
            format!(
                "{} {}",
                t!("report-check-note"),
                n.text_with(report.h, &change)
            ),
            theme.key(),
        )
    }));
    texts.push((
        t!(
            "report-check-numerical",
            cells = report.cells,
            passes = report.numerical_passes,
            time = duration(report.numerical_time)
        ),
        theme.text(),
    ));
    texts.push((
        t!(
            "report-check-backprop",
            time = duration(report.backprop_time),
            speed = speed_words(report)
        ),
        theme.text(),
    ));
    texts.push((t!("views-check-gap-grows"), theme.ok()));
    // The same arithmetic at the book's scale answers "why backprop at all?".
    let book_params = 784 * 50 + 50 + 50 * 10 + 10;
    texts.push((
        t!(
            "views-check-book-scale",
            params = thousands(book_params),
            passes = thousands(2 * book_params)
        ),
        theme.dim(),
    ));
    let mut lines = Vec::new();
    for (text, style) in texts {
        for piece in wrap_words(&text, w) {
            lines.push(Line::styled(piece, style));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn counts_group_thousands_and_agree() {
        let progress = |done: usize, total: usize| {
            crate::t!(
                "views-check-progress",
                h = "1.00e-4",
                done = thousands(done),
                total = total,
                total_text = thousands(total)
            )
        };
        assert_eq!(
            progress(0, 1),
            "numerical gradient at h = 1.00e-4: 0 of 1 cell (2 forward passes each)"
        );
        assert_eq!(
            progress(1_200, 39_760),
            "numerical gradient at h = 1.00e-4: 1,200 of 39,760 cells (2 forward passes each)"
        );
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(39_760), "39,760");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(100_000), "100,000");
    }
}
