//! Weight decay (6.4.2), as the book's `common/multi_layer_net.py` adds it: the penalty
//! `0.5·λ·ΣW²` of every Affine W joins the loss (`MultiLayerNet.loss`), and `λ·W` joins each W's
//! gradient (`MultiLayerNet.gradient`).
//!
//! | variant | reads | writes |
//! |---|---|---|
//! | [`Decay::Term`] | `weight_decay` (1×1), `W` | `weight_decay + 0.5·λ·Σᵢⱼ W[i,j]²` (1×1) |
//! | [`Decay::Loss`] | `L` (1×1), `weight_decay` (1×1) | `L + weight_decay` |
//! | [`Decay::Grad`] | `dW`, `W` | `dW + λ·W`, cell by cell |

use super::cell::{Cell, at, nm};
use super::explanation::{Combine, Explanation, Term};
use super::{OpUnit, arg};
use crate::engine::Matrix;
use crate::engine::operand::Operand;
use crate::i18n::format::{n4, operand, short};

/// One step of weight decay.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decay {
    /// `weight_decay += 0.5 * weight_decay_lambda * np.sum(W ** 2)`, reads `[weight_decay, W]`.
    Term {
        /// λ, the strength of the decay.
        lambda: f64,
    },
    /// `loss + weight_decay`, reads `[L, weight_decay]`.
    Loss,
    /// `dW + weight_decay_lambda * W`, reads `[dW, W]`.
    Grad {
        /// λ, the strength of the decay.
        lambda: f64,
    },
}

/// `0.5·λ·ΣW²`, in the book's order (`0.5 * weight_decay_lambda * np.sum(W ** 2)`): what the
/// training loop adds to the loss for one W, and what a [`Decay::Term`] step adds.
pub fn half_square_sum(w: &Matrix, lambda: f64) -> f64 {
    0.5 * lambda * w.iter().map(|v| v * v).sum::<f64>()
}

