//! The engine: the layers of chapter 5, the tape of a run, cell explanations and the gradient check.
//!
//! Pure maths on `ndarray::Array2<f64>`. This module imports no UI crate and does no I/O: the
//! explorer and the CLI only read what it returns.

pub mod check;
pub mod data;
pub mod experiment;
pub mod graph;
pub mod histogram;
pub mod layer;
pub mod linalg;
pub mod network;
pub mod notes;
pub mod op;
pub mod operand;
pub mod optim;
pub mod par;
pub mod pool;
pub mod rng;
pub mod run;
pub mod search;
pub mod tape;
pub mod tensor;
pub mod train;

/// Every matrix in backstep: rows × columns of `f64`.
pub type Matrix = ndarray::Array2<f64>;

pub use check::{CheckReport, TensorCheck, gradient_check};
pub use layer::{Cache, Grad, Kink, Layer, LayerKind, LayerType};
pub use network::{Inputs, LayerRun, NamedLayer, Network, Run, Targets};
pub use op::{BinOp, Combine, Explanation, Expr, MaskRule, Op, Reduce, Term, UnaryFn};
pub use operand::{Kind, MaskSense, Operand, Param};
pub use tape::{NoRecord, Phase, Recorder, Step, StepDraft, Tape};
pub use tensor::ImageShape;
