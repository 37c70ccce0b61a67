//! JSON renderings of a run and of a gradient check: `#[derive(Serialize)]` structs that spell the
//! contract in README.md (`trace --format json`, `check --format json`).
//!
//! Matrices are arrays of rows at full f64 precision; a 1-D parameter's gradient (Affine's `b`,
//! BatchNorm's `gamma` and `beta`) is a flat array. The functions return a `serde_json::Value`,
//! whose keys print in sorted order, so the bytes on stdout do not depend on field order here.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::engine::check::CheckReport;
use crate::engine::{Matrix, Run};
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

/// A parameter's gradient: rows, or a flat array for a 1-D parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum GradJson {
    /// An array of rows.
    Rows(Rows),
    /// A flat array (a 1-D parameter).
    Flat(Vec<f64>),
}

/// `trace --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceJson<'a> {
    /// The preset's name.
    pub preset: &'a str,
    /// The loss, `null` without a loss layer.
    pub loss: Option<f64>,
    /// The last layer's output.
    pub out: Rows,
    /// ∂L/∂x.
    pub dx: Rows,
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
    /// Its forward output.
    pub out: Rows,
    /// ∂L/∂(its input).
    pub dx: Rows,
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
    /// The matrix it wrote.
    pub value: Rows,
}

impl<'a> TraceJson<'a> {
    /// The trace of `run`, made from `preset`.
    pub fn new(preset: &'a Preset, run: &'a Run) -> Self {
        TraceJson {
            preset: &preset.name,
            loss: run.loss,
            out: Rows::from(&run.out),
            dx: Rows::from(&run.dx),
            layers: run
                .layers
                .iter()
                .enumerate()
                .map(|(index, l)| LayerJson {
                    index,
                    kind: l.kind.as_str(),
                    name: &l.name,
                    out: Rows::from(&l.out),
                    dx: Rows::from(&l.dx),
                    grads: l
                        .grads
                        .iter()
                        .map(|g| {
                            let v = if g.vector {
                                GradJson::Flat(g.value.iter().copied().collect())
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
                    value: Rows::from(&s.writes.value),
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
    /// The largest relative error.
    pub max_rel_err: f64,
    /// The scalar differentiated.
    pub objective: f64,
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
                    passed: t.max_rel_err <= r.tolerance,
                })
                .collect(),
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
