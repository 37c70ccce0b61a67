//! The search screen: the trials of a hyperparameter search listed best first, and the
//! validation accuracy per epoch of the best ones drawn over each other (the book's Fig. 6-24
//! draws the best 20 as small charts; a terminal reads a few curves on one chart better).
//!
//! The list is the legend: each of the best [`BEST`] trials has the glyph and colour of its
//! curve, and the picked trial (`▸`) is drawn last, on top, with its training accuracy as dim
//! dots (the book's dashed line). A curve's points are the accuracy at each epoch and, at the
//! right end, the final one the trials are ranked by. The chart code is the compare screen's
//! ([`super::compare::Plot`]). Pure rendering of a [`SearchState`]; nothing here runs the engine.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::compare::{Plot, chart_block, glyph};
use crate::engine::search::lr_to_search;
use crate::i18n::format::{flag_value, sci};
use crate::t;
use crate::tui::app::{SearchRun, SearchState};
use crate::tui::text::{pad, truncate};
use crate::tui::theme::Theme;

/// The smallest terminal the screen draws in.
pub const MIN_SIZE: (u16, u16) = (60, 18);

/// How many of the best trials the chart draws.
pub const BEST: usize = 5;

/// The glyph of the training accuracy of the picked trial.
const TRAIN_GLYPH: &str = "·";

/// The rectangles of the search screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchAreas {
    /// The three status lines: progress, the preset and its data, what is drawn.
    pub status: Rect,
    /// The ranked trials.
    pub list: Rect,
    /// The validation curves.
    pub chart: Rect,
    /// The picked trial in one line.
    pub detail: Rect,
    /// The keys.
    pub footer: Rect,
}

