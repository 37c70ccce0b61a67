//! The update rules of the book's `common/optimizer.py`, one cell at a time: what an update step
//! computes and how it explains a cell it wrote.
//!
//! Every rule writes one matrix from matrices of the same shape, cell by cell, so each cell is
//! explained as one line with the learner's numbers: `W[0,0] = 0.3000 − 0.1·0.5200 = 0.2480`.

use crate::engine::Matrix;
use crate::engine::op::{Combine, Explanation, OpUnit, Term};
use crate::engine::tape::Operand;
use crate::i18n::format::{n4, operand, short};

/// The `1e-7` the book adds under the root so a zero `h` or `v` never divides by 0.
pub const ROOT_EPS: f64 = 1e-7;

/// One update rule; the operands it reads are listed per variant, in order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UpdateRule {
    /// SGD, reads `[W, dW]`: `W − lr·dW`.
    Sgd {
        /// Learning rate.
        lr: f64,
    },
    /// Momentum's velocity, reads `[v, dW]`: `α·v − lr·dW`.
    Velocity {
        /// α, how much of the old velocity is kept.
        momentum: f64,
        /// Learning rate.
        lr: f64,
    },
    /// Momentum's move, reads `[W, v]`: `W + v`.
    AddVelocity,
    /// AdaGrad's history, reads `[h, dW]`: `h + dW⊙dW`.
    AccumulateSquare,
    /// AdaGrad's move, reads `[W, dW, h]`: `W − lr·dW / (√h + 1e-7)`.
    AdaGradStep {
        /// Learning rate.
        lr: f64,
    },
    /// Adam's first moment, reads `[m, dW]`: `m + (1 − β1)·(dW − m)`.
    FirstMoment {
        /// β1.
        beta1: f64,
    },
    /// Adam's second moment, reads `[v, dW]`: `v + (1 − β2)·(dW⊙dW − v)`.
    SecondMoment {
        /// β2.
        beta2: f64,
    },
    /// Adam's move, reads `[W, m, v]`: `W − lr_t·m / (√v + 1e-7)`, with the bias-corrected
    /// `lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ)`.
    AdamStep {
        /// The bias-corrected learning rate of this iteration.
        lr_t: f64,
    },
}

impl UpdateRule {
    /// The new value of one cell from the same cell of each read operand, in order.
    pub fn apply(self, a: f64, b: f64, c: f64) -> f64 {
        match self {
            UpdateRule::Sgd { lr } => a - lr * b,
            UpdateRule::Velocity { momentum, lr } => momentum * a - lr * b,
            UpdateRule::AddVelocity => a + b,
            UpdateRule::AccumulateSquare => a + b * b,
            UpdateRule::AdaGradStep { lr } => a - lr * b / (c.sqrt() + ROOT_EPS),
            UpdateRule::FirstMoment { beta1 } => a + (1.0 - beta1) * (b - a),
            UpdateRule::SecondMoment { beta2 } => a + (1.0 - beta2) * (b * b - a),
            UpdateRule::AdamStep { lr_t } => a - lr_t * b / (c.sqrt() + ROOT_EPS),
        }
    }

    /// How many operands the rule reads.
    pub fn arity(self) -> usize {
        match self {
            UpdateRule::AdaGradStep { .. } | UpdateRule::AdamStep { .. } => 3,
            _ => 2,
        }
    }

    /// The rule with symbols `a`, `b`, `c` and with numbers, for cell values `va`, `vb`, `vc`. A
    /// number that follows an operator is in parentheses when negative (`1·(-0.0018)`, not
    /// `1·-0.0018`); one that leads the expression or a bracket is not.
    fn show(self, a: &str, b: &str, c: &str, nums: [f64; 3]) -> (String, String) {
        let [va, vb, vc] = nums.map(operand);
        let [lead_a, _, _] = nums.map(n4);
        match self {
            UpdateRule::Sgd { lr } => (
                format!("{a} − lr·{b}"),
                format!("{lead_a} − {}·{vb}", short(lr)),
            ),
            UpdateRule::Velocity { momentum, lr } => (
                format!("α·{a} − lr·{b}"),
                format!("{}·{va} − {}·{vb}", short(momentum), short(lr)),
            ),
            UpdateRule::AddVelocity => (format!("{a} + {b}"), format!("{lead_a} + {vb}")),
            UpdateRule::AccumulateSquare => {
                (format!("{a} + {b}·{b}"), format!("{lead_a} + {vb}·{vb}"))
            }
            UpdateRule::AdaGradStep { lr } => (
                format!("{a} − lr·{b} / (√{c} + 1e-7)"),
                format!("{lead_a} − {}·{vb} / (√{vc} + 1e-7)", short(lr)),
            ),
            // the book's m += (1 − β1)·(dW − m), regrouped so each factor meets one cell:
            // β1 of the old m plus 1 − β1 of dW (the cell's value is the book's own arithmetic)
            UpdateRule::FirstMoment { beta1 } => (
                format!("β1·{a} + (1 − β1)·{b}"),
                format!("{}·{va} + {}·{vb}", short(beta1), short(1.0 - beta1)),
            ),
            UpdateRule::SecondMoment { beta2 } => (
                format!("β2·{a} + (1 − β2)·{b}·{b}"),
                format!("{}·{va} + {}·{vb}·{vb}", short(beta2), short(1.0 - beta2)),
            ),
            UpdateRule::AdamStep { lr_t } => (
                format!("{a} − lr_t·{b} / (√{c} + 1e-7)"),
                format!("{lead_a} − {}·{vb} / (√{vc} + 1e-7)", sig(lr_t)),
            ),
        }
    }

