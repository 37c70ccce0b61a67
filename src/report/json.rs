//! JSON renderings of a run and of a gradient check: `#[derive(Serialize)]` structs that spell the
//! contract in README.md (`trace --format json`, `check --format json`).
//!
//! Matrices are arrays of rows at full f64 precision; a 1-D parameter's gradient (Affine's `b`,
//! BatchNorm's `gamma` and `beta`) is a flat array. The functions return a `serde_json::Value`,
//! whose keys print in sorted order, so the bytes on stdout do not depend on field order here.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::engine::check::{CheckNote, CheckReport};
use crate::engine::{ImageShape, Matrix, Run};
use crate::preset::Preset;

/// A matrix as an array of rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Rows(pub Vec<Vec<f64>>);

impl From<&Matrix> for Rows {
    fn from(m: &Matrix) -> Self {
        Rows(m.rows().into_iter().map(|r| r.to_vec()).collect())
    }
}

/// A tensor as JSON: a matrix as an array of rows, a 4-D tensor N×C×H×W as arrays nested four
/// deep (chapter 7).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Array {
    /// An array of rows.
    Rows(Rows),
    /// N samples of C channels of H rows of W values.
    Images(Vec<Vec<Vec<Vec<f64>>>>),
}

impl Array {
    /// `m` as rows, or nested N×C×H×W when each row is a sample of shape `image`.
    pub fn of(m: &Matrix, image: Option<ImageShape>) -> Array {
        match image {
            Some(img) if img.fits(m.ncols()) && !img.is_empty() => Array::Images(
                m.rows()
                    .into_iter()
                    .map(|row| {
                        let row = row.to_vec();
                        row.chunks(img.plane())
                            .map(|ch| ch.chunks(img.w).map(<[f64]>::to_vec).collect())
                            .collect()
                    })
                    .collect(),
            ),
            _ => Array::Rows(Rows::from(m)),
        }
    }
}

/// A parameter's gradient: rows, or a flat array for a 1-D parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum GradJson {
    /// An array of rows.
    Rows(Rows),
    /// A flat array (a 1-D parameter).
    Flat(Vec<f64>),
    /// A 4-D parameter (a convolution's W, FN×C×FH×FW).
    Images(Array),
}

/// `trace --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceJson<'a> {
    /// The preset's name.
    pub preset: &'a str,
    /// The loss, `null` without a loss layer.
    pub loss: Option<f64>,
    /// The last layer's output (N×C×H×W when 4-D).
    pub out: Array,
    /// ∂L/∂x (N×C×H×W when x is 4-D).
    pub dx: Array,
    /// One entry per layer.
    pub layers: Vec<LayerJson<'a>>,
    /// One entry per step of the tape.
    pub steps: Vec<StepJson<'a>>,
}

/// One layer of `trace --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerJson<'a> {
    /// Its position in the chain.
    pub index: usize,
    /// Its `type` (`affine`, `batch_norm`, …).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Its name (`Affine1`).
    pub name: &'a str,
    /// Its forward output (N×C×H×W when 4-D).
    pub out: Array,
    /// ∂L/∂(its input), in the input's shape (4-D after a 4-D tensor, even for an Affine).
    pub dx: Array,
    /// Its parameters' gradients by key (`W`, `b`, `w`, `gamma`, `beta`).
    pub grads: BTreeMap<&'static str, GradJson>,
}

/// One step of `trace --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepJson<'a> {
    /// `forward` or `backward`.
    pub phase: &'static str,
    /// The layer's index.
    pub layer: usize,
    /// The step's label.
    pub op: &'a str,
    /// The step's formula.
    pub formula: &'a str,
    /// The matrix it wrote, in its own shape.
    pub value: Array,
}

