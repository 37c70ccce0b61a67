//! Shape algebra: derive an Affine step's formula from the shapes alone.
//!
//! `X (N×D) · W (D×H) → Y (N×H)`. A gradient has the shape of what it is the gradient of: `dW` is
//! D×H like W, `dX` is N×D like X, `db` is 1×H like b. With `dY` (N×H) in hand, try every product
//! of `dY` with X or W (either one transposed, either order): usually exactly one fits. That is
//! the answer to "how do matrix partial derivatives work?" for Affine, and it catches a common
//! mistake, `dW = W.T · dout` (a 2×3 · 4×2 product on the `affine` preset: inner sizes 3 ≠ 4).
//!
//! Everything here reads the step's operands; nothing is recomputed.

use crate::engine::layer::LayerKind;
use crate::engine::op::{BinOp, Op};
use crate::engine::operand::{Kind, Param};
use crate::engine::tape::{Phase, Step};
use crate::t;

/// Which of Affine's five steps a step is, by its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AffineStep {
    Product,
    Bias,
    Dx,
    Dw,
    Db,
}

fn affine_step(step: &Step) -> Option<AffineStep> {
    let matmul = |a: bool, b: bool| Op::MatMul {
        transpose_a: a,
        transpose_b: b,
    };
    Some(match (step.phase, &step.op) {
        (Phase::Forward, op) if *op == matmul(false, false) => AffineStep::Product,
        (Phase::Forward, Op::Binary(BinOp::Add)) => AffineStep::Bias,
        (Phase::Backward, op) if *op == matmul(false, true) => AffineStep::Dx,
        (Phase::Backward, op) if *op == matmul(true, false) => AffineStep::Dw,
        (Phase::Backward, Op::ColumnSum) => AffineStep::Db,
        _ => return None,
    })
}

/// One product tried for a gradient, and what happens to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The product, e.g. `Xᵀ·dY`.
    pub product: String,
    /// True when the product is defined and has the gradient's shape.
    pub fits: bool,
    /// True for the product the layer actually computes.
    pub used: bool,
    /// Why: `fits: 3×2, D×H like W`, or the clash, e.g.
    /// `W (3×2) · dY (4×2): inner sizes 2 ≠ 4 (H ≠ N)` or `gives 4×3 but dW must be 3×2`.
    pub verdict: String,
    /// A remark, e.g. that this product is a common mistake.
    pub remark: Option<String>,
}

/// The shape panel of one Affine step.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeAlgebra {
    /// Tape index of the step.
    pub step: usize,
    /// What is derived: `Y`, `dX`, `dW`, `db`.
    pub target: String,
    /// The derivation, one line each: the symbolic shapes, then with the step's numbers.
    pub lines: Vec<String>,
    /// The candidate products (empty for the forward steps).
    pub candidates: Vec<Candidate>,
}

impl ShapeAlgebra {
    /// The candidates whose shapes fit.
    pub fn fitting(&self) -> impl Iterator<Item = &Candidate> {
        self.candidates.iter().filter(|c| c.fits)
    }

    /// The candidate called `product`, e.g. `Wᵀ·dY`.
    pub fn candidate(&self, product: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.product == product)
    }
}

/// A matrix in the algebra: its name, its symbolic dims and its actual dims.
#[derive(Debug, Clone, Copy)]
struct Sym {
    name: &'static str,
    dims: (&'static str, &'static str),
    size: (usize, usize),
    transposed: bool,
}

impl Sym {
    fn new(name: &'static str, dims: (&'static str, &'static str), size: (usize, usize)) -> Self {
        Sym {
            name,
            dims,
            size,
            transposed: false,
        }
    }

    fn t(self) -> Self {
        Sym {
            dims: (self.dims.1, self.dims.0),
            size: (self.size.1, self.size.0),
            transposed: !self.transposed,
            ..self
        }
    }

