//! The explanation line: the step's note with the learner's numbers — what `dout` is here, and
//! which forward step cached the value a backward step reads — and under it the NumPy line that
//! does the same thing in the book's names. While a quiz question is open the note (which may
//! give the answer away) waits for the reveal.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::text::{truncate, wrap_words};

use crate::lesson::aids::numpy_line;
use crate::tui::app::{App, Mode};

/// The note as one string: `ℹ` and the step's note (which already says which forward step
/// cached each cached read: the tape derives that sentence from the operands).
fn note_text(app: &App) -> String {
    let Some(step) = app.current() else {
        return String::new();
    };
    if matches!(app.mode(), Mode::Quiz(_)) {
        return format!("ℹ {}", crate::t!("views-note-after-answer"));
    }
    format!("ℹ {}", step.note)
}

/// Rows the note takes at `width` columns.
pub fn note_rows(app: &App, width: u16) -> usize {
    wrap_words(&note_text(app), (width as usize).max(1)).len()
}

/// Draw the note, wrapped over the area's rows.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let text = note_text(app);
    let mut lines = wrap_words(&text, (area.width as usize).max(1));
    // A note longer than its rows ends its last row with `…`, never mid-sentence unmarked.
    if lines.len() > area.height as usize && area.height > 0 {
        lines.truncate(area.height as usize);
        if let Some(last) = lines.last_mut() {
            *last = truncate(&format!("{last} …"), area.width as usize);
        }
    }
    for (k, line) in lines.into_iter().enumerate() {
        let spans = match line.strip_prefix("ℹ") {
            Some(rest) if k == 0 => {
                vec![Span::styled("ℹ", theme.key()), Span::raw(rest.to_string())]
            }
            _ => vec![Span::raw(line)],
        };
        Line::from(spans).render(
            Rect {
                y: area.y + k as u16,
                height: 1,
                ..area
            },
            buf,
        );
    }
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
        Span::styled(" numpy › ", app.theme().key()),
        Span::styled(numpy_line(step), app.theme().formula()),
    ])
    .render(area, buf);
}
