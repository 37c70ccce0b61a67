//! The gradient check view: for x and every parameter, backprop's gradient beside the numerical
//! one, their difference and the max relative error, and what each method cost — the answer to
//! "why backpropagation at all?".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::layout::{fit, row};
use super::matrix_pane::MatrixPane;
use super::popup::centered;
use crate::engine::CheckReport;
use crate::engine::format::{count, duration, sci};
use crate::tui::app::App;

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

/// Draw the check over the explorer; `selected` picks the tensor shown side by side.
pub fn render(app: &App, report: &CheckReport, selected: usize, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
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
            format!(" gradient check — {verdict} · ↑/↓ tensor · c or Esc to close "),
            theme.title(),
        ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let mut lines = vec![Line::styled(
        format!(
            "{:<2}{:<22}{:>7}  {:>12}  {:>12}  (h = {}, tolerance {})",
            "",
            "tensor",
            "shape",
            "max |a − n|",
            "max rel err",
            sci(report.h),
            sci(report.tolerance)
        ),
        theme.dim(),
    )];
    for (i, t) in report.tensors.iter().enumerate() {
        let name = if t.layer.is_some() {
            format!("{}.{}", t.layer_name, t.param)
        } else {
            t.param.clone()
        };
        let ok = t.max_rel_err <= report.tolerance;
        let marker = if i == selected { "▶ " } else { "  " };
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{marker}{name:<22}{:>7}  {:>12}  {:>12}  ",
                crate::engine::format::shape(&t.analytic),
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
    lines.push(Line::raw(""));
    lines.push(Line::raw(format!(
        "numerical: {} × 2 = {} in {}",
        count(report.cells, "cell"),
        count(report.numerical_passes, "forward pass"),
        duration(report.numerical_time)
    )));
    lines.push(Line::raw(format!(
        "backprop:  1 forward + 1 backward in {}, {}",
        duration(report.backprop_time),
        report.speed_comparison()
    )));
    lines.push(Line::styled(
        "numerical needs 2 passes per cell, so the gap grows with every parameter",
        theme.ok(),
    ));
    // The same arithmetic at the book's scale answers "why backprop at all?".
    let book_params = 784 * 50 + 50 + 50 * 10 + 10;
    lines.push(Line::styled(
        format!(
            "book scale: TwoLayerNet 784→50→10 has {} parameters, so {} forward passes per gradient; backprop: 1 + 1",
            thousands(book_params),
            thousands(2 * book_params)
        ),
        theme.dim(),
    ));
    // Why a large error need not be backprop's fault: a kink within h, the loss's 1e-7.
    for note in &report.notes {
        for (k, text) in wrap(&note.text(report.h), inner.width.saturating_sub(6))
            .into_iter()
            .enumerate()
        {
            let lead = if k == 0 { "note: " } else { "      " };
            lines.push(Line::styled(format!("{lead}{text}"), theme.key()));
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
    let Some(t) = report.tensors.get(selected) else {
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
        let mut pane = MatrixPane::new(title, m, app.decimals.max(6), theme);
        pane.caption = &t.param;
        let height = super::layout::pane_height(m.nrows()).min(r.height);
        pane.render(Rect { height, ..r }, buf);
    }
}

/// `text` cut into lines at most `width` columns wide (display width), at spaces.
fn wrap(text: &str, width: u16) -> Vec<String> {
    let width = usize::from(width.max(10));
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let needed = Span::raw(line.as_str()).width() + 1 + Span::raw(word).width();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{thousands, wrap};

    #[test]
    fn notes_wrap_at_spaces_by_display_width() {
        assert_eq!(
            wrap("ReLU has no derivative at its kink", 16),
            ["ReLU has no", "derivative at", "its kink"]
        );
        // CJK characters are two columns wide
        assert_eq!(wrap("全连接层 全连接层 x", 10), ["全连接层", "全连接层 x"]);
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(39_760), "39,760");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(100_000), "100,000");
    }
}
