//! The layers: one file each, one line each in the list at the bottom of this file.
//!
//! A layer is a type implementing [`LayerType`] in its own file (`layer/relu.rs`, …): its forward
//! and backward side by side, each recording its visible steps (with their NumPy lines) through a
//! [`Recorder`]; the cache its backward reads (ReLU: the mask; Sigmoid: y; Affine: x;
//! Softmax-with-Loss: y and t); the sentence on its Jacobian's structure; and, optionally, a fast
//! path for the numerical gradient (the default reruns the real forward, so it is right by
//! construction). The [`layers!`] list turns those types into the [`Layer`], [`Cache`] and
//! [`LayerKind`] enums; nothing else in the engine names a layer.

mod add;
mod affine;
mod batch_norm;
mod conv_relu_pool;
mod convolution;
mod dropout;
mod elementwise;
mod exp;
mod layer_type;
mod log;
mod mul;
mod node_names;
mod pooling;
mod reciprocal;
mod relu;
mod sigmoid;
mod softmax;
mod softmax_loss;
mod tanh;

use anyhow::{Result, bail};
use ndarray::{Array1, ArrayView2};

use super::Matrix;
use super::check::Delta;
use super::operand::Param;
use super::tape::Recorder;
use super::tensor::ImageShape;

pub use add::{Add, AddCache};
pub use affine::{Affine, AffineCache};
pub use batch_norm::{BN_EPS, BatchNorm, BatchNormCache};
pub use conv_relu_pool::{ConvReluPool, FusedCache};
pub use convolution::{ConvCache, Convolution};
pub use dropout::{Dropout, DropoutCache};
pub use elementwise::{Elementwise, ElementwiseCache, Keep};
pub use exp::Exp;
pub use layer_type::{BOOK_NAMES, Grad, Kink, LayerType, Names};
pub use log::Log;
pub use mul::{Mul, MulCache};
pub use node_names::{GraphNames, NodeNames};
pub use pooling::{PoolCache, Pooling, is_window_max};
pub use reciprocal::Reciprocal;
pub use relu::{Relu, ReluCache, apply_mask, relu_mask};
pub use sigmoid::Sigmoid;
pub use softmax::{Softmax, SoftmaxCache, softmax_row, softmax_rows};
pub use softmax_loss::{LOG_EPSILON, LossCache, SoftmaxWithLoss, cross_entropy, cross_entropy_row};
pub use tanh::Tanh;

