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
    let forward =
        format!("X (N×D) · W (D×H) → Y (N×H); here X ({n}×{d}) · W ({d}×{h}) → Y ({n}×{h})");
    let (target, lines, candidates) = match which {
        AffineStep::Product => (
            "Y",
            vec![
                "X (N×D) · W (D×H) → Y (N×H): the inner sizes D must agree and disappear"
                    .to_string(),
                format!("X ({n}×{d}) · W ({d}×{h}) → Y ({n}×{h})"),
            ],
            vec![],
        ),
        AffineStep::Bias => (
            "Y",
            vec![
                "X·W (N×H) + b (1×H) → Y (N×H): b is broadcast, added to each of the N rows"
                    .to_string(),
                format!("X·W ({n}×{h}) + b (1×{h}) → Y ({n}×{h}): b is used {n} times"),
            ],
            vec![],
        ),
        AffineStep::Dx => {
            let cands = products(x, w, dy, (n, d), "dX", "N×D like X", "dY·Wᵀ", None);
            (
                "dX",
                derive_lines(&forward, "dX", "X", (n, d), "N×D", &cands),
                cands,
            )
        }
        AffineStep::Dw => {
            let mistake = ("Wᵀ·dY", "a common mistake: dW = W.T · dout");
            let cands = products(x, w, dy, (d, h), "dW", "D×H like W", "Xᵀ·dY", Some(mistake));
            (
                "dW",
                derive_lines(&forward, "dW", "W", (d, h), "D×H", &cands),
                cands,
            )
        }
        AffineStep::Db => (
            "db",
            vec![
                "Y = X·W + b added the same b (1×H) to each of the N rows of Y (N×H)".to_string(),
                format!(
                    "db must be 1×H like b = 1×{h}; dY is N×H = {n}×{h}, so sum dY over its N rows"
                ),
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
        format!(
            "{target} must be {sym} like {of} ({}×{}): a gradient has the shape of what it is the gradient of",
            size.0, size.1
        ),
        "dY is N×H; the only other matrices at hand are X (N×D) and W (D×H)".to_string(),
    ];
    let fits: Vec<&Candidate> = cands.iter().filter(|c| c.fits).collect();
    match fits.as_slice() {
        [] => lines.push("no product fits (this should not happen)".into()),
        [one] => lines.push(format!(
            "the only product that fits is {}: {target} = {}",
            one.product, one.product
        )),
        many => {
            let names: Vec<&str> = many.iter().map(|c| c.product.as_str()).collect();
            let used = cands.iter().find(|c| c.used).map(|c| c.product.as_str());
            lines.push(format!(
                "here some sizes coincide, so shapes alone allow {}; with distinct N, D, H only {} fits",
                names.join(", "),
                used.unwrap_or("one")
            ));
        }
    }
    lines
}

/// Every product of dY with X or W (either transposed, either order), judged against `want`.
#[allow(clippy::too_many_arguments)]
fn products(
    x: Sym,
    w: Sym,
    dy: Sym,
    want: (usize, usize),
    target: &str,
    like: &str,
    used: &str,
    remark: Option<(&str, &str)>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for m in [x, w] {
        for m in [m.t(), m] {
            for (a, b) in [(m, dy), (dy, m)] {
                let product = format!("{}·{}", a.label(), b.label());
                let (fits, verdict) = judge(a, b, want, target, like);
                out.push(Candidate {
                    used: product == used,
                    remark: remark.filter(|r| r.0 == product).map(|r| r.1.to_string()),
                    product,
                    fits,
                    verdict,
                });
            }
        }
    }
    out
}

fn judge(a: Sym, b: Sym, want: (usize, usize), target: &str, like: &str) -> (bool, String) {
    if a.size.1 != b.size.0 {
        return (
            false,
            format!(
                "{} · {}: inner sizes {} ≠ {} ({} ≠ {})",
                a.sized(),
                b.sized(),
                a.size.1,
                b.size.0,
                a.dims.1,
                b.dims.0
            ),
        );
    }
    let got = (a.size.0, b.size.1);
    if got != want {
        let sym_want = like.split(' ').next().unwrap_or("");
        return (
            false,
            format!(
                "{} · {} gives {}×{} = {}×{} but {target} must be {sym_want} = {}×{}",
                a.symbolic(),
                b.symbolic(),
                a.dims.0,
                b.dims.1,
                got.0,
                got.1,
                want.0,
                want.1
            ),
        );
    }
    (
        true,
        format!(
            "fits: {} · {} → {}×{}, {like}",
            a.symbolic(),
            b.symbolic(),
            got.0,
            got.1
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
                format!("fits: 1×{h}, 1×H like b")
            } else {
                format!("gives {}×{} but db must be 1×{h}", got.0, got.1)
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