    /// Explain cell (`r`, `c`) of `writes`; `None` outside it or when an operand is missing.
    fn explain_cell(
        self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation> {
        let value = *writes.value.get((r, c))?;
        let operand = |k: usize| -> Option<(String, f64)> {
            let o = reads.get(k)?;
            Some((format!("{}[{r},{c}]", o.name), *o.value.get((r, c))?))
        };
        let (a, va) = operand(0)?;
        let (b, vb) = operand(1)?;
        let (cn, vc) = if self.arity() == 3 {
            operand(2)?
        } else {
            (String::new(), 0.0)
        };
        let (symbol, numbers) = self.show(&a, &b, &cn, [va, vb, vc]);
        let target = format!("{}[{r},{c}]", writes.name);
        let name = |k: usize| reads.get(k).map_or("", |o| o.name.as_str());
        let note = match self {
            UpdateRule::AdamStep { lr_t } => {
                Some(crate::msg!("narr-adam-step-note", lr_t = sig(lr_t)))
            }
            UpdateRule::FirstMoment { .. } | UpdateRule::SecondMoment { .. } => {
                let (beta, grad) = match self {
                    UpdateRule::FirstMoment { .. } => ("β1", name(1).to_string()),
                    _ => ("β2", format!("{}²", name(1))),
                };
                Some(crate::msg!(
                    "optim-moment-note",
                    book = format!("{s} += (1 − {beta})·({grad} − {s})", s = name(0)),
                    beta = beta,
                    grad = grad
                ))
            }
            UpdateRule::AdaGradStep { .. } => Some(crate::msg!("narr-adagrad-step-note")),
            _ => None,
        };
        Some(Explanation {
            rule: format!("{target} = {symbol}"),
            target,
            terms: vec![Term {
                symbol,
                numbers: numbers.into(),
                value,
            }],
            combine: Combine::Single,
            value,
            note,
        })
    }
}

/// [`Op::Update`](crate::engine::Op::Update): every cell from the same cell of each read.
impl OpUnit for UpdateRule {
    fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
        let at = |k: usize| reads.get(k).and_then(|o| o.value.get((r, c)).copied());
        let third = if self.arity() == 3 { at(2)? } else { 0.0 };
        Some(self.apply(at(0)?, at(1)?, third))
    }

