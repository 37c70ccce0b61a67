//! What a step says about itself, kept as message ids with their numbers: written out in the
//! learner's language only when shown (by the narration module, `src/lesson/note.rs`).

use crate::i18n::Msg;

/// A sentence of a note: a message of the catalogs, or English a layer has not yet moved into
/// them (the narration test lists the presets whose notes must have none).
#[derive(Debug, Clone, PartialEq)]
pub enum Said {
    /// A message id with its arguments.
    Msg(Msg),
    /// A sentence in English only.
    English(String),
}

impl Default for Said {
    fn default() -> Said {
        Said::English(String::new())
    }
}

impl From<Msg> for Said {
    fn from(m: Msg) -> Said {
        Said::Msg(m)
    }
}

impl From<String> for Said {
    fn from(s: String) -> Said {
        Said::English(s)
    }
}

impl From<&str> for Said {
    fn from(s: &str) -> Said {
        Said::English(s.to_string())
    }
}

/// A read that backward took from the forward cache.
#[derive(Debug, Clone, PartialEq)]
pub struct Cached {
    /// Its name (`mask`, `x`, `y`).
    pub name: String,
    /// True for a mask (said as "the mask").
    pub is_mask: bool,
    /// The forward step that cached it (0-based).
    pub step: usize,
}

/// A step's note: what `dout` is (on the first step of a layer's backward), the step's own
/// sentence, and which forward step cached each cached read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Note {
    /// What `dout` is when a layer's backward starts, in front of the sentence.
    pub prefix: Option<Said>,
    /// The step's own sentence.
    pub body: Said,
    /// The cached reads, in the order the step reads them.
    pub cached: Vec<Cached>,
    /// The first word of each operand's name: after the prefix, a sentence that starts with one
    /// (`dY (2×4) · Wᵀ`) keeps its case; one that starts with a word is capitalised.
    pub symbols: Vec<String>,
}
