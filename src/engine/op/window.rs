//! Chapter 7's ops — im2col, col2im, the reshapes and transposes around them, pooling's max and
//! argmax — how each explains a cell it wrote and which cells it read.

use super::cell::{at, nm};
use super::explanation::{Combine, Explanation, Term};
use super::{Op, OpUnit, arg};
use crate::engine::Matrix;
use crate::engine::operand::Operand;
use crate::engine::tensor::ImageShape;
use crate::i18n::Msg;
use crate::i18n::format::{n4, operand};
use crate::msg as t;

/// The chapter 7 ops ([`Op::Im2col`] … [`Op::ScatterArgMax`]) as one unit.
pub(super) struct Chapter7<'a>(pub(super) &'a Op);

impl OpUnit for Chapter7<'_> {
    fn cell(&self, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
        cell(self.0, reads, r, c)
    }

    fn explain(
        &self,
        reads: &[Operand],
        writes: &Operand,
        r: usize,
        c: usize,
    ) -> Option<Explanation> {
        explain(self.0, reads, writes, r, c)
    }

    fn feeds(
        &self,
        read: usize,
        operand: &Matrix,
        out: (usize, usize),
        i: usize,
        j: usize,
    ) -> bool {
        feeds(self.0, read, operand, out, i, j)
    }

    fn anchor(&self, read: usize, operand: &Matrix, out: (usize, usize)) -> (usize, usize) {
        anchor(self.0, read, operand, out)
    }

    fn numpy(&self, args: &[String]) -> String {
        let (a, b) = (arg(args, 0), arg(args, 1));
        match self.0 {
            Op::Im2col(w) => format!("im2col({a}, {}, {}, {}, {})", w.fh, w.fw, w.stride, w.pad),
            Op::Col2im(w) => {
                format!(
                    "col2im({a}, x.shape, {}, {}, {}, {})",
                    w.fh, w.fw, w.stride, w.pad
                )
            }
            Op::MatMulBias => format!("np.dot({a}, {b}) + {}", arg(args, 2)),
            Op::Transpose => format!("{a}.T"),
            Op::Reshape { cols, .. } => format!("{a}.reshape(-1, {cols})"),
            Op::ToImage { channels, .. } => {
                format!("{a}.reshape(N, out_h, out_w, {channels}).transpose(0, 3, 1, 2)")
            }
            Op::FromImage { .. } => {
                format!("{a}.transpose(0, 2, 3, 1).reshape(N * out_h * out_w, -1)")
            }
            Op::RowMax => format!("np.max({a}, axis=1)"),
            Op::RowArgMax => format!("np.argmax({a}, axis=1)"),
            _ => format!("np.eye(pool_size)[{b}.flatten()] * {a}.reshape(-1, 1)"),
        }
    }
}

/// Cell (`r`, `c`) of what a chapter 7 op writes, from its reads alone.
fn cell(op: &Op, reads: &[Operand], r: usize, c: usize) -> Option<f64> {
    let a = &reads.first()?.value;
    Some(match op {
        Op::Im2col(win) => match win.source(r, c) {
            Some((n, ch, y, x)) => at(a, n, win.input.col(ch, y, x)),
            None => 0.0,
        },
        Op::Col2im(win) => {
            let (ch, y, x) = win.input.chw(c);
            win.copies_of(r, ch, y, x)
                .iter()
                .map(|&(i, j)| at(a, i, j))
                .sum()
        }
        Op::MatMulBias => {
            let (w, b) = (&reads.get(1)?.value, &reads.get(2)?.value);
            (0..a.ncols())
                .map(|k| at(a, r, k) * at(w, k, c))
                .sum::<f64>()
                + at(b, 0, c)
        }
        Op::Transpose => at(a, c, r),
        Op::Reshape { cols, .. } => {
            let (i, j) = linear(a, r * cols + c);
            at(a, i, j)
        }
        Op::ToImage { plane, channels } => {
            let (i, j) = to_image_source(*plane, *channels, a, r, c);
            at(a, i, j)
        }
        Op::FromImage { plane } => {
            let (i, j) = from_image_source(*plane, r, c);
            at(a, i, j)
        }
        Op::RowMax => first_max(&a.row(r).to_vec()).1,
        Op::RowArgMax => first_max(&a.row(r).to_vec()).0 as f64,
        Op::ScatterArgMax => {
            let arg = &reads.get(1)?.value;
            if at(arg, r, 0) == c as f64 {
                let (i, j) = linear(a, r);
                at(a, i, j)
            } else {
                0.0
            }
        }
        _ => return None,
    })
}

