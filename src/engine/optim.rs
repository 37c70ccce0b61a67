//! The optimizers of chapter 6 (the book's `common/optimizer.py`): SGD, Momentum, AdaGrad, Adam.
//!
//! [`Optimizer::update`] moves every parameter by its gradient and keeps the optimizer's state (the
//! velocity `v`, the history `h`, the moments `m` and `v`), created as zeros on the first update
//! like the book does. Asked to, it also returns each elementary update as an [`UpdateDraft`]
//! (the operands before and after, the formula, a note), which the tape records in its update
//! phase; the state is an operand like any other matrix.
//!
//! | optimizer | rule | defaults |
//! |---|---|---|
//! | SGD | `W ← W − lr·dW` | lr 0.1 (train_neuralnet.py's; the SGD class's own default is 0.01) |
//! | Momentum | `v ← α·v − lr·dW;  W ← W + v` | lr 0.01, α 0.9 |
//! | AdaGrad | `h ← h + dW⊙dW;  W ← W − lr·dW/(√h + 1e-7)` | lr 0.01 |
//! | Adam | `m ← m + (1−β1)(dW − m);  v ← v + (1−β2)(dW² − v);  W ← W − lr_t·m/(√v + 1e-7)`, `lr_t = lr·√(1−β2ᵗ)/(1−β1ᵗ)` | lr 0.001, β1 0.9, β2 0.999 |

mod record;
mod rule;

use record::Rec;

use anyhow::{Context, Result, ensure};

pub use rule::{ROOT_EPS, UpdateRule, sig};

use super::Matrix;
use super::op::Op;
use super::operand::{Kind, OptState, Param};
use super::tape::StepDraft;
use crate::i18n::format::{self, shape, short};

/// Which optimizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OptimizerKind {
    /// Plain stochastic gradient descent.
    Sgd,
    /// SGD with momentum.
    Momentum,
    /// AdaGrad: a learning rate per cell that shrinks with its gradients' history.
    AdaGrad,
    /// Adam: momentum plus AdaGrad-like scaling, with bias correction.
    Adam,
}

impl OptimizerKind {
    /// Every optimizer, in the book's order (`o` on the training screen cycles through them).
    pub const ALL: [OptimizerKind; 4] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::AdaGrad,
        OptimizerKind::Adam,
    ];

    /// The spelling of presets, flags and JSON: `sgd`, `momentum`, `adagrad`, `adam`.
    pub fn as_str(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::AdaGrad => "adagrad",
            OptimizerKind::Adam => "adam",
        }
    }

    /// Parse the spelling.
    pub fn parse(s: &str) -> Option<OptimizerKind> {
        OptimizerKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The default learning rate: SGD's 0.1 is train_neuralnet.py's `learning_rate` (the book's
    /// SGD class defaults to 0.01); the others are common/optimizer.py's defaults.
    pub fn default_lr(self) -> f64 {
        match self {
            OptimizerKind::Sgd => 0.1,
            OptimizerKind::Momentum | OptimizerKind::AdaGrad => 0.01,
            OptimizerKind::Adam => 0.001,
        }
    }

    /// The next one in [`OptimizerKind::ALL`], wrapping.
    pub fn next(self) -> OptimizerKind {
        let i = OptimizerKind::ALL
            .iter()
            .position(|&k| k == self)
            .unwrap_or(0);
        OptimizerKind::ALL[(i + 1) % OptimizerKind::ALL.len()]
    }
}

/// An optimizer and its hyper-parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptimizerConfig {
    /// Which optimizer.
    pub kind: OptimizerKind,
    /// The learning rate.
    pub lr: f64,
    /// Momentum's α.
    pub momentum: f64,
    /// Adam's β1.
    pub beta1: f64,
    /// Adam's β2.
    pub beta2: f64,
}

impl OptimizerConfig {
    /// The book's defaults for `kind`.
    pub fn defaults(kind: OptimizerKind) -> Self {
        OptimizerConfig {
            kind,
            lr: kind.default_lr(),
            momentum: 0.9,
            beta1: 0.9,
            beta2: 0.999,
        }
    }

