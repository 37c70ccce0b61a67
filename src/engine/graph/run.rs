//! Running a graph: forward node by node, backward in reverse, gradients of shared values summed.
//!
//! Each node runs as a layer (a `mul` node as a Mul layer whose factor is its second input), so
//! the steps on the tape are the chain's steps. A value used more than once gets its gradient
//! from each use; the sum is a step of its own, recorded before the node's backward (or, for a
//! graph input, right after its last use is reached).

use std::ops::Range;

use anyhow::{Context, Result, anyhow, ensure};

use super::validate::{GraphShapes, Ref};
use super::{Graph, NodeOp};
use crate::engine::Matrix;
use crate::engine::layer::{Cache, Grad, Layer, LayerKind, OutOfDomain};
use crate::engine::network::{LayerRun, OutputNudge, Run};
use crate::engine::notes::dout_note as chain_dout_note;
use crate::engine::op::{BinOp, Op};
use crate::engine::operand::{Kind, Param};
use crate::engine::run::ensure_finite;
use crate::engine::tape::{NoRecord, Phase, Recorder, StepDraft, Tape};
use crate::i18n::Msg;
use crate::i18n::format::{inline, shape};

/// One node's part of a run.
#[derive(Debug, Clone)]
pub struct NodeRun {
    /// The node's name.
    pub name: String,
    /// The layer kind it ran as.
    pub kind: LayerKind,
    /// The layer it ran as (a `mul` node: a Mul layer whose `w` is its second input).
    pub layer: Layer,
    /// Its input values, by position.
    pub inputs: Vec<Matrix>,
    /// Its output.
    pub out: Matrix,
    /// ∂L/∂out: the sum over every use of the output.
    pub dout: Matrix,
    /// ∂L/∂input along this node, by input position.
    pub grads: Vec<Matrix>,
    /// A layer node's parameter gradients (`W`, `b`, …).
    pub params: Vec<Grad>,
    /// Tape indices of its forward steps.
    pub forward_steps: Range<usize>,
    /// Tape indices of its backward steps (gradient sums included).
    pub backward_steps: Range<usize>,
    /// The steps that summed the gradients of its uses (none when it is used once).
    pub sum_steps: Vec<usize>,
    /// Tape indices of its layer's own backward steps (no sums).
    pub layer_steps: Range<usize>,
}

/// The result of one forward and one backward pass of a graph.
#[derive(Debug, Clone)]
pub struct GraphRun {
    /// The chain-shaped view the explorer steps through: the tape, and one layer per node
    /// (input = the node's first input, `dx` = its gradient, a `mul`/`add` node's second input
    /// as its parameter `w`/`b`).
    pub run: Run,
    /// Per node.
    pub nodes: Vec<NodeRun>,
    /// Per graph input: ∂L/∂input, summed over every use.
    pub input_grads: Vec<Matrix>,
    /// Per graph input: the steps that summed its uses.
    pub input_sum_steps: Vec<Vec<usize>>,
    /// Where each node's inputs come from.
    pub refs: Vec<Vec<Ref>>,
}

impl Graph {
    /// Forward then backward, recording every step.
    pub fn run(&self) -> Result<GraphRun> {
        let shapes = self.validate()?;
        self.run_with(shapes, None)
    }

