//! The layers of chapter 5: one enum, forward and backward side by side.
//!
//! Each layer's forward returns its output and a named cache — exactly what its backward needs:
//! ReLU keeps the mask, Sigmoid and Softmax keep `y`, Affine and Mul keep `x`, Softmax-with-Loss
//! keeps `y` and `t`. The cache also remembers which forward step wrote it, so the tape can say
//! "uses the mask cached at forward step 3". Every layer records its visible sub-steps through a
//! [`Recorder`]; the maths is the same whether or not anybody records.

mod affine;
mod elementwise;
mod relu;
mod sigmoid;
mod softmax;

use anyhow::{Result, ensure};

use super::Matrix;
use super::format::count;
use super::tape::{Operand, Recorder, StepDraft};
use crate::engine::op::Op;

pub use affine::AffineCache;
pub use elementwise::{AddCache, MulCache};
pub use relu::ReluCache;
pub use sigmoid::SigmoidCache;
pub(crate) use softmax::loss_recorded;
pub use softmax::{
    LOG_EPSILON, LossCache, SoftmaxCache, cross_entropy, cross_entropy_row, softmax_row,
    softmax_rows,
};

/// The kinds of layer, as written in a preset's `type` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LayerKind {
    /// `Y = X·W + b`
    Affine,
    /// `out = max(0, x)` with its mask
    Relu,
    /// `y = 1 / (1 + exp(−x))`
    Sigmoid,
    /// row-wise softmax
    Softmax,
    /// softmax + cross-entropy loss
    SoftmaxWithLoss,
    /// `out = x ⊙ w` (the buy-apple multiply node)
    Mul,
    /// `out = x + b` (the add node)
    Add,
}

/// A point where a layer's function has no derivative (ReLU's corner at 0). Near one, a
/// central difference straddles two slopes and measures neither; the gradient check and the
/// Jacobian view say so instead of calling it a mismatch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kink {
    /// The input value of the kink.
    pub at: f64,
    /// The slopes left and right of it.
    pub slopes: (f64, f64),
    /// The slope the layer's backward uses exactly at the kink.
    pub backward_slope: f64,
}

impl Kink {
    /// The slope a central difference measures at `x` with step `h` when the kink lies inside
    /// `[x − h, x + h]`: the two sides weighted by how much of the step falls on each.
    pub fn straddled_slope(&self, x: f64, h: f64) -> f64 {
        let left = ((self.at - (x - h)) / (2.0 * h)).clamp(0.0, 1.0);
        left * self.slopes.0 + (1.0 - left) * self.slopes.1
    }
}

impl LayerKind {
    /// The points where this kind of layer has no derivative, elementwise in its input: ReLU's
    /// 0; none for the smooth layers.
    pub fn kinks(self) -> &'static [Kink] {
        match self {
            LayerKind::Relu => relu::kinks(),
            _ => &[],
        }
    }

    /// Every kind, in the order the help lists them.
    pub const ALL: [LayerKind; 7] = [
        LayerKind::Affine,
        LayerKind::Relu,
        LayerKind::Sigmoid,
        LayerKind::Softmax,
        LayerKind::SoftmaxWithLoss,
        LayerKind::Mul,
        LayerKind::Add,
    ];

    /// The preset spelling: `affine`, `relu`, `softmax_with_loss`, …
    pub fn as_str(self) -> &'static str {
        match self {
            LayerKind::Affine => "affine",
            LayerKind::Relu => "relu",
            LayerKind::Sigmoid => "sigmoid",
            LayerKind::Softmax => "softmax",
            LayerKind::SoftmaxWithLoss => "softmax_with_loss",
            LayerKind::Mul => "mul",
            LayerKind::Add => "add",
        }
    }

    /// Parse the preset spelling.
    pub fn parse(s: &str) -> Option<LayerKind> {
        LayerKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What the layer's steps call its input: `X` for Affine, else `x`.
    pub fn input_name(self) -> &'static str {
        if self == LayerKind::Affine { "X" } else { "x" }
    }

    /// What the layer's steps call its forward output: `Y`, `y` or `out`.
    pub fn output_name(self) -> &'static str {
        match self {
            LayerKind::Affine => "Y",
            LayerKind::Sigmoid | LayerKind::Softmax | LayerKind::SoftmaxWithLoss => "y",
            _ => "out",
        }
    }

    /// What the layer's backward steps call the gradient arriving at its output: `dY` or `dout`.
    pub fn dout_name(self) -> &'static str {
        if self == LayerKind::Affine {
            "dY"
        } else {
            "dout"
        }
    }

    /// The default display name (`Affine`, `ReLU`, `Softmax-with-Loss`, …).
    pub fn display(self) -> &'static str {
        match self {
            LayerKind::Affine => "Affine",
            LayerKind::Relu => "ReLU",
            LayerKind::Sigmoid => "Sigmoid",
            LayerKind::Softmax => "Softmax",
            LayerKind::SoftmaxWithLoss => "Softmax-with-Loss",
            LayerKind::Mul => "Mul",
            LayerKind::Add => "Add",
        }
    }
}

