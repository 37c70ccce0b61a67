//! Learning aids built on the tape: the NumPy line, shape algebra, the Jacobian view, the nudge,
//! and predict-then-reveal quizzes.
//!
//! Each aid answers one of the learner's questions (see `seed/NOTES.md`) with the learner's own
//! numbers. Like the rest of the engine this module is pure: no UI crate, no I/O. The explorer
//! calls these functions and draws what they return; the CLI exports them as Markdown.

pub mod jacobian;
pub mod nudge;
pub mod numpy;
pub mod quiz;
pub mod shapes;

pub use jacobian::{JACOBIAN_MAX_CELLS, JacobianView, jacobian, jacobian_for_step};
pub use nudge::{CellChange, DEFAULT_NUDGE_H, NudgeReport, NudgeTarget, StepChange, nudge};
pub use numpy::numpy_line;
pub use quiz::{Question, Score, Verdict, check_answer, quiz_question};
pub use shapes::{Candidate, ShapeAlgebra, shape_algebra};
