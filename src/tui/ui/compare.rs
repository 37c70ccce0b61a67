//! The compare screen: every run of a comparison on one pair of charts, the loss per iteration
//! and the accuracy per epoch, with a legend.
//!
//! Each run has a glyph ([`POINT_GLYPHS`]) as well as a colour, so the curves stay apart under
//! `NO_COLOR`; the picked run (`▸` in the legend) is drawn last, on top. The loss is the mean of
//! the iterations each column covers (the book smooths its Fig. 6-9 too); the accuracy is the
//! test accuracy at each epoch (the train accuracy without a test set). A hidden run (`h`) keeps
//! its legend row, dimmed. Pure rendering of a [`CompareState`]; nothing here runs the engine.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::train::{POINT_GLYPHS, RunState, TrainView};
use crate::i18n::format::short;
use crate::t;
use crate::tui::app::CompareState;
use crate::tui::text::{truncate, width};
use crate::tui::theme::Theme;

/// The smallest terminal the screen draws in.
pub const MIN_SIZE: (u16, u16) = (60, 18);

/// Width of the y axis labels (`0.75 ┤`).
pub(super) const Y_AXIS: u16 = 7;

/// The glyph of run `k`.
pub fn glyph(k: usize) -> &'static str {
    POINT_GLYPHS[k % POINT_GLYPHS.len()]
}

/// The rectangles of the compare screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareAreas {
    /// The two status lines.
    pub status: Rect,
    /// The loss chart.
    pub loss: Rect,
    /// The accuracy chart.
    pub accuracy: Rect,
    /// The legend: one entry per run.
    pub legend: Rect,
    /// The keys.
    pub footer: Rect,
}

impl CompareAreas {
    /// Split `area`; `None` below [`MIN_SIZE`].
    pub fn compute(area: Rect) -> Option<CompareAreas> {
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            return None;
        }
        let body_height = area.height - 3;
        let legend_width = (area.width * 3 / 10).clamp(24, 44);
        let left_width = area.width - legend_width;
        let loss_height = body_height * 3 / 5;
        Some(CompareAreas {
            status: Rect { height: 2, ..area },
            loss: Rect {
                y: area.y + 2,
                width: left_width,
                height: loss_height,
                ..area
            },
            accuracy: Rect {
                y: area.y + 2 + loss_height,
                width: left_width,
                height: body_height - loss_height,
                ..area
            },
            legend: Rect {
                x: area.x + left_width,
                y: area.y + 2,
                width: legend_width,
                height: body_height,
            },
            footer: Rect {
                y: area.bottom() - 1,
                height: 1,
                ..area
            },
        })
    }
}

/// The compare screen.
#[derive(Debug, Clone, Copy)]
pub struct CompareScreen<'a> {
    /// What to draw.
    pub state: &'a CompareState,
    /// Colours (or none).
    pub theme: Theme,
}

/// The run state's badge, in the learner's language.
pub fn badge(state: &RunState) -> String {
    match state {
        RunState::Running => t!("cmpui-state-running"),
        RunState::Paused => t!("cmpui-state-paused"),
        RunState::Finished => t!("cmpui-state-finished"),
        RunState::Failed(_) => t!("cmpui-state-failed"),
    }
}

/// A share as ` 97.1 %`.
pub(super) fn percent(v: f64) -> String {
    format!("{:5.1} %", v * 100.0)
}

/// The accuracy a run's chart and legend show: test, else train.
fn shown_accuracy(view: &TrainView) -> Option<f64> {
    match (&view.final_eval, view.epochs.last()) {
        (Some(f), _) => Some(f.test_acc.unwrap_or(f.train_acc)),
        (None, Some(e)) => Some(e.test_acc.unwrap_or(e.train_acc)),
        (None, None) => None,
    }
}

/// The runs in drawing order: shown ones, the picked one last.
fn drawing_order(state: &CompareState) -> Vec<usize> {
    let mut order: Vec<usize> = (0..state.runs.len())
        .filter(|&k| k != state.picked && state.runs[k].shown)
        .collect();
    if state.runs.get(state.picked).is_some_and(|r| r.shown) {
        order.push(state.picked);
    }
    order
}

/// A bordered chart block with its title (the search screen's too).
pub(super) fn chart_block(theme: Theme, title: String) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(title, theme.title()))
}

/// The plot inside a chart block: its cells and the y axis's three labels (the search screen
/// draws its curves with it too).
pub(super) struct Plot {
    /// Where the points go.
    pub(super) area: Rect,
    /// The value at the top row.
    top: f64,
}

