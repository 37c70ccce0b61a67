//! Stepping through the tape: the explorer's own keys (steps, panes, the cell cursor, page and
//! row-end moves, decimals, toggles, the Markdown export) and `Esc`'s order outside popups.

use super::{App, DECIMALS};
use crate::engine::tensor::ImageShape;
use crate::lesson::aids::shape_algebra;
use crate::report::markdown::{step_file_name, step_markdown};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};

/// Rows a page move takes when the event loop did not say how tall the pane is.
pub const DEFAULT_PAGE: usize = 10;

impl App {
    /// An action while stepping; opening a popup sets `self.mode`.
    pub(super) fn explore(&mut self, action: Action) {
        if self.graph.on && self.graph_action(&action) {
            return;
        }
        let last = self.run.tape.len().saturating_sub(1);
        match action {
            Action::NextStep => self.step_to((self.step + 1).min(last)),
            Action::PrevStep => self.step_to(self.step.saturating_sub(1)),
            Action::FirstStep | Action::ForwardStart => self.step_to(0),
            Action::LastStep => self.step_to(last),
            Action::BackwardStart => self.step_to(self.run.tape.first_backward().min(last)),
            Action::FocusNext => self.set_focus((self.focus + 1) % self.panes.len().max(1)),
            Action::FocusPrev => {
                let n = self.panes.len().max(1);
                self.set_focus((self.focus + n - 1) % n);
            }
            Action::Up => self.move_cursor(-1, 0),
            Action::Down => self.move_cursor(1, 0),
            Action::Left => self.move_cursor(0, -1),
            Action::Right => self.move_cursor(0, 1),
            Action::PageUp => self.move_cursor(-(DEFAULT_PAGE as isize), 0),
            Action::PageDown => self.move_cursor(DEFAULT_PAGE as isize, 0),
            Action::MoveBy { rows, cols } => self.move_cursor(rows, cols),
            Action::RowStart => self.move_cursor(0, isize::MIN),
            Action::RowEnd => self.move_cursor(0, isize::MAX),
            Action::Confirm => self.explain(),
            Action::MoreDecimals => self.decimals = (self.decimals + 1).min(*DECIMALS.end()),
            Action::FewerDecimals => {
                self.decimals = self.decimals.saturating_sub(1).max(*DECIMALS.start())
            }
            Action::Help => self.open_help(),
            Action::OpenPicker => self.open_picker(),
            Action::Edit => self.start_edit(),
            Action::Check => self.start_check(crate::engine::check::DEFAULT_H),
            Action::ToggleNumpy => self.show_numpy = !self.show_numpy,
            Action::ToggleShapes => self.toggle_shapes(),
            Action::Jacobian => self.open_jacobian(),
            Action::Nudge => self.start_nudge(),
            Action::NudgeSmaller => self.scale_nudge(0.1),
            Action::NudgeLarger => self.scale_nudge(10.0),
            Action::Quiz => self.toggle_quiz(),
            Action::Export => self.export(),
            Action::ToggleGraph => self.toggle_graph(),
            Action::OpenTraining => self.open_training(),
            Action::Back => self.back(),
            Action::SelectCell { pane, row, col } => self.select_cell(pane, row, col),
            _ => {}
        }
    }

    /// `Esc` while stepping: clear the nudge; with nothing to clear it says so (and never quits).
    fn back(&mut self) {
        if self.nudge.take().is_some() {
            self.status = Some(crate::t!("views-nudge-cleared"));
        } else if !self.back_to_training() {
            self.status = Some(crate::t!(
                "views-nothing-to-close",
                key = keymap::key_for(Context::Explore, &Action::Quit)
            ));
        }
    }

    fn move_cursor(&mut self, dr: isize, dc: isize) {
        if let Some((shape, rows)) = self
            .focused()
            .and_then(|p| Some((p.image?, self.matrix(&p.source)?.nrows())))
        {
            self.cursor = move_in_image(shape, rows, self.cursor, dr, dc);
            self.clamp_cursor();
            return;
        }
        self.cursor = (
            self.cursor.0.saturating_add_signed(dr),
            self.cursor.1.saturating_add_signed(dc),
        );
        self.clamp_cursor();
    }

    /// A click on a cell: focus its pane and put the cursor there.
    fn select_cell(&mut self, pane: usize, row: usize, col: usize) {
        if pane < self.panes.len() {
            self.focus = pane;
            self.cursor = (row, col);
            self.clamp_cursor();
        }
    }

    /// `x`: write the current step as Markdown into the export folder, never over an existing
    /// file (`-2`, `-3`, … are added); the status line says where, or why not.
    fn export(&mut self) {
        let base = step_file_name(&self.preset.name, self.step);
        let free = free_name(&base, |name| self.export_dir.join(name).exists());
        let path = self.export_dir.join(&free);
        let written = step_markdown(&self.preset, &self.run, self.step).and_then(|md| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut f| std::io::Write::write_all(&mut f, md.as_bytes()))
                .map_err(|e| anyhow::anyhow!(crate::i18n::io_reason(&e)))
        });
        self.status = Some(match written {
            Ok(()) if free == base => {
                crate::t!("views-exported", k = self.step + 1, file = free.as_str())
            }
            Ok(()) => crate::t!(
                "views-exported-kept",
                k = self.step + 1,
                file = free.as_str(),
                existing = base.as_str()
            ),
            Err(e) => crate::t!(
                "views-export-failed",
                path = path.display().to_string(),
                error = format!("{e:#}")
            ),
        });
    }
}