/// One layer with its parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum Layer {
    /// `Y = X·W + b`; `W` is D×H, `b` is 1×H (added to every row).
    Affine {
        /// Weights, D×H.
        w: Matrix,
        /// Bias, 1×H.
        b: Matrix,
    },
    /// ReLU.
    Relu,
    /// Sigmoid.
    Sigmoid,
    /// Softmax over each row.
    Softmax,
    /// Softmax then the mean cross-entropy against targets `t`.
    SoftmaxWithLoss,
    /// `x ⊙ w`, `w` of x's shape or 1×1.
    Mul {
        /// The other factor.
        w: Matrix,
    },
    /// `x + b`, `b` of x's shape or 1×1.
    Add {
        /// The other term.
        b: Matrix,
    },
}

/// What a layer's backward needs from its forward.
#[derive(Debug, Clone)]
pub enum Cache {
    /// Affine keeps `x`.
    Affine(AffineCache),
    /// ReLU keeps the mask.
    Relu(ReluCache),
    /// Sigmoid keeps `y`.
    Sigmoid(SigmoidCache),
    /// Softmax keeps `y`.
    Softmax(SoftmaxCache),
    /// Softmax-with-Loss keeps `y`, `t` and the loss.
    Loss(LossCache),
    /// Mul keeps `x`.
    Mul(MulCache),
    /// Add keeps nothing but shapes.
    Add(AddCache),
}

/// A gradient with respect to one parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Grad {
    /// Parameter name: `W`, `b` or `w`.
    pub name: &'static str,
    /// The gradient, the shape of the parameter.
    pub value: Matrix,
}

impl Layer {
    /// The kind of this layer.
    pub fn kind(&self) -> LayerKind {
        match self {
            Layer::Affine { .. } => LayerKind::Affine,
            Layer::Relu => LayerKind::Relu,
            Layer::Sigmoid => LayerKind::Sigmoid,
            Layer::Softmax => LayerKind::Softmax,
            Layer::SoftmaxWithLoss => LayerKind::SoftmaxWithLoss,
            Layer::Mul { .. } => LayerKind::Mul,
            Layer::Add { .. } => LayerKind::Add,
        }
    }

    /// The parameters, by name.
    pub fn params(&self) -> Vec<(&'static str, &Matrix)> {
        match self {
            Layer::Affine { w, b } => vec![("W", w), ("b", b)],
            Layer::Mul { w } => vec![("w", w)],
            Layer::Add { b } => vec![("b", b)],
            _ => vec![],
        }
    }

    /// Mutable access to the parameter called `name`.
    pub fn param_mut(&mut self, name: &str) -> Option<&mut Matrix> {
        match (self, name) {
            (Layer::Affine { w, .. }, "W") | (Layer::Mul { w }, "w") => Some(w),
            (Layer::Affine { b, .. }, "b") | (Layer::Add { b }, "b") => Some(b),
            _ => None,
        }
    }

    /// Whether the layer's own parameters agree with each other (Affine: b has one value per
    /// column of W), whatever the input; the error names the parameters, not the input.
    pub fn check_parameters(&self) -> Result<()> {
        if let Layer::Affine { w, b } = self {
            ensure!(
                b.dim() == (1, w.ncols()),
                "b has {} but W is {}×{}: b needs one value per column of W, {}",
                count(b.len(), "value"),
                w.nrows(),
                w.ncols(),
                w.ncols()
            );
        }
        Ok(())
    }

    /// The output shape for an input of shape `input`, or why this layer cannot take it.
    pub fn output_shape(&self, input: (usize, usize)) -> Result<(usize, usize)> {
        let (n, d) = input;
        match self {
            Layer::Affine { w, .. } => {
                ensure!(
                    w.nrows() == d,
                    "W is {}×{} but the input has {d} columns: W needs {d} rows",
                    w.nrows(),
                    w.ncols()
                );
                self.check_parameters()?;
                Ok((n, w.ncols()))
            }
            Layer::Mul { w: p } | Layer::Add { b: p } => {
                let name = if matches!(self, Layer::Mul { .. }) {
                    "w"
                } else {
                    "b"
                };
                ensure!(
                    p.dim() == input || p.dim() == (1, 1),
                    "{name} is {}×{} but the input is {n}×{d}: {name} must be {n}×{d} or 1×1",
                    p.nrows(),
                    p.ncols()
                );
                Ok(input)
            }
            _ => Ok(input),
        }
    }

