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
            let focus = key_for(Context::Explore, &Action::FocusNext);
            let nudge = key_for(Context::Explore, &Action::Nudge);
            self.status = Some(match self.focused() {
                Some(p) => crate::t!(
                    "views-nudge-refused",
                    name = p.title.as_str(),
                    focus = focus,
                    nudge = nudge
                ),
                None => crate::t!("views-nudge-refused-pane", focus = focus, nudge = nudge),
            });
            return;
        };
        let h = self.nudge.as_ref().map_or(DEFAULT_NUDGE_H, |n| n.h);
        self.run_nudge(&target, h);
    }

    /// `[` / `]`: rerun the nudge with h scaled by `factor`; at the end of the range, say so.
    pub(super) fn scale_nudge(&mut self, factor: f64) {
        let Some(current) = self.nudge.as_ref() else {
            self.status = Some(crate::t!(
                "views-nudge-none",
                key = key_for(Context::Explore, &Action::Nudge)
            ));
            return;
        };
        let target = current.target.clone();
        let h = (current.h * factor).clamp(NUDGE_H_RANGE.0, NUDGE_H_RANGE.1);
        // h moves by powers of ten: a step that changes it by less than a factor 2 hit the end.
        if (h / current.h).max(current.h / h) < 2.0 {
            let (h, lo, hi) = (
                format!("{:.0e}", current.h),
                format!("{:.0e}", NUDGE_H_RANGE.0),
                format!("{:.0e}", NUDGE_H_RANGE.1),
            );
            self.status = Some(if factor < 1.0 {
                crate::t!(
                    "views-nudge-smallest",
                    h = h,
                    lo = lo,
                    hi = hi,
                    key = key_for(Context::Explore, &Action::NudgeLarger)
                )
            } else {
                crate::t!(
                    "views-nudge-largest",
                    h = h,
                    lo = lo,
                    hi = hi,
                    key = key_for(Context::Explore, &Action::NudgeSmaller)
                )
            });
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
