//! The training screen's two status lines: what is training and where it stands.
//!
//! Line 1: run state, iteration, speed, elapsed time, then the preset's title and name. Line 2:
//! optimizer and learning rate (the keys change them), batch, seed, data set, then the last loss
//! and the last epoch's accuracies. The state, iteration, loss and accuracies always stay whole:
//! on a narrow terminal the other fields give way from the least useful (the preset's name, the
//! data set), and a row that lost any ends with `…`.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{RunState, TrainView, percent};
use crate::engine::optim::OptimizerKind;
use crate::i18n::format::short;
use crate::report::train::batch_words;
use crate::t;
use crate::tui::text;
use crate::tui::theme::Theme;

/// The status header of the training screen.
#[derive(Debug, Clone, Copy)]
pub struct StatusLines<'a> {
    /// What to show.
    pub view: &'a TrainView,
    /// Colours.
    pub theme: Theme,
}

/// The run state as a badge: `▶ running`, `‖ paused`, `■ finished`, `✗ failed`.
pub fn badge(state: &RunState) -> String {
    match state {
        RunState::Running => t!("train-state-running"),
        RunState::Paused => t!("train-state-paused"),
        RunState::Finished => t!("train-state-finished"),
        RunState::Failed(_) => t!("train-state-failed"),
    }
}

/// The optimizer as the book's class names it (`SGD`, `Momentum`, `AdaGrad`, `Adam`); a name
/// that is none of them as it is.
pub fn optimizer_name(keyword: &str) -> String {
    match OptimizerKind::parse(keyword) {
        Some(OptimizerKind::Sgd) => "SGD",
        Some(OptimizerKind::Momentum) => "Momentum",
        Some(OptimizerKind::AdaGrad) => "AdaGrad",
        Some(OptimizerKind::Adam) => "Adam",
        None => keyword,
    }
    .to_string()
}

/// `mm:ss.t` (or `h:mm:ss` past an hour).
pub fn clock(d: Duration) -> String {
    let tenths = d.as_millis() / 100;
    let secs = tenths / 10;
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{:02}:{:02}.{}", secs / 60, secs % 60, tenths % 10)
    }
}

/// Iterations per second: running, the current speed; paused or finished, the run's average
/// (`avg`), or `–` before anything has run.
fn speed(v: &TrainView) -> String {
    let measured = speed_measured(v);
    match v.speed {
        Some(limit) => t!(
            "train-speed-limit",
            measured = measured,
            limit = limit.to_string()
        ),
        None => measured,
    }
}

fn speed_measured(v: &TrainView) -> String {
    match v.state {
        RunState::Running => t!("train-speed", rate = format!("{:>6.0}", v.per_second)),
        _ if v.per_second > 0.0 => {
            t!("train-speed-avg", rate = format!("{:>6.0}", v.per_second))
        }
        _ => t!("train-speed", rate = format!("{:>6}", "–")),
    }
}

/// `spiral 240 train / 60 test`: the data set (its preset keyword) and its rows.
pub fn data_words(v: &TrainView) -> String {
    t!(
        "train-data",
        data = v.data.as_str(),
        train = v.train_rows.to_string(),
        test = v.test_rows.to_string()
    )
}

/// `loss 0.2135`: the last recorded loss.
pub fn loss_words(loss: f64) -> String {
    t!("train-loss", loss = format!("{loss:.4}"))
}

/// `train  97.5 %`: accuracy on the training rows.
pub fn train_words(accuracy: f64) -> String {
    t!("train-acc-train", acc = percent(accuracy))
}

/// `test  95.0 %`: accuracy on the test rows.
pub fn test_words(accuracy: f64) -> String {
    t!("train-acc-test", acc = percent(accuracy))
}

/// One piece of a status line: its text and style, and whether it must stay whole.
struct Field {
    span: Span<'static>,
    /// The state, iteration, loss, accuracies and a failure's message: never dropped.
    keep: bool,
    /// May be cut short with `…` (the title) rather than dropped whole.
    shrinks: bool,
}

