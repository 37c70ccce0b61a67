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
mod dropout;
mod mul;
mod relu;
mod sigmoid;
mod softmax;
mod softmax_loss;

use anyhow::{Result, bail};
use ndarray::{Array1, ArrayView2};

use super::Matrix;
use super::check::{Delta, materialize};
use super::operand::Param;
use super::tape::{NoRecord, Recorder};

pub use add::{Add, AddCache};
pub use affine::{Affine, AffineCache};
pub use batch_norm::{BatchNorm, BatchNormCache};
pub use dropout::{Dropout, DropoutCache};
pub use mul::{Mul, MulCache};
pub use relu::{Relu, ReluCache, apply_mask, relu_mask};
pub use sigmoid::{Sigmoid, SigmoidCache};
pub use softmax::{Softmax, SoftmaxCache, softmax_row, softmax_rows};
pub use softmax_loss::{LossCache, SoftmaxWithLoss, cross_entropy, cross_entropy_row};

/// What a layer's steps call its operands: `X`, `Y`, `dY` for Affine; `x`, `out`, `dout` …
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Names {
    /// The input.
    pub input: &'static str,
    /// The forward output.
    pub output: &'static str,
    /// The gradient arriving at the output.
    pub dout: &'static str,
}

/// The book's names: `x`, `out`, `dout`.
pub const BOOK_NAMES: Names = Names {
    input: "x",
    output: "out",
    dout: "dout",
};

/// A gradient with respect to one parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Grad {
    /// Which parameter.
    pub param: Param,
    /// Its key: `W`, `b`, `w`, `gamma`, `beta`.
    pub name: &'static str,
    /// The gradient, the shape of the parameter.
    pub value: Matrix,
    /// True for a 1-D parameter (Affine's `b`, `gamma`, `beta`): JSON writes it as a flat array.
    pub vector: bool,
}

impl Grad {
    /// The gradient of `param` (`vector` is set from the layer's [`LayerType::VECTORS`]).
    pub fn new(param: Param, value: Matrix) -> Self {
        Grad {
            param,
            name: param.key(),
            value,
            vector: false,
        }
    }
}

/// What one layer type provides. Implement it in one file under `layer/` and add one line to
/// [`layers!`].
pub trait LayerType: Clone + std::fmt::Debug + PartialEq {
    /// What forward keeps for backward.
    type Cache: Clone + std::fmt::Debug;
    /// The preset spelling of `type`: `affine`, `relu`, …
    const TYPE: &'static str;
    /// The default display name: `Affine`, `ReLU`, …
    const DISPLAY: &'static str;
    /// What its steps call input, output and arriving gradient.
    const NAMES: Names = BOOK_NAMES;
    /// True for a loss layer: it must end the chain, needs targets and starts backward.
    const IS_LOSS: bool = false;
    /// True when the default name always carries a number (`Dropout1`), not only when the
    /// network has two of the kind.
    const NUMBERED: bool = false;
    /// The 1-D parameters (one value per column, like Affine's `b`): JSON writes them flat.
    const VECTORS: &'static [Param] = &[];

    /// The trainable parameters with their values.
    fn params(&self) -> Vec<(Param, &Matrix)> {
        Vec::new()
    }

    /// Mutable access to one parameter.
    fn param_mut(&mut self, _param: Param) -> Option<&mut Matrix> {
        None
    }

    /// Whether the layer's own parameters agree with each other (Affine: b has one value per
    /// column of W), whatever the input; the error names the parameters, not the input.
    fn check_parameters(&self) -> Result<()> {
        Ok(())
    }

    /// The output shape for an input of shape `input`, or an error saying why it does not fit.
    fn output_shape(&self, input: (usize, usize)) -> Result<(usize, usize)> {
        Ok(input)
    }