/// Generates [`LayerKind`], [`Layer`] and [`Cache`] from one line per layer type.
macro_rules! layers {
    ($($(#[$doc:meta])* $variant:ident($ty:ty)),* $(,)?) => {
        /// The kinds of layer, as written in a preset's `type` field.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum LayerKind {
            $($(#[$doc])* $variant),*
        }

        /// One layer with its parameters.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Layer {
            $($(#[$doc])* $variant($ty)),*
        }

        /// What a layer's backward needs from its forward.
        #[derive(Debug, Clone)]
        #[allow(clippy::large_enum_variant)]
        pub enum Cache {
            $($(#[$doc])* $variant(<$ty as LayerType>::Cache)),*
        }

        impl LayerKind {
            /// Every kind, in the order the help lists them.
            pub const ALL: &'static [LayerKind] = &[$(LayerKind::$variant),*];

            /// The preset spelling: `affine`, `relu`, `softmax_with_loss`, …
            pub fn as_str(self) -> &'static str {
                match self { $(LayerKind::$variant => <$ty as LayerType>::TYPE),* }
            }

            /// The default display name (`Affine`, `ReLU`, `Softmax-with-Loss`, …).
            pub fn display(self) -> &'static str {
                match self { $(LayerKind::$variant => <$ty as LayerType>::DISPLAY),* }
            }

            /// The points where this kind of layer has no derivative (see [`LayerType::KINKS`]).
            pub fn kinks(self) -> &'static [Kink] {
                match self { $(LayerKind::$variant => <$ty as LayerType>::KINKS),* }
            }

            /// What the layer's steps call its input, output and arriving gradient.
            pub fn names(self) -> Names {
                match self { $(LayerKind::$variant => <$ty as LayerType>::NAMES),* }
            }

            /// True when the default name always carries a number (`Dropout1`).
            pub fn numbered(self) -> bool {
                match self { $(LayerKind::$variant => <$ty as LayerType>::NUMBERED),* }
            }

            /// True for a loss layer (it ends the chain and starts backward).
            pub fn is_loss(self) -> bool {
                match self { $(LayerKind::$variant => <$ty as LayerType>::IS_LOSS),* }
            }
        }

        impl Layer {
            /// The kind of this layer.
            pub fn kind(&self) -> LayerKind {
                match self { $(Layer::$variant(_) => LayerKind::$variant),* }
            }

            /// True for a 1-D parameter (JSON writes it as a flat array).
            pub fn is_vector(&self, param: Param) -> bool {
                match self { $(Layer::$variant(_) => <$ty as LayerType>::VECTORS.contains(&param)),* }
            }

            /// The trainable parameters with their values.
            pub fn param_list(&self) -> Vec<(Param, &Matrix)> {
                match self { $(Layer::$variant(l) => l.params()),* }
            }

            /// Mutable access to one parameter.
            pub fn param(&mut self, param: Param) -> Option<&mut Matrix> {
                match self { $(Layer::$variant(l) => l.param_mut(param)),* }
            }

            /// Whether the layer's own parameters agree with each other, whatever the input.
            pub fn check_parameters(&self) -> Result<()> {
                match self { $(Layer::$variant(l) => l.check_parameters()),* }
            }

            /// The output's sample shape for an input of sample shape `input` (see
            /// [`LayerType::output_image`]).
            pub fn output_image(&self, input: Option<ImageShape>) -> Result<Option<ImageShape>> {
                match self { $(Layer::$variant(l) => l.output_image(input)),* }
            }

            /// See [`LayerType::set_input_image`].
            pub fn set_input_image(&mut self, input: ImageShape) {
                match self { $(Layer::$variant(l) => l.set_input_image(input)),* }
            }

            /// See [`LayerType::param_image`].
            pub fn param_image(&self, param: Param) -> Option<ImageShape> {
                match self { $(Layer::$variant(l) => l.param_image(param)),* }
            }

            /// The output shape for an input of shape `input`, or an error saying why not.
            pub fn output_shape(&self, input: (usize, usize)) -> Result<(usize, usize)> {
                match self { $(Layer::$variant(l) => l.output_shape(input)),* }
            }

            /// Forward: the output and the cache backward needs. `t` (one-hot, N×K) is
            /// required by a loss layer and ignored by the rest.
            pub fn forward(
                &self,
                x: &Matrix,
                t: Option<&Matrix>,
                rec: &mut impl Recorder,
            ) -> Result<(Matrix, Cache)> {
                self.output_shape(x.dim())?;
                Ok(match self {
                    $(Layer::$variant(l) => {
                        let (y, c) = l.forward(x, t, rec)?;
                        (y, Cache::$variant(c))
                    })*
                })
            }

            /// Backward: `dx` and the parameter gradients, from `dout` = ∂L/∂out and the
            /// forward cache. A loss layer ignores `dout` (it is ∂L/∂L = 1).
            pub fn backward(
                &self,
                cache: &Cache,
                dout: &Matrix,
                rec: &mut impl Recorder,
            ) -> Result<(Matrix, Vec<Grad>)> {
                match (self, cache) {
                    $((Layer::$variant(l), Cache::$variant(c)) => {
                        let (dx, mut grads) = l.backward(c, dout, rec)?;
                        for g in &mut grads {
                            g.vector = <$ty as LayerType>::VECTORS.contains(&g.param);
                        }
                        Ok((dx, grads))
                    })*
                    #[allow(unreachable_patterns)]
                    _ => bail!(crate::t!(
                        "err-cache-kind",
                        layer = self.kind().display()
                    )),
                }
            }

            /// The output for prediction, without cache or steps (see [`LayerType::infer`]).
            pub fn infer(&self, x: ArrayView2<'_, f64>) -> Result<Matrix> {
                self.output_shape(x.dim())?;
                match self { $(Layer::$variant(l) => l.infer(x)),* }
            }

            /// Forward without recording and without keeping the input (see
            /// [`LayerType::forward_lean`]).
            pub fn forward_lean(&self, x: &Matrix, t: Option<&Matrix>) -> Result<(Matrix, Cache)> {
                self.output_shape(x.dim())?;
                Ok(match self {
                    $(Layer::$variant(l) => {
                        let (y, c) = l.forward_lean(x, t)?;
                        (y, Cache::$variant(c))
                    })*
                })
            }

            /// Backward without recording after [`Layer::forward_lean`], given that pass's
            /// input `x` (see [`LayerType::backward_from`]).
            pub fn backward_from(
                &self,
                x: &Matrix,
                cache: &Cache,
                dout: &Matrix,
            ) -> Result<(Matrix, Vec<Grad>)> {
                match (self, cache) {
                    $((Layer::$variant(l), Cache::$variant(c)) => {
                        let (dx, mut grads) = l.backward_from(x, c, dout)?;
                        for g in &mut grads {
                            g.vector = <$ty as LayerType>::VECTORS.contains(&g.param);
                        }
                        Ok((dx, grads))
                    })*
                    #[allow(unreachable_patterns)]
                    _ => bail!(crate::t!(
                        "err-cache-kind",
                        layer = self.kind().display()
                    )),
                }
            }

            /// The parameter gradients without `dx` (see [`LayerType::param_grads`]); after
            /// [`Layer::forward_lean`], `input` is that pass's input
            /// (see [`LayerType::param_grads_from`]).
            pub fn param_grads(
                &self,
                input: Option<&Matrix>,
                cache: &Cache,
                dout: &Matrix,
            ) -> Result<Vec<Grad>> {
                match (self, cache) {
                    $((Layer::$variant(l), Cache::$variant(c)) => {
                        let mut grads = match input {
                            Some(x) => l.param_grads_from(x, c, dout)?,
                            None => l.param_grads(c, dout)?,
                        };
                        for g in &mut grads {
                            g.vector = <$ty as LayerType>::VECTORS.contains(&g.param);
                        }
                        Ok(grads)
                    })*
                    #[allow(unreachable_patterns)]
                    _ => bail!(crate::t!(
                        "err-cache-kind",
                        layer = self.kind().display()
                    )),
                }
            }

            /// The objective's rounding from this layer's arithmetic, in units of ε
            /// ([`LayerType::rounding`]).
            pub fn rounding(&self, x: &Matrix, out: &Matrix, dout: &Matrix, dx: &Matrix) -> f64 {
                match self { $(Layer::$variant(l) => l.rounding(x, out, dout, dx)),* }
            }

            /// The Jacobian sentence (see [`LayerType::jacobian`]).
            pub fn jacobian_structure(&self, input: (usize, usize), output: (usize, usize)) -> String {
                match self { $(Layer::$variant(l) => l.jacobian(input, output)),* }
            }

            /// Push a change of the input through the layer (the numerical gradient's path).
            pub(crate) fn propagate(&self, x: &Matrix, y: &Matrix, delta: Delta) -> Delta {
                match self { $(Layer::$variant(l) => l.propagate(x, y, delta)),* }
            }

            /// The output when one parameter cell moves by `d`.
            pub(crate) fn param_delta(
                &self,
                x: &Matrix,
                y: &Matrix,
                param: Param,
                (r, c): (usize, usize),
                d: f64,
            ) -> Delta {
                match self { $(Layer::$variant(l) => l.param_delta(x, y, param, r, c, d)),* }
            }

            /// The per-row losses of a loss layer's base pass.
            pub(crate) fn loss_rows(&self, y: &Matrix, t: &Matrix) -> Option<Array1<f64>> {
                match self { $(Layer::$variant(l) => l.loss_rows(y, t)),* }
            }

            /// A loss layer's loss after its input changed by `delta`.
            pub(crate) fn perturbed_loss(
                &self,
                x: &Matrix,
                t: &Matrix,
                delta: Delta,
                base: f64,
                rows: Option<&Array1<f64>>,
            ) -> f64 {
                match self { $(Layer::$variant(l) => l.perturbed_loss(x, t, delta, base, rows)),* }
            }

            /// Whether finite input gives finite output forward, and a finite dout a finite dx
            /// (see [`LayerType::FINITE_OUT`]).
            pub fn keeps_finite(&self) -> (bool, bool) {
                match self { $(Layer::$variant(_) => (<$ty as LayerType>::FINITE_OUT, <$ty as LayerType>::FINITE_DX)),* }
            }

            /// The training hook (see [`LayerType::train_step`]); a cache from another kind of
            /// layer is ignored.
            pub fn train_step(&mut self, iteration: u64, cache: &Cache) {
                match (self, cache) {
                    $((Layer::$variant(l), Cache::$variant(c)) => l.train_step(iteration, c),)*
                    #[allow(unreachable_patterns)]
                    _ => {}
                }
            }
        }

        impl Cache {
            /// Give the big matrices back for reuse (see [`LayerType::recycle`]).
            pub fn recycle(self) {
                match self { $(Cache::$variant(c) => <$ty as LayerType>::recycle(c)),* }
            }

            /// The loss, for a loss layer's cache.
            pub fn loss(&self) -> Option<f64> {
                match self { $(Cache::$variant(c) => <$ty as LayerType>::loss(c)),* }
            }

            /// After a nudge moved the output `out`: bring this cache and the tape in line.
            pub(crate) fn after_nudge(&mut self, out: &Matrix, rec: &mut impl Recorder) -> Result<()> {
                match self { $(Cache::$variant(c) => <$ty as LayerType>::after_nudge(c, out, rec)),* }
            }
        }
    };
}

layers! {
    /// `Y = X·W + b`
    Affine(Affine),
    /// `out = max(0, x)` with its mask
    Relu(Relu),
    /// `y = 1 / (1 + exp(−x))`
    Sigmoid(Sigmoid),
    /// row-wise softmax
    Softmax(Softmax),
    /// softmax + cross-entropy loss
    SoftmaxWithLoss(SoftmaxWithLoss),
    /// `out = x ⊙ w` (the buy-apple multiply node)
    Mul(Mul),
    /// `out = x + b` (the add node)
    Add(Add),
    /// `out = x ⊙ mask`, `mask = rand > ratio` (chapter 6)
    Dropout(Dropout),
    /// Batch Normalization, `γ ⊙ x̂ + β` (chapter 6)
    BatchNorm(BatchNorm),
    /// `out = exp(x)` (the `exp` node of Fig. 5-19)
    Exp(Exp),
    /// `out = log(x)` (the `log` node of Fig. 5-29)
    Log(Log),
    /// `out = 1 / x` (the `/` node of Fig. 5-19)
    Reciprocal(Reciprocal),
    /// `y = tanh(x)` (chapter 6)
    Tanh(Tanh),
    /// Convolution through im2col (chapter 7)
    Convolution(Convolution),
    /// Max pooling through im2col (chapter 7)
    Pooling(Pooling),
}

impl LayerKind {
    /// Parse the preset spelling.
    pub fn parse(s: &str) -> Option<LayerKind> {
        LayerKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// The text in the layer's box in the book's figures: `×`, `+`, `exp`, `log`, `/` for the
    /// primitive nodes, else the display name (`Affine`).
    pub fn symbol(self) -> &'static str {
        match self {
            LayerKind::Mul => "×",
            LayerKind::Add => "+",
            LayerKind::Exp => "exp",
            LayerKind::Log => "log",
            LayerKind::Reciprocal => "/",
            k => k.display(),
        }
    }

    /// What the layer's steps call its input: `X` for Affine, else `x`.
    pub fn input_name(self) -> &'static str {
        self.names().input
    }

    /// What the layer's steps call its forward output: `Y`, `y` or `out`.
    pub fn output_name(self) -> &'static str {
        self.names().output
    }

    /// What the layer's backward steps call the gradient arriving at its output: `dY` or `dout`.
    pub fn dout_name(self) -> &'static str {
        self.names().dout
    }
}

