//! The header: preset title, phase, step k / N, layer, and the op's label and formula.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::engine::Phase;
use crate::t;
use crate::tui::app::App;
use crate::tui::text::{truncate, width};

/// Columns the title keeps before the quiz score and a nudge are cut.
const TITLE_MIN: usize = 8;

/// `spans` cut to `width` columns at the end: the span that crosses the edge ends with `…`,
/// and those after it go.
fn fit_end(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut used = 0;
    let mut out = Vec::new();
    for span in spans {
        let w = self::width(&span.content);
        if used + w <= width {
            used += w;
            out.push(span);
        } else {
            let cut = truncate(span.content.trim_end(), width - used);
            out.push(Span::styled(cut, span.style));
            break;
        }
    }
    out
}

/// Draw the two header rows.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let Some(step) = app.current() else {
        Line::from(t!("explorer-no-steps")).render(area, buf);
        return;
    };
    let backward = step.phase == Phase::Backward;
    let phase = match step.phase {
        Phase::Forward => format!("▶ {}", t!("explorer-phase-forward")),
        Phase::Backward => format!("◀ {}", t!("explorer-phase-backward")),
        Phase::Update => format!("● {}", t!("explorer-phase-update")),
    };
    // The phase, `step k/N` and the layer always show: the title (then the name) gives way,
    // cut with `…` by display width.
    let progress = vec![
        Span::styled(phase, theme.phase(backward)),
        Span::raw(format!(
            "  {}",
            t!(
                "explorer-header-step",
                k = app.step() + 1,
                n = app.run().tape.len()
            )
        )),
        Span::raw(format!("  {} ", t!("explorer-header-layer"))),
        Span::styled(step.layer_name.clone(), theme.title()),
    ];
    // The quiz score and a running nudge come after the layer: the title gives way to them down
    // to a few columns, then they are cut with `…` themselves.
    let mut extras = Vec::new();
    if app.quiz().on || app.score().asked > 0 {
        let mode = if app.quiz().on {
            t!("explorer-header-quiz-on")
        } else {
            t!("explorer-header-quiz-off")
        };
        extras.push(Span::styled(
            format!("   ? {mode} · {}", app.score()),
            theme.key(),
        ));
    }
    if let Some(n) = app.nudge() {
        extras.push(Span::styled(
            format!(
                "   Δ {}",
                t!(
                    "explorer-header-nudge",
                    target = n.target_name.as_str(),
                    h = format!("{:.0e}", n.h)
                )
            ),
            theme.changed(),
        ));
    }
    let fixed: usize = progress.iter().map(|s| width(&s.content)).sum();
    let extra: usize = extras.iter().map(|s| width(&s.content)).sum();
    let title = app.preset().title.as_str();
    let room = (area.width as usize)
        .saturating_sub(fixed + extra + 2)
        .max(TITLE_MIN.min(width(title)));
    let name = format!("({})", app.preset().name);
    let (title, name) = if width(title) + width(&name) + 2 <= room {
        (title.to_string(), name)
    } else if width(title) < room {
        (title.to_string(), String::new())
    } else {
        (truncate(title, room.saturating_sub(1)), String::new())
    };
    let mut first = vec![Span::styled(format!(" {title} "), theme.title())];
    if !name.is_empty() {
        first.push(Span::styled(name, theme.dim()));
        first.push(Span::raw(" "));
    }
    first.push(Span::raw(" "));
    first.extend(progress);
    first.extend(extras);
    let first = Line::from(fit_end(first, area.width as usize));
    let mut second = vec![
        Span::styled(format!(" {}  ", t!("explorer-header-formula")), theme.dim()),
        Span::styled(step.formula.clone(), theme.formula()),
    ];
    if step.label != step.formula {
        second.push(Span::styled(
            format!("   {}  {}", t!("explorer-header-op"), step.label),
            theme.dim(),
        ));
    }
    // a long formula or op label is cut with `…` at the edge, never unmarked
    let second = Line::from(fit_end(second, area.width as usize));
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn fit_end_cuts_the_span_at_the_edge_with_a_mark_and_drops_the_rest() {
        let spans = vec![
            Span::raw("step 1/9"),
            Span::raw("   ? quiz on · 2/3"),
            Span::raw("   Δ nudge Affine1 W[0,0] by 1e-4"),
        ];
        let text =
            |s: Vec<Span<'static>>| s.iter().map(|s| s.content.to_string()).collect::<String>();
        assert_eq!(text(fit_end(spans.clone(), 80)), text(spans.clone()));
        assert_eq!(text(fit_end(spans.clone(), 20)), "step 1/9   ? quiz o…");
        assert_eq!(
            text(fit_end(spans, 40)),
            "step 1/9   ? quiz on · 2/3   Δ nudge Af…"
        );
    }
}