/// A cell named the way its operand is shaped: `x[0,1,2,3]` for a 4-D operand, `col[4,5]` else.
pub fn cell_name(o: &Operand, r: usize, c: usize) -> String {
    match o.image {
        Some(img) if img.fits(o.value.ncols()) => {
            let (ch, h, w) = img.chw(c);
            format!("{}[{r},{ch},{h},{w}]", nm(&o.name))
        }
        _ => format!("{}[{r},{c}]", nm(&o.name)),
    }
}

/// The cell of `o` holding value number `l` in NumPy's (row by row) order.
fn linear(o: &Matrix, l: usize) -> (usize, usize) {
    let cols = o.ncols().max(1);
    (l / cols, l % cols)
}

fn single(target: String, value: f64, symbol: String, term: f64, note: Msg) -> Explanation {
    Explanation {
        rule: format!("{target} = {symbol}"),
        target,
        terms: vec![Term {
            numbers: operand(term).into(),
            symbol,
            value: term,
        }],
        combine: Combine::Single,
        value,
        note: Some(note),
    }
}

/// Explain cell (`r`, `c`) of what a chapter 7 op wrote.
fn explain(
    op: &Op,
    reads: &[Operand],
    writes: &Operand,
    r: usize,
    c: usize,
) -> Option<Explanation> {
    let value = *writes.value.get((r, c))?;
    let target = cell_name(writes, r, c);
    let a = reads.first()?;
    Some(match op {
        Op::Im2col(win) => im2col(win, a, target, value, r, c),
        Op::Col2im(win) => col2im(win, a, target, value, r, c),
        Op::MatMulBias => {
            let (w, b) = (reads.get(1)?, reads.get(2)?);
            let k_len = a.value.ncols();
            let mut terms: Vec<Term> = (0..k_len)
                .map(|k| {
                    let (va, vb) = (at(&a.value, r, k), at(&w.value, k, c));
                    Term {
                        symbol: format!("{}[{r},{k}]·{}[{k},{c}]", nm(&a.name), nm(&w.name)),
                        numbers: format!("{}·{}", n4(va), operand(vb)).into(),
                        value: va * vb,
                    }
                })
                .collect();
            let vb = at(&b.value, 0, c);
            terms.push(Term {
                symbol: format!("{}[{c}]", nm(&b.name)),
                numbers: n4(vb).into(),
                value: vb,
            });
            Explanation {
                rule: format!(
                    "{target} = Σₖ {}[{r},k]·{}[k,{c}] + {}[{c}]",
                    nm(&a.name),
                    nm(&w.name),
                    nm(&b.name)
                ),
                target,
                terms,
                combine: Combine::Sum,
                value,
                note: Some(t!("conv-out-cell", row = r, filter = c, terms = k_len)),
            }
        }
        Op::Transpose => {
            let source = cell_name(a, c, r);
            let note = t!("conv-transpose-cell", source = source.clone());
            single(target, value, source, at(&a.value, c, r), note)
        }
        Op::Reshape { cols, .. } => {
            let l = r * cols + c;
            let (i, j) = linear(&a.value, l);
            let source = cell_name(a, i, j);
            let note = t!("conv-reshape-cell", index = l, source = source.clone());
            single(target, value, source, at(&a.value, i, j), note)
        }
        Op::ToImage { plane, channels } => {
            let (i, j) = to_image_source(*plane, *channels, &a.value, r, c);
            let source = cell_name(a, i, j);
            let note = t!(
                "conv-to-image-cell",
                n = r,
                channel = c / plane.max(&1),
                position = c % plane.max(&1),
                source = source.clone()
            );
            single(target, value, source, at(&a.value, i, j), note)
        }
        Op::FromImage { plane } => {
            let (i, j) = from_image_source(*plane, r, c);
            let source = cell_name(a, i, j);
            let note = t!(
                "conv-from-image-cell",
                row = r,
                channel = c,
                source = source.clone()
            );
            single(target, value, source, at(&a.value, i, j), note)
        }
        Op::RowMax | Op::RowArgMax => row_max(op, a, target, value, r),
        Op::ScatterArgMax => {
            let arg = reads.get(1)?;
            let am = at(&arg.value, r, 0);
            let hit = am == c as f64;
            if hit {
                let (i, j) = linear(&a.value, r);
                let source = cell_name(a, i, j);
                let note = t!("pool-dmax-hit", row = r, col = c, source = source.clone());
                single(target, value, source, at(&a.value, i, j), note)
            } else {
                let note = t!("pool-dmax-miss", row = r, argmax = am as usize);
                single(target, value, "0".into(), 0.0, note)
            }
        }
        _ => return None,
    })
}