    /// [`Graph::run`] on shapes already resolved, with one cell of one node's output moved by h
    /// before the next node reads it (see [`OutputNudge`]; its `layer` is the node index). A
    /// chain runs here too: [`Network::run`](crate::engine::Network::run) hands its resolved
    /// chain over as a graph with one path, so chains and graphs share one engine and one tape.
    pub fn run_with(&self, shapes: GraphShapes, nudge: Option<OutputNudge>) -> Result<GraphRun> {
        ensure!(
            !self.nodes.is_empty() && shapes.refs.len() == self.nodes.len(),
            crate::t!("err-graph-shapes")
        );
        let mut tape = Tape::new();
        let (layers, caches, outs, values, forward_steps) =
            self.forward(&shapes, nudge, &mut tape)?;
        let last = self.nodes.len() - 1;
        let loss = caches.last().and_then(Cache::loss);
        let out = outs[last].clone();
        let objective = match (&loss, &shapes.dout) {
            (Some(l), _) => *l,
            (None, Some(d)) => (d * &out).sum(),
            _ => 0.0,
        };
        ensure_finite(ndarray::aview2(&[[objective]]), || match loss {
            Some(_) => crate::t!("err-what-loss"),
            None => crate::t!("err-what-scalar"),
        })?;
        let refs = &shapes.refs;
        let of = self.objective_for(loss.is_some(), out.dim(), shapes.dout.as_ref());
        let mut grads: Vec<Vec<Matrix>> = vec![Vec::new(); self.nodes.len()];
        let mut params: Vec<Vec<Grad>> = vec![Vec::new(); self.nodes.len()];
        let mut douts: Vec<Matrix> = vec![Matrix::zeros((0, 0)); self.nodes.len()];
        let mut backward_steps = vec![0..0; self.nodes.len()];
        let mut sum_steps = vec![Vec::new(); self.nodes.len()];
        let mut layer_steps = vec![0..0; self.nodes.len()];
        let mut input_grads: Vec<Option<Matrix>> = vec![None; self.inputs.len()];
        let mut input_sum_steps = vec![Vec::new(); self.inputs.len()];
        for i in (0..self.nodes.len()).rev() {
            let node = &self.nodes[i];
            let kind = node.op.kind();
            tape.enter(Phase::Backward, i, &node.name, kind);
            let start = tape.len();
            let uses = uses_of(refs, Ref::Node(i));
            let dout = if i == last {
                shapes.dout.clone().unwrap_or_else(|| Matrix::ones((1, 1)))
            } else {
                let parts: Vec<(String, Matrix)> = uses
                    .iter()
                    .map(|&(c, p)| (self.nodes[c].name.clone(), grads[c][p].clone()))
                    .collect();
                let (sum, steps) = sum_uses(&node.name, &of, &parts, &mut tape);
                sum_steps[i] = steps;
                sum
            };
            let note = self.dout_note(i, &uses, &dout, loss, &of);
            tape.prefix_next(|| note.into());
            let layer_start = tape.len();
            let (dx, g) = layers[i].backward(&caches[i], &dout, &mut tape)?;
            let who = self.who(i);
            ensure_finite(&dx, || crate::t!("err-what-dx", who = who.as_str()))?;
            for g in &g {
                ensure_finite(&g.value, || {
                    crate::t!("err-what-grad", name = g.name, who = who.as_str())
                })?;
            }
            layer_steps[i] = layer_start..tape.len();
            let mut node_grads = vec![dx];
            match node.op {
                NodeOp::Mul | NodeOp::Add => {
                    node_grads.extend(g.into_iter().map(|g| g.value));
                }
                NodeOp::Layer(_) => params[i] = g,
            }
            grads[i] = node_grads;
            douts[i] = dout;
            // Graph inputs whose first use is this node have all their gradients now.
            for (k, (name, _)) in self.inputs.iter().enumerate() {
                let uses = uses_of(refs, Ref::Input(k));
                if uses.first().map(|u| u.0) != Some(i) {
                    continue;
                }
                let parts: Vec<(String, Matrix)> = uses
                    .iter()
                    .map(|&(c, p)| (self.nodes[c].name.clone(), grads[c][p].clone()))
                    .collect();
                let (sum, steps) = sum_uses(name, &of, &parts, &mut tape);
                input_grads[k] = Some(sum);
                input_sum_steps[k] = steps;
            }
            backward_steps[i] = start..tape.len();
        }
        let nodes: Vec<NodeRun> = (0..self.nodes.len())
            .map(|i| NodeRun {
                name: self.nodes[i].name.clone(),
                kind: self.nodes[i].op.kind(),
                layer: layers[i].clone(),
                inputs: values[i].clone(),
                out: outs[i].clone(),
                dout: douts[i].clone(),
                grads: grads[i].clone(),
                params: params[i].clone(),
                forward_steps: forward_steps[i].clone(),
                backward_steps: backward_steps[i].clone(),
                sum_steps: sum_steps[i].clone(),
                layer_steps: layer_steps[i].clone(),
            })
            .collect();
        let input_grads: Vec<Matrix> = input_grads
            .into_iter()
            .zip(&self.inputs)
            .map(|(g, (_, v))| g.unwrap_or_else(|| Matrix::zeros(v.dim())))
            .collect();
        let layers_view = nodes.iter().map(layer_view).collect();
        let run = Run {
            tape,
            layers: layers_view,
            loss,
            objective,
            out,
            dx: input_grads
                .first()
                .cloned()
                .unwrap_or_else(|| Matrix::zeros((0, 0))),
            t: shapes.t.clone(),
            dout: shapes.dout.clone(),
        };
        Ok(GraphRun {
            run,
            nodes,
            input_grads,
            input_sum_steps,
            refs: shapes.refs,
        })
    }

