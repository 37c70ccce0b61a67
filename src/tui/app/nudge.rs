//! The nudge (`u`, `[`, `]`): move one cell by h, rerun, and compare the actual change of the
//! objective with gradient × h. The report stays on screen (cells marked `Δ`) until `Esc`.

use super::{App, Mode, Source};
use crate::engine::Phase;
use crate::lesson::aids::{DEFAULT_NUDGE_H, NudgeTarget, nudge};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key_for};

/// The smallest and largest nudge `[` and `]` reach.
pub const NUDGE_H_RANGE: (f64, f64) = (1e-9, 1e1);

impl App {
    /// What a nudge of the cursor's cell in the focused pane would move, if it can be nudged.
    pub fn nudge_target(&self) -> Option<NudgeTarget> {
        let pane = self.focused()?;
        let (row, col) = self.cursor;
        let output = |layer: usize| NudgeTarget::Output { layer, row, col };
        match &pane.source {
            Source::Input(0) => Some(NudgeTarget::Input { row, col }),
            Source::Input(l) => Some(output(l - 1)),
            Source::Param(layer, name) => Some(NudgeTarget::Param {
                layer: *layer,
                name: (*name).to_string(),
                row,
                col,
            }),
            Source::LayerOut(l) => Some(output(*l)),
            Source::StepWrite(s) => {
                let step = self.run.tape.steps.get(*s)?;
                let layer = self.run.layers.get(step.layer)?;
                let is_out = step.phase == Phase::Forward
                    && step.writes.kind == crate::engine::Kind::Output
                    && step.writes.value.dim() == layer.out.dim();
                is_out.then(|| output(step.layer))
            }
            Source::Targets | Source::Dout(_) | Source::StepRead(..) => None,
        }
    }

    /// `u`: nudge the cursor's cell by the default h (or the current nudge's h).
    pub(super) fn start_nudge(&mut self) {
        let Some(target) = self.nudge_target() else {
            let title = self.focused().map_or("this pane", |p| p.title.as_str());
            self.status = Some(format!(
                "{title} cannot be nudged: focus the network's input x, W, b, w or a forward output (Y, out, y) with {}, then press {}",
                key_for(Context::Explore, &Action::FocusNext),
                key_for(Context::Explore, &Action::Nudge)
            ));
            return;
        };
        let h = self.nudge.as_ref().map_or(DEFAULT_NUDGE_H, |n| n.h);
        self.run_nudge(&target, h);
    }

    /// `[` / `]`: rerun the nudge with h scaled by `factor`; at the end of the range, say so.
    pub(super) fn scale_nudge(&mut self, factor: f64) {
        let Some(current) = self.nudge.as_ref() else {
            self.status = Some(format!(
                "no nudge yet: press {} on a cell of the network's input x, W, b or a forward output",
                key_for(Context::Explore, &Action::Nudge)
            ));
            return;
        };
        let target = current.target.clone();
        let h = (current.h * factor).clamp(NUDGE_H_RANGE.0, NUDGE_H_RANGE.1);
        // h moves by powers of ten: a step that changes it by less than a factor 2 hit the end.
        if (h / current.h).max(current.h / h) < 2.0 {
            let (end, other, action) = if factor < 1.0 {
                ("smallest", "larger", Action::NudgeLarger)
            } else {
                ("largest", "smaller", Action::NudgeSmaller)
            };
            self.status = Some(format!(
                "h = {:.0e} is already the {end} nudge ({:.0e} to {:.0e}); {} makes it {other}",
                current.h,
                NUDGE_H_RANGE.0,
                NUDGE_H_RANGE.1,
                key_for(Context::Explore, &action)
            ));
            return;
        }
        self.run_nudge(&target, h);
    }

    /// Run the nudge of `target` by `h` and keep its report (or show the error).
    pub(super) fn run_nudge(&mut self, target: &NudgeTarget, h: f64) {
        match nudge(&self.preset.network, &self.preset.inputs, target, h) {
            Ok(report) => self.nudge = Some(Box::new(report)),
            Err(e) => self.mode = Mode::Error(format!("{e:#}")),
        }
    }
}
