//! The tape: every elementary operation of a run, in order, with what it read and wrote.
//!
//! A [`Step`] is one visible operation (`X·W`, `+ b`, `mask = x ≤ 0`, `db = Σₙ dY`, …). Layers record
//! steps through a [`Recorder`]; the fast paths (gradient check, benchmarks) use [`NoRecord`], which
//! never builds a step, so recording costs nothing when nobody looks.

use super::Matrix;
use super::layer::LayerKind;
use super::op::Op;
pub use super::operand::{Kind, Operand};
use super::tensor::ImageShape;
mod note;
pub use note::{Cached, Note, Said};

/// Which pass a step belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// The forward pass: inputs to outputs (and the loss).
    Forward,
    /// The backward pass: `dout` from the end back to `dx`.
    Backward,
    /// The optimizer's update of every parameter after backward (training presets).
    Update,
}

impl Phase {
    /// Lower-case name used in JSON and Markdown (`forward` / `backward` / `update`).
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Forward => "forward",
            Phase::Backward => "backward",
            Phase::Update => "update",
        }
    }
}

/// What a layer hands the recorder; the tape adds phase and layer.
#[derive(Debug, Clone)]
pub struct StepDraft {
    /// The operation, which also knows how to explain any cell it wrote.
    pub op: Op,
    /// Short label, e.g. `X·W`, `+ b`, `mask = x ≤ 0`, `db = Σₙ dY`.
    pub label: String,
    /// The formula in plain Unicode, e.g. `dW = Xᵀ · dY`.
    pub formula: String,
    /// The matrices read, in the order the op combines them.
    pub reads: Vec<Operand>,
    /// The matrix written.
    pub writes: Operand,
    /// One line with concrete numbers: what happens here and why.
    pub note: Said,
    /// The NumPy line that does the same, in the names of the book's companion code.
    pub numpy: String,
}

impl StepDraft {
    /// A step doing `op`, shown as `label` with `formula`; add operands, the NumPy line and the
    /// note with the builder methods.
    pub fn new(op: Op, label: &str, formula: &str) -> Self {
        StepDraft {
            op,
            label: label.to_string(),
            formula: formula.to_string(),
            reads: Vec::new(),
            writes: Operand::new(Kind::Output, "", &Matrix::zeros((0, 0))),
            note: Said::default(),
            numpy: String::new(),
        }
    }

    /// Add a read operand (in the order the op combines them).
    pub fn read(mut self, kind: Kind, name: &str, value: &Matrix) -> Self {
        self.reads.push(Operand::new(kind, name, value));
        self
    }

    /// Add a read operand that forward step `step` cached for this one.
    pub fn cached(mut self, kind: Kind, name: &str, value: &Matrix, step: Option<usize>) -> Self {
        self.reads.push(Operand::cached(kind, name, value, step));
        self
    }

    /// Set the written operand.
    pub fn writes(mut self, kind: Kind, name: &str, value: &Matrix) -> Self {
        self.writes = Operand::new(kind, name, value);
        self
    }

    /// Add a read operand that is a 4-D tensor of samples shaped `image` (`None`: a matrix).
    pub fn read_image(
        mut self,
        kind: Kind,
        name: &str,
        value: &Matrix,
        image: Option<ImageShape>,
    ) -> Self {
        self.reads
            .push(Operand::new(kind, name, value).with_image(image));
        self
    }

    /// Add a cached read operand (see [`StepDraft::cached`]) that is a 4-D tensor shaped `image`.
    pub fn cached_image(
        mut self,
        kind: Kind,
        name: &str,
        value: &Matrix,
        step: Option<usize>,
        image: Option<ImageShape>,
    ) -> Self {
        self.reads
            .push(Operand::cached(kind, name, value, step).with_image(image));
        self
    }

    /// Set the written operand, a 4-D tensor of samples shaped `image` (`None`: a matrix).
    pub fn writes_image(
        mut self,
        kind: Kind,
        name: &str,
        value: &Matrix,
        image: Option<ImageShape>,
    ) -> Self {
        self.writes = Operand::new(kind, name, value).with_image(image);
        self
    }

    /// Set the NumPy line.
    pub fn numpy(mut self, line: impl Into<String>) -> Self {
        self.numpy = line.into();
        self
    }

    /// Set the note: a message (`msg!`), or English not yet in the catalogs.
    pub fn note(mut self, note: impl Into<Said>) -> Self {
        self.note = note.into();
        self
    }
}

/// One elementary operation on the tape.
#[derive(Debug, Clone)]
pub struct Step {
    /// Forward or backward.
    pub phase: Phase,
    /// Index of the layer in the network.
    pub layer: usize,
    /// Name of the layer (`Affine1`, `ReLU`, …).
    pub layer_name: String,
    /// Kind of the layer.
    pub kind: LayerKind,
    /// The operation.
    pub op: Op,
    /// Short label, e.g. `X·W`, `+ b`, `mask = x ≤ 0`, `db = Σₙ dY`.
    pub label: String,
    /// The formula in plain Unicode.
    pub formula: String,
    /// The matrices read.
    pub reads: Vec<Operand>,
    /// The matrix written.
    pub writes: Operand,
    /// One line with concrete numbers; it ends with which forward step cached each cached
    /// read (derived from the operands when the step is recorded). Written out by its
    /// `Display`, in the language of the moment.
    pub note: Note,
    /// The NumPy line that does the same, in the book's names.
    pub numpy: String,
}

