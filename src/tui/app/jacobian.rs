//! The Jacobian popup (`J`): the layer's ∂out/∂x, scrolled with the arrows. For a layer over
//! 64 cells it holds one block of J (a batch row's, or a column's for BatchNorm in training),
//! starting at the selected cell's; `PageDown`/`PageUp` go to the next or previous block.

use super::{App, Mode};
use crate::lesson::aids::{JacobianBlock, JacobianView, jacobian_at, jacobian_for_step};
use crate::tui::action::Action;

/// The open Jacobian and where it is scrolled to.
#[derive(Debug, Clone)]
pub struct JacobianPopup {
    /// The engine's view: J (or its block), dout·J and dx.
    pub view: Box<JacobianView>,
    /// The first row and column of J shown (J scrolls when it is larger than the popup).
    pub first: (usize, usize),
}

impl App {
    /// `J`: open the Jacobian of the current step's layer (the block of the selected written
    /// cell's row for a large layer), or say why it cannot be shown.
    pub(super) fn open_jacobian(&mut self) {
        self.mode =
            match jacobian_for_step(&self.preset.network, &self.run, self.step, self.write_cell) {
                Ok(view) => Mode::Jacobian(JacobianPopup {
                    view: Box::new(view),
                    first: (0, 0),
                }),
                Err(e) => Mode::Error(format!("{e:#}")),
            };
    }

    /// Arrows scroll J by one row or column; `PageDown`/`PageUp` show the next or previous
    /// block; `Esc` or `J` closes it.
    pub(super) fn jacobian(&mut self, mut popup: JacobianPopup, action: Action) {
        let (rows, cols) = popup.view.matrix.dim();
        let first = popup.first;
        popup.first = match action {
            Action::Back => return,
            Action::Up => (first.0.saturating_sub(1), first.1),
            Action::Down => ((first.0 + 1).min(rows.saturating_sub(1)), first.1),
            Action::Left => (first.0, first.1.saturating_sub(1)),
            Action::Right => (first.0, (first.1 + 1).min(cols.saturating_sub(1))),
            Action::PageDown | Action::PageUp => {
                self.move_block(&mut popup, action == Action::PageDown);
                first
            }
            _ => first,
        };
        self.mode = Mode::Jacobian(popup);
    }

    /// Replace the popup's block by the next (or previous) one; at either end, say so.
    fn move_block(&mut self, popup: &mut JacobianPopup, next: bool) {
        let view = &popup.view;
        let (index, by_row) = match view.block {
            JacobianBlock::Whole => {
                self.status = Some(crate::t!("jac-status-whole"));
                return;
            }
            JacobianBlock::Row(n) => (n, true),
            JacobianBlock::Column(j) => (j, false),
        };
        let target = if next {
            index + 1
        } else {
            index.wrapping_sub(1)
        };
        if target >= view.blocks() {
            let blocks = i64::try_from(view.blocks()).unwrap_or(i64::MAX);
            self.status = Some(if next {
                crate::t!("jac-status-last", blocks = blocks)
            } else {
                crate::t!("jac-status-first", blocks = blocks)
            });
            return;
        }
        let cell = if by_row { (target, 0) } else { (0, target) };
        match jacobian_at(&self.preset.network, &self.run, view.layer, cell) {
            Ok(moved) => *popup.view = moved,
            Err(e) => self.status = Some(format!("{e:#}")),
        }
    }
}
