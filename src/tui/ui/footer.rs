//! The footer: the main keys, generated from the keymap. When the line is too narrow, the least
//! needed entries go first; `? help` and `q quit` always stay. A status message (an export, a
//! refusal) takes the line until the next key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::i18n;
use crate::tui::app::App;
use crate::tui::keymap::footer_ids;
use crate::tui::text::width;

/// Footer labels in the order they are dropped when the line is too narrow.
const DROP_ORDER: [&str; 15] = [
    "keys-short-backward",
    "keys-short-cell",
    "keys-short-export",
    "keys-short-shapes",
    "keys-short-jacobian",
    "keys-short-pane",
    "keys-short-presets",
    "keys-short-edit",
    "keys-short-check",
    "keys-short-quiz",
    "keys-short-nudge",
    "keys-short-explain",
    "keys-short-restart",
    "keys-short-optimizer",
    "keys-short-speed",
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
    let mut items: Vec<(String, &str, String)> = footer_ids(app.context())
        .into_iter()
        .map(|(keys, id)| (keys, id, i18n::render(id, &[])))
        .collect();
    let total = |items: &[(String, &str, String)]| {
        items
            .iter()
            .map(|(k, _, l)| width(k) + width(l) + 3)
            .sum::<usize>()
            + 1
    };
    for drop in DROP_ORDER {
        if total(&items) <= area.width as usize {
            break;
        }
        items.retain(|(_, id, _)| *id != drop);
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, _, label) in items {
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::styled(format!(" {label}  "), theme.dim()));
    }
    Line::from(spans).render(area, buf);
}
