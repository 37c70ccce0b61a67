//! What every element-wise layer shares, so that one (Sigmoid, tanh, exp, log, 1/x) is a short
//! definition of the facts only it knows.
//!
//! An element-wise layer applies one scalar function to every cell, `y = f(x)`, shown as one
//! forward step per function of its [`Elementwise::CHAIN`] (Sigmoid: `exp(−·)`, `1 + ·`, `1 / ·`;
//! tanh: `tanh`). Its backward reads one kept matrix, the input x or the output y
//! ([`Elementwise::KEEP`]), because f′ can be written in either (log: `1/x`; Sigmoid: `y(1 − y)`;
//! tanh: `1 − y²`). The layer supplies its NumPy lines and notes for those steps, its backward
//! steps (most are one step, built with [`dx_step`]), its Jacobian sentence and, where f has one,
//! its domain. Everything else — the cache, the shape check of `dout`, the domain error, the
//! numerical gradient's fast path (f cell by cell), the rounding bound — is here, once.

use std::borrow::Cow;

use anyhow::Result;

use super::{Grad, LayerType, Names, NodeNames, OutOfDomain, ensure_dout};
use crate::engine::Matrix;
use crate::engine::check::{Delta, map_cells};
use crate::engine::op::{Op, UnaryFn};
use crate::engine::operand::Kind;
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::short;

/// Which matrix an element-wise layer's backward reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The input x (log: `dx = dout / x`).
    Input,
    /// The output y (Sigmoid: `dx = dout ⊙ y(1 − y)`).
    Output,
}

/// What an element-wise layer's backward reads: the matrix it [keeps](Elementwise::KEEP).
#[derive(Debug, Clone)]
pub struct ElementwiseCache {
    /// The input x or the output y of the forward pass.
    pub kept: Matrix,
    /// The tape index of the forward step that read x (its first) or wrote y (its last).
    pub step: Option<usize>,
}

/// The facts of one element-wise layer; [`LayerType`] follows from them.
pub trait Elementwise: Clone + std::fmt::Debug + PartialEq {
    /// The preset spelling of `type`.
    const TYPE: &'static str;
    /// The default display name.
    const DISPLAY: &'static str;
    /// What its steps call input, output and arriving gradient.
    const NAMES: Names = super::BOOK_NAMES;
    /// The matrix backward reads.
    const KEEP: Keep;
    /// The functions forward applies in turn, one step each; f is their composition.
    const CHAIN: &'static [UnaryFn];
    /// What the forward steps call the values between two functions of the chain (Sigmoid: `e`,
    /// `s`), one fewer than the chain.
    const BETWEEN: &'static [&'static str] = &[];

    /// Whether f is defined at `v` (log: above 0). Forward stops with an error at the first
    /// cell outside; the numerical gradient gets NaN there.
    fn in_domain(_v: f64) -> bool {
        true
    }

    /// The error for the input cell `at` (`x[1,0]`) holding `v` outside the domain.
    fn outside_domain(&self, at: &str, v: f64) -> String {
        crate::t!(
            "err-outside-domain",
            at = at,
            v = short(v),
            layer = Self::DISPLAY
        )
    }

    /// What the steps call the input and output (a graph node: its source and its own name)
    /// and the gradient (`dx`); by default those of [`Elementwise::NAMES`].
    fn names(&self) -> Cow<'_, NodeNames> {
        Cow::Owned(fixed_names(Self::NAMES.output))
    }

    /// Forward step `i` (one per function of the chain) given the matrix it read and the one it
    /// wrote: the draft with its NumPy line and note.
    fn forward_words(&self, i: usize, from: &Matrix, to: &Matrix, draft: StepDraft) -> StepDraft;

    /// Backward: `dx` from `dout` (checked to have the kept matrix's shape), recording its steps.
    fn backward_steps<R: Recorder>(
        &self,
        cache: &ElementwiseCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Matrix;

    /// One sentence on the Jacobian (diagonal, with f′ on it) and how backward's shortcut uses it.
    fn jacobian_sentence(&self) -> String;

    /// How far rounding in f and f′ can move the objective, in units of ε (see
    /// [`LayerType::rounding`]): a few correctly rounded operations per cell.
    fn rounding_bound(&self, out: &Matrix, dout: &Matrix) -> f64 {
        crate::engine::check::rounding::elementwise(out, dout)
    }
}

