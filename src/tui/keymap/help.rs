//! The help overlay's text, laid out for a terminal size: every explorer key grouped by what it
//! is for, then one line per popup with its keys, then the mouse.
//!
//! Both the view (which draws it) and the App (which stops scrolling at its end) use this, so the
//! two agree on how many rows there are. Plain text measured by display width; no widgets.

use super::{BINDINGS, Context, hint, keys_label, mouse_help};
use crate::t;
use crate::tui::text::{pad, wrap_words};

/// Width of the keys column.
pub const KEYS_WIDTH: usize = 12;

/// The widest the help box gets, and the width from which it uses two columns.
const MAX_WIDTH: u16 = 124;
const TWO_COLUMNS: u16 = 110;

/// One row of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A section heading.
    Heading(String),
    /// Keys (empty on a continuation row) and a piece of their description.
    Entry {
        /// The keys column, padded to [`KEYS_WIDTH`].
        keys: String,
        /// The description, wrapped.
        text: String,
    },
}

/// The help for a `width`×`height` screen: its columns, the box size and how far it scrolls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// One or two columns of rows.
    pub columns: Vec<Vec<Row>>,
    /// Width and height of the box, borders included.
    pub size: (u16, u16),
    /// Rows hidden below when the box is as tall as the screen: the largest scroll.
    pub max_scroll: u16,
}

fn entry(keys: &str, help: &str, text_width: usize) -> Vec<Row> {
    wrap_words(help, text_width)
        .into_iter()
        .enumerate()
        .map(|(k, piece)| Row::Entry {
            keys: pad(if k == 0 { keys } else { "" }, KEYS_WIDTH),
            text: piece,
        })
        .collect()
}

/// The groups of rows for a column `width` columns wide: the explorer's, then one line per popup
/// and for each screen; when the help was opened on a screen (`first`: the training or the
/// histogram screen), that screen's keys in full come first.
fn groups(width: usize, first: Option<Context>) -> Vec<Vec<Row>> {
    let text_width = width.saturating_sub(KEYS_WIDTH + 4).max(10);
    let mut groups: Vec<Vec<Row>> = Vec::new();
    let mut group = "";
    for b in BINDINGS.iter().filter(|b| b.context == Context::Explore) {
        if b.group != group {
            group = b.group;
            groups.push(vec![Row::Heading(b.group_text())]);
        }
        if let Some(rows) = groups.last_mut() {
            rows.extend(entry(&keys_label(b), &b.help_text(), text_width));
        }
    }
    let screen = first.map(|screen| {
        let mut rows = vec![Row::Heading(screen.title())];
        for b in BINDINGS.iter().filter(|b| b.context == screen) {
            rows.extend(entry(&keys_label(b), &b.help_text(), text_width));
        }
        rows
    });
    let mut popups = vec![Row::Heading(t!("keys-in-a-popup"))];
    // On a screen its keys come first, in full; elsewhere they are one line here.
    for context in Context::ALL.into_iter().skip(1) {
        if first == Some(context) {
            continue;
        }
        popups.extend(entry(
            "",
            &t!(
                "keys-popup-line",
                context = context.title(),
                keys = hint(context)
            ),
            text_width,
        ));
    }
    popups.extend(entry(&t!("keys-mouse-key"), &mouse_help(), text_width));
    groups.push(popups);
    if let Some(screen) = screen {
        groups.insert(0, screen);
    }
    groups
}

/// Lay the help out for a `width`×`height` screen.
pub fn layout(width: u16, height: u16) -> Layout {
    layout_for(width, height, false)
}

/// [`layout`], with the training screen's keys first when the help was opened there.
pub fn layout_for(width: u16, height: u16, training_first: bool) -> Layout {
    layout_over(width, height, training_first.then_some(Context::Train))
}

/// [`layout`], with the keys of `screen` first when the help was opened over it.
pub fn layout_over(width: u16, height: u16, screen: Option<Context>) -> Layout {
    let box_width = width.saturating_sub(2).min(MAX_WIDTH);
    let two = box_width >= TWO_COLUMNS;
    let inner = box_width.saturating_sub(2) as usize;
    let column_width = if two { inner / 2 } else { inner };
    let groups = groups(column_width, screen);
    let total: usize = groups.iter().map(Vec::len).sum();
    let columns = if two {
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
    let box_height = tallest.saturating_add(2).min(height);
    Layout {
        columns,
        size: (box_width, box_height),
        max_scroll: tallest.saturating_sub(box_height.saturating_sub(2)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn a_small_screen_scrolls_a_big_one_does_not() {
        assert!(layout(80, 24).max_scroll > 0);
        assert_eq!(layout(200, 80).max_scroll, 0);
        assert_eq!(layout(200, 80).columns.len(), 2);
    }

    #[test]
    fn training_keys_come_first_on_the_training_screen() {
        let first = |training_first| layout_for(200, 80, training_first).columns[0][0].clone();
        assert_eq!(first(true), Row::Heading("On the training screen".into()));
        assert_eq!(
            first(false),
            Row::Heading("Step through the recorded steps".into())
        );
        let rows = layout_for(200, 80, true).columns.concat();
        assert!(rows.iter().any(
            |r| matches!(r, Row::Entry { keys, text } if keys.starts_with("Space") && text == "run or pause training")
        ));
        let explorer = layout(200, 80).columns.concat();
        assert!(explorer.iter().any(
            |r| matches!(r, Row::Entry { text, .. } if text.starts_with("On the training screen: Space run/pause"))
        ));
    }

    #[test]
    fn every_popup_has_its_line() {
        let rows = layout(200, 80).columns.concat();
        for context in Context::ALL.into_iter().skip(1) {
            assert!(
                rows.iter().any(
                    |r| matches!(r, Row::Entry { text, .. } if text.starts_with(&context.title()))
                ),
                "{context:?}"
            );
        }
    }
}
