//! A network: a chain of named layers, its inputs, and their validation.
//!
//! [`Network::run`] (in `run.rs`) does one forward pass then one backward pass and returns a
//! [`Run`]: the tape of every elementary step plus each layer's output, `dout`, `dx` and
//! parameter gradients. This file holds the types and [`Network::validate`].
//!
//! The scalar being differentiated is the loss when the chain ends in Softmax-with-Loss;
//! otherwise it is `L = Σ dout ⊙ out` for the given (or all-ones) `dout`, so that `dout` really is
//! ∂L/∂out and every gradient can be checked numerically.

use std::ops::Range;

use anyhow::{Context, Result, bail, ensure};

use super::Matrix;
use super::layer::{Cache, Grad, Layer, LayerKind};
use super::tape::Tape;
use super::tensor::ImageShape;

/// "layer 2 (Conv1)": how errors name layer `i` (from 0), counted from 1 as a person counts.
pub(crate) fn layer_who(i: usize, name: &str) -> String {
    crate::t!("conv-layer-who", number = i + 1, name = name)
}

/// The most cells all layer outputs together may have: the tape keeps a few copies of each.
pub const MAX_ACTIVATION_CELLS: usize = 10_000_000;

/// A layer with its display name.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedLayer {
    /// Display name, unique in the network (`Affine1`, `ReLU`, …).
    pub name: String,
    /// The layer.
    pub layer: Layer,
}

/// Targets for Softmax-with-Loss: class labels or one-hot rows.
#[derive(Debug, Clone, PartialEq)]
pub enum Targets {
    /// One class index per row of the batch.
    Labels(Vec<usize>),
    /// An N×K matrix of one-hot (or soft) rows.
    OneHot(Matrix),
}

impl Targets {
    /// The N×K matrix form, or an error when the targets do not fit `n` rows of `k` classes.
    pub fn one_hot(&self, n: usize, k: usize) -> Result<Matrix> {
        match self {
            Targets::Labels(labels) => {
                ensure!(
                    labels.len() == n,
                    crate::t!("err-t-labels", labels = labels.len(), n = n)
                );
                let mut m = Matrix::zeros((n, k));
                for (row, &label) in labels.iter().enumerate() {
                    ensure!(
                        label < k,
                        crate::t!(
                            "err-label-range",
                            label = label.to_string(),
                            row = row.to_string(),
                            k = k,
                            last = k.saturating_sub(1).to_string()
                        )
                    );
                    m[[row, label]] = 1.0;
                }
                Ok(m)
            }
            Targets::OneHot(m) => {
                ensure!(
                    m.dim() == (n, k),
                    crate::t!(
                        "err-t-shape",
                        t = format!("{}×{}", m.nrows(), m.ncols()),
                        out = format!("{n}×{k}")
                    )
                );
                // (y − t)/N is the gradient only when each row of t is a distribution.
                for (row, r) in m.rows().into_iter().enumerate() {
                    ensure!(
                        r.iter().all(|&v| v >= 0.0),
                        crate::t!("err-t-negative", row = row.to_string())
                    );
                    let sum = r.sum();
                    ensure!(
                        (sum - 1.0).abs() <= 1e-9,
                        crate::t!("err-t-sum", row = row.to_string(), sum = sum.to_string())
                    );
                }
                Ok(m.clone())
            }
        }
    }
}

/// What a network runs on.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    /// The input batch, N×D (N×C·H·W for images).
    pub x: Matrix,
    /// The sample shape C×H×W when x is a 4-D tensor N×C×H×W; `None` for a plain matrix.
    pub image: Option<ImageShape>,
    /// Targets, required when the last layer is Softmax-with-Loss.
    pub t: Option<Targets>,
    /// The gradient arriving at the last output when there is no loss (default: all ones).
    pub dout: Option<Matrix>,
}

/// A chain of layers.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// The layers, first to last.
    pub layers: Vec<NamedLayer>,
}

