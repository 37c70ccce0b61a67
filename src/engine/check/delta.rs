//! The fast path of the numerical gradient: the base forward pass, and how a change of one cell
//! travels forward as a changed cell, row, column or whole matrix until the objective.
//!
//! Nudging `W[i,j]` changes only column j of that layer's output and nudging `x[n,i]` only row n,
//! so only that part is recomputed and carried forward until a layer mixes it. Each layer says
//! how a change passes through it in its own file ([`LayerType::propagate`](crate::engine::layer::LayerType));
//! a layer that says nothing reruns its real forward on the changed input, which is right by
//! construction. The objective is the same number a full forward pass gives (tested against the
//! naive gradient).

use ndarray::Array1;

use crate::engine::Matrix;
use crate::engine::network::{Network, Run};
use crate::engine::operand::Param;

/// How a layer's input or output differs from the base pass: new values of one cell, one row,
/// one column, or of everything.
#[derive(Debug, Clone)]
pub enum Delta {
    /// Cell (r, c) is now v.
    Cell(usize, usize, f64),
    /// Row n is now these values.
    Row(usize, Array1<f64>),
    /// Column j is now these values.
    Col(usize, Array1<f64>),
    /// Everything is now this matrix.
    Full(Matrix),
}

/// The base pass the perturbed ones start from: the run's layer inputs and outputs, and the
/// loss of each row (a one-row change only recomputes that row's loss).
pub(super) struct Base<'a> {
    net: &'a Network,
    run: &'a Run,
    loss_rows: Option<Array1<f64>>,
}

impl<'a> Base<'a> {
    pub(super) fn new(net: &'a Network, run: &'a Run) -> Self {
        let loss_rows = match (&run.t, run.layers.last(), net.layers.last()) {
            (Some(t), Some(last), Some(l)) if net.has_loss() => l.layer.loss_rows(&last.out, t),
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
        layer: Option<(usize, Param)>,
        r: usize,
        c: usize,
        d: f64,
    ) -> f64 {
        match layer {
            None => self.objective_from(0, Delta::Cell(r, c, self.io(0).0[[r, c]] + d)),
            Some((l, param)) => {
                let (x, y) = self.io(l);
                let delta = self.net.layers[l].layer.param_delta(x, y, param, (r, c), d);
                self.objective_from(l + 1, delta)
            }
        }
    }

    /// Carry a change in layer `from`'s input to the end and return the objective.
    fn objective_from(&self, from: usize, mut delta: Delta) -> f64 {
        for l in from..self.net.layers.len() {
            let layer = &self.net.layers[l].layer;
            let (x, y) = self.io(l);
            if layer.kind().is_loss() {
                let Some(t) = &self.run.t else {
                    return self.run.objective;
                };
                return layer.perturbed_loss(
                    x,
                    t,
                    delta,
                    self.run.objective,
                    self.loss_rows.as_ref(),
                );
            }
            delta = layer.propagate(x, y, delta);
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
}

/// A one-cell change as a one-row change (`base` is the matrix the change applies to).
pub fn cell_to_row(base: &Matrix, delta: Delta) -> Delta {
    match delta {
        Delta::Cell(r, c, v) => {
            let mut row = base.row(r).to_owned();
            row[c] = v;
            Delta::Row(r, row)
        }
        other => other,
    }
}

/// The whole matrix: `base` with the change applied.
pub fn materialize(base: &Matrix, delta: Delta) -> Matrix {
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

/// Apply `f(value, (row, col))` to every changed cell.
pub fn map_cells(delta: Delta, f: &dyn Fn(f64, (usize, usize)) -> f64) -> Delta {
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
}
