//! The explanation line: the step's note with the learner's numbers — what `dout` is here, and
//! which forward step cached the value a backward step reads.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::app::App;

/// Draw the note, wrapped over the area's rows, with the cached reads spelled out.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let Some(step) = app.current() else {
        return;
    };
    let cached: Vec<String> = step
        .reads
        .iter()
        .filter_map(|r| {
            r.cached_at
                .map(|s| format!("{} ← forward step {}", r.name, s + 1))
        })
        .collect();
    let mut spans = vec![
        Span::styled(" ℹ ", theme.key()),
        Span::raw(step.note.clone()),
    ];
    if !cached.is_empty() && !step.note.contains("cached at") {
        spans.push(Span::styled(
            format!("  (cached: {})", cached.join(", ")),
            theme.dim(),
        ));
    }
    Paragraph::new(Line::from(spans))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
