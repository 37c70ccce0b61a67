//! What an explanation of one cell is: its terms, how they combine, its remark. How it is
//! written out, in the learner's language, lives in the narration module (`src/lesson/explain.rs`).

use crate::i18n::Msg;

/// One term that was combined into a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Symbolic, e.g. `X[1,0]·dY[1,2]`.
    pub symbol: String,
    /// With numbers, e.g. `1.0000·0.3000` (a mask says it in words: `1.0000 ≤ 0 is False`).
    pub numbers: Shown,
    /// Its value.
    pub value: f64,
}

/// How one cell of a step's output was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The cell, e.g. `dW[0,1]`.
    pub target: String,
    /// The rule for this cell, e.g. `dW[0,1] = Σₙ X[n,0]·dY[n,1]`.
    pub rule: String,
    /// The terms combined, with their values.
    pub terms: Vec<Term>,
    /// How the terms combine: `sum`, `single`, …  used to write the expansion.
    pub combine: Combine,
    /// The value the step wrote.
    pub value: f64,
    /// A remark, e.g. `masked: x ≤ 0, so the gradient is blocked`: a message of the catalogs.
    pub note: Option<Msg>,
}

/// A term written with the learner's numbers: a formula (the same in every language) or, where
/// words say what happened (a mask's `is True`), a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// A formula with numbers, e.g. `1.0000·0.3000`.
    Formula(String),
    /// Words with the numbers as arguments.
    Words(Msg),
}

impl From<String> for Shown {
    fn from(formula: String) -> Shown {
        Shown::Formula(formula)
    }
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Shown::Formula(s) => f.write_str(s),
            Shown::Words(m) => m.fmt(f),
        }
    }
}

/// How an explanation's terms make the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// The value is the sum of the terms.
    Sum,
    /// The value is the sum of the terms divided by their count.
    Mean,
    /// There is one term and it is the value.
    Single,
    /// The value is minus the sum of the terms.
    NegSum,
}