impl<'a> TraceJson<'a> {
    /// The trace of `run`, made from `preset`.
    pub fn new(preset: &'a Preset, run: &'a Run) -> Self {
        TraceJson {
            preset: &preset.name,
            loss: run.loss,
            out: Array::of(&run.out, run.layers.last().and_then(|l| l.out_image)),
            dx: Array::of(&run.dx, run.layers.first().and_then(|l| l.input_image)),
            layers: run
                .layers
                .iter()
                .enumerate()
                .map(|(index, l)| LayerJson {
                    index,
                    kind: l.kind.as_str(),
                    name: &l.name,
                    out: Array::of(&l.out, l.out_image),
                    dx: Array::of(&l.dx, l.input_image),
                    grads: l
                        .grads
                        .iter()
                        .map(|g| {
                            let image = preset
                                .network
                                .layers
                                .get(index)
                                .and_then(|n| n.layer.param_image(g.param));
                            let v = if g.vector {
                                GradJson::Flat(g.value.iter().copied().collect())
                            } else if image.is_some() {
                                GradJson::Images(Array::of(&g.value, image))
                            } else {
                                GradJson::Rows(Rows::from(&g.value))
                            };
                            (g.name, v)
                        })
                        .collect(),
                })
                .collect(),
            steps: run
                .tape
                .steps
                .iter()
                .map(|s| StepJson {
                    phase: s.phase.as_str(),
                    layer: s.layer,
                    op: &s.label,
                    formula: &s.formula,
                    value: Array::of(&s.writes.value, s.writes.image),
                })
                .collect(),
        }
    }
}

/// `check --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckJson<'a> {
    /// The preset's name.
    pub preset: &'a str,
    /// The central-difference step.
    pub h: f64,
    /// The tolerance on the relative error.
    pub tolerance: f64,
    /// True when every relative error is within the tolerance.
    pub passed: bool,
    /// The largest relative error, |a − n| / max(|a|, |n|, floor), a = backprop, n = numerical.
    pub max_rel_err: f64,
    /// The scalar differentiated.
    pub objective: f64,
    /// How far rounding can move one evaluation of the objective (δL, first order).
    pub rounding: f64,
    /// How far rounding can move a central difference at this h: rounding / h. A difference up
    /// to this passes.
    pub noise: f64,
    /// The floor of the relative error, noise / tolerance: gradients below it are compared by
    /// absolute difference.
    pub floor: f64,
    /// Cells checked (x and every parameter).
    pub cells: usize,
    /// Parameters (without x).
    pub parameters: usize,
    /// Forward passes of the numerical gradient.
    pub numerical_passes: usize,
    /// Time of the numerical gradient.
    pub numerical_seconds: f64,
    /// Time of one forward and backward pass.
    pub backprop_seconds: f64,
    /// x, then each parameter.
    pub tensors: Vec<TensorJson<'a>>,
    /// Why some errors can be large although backprop is right (a kink within h, the loss's
    /// 1e-7); empty when nothing applies.
    pub notes: Vec<NoteJson<'a>>,
}

/// One note of `check --format json`: its kind, the layer, the sentence, and its numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoteJson<'a> {
    /// `kink` or `log_epsilon`.
    pub kind: &'static str,
    /// The layer's index.
    pub layer: usize,
    /// The layer's name.
    pub name: &'a str,
    /// The note in words, as the text output prints it.
    pub text: String,
    /// The numbers of this kind of note.
    #[serde(flatten)]
    pub detail: NoteDetail,
}

/// The numbers of a [`NoteJson`], by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum NoteDetail {
    /// Input cells of a layer within h of its kink.
    Kink {
        /// Where the kink is.
        at: f64,
        /// Cells within h of it.
        near: usize,
        /// Cells of the layer's input.
        cells: usize,
        /// Cells exactly at it.
        exact: usize,
        /// The smallest non-zero distance, if any.
        nearest: Option<f64>,
        /// A step that clears the near cells, if one is worth suggesting.
        suggested_eps: Option<f64>,
        /// The floor of the relative error at that step: rounding makes gradients below it
        /// comparable only by absolute difference.
        suggested_floor: Option<f64>,
    },
    /// Target probabilities small enough for the loss's 1e-7 to show.
    LogEpsilon {
        /// Target cells whose gap exceeds the tolerance.
        cells: usize,
        /// Row of the smallest target probability.
        row: usize,
        /// That probability.
        smallest: f64,
        /// The relative gap there, 1e-7/(y + 1e-7).
        gap: f64,
    },
    /// Pooling windows whose largest two cells lie within h (a corner of max).
    Tie {
        /// Such windows.
        near: usize,
        /// Of those, exact ties.
        exact: usize,
        /// Windows in all.
        windows: usize,
    },
    /// BatchNorm columns with one value in every row.
    ConstantColumn {
        /// Rows of the batch.
        rows: usize,
        /// The constant columns.
        columns: Vec<usize>,
        /// std there, √(0 + 10e-7).
        std: f64,
    },
}