    /// Forward without recording: the objective (the loss, or Σ dout ⊙ out). The numerical
    /// gradient calls it twice per cell.
    pub fn objective(&self, shapes: &GraphShapes) -> Result<f64> {
        let (_, caches, outs, _, _) = self.forward(shapes, None, &mut NoRecord)?;
        Ok(
            match (
                caches.last().and_then(Cache::loss),
                &shapes.dout,
                outs.last(),
            ) {
                (Some(loss), _, _) => loss,
                (None, Some(d), Some(out)) => (d * out).sum(),
                _ => 0.0,
            },
        )
    }

    /// The forward pass: each node's layer, cache, output, input values and forward steps.
    #[allow(clippy::type_complexity)]
    fn forward(
        &self,
        shapes: &GraphShapes,
        nudge: Option<OutputNudge>,
        rec: &mut impl Recorder,
    ) -> Result<(
        Vec<Layer>,
        Vec<Cache>,
        Vec<Matrix>,
        Vec<Vec<Matrix>>,
        Vec<Range<usize>>,
    )> {
        let n = self.nodes.len();
        let (mut layers, mut caches, mut outs, mut values, mut steps) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::<Matrix>::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for (i, node) in self.nodes.iter().enumerate() {
            let ins: Vec<Matrix> = shapes.refs[i]
                .iter()
                .map(|r| match *r {
                    Ref::Input(k) => self.inputs[k].1.clone(),
                    Ref::Node(k) => outs[k].clone(),
                })
                .collect();
            let refs: Vec<&Matrix> = ins.iter().collect();
            let layer = self.node_layer(i, node.op.layer(&refs), shapes);
            rec.enter(Phase::Forward, i, &node.name, node.op.kind());
            let start = rec.position();
            let (mut out, mut cache) =
                layer
                    .forward(&ins[0], shapes.t.as_ref(), rec)
                    .map_err(|e| match e.downcast_ref::<OutOfDomain>() {
                        Some(d) => anyhow!(crate::t!(
                            "err-who-said",
                            who = self.who(i),
                            error = d.to_string()
                        )),
                        None => e,
                    })?;
            if let Some(n) = nudge.filter(|n| n.layer == i) {
                let (rows, cols) = out.dim();
                let cell = out.get_mut((n.row, n.col)).with_context(|| {
                    crate::t!(
                        "err-nudge-outside",
                        cell = format!("[{},{}]", n.row, n.col),
                        name = node.name.as_str(),
                        shape = format!("{rows}×{cols}")
                    )
                })?;
                *cell += n.h;
                cache.after_nudge(&out, rec)?;
            }
            ensure_finite(&out, || crate::t!("err-what-output", who = self.who(i)))?;
            steps.push(start..rec.position());
            layers.push(layer);
            caches.push(cache);
            outs.push(out);
            values.push(ins);
        }
        Ok((layers, caches, outs, values, steps))
    }

    /// How errors name node `i`, counted from 1 as a person counts: "layer 2 (Affine2)" for a
    /// chain, "node 4 (price)" for a graph.
    fn who(&self, i: usize) -> String {
        let name = self.nodes[i].name.as_str();
        if self.chain {
            crate::t!("conv-layer-who", number = i + 1, name = name)
        } else {
            crate::t!("err-node-who", number = i + 1, name = name)
        }
    }

