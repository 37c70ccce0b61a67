//! Formulas of a step's reads: what [`Op::Map`](super::Op::Map) and
//! [`Op::ColumnReduce`](super::Op::ColumnReduce) compute, evaluate and write out.
//!
//! A layer whose step is not one of the simple ops (BatchNorm's `dxc = dx̂ / std + (2/N)·xc·dvar`)
//! states its formula as an [`Expr`]; the op then computes, explains and traces any cell with no
//! code of its own, so a new layer needs no new op.

use super::cell::{Cell, nm};
use super::explanation::Explanation;
use super::{BinOp, OpUnit, UnaryFn, arg, broadcast_index};
use crate::engine::Matrix;
use crate::engine::operand::Operand;
use crate::i18n::format::{n4, short};

/// A formula over the step's read operands.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Read operand `i` at the cell (broadcast when it is 1×C, R×1 or 1×1).
    Read(usize),
    /// A constant, shown with its name (e.g. `2/N` shown as `2/N`, valued 0.6667).
    Const(&'static str, f64),
    /// Two formulas combined.
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// A function of a formula.
    Fn(UnaryFn, Box<Expr>),
}

/// How [`Op::ColumnReduce`](super::Op::ColumnReduce) combines a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reduce {
    /// Σₙ
    Sum,
    /// (1/N) Σₙ
    Mean,
    /// −Σₙ
    NegSum,
}

impl Reduce {
    /// Combine the values of one column.
    pub fn apply(self, values: impl Iterator<Item = f64>) -> f64 {
        let (mut sum, mut n) = (0.0, 0usize);
        for v in values {
            sum += v;
            n += 1;
        }
        match self {
            Reduce::Sum => sum,
            Reduce::Mean => sum / n.max(1) as f64,
            Reduce::NegSum => -sum,
        }
    }
}

macro_rules! expr_op {
    ($trait:ident, $method:ident, $op:expr) => {
        impl std::ops::$trait for Expr {
            type Output = Expr;
            fn $method(self, other: Expr) -> Expr {
                Expr::Bin($op, Box::new(self), Box::new(other))
            }
        }
    };
}

expr_op!(Add, add, BinOp::Add);
expr_op!(Sub, sub, BinOp::Sub);
expr_op!(Mul, mul, BinOp::Mul);
expr_op!(Div, div, BinOp::Div);

/// Shorthands for writing formulas in layer files (`+ − · ÷` are the std operators).
impl Expr {
    /// Read operand `i`.
    pub fn r(i: usize) -> Expr {
        Expr::Read(i)
    }
    /// `f(self)`
    pub fn apply(self, f: UnaryFn) -> Expr {
        Expr::Fn(f, Box::new(self))
    }

    /// The value at cell (`r`, `c`); NaN when an operand is missing.
    pub fn eval(&self, reads: &[Operand], r: usize, c: usize) -> f64 {
        match self {
            Expr::Read(i) => reads.get(*i).map_or(f64::NAN, |o| cell(&o.value, r, c)),
            Expr::Const(_, v) => *v,
            Expr::Bin(op, a, b) => op.apply(a.eval(reads, r, c), b.eval(reads, r, c)),
            Expr::Fn(f, a) => f.apply(a.eval(reads, r, c)),
        }
    }

    /// The whole matrix of `shape`, cell by cell.
    pub fn eval_all(&self, reads: &[Operand], shape: (usize, usize)) -> Matrix {
        Matrix::from_shape_fn(shape, |(r, c)| self.eval(reads, r, c))
    }

    /// The formula at cell (`r`, `c`) in symbols (`dx̂[1,0] / std[0,0]`) or, with `numbers`,
    /// in values (`0.5000 / 1.2000`).
    pub fn show(&self, reads: &[Operand], r: usize, c: usize, numbers: bool) -> String {
        match self {
            Expr::Read(i) => match reads.get(*i) {
                Some(o) if numbers => n4(cell(&o.value, r, c)),
                Some(o) => {
                    let (br, bc) = broadcast_index(&o.value, r, c);
                    format!("{}[{br},{bc}]", nm(&o.name))
                }
                None => "?".into(),
            },
            Expr::Const(name, v) => {
                if numbers {
                    short(*v)
                } else {
                    (*name).to_string()
                }
            }
            Expr::Bin(op, a, b) => format!(
                "{} {} {}",
                a.show_inner(reads, r, c, numbers),
                op.symbol(),
                b.show_inner(reads, r, c, numbers)
            ),
            Expr::Fn(f, a) => f.show(&a.show(reads, r, c, numbers)),
        }
    }

