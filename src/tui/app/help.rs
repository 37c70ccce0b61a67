//! The help overlay (`?`): every key from the keymap, scrolled when the screen is short.

use super::{App, Mode};
use crate::tui::action::Action;
use crate::tui::keymap::help;

/// The open help and how far it is scrolled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpView {
    /// Rows scrolled off the top.
    pub scroll: u16,
    /// Opened on the training screen: drawn over it, and closing goes back to it.
    pub over_training: bool,
}

impl App {
    /// `?`: open the help at its top.
    pub(super) fn open_help(&mut self) {
        self.mode = Mode::Help(HelpView {
            scroll: 0,
            over_training: matches!(self.mode, Mode::Train),
        });
    }

    /// Scroll the help, stopping at its end (so `↑` answers at once after scrolling down), or
    /// close it.
    pub(super) fn help(&mut self, mut view: HelpView, action: Action) {
        let layout = help::layout_for(self.size.0, self.size.1, view.over_training);
        let page = layout.size.1.saturating_sub(3).max(1);
        view.scroll = match action {
            Action::Back => {
                if view.over_training {
                    self.mode = Mode::Train;
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
