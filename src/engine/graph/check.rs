//! The gradient check of a graph: backprop against central differences for every cell of every
//! input and every layer node's parameters.
//!
//! Graphs are small (chapter 5's figures), so each perturbed pass is a full forward pass.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};

use super::{Graph, NodeOp};
use crate::engine::Matrix;
use crate::engine::check::{CheckReport, TensorCheck, compare, error_floor, notes, rounding};

/// Which matrix a checked tensor is: a graph input, or a parameter of a layer node.
#[derive(Debug, Clone, Copy)]
enum Tensor {
    Input(usize),
    Param(usize, &'static str),
}

impl Graph {
    fn tensor_mut(&mut self, t: Tensor) -> Option<&mut Matrix> {
        match t {
            Tensor::Input(k) => self.inputs.get_mut(k).map(|(_, m)| m),
            Tensor::Param(i, name) => match &mut self.nodes.get_mut(i)?.op {
                NodeOp::Layer(l) => l.param_mut(name),
                _ => None,
            },
        }
    }

    fn nudge(&mut self, t: Tensor, cell: (usize, usize), delta: f64) {
        if let Some(v) = self.tensor_mut(t).and_then(|m| m.get_mut(cell)) {
            *v += delta;
        }
    }

    /// Compare backprop's gradient of every input and parameter with central differences of
    /// step `h`; a relative error above `tolerance` fails.
    pub fn gradient_check(&self, h: f64, tolerance: f64) -> Result<CheckReport> {
        ensure!(
            h.is_finite() && h > 0.0,
            crate::t!("err-h-positive", h = crate::i18n::format::given(h))
        );
        let shapes = self.validate()?;
        let started = Instant::now();
        let run = self.run()?;
        let backprop_time = started.elapsed();
        let mut tensors: Vec<(Tensor, String, String, Matrix)> = self
            .inputs
            .iter()
            .enumerate()
            .map(|(k, (name, _))| {
                (
                    Tensor::Input(k),
                    "input".to_string(),
                    name.clone(),
                    run.input_grads[k].clone(),
                )
            })
            .collect();
        for (i, node) in run.nodes.iter().enumerate() {
            for g in &node.params {
                tensors.push((
                    Tensor::Param(i, g.name),
                    node.name.clone(),
                    g.name.to_string(),
                    g.value.clone(),
                ));
            }
        }
        let layers = self.nodes.iter().map(|n| match &n.op {
            NodeOp::Layer(l) => Some(l.as_ref()),
            _ => None,
        });
        let rounding = rounding::objective_rounding(&run.run, layers);
        let floor = error_floor(rounding, h, tolerance);
        let started = Instant::now();
        let mut work = self.clone();
        let mut cells = 0;
        let mut parameters = 0;
        let mut checks = Vec::with_capacity(tensors.len());
        for (tensor, layer_name, param, analytic) in tensors {
            let dim = work
                .tensor_mut(tensor)
                .map(|m| m.dim())
                .with_context(|| crate::t!("err-no-tensor"))?;
            let mut numerical = Matrix::zeros(dim);
            for r in 0..dim.0 {
                for c in 0..dim.1 {
                    work.nudge(tensor, (r, c), h);
                    let plus = work.objective(&shapes);
                    work.nudge(tensor, (r, c), -2.0 * h);
                    let minus = work.objective(&shapes);
                    work.nudge(tensor, (r, c), h);
                    let (plus, minus) = (plus?, minus?);
                    numerical[[r, c]] = (plus - minus) / (2.0 * h);
                }
            }
            cells += dim.0 * dim.1;
            if matches!(tensor, Tensor::Param(..)) {
                parameters += dim.0 * dim.1;
            }
            let (max_abs_diff, max_rel_err, worst) = compare(&analytic, &numerical, floor);
            checks.push(TensorCheck {
                layer: match tensor {
                    Tensor::Input(_) => None,
                    Tensor::Param(i, _) => Some(i),
                },
                layer_name,
                param,
                analytic,
                numerical,
                max_abs_diff,
                max_rel_err,
                worst,
            });
        }
        let numerical_time: Duration = started.elapsed();
        Ok(CheckReport {
            h,
            tolerance,
            tensors: checks,
            cells,
            parameters,
            numerical_passes: 2 * cells,
            numerical_time,
            backprop_time,
            objective: run.run.objective,
            rounding,
            // A node's first input is where a kink sits (a ReLU node's x).
            notes: notes::find(&run.run, h, tolerance, rounding),
        })
    }
}