impl OpUnit for Decay {
    fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
        let (a, b) = (&reads.first()?.value, &reads.get(1)?.value);
        Some(match *self {
            Decay::Term { lambda } => at(a, 0, 0) + half_square_sum(b, lambda),
            Decay::Loss => at(a, 0, 0) + at(b, 0, 0),
            Decay::Grad { lambda } => at(a, r, c) + lambda * at(b, r, c),
        })
    }

    fn explain(
        &self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation> {
        let cell = Cell::of(writes, r, c)?;
        let (a, b) = (reads.first()?, reads.get(1)?);
        let (an, bn) = (nm(&a.name), nm(&b.name));
        match *self {
            Decay::Term { lambda } => {
                let mut terms = vec![Term {
                    symbol: format!("{an}[0,0]"),
                    numbers: n4(at(&a.value, 0, 0)).into(),
                    value: at(&a.value, 0, 0),
                }];
                terms.extend(b.value.indexed_iter().map(|((i, j), &v)| Term {
                    symbol: format!("0.5·λ·{bn}[{i},{j}]²"),
                    numbers: format!("0.5·{}·{}²", short(lambda), operand(v)).into(),
                    value: 0.5 * lambda * v * v,
                }));
                Some(Explanation {
                    rule: format!("{} = {an}[0,0] + Σᵢⱼ 0.5·λ·{bn}[i,j]²", cell.target),
                    target: cell.target,
                    terms,
                    combine: Combine::Sum,
                    value: cell.value,
                    note: Some(crate::msg!(
                        "ch6c-decay-term-explain",
                        lambda = short(lambda),
                        cells = b.value.len()
                    )),
                })
            }
            Decay::Loss => {
                let terms = [a, b]
                    .iter()
                    .map(|o| Term {
                        symbol: format!("{}[0,0]", nm(&o.name)),
                        numbers: n4(at(&o.value, 0, 0)).into(),
                        value: at(&o.value, 0, 0),
                    })
                    .collect();
                Some(Explanation {
                    rule: format!("{} = {an}[0,0] + {bn}[0,0]", cell.target),
                    target: cell.target,
                    terms,
                    combine: Combine::Sum,
                    value: cell.value,
                    note: Some(crate::msg!("ch6c-decay-loss-explain")),
                })
            }
            Decay::Grad { lambda } => {
                let (va, vb) = (at(&a.value, r, c), at(&b.value, r, c));
                Some(cell.single(
                    format!("{an}[{r},{c}] + λ·{bn}[{r},{c}]"),
                    format!("{} + {}·{}", n4(va), short(lambda), operand(vb)),
                    va + lambda * vb,
                    Some(crate::msg!(
                        "ch6c-decay-grad-explain",
                        lambda = short(lambda)
                    )),
                ))
            }
        }
    }

    fn feeds(&self, read: usize, _: &Matrix, (r, c): (usize, usize), i: usize, j: usize) -> bool {
        match (self, read) {
            (Decay::Term { .. }, 0) | (Decay::Loss, _) => (i, j) == (0, 0),
            (Decay::Term { .. }, _) => true,
            (Decay::Grad { .. }, _) => (i, j) == (r, c),
        }
    }

    fn anchor(&self, _: usize, _: &Matrix, (r, c): (usize, usize)) -> (usize, usize) {
        match self {
            Decay::Grad { .. } => (r, c),
            _ => (0, 0),
        }
    }

    fn numpy(&self, args: &[String]) -> String {
        let (a, b) = (arg(args, 0), arg(args, 1));
        match self {
            Decay::Term { .. } => {
                format!("{a} + 0.5 * self.weight_decay_lambda * np.sum({b} ** 2)")
            }
            Decay::Loss => format!("{a} + {b}"),
            Decay::Grad { .. } => format!("{a} + self.weight_decay_lambda * {b}"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::engine::{Kind, Op, Param};
    use ndarray::array;

    #[test]
    fn each_step_computes_and_explains_the_books_numbers() {
        // λ = 0.1, W = [[1, -2], [3, 0.5]]: ΣW² = 1 + 4 + 9 + 0.25 = 14.25, half of λ of it 0.7125
        let w = array![[1.0, -2.0], [3.0, 0.5]];
        assert_eq!(half_square_sum(&w, 0.1), 0.712_5);
        let term = Op::Decay(Decay::Term { lambda: 0.1 });
        let reads = [
            Operand::new(Kind::Temp(0), "weight_decay", &array![[0.25]]),
            Operand::new(Kind::Param(Param::Weights), "W", &w),
        ];
        assert_eq!(term.cell(&reads, 0, 0), Some(0.962_5));
        let writes = Operand::new(Kind::Temp(0), "weight_decay", &array![[0.962_5]]);
        let e = term.explain(&reads, &writes, 0, 0).unwrap();
        assert_eq!(
            e.rule,
            "weight_decay[0,0] = weight_decay[0,0] + Σᵢⱼ 0.5·λ·W[i,j]²"
        );
        assert_eq!(e.terms.len(), 5);
        assert_eq!(e.terms[2].symbol, "0.5·λ·W[0,1]²");
        assert_eq!(e.terms[2].numbers.to_string(), "0.5·0.1·(-2.0000)²");
        let sum: f64 = e.terms.iter().map(|t| t.value).sum();
        assert!((sum - 0.962_5).abs() < 1e-15);
        // L + weight_decay
        let loss = Op::Decay(Decay::Loss);
        let reads = [
            Operand::new(Kind::Loss, "L", &array![[2.0]]),
            Operand::new(Kind::Temp(0), "weight_decay", &array![[0.7125]]),
        ];
        assert_eq!(loss.cell(&reads, 0, 0), Some(2.712_5));
        // dW + λ·W: 0.5 + 0.1·(−2) = 0.3
        let grad = Op::Decay(Decay::Grad { lambda: 0.1 });
        let reads = [
            Operand::new(
                Kind::Grad(Param::Weights),
                "dW",
                &array![[0.0, 0.5], [1.0, 1.0]],
            ),
            Operand::new(Kind::Param(Param::Weights), "W", &w),
        ];
        assert_eq!(grad.cell(&reads, 0, 1), Some(0.5 + 0.1 * -2.0));
        let writes = Operand::new(
            Kind::Grad(Param::Weights),
            "dW",
            &array![[0.1, 0.3], [1.3, 1.05]],
        );
        let e = grad.explain(&reads, &writes, 0, 1).unwrap();
        assert_eq!(e.rule, "dW[0,1] = dW[0,1] + λ·W[0,1]");
        assert_eq!(e.terms[0].numbers.to_string(), "0.5000 + 0.1·(-2.0000)");
        assert_eq!(
            grad.numpy(&["dW".into(), "W".into()]),
            "dW + self.weight_decay_lambda * W"
        );
    }
}