    /// Forward: the output and the cache backward needs. `t` (one-hot, N×K) is required by
    /// Softmax-with-Loss and ignored by the rest.
    pub fn forward(
        &self,
        x: &Matrix,
        t: Option<&Matrix>,
        rec: &mut impl Recorder,
    ) -> Result<(Matrix, Cache)> {
        self.output_shape(x.dim())?;
        Ok(match self {
            Layer::Affine { w, b } => {
                let (y, c) = affine::forward(x, w, b, rec);
                (y, Cache::Affine(c))
            }
            Layer::Relu => {
                let (y, c) = relu::forward(x, rec);
                (y, Cache::Relu(c))
            }
            Layer::Sigmoid => {
                let (y, c) = sigmoid::forward(x, rec);
                (y, Cache::Sigmoid(c))
            }
            Layer::Softmax => {
                let (y, c) = softmax::forward(x, rec);
                (y, Cache::Softmax(c))
            }
            Layer::SoftmaxWithLoss => {
                let t = t.ok_or_else(|| anyhow::anyhow!("Softmax-with-Loss needs targets t"))?;
                ensure!(
                    t.dim() == x.dim(),
                    "t is {}×{} but the scores are {}×{}",
                    t.nrows(),
                    t.ncols(),
                    x.nrows(),
                    x.ncols()
                );
                let (y, c) = softmax::forward_loss(x, t, rec);
                (y, Cache::Loss(c))
            }
            Layer::Mul { w } => {
                let (y, c) = elementwise::mul_forward(x, w, rec);
                (y, Cache::Mul(c))
            }
            Layer::Add { b } => {
                let (y, c) = elementwise::add_forward(x, b, rec);
                (y, Cache::Add(c))
            }
        })
    }

    /// Backward: `dx` and the parameter gradients, from `dout` = ∂L/∂out and the forward cache.
    /// Softmax-with-Loss ignores `dout` (it is ∂L/∂L = 1).
    pub fn backward(
        &self,
        cache: &Cache,
        dout: &Matrix,
        rec: &mut impl Recorder,
    ) -> Result<(Matrix, Vec<Grad>)> {
        Ok(match (self, cache) {
            (Layer::Affine { w, .. }, Cache::Affine(c)) => {
                ensure!(
                    dout.dim() == (c.x.nrows(), w.ncols()),
                    "dY is {}×{}, expected {}×{}",
                    dout.nrows(),
                    dout.ncols(),
                    c.x.nrows(),
                    w.ncols()
                );
                let (dx, dw, db) = affine::backward(c, w, dout, rec);
                (
                    dx,
                    vec![
                        Grad {
                            name: "W",
                            value: dw,
                        },
                        Grad {
                            name: "b",
                            value: db,
                        },
                    ],
                )
            }
            (Layer::Relu, Cache::Relu(c)) => {
                ensure!(
                    dout.dim() == c.mask.dim(),
                    "dout does not match the mask's shape"
                );
                (relu::backward(c, dout, rec), vec![])
            }
            (Layer::Sigmoid, Cache::Sigmoid(c)) => {
                ensure!(dout.dim() == c.y.dim(), "dout does not match y's shape");
                (sigmoid::backward(c, dout, rec), vec![])
            }
            (Layer::Softmax, Cache::Softmax(c)) => {
                ensure!(dout.dim() == c.y.dim(), "dout does not match y's shape");
                (softmax::backward(c, dout, rec), vec![])
            }
            (Layer::SoftmaxWithLoss, Cache::Loss(c)) => (softmax::backward_loss(c, rec), vec![]),
            (Layer::Mul { w }, Cache::Mul(c)) => {
                ensure!(dout.dim() == c.x.dim(), "dout does not match x's shape");
                let (dx, dw) = elementwise::mul_backward(c, w, dout, rec);
                (
                    dx,
                    vec![Grad {
                        name: "w",
                        value: dw,
                    }],
                )
            }
            (Layer::Add { b }, Cache::Add(c)) => {
                ensure!(dout.dim() == c.x_dim, "dout does not match x's shape");
                let (dx, db) = elementwise::add_backward(b, dout, rec);
                (
                    dx,
                    vec![Grad {
                        name: "b",
                        value: db,
                    }],
                )
            }
            _ => anyhow::bail!(
                "the cache given to {}'s backward came from another kind of layer",
                self.kind().display()
            ),
        })
    }
}

/// Build a [`StepDraft`]; a shorthand for the layers.
pub(crate) fn draft(
    op: Op,
    label: &str,
    formula: &str,
    reads: Vec<Operand>,
    writes: Operand,
    note: String,
) -> StepDraft {
    StepDraft {
        op,
        label: label.to_string(),
        formula: formula.to_string(),
        reads,
        writes,
        note,
    }
}

/// Sum every cell into a 1×1 matrix (the gradient of a broadcast scalar).
pub(crate) fn sum_all(m: &Matrix) -> Matrix {
    Matrix::from_elem((1, 1), m.sum())
}
