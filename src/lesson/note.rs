//! A step's note written out: what `dout` is, the step's sentence with the learner's numbers,
//! and which forward step cached each value backward reads — in the language of the moment.

use std::fmt;

use crate::engine::tape::{Cached, Note, Said};

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Said::Msg(m) => m.fmt(f),
            Said::English(s) => f.write_str(s),
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut body = self.body.to_string();
        body.push_str(&uses_cached(&self.cached));
        match &self.prefix {
            Some(prefix) => write!(f, "{prefix} {}", sentence_case(&body, &self.symbols)),
            None => f.write_str(&body),
        }
    }
}

/// `; uses the mask cached at forward step 3` for the cached reads (nothing for none).
fn uses_cached(cached: &[Cached]) -> String {
    let parts = cached.iter().map(|c| {
        crate::t!(
            "narr-cached-read",
            mask = if c.is_mask { "yes" } else { "no" },
            name = c.name.as_str(),
            step = c.step + 1
        )
    });
    match parts.reduce(|first, then| crate::t!("narr-cached-and", first = first, then = then)) {
        Some(reads) => crate::t!("narr-uses-cached", reads = reads),
        None => String::new(),
    }
}

/// Capitalise a note that starts with an English word, so it reads as a new sentence after the
/// `dout` prefix; a note that starts with one of the step's operand names (`dY`, `dout`, `y = …`)
/// keeps its case (and a language without case is left as it is).
fn sentence_case(note: &str, symbols: &[String]) -> String {
    let first_word: &str = note
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let is_symbol = symbols.iter().any(|s| s == first_word);
    let is_word = first_word == "a"
        || first_word.len() >= 2
            && first_word.chars().all(|c| c.is_ascii_lowercase())
            && !is_symbol;
    let mut chars = note.chars();
    match chars.next() {
        Some(first) if is_word => first.to_uppercase().chain(chars).collect(),
        _ => note.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_words_are_capitalised() {
        let d: Vec<String> = ["dout", "y", "dY"].map(String::from).to_vec();
        assert_eq!(
            sentence_case("a cell that forward set to 0", &d),
            "A cell that forward set to 0"
        );
        assert_eq!(
            sentence_case("softmax and cross-entropy", &d),
            "Softmax and cross-entropy"
        );
        assert_eq!(
            sentence_case("dY (2×4) · Wᵀ (4×3)", &d),
            "dY (2×4) · Wᵀ (4×3)"
        );
        assert_eq!(sentence_case("dout ⊙ y", &d), "dout ⊙ y");
        assert_eq!(
            sentence_case("y = 1/(1 + exp(−x))", &d),
            "y = 1/(1 + exp(−x))"
        );
        assert_eq!(sentence_case("", &d), "");
    }

    #[test]
    fn the_cached_sentence_names_each_cached_operand() {
        let mask = Cached {
            name: "mask".into(),
            is_mask: true,
            step: 2,
        };
        let x = Cached {
            name: "x".into(),
            is_mask: false,
            step: 0,
        };
        assert_eq!(
            uses_cached(&[mask, x]),
            "; uses the mask cached at forward step 3 and x cached at forward step 1"
        );
        assert_eq!(uses_cached(&[]), "");
    }
}