impl SearchAreas {
    /// Split `area`; `None` below [`MIN_SIZE`].
    pub fn compute(area: Rect) -> Option<SearchAreas> {
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            return None;
        }
        let body = area.height - 5;
        let list_width = (area.width * 2 / 5).clamp(40, 48);
        Some(SearchAreas {
            status: Rect { height: 3, ..area },
            list: Rect {
                y: area.y + 3,
                width: list_width,
                height: body,
                ..area
            },
            chart: Rect {
                x: area.x + list_width,
                y: area.y + 3,
                width: area.width - list_width,
                height: body,
            },
            detail: Rect {
                y: area.bottom() - 2,
                height: 1,
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

/// The search screen.
#[derive(Debug, Clone, Copy)]
pub struct SearchScreen<'a> {
    /// What to draw.
    pub state: &'a SearchState,
    /// Colours (or none).
    pub theme: Theme,
}

/// An end of a drawing range, 10 to the power `log10`, to three digits and as short as they
/// read: `1e-6`, `1e-2`, `3.5e-4`, `0.5`, `1`.
fn end(log10: f64) -> String {
    crate::i18n::format::flag_value(10f64.powf(log10))
}

/// An accuracy as the text output writes it: `0.9582`.
fn acc(v: f64) -> String {
    format!("{v:.4}")
}

/// The glyph and style of the trial at `rank`, when its curve is drawn: the best [`BEST`] have
/// their own, the picked one below them the next.
fn mark(rank: usize, picked: Option<usize>, theme: Theme) -> Option<(&'static str, Style)> {
    if rank < BEST {
        Some((glyph(rank), theme.class_point(rank)))
    } else if picked == Some(rank) {
        Some((glyph(BEST), theme.class_point(BEST)))
    } else {
        None
    }
}

/// A row `width` wide: `line`, cut with `…` when longer.
fn put(line: Line<'static>, area: Rect, y: u16, buf: &mut Buffer) {
    if y < area.bottom() {
        crate::tui::ui::fit_line(line, usize::from(area.width)).render(
            Rect {
                y,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

impl SearchScreen<'_> {
    fn status(&self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.state, self.theme);
        let (trials, epochs) = (s.spec.trials, s.spec.epochs);
        let done = s.ranked.len();
        let total = trials.saturating_mul(epochs).max(1);
        let line = match &s.run {
            SearchRun::Running => t!(
                "srchui-status-running",
                done = done,
                trials = trials,
                epochs_done = s.epochs_done,
                epochs = total,
                percent = format!("{:.1}", 100.0 * s.epochs_done as f64 / total as f64)
            ),
            SearchRun::Cancelling => t!("srchui-status-cancelling", done = done, trials = trials),
            SearchRun::Finished => {
                let best = s.ranked.first().map(|t| t.final_val_acc);
                match lr_to_search(best, s.classes, s.preset_lr, s.spec.lr) {
                    Some((lo, hi)) => t!(
                        "srchui-status-chance",
                        lo = flag_value(lo),
                        hi = flag_value(hi),
                        lr = flag_value(s.preset_lr)
                    ),
                    None => t!("srchui-status-finished", trials = trials, epochs = epochs),
                }
            }
            SearchRun::Cancelled => t!("srchui-status-cancelled", done = done, trials = trials),
            SearchRun::Failed(why) => t!("srchui-status-failed", error = why.as_str()),
        };
        let style = match s.run {
            SearchRun::Failed(_) => theme.error(),
            _ => theme.title(),
        };
        put(Line::styled(line, style), area, area.y, buf);
        let about = t!(
            "srchui-about",
            preset = s.preset.as_str(),
            title = s.title.as_str(),
            data = s.data.as_str(),
            train = s.train_rows,
            validation = s.validation,
            seed = s.seed
        );
        put(Line::styled(about, theme.dim()), area, area.y + 1, buf);
        let (lr, wd) = (s.spec.lr, s.spec.weight_decay);
        let ranges = t!(
            "srchui-ranges",
            lr_lo = end(lr.lo),
            lr_hi = end(lr.hi),
            wd_lo = end(wd.lo),
            wd_hi = end(wd.hi),
            epochs = epochs
        );
        put(Line::styled(ranges, theme.dim()), area, area.y + 2, buf);
    }

    fn list(&self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.state, self.theme);
        let block = chart_block(theme, format!(" {} ", t!("srchui-list-title")));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 {
            return;
        }
        let head = format!(
            "   {} {} {}  {}",
            pad(&t!("srchui-col-rank"), 4),
            pad(&t!("srchui-col-val-acc"), 8),
            pad(&t!("srchui-col-lr"), 7),
            t!("srchui-col-weight-decay")
        );
        put(Line::styled(head, theme.dim()), inner, inner.y, buf);
        if s.ranked.is_empty() {
            let note = t!("srchui-no-trials");
            put(
                Line::styled(format!(" {note}"), theme.dim()),
                inner,
                inner.y + 1,
                buf,
            );
            return;
        }
        let picked = s.picked_rank();
        let rows = usize::from(inner.height - 1).max(1);
        let first = picked.map_or(0, |p| (p + 1).saturating_sub(rows));
        for (row, (rank, trial)) in s
            .ranked
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .enumerate()
        {
            let is_picked = picked == Some(rank);
            let (g, style) = mark(rank, picked, theme).unwrap_or((" ", theme.text()));
            let text = format!(
                "{:<4} {:<8} {:<7}  {}",
                rank + 1,
                acc(trial.final_val_acc),
                sci(trial.lr),
                sci(trial.weight_decay)
            );
            let line = Line::from(vec![
                Span::styled(if is_picked { "▸" } else { " " }, theme.key()),
                Span::styled(g, style),
                Span::raw(" "),
                Span::styled(
                    text,
                    if is_picked {
                        theme.title()
                    } else {
                        theme.text()
                    },
                ),
            ]);
            put(line, inner, inner.y + 1 + row as u16, buf);
        }
    }

    fn chart(&self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.state, self.theme);
        let title = match BEST.min(s.ranked.len()) {
            0 => t!("srchui-chart-title-empty"),
            best => t!("srchui-chart-title", best = best),
        };
        let block = chart_block(theme, format!(" {title} "));
        let inner = block.inner(area);
        block.render(area, buf);
        if s.ranked.is_empty() {
            put(
                Line::styled(format!(" {}", t!("srchui-no-curves")), theme.dim()),
                inner,
                inner.y,
                buf,
            );
            return;
        }
        let epochs = s.spec.epochs;
        let labels = ["0".to_string(), "0.5".to_string(), "1.0".to_string()];
        let x_word = t!("srchui-axis-epoch");
        let Some(plot) = Plot::draw_axes(inner, 1.0, labels, (&x_word, epochs), theme, buf) else {
            return;
        };
        let span = epochs as f64;
        // a trial's curve: its accuracy at each epoch, then the final one at the right end
        let curve =
            |values: &[f64], last: Option<f64>, (g, style): (&str, Style), buf: &mut Buffer| {
                for (k, v) in values.iter().enumerate() {
                    plot.point(k as f64, span, *v, g, style, buf);
                }
                if let Some(v) = last {
                    plot.point(span, span, v, g, style, buf);
                }
            };
        let picked = s.picked_rank();
        if let Some(t) = picked.and_then(|p| s.ranked.get(p)) {
            curve(&t.train_acc, None, (TRAIN_GLYPH, theme.dim()), buf);
        }
        let mut order: Vec<usize> = (0..BEST.min(s.ranked.len())).rev().collect();
        order.extend(picked);
        for rank in order {
            let (Some(t), Some(look)) = (s.ranked.get(rank), mark(rank, picked, theme)) else {
                continue;
            };
            curve(&t.val_acc, Some(t.final_val_acc), look, buf);
        }
    }

    fn detail(&self, area: Rect, buf: &mut Buffer) {
        let (s, theme) = (self.state, self.theme);
        let Some((rank, t)) = s
            .picked_rank()
            .and_then(|r| s.ranked.get(r).map(|t| (r, t)))
        else {
            return;
        };
        let glyph = mark(rank, Some(rank), theme).map_or("", |(g, _)| g);
        let line = t!(
            "srchui-detail",
            rank = rank + 1,
            trial = t.index + 1,
            lr = sci(t.lr),
            decay = sci(t.weight_decay),
            glyph = glyph,
            dots = TRAIN_GLYPH
        );
        put(
            Line::styled(truncate(&line, usize::from(area.width)), theme.text()),
            area,
            area.y,
            buf,
        );
    }
}

impl Widget for SearchScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(areas) = SearchAreas::compute(area) else {
            super::too_small(area, MIN_SIZE, buf);
            return;
        };
        self.status(areas.status, buf);
        self.list(areas.list, buf);
        self.chart(areas.chart, buf);
        self.detail(areas.detail, buf);
    }
}