    /// Forward: the output and the cache backward needs; `t` are the one-hot targets (used by
    /// a loss layer only). Shapes were checked by [`LayerType::output_shape`].
    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, Self::Cache)>;

    /// Backward: `dx` and the parameter gradients from `dout` = ∂L/∂out and the cache.
    fn backward<R: Recorder>(
        &self,
        cache: &Self::Cache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)>;

    /// Forward for prediction only: the output, without a cache or steps, reading `x` in place
    /// (a block of rows of a large set needs no copy). The default copies `x` and runs
    /// [`LayerType::forward`]; Affine and ReLU compute the output directly.
    fn infer(&self, x: ArrayView2<'_, f64>) -> Result<Matrix> {
        Ok(self.forward(&x.to_owned(), None, &mut NoRecord)?.0)
    }

    /// Backward when nobody reads `dx` (the first layer in training): the parameter gradients
    /// only. The default runs [`LayerType::backward`] and drops `dx`; Affine skips `dY·Wᵀ`.
    fn param_grads(&self, cache: &Self::Cache, dout: &Matrix) -> Result<Vec<Grad>> {
        Ok(self.backward(cache, dout, &mut NoRecord)?.1)
    }

    /// The loss a loss layer computed, from its cache.
    fn loss(_cache: &Self::Cache) -> Option<f64> {
        None
    }

    /// One sentence on the structure of the Jacobian ∂out/∂x (for an input of `input` and an
    /// output of `output` cells) and how backward's shortcut uses it.
    fn jacobian(&self, input: (usize, usize), output: (usize, usize)) -> String;

    /// A change of the input pushed through the layer (`y` is the base output). The default
    /// reruns forward on the changed input.
    fn propagate(&self, x: &Matrix, _y: &Matrix, delta: Delta) -> Delta {
        let input = materialize(x, delta);
        Delta::Full(match self.forward(&input, None, &mut NoRecord) {
            Ok((y, _)) => y,
            Err(_) => Matrix::from_elem(input.dim(), f64::NAN),
        })
    }

    /// The output when cell (`r`, `c`) of `param` moves by `d`. The default reruns forward with
    /// the moved parameter.
    #[allow(clippy::too_many_arguments)]
    fn param_delta(
        &self,
        x: &Matrix,
        y: &Matrix,
        param: Param,
        r: usize,
        c: usize,
        d: f64,
    ) -> Delta {
        let mut moved = self.clone();
        if let Some(cell) = moved.param_mut(param).and_then(|m| m.get_mut((r, c))) {
            *cell += d;
        }
        Delta::Full(match moved.forward(x, None, &mut NoRecord) {
            Ok((out, _)) => out,
            Err(_) => Matrix::from_elem(y.dim(), f64::NAN),
        })
    }

    /// The per-row losses of a loss layer's base pass (used by [`LayerType::perturbed_loss`]).
    fn loss_rows(&self, _y: &Matrix, _t: &Matrix) -> Option<Array1<f64>> {
        None
    }

    /// The loss when the loss layer's input changes by `delta`; `base` is the base pass's loss
    /// and `rows` what [`LayerType::loss_rows`] returned. The default reruns forward.
    fn perturbed_loss(
        &self,
        x: &Matrix,
        t: &Matrix,
        delta: Delta,
        _base: f64,
        _rows: Option<&Array1<f64>>,
    ) -> f64 {
        let input = materialize(x, delta);
        match self.forward(&input, Some(t), &mut NoRecord) {
            Ok((_, cache)) => Self::loss(&cache).unwrap_or(f64::NAN),
            Err(_) => f64::NAN,
        }
    }

    /// After a nudge moved cell(s) of the output `out`: bring the cache and the tape in line.
    /// The default makes the last recorded step write the moved output.
    fn after_nudge<R: Recorder>(_cache: &mut Self::Cache, out: &Matrix, rec: &mut R) -> Result<()> {
        rec.rewrite(None, out);
        Ok(())
    }

    /// The training hook, called after each iteration's backward: Dropout draws the next mask
    /// from `seed + iteration`, BatchNorm updates its running statistics from `cache`.
    fn train_step(&mut self, _iteration: u64, _cache: &Self::Cache) {}
}

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
                    _ => bail!(
                        "the cache given to {}'s backward came from another kind of layer",
                        self.kind().display()
                    ),
                }
            }

            /// The output for prediction, without cache or steps (see [`LayerType::infer`]).
            pub fn infer(&self, x: ArrayView2<'_, f64>) -> Result<Matrix> {
                self.output_shape(x.dim())?;
                match self { $(Layer::$variant(l) => l.infer(x)),* }
            }

            /// The parameter gradients without `dx` (see [`LayerType::param_grads`]).
            pub fn param_grads(&self, cache: &Cache, dout: &Matrix) -> Result<Vec<Grad>> {
                match (self, cache) {
                    $((Layer::$variant(l), Cache::$variant(c)) => {
                        let mut grads = l.param_grads(c, dout)?;
                        for g in &mut grads {
                            g.vector = <$ty as LayerType>::VECTORS.contains(&g.param);
                        }
                        Ok(grads)
                    })*
                    #[allow(unreachable_patterns)]
                    _ => bail!(
                        "the cache given to {}'s backward came from another kind of layer",
                        self.kind().display()
                    ),
                }
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
}

impl LayerKind {
    /// Parse the preset spelling.
    pub fn parse(s: &str) -> Option<LayerKind> {
        LayerKind::ALL.iter().copied().find(|k| k.as_str() == s)
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
        Layer::Mul(Mul { w })
    }

    /// `out = x + b`.
    pub fn add(b: Matrix) -> Layer {
        Layer::Add(Add { b })
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

/// Sum every cell into a 1×1 matrix (the gradient of a broadcast scalar).
pub(crate) fn sum_all(m: &Matrix) -> Matrix {
    Matrix::from_elem((1, 1), m.sum())
}

/// An error unless `dout` has the shape `want` (what backward received is what forward made).
pub(crate) fn ensure_dout(dout: &Matrix, want: (usize, usize), name: &str) -> Result<()> {
    anyhow::ensure!(
        dout.dim() == want,
        "{name} is {}×{}, expected {}×{}",
        dout.nrows(),
        dout.ncols(),
        want.0,
        want.1
    );
    Ok(())
}