    fn show_inner(&self, reads: &[Operand], r: usize, c: usize, numbers: bool) -> String {
        match self {
            Expr::Bin(..) => format!("({})", self.show(reads, r, c, numbers)),
            _ => self.show(reads, r, c, numbers),
        }
    }

    /// The formula in Python, each read by its name in `args`: `((1.0 - y) * dout)`, as the
    /// book's lines write it (`np.sqrt(var + 10e-7)`, `(1.0 - self.out) * self.out`).
    pub fn python(&self, args: &[String]) -> String {
        match self {
            Expr::Read(i) => arg(args, *i).to_string(),
            Expr::Const(_, v) => format!("{v}"),
            Expr::Bin(op, a, b) => {
                format!("({} {} {})", a.python(args), op.python(), b.python(args))
            }
            Expr::Fn(f, a) => f.python_inner(&a.python(args)),
        }
    }

    /// The read operands the formula uses.
    pub fn reads(&self) -> Vec<usize> {
        match self {
            Expr::Read(i) => vec![*i],
            Expr::Const(..) => vec![],
            Expr::Bin(_, a, b) => {
                let mut v = a.reads();
                v.extend(b.reads());
                v
            }
            Expr::Fn(_, a) => a.reads(),
        }
    }
}

/// [`Op::Map`](super::Op::Map): the formula, cell by cell.
impl OpUnit for Expr {
    fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
        Some(self.eval(reads, r, c))
    }

    fn explain(
        &self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation> {
        reads.first()?;
        Some(Cell::of(writes, r, c)?.single(
            self.show(reads, r, c, false),
            self.show(reads, r, c, true),
            self.eval(reads, r, c),
            None,
        ))
    }

    fn feeds(
        &self,
        _: usize,
        operand: &Matrix,
        (r, c): (usize, usize),
        i: usize,
        j: usize,
    ) -> bool {
        broadcast_index(operand, r, c) == (i, j)
    }

    fn anchor(&self, _: usize, operand: &Matrix, (r, c): (usize, usize)) -> (usize, usize) {
        broadcast_index(operand, r, c)
    }

    fn numpy(&self, args: &[String]) -> String {
        self.python(args)
    }
}

/// Cell (`r`, `c`) of `m`, broadcast like a bias; NaN outside.
fn cell(m: &Matrix, r: usize, c: usize) -> f64 {
    let (br, bc) = broadcast_index(m, r, c);
    m.get((br, bc)).copied().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::operand::Kind;
    use ndarray::array;

    #[test]
    fn a_formula_evaluates_and_shows_with_broadcast() {
        let reads = [
            Operand::new(Kind::Temp(0), "xc", &array![[1.0, 2.0], [3.0, 4.0]]),
            Operand::new(Kind::Temp(1), "std", &array![[2.0, 4.0]]),
        ];
        let e = Expr::r(0) / Expr::r(1) + Expr::Const("2/N", 1.0);
        assert_eq!(e.eval(&reads, 1, 1), 2.0);
        assert_eq!(e.show(&reads, 1, 1, false), "(xc[1,1] ÷ std[0,1]) + 2/N");
        assert_eq!(e.show(&reads, 1, 1, true), "(4.0000 ÷ 4.0000) + 1");
        assert_eq!(e.eval_all(&reads, (2, 2)), array![[1.5, 1.5], [2.5, 2.0]]);
        assert_eq!(Reduce::Mean.apply([1.0, 3.0].into_iter()), 2.0);
        assert_eq!(Reduce::NegSum.apply([1.0, 3.0].into_iter()), -4.0);
        assert_eq!(e.reads(), [0, 1]);
    }

    #[test]
    fn a_formula_is_python_with_every_function_in_numpy() {
        let args = ["y".to_string(), "dout".to_string()];
        // sigmoid's backward as one formula: the book's `dout * (1.0 - self.out) * self.out`
        let e = Expr::r(1) * Expr::r(0).apply(UnaryFn::OneMinus) * Expr::r(0);
        assert_eq!(e.python(&args), "((dout * (1.0 - y)) * y)");
        let e = (Expr::r(0) + Expr::Const("10e-7", 1e-6)).apply(UnaryFn::Sqrt);
        assert_eq!(e.python(&args), "np.sqrt((y + 0.000001))");
        let e = Expr::r(0).apply(UnaryFn::NegExp).apply(UnaryFn::OnePlus);
        assert_eq!(e.python(&args), "(1 + np.exp(-y))");
        let e = Expr::r(0).apply(UnaryFn::Scale(0.5)) / Expr::r(2);
        assert_eq!(e.python(&args), "((y * 0.5) / x)");
    }
}