impl Layer {
    /// `Y = X·W + b` with weights `w` (D×H) and bias `b` (1×H).
    pub fn affine(w: Matrix, b: Matrix) -> Layer {
        Layer::Affine(Affine { w, b })
    }

    /// `out = x ⊙ w`.
    pub fn mul(w: Matrix) -> Layer {
        Layer::Mul(Mul {
            w,
            names: NodeNames::chain("w"),
        })
    }

    /// `out = x + b`.
    pub fn add(b: Matrix) -> Layer {
        Layer::Add(Add {
            b,
            names: NodeNames::chain("b"),
        })
    }

    /// The parameters, by key (`W`, `b`, `w`, `gamma`, `beta`).
    pub fn params(&self) -> Vec<(&'static str, &Matrix)> {
        self.param_list()
            .into_iter()
            .map(|(p, m)| (p.key(), m))
            .collect()
    }

    /// Mutable access to the parameter whose key is `name`.
    pub fn param_mut(&mut self, name: &str) -> Option<&mut Matrix> {
        let param = self
            .param_list()
            .into_iter()
            .map(|(p, _)| p)
            .find(|p| p.key() == name)?;
        self.param(param)
    }
}

/// An input outside a layer's domain (`log` of a cell ≤ 0, `1 / 0`): the run puts the
/// layer's or node's name in front.
#[derive(Debug)]
pub struct OutOfDomain(pub String);

impl std::fmt::Display for OutOfDomain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OutOfDomain {}

/// Sum every cell into a 1×1 matrix (the gradient of a broadcast scalar).
pub(crate) fn sum_all(m: &Matrix) -> Matrix {
    Matrix::from_elem((1, 1), m.sum())
}

/// An error unless `dout` has the shape `want` (what backward received is what forward made).
pub(crate) fn ensure_dout(dout: &Matrix, want: (usize, usize), name: &str) -> Result<()> {
    anyhow::ensure!(
        dout.dim() == want,
        crate::t!(
            "err-dout-expected",
            name = name,
            shape = format!("{}×{}", dout.nrows(), dout.ncols()),
            want = format!("{}×{}", want.0, want.1)
        )
    );
    Ok(())
}
