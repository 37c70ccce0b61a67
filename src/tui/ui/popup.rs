//! The popups: help (generated from the keymap), a cell's explanation, the preset picker, the
//! edit and path prompts, a quiz answer, and errors.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::t;
use crate::tui::action::Action;
use crate::tui::app::{App, Loading, Mode, Picker, PickerEntry, Prompt, Reveal, visible_entries};
use crate::tui::keymap::{Context, help, hint, key_for};
use crate::tui::text::{pad, wrap_words};

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

/// Every key, from the keymap (laid out by `keymap::help`): two columns when the terminal is
/// wide, scrolled by `scroll` rows when it is not tall enough.
pub fn help(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let over = match app.mode() {
        Mode::Help(view) => view.screen(),
        _ => None,
    };
    let layout = help::layout_over(area.width, area.height, over);
    let rect = centered(area, layout.size.0, layout.size.1);
    let column_w = (rect.width.saturating_sub(2) as usize) / layout.columns.len().max(1);
    let title = t!("explorer-help-title", keys = hint(Context::Help));
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(format!(" {title} "), theme.border_focused()));
    let inner = block.inner(rect);
    block.render(rect, buf);
    for (k, rows) in layout.columns.into_iter().enumerate() {
        let x = inner.x + (k * column_w) as u16;
        let width = (column_w as u16).min(inner.right().saturating_sub(x));
        let lines: Vec<Line<'static>> = rows
            .into_iter()
            .map(|row| match row {
                help::Row::Heading(text) => Line::styled(text, theme.title()),
                help::Row::Entry { keys, text } => Line::from(vec![
                    Span::styled(format!("  {keys}"), theme.key()),
                    Span::raw(text),
                ]),
            })
            .collect();
        Paragraph::new(lines)
            .scroll((scroll.min(layout.max_scroll), 0))
            .render(Rect::new(x, inner.y, width, inner.height), buf);
    }
}

/// Rows `lines` take wrapped into `width` columns.
fn wrapped_rows<'a>(lines: impl IntoIterator<Item = &'a str>, width: u16) -> u16 {
    lines
        .into_iter()
        .map(|l| wrap_words(l, width.max(1) as usize).len() as u16)
        .sum()
}

/// The answer to a quiz question: right or wrong, the true value, and how the cell is made.
pub fn reveal(app: &App, reveal: &Reveal, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let Reveal {
        right,
        verdict,
        title,
        lines: text,
    } = reveal;
    let right = *right;
    let (mark, style) = if right {
        ("✓", theme.ok())
    } else {
        ("✗", theme.error())
    };
    let mut lines = vec![
        Line::styled(format!("{mark} {verdict}"), style),
        Line::styled(
            t!("explorer-quiz-score", score = app.score().to_string()),
            theme.key(),
        ),
    ];
    lines.extend(text.iter().enumerate().map(|(i, l)| {
        if i == 1 {
            Line::styled(l.clone(), theme.formula())
        } else {
            Line::raw(l.clone())
        }
    }));
    let close = t!(
        "explorer-quiz-stays-on",
        keys = hint(Context::Note),
        quiz = key_for(Context::Explore, &Action::Quiz)
    );
    lines.push(Line::styled(close, theme.dim()));
    let width = area.width.saturating_sub(8).min(110);
    let plain: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let rows = wrapped_rows(plain.iter().map(String::as_str), width.saturating_sub(2));
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
    let theme = app.theme();
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
    lines.push(Line::styled(hint(Context::Note), theme.dim()));
    let width = area.width.saturating_sub(8).min(110);
    let wrapped = wrapped_rows(text.iter().map(String::as_str), width.saturating_sub(2));
    boxed(
        centered(area, width, wrapped + 3),
        title,
        lines,
        theme.border_focused(),
        buf,
    );
}

/// Columns of the picker's name column.
const PICKER_NAME: usize = 18;

