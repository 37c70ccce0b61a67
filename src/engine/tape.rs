//! The tape: every elementary operation of a run, in order, with what it read and wrote.
//!
//! A [`Step`] is one visible operation (`X·W`, `+ b`, `mask = x ≤ 0`, `Σ rows`, …). Layers record
//! steps through a [`Recorder`]; the fast paths (gradient check, benchmarks) use [`NoRecord`], which
//! never builds a step, so recording costs nothing when nobody looks.

use super::Matrix;
use super::layer::LayerKind;
use super::op::Op;

/// Which pass a step belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// The forward pass: inputs to outputs (and the loss).
    Forward,
    /// The backward pass: `dout` from the end back to `dx`.
    Backward,
}

impl Phase {
    /// Lower-case name used in JSON and Markdown (`forward` / `backward`).
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Forward => "forward",
            Phase::Backward => "backward",
        }
    }
}

/// A named matrix a step read or wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Operand {
    /// Display name, e.g. `X`, `W`, `dY`, `mask`.
    pub name: String,
    /// The value at the time of the step.
    pub value: Matrix,
    /// For a value the backward pass reads from the forward cache: the index of the forward
    /// step that wrote it. This is why forward must run before backward.
    pub cached_at: Option<usize>,
}

impl Operand {
    /// An operand that is not read from the forward cache.
    pub fn new(name: impl Into<String>, value: &Matrix) -> Self {
        Operand {
            name: name.into(),
            value: value.clone(),
            cached_at: None,
        }
    }

    /// An operand the backward pass reads from the cache written by forward step `step`.
    pub fn cached(name: impl Into<String>, value: &Matrix, step: Option<usize>) -> Self {
        Operand {
            name: name.into(),
            value: value.clone(),
            cached_at: step,
        }
    }
}

/// What a layer hands the recorder; the tape adds phase and layer.
#[derive(Debug, Clone)]
pub struct StepDraft {
    /// The operation, which also knows how to explain any cell it wrote.
    pub op: Op,
    /// Short label, e.g. `X·W`, `+ b`, `mask = x ≤ 0`, `Σ rows`.
    pub label: String,
    /// The formula in plain Unicode, e.g. `dW = Xᵀ · dY`.
    pub formula: String,
    /// The matrices read, in the order the op combines them.
    pub reads: Vec<Operand>,
    /// The matrix written.
    pub writes: Operand,
    /// One line with concrete numbers: what happens here and why.
    pub note: String,
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
    /// Short label, e.g. `X·W`, `+ b`, `mask = x ≤ 0`, `Σ rows`.
    pub label: String,
    /// The formula in plain Unicode.
    pub formula: String,
    /// The matrices read.
    pub reads: Vec<Operand>,
    /// The matrix written.
    pub writes: Operand,
    /// One line with concrete numbers.
    pub note: String,
}

impl Step {
    /// Explain how the cell (`row`, `col`) of the written matrix was made, or `None` when the
    /// cell is outside it.
    pub fn explain(&self, row: usize, col: usize) -> Option<super::Explanation> {
        self.op.explain(&self.reads, &self.writes, row, col)
    }

    /// The read operand with this name, if any.
    pub fn read(&self, name: &str) -> Option<&Operand> {
        self.reads.iter().find(|o| o.name == name)
    }
}

/// Receives steps as a network runs.
pub trait Recorder {
    /// Set the phase and layer for the steps that follow.
    fn enter(&mut self, phase: Phase, layer: usize, layer_name: &str, kind: LayerKind);
    /// Record a step built by `make` (called only when recording) and return its index.
    fn record(&mut self, make: impl FnOnce() -> StepDraft) -> Option<usize>;
    /// Put `make()` in front of the next recorded step's note (used for "what dout is here").
    fn prefix_next(&mut self, make: impl FnOnce() -> String);
}

/// A recorder that records nothing: the fast path.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoRecord;

impl Recorder for NoRecord {
    fn enter(&mut self, _: Phase, _: usize, _: &str, _: LayerKind) {}
    fn record(&mut self, _: impl FnOnce() -> StepDraft) -> Option<usize> {
        None
    }
    fn prefix_next(&mut self, _: impl FnOnce() -> String) {}
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
    pending_prefix: Option<String>,
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

    /// Drop the steps from index `len` on (a nudge rerecords what follows a moved value).
    pub(crate) fn truncate(&mut self, len: usize) {
        self.steps.truncate(len);
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
        let mut draft = make();
        if let Some(prefix) = self.pending_prefix.take() {
            draft.note = format!("{prefix} {}", sentence_case(&draft.note));
        }
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
            note: draft.note,
        });
        Some(self.steps.len() - 1)
    }

    fn prefix_next(&mut self, make: impl FnOnce() -> String) {
        self.pending_prefix = Some(make());
    }
}

/// Capitalise a note that starts with an English word, so it reads as a new sentence after the
/// `dout` prefix; a note that starts with a symbol (`dY`, `dout`, `y = …`) keeps its case.
fn sentence_case(note: &str) -> String {
    const SYMBOLS: [&str; 6] = ["dout", "out", "mask", "dx", "dw", "db"];
    let first_word: &str = note
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let is_word = first_word == "a"
        || first_word.len() >= 2
            && first_word.chars().all(|c| c.is_ascii_lowercase())
            && !SYMBOLS.contains(&first_word);
    let mut chars = note.chars();
    match chars.next() {
        Some(first) if is_word => first.to_uppercase().chain(chars).collect(),
        _ => note.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::sentence_case;

    #[test]
    fn only_words_are_capitalised() {
        assert_eq!(
            sentence_case("a cell that forward set to 0"),
            "A cell that forward set to 0"
        );
        assert_eq!(
            sentence_case("softmax and cross-entropy"),
            "Softmax and cross-entropy"
        );
        assert_eq!(sentence_case("dY (2×4) · Wᵀ (4×3)"), "dY (2×4) · Wᵀ (4×3)");
        assert_eq!(sentence_case("dout ⊙ y"), "dout ⊙ y");
        assert_eq!(sentence_case("y = 1/(1 + exp(−x))"), "y = 1/(1 + exp(−x))");
        assert_eq!(sentence_case(""), "");
    }
}