/// One layer's part of a run.
#[derive(Debug, Clone)]
pub struct LayerRun {
    /// The layer's kind.
    pub kind: LayerKind,
    /// The layer's name.
    pub name: String,
    /// What the layer received in forward.
    pub input: Matrix,
    /// The sample shape of `input` (and of `dx`) when it is a 4-D tensor; `None` for a matrix.
    pub input_image: Option<ImageShape>,
    /// What it output (probabilities for Softmax-with-Loss).
    pub out: Matrix,
    /// The sample shape of `out` (and of `dout`) when it is a 4-D tensor; `None` for a matrix.
    pub out_image: Option<ImageShape>,
    /// ∂L/∂out, the gradient that arrived in backward (for the loss layer: ones, ∂L/∂L = 1).
    pub dout: Matrix,
    /// ∂L/∂input.
    pub dx: Matrix,
    /// Gradients of the parameters.
    pub grads: Vec<Grad>,
    /// Tape indices of its forward steps.
    pub forward_steps: Range<usize>,
    /// Tape indices of its backward steps.
    pub backward_steps: Range<usize>,
}

/// The result of one forward and one backward pass.
#[derive(Debug, Clone)]
pub struct Run {
    /// Every step.
    pub tape: Tape,
    /// Per layer.
    pub layers: Vec<LayerRun>,
    /// The loss, when the chain ends in Softmax-with-Loss.
    pub loss: Option<f64>,
    /// The scalar that was differentiated: the loss, or Σ dout ⊙ out.
    pub objective: f64,
    /// The last layer's output.
    pub out: Matrix,
    /// ∂L/∂x.
    pub dx: Matrix,
    /// The one-hot targets used, if any.
    pub t: Option<Matrix>,
    /// The gradient that started the backward pass at the last output (when there is no loss).
    pub dout: Option<Matrix>,
}

impl Run {
    /// The tape index of the forward step of `layer` that wrote a mask (ReLU's, Dropout's);
    /// `None` for a layer that makes none.
    pub fn mask_step(&self, layer: usize) -> Option<usize> {
        let steps = self.layers.get(layer)?.forward_steps.clone();
        steps.into_iter().find(|&s| {
            self.tape
                .steps
                .get(s)
                .is_some_and(|s| matches!(s.op, super::Op::Mask(_)))
        })
    }
}

/// Shapes and targets resolved by [`Network::validate`].
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The one-hot targets, when there is a loss.
    pub t: Option<Matrix>,
    /// The starting gradient, when there is no loss.
    pub dout: Option<Matrix>,
    /// The output shape of each layer.
    pub shapes: Vec<(usize, usize)>,
    /// The sample shape of x (index 0) and of each layer's output (index i + 1) when 4-D.
    pub images: Vec<Option<ImageShape>>,
}

impl Resolved {
    /// The scalar backward differentiates, given the last layer's cache and output: the loss,
    /// or `Σ dout ⊙ out` when the chain has no loss.
    pub fn objective(&self, last: Option<&Cache>, out: &Matrix) -> f64 {
        match (last.and_then(Cache::loss), &self.dout) {
            (Some(loss), _) => loss,
            (_, Some(d)) => (d * out).sum(),
            _ => 0.0,
        }
    }
}

/// Move one cell of one layer's output by `h` before the next layer reads it: the nudge of a
/// forward output. The layer's own cache keeps what forward computed; for Softmax-with-Loss the
/// loss steps after y are recorded again from the moved y.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutputNudge {
    /// Layer index.
    pub layer: usize,
    /// Row of the output cell.
    pub row: usize,
    /// Column of the output cell.
    pub col: usize,
    /// How far to move it.
    pub h: f64,
}

impl Network {
    /// True when the last layer is Softmax-with-Loss.
    pub fn has_loss(&self) -> bool {
        self.layers.last().is_some_and(|l| l.layer.kind().is_loss())
    }

