//! What one layer type provides ([`LayerType`]), its operand names and its gradients.

use anyhow::Result;
use ndarray::{Array1, ArrayView2};

use crate::engine::Matrix;
use crate::engine::check::{Delta, materialize};
use crate::engine::operand::Param;
use crate::engine::tape::{NoRecord, Recorder};
use crate::engine::tensor::ImageShape;

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
/// `layers!` (in `layer.rs`).
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
    /// Where the layer has no derivative, elementwise in its input (ReLU: 0); none for a smooth
    /// layer. The gradient check and the Jacobian view read it to explain a central difference
    /// that straddles a kink.
    const KINKS: &'static [Kink] = &[];
    /// True when a 4-D input gives a 4-D output of the same shape (an element-wise layer,
    /// BatchNorm); false for a layer whose output is a plain matrix (Affine flattens).
    const KEEPS_IMAGE: bool = true;
    /// True when finite numbers in give finite numbers out, forward (ReLU, max pooling): a pass
    /// without a tape need not look for inf or NaN in the output of finite input.
    const FINITE_OUT: bool = false;
    /// True when a finite `dout` gives a finite `dx` (ReLU's mask): backward's dx need not be
    /// looked over either.
    const FINITE_DX: bool = false;

    /// The sample shape of the output for an input of sample shape `input` (`None`: a plain
    /// matrix), or an error saying why this layer cannot take it. The default keeps a 4-D shape
    /// when [`LayerType::KEEPS_IMAGE`], else flattens.
    fn output_image(&self, input: Option<ImageShape>) -> Result<Option<ImageShape>> {
        Ok(if Self::KEEPS_IMAGE { input } else { None })
    }

    /// Tell a layer that slides windows (convolution, pooling) the sample shape of its input,
    /// before [`LayerType::output_image`] checks it; other layers need not know.
    fn set_input_image(&mut self, _input: ImageShape) {}

    /// The shape of one row of a parameter stored as a 4-D tensor (a convolution's W, FN rows of
    /// C×FH×FW); `None` for a plain matrix.
    fn param_image(&self, _param: Param) -> Option<ImageShape> {
        None
    }

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

    /// Forward without recording, for a first layer whose input outlives the pass (a training
    /// step's mini-batch): the cache may leave that input out, because
    /// [`LayerType::param_grads_from`] is handed it again. The default runs
    /// [`LayerType::forward`]; Affine keeps no copy of X (627 KB at the book's MNIST batch).
    fn forward_lean(&self, x: &Matrix, t: Option<&Matrix>) -> Result<(Matrix, Self::Cache)> {
        self.forward(x, t, &mut NoRecord)
    }

    /// [`LayerType::param_grads`] after [`LayerType::forward_lean`], given that pass's input `x`.
    fn param_grads_from(
        &self,
        _x: &Matrix,
        cache: &Self::Cache,
        dout: &Matrix,
    ) -> Result<Vec<Grad>> {
        self.param_grads(cache, dout)
    }

    /// [`LayerType::backward`] without recording after [`LayerType::forward_lean`], given that
    /// pass's input `x`: `dx` and the parameter gradients, the same numbers.
    fn backward_from(
        &self,
        _x: &Matrix,
        cache: &Self::Cache,
        dout: &Matrix,
    ) -> Result<(Matrix, Vec<Grad>)> {
        self.backward(cache, dout, &mut NoRecord)
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

    /// How far rounding in this layer's own arithmetic can move the objective, in units of
    /// f64's ε (2.2e-16), to first order: Σ |dout| ⊙ e over the output cells, where e bounds
    /// the rounding error the layer puts into each output cell (an error already in `x` is
    /// counted by the layer that made it). The gradient check divides the sum over all layers
    /// by h to know which differences rounding alone can explain. The default, 4·Σ |dout ⊙ out|,
    /// fits an element-wise layer: a few correctly rounded operations per cell.
    fn rounding(&self, _x: &Matrix, out: &Matrix, dout: &Matrix, _dx: &Matrix) -> f64 {
        crate::engine::check::rounding::elementwise(out, dout)
    }

    /// The training hook, called after each iteration's backward: Dropout draws the next mask
    /// from `seed + iteration`, BatchNorm updates its running statistics from `cache`.
    fn train_step(&mut self, _iteration: u64, _cache: &Self::Cache) {}

    /// Give the cache's big matrices back for reuse ([`crate::engine::pool`]) once backward has
    /// read it; the default drops it.
    fn recycle(_cache: Self::Cache) {}
}
