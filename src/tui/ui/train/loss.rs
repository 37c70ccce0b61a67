//! The loss curve: the mini-batch loss of every iteration so far, as a ratatui `Chart`.
//!
//! Thousands of iterations do not fit a few dozen columns, so the losses are grouped per column
//! and each group's lowest and highest value is drawn (never a mean, which hides a spike); the x
//! axis is the iteration, the y axis starts at 0 and ends at a round number above the highest
//! loss.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Widget};

use super::TrainView;
use crate::i18n::format::short;
use crate::t;
use crate::tui::theme::Theme;

/// The loss chart of the training screen.
#[derive(Debug, Clone, Copy)]
pub struct LossChart<'a> {
    /// What to show.
    pub view: &'a TrainView,
    /// Colours.
    pub theme: Theme,
}

/// Split `values` into at most `buckets` consecutive groups and keep each group's lowest and
/// highest value at their own iterations (from 0), in the order they happened: a spike is
/// drawn at its full height, never averaged away, and the line runs through every extreme.
pub fn extremes(values: &[f64], buckets: usize) -> Vec<(f64, f64)> {
    // no more buckets than values, so each takes at least one (none when either is 0)
    let buckets = buckets.min(values.len());
    let mut points = Vec::with_capacity(2 * buckets);
    for b in 0..buckets {
        let start = b * values.len() / buckets;
        let end = (b + 1) * values.len() / buckets;
        let (mut lo, mut hi) = (start, start);
        for i in start..end {
            if values[i] < values[lo] {
                lo = i;
            }
            if values[i] > values[hi] {
                hi = i;
            }
        }
        let (first, second) = (lo.min(hi), lo.max(hi));
        points.push((first as f64, values[first]));
        if second != first {
            points.push((second as f64, values[second]));
        }
    }
    points
}

/// A round number at or above `v` (> 0): 1, 1.5, 2, 3, 5 or 7.5 times a power of ten.
pub fn nice_ceiling(v: f64) -> f64 {
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

/// The x axis's middle label: `iteration`, or `iter` when the chart is narrow or the word does
/// not fit the middle third of the plot (ratatui cuts a middle label at both ends: `イテレーション`
/// would read `テレーシ`).
pub fn iteration_label(width: u16) -> String {
    let full = t!("train-axis-iteration");
    // the plot is the chart less its borders and the y axis's labels
    let room = usize::from(width.saturating_sub(8)) / 3;
    if width >= 40 && crate::tui::text::width(&full) <= room {
        full
    } else {
        t!("train-axis-iter")
    }
}

/// The bordered block of a training chart, with its title.
pub fn chart_block(theme: Theme, title: String) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(title, theme.title()))
}

/// The block with a dim line in it, for a chart with nothing to plot yet.
pub fn render_empty(block: Block<'_>, text: String, theme: Theme, area: Rect, buf: &mut Buffer) {
    Paragraph::new(text)
        .style(theme.dim())
        .block(block)
        .render(area, buf);
}

/// The x axis of a training chart: iterations 0 to `last`, in a chart `width` columns wide.
pub fn iteration_axis(theme: Theme, last: f64, width: u16) -> Axis<'static> {
    Axis::default()
        .style(theme.dim())
        .bounds([0.0, last])
        .labels([
            "0".to_string(),
            iteration_label(width),
            format!("{}", last as usize),
        ])
}