    /// Check that the chain fits the inputs: every layer's shape, the loss layer only at the end,
    /// targets and `dout`. Errors name both layers and both shapes.
    pub fn validate(&self, inputs: &Inputs) -> Result<Resolved> {
        ensure!(!self.layers.is_empty(), crate::t!("err-no-layers"));
        let mut shape_in = inputs.x.dim();
        ensure!(shape_in.0 > 0 && shape_in.1 > 0, crate::t!("err-x-empty"));
        let mut shapes = Vec::with_capacity(self.layers.len());
        let images = self.images(inputs.image)?;
        if let Some(img) = inputs.image {
            ensure!(
                img.fits(shape_in.1),
                "{}",
                crate::t!(
                    "conv-columns",
                    x = img.to_string(),
                    cells = img.len(),
                    d = shape_in.1
                )
            );
        }
        for (i, l) in self.layers.iter().enumerate() {
            if l.layer.kind().is_loss() && i + 1 != self.layers.len() {
                bail!(crate::t!(
                    "err-loss-not-last",
                    who = layer_who(i, &l.name),
                    kind = l.layer.kind().as_str()
                ));
            }
            l.layer
                .check_parameters()
                .with_context(|| layer_who(i, &l.name))?;
            let out = l.layer.output_shape(shape_in).with_context(|| {
                let shape = format!("{}×{}", shape_in.0, shape_in.1);
                let who = layer_who(i, &l.name);
                if i == 0 {
                    crate::t!("err-shape-x", shape = shape, who = who)
                } else {
                    crate::t!(
                        "err-shape-layer",
                        from = layer_who(i - 1, &self.layers[i - 1].name),
                        shape = shape,
                        who = who
                    )
                }
            })?;
            shapes.push(out);
            shape_in = out;
        }
        let activations: usize = shapes.iter().map(|(r, c)| r.saturating_mul(*c)).sum();
        ensure!(
            activations <= MAX_ACTIVATION_CELLS,
            crate::t!(
                "err-too-many-cells",
                cells = activations.to_string(),
                max = MAX_ACTIVATION_CELLS.to_string()
            )
        );
        let (n, k) = shape_in;
        let (t, dout) = if self.has_loss() {
            let t = inputs
                .t
                .as_ref()
                .with_context(|| crate::t!("err-needs-t"))?;
            ensure!(inputs.dout.is_none(), crate::t!("err-dout-with-loss"));
            (Some(t.one_hot(n, k)?), None)
        } else {
            ensure!(inputs.t.is_none(), crate::t!("err-t-unread"));
            let dout = match &inputs.dout {
                Some(d) => {
                    ensure!(
                        d.dim() == (n, k),
                        crate::t!(
                            "err-dout-shape",
                            dout = format!("{}×{}", d.nrows(), d.ncols()),
                            out = format!("{n}×{k}")
                        )
                    );
                    d.clone()
                }
                None => Matrix::ones((n, k)),
            };
            (None, Some(dout))
        };
        Ok(Resolved {
            t,
            dout,
            shapes,
            images,
        })
    }

    /// The sample shape of x (index 0) and of each layer's output (index i + 1) for an x of
    /// sample shape `x` (see [`Layer::output_image`]); errors name the layer and both shapes.
    pub fn images(&self, x: Option<ImageShape>) -> Result<Vec<Option<ImageShape>>> {
        let mut images = vec![x];
        let mut img = x;
        for (i, l) in self.layers.iter().enumerate() {
            img = l.layer.output_image(img).map_err(|e| {
                anyhow::anyhow!(crate::t!(
                    "err-who-said",
                    who = layer_who(i, &l.name),
                    error = format!("{e:#}")
                ))
            })?;
            images.push(img);
        }
        Ok(images)
    }

    /// Tell every layer that slides windows the sample shape of its input, walking from x's
    /// (`x`): what a preset does once its layers are read. Errors as [`Network::images`].
    pub fn resolve_images(&mut self, x: Option<ImageShape>) -> Result<()> {
        let mut img = x;
        for (i, l) in self.layers.iter_mut().enumerate() {
            if let Some(shape) = img {
                l.layer.set_input_image(shape);
            }
            img = l.layer.output_image(img).map_err(|e| {
                anyhow::anyhow!(crate::t!(
                    "err-who-said",
                    who = layer_who(i, &l.name),
                    error = format!("{e:#}")
                ))
            })?;
        }
        Ok(())
    }

    /// True when the first layer slides windows over images (a convolution or pooling): a data
    /// set then hands it N×1×H×W images.
    pub fn takes_images(&self) -> bool {
        self.layers
            .first()
            .is_some_and(|l| matches!(l.layer.kind(), LayerKind::Convolution | LayerKind::Pooling))
    }
}
