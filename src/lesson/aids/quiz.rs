//! Predict, then reveal: before a backward step is shown, the learner types the value of one of
//! its cells; the answer is checked, then the step and that cell's explanation are revealed.
//!
//! The cell is chosen from a seed, so a session is reproducible and tests are stable. For a given
//! step, seeds `s, s + 1, …, s + n − 1` visit all `n` cells of the written matrix, each once, in
//! a scrambled order: the explorer passes a counter and the learner gets a different cell each
//! time. An answer is right within a relative tolerance of 1e-3, or within
//! [`ABSOLUTE_FLOOR`] of the true value (the half-unit of the 4th decimal the screen shows), so
//! `0` is accepted for `0.00003` and `0.1235` for `0.12345`.

use std::fmt;

use crate::engine::network::Run;
use crate::engine::tape::Phase;

/// Relative tolerance of a right answer.
pub const RELATIVE_TOLERANCE: f64 = 1e-3;

/// Absolute tolerance for answers near 0: half a unit in the 4th decimal, as numbers are shown.
pub const ABSOLUTE_FLOOR: f64 = 5e-5;

/// A question: the value of one cell of a backward step's written matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Tape index of the step.
    pub step: usize,
    /// Row of the cell.
    pub row: usize,
    /// Column of the cell.
    pub col: usize,
    /// The cell as shown, e.g. `dW[1,0]`.
    pub cell: String,
    /// The true value.
    pub answer: f64,
}

/// The verdict on a typed answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Within tolerance.
    Right {
        /// What was typed, parsed.
        typed: f64,
        /// The true value.
        answer: f64,
    },
    /// Outside tolerance.
    Wrong {
        /// What was typed, parsed.
        typed: f64,
        /// The true value.
        answer: f64,
    },
    /// Not a number: the question stays open.
    NotANumber {
        /// What to do.
        message: String,
    },
}

impl Verdict {
    /// True for [`Verdict::Right`].
    pub fn is_right(&self) -> bool {
        matches!(self, Verdict::Right { .. })
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Right { typed, answer } => f.write_str(&crate::t!(
                "views-quiz-right",
                typed = typed.to_string(),
                answer = format!("{answer:.6}")
            )),
            Verdict::Wrong { typed, answer } => f.write_str(&crate::t!(
                "views-quiz-wrong",
                typed = typed.to_string(),
                answer = format!("{answer:.6}"),
                off = format!("{:.6}", typed - answer)
            )),
            Verdict::NotANumber { message } => f.write_str(message),
        }
    }
}

/// Right answers out of questions answered in a session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Right answers.
    pub right: u32,
    /// Questions answered with a number.
    pub asked: u32,
}

impl Score {
    /// Count a verdict; a non-number does not count (the learner types again).
    pub fn record(&mut self, verdict: &Verdict) {
        match verdict {
            Verdict::Right { .. } => {
                self.right += 1;
                self.asked += 1;
            }
            Verdict::Wrong { .. } => self.asked += 1,
            Verdict::NotANumber { .. } => {}
        }
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::t!(
            "views-quiz-score",
            right = self.right,
            asked = self.asked
        ))
    }
}

/// A question on step `step_index` of the run, the cell chosen by `seed`; `None` for a forward
/// step, a step that does not exist or an empty matrix.
pub fn quiz_question(run: &Run, step_index: usize, seed: u64) -> Option<Question> {
    let step = run.tape.steps.get(step_index)?;
    if step.phase != Phase::Backward {
        return None;
    }
    let m = &step.writes.value;
    let n = m.len() as u64;
    if n == 0 {
        return None;
    }
    // index = (offset + seed·stride) mod n with stride coprime to n: a permutation of the cells.
    let offset = mix(step_index as u64) % n;
    let mut stride = 1 + mix(step_index as u64 ^ 0x5eed) % n;
    while gcd(stride, n) != 1 {
        stride += 1;
    }
    let index = (offset + (seed % n) * (stride % n)) % n;
    let cols = m.ncols() as u64;
    let (row, col) = ((index / cols) as usize, (index % cols) as usize);
    let answer = *m.get((row, col))?;
    Some(Question {
        step: step_index,
        row,
        col,
        cell: crate::i18n::format::cell(&step.writes.name, row, col),
        answer,
    })
}

/// Check what the learner typed against `answer`.
pub fn check_answer(answer: f64, typed: &str) -> Verdict {
    let text = typed.trim().replace(['−', '–'], "-").replace('_', "");
    if text.is_empty() {
        return Verdict::NotANumber {
            message: crate::t!("views-quiz-empty"),
        };
    }
    let Ok(value) = text.parse::<f64>() else {
        return Verdict::NotANumber {
            message: crate::t!("views-quiz-not-a-number", typed = typed.trim()),
        };
    };
    if !value.is_finite() {
        // typed as inf or NaN, or a number beyond f64's range (1e309)
        let spelled = text.trim_start_matches(['+', '-']).to_ascii_lowercase();
        let message = if ["inf", "infinity", "nan"].contains(&spelled.as_str()) {
            crate::t!("views-quiz-not-finite", typed = typed.trim())
        } else {
            crate::t!("views-quiz-too-large", typed = typed.trim())
        };
        return Verdict::NotANumber { message };
    }
    let tolerance = (RELATIVE_TOLERANCE * answer.abs()).max(ABSOLUTE_FLOOR);
    if (value - answer).abs() <= tolerance {
        Verdict::Right {
            typed: value,
            answer,
        }
    } else {
        Verdict::Wrong {
            typed: value,
            answer,
        }
    }
}

