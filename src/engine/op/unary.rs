//! `f(x)` cell by cell: the element-wise functions (`exp(−x)`, `1 + x`, `1 / x`, `log`, `√`, …),
//! written in maths and in NumPy.

use super::cell::{Cell, at, nm};
use super::explanation::Explanation;
use super::{OpUnit, arg};
use crate::engine::Matrix;
use crate::engine::operand::Operand;
use crate::i18n::format::n4;

/// An element-wise function of one operand.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UnaryFn {
    /// `exp(−x)` (sigmoid, first step)
    NegExp,
    /// `exp(x)`
    Exp,
    /// `1 + x`
    OnePlus,
    /// `1 / x`
    Reciprocal,
    /// `1 − x`
    OneMinus,
    /// `log(x + 1e-7)` (the book's guard against log 0)
    LogEps,
    /// `log(x)`, the natural logarithm (a `log` node; its input is checked to be above 0)
    Log,
    /// `tanh(x)` (chapter 6's other activation)
    Tanh,
    /// `x · k`
    Scale(f64),
    /// `√x`
    Sqrt,
    /// `x` unchanged (an add node passes its gradient through)
    Copy,
}

impl UnaryFn {
    /// Apply to one number.
    pub fn apply(self, x: f64) -> f64 {
        match self {
            UnaryFn::NegExp => (-x).exp(),
            UnaryFn::Exp => x.exp(),
            UnaryFn::OnePlus => 1.0 + x,
            UnaryFn::Reciprocal => 1.0 / x,
            UnaryFn::OneMinus => 1.0 - x,
            UnaryFn::LogEps => (x + 1e-7).ln(),
            UnaryFn::Log => x.ln(),
            UnaryFn::Tanh => x.tanh(),
            UnaryFn::Scale(k) => x * k,
            UnaryFn::Sqrt => x.sqrt(),
            UnaryFn::Copy => x,
        }
    }

    /// The function written around a number: like [`UnaryFn::show`], with a negative number in
    /// parentheses where it follows an operator (`exp(−(-2.0000))`, `1 − (-0.5000)`).
    pub fn show_value(self, v: f64) -> String {
        if matches!(
            self,
            UnaryFn::NegExp | UnaryFn::OnePlus | UnaryFn::Reciprocal | UnaryFn::OneMinus
        ) {
            self.show(&crate::i18n::format::operand(v))
        } else {
            self.show(&n4(v))
        }
    }

    /// The function written around an argument, e.g. `exp(−0.5)`.
    pub fn show(self, arg: &str) -> String {
        match self {
            UnaryFn::NegExp => format!("exp(−{arg})"),
            UnaryFn::Exp => format!("exp({arg})"),
            UnaryFn::OnePlus => format!("1 + {arg}"),
            UnaryFn::Reciprocal => format!("1 / {arg}"),
            UnaryFn::OneMinus => format!("1 − {arg}"),
            UnaryFn::LogEps => format!("log({arg} + 1e-7)"),
            UnaryFn::Log => format!("log({arg})"),
            UnaryFn::Tanh => format!("tanh({arg})"),
            UnaryFn::Scale(k) => format!("{arg} · {}", n4(k)),
            UnaryFn::Sqrt => format!("√({arg})"),
            UnaryFn::Copy => arg.to_string(),
        }
    }

    /// The function in NumPy around a Python expression, as the book writes it
    /// (`common/functions.py`: `1 / (1 + np.exp(-x))`; `common/layers.py`: `(1.0 - self.out)`,
    /// `np.log(y + 1e-7)`, `np.sqrt(var + 10e-7)`).
    pub fn python(self, arg: &str) -> String {
        match self {
            UnaryFn::NegExp => format!("np.exp(-{arg})"),
            UnaryFn::Exp => format!("np.exp({arg})"),
            UnaryFn::OnePlus => format!("1 + {arg}"),
            UnaryFn::Reciprocal => format!("1 / {arg}"),
            UnaryFn::OneMinus => format!("1.0 - {arg}"),
            UnaryFn::LogEps => format!("np.log({arg} + 1e-7)"),
            UnaryFn::Log => format!("np.log({arg})"),
            UnaryFn::Tanh => format!("np.tanh({arg})"),
            UnaryFn::Scale(k) => format!("{arg} * {k}"),
            UnaryFn::Sqrt => format!("np.sqrt({arg})"),
            UnaryFn::Copy => arg.to_string(),
        }
    }

