//! The header: preset title, phase, step k / N, layer, and the op's label and formula.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::engine::Phase;
use crate::tui::app::App;

/// Draw the two header rows.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let Some(step) = app.current() else {
        Line::from("the tape is empty").render(area, buf);
        return;
    };
    let backward = step.phase == Phase::Backward;
    let phase = if backward {
        "◀ Backward"
    } else {
        "▶ Forward"
    };
    let first = Line::from(vec![
        Span::styled(format!(" {} ", app.preset().title), theme.title()),
        Span::styled(format!("({})", app.preset().name), theme.dim()),
        Span::raw("  "),
        Span::styled(phase, theme.phase(backward)),
        Span::raw(format!(
            "  step {}/{}",
            app.step() + 1,
            app.run().tape.len()
        )),
        Span::raw("  layer "),
        Span::styled(step.layer_name.clone(), theme.title()),
    ]);
    let mut first = first;
    if app.quiz().on || app.score().asked > 0 {
        let mode = if app.quiz().on { "quiz on" } else { "quiz off" };
        first.push_span(Span::styled(
            format!("   ? {mode} · {}", app.score()),
            theme.key(),
        ));
    }
    if let Some(n) = app.nudge() {
        first.push_span(Span::styled(
            format!("   Δ nudge {} by {:.0e}", n.target_name, n.h),
            theme.changed(),
        ));
    }
    let mut second = vec![
        Span::styled(" formula  ", theme.dim()),
        Span::styled(step.formula.clone(), theme.formula()),
    ];
    if step.label != step.formula {
        second.push(Span::styled(format!("   op  {}", step.label), theme.dim()));
    }
    let second = Line::from(second);
    first.render(Rect { height: 1, ..area }, buf);
    if area.height > 1 {
        second.render(
            Rect {
                y: area.y + 1,
                height: 1,
                ..area
            },
            buf,
        );
    }
}