/// A cell of col after im2col: the x cell its window copies, or 0 from the padding.
fn im2col(
    win: &crate::engine::tensor::Window,
    a: &Operand,
    target: String,
    value: f64,
    r: usize,
    c: usize,
) -> Explanation {
    let (oh, ow) = win.out_hw();
    let per = (oh * ow).max(1);
    let (n, p) = (r / per, r % per);
    let (oy, ox) = (p / ow.max(1), p % ow.max(1));
    let fhw = (win.fh * win.fw).max(1);
    let (ch, k) = (c / fhw, c % fhw);
    let (ky, kx) = (k / win.fw.max(1), k % win.fw.max(1));
    let place = t!(
        "conv-col-place",
        row = r,
        n = n,
        oy = oy,
        ox = ox,
        col = c,
        channel = ch,
        ky = ky,
        kx = kx
    );
    match win.source(r, c) {
        Some((n, ch, y, x)) => {
            let j = win.input.col(ch, y, x);
            let source = cell_name(a, n, j);
            let note = t!("conv-col-copy", place = place, source = source.clone());
            single(target, value, source, at(&a.value, n, j), note)
        }
        None => {
            let note = t!("conv-col-pad", place = place, pad = win.pad);
            single(target, value, "0".into(), 0.0, note)
        }
    }
}

/// A cell of a pooling row's maximum or its argmax: the row's values, the first maximum named.
fn row_max(op: &Op, a: &Operand, target: String, value: f64, r: usize) -> Explanation {
    let row: Vec<f64> = a.value.row(r).to_vec();
    let (arg, max) = first_max(&row);
    let ties = row.iter().filter(|&&v| v == max).count();
    let shown: Vec<String> = row.iter().map(|&v| n4(v)).collect();
    let f = if matches!(op, Op::RowMax) {
        "max"
    } else {
        "argmax"
    };
    let note = if ties > 1 {
        t!("pool-max-tie", col = arg, ties = ties)
    } else {
        t!("pool-max-cell", col = arg)
    };
    let term = if matches!(op, Op::RowMax) {
        max
    } else {
        arg as f64
    };
    Explanation {
        rule: format!("{target} = {f}ₖ {}[{r},k]", nm(&a.name)),
        target,
        terms: vec![Term {
            symbol: format!("{f}ₖ {}[{r},k]", nm(&a.name)),
            numbers: format!("{f}({})", shown.join(", ")).into(),
            value: term,
        }],
        combine: Combine::Single,
        value,
        note: Some(note),
    }
}

/// A dx cell after col2im: the sum of every dcol cell copied from it.
fn col2im(
    win: &crate::engine::tensor::Window,
    a: &Operand,
    target: String,
    value: f64,
    r: usize,
    c: usize,
) -> Explanation {
    let (ch, y, x) = ImageShape::chw(&win.input, c);
    let copies = win.copies_of(r, ch, y, x);
    if copies.is_empty() {
        let note = t!("conv-col2im-none", target = target.clone());
        return single(target, value, "0".into(), 0.0, note);
    }
    let terms: Vec<Term> = copies
        .iter()
        .map(|&(i, j)| Term {
            symbol: cell_name(a, i, j),
            numbers: n4(at(&a.value, i, j)).into(),
            value: at(&a.value, i, j),
        })
        .collect();
    let symbols: Vec<String> = terms.iter().map(|t| t.symbol.clone()).collect();
    let nonzero = terms.iter().filter(|t| t.value != 0.0).count();
    let note = t!(
        "conv-col2im-cell",
        target = target.clone(),
        count = copies.len(),
        nonzero = nonzero
    );
    Explanation {
        rule: format!("{target} = {}", symbols.join(" + ")),
        target,
        terms,
        combine: Combine::Sum,
        value,
        note: Some(note),
    }
}