    /// [`UnaryFn::python`] as part of a larger expression: an operator form in parentheses
    /// (`(1.0 - x) * y`, never `1.0 - x * y`).
    pub fn python_inner(self, arg: &str) -> String {
        if self.is_infix() {
            format!("({})", self.python(arg))
        } else {
            self.python(arg)
        }
    }

    /// True when the function is written with an operator (`1 + x`), not as a call.
    fn is_infix(self) -> bool {
        matches!(
            self,
            UnaryFn::OnePlus | UnaryFn::Reciprocal | UnaryFn::OneMinus | UnaryFn::Scale(_)
        )
    }
}

impl OpUnit for UnaryFn {
    fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
        Some(self.apply(at(&reads.first()?.value, r, c)))
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
        Some(cell.single(
            self.show(&format!("{}[{r},{c}]", nm(&a.name))),
            self.show_value(va),
            self.apply(va),
            None,
        ))
    }

    fn feeds(&self, _: usize, _: &Matrix, out: (usize, usize), i: usize, j: usize) -> bool {
        (i, j) == out
    }

    fn anchor(&self, _: usize, _: &Matrix, out: (usize, usize)) -> (usize, usize) {
        out
    }

    fn numpy(&self, args: &[String]) -> String {
        self.python(arg(args, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::UnaryFn;

    const ALL: [UnaryFn; 11] = [
        UnaryFn::NegExp,
        UnaryFn::Exp,
        UnaryFn::OnePlus,
        UnaryFn::Reciprocal,
        UnaryFn::OneMinus,
        UnaryFn::LogEps,
        UnaryFn::Log,
        UnaryFn::Tanh,
        UnaryFn::Scale(0.5),
        UnaryFn::Sqrt,
        UnaryFn::Copy,
    ];

    #[test]
    fn unary_functions_are_written_around_their_argument() {
        let shown: Vec<String> = ALL.iter().map(|f| f.show("x")).collect();
        assert_eq!(
            shown,
            [
                "exp(−x)",
                "exp(x)",
                "1 + x",
                "1 / x",
                "1 − x",
                "log(x + 1e-7)",
                "log(x)",
                "tanh(x)",
                "x · 0.5000",
                "√(x)",
                "x"
            ]
        );
        // after an operator a negative number goes in parentheses; elsewhere it does not
        assert_eq!(UnaryFn::NegExp.show_value(-2.0), "exp(−(-2.0000))");
        assert_eq!(UnaryFn::OneMinus.show_value(-0.5), "1 − (-0.5000)");
        assert_eq!(UnaryFn::OnePlus.show_value(0.25), "1 + 0.2500");
        assert_eq!(UnaryFn::Exp.show_value(-2.0), "exp(-2.0000)");
    }

    #[test]
    fn unary_functions_are_numpy_inside_an_expression_too() {
        let inner: Vec<String> = ALL.iter().map(|f| f.python_inner("x")).collect();
        assert_eq!(
            inner,
            [
                "np.exp(-x)",
                "np.exp(x)",
                "(1 + x)",
                "(1 / x)",
                "(1.0 - x)",
                "np.log(x + 1e-7)",
                "np.log(x)",
                "np.tanh(x)",
                "(x * 0.5)",
                "np.sqrt(x)",
                "x"
            ]
        );
        // no maths symbol is left in a NumPy form
        for f in ALL {
            let py = f.python_inner("x");
            assert!(!py.contains(['−', '·', '√']), "{f:?}: {py}");
        }
    }
}
