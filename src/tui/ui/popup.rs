//! The popups: help (generated from the keymap), a cell's explanation, the preset picker, the
//! edit and path prompts, a quiz answer, and errors.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::layout::wrap_words;
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

/// Width of the keys column of the help.
const HELP_KEYS: usize = 12;

/// The help's lines per group, wrapped to `width` columns with a hanging indent.
fn help_groups(app: &App, width: usize) -> Vec<Vec<Line<'static>>> {
    let theme = app.theme;
    let text_w = width.saturating_sub(HELP_KEYS + 4).max(10);
    let entry = |keys: String, help: &str| -> Vec<Line<'static>> {
        wrap_words(help, text_w)
            .into_iter()
            .enumerate()
            .map(|(k, piece)| {
                let keys = if k == 0 { keys.clone() } else { String::new() };
                Line::from(vec![
                    Span::styled(format!("  {keys:<HELP_KEYS$}"), theme.key()),
                    Span::raw(piece),
                ])
            })
            .collect()
    };
    let mut groups: Vec<Vec<Line<'static>>> = Vec::new();
    let mut group = "";
    for b in BINDINGS.iter().chain(PROMPT_BINDINGS) {
        if b.group != group {
            group = b.group;
            groups.push(vec![Line::styled(group, theme.title())]);
        }
        if let Some(lines) = groups.last_mut() {
            lines.extend(entry(keys_label(b), b.help));
        }
    }
    if let Some(lines) = groups.last_mut() {
        lines.extend(entry("mouse".into(), MOUSE_HELP));
    }
    groups
}

/// The help overlay's columns of lines and its frame, for a screen of `area`.
fn help_columns(app: &App, area: Rect) -> (Vec<Vec<Line<'static>>>, Rect, u16, u16) {
    let rect = centered(area, area.width.saturating_sub(2).min(124), area.height);
    let two = rect.width >= 110;
    let column_w = if two {
        (rect.width.saturating_sub(2) / 2) as usize
    } else {
        rect.width.saturating_sub(2) as usize
    };
    let groups = help_groups(app, column_w);
    let total: usize = groups.iter().map(Vec::len).sum();
    let columns: Vec<Vec<Line<'static>>> = if two {
        // Split at the group boundary that balances the two columns best.
        let mut best = (usize::MAX, 0);
        let mut acc = 0;
        for (k, g) in groups.iter().enumerate() {
            acc += g.len();
            let worst = acc.max(total - acc);
            if worst < best.0 {
                best = (worst, k + 1);
            }
        }
        let (left, right) = groups.split_at(best.1.min(groups.len()));
        vec![left.concat(), right.concat()]
    } else {
        vec![groups.concat()]
    };
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0) as u16;
    let rect = centered(area, rect.width, tallest + 2);
    let inner_h = rect.height.saturating_sub(2);
    (columns, rect, tallest, inner_h)
}

/// How far the help overlay can scroll on the app's screen: `App::update` clamps to it, so ↑
/// answers at once after scrolling to the end.
pub fn help_scroll_max(app: &App) -> u16 {
    let (_, _, tallest, inner_h) = help_columns(app, Rect::new(0, 0, app.size.0, app.size.1));
    tallest.saturating_sub(inner_h)
}

/// Every key, grouped, from the keymap tables: two columns when the terminal is wide, and
/// scrolled by `app.help_scroll` rows when it is not tall enough.
pub fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let (columns, rect, tallest, inner_h) = help_columns(app, area);
    let column_w = (rect.width.saturating_sub(2) as usize) / columns.len().max(1);
    let scroll = app.help_scroll.min(tallest.saturating_sub(inner_h));
    let title = if tallest > inner_h {
        "keys — ↑/↓ scroll · ? or Esc to close"
    } else {
        "keys — ? or Esc to close"
    };
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(format!(" {title} "), theme.border_focused()));
    let inner = block.inner(rect);
    block.render(rect, buf);
    for (k, lines) in columns.into_iter().enumerate() {
        let x = inner.x + (k * column_w) as u16;
        let width = (column_w as u16).min(inner.right().saturating_sub(x));
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .render(Rect::new(x, inner.y, width, inner.height), buf);
    }
}

/// The answer to a quiz question: right or wrong, the true value, and how the cell is made.
pub fn reveal(
    app: &App,
    right: bool,
    verdict: &str,
    title: &str,
    text: &[String],
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = app.theme;
    let (mark, style) = if right {
        ("✓", theme.ok())
    } else {
        ("✗", theme.error())
    };
    let mut lines = vec![
        Line::styled(format!("{mark} {verdict}"), style),
        Line::styled(format!("score {}", app.score), theme.key()),
    ];
    lines.extend(text.iter().enumerate().map(|(i, l)| {
        if i == 1 {
            Line::styled(l.clone(), theme.formula())
        } else {
            Line::raw(l.clone())
        }
    }));
    lines.push(Line::styled(
        "Enter or Esc: see the step (quiz stays on; Q turns it off)",
        theme.dim(),
    ));
    let width = area.width.saturating_sub(8).min(110);
    let rows: u16 = lines
        .iter()
        .map(|l| l.width() as u16 / width.saturating_sub(2).max(1) + 1)
        .sum();
    boxed(
        centered(area, width, rows + 2),
        title,
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