    /// Check the numbers: a positive finite learning rate, α, β1 and β2 in [0, 1).
    pub fn validate(&self) -> Result<()> {
        ensure!(
            self.lr.is_finite() && self.lr > 0.0,
            crate::t!("err-lr-positive", lr = format::given(self.lr))
        );
        for (name, v) in [
            ("momentum", self.momentum),
            ("beta1", self.beta1),
            ("beta2", self.beta2),
        ] {
            ensure!(
                (0.0..1.0).contains(&v),
                crate::t!("err-optim-range", name = name, value = format::given(v))
            );
        }
        Ok(())
    }
}

/// One parameter handed to the optimizer: where it lives, its value and its gradient.
#[derive(Debug)]
pub struct ParamRef<'a> {
    /// Index of the layer.
    pub layer: usize,
    /// Which parameter (its key `W`, `b`, … names it).
    pub param: Param,
    /// The value, moved in place.
    pub value: &'a mut Matrix,
    /// Its gradient.
    pub grad: &'a Matrix,
}

/// One elementary update, ready for the tape: the step (`Op::Update` with its rule, which also
/// explains every cell) and the layer whose parameter or state it writes.
#[derive(Debug, Clone)]
pub struct UpdateDraft {
    /// Index of the layer whose parameter moves.
    pub layer: usize,
    /// The step as the tape records it.
    pub step: StepDraft,
}

impl UpdateDraft {
    /// The update rule the step applies.
    pub fn rule(&self) -> Option<UpdateRule> {
        match self.step.op {
            Op::Update(rule) => Some(rule),
            _ => None,
        }
    }
}

/// The state kept for one parameter: `v` (Momentum), `h` (AdaGrad) or `m` and `v` (Adam).
#[derive(Debug, Clone, PartialEq, Default)]
struct Slot {
    first: Option<Matrix>,
    second: Option<Matrix>,
}

/// An optimizer with its state.
#[derive(Debug, Clone, PartialEq)]
pub struct Optimizer {
    config: OptimizerConfig,
    slots: Vec<Slot>,
    /// Updates made so far (Adam's `t`).
    updates: u64,
}

impl Optimizer {
    /// A fresh optimizer (no state yet); errors on bad hyper-parameters.
    pub fn new(config: OptimizerConfig) -> Result<Self> {
        config.validate()?;
        Ok(Optimizer {
            config,
            slots: Vec::new(),
            updates: 0,
        })
    }

    /// The hyper-parameters.
    pub fn config(&self) -> &OptimizerConfig {
        &self.config
    }

    /// Change the learning rate (the state is kept).
    pub fn set_lr(&mut self, lr: f64) -> Result<()> {
        let config = OptimizerConfig { lr, ..self.config };
        config.validate()?;
        self.config = config;
        Ok(())
    }

    /// How many updates were made.
    pub fn updates(&self) -> u64 {
        self.updates
    }

    /// The state matrices of parameter number `index` (in the order the parameters are passed),
    /// by name: `[("v", …)]`, `[("h", …)]`, `[("m", …), ("v", …)]`; empty for SGD or before the
    /// first update.
    pub fn state(&self, index: usize) -> Vec<(&'static str, &Matrix)> {
        let Some(slot) = self.slots.get(index) else {
            return vec![];
        };
        let names: &[&'static str] = match self.config.kind {
            OptimizerKind::Sgd => &[],
            OptimizerKind::Momentum => &["v"],
            OptimizerKind::AdaGrad => &["h"],
            OptimizerKind::Adam => &["m", "v"],
        };
        names
            .iter()
            .zip([&slot.first, &slot.second])
            .filter_map(|(n, m)| m.as_ref().map(|m| (*n, m)))
            .collect()
    }

    /// Adam's bias-corrected learning rate at update number `t` (from 1).
    pub fn adam_lr(&self, t: u64) -> f64 {
        let c = &self.config;
        let t = t.min(i32::MAX as u64) as i32;
        c.lr * (1.0 - c.beta2.powi(t)).sqrt() / (1.0 - c.beta1.powi(t))
    }

