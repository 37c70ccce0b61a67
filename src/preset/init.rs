//! Initial weights (chapter 6.2): how a weight generator scales its normal draws.
//!
//! The book's `MultiLayerNet.__init_weight` draws `scale * np.random.randn(n, m)` with
//! `scale = weight_init_std` (a number), `np.sqrt(1.0 / n)` ('xavier') or `np.sqrt(2.0 / n)`
//! ('he'), n being the rows of W (the previous layer's nodes). A generator table says
//! `init = "xavier" | "he" | "std"`; `[train] init` and `--init` say `std:0.01`, `xavier` or `he`
//! and apply to every Affine W, keeping its shape and random seed.

use anyhow::{Result, bail};

use crate::t;

/// How a weight generator sets the standard deviation of its normal draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Init {
    /// A fixed standard deviation (`weight_init_std = 0.01`).
    Std(f64),
    /// Xavier: √(1/n), n the rows of W.
    Xavier,
    /// He: √(2/n), n the rows of W.
    He,
}

impl Init {
    /// Parse `std:0.01`, `xavier` or `he` (the `[train] init` and `--init` spelling).
    pub fn parse(text: &str) -> Result<Init> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("xavier") {
            return Ok(Init::Xavier);
        }
        if text.eq_ignore_ascii_case("he") {
            return Ok(Init::He);
        }
        if let Some(v) = text.strip_prefix("std:") {
            if let Ok(s) = v.trim().parse::<f64>()
                && s.is_finite()
                && s > 0.0
            {
                return Ok(Init::Std(s));
            }
        }
        bail!(t!("ch6a-init-unknown", value = text))
    }

    /// The standard deviation for a W of `rows` rows: the fixed one, √(1/rows) or √(2/rows).
    pub fn scale(self, rows: usize) -> f64 {
        let n = rows.max(1) as f64;
        match self {
            Init::Std(s) => s,
            Init::Xavier => (1.0 / n).sqrt(),
            Init::He => (2.0 / n).sqrt(),
        }
    }
}

impl std::fmt::Display for Init {
    /// `std:0.01`, `xavier`, `he`: what [`Init::parse`] reads.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Init::Std(s) => write!(f, "std:{s}"),
            Init::Xavier => f.write_str("xavier"),
            Init::He => f.write_str("he"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::Init;

    #[test]
    fn the_scales_are_the_books() {
        // MultiLayerNet: np.sqrt(1.0 / 100) = 0.1, np.sqrt(2.0 / 100) = 0.1414213562373095
        assert_eq!(Init::Xavier.scale(100), 0.1);
        assert_eq!(Init::He.scale(100), 0.1414213562373095);
        assert_eq!(Init::He.scale(4), std::f64::consts::FRAC_1_SQRT_2);
        assert_eq!(Init::Std(0.01).scale(100), 0.01);
    }

    #[test]
    fn the_spellings_read_back() {
        for text in ["std:0.01", "xavier", "he", "std:1"] {
            assert_eq!(Init::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Init::parse("HE").unwrap(), Init::He);
        for bad in ["std", "std:", "std:-1", "std:0", "std:nan", "glorot", ""] {
            assert!(Init::parse(bad).is_err(), "{bad}");
        }
    }
}
