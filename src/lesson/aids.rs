//! Learning aids built on the tape: the NumPy line, shape algebra, the Jacobian view, the nudge,
//! and predict-then-reveal quizzes.
//!
//! Each aid answers one question a learner of chapter 5 asks (README.md, "Learning aids") with their own
//! numbers. Like the engine, this module is pure: no UI crate, no I/O. The explorer
//! calls these functions and draws what they return; the CLI exports them as Markdown.

pub mod jacobian;
pub mod nudge;
pub mod numpy;
pub mod quiz;
pub mod shapes;

pub use jacobian::{
    JACOBIAN_MAX_CELLS, JacobianBlock, JacobianView, jacobian, jacobian_at, jacobian_for_step,
};
pub use nudge::{CellChange, DEFAULT_NUDGE_H, NudgeReport, NudgeTarget, StepChange, nudge};
pub use numpy::numpy_line;
pub use quiz::{Question, Score, Verdict, check_answer, quiz_question};
pub use shapes::{Candidate, ShapeAlgebra, shape_algebra};

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::engine::tape::Phase;
    use crate::preset::{BUILTINS, Preset};

    /// Every aid on every step of every built-in preset: no error where an answer is due, and
    /// the answers agree with the run.
    #[test]
    fn every_aid_on_every_builtin_step() {
        for b in BUILTINS {
            let p = Preset::builtin(b.name).unwrap();
            let run = p.network.run(&p.inputs).unwrap();
            for (k, s) in run.tape.steps.iter().enumerate() {
                assert!(!numpy_line(s).is_empty());
                let j = jacobian_for_step(&p.network, &run, k, (0, 0)).unwrap();
                assert_eq!(j.layer, s.layer);
                let q = quiz_question(&run, k, k as u64);
                assert_eq!(
                    q.is_some(),
                    s.phase == Phase::Backward,
                    "{} step {k}",
                    b.name
                );
                if let Some(q) = q {
                    assert_eq!(q.answer, s.writes.value[[q.row, q.col]]);
                    assert!(check_answer(q.answer, &format!("{:.9}", q.answer)).is_right());
                }
                // Every Affine step has a shape panel (naming what it derives); no other does.
                let panel = shape_algebra(&run.tape.steps, k);
                assert_eq!(
                    panel.is_some(),
                    s.kind == crate::engine::LayerKind::Affine,
                    "{} step {k}",
                    b.name
                );
                if let Some(panel) = panel {
                    assert_eq!(panel.step, k);
                    assert!(
                        ["Y", "dX", "dW", "db"].contains(&panel.target.as_str()),
                        "{}",
                        panel.target
                    );
                    assert_eq!(panel.fitting().count() >= 1, s.phase == Phase::Backward);
                }
            }
            // Nudge every cell of every layer's output: dout really is ∂L/∂out.
            for (l, lr) in run.layers.iter().enumerate() {
                // A cell tied for the maximum of a pooling window (ReLU's zeros often are) has no
                // derivative there: nudged up, it becomes the maximum that backward passed over.
                let pooled_next = run
                    .layers
                    .get(l + 1)
                    .is_some_and(|n| n.kind == crate::engine::LayerKind::Pooling);
                for ((row, col), _) in lr.out.indexed_iter() {
                    let target = NudgeTarget::Output { layer: l, row, col };
                    let r = nudge(&p.network, &p.inputs, &target, 1e-4).unwrap();
                    if pooled_next && r.predicted == 0.0 {
                        continue;
                    }
                    assert!(
                        r.relative_gap < 1e-2 || (r.actual - r.predicted).abs() < 1e-9,
                        "{} {}: actual {:e}, predicted {:e}",
                        b.name,
                        r.target_name,
                        r.actual,
                        r.predicted
                    );
                }
            }
        }
    }
}