    fn label(&self) -> String {
        format!("{}{}", self.name, if self.transposed { "ᵀ" } else { "" })
    }

    /// `Xᵀ (3×4)`.
    fn sized(&self) -> String {
        format!("{} ({}×{})", self.label(), self.size.0, self.size.1)
    }

    /// `Xᵀ (D×N)`.
    fn symbolic(&self) -> String {
        format!("{} ({}×{})", self.label(), self.dims.0, self.dims.1)
    }
}

/// The shape panel for step `index` of `steps`, or `None` when the step is not one of Affine's
/// five steps (`X·W`, `+ b`, `dX`, `dW`, `db`) or its operands are missing.
pub fn shape_algebra(steps: &[Step], index: usize) -> Option<ShapeAlgebra> {
    let step = steps.get(index)?;
    if step.kind != LayerKind::Affine {
        return None;
    }
    let which = affine_step(step)?;
    const X: Kind = Kind::Input;
    const W: Kind = Kind::Param(Param::Weights);
    const DY: Kind = Kind::Dout;
    let dim = |kind: Kind| step.read(kind).map(|o| o.value.dim());
    let out = step.writes.value.dim();
    // N, D, H from whatever the step read.
    let (n, d, h) = match which {
        AffineStep::Product => {
            let (x, w) = (dim(X)?, dim(W)?);
            (x.0, x.1, w.1)
        }
        AffineStep::Bias => {
            // D is not visible here: take it from the X·W step just before, if any.
            let d = index
                .checked_sub(1)
                .and_then(|i| steps.get(i))
                .and_then(|s| s.read(X))
                .map(|o| o.value.ncols());
            (out.0, d.unwrap_or(0), out.1)
        }
        AffineStep::Dx => {
            let (dy, w) = (dim(DY)?, dim(W)?);
            (dy.0, w.0, dy.1)
        }
        AffineStep::Dw => {
            let (x, dy) = (dim(X)?, dim(DY)?);
            (x.0, x.1, dy.1)
        }
        AffineStep::Db => {
            let dy = dim(DY)?;
            (dy.0, 0, dy.1)
        }
    };
    let x = Sym::new("X", ("N", "D"), (n, d));
    let w = Sym::new("W", ("D", "H"), (d, h));
    let dy = Sym::new("dY", ("N", "H"), (n, h));
    let forward = t!("lesson-shapes-forward", n = n, d = d, h = h);
    let (target, lines, candidates) = match which {
        AffineStep::Product => (
            "Y",
            vec![
                t!("lesson-shapes-product"),
                format!("X ({n}×{d}) · W ({d}×{h}) → Y ({n}×{h})"),
            ],
            vec![],
        ),
        AffineStep::Bias => (
            "Y",
            vec![
                t!("lesson-shapes-bias"),
                t!("lesson-shapes-bias-here", n = n, h = h),
            ],
            vec![],
        ),
        AffineStep::Dx => {
            let cands = products(x, w, dy, (n, d), ("dX", "N×D", "X"), "dY·Wᵀ", None);
            (
                "dX",
                derive_lines(&forward, "dX", "X", (n, d), "N×D", &cands),
                cands,
            )
        }
        AffineStep::Dw => {
            let mistake = ("Wᵀ·dY", t!("lesson-shapes-mistake"));
            let cands = products(x, w, dy, (d, h), ("dW", "D×H", "W"), "Xᵀ·dY", Some(mistake));
            (
                "dW",
                derive_lines(&forward, "dW", "W", (d, h), "D×H", &cands),
                cands,
            )
        }
        AffineStep::Db => (
            "db",
            vec![
                t!("lesson-shapes-db"),
                t!("lesson-shapes-db-here", n = n, h = h),
            ],
            sum_candidates(n, h),
        ),
    };
    Some(ShapeAlgebra {
        step: index,
        target: target.to_string(),
        lines,
        candidates,
    })
}

