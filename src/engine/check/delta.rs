//! The fast path of the numerical gradient: the base forward pass, and how a change of one cell
//! travels forward as a changed cell, row, column or whole matrix until the objective.
//!
//! Nudging `W[i,j]` changes only column j of that layer's output and nudging `x[n,i]` only row n,
//! so only that part is recomputed and carried forward until a layer mixes it. The objective is
//! the same number a full forward pass gives (tested against the naive gradient).

use ndarray::{Array1, Axis};

use crate::engine::Matrix;
use crate::engine::layer::{Layer, cross_entropy, cross_entropy_row, softmax_row, softmax_rows};
use crate::engine::network::{Network, Run};

/// How a layer's input or output differs from the base pass: new values of one row, of one
/// column, or of everything.
#[derive(Debug, Clone)]
enum Delta {
    Cell(usize, usize, f64),
    Row(usize, Array1<f64>),
    Col(usize, Array1<f64>),
    Full(Matrix),
}

/// The base pass the perturbed ones start from: the run's layer inputs and outputs, and the
/// loss of each row (a one-row change only recomputes that row's loss).
pub(super) struct Base<'a> {
    net: &'a Network,
    run: &'a Run,
    loss_rows: Option<Array1<f64>>,
}

fn softmax_vec(r: &Array1<f64>) -> Array1<f64> {
    let mut y = r.clone();
    softmax_row(y.view_mut());
    y
}

impl<'a> Base<'a> {
    pub(super) fn new(net: &'a Network, run: &'a Run) -> Self {
        let loss_rows = match (&run.t, run.layers.last()) {
            (Some(t), Some(last)) if net.has_loss() => Some(Array1::from_iter(
                last.out
                    .rows()
                    .into_iter()
                    .zip(t.rows())
                    .map(|(y, t)| cross_entropy_row(y, t)),
            )),
            _ => None,
        };
        Base {
            net,
            run,
            loss_rows,
        }
    }

    /// Layer `l`'s input and output in the base pass.
    fn io(&self, l: usize) -> (&Matrix, &Matrix) {
        let layer = &self.run.layers[l];
        (&layer.input, &layer.out)
    }

    /// The objective with cell (`r`, `c`) of parameter `param` of `layer` (or of x) moved by `d`.
    pub(super) fn perturbed(
        &self,
        layer: Option<usize>,
        param: &str,
        r: usize,
        c: usize,
        d: f64,
    ) -> f64 {
        match layer {
            None => self.objective_from(0, Delta::Cell(r, c, self.io(0).0[[r, c]] + d)),
            Some(l) => {
                let delta = self.param_delta(l, param, r, c, d);
                self.objective_from(l + 1, delta)
            }
        }
    }

    /// How layer `l`'s output changes when its parameter cell moves by `d`.
    fn param_delta(&self, l: usize, param: &str, r: usize, c: usize, d: f64) -> Delta {
        let (x, y) = self.io(l);
        match (&self.net.layers[l].layer, param) {
            (Layer::Affine { .. }, "W") => {
                Delta::Col(c, &y.column(c) + &(x.column(r).to_owned() * d))
            }
            (Layer::Affine { .. }, _) => Delta::Col(c, y.column(c).mapv(|v| v + d)),
            (Layer::Mul { w }, _) if w.dim() == (1, 1) => Delta::Full(x * (w[[0, 0]] + d)),
            (Layer::Mul { w }, _) => Delta::Cell(r, c, x[[r, c]] * (w[[r, c]] + d)),
            (Layer::Add { b }, _) if b.dim() == (1, 1) => Delta::Full(y.mapv(|v| v + d)),
            _ => Delta::Cell(r, c, y[[r, c]] + d),
        }
    }

    /// Carry a change in layer `from`'s input to the end and return the objective.
    fn objective_from(&self, from: usize, mut delta: Delta) -> f64 {
        for l in from..self.net.layers.len() {
            let layer = &self.net.layers[l].layer;
            let (x, y) = self.io(l);
            delta = match layer {
                Layer::SoftmaxWithLoss => return self.loss_with(x, delta),
                _ => propagate(layer, x, y, delta),
            };
        }
        let y = self.run.layers.last().map(|l| l.out.view());
        match (&self.run.dout, y) {
            (Some(dout), Some(y)) => match delta {
                Delta::Cell(r, c, v) => self.run.objective + dout[[r, c]] * (v - y[[r, c]]),
                Delta::Row(n, r) => {
                    self.run.objective
                        + dout
                            .row(n)
                            .iter()
                            .zip(r.iter().zip(y.row(n)))
                            .map(|(&g, (&a, &b))| g * (a - b))
                            .sum::<f64>()
                }
                Delta::Col(j, c) => {
                    self.run.objective
                        + dout
                            .column(j)
                            .iter()
                            .zip(c.iter().zip(y.column(j)))
                            .map(|(&g, (&a, &b))| g * (a - b))
                            .sum::<f64>()
                }
                Delta::Full(m) => (dout * &m).sum(),
            },
            _ => self.run.objective,
        }
    }