    fn explain(
        &self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation> {
        reads.first()?;
        self.explain_cell(reads, writes, r, c)
    }

    fn feeds(&self, _: usize, _: &Matrix, out: (usize, usize), i: usize, j: usize) -> bool {
        (i, j) == out
    }

    fn anchor(&self, _: usize, _: &Matrix, out: (usize, usize)) -> (usize, usize) {
        out
    }

    /// Update steps carry the book's optimizer line; this is only a fallback.
    fn numpy(&self, args: &[String]) -> String {
        let arg = |i: usize| args.get(i).map_or("x", String::as_str);
        format!("{} - {}", arg(0), arg(1))
    }
}

/// A small positive number with 4 significant digits (`0.0003162`), for Adam's `lr_t`.
pub fn sig(v: f64) -> String {
    if v == 0.0 || !v.is_finite() || v.abs() >= 1e-3 {
        return short(v);
    }
    let digits = (3 - v.abs().log10().floor() as i32).clamp(0, 12) as usize;
    format!("{v:.digits$}")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::engine::Matrix;

    fn one(name: &str, v: f64) -> Operand {
        Operand::new(
            crate::engine::Kind::Temp(0),
            name,
            &Matrix::from_elem((1, 1), v),
        )
    }

    #[test]
    fn sgd_explains_the_books_example() {
        let rule = UpdateRule::Sgd { lr: 0.1 };
        let new = rule.apply(0.3, 0.52, 0.0);
        assert!((new - 0.248).abs() < 1e-12);
        let ex = rule
            .explain(&[one("W", 0.3), one("dW", 0.52)], &one("W", new), 0, 0)
            .unwrap();
        assert_eq!(ex.rule, "W[0,0] = W[0,0] − lr·dW[0,0]");
        assert_eq!(ex.expansion(8), "= 0.3000 − 0.1·0.5200 = 0.2480");
    }

    #[test]
    fn a_negative_number_after_an_operator_is_in_parentheses() {
        let explain = |rule: UpdateRule, reads: &[(&str, f64)]| {
            let ops: Vec<Operand> = reads.iter().map(|&(n, v)| one(n, v)).collect();
            let v: Vec<f64> = reads.iter().map(|r| r.1).collect();
            let new = rule.apply(v[0], v[1], v.get(2).copied().unwrap_or(0.0));
            rule.explain(&ops, &one("out", new), 0, 0)
                .unwrap()
                .expansion(8)
        };
        let sgd = UpdateRule::Sgd { lr: 1.0 };
        assert_eq!(
            explain(sgd, &[("b", -0.1772), ("db", -0.0018)]),
            "= -0.1772 − 1·(-0.0018) = -0.1754"
        );
        assert_eq!(
            explain(
                UpdateRule::AccumulateSquare,
                &[("h", 0.0), ("dW", -2.357e-5)]
            ),
            "= 0.0000 + (-2.357e-5)·(-2.357e-5) = 5.555e-10"
        );
        assert_eq!(
            explain(
                UpdateRule::FirstMoment { beta1: 0.9 },
                &[("m", -0.1), ("dW", -0.3)]
            ),
            "= 0.9·(-0.1000) + 0.1·(-0.3000) = -0.1200"
        );
        assert_eq!(
            explain(
                UpdateRule::Velocity {
                    momentum: 0.9,
                    lr: 0.01
                },
                &[("v", -0.5), ("dW", 0.2)]
            ),
            "= 0.9·(-0.5000) − 0.01·0.2000 = -0.4520"
        );
    }

    #[test]
    fn adam_step_shows_the_corrected_rate() {
        let rule = UpdateRule::AdamStep {
            lr_t: 0.000316227766,
        };
        let reads = [one("W", 0.3), one("m", 0.052), one("v", 0.00027)];
        let new = rule.apply(0.3, 0.052, 0.00027);
        let ex = rule.explain(&reads, &one("W", new), 0, 0).unwrap();
        assert_eq!(
            ex.expansion(8),
            "= 0.3000 − 0.0003162·0.0520 / (√2.700e-4 + 1e-7) = 0.2990"
        );
        assert_eq!(sig(0.000316227766), "0.0003162");
        assert_eq!(sig(0.01), "0.01");
        assert_eq!(sig(0.0), "0");
        assert_eq!(
            ex.note.as_ref().map(ToString::to_string).as_deref(),
            Some("lr_t = 0.0003162 is this iteration's learning rate after bias correction")
        );
    }

    #[test]
    fn adagrad_step_says_why_big_histories_take_small_steps() {
        let rule = UpdateRule::AdaGradStep { lr: 0.01 };
        let reads = [one("W", 0.3), one("dW", 0.52), one("h", 0.2704)];
        let new = rule.apply(0.3, 0.52, 0.2704);
        // 0.3 − 0.01·0.52/(√0.2704 + 1e-7) = 0.3 − 0.01·0.52/0.52 ≈ 0.29
        assert!((new - 0.29).abs() < 1e-8);
        let ex = rule.explain(&reads, &one("W", new), 0, 0).unwrap();
        assert_eq!(
            ex.note.as_ref().map(ToString::to_string).as_deref(),
            Some("cells whose gradients have been large (big h) take smaller steps")
        );
        // the other rules add no note
        let ex = UpdateRule::Sgd { lr: 0.1 }
            .explain(&reads[..2], &one("W", 0.248), 0, 0)
            .unwrap();
        assert_eq!(ex.note, None);
    }

    #[test]
    fn adams_moments_put_each_index_on_a_cell_not_on_a_product() {
        // the book's m += (1 − β1)·(dW − m) as β1·m + (1 − β1)·dW: each factor multiplies one
        // indexed cell, never a parenthesised difference that reads as indexed itself
        let first = UpdateRule::FirstMoment { beta1: 0.9 };
        let reads = [one("m", 0.05), one("dW", 0.52)];
        let new = first.apply(0.05, 0.52, 0.0);
        assert!((new - (0.9 * 0.05 + 0.1 * 0.52)).abs() < 1e-15);
        let ex = first.explain(&reads, &one("m", new), 0, 0).unwrap();
        assert_eq!(ex.rule, "m[0,0] = β1·m[0,0] + (1 − β1)·dW[0,0]");
        assert!(!ex.rule.contains("·(dW"), "{}", ex.rule);
        assert_eq!(ex.expansion(8), "= 0.9·0.0500 + 0.1·0.5200 = 0.0970");
        assert_eq!(
            ex.note.as_ref().map(ToString::to_string).as_deref(),
            Some(
                "the book's m += (1 − β1)·(dW − m), regrouped: β1 of the old value plus 1 − β1 of dW"
            )
        );
        let second = UpdateRule::SecondMoment { beta2: 0.999 };
        let reads = [one("v", 0.0), one("dW", -0.5)];
        let new = second.apply(0.0, -0.5, 0.0);
        let ex = second.explain(&reads, &one("v", new), 0, 0).unwrap();
        assert_eq!(ex.rule, "v[0,0] = β2·v[0,0] + (1 − β2)·dW[0,0]·dW[0,0]");
        assert_eq!(
            ex.expansion(8),
            "= 0.999·0.0000 + 0.001·(-0.5000)·(-0.5000) = 2.500e-4"
        );
    }
}