    /// Move every parameter once ([`Optimizer::begin`], then [`Optimizer::update_one`] for each).
    /// With `record`, return each elementary update as a draft (this clones the operands; without
    /// it nothing is copied).
    pub fn update(
        &mut self,
        params: &mut [ParamRef<'_>],
        record: bool,
    ) -> Result<Vec<UpdateDraft>> {
        self.begin(params.len())?;
        let mut drafts = Vec::new();
        for (index, p) in params.iter_mut().enumerate() {
            drafts.extend(self.update_one(index, p, record)?);
        }
        Ok(drafts)
    }

    /// Start an update of `count` parameters: count it (Adam's `t`) and make room for the state.
    pub fn begin(&mut self, count: usize) -> Result<()> {
        if self.slots.len() != count {
            ensure!(
                self.slots.is_empty(),
                crate::t!(
                    "err-optim-count",
                    made = self.slots.len(),
                    count = count.to_string()
                )
            );
            self.slots = vec![Slot::default(); count];
        }
        self.updates += 1;
        Ok(())
    }

    /// Move parameter number `index` (in the order of every update) after [`Optimizer::begin`].
    pub fn update_one(
        &mut self,
        index: usize,
        p: &mut ParamRef<'_>,
        record: bool,
    ) -> Result<Vec<UpdateDraft>> {
        let lr_t = self.adam_lr(self.updates);
        let c = self.config;
        let t = self.updates;
        let count = self.slots.len();
        let slot = self.slots.get_mut(index).with_context(|| {
            crate::t!(
                "err-optim-index",
                index = index.to_string(),
                count = count.to_string()
            )
        })?;
        let mut drafts = Vec::new();
        ensure!(
            p.value.dim() == p.grad.dim(),
            crate::t!(
                "err-optim-shape",
                key = p.param.key(),
                grad = shape(p.grad),
                value = shape(p.value)
            )
        );
        let dim = p.grad.dim();
        let zeros = || Matrix::zeros(dim);
        let key = p.param.key();
        let mut rec = Rec {
            on: record,
            layer: p.layer,
            param: p.param,
            drafts: &mut drafts,
        };
        let own = Kind::Param(p.param);
        match c.kind {
            OptimizerKind::Sgd => {
                let note = crate::msg!("optim-sgd", lr = short(c.lr));
                let rule = UpdateRule::Sgd { lr: c.lr };
                rec.step(rule, own, &mut *p.value, [p.grad, p.grad], note);
            }
            OptimizerKind::Momentum => {
                let v = slot.first.get_or_insert_with(zeros);
                let note = crate::msg!("optim-velocity", momentum = short(c.momentum), key = key);
                let rule = UpdateRule::Velocity {
                    momentum: c.momentum,
                    lr: c.lr,
                };
                rec.step(
                    rule,
                    Kind::State(OptState::Velocity),
                    v,
                    [p.grad, p.grad],
                    note,
                );
                let note = crate::msg!("optim-add-velocity", key = key);
                rec.step(
                    UpdateRule::AddVelocity,
                    own,
                    &mut *p.value,
                    [&*v, &*v],
                    note,
                );
            }
            OptimizerKind::AdaGrad => {
                let h = slot.first.get_or_insert_with(zeros);
                let note = crate::msg!("optim-adagrad-history", key = key);
                let state = Kind::State(OptState::History);
                rec.step(
                    UpdateRule::AccumulateSquare,
                    state,
                    h,
                    [p.grad, p.grad],
                    note,
                );
                let note = crate::msg!("optim-adagrad-step", lr = short(c.lr));
                let rule = UpdateRule::AdaGradStep { lr: c.lr };
                rec.step(rule, own, &mut *p.value, [p.grad, &*h], note);
            }
            OptimizerKind::Adam => {
                let m = slot.first.get_or_insert_with(zeros);
                let note = crate::msg!("optim-adam-m", key = key, beta1 = short(c.beta1));
                let rule = UpdateRule::FirstMoment { beta1: c.beta1 };
                rec.step(
                    rule,
                    Kind::State(OptState::FirstMoment),
                    m,
                    [p.grad, p.grad],
                    note,
                );
                let v = slot.second.get_or_insert_with(zeros);
                let note = crate::msg!("optim-adam-v", key = key, beta2 = short(c.beta2));
                let rule = UpdateRule::SecondMoment { beta2: c.beta2 };
                rec.step(
                    rule,
                    Kind::State(OptState::SecondMoment),
                    v,
                    [p.grad, p.grad],
                    note,
                );
                let note = crate::msg!(
                    "optim-adam-step",
                    t = t,
                    lr = short(c.lr),
                    beta2 = short(c.beta2),
                    beta1 = short(c.beta1),
                    lr_t = sig(lr_t)
                );
                let rule = UpdateRule::AdamStep { lr_t };
                rec.step(rule, own, &mut *p.value, [&*m, &*v], note);
            }
        }
        Ok(drafts)
    }
}

#[cfg(test)]
mod tests;
