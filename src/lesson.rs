//! What narrates the tape: the learning aids and the book's figures, read from a run.
//!
//! The engine computes and records; this module reads what it recorded to explain it to a learner:
//! the aids (the NumPy line, shape algebra, the Jacobian view, the nudge, quizzes) and the
//! figures (a computational graph, or a layer drawn as the book draws it). It sits between the
//! engine, which it reads and never changes, and the report and the explorer, which draw what it
//! returns: like the engine it imports no UI crate and does no I/O.

pub mod aids;
pub mod explain;
pub mod figure;
pub mod note;
