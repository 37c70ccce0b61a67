//! The footer: the main keys, generated from the keymap. When the line is too narrow, the least
//! needed entries go first; `? help` and `q quit` always stay. A status message (an export, a
//! refusal) takes the line until the next key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::app::App;
use crate::tui::keymap::footer;
use crate::tui::text::width;

/// Footer labels in the order they are dropped when the line is too narrow.
const DROP_ORDER: [&str; 14] = [
    "backward",
    "cell",
    "export",
    "shapes",
    "Jacobian",
    "pane",
    "presets",
    "edit",
    "check",
    "quiz",
    "nudge",
    "explain",
    "restart",
    "optimizer",
];

/// Draw `key label` pairs from the keymap's footer entries for the current context.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    if let Some(status) = app.status() {
        Line::from(vec![
            Span::styled(" ▸ ", theme.key()),
            Span::raw(status.to_string()),
        ])
        .render(area, buf);
        return;
    }
    let mut items = footer(app.context());
    let total = |items: &[(String, &str)]| {
        items
            .iter()
            .map(|(k, l)| width(k) + width(l) + 3)
            .sum::<usize>()
            + 1
    };
    for label in DROP_ORDER {
        if total(&items) <= area.width as usize {
            break;
        }
        items.retain(|(_, l)| *l != label);
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, label) in items {
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::styled(format!(" {label}  "), theme.dim()));
    }
    Line::from(spans).render(area, buf);
}
