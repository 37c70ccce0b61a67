//! What an explanation of one cell is: its terms, how they combine, and the lines it prints.

use crate::engine::format::n4;

/// One term that was combined into a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Symbolic, e.g. `X[1,0]·dY[1,2]`.
    pub symbol: String,
    /// With numbers, e.g. `1.0000·0.3000`.
    pub numbers: String,
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
    /// A remark, e.g. `masked: x ≤ 0, so the gradient is blocked`.
    pub note: Option<String>,
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

impl Explanation {
    /// `= 1.0000·0.3000 + 2.0000·0.1000 = 0.5000`, eliding the middle after `max_terms` terms.
    pub fn expansion(&self, max_terms: usize) -> String {
        let shown: Vec<&str> = self.terms.iter().map(|t| t.numbers.as_str()).collect();
        let joined = if shown.len() > max_terms && max_terms >= 2 {
            let head = shown[..max_terms - 1].join(" + ");
            format!(
                "{head} + … ({} terms) … + {}",
                shown.len(),
                shown[shown.len() - 1]
            )
        } else {
            shown.join(" + ")
        };
        let body = match self.combine {
            Combine::Sum | Combine::Single => joined,
            Combine::Mean => format!("({joined}) / {}", self.terms.len()),
            Combine::NegSum => format!("−({joined})"),
        };
        format!("= {body} = {}", n4(self.value))
    }

    /// All lines of the explanation, ready to print.
    pub fn lines(&self, max_terms: usize) -> Vec<String> {
        let mut out = vec![self.rule.clone(), self.expansion(max_terms)];
        if let Some(note) = &self.note {
            out.push(note.clone());
        }
        out
    }
}
