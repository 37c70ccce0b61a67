//! The explanation line: the step's note with the learner's numbers — what `dout` is here, and
//! which forward step cached the value a backward step reads — and under it the NumPy line that
//! does the same thing in the book's names. While a quiz question is open the note (which may
//! give the answer away) waits for the reveal.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::engine::aids::numpy_line;
use crate::tui::app::{App, Mode};

/// Draw the note, wrapped over the area's rows, with the cached reads spelled out.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let Some(step) = app.current() else {
        return;
    };
    if matches!(app.mode, Mode::Quiz(_)) {
        Line::from(vec![
            Span::styled(" ℹ ", theme.key()),
            Span::styled(
                "the note on this step is shown once you have answered",
                theme.dim(),
            ),
        ])
        .render(area, buf);
        return;
    }
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

/// Draw `numpy › <line>`: the NumPy that does what this step does (`N` hides it).
pub fn render_numpy(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let Some(step) = app.current() else {
        return;
    };
    Line::from(vec![
        Span::styled(" numpy › ", app.theme.key()),
        Span::styled(numpy_line(step), app.theme.formula()),
    ])
    .render(area, buf);
}
