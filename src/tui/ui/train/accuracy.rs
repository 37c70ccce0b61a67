//! Train and test accuracy at each epoch boundary, as a ratatui `Chart` from 0 to 100 %.
//!
//! The two lines differ in marker as well as colour (braille for train, `•` for test), so they
//! stay apart under `NO_COLOR`; the title carries the latest values.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, LegendPosition, Widget};

use super::TrainView;
use super::loss::{chart_block, render_empty};
use super::status::{test_words, train_words};
use crate::t;
use crate::tui::text;
use crate::tui::theme::Theme;

/// The accuracy chart of the training screen.
#[derive(Debug, Clone, Copy)]
pub struct AccuracyChart<'a> {
    /// What to show.
    pub view: &'a TrainView,
    /// Colours.
    pub theme: Theme,
}

/// ` train  97.5 % · test  95.0 %` (the test part only with a test set).
fn accuracies(train: f64, test: Option<f64>) -> String {
    match test {
        Some(test) => format!("{} · {}", train_words(train), test_words(test)),
        None => train_words(train),
    }
}

/// The chart's title in `width` columns: finished, the final evaluation (the whole sets after
/// the last iteration, which the last epoch's numbers may not be) labelled with its iteration;
/// else the last epoch's accuracies. Words are dropped, longest form first, until it fits.
fn title(v: &TrainView, width: usize) -> String {
    let per_epoch = t!("train-accuracy-title");
    let candidates = match (&v.final_eval, v.epochs.last()) {
        (Some(last), _) => {
            let numbers = accuracies(last.train_acc, last.test_acc);
            let one_place = |acc: f64| format!("{:.1} %", acc * 100.0);
            let short_test = last.test_acc.map_or(String::new(), |t| {
                format!(" {}", t!("train-acc-test", acc = one_place(t)))
            });
            vec![
                format!(" {per_epoch} · {} · {numbers} ", last.label()),
                format!(" {} · {numbers} ", last.label()),
                format!(
                    " {} {}{short_test} ",
                    t!("train-final-at", n = last.iterations.to_string()),
                    t!("train-acc-train", acc = one_place(last.train_acc)),
                ),
            ]
        }
        (None, Some(e)) => {
            let numbers = accuracies(e.train_acc, e.test_acc);
            vec![format!(" {per_epoch} · {numbers} "), format!(" {numbers} ")]
        }
        (None, None) => vec![format!(" {per_epoch} ")],
    };
    let fits = |t: &String| text::width(t) + 2 <= width;
    candidates
        .iter()
        .find(|t| fits(t))
        .or(candidates.last())
        .cloned()
        .unwrap_or_default()
}

impl Widget for AccuracyChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (v, theme) = (self.view, self.theme);
        let title = title(v, usize::from(area.width));
        let block = chart_block(theme, title);
        if v.epochs.is_empty() {
            let text = format!(" {}", t!("train-accuracy-empty"));
            render_empty(block, text, theme, area, buf);
            return;
        }
        // the final evaluation ends both lines, after the last iteration
        let points: Vec<(usize, f64, Option<f64>)> = v
            .epochs
            .iter()
            .map(|e| (e.iter, e.train_acc, e.test_acc))
            .chain(
                v.final_eval
                    .map(|f| (f.iterations.saturating_sub(1), f.train_acc, f.test_acc)),
            )
            .collect();
        let train: Vec<(f64, f64)> = points.iter().map(|p| (p.0 as f64, p.1)).collect();
        let test: Vec<(f64, f64)> = points
            .iter()
            .filter_map(|p| p.2.map(|a| (p.0 as f64, a)))
            .collect();
        let last = v.iteration.saturating_sub(1).max(1) as f64;
        let mut datasets = vec![
            Dataset::default()
                .name(format!("⣀ {}", t!("train-legend-train")))
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.ok())
                .data(&train),
        ];
        if !test.is_empty() {
            datasets.push(
                Dataset::default()
                    .name(format!("• {}", t!("train-legend-test")))
                    .marker(Marker::Dot)
                    .graph_type(GraphType::Line)
                    .style(theme.formula())
                    .data(&test),
            );
        }
        Chart::new(datasets)
            .block(block)
            .legend_position(Some(LegendPosition::BottomRight))
            .hidden_legend_constraints((
                ratatui::layout::Constraint::Percentage(50),
                ratatui::layout::Constraint::Percentage(60),
            ))
            .x_axis(super::loss::iteration_axis(theme, last, area.width))
            .y_axis(
                Axis::default()
                    .style(theme.dim())
                    .bounds([0.0, 1.0])
                    .labels(["0 %", "50 %", "100 %"]),
            )
            .render(area, buf);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::tui::ui::train::EpochPoint;

    #[test]
    fn title_legend_and_both_markers() {
        let view = TrainView {
            iteration: 30,
            epochs: (0..10)
                .map(|i| EpochPoint {
                    iter: i * 3,
                    train_acc: 0.3 + 0.07 * i as f64,
                    test_acc: Some(0.25 + 0.07 * i as f64),
                })
                .collect(),
            ..TrainView::default()
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 60, 14));
        AccuracyChart {
            view: &view,
            theme: Theme { colour: false },
        }
        .render(buf.area, &mut buf);
        let all: String = (0..14)
            .map(|y| (0..60).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
            .collect();
        assert!(
            all.contains("accuracy per epoch · train  93.0 % · test  88.0 %"),
            "{all}"
        );
        assert!(all.contains("⣀ train"), "{all}");
        assert!(all.contains("• test"), "{all}");
        assert!(all.contains("100 %"));
        assert!(
            all.matches('•').count() > 3,
            "the test line is drawn in dots"
        );
    }

    /// The chart of `view` drawn `width` columns wide, row by row.
    fn chart(view: &TrainView, width: u16) -> Vec<String> {
        let theme = Theme { colour: false };
        super::super::drawn_rows(AccuracyChart { view, theme }, width, 8)
    }

    /// The chart's first row at `width` columns.
    fn title_row(view: &TrainView, width: u16) -> String {
        chart(view, width).swap_remove(0)
    }

    #[test]
    fn the_title_drops_its_words_only_when_they_do_not_fit() {
        let view = TrainView {
            epochs: vec![EpochPoint {
                iter: 0,
                train_acc: 0.5,
                test_acc: Some(0.25),
            }],
            ..TrainView::default()
        };
        let full = " accuracy per epoch · train  50.0 % · test  25.0 % ";
        let fits = full.chars().count() as u16 + 2;
        assert_eq!(title_row(&view, fits), format!("┌{full}┐"));
        assert_eq!(
            title_row(&view, fits - 1),
            format!("┌ train  50.0 % · test  25.0 % {}┐", "─".repeat(20))
        );
        // nothing measured yet: the box says when it will be
        let empty = chart(&TrainView::default(), 60);
        assert!(
            empty[0].starts_with("┌ accuracy per epoch ─"),
            "{}",
            empty[0]
        );
        assert!(
            empty[1].starts_with("│ measured after iteration 0 and each epoch"),
            "{}",
            empty[1]
        );
    }
}
