//! What an explanation of one cell is: its terms, how they combine, and the lines it prints.

use crate::i18n::format::n4;

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
            let head = join_terms(&shown[..max_terms - 1]);
            format!(
                "{head} + … ({} terms) … {}",
                shown.len(),
                join_terms(&["", shown[shown.len() - 1]]).trim_start()
            )
        } else {
            join_terms(&shown)
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

/// Terms joined with ` + `, a negative one with ` − ` and its sign dropped: `0.5 − 0.3·2.0`, never
/// `0.5 + -0.3·2.0`.
fn join_terms(terms: &[&str]) -> String {
    let mut out = String::new();
    for (k, term) in terms.iter().enumerate() {
        match (k, term.strip_prefix('-')) {
            (0, _) => out.push_str(term),
            (_, Some(positive)) => {
                out.push_str(" − ");
                out.push_str(positive);
            }
            (_, None) => {
                out.push_str(" + ");
                out.push_str(term);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Combine, Explanation, Term};

    fn sum_of(values: &[f64]) -> Explanation {
        Explanation {
            target: "s".into(),
            rule: "s = Σ".into(),
            terms: values
                .iter()
                .map(|&v| Term {
                    symbol: "v".into(),
                    numbers: crate::i18n::format::n4(v),
                    value: v,
                })
                .collect(),
            combine: Combine::Sum,
            value: values.iter().sum(),
            note: None,
        }
    }

    #[test]
    fn long_expansions_keep_the_first_terms_and_the_last() {
        let e = sum_of(&[1.0, 2.0, -3.0, 4.0, 5.0]);
        // up to max_terms, every term
        assert_eq!(
            e.expansion(5),
            "= 1.0000 + 2.0000 − 3.0000 + 4.0000 + 5.0000 = 9.0000"
        );
        // beyond it: max_terms − 1 first terms, the count, the last term
        assert_eq!(
            e.expansion(3),
            "= 1.0000 + 2.0000 + … (5 terms) … + 5.0000 = 9.0000"
        );
        assert_eq!(e.expansion(2), "= 1.0000 + … (5 terms) … + 5.0000 = 9.0000");
        // fewer than 2 leaves nothing to elide around: every term
        assert_eq!(
            e.expansion(1),
            "= 1.0000 + 2.0000 − 3.0000 + 4.0000 + 5.0000 = 9.0000"
        );
        let mean = Explanation {
            combine: Combine::Mean,
            value: 1.8,
            ..e.clone()
        };
        assert_eq!(
            mean.expansion(8),
            "= (1.0000 + 2.0000 − 3.0000 + 4.0000 + 5.0000) / 5 = 1.8000"
        );
        let neg = Explanation {
            combine: Combine::NegSum,
            value: -9.0,
            ..e
        };
        assert_eq!(
            neg.expansion(8),
            "= −(1.0000 + 2.0000 − 3.0000 + 4.0000 + 5.0000) = -9.0000"
        );
    }
}