impl Plot {
    /// The plot area of `inner` (axis labels on the left, the x labels under it: 0, `x_word`,
    /// `last_iter`), from 0 to `top`, with the axis drawn; `None` when there is no room.
    pub(super) fn draw_axes(
        inner: Rect,
        top: f64,
        labels: [String; 3],
        (x_word, last_iter): (&str, usize),
        theme: Theme,
        buf: &mut Buffer,
    ) -> Option<Plot> {
        if inner.width <= Y_AXIS + 4 || inner.height < 3 {
            return None;
        }
        let area = Rect {
            x: inner.x + Y_AXIS,
            y: inner.y,
            width: inner.width - Y_AXIS,
            height: inner.height - 1,
        };
        let rows = area.height;
        for (row, label) in [
            (0, &labels[2]),
            (rows / 2, &labels[1]),
            (rows - 1, &labels[0]),
        ] {
            let text = format!("{:>5} ┤", truncate(label, 5));
            buf.set_string(inner.x, area.y + row, text, theme.dim());
        }
        for r in 0..rows {
            if buf[(inner.x + Y_AXIS - 1, area.y + r)].symbol() == " " {
                buf.set_string(inner.x + Y_AXIS - 1, area.y + r, "│", theme.dim());
            }
        }
        let bottom = area.y + rows;
        buf.set_string(area.x, bottom, "0", theme.dim());
        let mid_x = area.x + area.width.saturating_sub(width(x_word) as u16) / 2;
        buf.set_string(mid_x, bottom, x_word, theme.dim());
        let last = last_iter.to_string();
        buf.set_string(
            area.right().saturating_sub(width(&last) as u16),
            bottom,
            &last,
            theme.dim(),
        );
        Some(Plot { area, top })
    }

    /// Put `glyph` at iteration `iter` (of `span` on the x axis) and value `v`.
    pub(super) fn point(
        &self,
        iter: f64,
        span: f64,
        v: f64,
        glyph: &str,
        style: Style,
        buf: &mut Buffer,
    ) {
        if !v.is_finite() || self.top <= 0.0 {
            return;
        }
        let cols = f64::from(self.area.width.saturating_sub(1));
        let rows = f64::from(self.area.height.saturating_sub(1));
        let x = (iter / span.max(1.0) * cols).round().clamp(0.0, cols) as u16;
        let y = ((1.0 - (v / self.top).clamp(0.0, 1.0)) * rows).round() as u16;
        buf.set_string(self.area.x + x, self.area.y + y, glyph, style);
    }
}

/// A round number at or above `v` (> 0): 1, 1.5, 2, 3, 5 or 7.5 times a power of ten (as the
/// training screen's loss chart).
fn nice_ceiling(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return 1.0;
    }
    let power = 10f64.powf(v.log10().floor());
    [1.0, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&c| c >= v * (1.0 - 1e-12))
        .unwrap_or(10.0 * power)
}