/// The preset picker: a scrolled list that keeps the selected row in view, and "type a path…"
/// always on its own row under it. Long names are cut with `…`.
pub fn picker(app: &App, picker: &Picker, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let entries = &picker.entries;
    let listed = entries.len().saturating_sub(1);
    let visible = visible_entries(area.height).min(listed);
    let first = window_start(picker.selected, visible, listed);
    let mut lines = vec![Line::styled(hint(Context::Picker), theme.dim())];
    let row = |i: usize, e: &PickerEntry| -> Line<'static> {
        let selected = i == picker.selected;
        let marker = if selected { "▶ " } else { "  " };
        let style = if selected {
            theme.cursor()
        } else {
            theme.text()
        };
        let (name, about) = match e {
            PickerEntry::Builtin { name, summary } => (
                name.clone(),
                t!("explorer-picker-builtin", summary = summary.as_str()),
            ),
            PickerEntry::File(path) if e.shadows_builtin() => {
                (file_label(path), t!("explorer-picker-file-shadows"))
            }
            PickerEntry::File(path) => (file_label(path), t!("explorer-picker-file")),
            PickerEntry::TypePath => {
                return Line::styled(
                    format!("{marker}{}", t!("explorer-picker-type-path")),
                    style,
                );
            }
        };
        Line::from(vec![
            Span::styled(
                format!("{marker}{} ", pad(&name, PICKER_NAME)),
                style.patch(theme.key()),
            ),
            Span::styled(about, style),
        ])
    };
    for (i, e) in entries.iter().enumerate().skip(first).take(visible) {
        lines.push(row(i, e));
    }
    if let Some(last) = entries.last() {
        lines.push(row(entries.len() - 1, last));
    }
    let title = if listed > visible {
        t!(
            "explorer-picker-title-window",
            first = first + 1,
            last = first + visible,
            listed = listed
        )
    } else {
        t!("explorer-picker-title")
    };
    let height = lines.len() as u16 + 2;
    let rect = centered(area, 100, height);
    // Each row is cut at the box edge with `…` rather than wrapped, so the list keeps its rows.
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(format!(" {title} "), theme.border_focused()));
    let inner = block.inner(rect);
    block.render(rect, buf);
    for (k, line) in lines.into_iter().enumerate().take(inner.height as usize) {
        super::fit_line(line, inner.width as usize)
            .render(Rect::new(inner.x, inner.y + k as u16, inner.width, 1), buf);
    }
}

/// `./name.toml` for a file in the current directory, else its name: short enough for the
/// name column, and a path (not a built-in's name) when typed.
fn file_label(path: &std::path::Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if path.parent() == Some(std::path::Path::new(".")) {
        format!("./{name}")
    } else {
        name
    }
}

/// The first index of a window of `visible` out of `len` that shows `selected`.
fn window_start(selected: usize, visible: usize, len: usize) -> usize {
    if visible == 0 {
        return 0;
    }
    selected
        .min(len.saturating_sub(1))
        .saturating_sub(visible - 1)
        .min(len.saturating_sub(visible))
}

/// A text prompt.
pub fn prompt(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let lines = vec![
        Line::raw(prompt.label.clone()),
        Line::from(vec![
            Span::styled("> ", theme.key()),
            Span::raw(prompt.input.clone()),
            Span::styled("▏", theme.key()),
        ]),
        Line::styled(hint(Context::Prompt), theme.dim()),
    ];
    boxed(
        centered(area, 70, 5),
        &t!("explorer-edit-title"),
        lines,
        theme.border_focused(),
        buf,
    );
}

/// A preset being read on a worker thread; the keys still work (`Esc` stops waiting).
pub fn loading(app: &App, loading: &Loading, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let lines = vec![
        Line::raw(t!("explorer-loading-reading", name = loading.name.as_str())),
        Line::raw(t!("explorer-loading-close")),
        Line::styled(hint(Context::Note), theme.dim()),
    ];
    boxed(
        centered(area, 70, 5),
        &t!("explorer-loading-title"),
        lines,
        theme.border_focused(),
        buf,
    );
}

/// An error; the state behind it is unchanged.
pub fn error(app: &App, message: &str, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let mut lines: Vec<Line<'_>> = message.lines().map(|l| Line::raw(l.to_string())).collect();
    lines.push(Line::styled(hint(Context::Note), theme.dim()));
    let width = area.width.saturating_sub(8).min(90);
    let rows = wrapped_rows(message.lines(), width.saturating_sub(2));
    boxed(
        centered(area, width, rows + 3),
        &t!("explorer-error-title"),
        lines,
        theme.error(),
        buf,
    );
}
