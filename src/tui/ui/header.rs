//! The header: preset title, phase, step k / N, layer, and the op's label and formula.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::engine::Phase;
use crate::tui::app::App;
use crate::tui::text::{truncate, width};

/// Draw the two header rows.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let Some(step) = app.current() else {
        Line::from("there are no recorded steps").render(area, buf);
        return;
    };
    let backward = step.phase == Phase::Backward;
    let phase = match step.phase {
        Phase::Forward => "▶ Forward",
        Phase::Backward => "◀ Backward",
        Phase::Update => "● Update",
    };
    // The phase, `step k/N` and the layer always show: the title (then the name) gives way,
    // cut with `…` by display width.
    let progress = vec![
        Span::styled(phase, theme.phase(backward)),
        Span::raw(format!(
            "  step {}/{}",
            app.step() + 1,
            app.run().tape.len()
        )),
        Span::raw("  layer "),
        Span::styled(step.layer_name.clone(), theme.title()),
    ];
    let fixed: usize = progress.iter().map(|s| width(&s.content)).sum();
    let room = (area.width as usize).saturating_sub(fixed + 2);
    let name = format!("({})", app.preset().name);
    let title = app.preset().title.as_str();
    let (title, name) = if width(title) + width(&name) + 2 <= room {
        (title.to_string(), name)
    } else if width(title) < room {
        (title.to_string(), String::new())
    } else {
        (truncate(title, room.saturating_sub(1)), String::new())
    };
    let mut first = Line::from(vec![Span::styled(format!(" {title} "), theme.title())]);
    if !name.is_empty() {
        first.push_span(Span::styled(name, theme.dim()));
        first.push_span(Span::raw(" "));
    }
    first.push_span(Span::raw(" "));
    for span in progress {
        first.push_span(span);
    }
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
