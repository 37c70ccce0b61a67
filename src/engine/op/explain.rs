//! How each op explains a cell it wrote: the terms, with their values, that were combined into it.

use super::explanation::{Combine, Explanation, Term};
use super::{BinOp, Expr, MaskRule, Op, Reduce, broadcast_index};
use crate::engine::Matrix;
use crate::engine::operand::Operand;
use crate::i18n::format::{all_of, n4, operand};

/// An operand name as it reads before an index: `X`, but `(y − t)` or `(X·W)` for a compound name
/// (the same rule as [`format::cell`](crate::i18n::format::cell)).
pub(super) use crate::i18n::format::indexable as nm;

fn at(m: &Matrix, r: usize, c: usize) -> f64 {
    m.get((r, c)).copied().unwrap_or(f64::NAN)
}

impl Op {
    /// Explain cell (`r`, `c`) of `writes`; `None` when the cell is outside it or the step's
    /// operands do not fit the op. Each op's explanation is a function of its own below.
    pub fn explain(
        &self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation> {
        let cell = Cell {
            value: *writes.value.get((r, c))?,
            target: format!("{}[{r},{c}]", nm(&writes.name)),
            r,
            c,
        };
        let a = reads.first()?;
        Some(match self {
            Op::MatMul {
                transpose_a,
                transpose_b,
            } => matmul(cell, a, reads.get(1)?, *transpose_a, *transpose_b),
            Op::Binary(op) => binary(cell, *op, a, reads.get(1)?),
            Op::Unary(f) => {
                let va = at(&a.value, r, c);
                cell.single(
                    f.show(&format!("{}[{r},{c}]", nm(&a.name))),
                    f.show_value(va),
                    f.apply(va),
                    None,
                )
            }
            Op::ColumnSum | Op::RowSum | Op::SumAll | Op::Mean => sum(cell, self, a),
            Op::Mask(rule) => mask(cell, *rule, a, writes),
            Op::ApplyMask => apply_mask(cell, a, reads.get(1)?),
            Op::SubRowMax => sub_row_max(cell, a),
            Op::CrossEntropyRows => cross_entropy(cell, a, reads.get(1)?),
            Op::Update(rule) => return rule.explain(reads, writes, r, c),
            Op::Map(expr) => cell.single(
                expr.show(reads, r, c, false),
                expr.show(reads, r, c, true),
                expr.eval(reads, r, c),
                None,
            ),
            Op::ColumnReduce(expr, reduce) => column_reduce(cell, expr, *reduce, reads),
        })
    }
}

/// The written cell being explained: its name with its index (`dW[0,1]`), value and position.
struct Cell {
    target: String,
    value: f64,
    r: usize,
    c: usize,
}

impl Cell {
    /// An explanation with one term, its value recomputed from the operands (never copied from
    /// the written cell, so an explanation that reads the wrong cell shows a wrong sum).
    fn single(self, rule: String, numbers: String, term: f64, note: Option<String>) -> Explanation {
        Explanation {
            rule: format!("{} = {rule}", self.target),
            target: self.target,
            terms: vec![Term {
                symbol: rule,
                numbers,
                value: term,
            }],
            combine: Combine::Single,
            value: self.value,
            note,
        }
    }
}

/// `A·B` (either transposed): the sum over k of a row of A times a column of B.
fn matmul(
    cell: Cell,
    a: &Operand,
    b: &Operand,
    transpose_a: bool,
    transpose_b: bool,
) -> Explanation {
    let Cell { r, c, .. } = cell;
    let k_len = if transpose_a {
        a.value.nrows()
    } else {
        a.value.ncols()
    };
    let idx_a = |k: usize| if transpose_a { (k, r) } else { (r, k) };
    let idx_b = |k: usize| if transpose_b { (c, k) } else { (k, c) };
    let terms: Vec<Term> = (0..k_len)
        .map(|k| {
            let (va, vb) = (
                at(&a.value, idx_a(k).0, idx_a(k).1),
                at(&b.value, idx_b(k).0, idx_b(k).1),
            );
            Term {
                symbol: format!(
                    "{}[{},{}]·{}[{},{}]",
                    nm(&a.name),
                    idx_a(k).0,
                    idx_a(k).1,
                    nm(&b.name),
                    idx_b(k).0,
                    idx_b(k).1
                ),
                numbers: format!("{}·{}", n4(va), operand(vb)),
                value: va * vb,
            }
        })
        .collect();
    let k = if transpose_a { "n" } else { "k" };
    let ia = if transpose_a {
        format!("{k},{r}")
    } else {
        format!("{r},{k}")
    };
    let ib = if transpose_b {
        format!("{c},{k}")
    } else {
        format!("{k},{c}")
    };
    let of_a = if transpose_a {
        format!("column {r} of {}", nm(&a.name))
    } else {
        format!("row {r} of {}", nm(&a.name))
    };
    let of_b = if transpose_b {
        format!("row {c} of {}", nm(&b.name))
    } else {
        format!("column {c} of {}", nm(&b.name))
    };
    Explanation {
        rule: format!(
            "{} = Σ{} {}[{ia}]·{}[{ib}]",
            cell.target,
            subscript(k),
            nm(&a.name),
            nm(&b.name)
        ),
        target: cell.target,
        terms,
        combine: Combine::Sum,
        value: cell.value,
        note: Some(format!("{k_len} terms: {of_a} times {of_b}")),
    }
}

/// `a ∘ b`, cell by cell, `b` broadcast when it is a row, a column or 1×1.
fn binary(cell: Cell, op: BinOp, a: &Operand, b: &Operand) -> Explanation {
    let Cell { r, c, .. } = cell;
    let (br, bc) = broadcast_index(&b.value, r, c);
    let (va, vb) = (at(&a.value, r, c), at(&b.value, br, bc));
    let note = (b.value.dim() != a.value.dim()).then(|| {
        format!(
            "{} is {}×{}: the same {}[{br},{bc}] is used for every {}",
            nm(&b.name),
            b.value.nrows(),
            b.value.ncols(),
            nm(&b.name),
            match b.value.dim() {
                (1, 1) => "cell",
                (1, _) => "row",
                _ => "column",
            }
        )
    });
    cell.single(
        format!(
            "{}[{r},{c}] {} {}[{br},{bc}]",
            nm(&a.name),
            op.symbol(),
            nm(&b.name)
        ),
        format!("{} {} {}", n4(va), op.symbol(), operand(vb)),
        op.apply(va, vb),
        note,
    )
}

/// A column sum (the bias gradient), a row sum, the sum of every cell or the mean.
fn sum(cell: Cell, op: &Op, a: &Operand) -> Explanation {
    let Cell { r, c, .. } = cell;
    let cells: Vec<(usize, usize)> = match op {
        Op::ColumnSum => (0..a.value.nrows()).map(|n| (n, c)).collect(),
        Op::RowSum => (0..a.value.ncols()).map(|k| (r, k)).collect(),
        _ => a.value.indexed_iter().map(|(ix, _)| ix).collect(),
    };
    let terms: Vec<Term> = cells
        .iter()
        .map(|&(i, j)| Term {
            symbol: format!("{}[{i},{j}]", nm(&a.name)),
            numbers: n4(at(&a.value, i, j)),
            value: at(&a.value, i, j),
        })
        .collect();
    let target = &cell.target;
    let (rule, note) = match op {
        Op::ColumnSum => (
            format!("{target} = Σₙ {}[n,{c}]", nm(&a.name)),
            format!(
                "the bias was added to {}, so its gradient sums column {c} of {}",
                all_of(a.value.nrows(), "row"),
                nm(&a.name)
            ),
        ),
        Op::RowSum => (
            format!("{target} = Σₖ {}[{r},k]", nm(&a.name)),
            format!("the sum of row {r} of {}", nm(&a.name)),
        ),
        Op::SumAll => (
            format!("{target} = Σ {}[i,j]", nm(&a.name)),
            "a 1×1 operand was broadcast to every cell, so its gradient sums them all".to_string(),
        ),
        _ => (
            format!("{target} = (1/{}) Σ {}[n,0]", terms.len(), nm(&a.name)),
            "the loss is the mean over the batch".into(),
        ),
    };
    Explanation {
        target: cell.target,
        rule,
        terms,
        combine: if matches!(op, Op::Mean) {
            Combine::Mean
        } else {
            Combine::Sum
        },
        value: cell.value,
        note: Some(note),
    }
}

/// A mask cell: True or False, and what that means for the layer.
fn mask(cell: Cell, rule: MaskRule, a: &Operand, writes: &Operand) -> Explanation {
    let Cell { r, c, .. } = cell;
    let va = at(&a.value, r, c);
    let is_true = rule.test(va);
    let keeps_true = matches!(
        writes.kind,
        crate::engine::Kind::Mask(crate::engine::operand::MaskSense::TrueKeeps)
    );
    cell.single(
        format!("{}[{r},{c}] {}", nm(&a.name), rule.show()),
        format!(
            "{} {} is {}",
            n4(va),
            rule.show(),
            if is_true { "True" } else { "False" }
        ),
        if is_true { 1.0 } else { 0.0 },
        Some(
            match (keeps_true, is_true) {
                (false, true) => {
                    "True: this cell is masked — ReLU outputs 0 here and blocks its gradient"
                }
                (false, false) => {
                    "False: this cell passes — ReLU outputs x and lets its gradient through"
                }
                (true, true) => {
                    "True: this cell is kept — Dropout outputs x here and lets its gradient through"
                }
                (true, false) => {
                    "False: this cell is dropped — Dropout outputs 0 here and blocks its gradient"
                }
            }
            .into(),
        ),
    )
}

/// A cell after a mask: passed (or kept) as it was, or blocked (dropped) to 0.
fn apply_mask(cell: Cell, a: &Operand, mask: &Operand) -> Explanation {
    let Cell { r, c, .. } = cell;
    let va = at(&a.value, r, c);
    let m = at(&mask.value, r, c);
    let masked = match mask.kind {
        crate::engine::Kind::Mask(sense) => sense.blocks(m),
        _ => m != 0.0,
    };
    let truth = if m != 0.0 { "True" } else { "False" };
    let keeps_true = matches!(
        mask.kind,
        crate::engine::Kind::Mask(crate::engine::operand::MaskSense::TrueKeeps)
    );
    // Dropout's mask keeps its True cells, ReLU's masks them: name what happened.
    let (blocked_word, passed_word) = if keeps_true {
        ("dropped", "kept")
    } else {
        ("masked", "passed")
    };
    cell.single(
        if keeps_true {
            format!(
                "{}[{r},{c}] if {}[{r},{c}] else 0",
                nm(&a.name),
                nm(&mask.name)
            )
        } else {
            format!(
                "{}[{r},{c}] if not {}[{r},{c}] else 0",
                nm(&a.name),
                nm(&mask.name)
            )
        },
        if masked {
            format!("{} → 0 (was {})", blocked_word, n4(va))
        } else {
            format!("{} → {}", passed_word, n4(va))
        },
        if masked { 0.0 } else { va },
        Some(format!(
            "{}: {}[{r},{c}] is {truth}",
            if masked { blocked_word } else { passed_word },
            nm(&mask.name)
        )),
    )
}

/// A cell minus its row's maximum (softmax's guard against overflow).
fn sub_row_max(cell: Cell, a: &Operand) -> Explanation {
    let Cell { r, c, .. } = cell;
    let row = a.value.row(r);
    let max = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let argmax = row.iter().position(|&v| v == max).unwrap_or(0);
    cell.single(
        format!("{}[{r},{c}] − max_k {}[{r},k]", nm(&a.name), nm(&a.name)),
        format!("{} − {}", n4(at(&a.value, r, c)), operand(max)),
        at(&a.value, r, c) - max,
        Some(format!(
            "row {r}'s max is {}[{r},{argmax}]; subtracting it keeps exp from overflowing and does not change softmax",
            nm(&a.name)
        )),
    )
}

/// One row's cross-entropy: minus the sum of t times log y.
fn cross_entropy(cell: Cell, a: &Operand, logy: &Operand) -> Explanation {
    let Cell { r, .. } = cell;
    let terms: Vec<Term> = (0..a.value.ncols())
        .map(|k| {
            let (t, l) = (at(&a.value, r, k), at(&logy.value, r, k));
            Term {
                symbol: format!("{}[{r},{k}]·{}[{r},{k}]", nm(&a.name), nm(&logy.name)),
                numbers: format!("{}·{}", n4(t), operand(l)),
                value: t * l,
            }
        })
        .collect();
    Explanation {
        rule: format!(
            "{} = −Σₖ {}[{r},k]·{}[{r},k]",
            cell.target,
            nm(&a.name),
            nm(&logy.name)
        ),
        target: cell.target,
        terms,
        combine: Combine::NegSum,
        value: cell.value,
        note: Some("only the target class has t = 1, so this is −log y of the right answer".into()),
    }
}

/// A formula reduced over the rows of one column (a sum, a mean or a negated sum).
fn column_reduce(cell: Cell, expr: &Expr, reduce: Reduce, reads: &[Operand]) -> Explanation {
    let Cell { c, .. } = cell;
    let rows = expr
        .reads()
        .iter()
        .filter_map(|&i| reads.get(i))
        .map(|o| o.value.nrows())
        .max()
        .unwrap_or(0);
    let terms: Vec<Term> = (0..rows)
        .map(|n| Term {
            symbol: expr.show(reads, n, c, false),
            numbers: expr.show(reads, n, c, true),
            value: expr.eval(reads, n, c),
        })
        .collect();
    let inner = expr
        .show(reads, usize::MAX, c, false)
        .replace(&format!("[{},", usize::MAX), "[n,");
    let (sign, combine) = match reduce {
        Reduce::Sum => ("Σₙ", Combine::Sum),
        Reduce::Mean => ("(1/N) Σₙ", Combine::Mean),
        Reduce::NegSum => ("−Σₙ", Combine::NegSum),
    };
    Explanation {
        rule: format!("{} = {sign} {inner}", cell.target),
        target: cell.target,
        terms,
        combine,
        value: cell.value,
        note: Some(format!(
            "{rows} terms, one per row n of column {c}: the same value was used for every row in forward, so its gradient (or statistic) gathers them all"
        )),
    }
}

fn subscript(k: &str) -> &'static str {
    if k == "n" { "ₙ" } else { "ₖ" }
}