    /// What `dout` is when node `i`'s backward starts.
    fn dout_note(
        &self,
        i: usize,
        uses: &[(usize, usize)],
        dout: &Matrix,
        loss: Option<f64>,
        of: &str,
    ) -> Msg {
        let node = &self.nodes[i];
        let name = node.name.as_str();
        if self.chain {
            let next = self.nodes.get(i + 1).map(|n| n.name.as_str());
            return chain_dout_note(name, node.op.kind(), next, dout, loss);
        }
        if node.op.kind() == LayerKind::SoftmaxWithLoss {
            return crate::msg!(
                "narr-dout-loss",
                loss = loss.map(crate::i18n::format::n4).unwrap_or_default()
            );
        }
        if uses.is_empty() && of == name {
            return crate::msg!("narr-dout-graph-output", name = name, of = of);
        }
        if uses.is_empty() {
            return crate::msg!(
                "narr-dout-graph-start",
                shape = shape(dout),
                name = name,
                value = inline(dout)
            );
        }
        let from: Vec<&str> = uses
            .iter()
            .map(|&(c, _)| self.nodes[c].name.as_str())
            .collect();
        if from.len() == 1 {
            crate::msg!(
                "narr-dout-graph-one",
                of = of,
                name = name,
                value = value(dout),
                from = from[0]
            )
        } else {
            crate::msg!(
                "narr-dout-graph-sum",
                of = of,
                name = name,
                value = value(dout),
                n = from.len(),
                from = from.join(", ")
            )
        }
    }
}

/// A value in a note: a 1×1 as its number (`3`), a small matrix inline.
fn value(m: &Matrix) -> String {
    if m.dim() == (1, 1) {
        crate::i18n::format::short(m[[0, 0]])
    } else {
        inline(m)
    }
}

/// Every (node, input position) that reads `target`, in node order.
fn uses_of(refs: &[Vec<Ref>], target: Ref) -> Vec<(usize, usize)> {
    refs.iter()
        .enumerate()
        .flat_map(|(c, rs)| {
            rs.iter()
                .enumerate()
                .filter(move |(_, r)| **r == target)
                .map(move |(p, _)| (c, p))
        })
        .collect()
}

/// The sum of a value's gradients from each use, one `+` step per extra use.
fn sum_uses(
    name: &str,
    of: &str,
    parts: &[(String, Matrix)],
    rec: &mut impl Recorder,
) -> (Matrix, Vec<usize>) {
    let Some((first_from, first)) = parts.first() else {
        return (Matrix::zeros((1, 1)), Vec::new());
    };
    let mut acc = first.clone();
    let mut acc_name = format!("d{name}←{first_from}");
    let mut steps = Vec::new();
    for (k, (from, g)) in parts.iter().enumerate().skip(1) {
        let next = &acc + g;
        let done = k + 1 == parts.len();
        let written = if done {
            format!("d{name}")
        } else {
            format!("{acc_name}+{from}")
        };
        let via = format!("d{name}←{from}");
        let step = rec.record(|| {
            StepDraft::new(
                Op::Binary(BinOp::Add),
                &format!("Σ d{name}←"),
                &format!("d{name} = {acc_name} + {via}"),
            )
            .read(Kind::Dout, &acc_name, &acc)
            .read(Kind::Dout, &via, g)
            .writes(Kind::Dout, &written, &next)
            .numpy(format!(
                "d{name} = d{name}_a + d{name}_b  # gradients of a value used twice add up"
            ))
            .note(if done {
                let terms: Vec<String> = parts.iter().map(|(_, g)| value(g)).collect();
                crate::msg!(
                    "narr-fan-in-total",
                    name = name,
                    n = parts.len(),
                    of = of,
                    terms = terms.join(" + "),
                    total = value(&next)
                )
            } else {
                crate::msg!(
                    "narr-fan-in-so-far",
                    name = name,
                    n = parts.len(),
                    acc = value(&acc),
                    g = value(g),
                    total = value(&next)
                )
            })
        });
        steps.extend(step);
        acc = next;
        acc_name = written;
    }
    (acc, steps)
}

/// The explorer's per-layer view of a node.
fn layer_view(n: &NodeRun) -> LayerRun {
    let grads = match n.kind {
        LayerKind::Mul | LayerKind::Add if n.grads.len() == 2 => vec![Grad::new(
            if n.kind == LayerKind::Mul {
                Param::Factor
            } else {
                Param::Bias
            },
            n.grads[1].clone(),
        )],
        _ => n.params.clone(),
    };
    LayerRun {
        kind: n.kind,
        name: n.name.clone(),
        input: n
            .inputs
            .first()
            .cloned()
            .unwrap_or_else(|| Matrix::zeros((0, 0))),
        input_image: None,
        out: n.out.clone(),
        out_image: None,
        dout: n.dout.clone(),
        dx: n
            .grads
            .first()
            .cloned()
            .unwrap_or_else(|| Matrix::zeros((0, 0))),
        grads,
        forward_steps: n.forward_steps.clone(),
        backward_steps: n.backward_steps.clone(),
    }
}