/// The first maximum of a row and where it is (`np.argmax` takes the first of equal values).
pub fn first_max(row: &[f64]) -> (usize, f64) {
    let mut best = (0, f64::NEG_INFINITY);
    for (k, &v) in row.iter().enumerate() {
        if v > best.1 || (k == 0 && v.is_nan()) {
            best = (k, v);
        }
    }
    best
}

fn to_image_source(
    plane: usize,
    channels: usize,
    a: &Matrix,
    r: usize,
    c: usize,
) -> (usize, usize) {
    let plane = plane.max(1);
    let (k, p) = (c / plane, c % plane);
    linear(a, (r * plane + p) * channels + k)
}

fn from_image_source(plane: usize, r: usize, c: usize) -> (usize, usize) {
    let plane = plane.max(1);
    (r / plane, c * plane + r % plane)
}

/// True when cell (`i`, `j`) of read `read` went into cell `out` (see [`OpUnit::feeds`]).
fn feeds(op: &Op, read: usize, operand: &Matrix, out: (usize, usize), i: usize, j: usize) -> bool {
    let (r, c) = out;
    match (op, read) {
        (Op::Im2col(win), 0) => {
            win.source(r, c)
                .map(|(n, ch, y, x)| (n, win.input.col(ch, y, x)))
                == Some((i, j))
        }
        (Op::Col2im(win), 0) => {
            win.source(i, j)
                .map(|(n, ch, y, x)| (n, win.input.col(ch, y, x)))
                == Some((r, c))
        }
        (Op::MatMulBias, 0) | (Op::RowMax | Op::RowArgMax, 0) => i == r,
        (Op::MatMulBias, 1) => j == c,
        (Op::MatMulBias, 2) => (i, j) == (0, c),
        (Op::Transpose, 0) => (i, j) == (c, r),
        (Op::Reshape { cols, .. }, 0) => linear(operand, r * cols + c) == (i, j),
        (Op::ToImage { plane, channels }, 0) => {
            to_image_source(*plane, *channels, operand, r, c) == (i, j)
        }
        (Op::FromImage { plane }, 0) => from_image_source(*plane, r, c) == (i, j),
        (Op::ScatterArgMax, 0) => linear(operand, r) == (i, j),
        (Op::ScatterArgMax, 1) => (i, j) == (r, 0),
        _ => false,
    }
}

/// A cell of read `read` that fed `out`, to keep in view (see [`OpUnit::anchor`]).
fn anchor(op: &Op, read: usize, operand: &Matrix, out: (usize, usize)) -> (usize, usize) {
    let (r, c) = out;
    match (op, read) {
        (Op::Im2col(win), 0) => win
            .source(r, c)
            .map(|(n, ch, y, x)| (n, win.input.col(ch, y, x)))
            .unwrap_or((r / win.positions().max(1), 0)),
        (Op::Col2im(win), 0) => {
            let (ch, y, x) = win.input.chw(c);
            win.copies_of(r, ch, y, x)
                .first()
                .copied()
                .unwrap_or((r * win.positions(), 0))
        }
        (Op::MatMulBias, 0) | (Op::RowMax | Op::RowArgMax, 0) => (r, 0),
        (Op::MatMulBias, 1) => (0, c),
        (Op::MatMulBias, 2) => (0, c),
        (Op::Transpose, 0) => (c, r),
        (Op::Reshape { cols, .. }, 0) => linear(operand, r * cols + c),
        (Op::ToImage { plane, channels }, 0) => to_image_source(*plane, *channels, operand, r, c),
        (Op::FromImage { plane }, 0) => from_image_source(*plane, r, c),
        (Op::ScatterArgMax, 0) => linear(operand, r),
        (Op::ScatterArgMax, 1) => (r, 0),
        _ => (0, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::first_max;

    #[test]
    fn the_first_maximum_wins_a_tie_as_np_argmax() {
        assert_eq!(first_max(&[1.0, 3.0, 3.0, 2.0]), (1, 3.0));
        assert_eq!(first_max(&[-1.0, -1.0]), (0, -1.0));
    }
}