fn keep(text: String, style: ratatui::style::Style) -> Field {
    Field {
        span: Span::styled(text, style),
        keep: true,
        shrinks: false,
    }
}

fn optional(text: String, style: ratatui::style::Style) -> Field {
    Field {
        span: Span::styled(text, style),
        keep: false,
        shrinks: false,
    }
}

/// The fields that fit in `width` columns, in their order. The ones kept always show; the
/// others follow in order while they fit, and the first that does not is cut with `…` (a field
/// that shrinks) or dropped, leaving a ` …` where it was; every optional field after it goes too.
fn fit(fields: Vec<Field>, width: usize) -> Line<'static> {
    let total: usize = fields.iter().map(|f| text::width(&f.span.content)).sum();
    if total <= width {
        return Line::from(fields.into_iter().map(|f| f.span).collect::<Vec<_>>());
    }
    let kept: usize = fields
        .iter()
        .filter(|f| f.keep)
        .map(|f| text::width(&f.span.content))
        .sum();
    // room for the optional fields, two columns of it for the ` …`
    let mut room = width.saturating_sub(kept + 2);
    let mut cut = false;
    let mut spans = Vec::new();
    for f in fields {
        let w = text::width(&f.span.content);
        if f.keep {
            spans.push(f.span);
        } else if cut {
            continue;
        } else if w <= room {
            room -= w;
            spans.push(f.span);
        } else {
            cut = true;
            // a shrinking field keeps what fits; any other leaves only the mark
            let short = if f.shrinks && room >= 4 {
                // always shorter than the field, so it always ends with `…`
                text::truncate(f.span.content.trim_end(), (room + 2).min(w - 1))
            } else {
                // spaced off, so `batch 100 …` does not read as a number cut short
                " …".to_string()
            };
            spans.push(Span::styled(short, f.span.style));
        }
    }
    Line::from(spans)
}