impl<'a> NoteJson<'a> {
    /// The JSON of `note` from a check with step `h`.
    pub fn new(note: &'a CheckNote, h: f64) -> Self {
        let (layer, name, detail) = match note {
            CheckNote::Kink(k) => (
                k.layer,
                k.layer_name.as_str(),
                NoteDetail::Kink {
                    at: k.kink.at,
                    near: k.near,
                    cells: k.cells,
                    exact: k.exact,
                    nearest: k.nearest,
                    suggested_eps: k.suggested_h,
                    suggested_floor: k.suggested_floor(),
                },
            ),
            CheckNote::Tie(t) => (
                t.layer,
                t.layer_name.as_str(),
                NoteDetail::Tie {
                    near: t.near,
                    exact: t.exact,
                    windows: t.windows,
                },
            ),
            CheckNote::LogEpsilon(e) => (
                e.layer,
                e.layer_name.as_str(),
                NoteDetail::LogEpsilon {
                    cells: e.cells,
                    row: e.row,
                    smallest: e.smallest,
                    gap: e.gap,
                },
            ),
            CheckNote::ConstantColumn(c) => (
                c.layer,
                c.layer_name.as_str(),
                NoteDetail::ConstantColumn {
                    rows: c.rows,
                    columns: c.columns.clone(),
                    std: c.std,
                },
            ),
        };
        NoteJson {
            kind: note.kind(),
            layer,
            name,
            text: note.text(h),
            detail,
        }
    }
}

/// One tensor of `check --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TensorJson<'a> {
    /// Layer index, `null` for x.
    pub layer: Option<usize>,
    /// The layer's name, or `x`.
    pub name: &'a str,
    /// `x`, `W`, `b`, …
    pub param: &'a str,
    /// Backprop's gradient.
    pub analytic: Rows,
    /// Central differences.
    pub numerical: Rows,
    /// max |analytic − numerical|.
    pub max_abs_diff: f64,
    /// max relative error.
    pub max_rel_err: f64,
    /// The cell of the largest relative error, [row, col].
    pub worst: [usize; 2],
    /// True when within the tolerance.
    pub passed: bool,
}

impl<'a> CheckJson<'a> {
    /// The JSON of check `r` on `preset`.
    pub fn new(preset: &'a Preset, r: &'a CheckReport) -> Self {
        CheckJson {
            preset: &preset.name,
            h: r.h,
            tolerance: r.tolerance,
            passed: r.passed(),
            max_rel_err: r.max_rel_err(),
            objective: r.objective,
            rounding: r.rounding,
            noise: r.noise(),
            floor: r.floor(),
            cells: r.cells,
            parameters: r.parameters,
            numerical_passes: r.numerical_passes,
            numerical_seconds: r.numerical_time.as_secs_f64(),
            backprop_seconds: r.backprop_time.as_secs_f64(),
            tensors: r
                .tensors
                .iter()
                .map(|t| TensorJson {
                    layer: t.layer,
                    name: &t.layer_name,
                    param: &t.param,
                    analytic: Rows::from(&t.analytic),
                    numerical: Rows::from(&t.numerical),
                    max_abs_diff: t.max_abs_diff,
                    max_rel_err: t.max_rel_err,
                    worst: [t.worst.0, t.worst.1],
                    passed: t.max_rel_err <= r.tolerance,
                })
                .collect(),
            notes: r.notes.iter().map(|n| NoteJson::new(n, r.h)).collect(),
        }
    }
}

/// A serializable value as a `serde_json::Value` (keys sorted); `null` if it cannot be one.
fn value(v: impl Serialize) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// The trace of `run` as JSON (see [`TraceJson`]).
pub fn trace_json(preset: &Preset, run: &Run) -> Value {
    value(TraceJson::new(preset, run))
}

/// The gradient check as JSON (see [`CheckJson`]).
pub fn check_json(preset: &Preset, r: &CheckReport) -> Value {
    value(CheckJson::new(preset, r))
}

/// A matrix as JSON rows, full precision.
pub fn rows(m: &Matrix) -> Value {
    value(Rows::from(m))
}