#[cfg(test)]
mod tests {
    use super::nm;
    use crate::engine::operand::MaskSense;
    use crate::engine::{Kind, Matrix, Op, Operand};
    use ndarray::array;

    fn explain(
        op: Op,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> (String, String) {
        let e = op
            .explain(reads, writes, r, c)
            .unwrap_or_else(|| unreachable!("the cell is inside the written matrix"));
        (
            e.rule.clone(),
            format!("{} | {}", e.expansion(8), e.note.unwrap_or_default()),
        )
    }

    #[test]
    fn sums_say_what_they_sum_over() {
        let d: Matrix = array![[1.0, 2.0], [3.0, 4.0]];
        let dout = Operand::new(Kind::Dout, "dY", &d);
        let db = Operand::new(Kind::Dx, "db", &array![[4.0, 6.0]]);
        assert_eq!(
            explain(Op::ColumnSum, std::slice::from_ref(&dout), &db, 0, 1),
            (
                "db[0,1] = Σₙ dY[n,1]".into(),
                "= 2.0000 + 4.0000 = 6.0000 | the bias was added to both rows, so its gradient sums column 1 of dY".into()
            )
        );
        let rows = Operand::new(Kind::Dx, "s", &array![[3.0], [7.0]]);
        assert_eq!(
            explain(Op::RowSum, std::slice::from_ref(&dout), &rows, 1, 0),
            (
                "s[1,0] = Σₖ dY[1,k]".into(),
                "= 3.0000 + 4.0000 = 7.0000 | the sum of row 1 of dY".into()
            )
        );
        let all = Operand::new(Kind::Dx, "dk", &array![[10.0]]);
        assert_eq!(
            explain(Op::SumAll, &[dout], &all, 0, 0),
            (
                "dk[0,0] = Σ dY[i,j]".into(),
                "= 1.0000 + 2.0000 + 3.0000 + 4.0000 = 10.0000 | a 1×1 operand was broadcast to every cell, so its gradient sums them all".into()
            )
        );
    }

    #[test]
    fn apply_mask_reads_true_and_false_cells() {
        let x = Operand::new(Kind::Dout, "dout", &array![[5.0, -2.0]]);
        let relu_mask = Operand::new(
            Kind::Mask(MaskSense::TrueBlocks),
            "mask",
            &array![[1.0, 0.0]],
        );
        let out = Operand::new(Kind::Dx, "dx", &array![[0.0, -2.0]]);
        assert_eq!(
            explain(Op::ApplyMask, &[x.clone(), relu_mask], &out, 0, 0).1,
            "= masked → 0 (was 5.0000) = 0.0000 | masked: mask[0,0] is True"
        );
        // a mask that is not a mask operand blocks where it is non-zero
        let plain = Operand::new(Kind::Temp(0), "m", &array![[1.0, 0.0]]);
        assert_eq!(
            explain(Op::ApplyMask, &[x.clone(), plain.clone()], &out, 0, 0).1,
            "= masked → 0 (was 5.0000) = 0.0000 | masked: m[0,0] is True"
        );
        assert_eq!(
            explain(Op::ApplyMask, &[x, plain], &out, 0, 1).1,
            "= passed → -2.0000 = -2.0000 | passed: m[0,1] is False"
        );
    }

    #[test]
    fn sub_row_max_names_the_cell_of_the_max() {
        let a = Operand::new(Kind::Input, "x", &array![[1.0, 5.0, 3.0]]);
        let out = Operand::new(Kind::Temp(0), "x − max", &array![[-4.0, 0.0, -2.0]]);
        let (_, text) = explain(Op::SubRowMax, &[a], &out, 0, 2);
        assert!(text.ends_with("| row 0's max is x[0,1]; subtracting it keeps exp from overflowing and does not change softmax"), "{text}");
    }

    #[test]
    fn compound_names_are_parenthesised_before_an_index() {
        assert_eq!(nm("X"), "X");
        assert_eq!(nm("dW"), "dW");
        assert_eq!(nm("y − t"), "(y − t)");
        assert_eq!(nm("X·W"), "(X·W)");
        assert_eq!(nm("dout⊙y"), "(dout⊙y)");
        assert_eq!(nm("a+b"), "(a+b)");
    }
}
