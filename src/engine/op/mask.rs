//! A boolean mask made from an operand, stored as 1 (True) / 0 (False): ReLU's `x ≤ 0` (True
//! blocks), Dropout's `rand > ratio` (True keeps).

use super::cell::{Cell, at, nm};
use super::explanation::{Explanation, Shown};
use super::{OpUnit, arg};
use crate::engine::Matrix;
use crate::engine::operand::{Kind, MaskSense, Operand};
use crate::i18n::format::n4;

/// How a mask is made from its input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MaskRule {
    /// `x ≤ 0` (ReLU: True blocks).
    AtMostZero,
    /// `rand > ratio` (Dropout: True keeps).
    Above(f64),
}

impl MaskRule {
    /// True when `v` makes a True cell.
    pub fn test(self, v: f64) -> bool {
        match self {
            MaskRule::AtMostZero => v <= 0.0,
            MaskRule::Above(ratio) => v > ratio,
        }
    }

    /// The comparison written after a value, e.g. `≤ 0` or `> 0.5`.
    pub fn show(self) -> String {
        match self {
            MaskRule::AtMostZero => "≤ 0".to_string(),
            MaskRule::Above(ratio) => format!("> {}", crate::i18n::format::short(ratio)),
        }
    }
}

impl OpUnit for MaskRule {
    fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
        let is_true = self.test(at(&reads.first()?.value, r, c));
        Some(if is_true { 1.0 } else { 0.0 })
    }

    fn explain(
        &self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation> {
        let cell = Cell::of(writes, r, c)?;
        let a = reads.first()?;
        let va = at(&a.value, r, c);
        let is_true = self.test(va);
        let keeps_true = matches!(writes.kind, Kind::Mask(MaskSense::TrueKeeps));
        let note = match (keeps_true, is_true) {
            (false, true) => crate::msg!("narr-mask-relu-true"),
            (false, false) => crate::msg!("narr-mask-relu-false"),
            (true, true) => crate::msg!("narr-mask-dropout-true"),
            (true, false) => crate::msg!("narr-mask-dropout-false"),
        };
        Some(cell.single(
            format!("{}[{r},{c}] {}", nm(&a.name), self.show()),
            Shown::Words(crate::msg!(
                "narr-mask-test",
                value = n4(va),
                rule = self.show(),
                truth = if is_true { "True" } else { "False" },
            )),
            if is_true { 1.0 } else { 0.0 },
            Some(note),
        ))
    }

    fn feeds(&self, _: usize, _: &Matrix, out: (usize, usize), i: usize, j: usize) -> bool {
        (i, j) == out
    }

    fn anchor(&self, _: usize, _: &Matrix, out: (usize, usize)) -> (usize, usize) {
        out
    }

    fn numpy(&self, args: &[String]) -> String {
        let a = arg(args, 0);
        match self {
            MaskRule::AtMostZero => format!("({a} <= 0)"),
            MaskRule::Above(r) => format!("({a} > {r})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MaskRule;

    #[test]
    fn mask_rules_test_and_show_their_comparison() {
        // ReLU: x ≤ 0 is True (blocked), 0 included
        assert!(MaskRule::AtMostZero.test(0.0));
        assert!(MaskRule::AtMostZero.test(-1e-300));
        assert!(!MaskRule::AtMostZero.test(1e-300));
        // Dropout: rand > ratio keeps, a draw equal to the ratio does not
        assert!(!MaskRule::Above(0.5).test(0.5));
        assert!(MaskRule::Above(0.5).test(0.5000001));
        assert_eq!(MaskRule::AtMostZero.show(), "≤ 0");
        assert_eq!(MaskRule::Above(0.5).show(), "> 0.5");
    }
}