/// An activation's operand names: `x` in, `y` out (Sigmoid, tanh).
pub const ACTIVATION_NAMES: Names = Names {
    input: "x",
    output: "y",
    dout: "dout",
};

/// The names of a layer with fixed operand names (`x` in, `out` or `y` out, `dx`).
pub fn fixed_names(out: &str) -> NodeNames {
    NodeNames {
        out: out.into(),
        ..NodeNames::chain("")
    }
}

/// A one-step backward's draft with its operands: reads `dout` and the kept matrix, writes `dx`.
pub fn dx_step<A: Elementwise>(
    layer: &A,
    cache: &ElementwiseCache,
    dout: &Matrix,
    dx: &Matrix,
    draft: StepDraft,
) -> StepDraft {
    let n = layer.names();
    let (kind, kept) = match A::KEEP {
        Keep::Input => (Kind::Input, &n.x),
        Keep::Output => (Kind::Output, &n.out),
    };
    draft
        .read(Kind::Dout, "dout", dout)
        .cached(kind, kept, &cache.kept, cache.step)
        .writes(Kind::Dx, &n.grad(0), dx)
}

/// f at one number: the chain composed, NaN outside the domain.
fn f<A: Elementwise>(v: f64) -> f64 {
    if A::in_domain(v) {
        A::CHAIN.iter().fold(v, |a, f| f.apply(a))
    } else {
        f64::NAN
    }
}

impl<A: Elementwise> LayerType for A {
    type Cache = ElementwiseCache;
    const TYPE: &'static str = <A as Elementwise>::TYPE;
    const DISPLAY: &'static str = <A as Elementwise>::DISPLAY;
    const NAMES: Names = <A as Elementwise>::NAMES;

    /// One step per function of the chain; the cache keeps x or y.
    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, ElementwiseCache)> {
        if let Some(((r, c), &v)) = x.indexed_iter().find(|(_, v)| !A::in_domain(**v)) {
            let at = format!("{}[{r},{c}]", self.names().x);
            return Err(OutOfDomain(self.outside_domain(&at, v)).into());
        }
        let last = A::CHAIN.len().saturating_sub(1);
        let mut value = x.clone();
        let mut kept_step = None;
        for (i, func) in A::CHAIN.iter().enumerate() {
            let next = value.mapv(|v| func.apply(v));
            let step = rec.record(|| {
                let n = self.names();
                let (from_kind, from) = match i {
                    0 => (Kind::Input, n.x.as_str()),
                    _ => (
                        Kind::Temp(i as u8 - 1),
                        A::BETWEEN.get(i - 1).copied().unwrap_or("·"),
                    ),
                };
                let (to_kind, to) = match A::BETWEEN.get(i) {
                    Some(&name) if i < last => (Kind::Temp(i as u8), name),
                    _ => (Kind::Output, n.out.as_str()),
                };
                let label = func.show(if i == 0 { from } else { "·" });
                let draft = StepDraft::new(
                    Op::Unary(*func),
                    &label,
                    &format!("{to} = {}", func.show(from)),
                )
                .read(from_kind, from, &value)
                .writes(to_kind, to, &next);
                self.forward_words(i, &value, &next, draft)
            });
            let keeps = match A::KEEP {
                Keep::Input => i == 0,
                Keep::Output => i == last,
            };
            if keeps {
                kept_step = step;
            }
            value = next;
        }
        let kept = match A::KEEP {
            Keep::Input => x.clone(),
            Keep::Output => value.clone(),
        };
        Ok((
            value,
            ElementwiseCache {
                kept,
                step: kept_step,
            },
        ))
    }

    fn backward<R: Recorder>(
        &self,
        cache: &ElementwiseCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dout, cache.kept.dim(), "dout")?;
        Ok((self.backward_steps(cache, dout, rec), vec![]))
    }

    fn jacobian(&self, _: (usize, usize), _: (usize, usize)) -> String {
        Elementwise::jacobian_sentence(self)
    }

    fn propagate(&self, _x: &Matrix, _y: &Matrix, delta: Delta) -> Delta {
        map_cells(delta, &|v, _| f::<A>(v))
    }

    fn rounding(&self, _x: &Matrix, out: &Matrix, dout: &Matrix, _dx: &Matrix) -> f64 {
        Elementwise::rounding_bound(self, out, dout)
    }
}