impl CompareScreen<'_> {
    fn status(&self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.state, self.theme);
        let Some(first) = s.runs.first() else {
            return;
        };
        let state = if s.running() {
            RunState::Running
        } else if s.runs.iter().all(|r| r.view.state == RunState::Finished) {
            RunState::Finished
        } else {
            RunState::Paused
        };
        let done = s.runs.iter().map(|r| r.view.iteration).min().unwrap_or(0);
        let line = t!(
            "cmpui-status",
            state = badge(&state),
            key = s.key.as_str(),
            runs = s.runs.len(),
            done = done,
            iters = first.view.iters,
            speed = s
                .speed
                .map_or_else(|| t!("cmpui-full-speed"), |v| t!("cmpui-speed", speed = v))
        );
        Line::styled(truncate(&line, usize::from(area.width)), theme.title()).render(area, buf);
        let about = t!(
            "cmpui-about",
            preset = first.view.preset.as_str(),
            title = first.view.title.as_str(),
            data = first.view.data.as_str(),
            train = first.view.train_rows,
            test = first.view.test_rows,
            seed = first.view.seed
        );
        Line::styled(truncate(&about, usize::from(area.width)), theme.dim()).render(
            Rect {
                y: area.y + 1,
                height: 1,
                ..area
            },
            buf,
        );
    }

    fn loss(&self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.state, self.theme);
        let block = chart_block(theme, format!(" {} ", t!("cmpui-loss-title")));
        let inner = block.inner(area);
        block.render(area, buf);
        let order = drawing_order(s);
        let span = order
            .iter()
            .map(|&k| s.runs[k].view.losses.len())
            .max()
            .unwrap_or(0);
        if span == 0 {
            Line::styled(format!(" {}", t!("cmpui-no-iterations")), theme.dim()).render(inner, buf);
            return;
        }
        let columns = usize::from(inner.width.saturating_sub(Y_AXIS)).max(1);
        // each run's mean loss over the iterations each column covers
        let means = |losses: &[f64]| -> Vec<(f64, f64)> {
            (0..columns)
                .filter_map(|c| {
                    let start = c * span / columns;
                    let end = ((c + 1) * span / columns).min(losses.len());
                    (start < end).then(|| {
                        let part = &losses[start..end];
                        (start as f64, part.iter().sum::<f64>() / part.len() as f64)
                    })
                })
                .collect()
        };
        let curves: Vec<(usize, Vec<(f64, f64)>)> = order
            .iter()
            .map(|&k| (k, means(&s.runs[k].view.losses)))
            .collect();
        let highest = curves
            .iter()
            .flat_map(|(_, c)| c.iter().map(|p| p.1))
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        let top = nice_ceiling(highest);
        let labels = ["0".to_string(), short(top / 2.0), short(top)];
        let last = span.saturating_sub(1).max(1);
        let x_word = t!("cmpui-axis-iteration");
        let Some(plot) = Plot::draw_axes(inner, top, labels, (&x_word, last), theme, buf) else {
            return;
        };
        for (k, curve) in curves {
            let style = theme.class_point(k);
            for (iter, v) in curve {
                plot.point(iter, last as f64, v, glyph(k), style, buf);
            }
        }
    }

    fn accuracy(&self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.state, self.theme);
        let test = s.runs.iter().any(|r| r.view.test_rows > 0);
        let title = if test {
            t!("cmpui-test-acc-title")
        } else {
            t!("cmpui-train-acc-title")
        };
        let block = chart_block(theme, format!(" {title} "));
        let inner = block.inner(area);
        block.render(area, buf);
        let order = drawing_order(s);
        let span = order
            .iter()
            .map(|&k| s.runs[k].view.losses.len())
            .max()
            .unwrap_or(0);
        if order.iter().all(|&k| s.runs[k].view.epochs.is_empty()) {
            Line::styled(format!(" {}", t!("cmpui-no-epochs")), theme.dim()).render(inner, buf);
            return;
        }
        let labels = ["0 %".to_string(), "50 %".to_string(), "100 %".to_string()];
        let last = span.saturating_sub(1).max(1);
        let x_word = t!("cmpui-axis-iteration");
        let Some(plot) = Plot::draw_axes(inner, 1.0, labels, (&x_word, last), theme, buf) else {
            return;
        };
        for k in order {
            let style = theme.class_point(k);
            for e in &s.runs[k].view.epochs {
                let v = e.test_acc.unwrap_or(e.train_acc);
                plot.point(e.iter as f64, last as f64, v, glyph(k), style, buf);
            }
        }
    }

    fn legend(&self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.state, self.theme);
        let title = t!("cmpui-legend-title", key = s.key.as_str());
        let block = chart_block(theme, format!(" {title} "));
        let inner = block.inner(area);
        block.render(area, buf);
        let w = usize::from(inner.width);
        // a run's value, then its numbers, then its state, as far as the rows go
        let lines = (usize::from(inner.height.saturating_sub(1)) / s.runs.len().max(1)).clamp(1, 3);
        let mut y = inner.y;
        let mut put = |line: Line<'static>, y: &mut u16| {
            if *y < inner.bottom() {
                crate::tui::ui::fit_line(line, w).render(
                    Rect {
                        y: *y,
                        height: 1,
                        ..inner
                    },
                    buf,
                );
                *y += 1;
            }
        };
        for (k, run) in s.runs.iter().enumerate() {
            let v = &run.view;
            let picked = k == s.picked;
            let dim = |style: Style| if run.shown { style } else { theme.dim() };
            let loss = v
                .losses
                .last()
                .map_or("–".to_string(), |l| format!("{l:.4}"));
            let acc = shown_accuracy(v).map_or("–".to_string(), percent);
            let mut first = vec![
                Span::styled(if picked { "▸" } else { " " }, theme.key()),
                Span::styled(glyph(k), dim(theme.class_point(k))),
                Span::raw(" "),
                Span::styled(
                    run.value.clone(),
                    dim(if picked { theme.title() } else { theme.text() }),
                ),
            ];
            if !run.shown {
                first.push(Span::styled(
                    format!(" {}", t!("cmpui-hidden")),
                    theme.dim(),
                ));
            }
            let numbers = Span::styled(format!("{loss} · {acc}"), dim(theme.text()));
            if lines == 1 {
                first.push(Span::raw(" "));
                first.push(numbers);
                put(Line::from(first), &mut y);
                continue;
            }
            put(Line::from(first), &mut y);
            put(Line::from(vec![Span::raw("  "), numbers]), &mut y);
            if lines >= 3 {
                let detail = t!(
                    "cmpui-run-detail",
                    state = badge(&v.state),
                    iteration = v.iteration,
                    iters = v.iters,
                    optimizer = v.optimizer.as_str(),
                    lr = short(v.lr)
                );
                put(Line::styled(format!("  {detail}"), theme.dim()), &mut y);
            }
        }
        let head = t!("cmpui-legend-columns");
        if y < inner.bottom() {
            let row = inner.bottom() - 1;
            Line::styled(truncate(&head, w), theme.dim()).render(
                Rect {
                    y: row,
                    height: 1,
                    ..inner
                },
                buf,
            );
        }
    }
}

impl Widget for CompareScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(areas) = CompareAreas::compute(area) else {
            super::too_small(area, MIN_SIZE, buf);
            return;
        };
        self.status(areas.status, buf);
        self.loss(areas.loss, buf);
        self.accuracy(areas.accuracy, buf);
        self.legend(areas.legend, buf);
    }
}
