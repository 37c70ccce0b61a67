//! The help overlay (`?`): every key from the keymap, scrolled when the screen is short.

use super::{App, Mode};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, help};

/// The open help and how far it is scrolled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpView {
    /// Rows scrolled off the top.
    pub scroll: u16,
    /// The screen it was opened on (training, compare, histogram): drawn over it, its keys
    /// listed first, and closing goes back to it. `None` over the explorer.
    pub over: Option<Context>,
}

impl HelpView {
    /// The screen the help was opened over, whose keys it lists first.
    pub fn screen(&self) -> Option<Context> {
        self.over
    }
}

impl App {
    /// `?`: open the help at its top.
    pub(super) fn open_help(&mut self) {
        let over = match self.mode {
            Mode::Train => Some(Context::Train),
            Mode::Histogram => Some(Context::Histogram),
            Mode::Compare => Some(Context::Compare),
            Mode::Search => Some(Context::Search),
            _ => None,
        };
        self.mode = Mode::Help(HelpView { scroll: 0, over });
    }

    /// Scroll the help, stopping at its end (so `↑` answers at once after scrolling down), or
    /// close it.
    pub(super) fn help(&mut self, mut view: HelpView, action: Action) {
        let layout = help::layout_over(self.size.0, self.size.1, view.screen());
        let page = layout.size.1.saturating_sub(3).max(1);
        view.scroll = match action {
            Action::Back => {
                match view.over {
                    Some(Context::Train) => self.mode = Mode::Train,
                    Some(Context::Histogram) => self.mode = Mode::Histogram,
                    Some(Context::Compare) => self.mode = Mode::Compare,
                    Some(Context::Search) => self.mode = Mode::Search,
                    _ => {}
                }
                return;
            }
            Action::Up => view.scroll.saturating_sub(1),
            Action::Down => view.scroll.saturating_add(1),
            Action::PageUp => view.scroll.saturating_sub(page),
            Action::PageDown => view.scroll.saturating_add(page),
            _ => view.scroll,
        }
        .min(layout.max_scroll);
        self.mode = Mode::Help(view);
    }
}
