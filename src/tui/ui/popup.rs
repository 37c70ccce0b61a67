//! The popups: help (generated from the keymap), a cell's explanation, the preset picker, the
//! edit and path prompts, and errors.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::tui::app::{App, PickerEntry, Prompt};
use crate::tui::keymap::{BINDINGS, MOUSE_HELP, PROMPT_BINDINGS, keys_label};

/// A centred rectangle of at most `width`×`height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clear `rect` and draw a bordered box titled `title` with `lines` in it.
fn boxed(rect: Rect, title: &str, lines: Vec<Line<'_>>, style: Style, buf: &mut Buffer) {
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_style(style)
        .title(Line::styled(format!(" {title} "), style));
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(rect, buf);
}

/// Every key, grouped, from the keymap tables.
pub fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let mut lines = Vec::new();
    let mut group = "";
    for b in BINDINGS.iter().chain(PROMPT_BINDINGS) {
        if b.group != group {
            group = b.group;
            lines.push(Line::styled(group, theme.title()));
        }
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<16}", keys_label(b)), theme.key()),
            Span::raw(b.help),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("  {:<16}", "mouse"), theme.key()),
        Span::raw(MOUSE_HELP),
    ]));
    let height = lines.len() as u16 + 2;
    boxed(
        centered(area, 96, height),
        "keys — ? or Esc to close",
        lines,
        theme.border_focused(),
        buf,
    );
}

/// The explanation of one cell.
pub fn explain(app: &App, title: &str, text: &[String], area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let mut lines: Vec<Line<'_>> = text
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 1 {
                Line::styled(l.clone(), theme.formula())
            } else {
                Line::raw(l.clone())
            }
        })
        .collect();
    lines.push(Line::styled("Enter or Esc to close", theme.dim()));
    let width = area.width.saturating_sub(8).min(110);
    let wrapped: u16 = text
        .iter()
        .map(|l| (l.chars().count() as u16 / width.saturating_sub(2).max(1)) + 1)
        .sum();
    boxed(
        centered(area, width, wrapped + 3),
        title,
        lines,
        theme.border_focused(),
        buf,
    );
}

/// The preset picker.
pub fn picker(app: &App, entries: &[PickerEntry], selected: usize, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let mut lines = vec![Line::styled(
        "↑/↓ choose · Enter load · Esc cancel",
        theme.dim(),
    )];
    for (i, e) in entries.iter().enumerate() {
        let marker = if i == selected { "▶ " } else { "  " };
        let style = if i == selected {
            theme.cursor()
        } else {
            theme.text()
        };
        let line = match e {
            PickerEntry::Builtin { name, summary } => Line::from(vec![
                Span::styled(format!("{marker}{name:<14}"), style.patch(theme.key())),
                Span::styled(summary.clone(), style),
            ]),
            PickerEntry::File(path) => Line::from(vec![
                Span::styled(
                    format!("{marker}{:<14}", path.display()),
                    style.patch(theme.key()),
                ),
                Span::styled("file in the current directory", style),
            ]),
            PickerEntry::TypePath => Line::styled(format!("{marker}type a path…"), style),
        };
        lines.push(line);
    }
    let height = lines.len() as u16 + 2;
    boxed(
        centered(area, 100, height),
        "presets",
        lines,
        theme.border_focused(),
        buf,
    );
}

/// A text prompt.
pub fn prompt(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let lines = vec![
        Line::raw(prompt.label.clone()),
        Line::from(vec![
            Span::styled("> ", theme.key()),
            Span::raw(prompt.input.clone()),
            Span::styled("▏", theme.key()),
        ]),
        Line::styled("Enter apply · Esc cancel", theme.dim()),
    ];
    boxed(
        centered(area, 70, 5),
        "edit",
        lines,
        theme.border_focused(),
        buf,
    );
}

/// An error; the state behind it is unchanged.
pub fn error(app: &App, message: &str, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let mut lines: Vec<Line<'_>> = message.lines().map(|l| Line::raw(l.to_string())).collect();
    lines.push(Line::styled("Enter or Esc to close", theme.dim()));
    let width = area.width.saturating_sub(8).min(90);
    let rows: u16 = message
        .lines()
        .map(|l| l.chars().count() as u16 / width.saturating_sub(2).max(1) + 1)
        .sum();
    boxed(
        centered(area, width, rows + 3),
        "error",
        lines,
        theme.error(),
        buf,
    );
}