/// SplitMix64: a well-spread hash of a counter.
fn mix(v: u64) -> u64 {
    let mut z = v.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::preset::Preset;
    use std::collections::HashSet;

    fn run(name: &str) -> Run {
        let p = Preset::builtin(name).unwrap();
        p.network.run(&p.inputs).unwrap()
    }

    #[test]
    fn questions_are_on_backward_steps_only_and_answer_the_written_cell() {
        let run = run("bias-sum");
        assert_eq!(quiz_question(&run, 0, 0), None, "forward step");
        assert_eq!(quiz_question(&run, 99, 0), None);
        // bias-sum: X·W, + b, then dX, dW, db; db = [5, 7, 9].
        let q = quiz_question(&run, 4, 3).unwrap();
        assert_eq!(q.row, 0);
        assert_eq!(q.cell, format!("db[0,{}]", q.col));
        assert_eq!(q.answer, [5.0, 7.0, 9.0][q.col]);
    }

    #[test]
    fn a_cell_of_an_expression_is_asked_with_parentheses() {
        // softmax-loss's first backward step writes y − t: the question is about (y − t)[r,c]
        let run = run("softmax-loss");
        let k = run.tape.first_backward();
        assert_eq!(run.tape.steps[k].writes.name, "y − t");
        let q = quiz_question(&run, k, 0).unwrap();
        assert_eq!(q.cell, format!("(y − t)[{},{}]", q.row, q.col));
    }

    #[test]
    fn seeds_are_stable_and_visit_every_cell() {
        let run = run("two-layer");
        let k = run.tape.first_backward() + 3; // Affine2's dW, 4×3
        assert_eq!(run.tape.steps[k].writes.name, "dW");
        let a = quiz_question(&run, k, 7).unwrap();
        assert_eq!(a, quiz_question(&run, k, 7).unwrap());
        let cells: HashSet<(usize, usize)> = (0..12)
            .map(|s| {
                let q = quiz_question(&run, k, s).unwrap();
                assert_eq!(q.answer, run.tape.steps[k].writes.value[[q.row, q.col]]);
                (q.row, q.col)
            })
            .collect();
        assert_eq!(cells.len(), 12, "12 seeds, 12 different cells");
        assert_ne!(quiz_question(&run, k, 0), quiz_question(&run, k, 1));
        // the same seed asks the same cell in every version: the order is pinned
        let order: Vec<(usize, usize)> = (0..6)
            .map(|s| quiz_question(&run, k, s).map(|q| (q.row, q.col)).unwrap())
            .collect();
        assert_eq!(order, [(3, 2), (3, 1), (3, 0), (2, 2), (2, 1), (2, 0)]);
        let other: Vec<(usize, usize)> = (0..3)
            .map(|s| {
                quiz_question(&run, k + 1, s)
                    .map(|q| (q.row, q.col))
                    .unwrap()
            })
            .collect();
        assert_eq!(other, [(0, 0), (0, 2), (0, 1)]);
        // and every backward step's first three questions (row·10 + col)
        let run = &run;
        let firsts: Vec<usize> = (run.tape.first_backward()..run.tape.len())
            .flat_map(|k| (0..3).filter_map(move |s| quiz_question(run, k, s)))
            .map(|q| q.row * 10 + q.col)
            .collect();
        assert_eq!(
            firsts,
            [
                1, 2, 10, 2, 1, 0, 11, 2, 13, 32, 31, 30, 0, 2, 1, 2, 11, 0, 0, 12, 11, 0, 11, 22,
                3, 2, 1
            ]
        );
    }

    #[test]
    fn answers_are_checked_with_tolerance() {
        assert!(check_answer(0.123456, "0.1235").is_right());
        assert!(check_answer(0.123456, " 0.12346 ").is_right());
        assert!(!check_answer(0.123456, "0.124").is_right());
        assert!(
            check_answer(-250.0, "−250.2").is_right(),
            "within 1e-3 relative"
        );
        assert!(!check_answer(-250.0, "-250.3").is_right());
        assert!(check_answer(3e-5, "0").is_right(), "absolute floor");
        assert!(!check_answer(3e-4, "0").is_right());
        assert!(check_answer(2.2, "2.2e0").is_right());
        assert_eq!(
            check_answer(1.0, "abc"),
            Verdict::NotANumber {
                message: "\"abc\" is not a number: type e.g. 0.25 or -1.5e-2".into()
            }
        );
        assert!(matches!(check_answer(1.0, ""), Verdict::NotANumber { .. }));
        assert!(matches!(
            check_answer(1.0, "nan"),
            Verdict::NotANumber { .. }
        ));
        assert!(matches!(
            check_answer(1.0, "inf"),
            Verdict::NotANumber { .. }
        ));
        assert_eq!(
            check_answer(2.0, "3").to_string(),
            "not quite: you said 3, the value is 2.000000 (off by 1.000000)"
        );
    }

    #[test]
    fn the_score_counts_numbers_only() {
        let mut score = Score::default();
        for (answer, typed) in [(1.0, "1"), (1.0, "2"), (1.0, "x"), (0.5, "0.5")] {
            score.record(&check_answer(answer, typed));
        }
        assert_eq!(score, Score { right: 2, asked: 3 });
        assert_eq!(score.to_string(), "2/3 right");
    }
}
