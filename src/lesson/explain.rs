//! How an explanation of a cell is written out: the rule, the expansion with the learner's
//! numbers (`= 1.0000·0.3000 + 2.0000·0.1000 = 0.5000`) and the remark, in the current language.
//!
//! The engine's ops build an [`Explanation`] (the terms with their values, a remark as a message
//! id); these methods write it for the explorer's `Enter` popup, the inspector and the quiz.

use crate::engine::Explanation;
use crate::engine::op::Combine;
use crate::i18n::format::n4;

impl Explanation {
    /// `= 1.0000·0.3000 + 2.0000·0.1000 = 0.5000`, eliding the middle after `max_terms` terms.
    pub fn expansion(&self, max_terms: usize) -> String {
        let shown: Vec<String> = self.terms.iter().map(|t| t.numbers.to_string()).collect();
        let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
        let joined = if shown.len() > max_terms && max_terms >= 2 {
            let head = join_terms(&shown[..max_terms - 1]);
            crate::t!(
                "narr-expansion-elided",
                head = head,
                n = shown.len(),
                last = join_terms(&["", shown[shown.len() - 1]]).trim_start()
            )
        } else {
            join_terms(&shown)
        };
        let body = match self.combine {
            Combine::Sum | Combine::Single => joined,
            Combine::Mean => format!("({joined}) / {}", self.terms.len()),
            Combine::NegSum => format!("−({joined})"),
        };
        let value = n4(self.value);
        // a copy (`col[0,4] = x[0,0,1,1]`) has nothing to work out: its value once, not twice
        if body == value {
            return format!("= {value}");
        }
        format!("= {body} = {value}")
    }

    /// All lines of the explanation, ready to print.
    pub fn lines(&self, max_terms: usize) -> Vec<String> {
        let mut out = vec![self.rule.clone(), self.expansion(max_terms)];
        if let Some(note) = &self.note {
            out.push(note.to_string());
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
    use crate::engine::op::{Combine, Explanation, Term};

    fn sum_of(values: &[f64]) -> Explanation {
        Explanation {
            target: "s".into(),
            rule: "s = Σ".into(),
            terms: values
                .iter()
                .map(|&v| Term {
                    symbol: "v".into(),
                    numbers: crate::i18n::format::n4(v).into(),
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

    #[test]
    fn a_copied_value_is_written_once() {
        let copy = Explanation {
            combine: Combine::Single,
            ..sum_of(&[2.0])
        };
        assert_eq!(copy.expansion(8), "= 2.0000");
        // a single term that is worked out keeps its result
        let mut scaled = copy.clone();
        scaled.terms[0].numbers = String::from("2.0000·0.5000").into();
        scaled.value = 1.0;
        assert_eq!(scaled.expansion(8), "= 2.0000·0.5000 = 1.0000");
    }
}