impl Step {
    /// Explain how the cell (`row`, `col`) of the written matrix was made, or `None` when the
    /// cell is outside it.
    pub fn explain(&self, row: usize, col: usize) -> Option<super::Explanation> {
        self.op.explain(&self.reads, &self.writes, row, col)
    }

    /// The shape of one sample of the written matrix when it is a 4-D tensor (see
    /// [`Operand::image`]).
    pub fn written_image(&self) -> Option<ImageShape> {
        self.writes.image
    }

    /// The first read operand of this kind, if any.
    pub fn read(&self, kind: Kind) -> Option<&Operand> {
        self.reads.iter().find(|o| o.kind == kind)
    }
}

/// Receives steps as a network runs.
pub trait Recorder {
    /// Set the phase and layer for the steps that follow.
    fn enter(&mut self, phase: Phase, layer: usize, layer_name: &str, kind: LayerKind);
    /// Record a step built by `make` (called only when recording) and return its index.
    fn record(&mut self, make: impl FnOnce() -> StepDraft) -> Option<usize>;
    /// Put `make()` in front of the next recorded step's note (used for "what dout is here").
    fn prefix_next(&mut self, make: impl FnOnce() -> Said);
    /// Make step `step` (or, for `None`, the last step) say it wrote `value` (a nudge moved it).
    fn rewrite(&mut self, step: Option<usize>, value: &Matrix);
    /// Drop the steps from index `len` on (a nudge rerecords what follows a moved value).
    fn truncate(&mut self, len: usize);
    /// The index the next recorded step will get (0 for a recorder that keeps nothing).
    fn position(&self) -> usize;
    /// Whether steps are kept: a layer that records nothing may take a faster path to the same
    /// numbers (chapter 7's layers skip the intermediates only the tape shows).
    fn records(&self) -> bool {
        true
    }
}

/// A recorder that records nothing: the fast path.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoRecord;

impl Recorder for NoRecord {
    fn enter(&mut self, _: Phase, _: usize, _: &str, _: LayerKind) {}
    fn record(&mut self, _: impl FnOnce() -> StepDraft) -> Option<usize> {
        None
    }
    fn prefix_next(&mut self, _: impl FnOnce() -> Said) {}
    fn rewrite(&mut self, _: Option<usize>, _: &Matrix) {}
    fn truncate(&mut self, _: usize) {}
    fn position(&self) -> usize {
        0
    }
    fn records(&self) -> bool {
        false
    }
}

/// Every step of a run, forward then backward.
#[derive(Debug, Clone, Default)]
pub struct Tape {
    /// The steps in the order they ran.
    pub steps: Vec<Step>,
    phase: Option<Phase>,
    layer: usize,
    layer_name: String,
    kind: Option<LayerKind>,
    pending_prefix: Option<Said>,
}

impl Tape {
    /// An empty tape.
    pub fn new() -> Self {
        Tape::default()
    }

    /// Number of steps.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// True when no step was recorded.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Index of the first backward step (or `len()` when there is none).
    pub fn first_backward(&self) -> usize {
        self.steps
            .iter()
            .position(|s| s.phase == Phase::Backward)
            .unwrap_or(self.steps.len())
    }
}

impl Recorder for Tape {
    fn enter(&mut self, phase: Phase, layer: usize, layer_name: &str, kind: LayerKind) {
        self.kind = Some(kind);
        self.phase = Some(phase);
        self.layer = layer;
        self.layer_name = layer_name.to_string();
    }

    fn record(&mut self, make: impl FnOnce() -> StepDraft) -> Option<usize> {
        let draft = make();
        let note = Note {
            prefix: self.pending_prefix.take(),
            body: draft.note,
            cached: draft
                .reads
                .iter()
                .filter_map(|o| {
                    Some(Cached {
                        name: o.name.clone(),
                        is_mask: matches!(o.kind, Kind::Mask(_)),
                        step: o.cached_at?,
                    })
                })
                .collect(),
            symbols: draft
                .reads
                .iter()
                .chain(std::iter::once(&draft.writes))
                .filter_map(|o| o.name.split_whitespace().next().map(str::to_string))
                .collect(),
        };
        self.steps.push(Step {
            phase: self.phase.unwrap_or(Phase::Forward),
            layer: self.layer,
            layer_name: self.layer_name.clone(),
            kind: self.kind.unwrap_or(LayerKind::Affine),
            op: draft.op,
            label: draft.label,
            formula: draft.formula,
            reads: draft.reads,
            writes: draft.writes,
            note,
            numpy: draft.numpy,
        });
        Some(self.steps.len() - 1)
    }

    fn prefix_next(&mut self, make: impl FnOnce() -> Said) {
        self.pending_prefix = Some(make());
    }

    fn rewrite(&mut self, step: Option<usize>, value: &Matrix) {
        let step = match step {
            Some(s) => self.steps.get_mut(s),
            None => self.steps.last_mut(),
        };
        if let Some(step) = step {
            step.writes.value = value.clone();
        }
    }

    fn truncate(&mut self, len: usize) {
        self.steps.truncate(len);
    }

    fn position(&self) -> usize {
        self.steps.len()
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind, Recorder, StepDraft, Tape};
    use crate::engine::{Matrix, Op};

    #[test]
    fn a_tape_is_empty_until_a_step_is_recorded() {
        let mut tape = Tape::new();
        assert!(tape.is_empty());
        let m = Matrix::zeros((1, 1));
        let at = tape.record(|| StepDraft::new(Op::ColumnSum, "", "").writes(Kind::Dx, "dY", &m));
        assert_eq!(at, Some(0));
        assert!(!tape.is_empty());
        assert_eq!((tape.len(), tape.position()), (1, 1));
    }
}