impl App {
    /// `s`: show or hide the shape algebra panel; says so when this step has none.
    fn toggle_shapes(&mut self) {
        self.show_shapes = !self.show_shapes;
        let here = shape_algebra(&self.run.tape.steps, self.step).is_some();
        let key = keymap::key_for(Context::Explore, &Action::ToggleShapes);
        self.status = Some(match (self.show_shapes, here) {
            (true, true) => crate::t!("views-shapes-on", key = key),
            (true, false) => crate::t!("views-shapes-on-elsewhere"),
            (false, _) => crate::t!("views-shapes-off"),
        });
    }
}

/// The cursor moved by (`dr`, `dc`) in a 4-D tensor of `samples` samples shaped `shape`: left
/// and right along a grid row (w), on into the next or previous channel's grid; up and down along
/// a grid column (h), on into the next or previous sample's; a page (`|dr| > 1`) a whole sample;
/// `0`/`$` (`dc` at its extremes) the first or last cell of the row across every channel. It
/// stops at the first and last cell.
pub fn move_in_image(
    shape: ImageShape,
    samples: usize,
    cursor: (usize, usize),
    dr: isize,
    dc: isize,
) -> (usize, usize) {
    let (n, c, h, w) = shape.cell(cursor.0, cursor.1);
    let (cs, hs, ws) = (shape.c.max(1), shape.h.max(1), shape.w.max(1));
    // Rows run on from sample to sample, columns from channel to channel.
    let (mut row, mut col) = ((n * hs + h) as isize, (c * ws + w) as isize);
    let n = n as isize;
    match dr {
        0 => {}
        1 | -1 => row += dr,
        _ => {
            row = (n + dr.signum()).clamp(0, samples.max(1) as isize - 1) * hs as isize + h as isize
        }
    }
    match dc {
        isize::MIN => col = 0,
        isize::MAX => col = (cs * ws) as isize - 1,
        _ => col += dc,
    }
    let row = row.clamp(0, (samples.max(1) * hs) as isize - 1) as usize;
    let col = col.clamp(0, (cs * ws) as isize - 1) as usize;
    shape.index(row / hs, col / ws, row % hs, col % ws)
}

/// `name` if `taken(name)` is false, else `stem-2.ext`, `stem-3.ext`, … the first free one.
pub fn free_name(name: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) => (stem, format!(".{ext}")),
        None => (name, String::new()),
    };
    (2u32..)
        .map(|k| format!("{stem}-{k}{ext}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::{free_name, move_in_image};
    use crate::engine::tensor::ImageShape;

    #[test]
    fn the_cursor_moves_through_channels_and_samples() {
        // 2 samples of 2 channels of 3×3
        let s = ImageShape::new(2, 3, 3);
        let at = |n, c, h, w| s.index(n, c, h, w);
        // right from the last column of channel 0 goes on into channel 1, row kept
        assert_eq!(move_in_image(s, 2, at(0, 0, 1, 2), 0, 1), at(0, 1, 1, 0));
        assert_eq!(move_in_image(s, 2, at(0, 1, 1, 0), 0, -1), at(0, 0, 1, 2));
        // the right edge of the last channel stops
        assert_eq!(move_in_image(s, 2, at(0, 1, 1, 2), 0, 1), at(0, 1, 1, 2));
        // down from the last row of sample 0 goes on into sample 1, same channel
        assert_eq!(move_in_image(s, 2, at(0, 1, 2, 1), 1, 0), at(1, 1, 0, 1));
        assert_eq!(move_in_image(s, 2, at(1, 1, 0, 1), -1, 0), at(0, 1, 2, 1));
        assert_eq!(move_in_image(s, 2, at(1, 0, 2, 0), 1, 0), at(1, 0, 2, 0));
        // a page is a sample; 0 and $ the ends of the row across channels
        assert_eq!(move_in_image(s, 2, at(0, 1, 2, 1), 10, 0), at(1, 1, 2, 1));
        assert_eq!(move_in_image(s, 2, at(1, 1, 2, 1), -10, 0), at(0, 1, 2, 1));
        assert_eq!(
            move_in_image(s, 2, at(1, 1, 2, 1), 0, isize::MIN),
            at(1, 0, 2, 0)
        );
        assert_eq!(
            move_in_image(s, 2, at(1, 0, 2, 1), 0, isize::MAX),
            at(1, 1, 2, 2)
        );
    }

    #[test]
    fn an_existing_export_is_numbered_not_overwritten() {
        let taken = ["a-step-3.md", "a-step-3-2.md"];
        assert_eq!(free_name("b.md", |n| taken.contains(&n)), "b.md");
        assert_eq!(
            free_name("a-step-3.md", |n| taken.contains(&n)),
            "a-step-3-3.md"
        );
    }
}