impl Widget for LossChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (v, theme) = (self.view, self.theme);
        let title = match v.losses.last() {
            Some(loss) => format!(
                " {} ",
                t!("train-loss-title-last", loss = format!("{loss:.4}"))
            ),
            None => format!(" {} ", t!("train-loss-title")),
        };
        let block = chart_block(theme, title);
        if v.losses.is_empty() {
            let text = format!(" {}", t!("train-no-iterations"));
            render_empty(block, text, theme, area, buf);
            return;
        }
        let width = usize::from(area.width.saturating_sub(8));
        let points = extremes(&v.losses, width);
        let top = nice_ceiling(points.iter().map(|p| p.1).fold(0.0, f64::max));
        let last = v.losses.len().saturating_sub(1).max(1) as f64;
        let dataset = Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.formula())
            .data(&points);
        Chart::new(vec![dataset])
            .block(block)
            .x_axis(iteration_axis(theme, last, area.width))
            .y_axis(
                Axis::default()
                    .style(theme.dim())
                    .bounds([0.0, top])
                    .labels(["0".to_string(), short(top / 2.0), short(top)]),
            )
            .render(area, buf);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn extremes_keep_each_groups_lowest_and_highest_in_order() {
        assert_eq!(
            extremes(&[1.0, 3.0, 5.0, 7.0], 2),
            vec![(0.0, 1.0), (1.0, 3.0), (2.0, 5.0), (3.0, 7.0)]
        );
        // the highest first when it came first
        assert_eq!(extremes(&[4.0, 1.0, 2.0], 1), vec![(0.0, 4.0), (1.0, 1.0)]);
        // a group of equal values is one point
        assert_eq!(extremes(&[2.0, 2.0], 1), vec![(0.0, 2.0)]);
        assert_eq!(extremes(&[2.0, 4.0], 10), vec![(0.0, 2.0), (1.0, 4.0)]);
        assert!(extremes(&[], 3).is_empty());
        assert!(extremes(&[1.0, 2.0], 0).is_empty());
        // a spike of one iteration among 10,000 keeps its height and its iteration
        let mut losses = vec![0.1; 10_000];
        losses[6_580] = 5.8;
        let points = extremes(&losses, 32);
        assert!(points.contains(&(6_580.0, 5.8)), "{points:?}");
        assert!(points.len() <= 64);
    }

    #[test]
    fn a_spike_sets_the_axis_and_is_drawn_at_its_height() {
        // train-spiral at lr 1.0: 0.1 or so, then 5.80 at iteration 6,580
        let mut losses: Vec<f64> = (0..10_000)
            .map(|i| 0.1 + 0.9 / (1.0 + f64::from(i)))
            .collect();
        losses[6_580] = 5.8;
        let view = TrainView {
            losses,
            ..TrainView::default()
        };
        let rows = chart(&view, 12);
        // the axis tops at a round number above 5.8, not at 1
        assert!(rows[1].starts_with("│7.5"), "{rows:#?}");
        // the spike reaches the top quarter of the plot: braille in rows 1–3
        let top: String = rows[1..4].concat();
        assert!(
            top.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)),
            "{rows:#?}"
        );
    }

    #[test]
    fn nice_ceiling_rounds_up() {
        assert_eq!(nice_ceiling(1.0986), 1.5);
        assert_eq!(nice_ceiling(2.3), 3.0);
        assert_eq!(nice_ceiling(0.042), 0.05);
        assert_eq!(nice_ceiling(1.0), 1.0);
        assert_eq!(nice_ceiling(8.0), 10.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
    }

    /// The chart of `view` drawn 40 columns wide, row by row.
    fn chart(view: &TrainView, height: u16) -> Vec<String> {
        let theme = Theme { colour: false };
        super::super::drawn_rows(LossChart { view, theme }, 40, height)
    }

    #[test]
    fn draws_the_curve_and_axes() {
        let view = TrainView {
            losses: (0..100).map(|i| 1.0 - f64::from(i) / 200.0).collect(),
            ..TrainView::default()
        };
        let rows = chart(&view, 10);
        assert!(
            rows[0].contains("loss per iteration: 0.5050"),
            "{}",
            rows[0]
        );
        let all: String = rows.concat();
        assert!(all.contains("iteration"));
        assert!(all.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)));
        // top label 1 (the curve starts at 1.0), the last iteration 99
        assert!(all.contains("99"));
    }

    #[test]
    fn the_axis_label_fits_its_third_of_the_plot_in_every_language() {
        use crate::i18n::{Lang, scoped};
        assert_eq!(iteration_label(40), "iteration");
        assert_eq!(iteration_label(39), "iter");
        // イテレーション is 14 columns: the short word until the plot has room for it
        scoped(Lang::Ja, || {
            assert_eq!(iteration_label(40), "反復");
            assert_eq!(iteration_label(60), "イテレーション");
        });
        scoped(Lang::Zh, || assert_eq!(iteration_label(40), "迭代"));
    }

    #[test]
    fn no_losses_yet_says_so_in_the_box() {
        let rows = chart(&TrainView::default(), 5);
        assert!(rows[0].starts_with("┌ loss per iteration"), "{}", rows[0]);
        assert!(rows[1].starts_with("│ no iterations yet"), "{}", rows[1]);
    }
}
