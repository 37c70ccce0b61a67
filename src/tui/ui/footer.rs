//! The footer: the main keys, generated from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::app::App;
use crate::tui::keymap::footer;

/// Draw `key label` pairs from the keymap's footer entries for the current context.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let mut spans = vec![Span::raw(" ")];
    for (key, label) in footer(app.context()) {
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::styled(format!(" {label}  "), theme.dim()));
    }
    Line::from(spans).render(area, buf);
}