fn derive_lines(
    forward: &str,
    target: &str,
    of: &str,
    size: (usize, usize),
    sym: &str,
    cands: &[Candidate],
) -> Vec<String> {
    let mut lines = vec![
        forward.to_string(),
        t!(
            "lesson-shapes-must-be",
            target = target,
            sym = sym,
            of = of,
            size = format!("{}×{}", size.0, size.1)
        ),
        t!("lesson-shapes-at-hand"),
    ];
    let fits: Vec<&Candidate> = cands.iter().filter(|c| c.fits).collect();
    match fits.as_slice() {
        [] => lines.push(t!("lesson-shapes-none-fits")),
        [one] => lines.push(t!(
            "lesson-shapes-only-fit",
            product = &one.product,
            target = target
        )),
        many => {
            let names: Vec<&str> = many.iter().map(|c| c.product.as_str()).collect();
            let used = cands.iter().find(|c| c.used).map(|c| c.product.as_str());
            lines.push(t!(
                "lesson-shapes-many-fit",
                products = names.join(", "),
                used = used.unwrap_or(names[0])
            ));
        }
    }
    lines
}

/// Every product of dY with X or W (either transposed, either order), judged against `want`,
/// the size of `target` (`dW`), which is `sym` (`D×H`) like `of` (`W`).
fn products(
    x: Sym,
    w: Sym,
    dy: Sym,
    want: (usize, usize),
    (target, sym, of): (&str, &str, &str),
    used: &str,
    remark: Option<(&str, String)>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for m in [x, w] {
        for m in [m.t(), m] {
            for (a, b) in [(m, dy), (dy, m)] {
                let product = format!("{}·{}", a.label(), b.label());
                let (fits, verdict) = judge(a, b, want, (target, sym, of));
                out.push(Candidate {
                    used: product == used,
                    remark: remark
                        .as_ref()
                        .filter(|r| r.0 == product)
                        .map(|r| r.1.clone()),
                    product,
                    fits,
                    verdict,
                });
            }
        }
    }
    out
}

fn judge(
    a: Sym,
    b: Sym,
    want: (usize, usize),
    (target, sym, of): (&str, &str, &str),
) -> (bool, String) {
    if a.size.1 != b.size.0 {
        return (
            false,
            t!(
                "lesson-shapes-inner",
                product = format!("{} · {}", a.sized(), b.sized()),
                sizes = format!("{} ≠ {}", a.size.1, b.size.0),
                dims = format!("{} ≠ {}", a.dims.1, b.dims.0)
            ),
        );
    }
    let got = (a.size.0, b.size.1);
    let product = format!("{} · {}", a.symbolic(), b.symbolic());
    if got != want {
        return (
            false,
            t!(
                "lesson-shapes-gives",
                product = product,
                got = format!("{}×{} = {}×{}", a.dims.0, b.dims.1, got.0, got.1),
                target = target,
                want = format!("{sym} = {}×{}", want.0, want.1)
            ),
        );
    }
    (
        true,
        t!(
            "lesson-shapes-fits",
            product = product,
            got = format!("{}×{}", got.0, got.1),
            sym = sym,
            of = of
        ),
    )
}

fn sum_candidates(n: usize, h: usize) -> Vec<Candidate> {
    let want = (1, h);
    let cand = |product: &str, got: (usize, usize), used: bool| {
        let fits = got == want;
        Candidate {
            product: product.to_string(),
            fits,
            used,
            verdict: if fits {
                t!("lesson-shapes-sum-fits", h = h)
            } else {
                t!(
                    "lesson-shapes-sum-gives",
                    got = format!("{}×{}", got.0, got.1),
                    h = h
                )
            },
            remark: None,
        }
    };
    vec![
        cand("np.sum(dY, axis=0)", (1, h), true),
        cand("np.sum(dY, axis=1)", (n, 1), false),
        cand("dY", (n, h), false),
    ]
}

#[cfg(test)]
mod tests;