impl Widget for StatusLines<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (v, theme) = (self.view, self.theme);
        let state_style = match v.state {
            RunState::Running => theme.ok(),
            RunState::Failed(_) => theme.error(),
            _ => theme.key(),
        };
        let plain = ratatui::style::Style::default();
        let first = vec![
            keep(format!(" {}", badge(&v.state)), state_style),
            keep(
                format!(
                    "  {}",
                    t!(
                        "train-iteration",
                        i = v.iteration.to_string(),
                        n = v.iters.to_string()
                    )
                ),
                plain,
            ),
            optional(format!("  {}", speed(v)), plain),
            optional(
                format!("  {}", t!("train-elapsed", clock = clock(v.elapsed))),
                plain,
            ),
            Field {
                span: Span::styled(format!("  {}", v.title), theme.title()),
                keep: false,
                shrinks: true,
            },
            optional(format!(" ({})", v.preset), theme.dim()),
        ];
        let mut second = vec![
            optional(
                format!(
                    " {}",
                    t!(
                        "train-lr",
                        optimizer = optimizer_name(&v.optimizer),
                        lr = short(v.lr)
                    )
                ),
                theme.formula(),
            ),
            optional(
                format!(
                    " · {}",
                    t!("train-batch", batch = batch_words(v.batch, v.train_rows))
                ),
                theme.dim(),
            ),
            optional(
                format!(" · {}", t!("train-seed", seed = v.seed.to_string())),
                theme.dim(),
            ),
            optional(format!(" · {}", data_words(v)), theme.dim()),
            keep("   ".into(), plain),
        ];
        if let RunState::Failed(message) = &v.state {
            let room = (area.width as usize).saturating_sub(4);
            second.push(keep(text::truncate(message, room), theme.error()));
        } else {
            if let Some(loss) = v.losses.last() {
                second.push(keep(format!("{}  ", loss_words(*loss)), plain));
            }
            if let Some(last) = &v.final_eval {
                second.push(keep(
                    format!("{} {}", last.label(), train_words(last.train_acc)),
                    plain,
                ));
                if let Some(test) = last.test_acc {
                    second.push(keep(format!("  {}", test_words(test)), plain));
                }
            } else if let Some(e) = v.epochs.last() {
                second.push(keep(train_words(e.train_acc), plain));
                if let Some(test) = e.test_acc {
                    second.push(keep(format!("  {}", test_words(test)), plain));
                }
            }
        }
        let width = area.width as usize;
        fit(first, width).render(Rect { height: 1, ..area }, buf);
        if area.height > 1 {
            fit(second, width).render(
                Rect {
                    y: area.y + 1,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::tui::ui::train::EpochPoint;

    #[test]
    fn clock_counts_minutes_and_tenths() {
        assert_eq!(clock(Duration::from_millis(4_150)), "00:04.1");
        assert_eq!(clock(Duration::from_millis(125_990)), "02:05.9");
        assert_eq!(clock(Duration::from_secs(3_725)), "1:02:05");
    }

    #[test]
    fn lines_show_state_iteration_and_accuracy() {
        let view = TrainView {
            title: "Spiral".into(),
            preset: "train-spiral".into(),
            data: "spiral".into(),
            train_rows: 240,
            test_rows: 60,
            state: RunState::Paused,
            iteration: 1234,
            iters: 10000,
            batch: 100,
            per_second: 812.4,
            elapsed: Duration::from_millis(1_520),
            optimizer: "sgd".into(),
            lr: 1.0,
            seed: 7,
            losses: vec![1.1, 0.21346],
            epochs: vec![EpochPoint {
                iter: 1233,
                train_acc: 0.975,
                test_acc: Some(0.95),
            }],
            ..TrainView::default()
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 120, 2));
        StatusLines {
            view: &view,
            theme: Theme { colour: false },
        }
        .render(buf.area, &mut buf);
        let text: Vec<String> = (0..2)
            .map(|y| {
                (0..120)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect();
        assert_eq!(
            text[0],
            " ‖ paused  iteration 1234/10000     812 it/s avg  elapsed 00:01.5  Spiral (train-spiral)"
        );
        // nothing run yet: no speed to show
        let fresh = TrainView {
            per_second: 0.0,
            ..view.clone()
        };
        assert_eq!(speed(&fresh), "     – it/s");
        // running, the speed is the current one
        let running = TrainView {
            state: RunState::Running,
            ..view.clone()
        };
        let theme = Theme { colour: false };
        let line = super::super::drawn_rows(
            StatusLines {
                view: &running,
                theme,
            },
            120,
            1,
        );
        assert_eq!(
            line[0].trim_end(),
            " ▶ running  iteration 1234/10000     812 it/s  elapsed 00:01.5  Spiral (train-spiral)"
        );
        assert_eq!(
            text[1],
            " SGD lr 1 · batch 100 · seed 7 · spiral 240 train / 60 test   loss 0.2135  train  97.5 %  test  95.0 %"
        );
    }

    #[test]
    fn the_badge_is_green_running_red_failed_and_cyan_otherwise_and_one_row_stays_one_row() {
        let theme = Theme { colour: true };
        let colour_of = |state: RunState| {
            let view = TrainView {
                state,
                ..TrainView::default()
            };
            let mut buf = Buffer::empty(Rect::new(0, 0, 60, 3));
            StatusLines { view: &view, theme }.render(Rect::new(0, 0, 60, 1), &mut buf);
            // one row given, one row drawn: the second line needs a second row
            let below: String = (0..60).map(|x| buf[(x, 1)].symbol()).collect();
            assert_eq!(below.trim(), "", "drawn below its area: {below}");
            buf[(1, 0)].fg
        };
        assert_eq!(colour_of(RunState::Running), theme.ok().fg.unwrap());
        assert_eq!(
            colour_of(RunState::Failed("NaN".into())),
            theme.error().fg.unwrap()
        );
        assert_eq!(colour_of(RunState::Paused), theme.key().fg.unwrap());
        assert_eq!(colour_of(RunState::Finished), theme.key().fg.unwrap());
    }
}
