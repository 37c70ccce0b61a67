//! The Jacobian popup (`J`): the layer's full ∂out/∂x, scrolled with the arrows.

use super::{App, Mode};
use crate::engine::aids::{JacobianView, jacobian_for_step};
use crate::tui::action::Action;

/// The open Jacobian and where it is scrolled to.
#[derive(Debug, Clone)]
pub struct JacobianPopup {
    /// The engine's view: J, dout·J and dx.
    pub view: Box<JacobianView>,
    /// The first row and column of J shown (J scrolls when it is larger than the popup).
    pub first: (usize, usize),
}

impl App {
    /// `J`: open the Jacobian of the current step's layer, or say why it cannot be shown.
    pub(super) fn open_jacobian(&mut self) {
        self.mode = match jacobian_for_step(&self.preset.network, &self.run, self.step) {
            Ok(view) => Mode::Jacobian(JacobianPopup {
                view: Box::new(view),
                first: (0, 0),
            }),
            Err(e) => Mode::Error(format!("{e:#}")),
        };
    }

    /// Arrows scroll J by one row or column; `Esc` or `J` closes it.
    pub(super) fn jacobian(&mut self, mut popup: JacobianPopup, action: Action) {
        let (rows, cols) = popup.view.matrix.dim();
        let first = popup.first;
        popup.first = match action {
            Action::Back => return,
            Action::Up => (first.0.saturating_sub(1), first.1),
            Action::Down => ((first.0 + 1).min(rows.saturating_sub(1)), first.1),
            Action::Left => (first.0, first.1.saturating_sub(1)),
            Action::Right => (first.0, (first.1 + 1).min(cols.saturating_sub(1))),
            _ => first,
        };
        self.mode = Mode::Jacobian(popup);
    }
}
