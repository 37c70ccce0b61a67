//! Applying an update rule to a matrix and, when asked, recording it as an [`UpdateDraft`] with
//! typed operands (the parameter, its gradient, the optimizer's state) and the book's NumPy line.

use super::{UpdateDraft, UpdateRule};
use ndarray::{Axis, Slice};

use crate::engine::Matrix;
use crate::engine::linalg::{SPLIT_UPDATE, fill_rows_from};
use crate::engine::op::Op;
use crate::engine::operand::{Kind, OptState, Param};
use crate::engine::tape::{Operand, StepDraft};
use crate::i18n::Msg;
use crate::i18n::format::n4;

/// Applies one rule to a target matrix and records it when asked.
pub(super) struct Rec<'d> {
    pub(super) on: bool,
    pub(super) layer: usize,
    pub(super) param: Param,
    pub(super) drafts: &'d mut Vec<UpdateDraft>,
}

/// The name an operand of kind `kind` has in the update of `param`: `W`, `dW`, `v`, `h`, `m`.
fn name_of(kind: Kind, param: Param) -> String {
    match kind {
        Kind::Param(p) => p.key().to_string(),
        Kind::Grad(p) => format!("d{}", p.key()),
        Kind::State(s) => s.name().to_string(),
        _ => format!("{kind:?} of {}", param.key()),
    }
}

/// `target ← rule(target, b, c)` cell by cell. Each arm builds its variant inside the loop's
/// closure, so the compiler resolves [`UpdateRule::apply`]'s match once, outside the loop: matched
/// in every cell, an SGD update of the book's 39,760 parameters took 49 µs instead of 10.
fn apply_cells(rule: UpdateRule, target: &mut Matrix, b: &Matrix, c: &Matrix) {
    fn cells(target: &mut Matrix, b: &Matrix, c: &Matrix, f: impl Fn(f64, f64, f64) -> f64 + Sync) {
        fill_rows_from(target.view_mut(), SPLIT_UPDATE, &|first, mut block| {
            let rows = first..first + block.nrows();
            ndarray::Zip::from(&mut block)
                .and(b.slice_axis(Axis(0), Slice::from(rows.clone())))
                .and(c.slice_axis(Axis(0), Slice::from(rows)))
                .for_each(|a, &b, &c| *a = f(*a, b, c));
        });
    }
    use UpdateRule as R;
    match rule {
        R::Sgd { lr } => cells(target, b, c, |a, b, c| R::Sgd { lr }.apply(a, b, c)),
        R::Velocity { momentum, lr } => cells(target, b, c, |a, b, c| {
            R::Velocity { momentum, lr }.apply(a, b, c)
        }),
        R::AddVelocity => cells(target, b, c, |a, b, c| R::AddVelocity.apply(a, b, c)),
        R::AccumulateSquare => cells(target, b, c, |a, b, c| R::AccumulateSquare.apply(a, b, c)),
        R::AdaGradStep { lr } => {
            cells(target, b, c, |a, b, c| R::AdaGradStep { lr }.apply(a, b, c))
        }
        R::FirstMoment { beta1 } => cells(target, b, c, |a, b, c| {
            R::FirstMoment { beta1 }.apply(a, b, c)
        }),
        R::SecondMoment { beta2 } => cells(target, b, c, |a, b, c| {
            R::SecondMoment { beta2 }.apply(a, b, c)
        }),
        R::AdamStep { lr_t } => cells(target, b, c, |a, b, c| R::AdamStep { lr_t }.apply(a, b, c)),
    }
}

impl Rec<'_> {
    /// `target ← rule(target, others[0], others[1])` cell by cell; `kind` says what the target is
    /// (the parameter or a state).
    pub(super) fn step(
        &mut self,
        rule: UpdateRule,
        kind: Kind,
        target: &mut Matrix,
        others: [&Matrix; 2],
        note: Msg,
    ) {
        let before = self.on.then(|| target.clone());
        let [b, c] = others;
        apply_cells(rule, target, b, c);
        let Some(before) = before else { return };
        let p = self.param;
        let grad = Kind::Grad(p);
        let (label, kinds, numpy): (String, Vec<Kind>, &str) = match rule {
            UpdateRule::Sgd { .. } => (
                "{W} ← {W} − lr·{dW}".into(),
                vec![grad],
                "params[key] -= self.lr * grads[key]",
            ),
            UpdateRule::Velocity { .. } => (
                "v ← α·v − lr·{dW}".into(),
                vec![grad],
                "self.v[key] = self.momentum*self.v[key] - self.lr*grads[key]",
            ),
            UpdateRule::AddVelocity => (
                "{W} ← {W} + v".into(),
                vec![Kind::State(OptState::Velocity)],
                "params[key] += self.v[key]",
            ),
            UpdateRule::AccumulateSquare => (
                "h ← h + {dW}⊙{dW}".into(),
                vec![grad],
                "self.h[key] += grads[key] * grads[key]",
            ),
            UpdateRule::AdaGradStep { .. } => (
                "{W} ← {W} − lr·{dW}/(√h + 1e-7)".into(),
                vec![grad, Kind::State(OptState::History)],
                "params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)",
            ),
            UpdateRule::FirstMoment { .. } => (
                "m ← m + (1 − β1)·({dW} − m)".into(),
                vec![grad],
                "self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])",
            ),
            UpdateRule::SecondMoment { .. } => (
                "v ← v + (1 − β2)·({dW}² − v)".into(),
                vec![grad],
                "self.v[key] += (1 - self.beta2) * (grads[key]**2 - self.v[key])",
            ),
            UpdateRule::AdamStep { .. } => (
                "{W} ← {W} − lr_t·m/(√v + 1e-7)".into(),
                vec![
                    Kind::State(OptState::FirstMoment),
                    Kind::State(OptState::SecondMoment),
                ],
                "params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)",
            ),
        };
        let label = label
            .replace("{W}", p.key())
            .replace("{dW}", &name_of(grad, p));
        let name = name_of(kind, p);
        let mut reads = vec![Operand::new(kind, &name, &before)];
        for (k, m) in kinds.into_iter().zip(others) {
            reads.push(Operand::new(k, name_of(k, p), m));
        }
        let note = crate::msg!(
            "optim-first-cell",
            note = note,
            name = name.as_str(),
            before = n4(before.first().copied().unwrap_or(0.0)),
            after = n4(target.first().copied().unwrap_or(0.0))
        );
        self.drafts.push(UpdateDraft {
            layer: self.layer,
            step: StepDraft {
                op: Op::Update(rule),
                formula: label.clone(),
                label,
                reads,
                writes: Operand::new(kind, name, target),
                note: note.into(),
                numpy: numpy.to_string(),
            },
        });
    }
}