    fn loss_with(&self, x: &Matrix, delta: Delta) -> f64 {
        let (Some(t), Some(rows)) = (&self.run.t, &self.loss_rows) else {
            return self.run.objective;
        };
        let n = x.nrows() as f64;
        match cell_to_row(x, delta) {
            Delta::Row(i, r) => {
                self.run.objective
                    + (cross_entropy_row(softmax_vec(&r).view(), t.row(i)) - rows[i]) / n
            }
            other => {
                let m = materialize(x, other);
                cross_entropy(&softmax_rows(&m), t)
            }
        }
    }
}

/// A one-cell change as a one-row change.
fn cell_to_row(base: &Matrix, delta: Delta) -> Delta {
    match delta {
        Delta::Cell(r, c, v) => {
            let mut row = base.row(r).to_owned();
            row[c] = v;
            Delta::Row(r, row)
        }
        other => other,
    }
}

fn materialize(base: &Matrix, delta: Delta) -> Matrix {
    match delta {
        Delta::Full(m) => m,
        Delta::Cell(r, c, v) => {
            let mut m = base.clone();
            m[[r, c]] = v;
            m
        }
        Delta::Row(n, r) => {
            let mut m = base.clone();
            m.row_mut(n).assign(&r);
            m
        }
        Delta::Col(j, c) => {
            let mut m = base.clone();
            m.column_mut(j).assign(&c);
            m
        }
    }
}

/// Push a change of a layer's input `x` through the layer; `y` is its base output.
fn propagate(layer: &Layer, x: &Matrix, y: &Matrix, delta: Delta) -> Delta {
    let map = |delta: Delta, f: &dyn Fn(f64, (usize, usize)) -> f64| -> Delta {
        match delta {
            Delta::Cell(r, c, v) => Delta::Cell(r, c, f(v, (r, c))),
            Delta::Row(n, r) => Delta::Row(
                n,
                Array1::from_iter(r.iter().enumerate().map(|(j, &v)| f(v, (n, j)))),
            ),
            Delta::Col(j, c) => Delta::Col(
                j,
                Array1::from_iter(c.iter().enumerate().map(|(n, &v)| f(v, (n, j)))),
            ),
            Delta::Full(m) => Delta::Full(Matrix::from_shape_fn(m.dim(), |ix| f(m[ix], ix))),
        }
    };
    let pick = |p: &Matrix, (r, c): (usize, usize)| {
        if p.dim() == (1, 1) {
            p[[0, 0]]
        } else {
            p[[r, c]]
        }
    };
    match layer {
        Layer::Relu => map(delta, &|v, _| if v <= 0.0 { 0.0 } else { v }),
        Layer::Sigmoid => map(delta, &|v, _| 1.0 / (1.0 + (-v).exp())),
        Layer::Mul { w } => map(delta, &|v, ix| v * pick(w, ix)),
        Layer::Add { b } => map(delta, &|v, ix| v + pick(b, ix)),
        Layer::Affine { w, b } => match delta {
            Delta::Cell(r, c, v) => {
                let mut row = y.row(r).to_owned();
                row.scaled_add(v - x[[r, c]], &w.row(c));
                Delta::Row(r, row)
            }
            Delta::Row(n, r) => Delta::Row(n, r.dot(w) + b.row(0)),
            Delta::Col(j, c) => {
                let change = &c - &x.column(j);
                let mut m = y.clone();
                for (n, mut row) in m.axis_iter_mut(Axis(0)).enumerate() {
                    row.scaled_add(change[n], &w.row(j));
                }
                Delta::Full(m)
            }
            Delta::Full(m) => Delta::Full(m.dot(w) + b),
        },
        Layer::Softmax => match cell_to_row(x, delta) {
            Delta::Row(n, r) => Delta::Row(n, softmax_vec(&r)),
            other => Delta::Full(softmax_rows(&materialize(x, other))),
        },
        Layer::SoftmaxWithLoss => Delta::Full(softmax_rows(&materialize(x, delta))),
    }
}
