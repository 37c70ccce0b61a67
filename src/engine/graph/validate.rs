//! Checking a graph before it runs: names, order, use, shapes, the loss and `dout`.
//!
//! Every error names the node (by index and name) and says what to do; the preset loader puts
//! the file in front.

use anyhow::{Context, Result, bail, ensure};

use super::{Graph, NodeOp};
use crate::engine::Matrix;
use crate::engine::layer::LayerKind;
use crate::engine::network::MAX_ACTIVATION_CELLS;

/// Where a node's input comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    /// The graph input with this index.
    Input(usize),
    /// The output of the node with this index.
    Node(usize),
}

/// What validation resolved: every input reference, every node's output shape, the targets and
/// the starting gradient.
#[derive(Debug, Clone)]
pub struct GraphShapes {
    /// Per node, per input position.
    pub refs: Vec<Vec<Ref>>,
    /// Per node, the output shape.
    pub shapes: Vec<(usize, usize)>,
    /// The one-hot targets, when the output is Softmax-with-Loss.
    pub t: Option<Matrix>,
    /// The starting gradient, when there is no loss.
    pub dout: Option<Matrix>,
}

fn dims((r, c): (usize, usize)) -> String {
    format!("{r}×{c}")
}

/// "node 4 (price)": how errors name node `i` (from 0), counted from 1 as a person counts.
fn node_who(i: usize, name: &str) -> String {
    crate::t!("err-node-who", number = i + 1, name = name)
}

impl Graph {
    /// Check the graph: see the module documentation for what is an error.
    pub fn validate(&self) -> Result<GraphShapes> {
        self.check_inputs()?;
        let refs = self.resolve_inputs()?;
        self.check_every_value_is_used(&refs)?;
        let shapes = self.output_shapes(&refs)?;
        let (t, dout) = self.targets_and_dout(&shapes)?;
        Ok(GraphShapes {
            refs,
            shapes,
            t,
            dout,
        })
    }

    /// At least one node; every input named once and not empty.
    fn check_inputs(&self) -> Result<()> {
        ensure!(!self.nodes.is_empty(), crate::t!("err-graph-no-nodes"));
        for (i, (name, m)) in self.inputs.iter().enumerate() {
            ensure!(
                !name.trim().is_empty(),
                crate::t!("err-input-empty-name", number = (i + 1).to_string())
            );
            ensure!(
                m.nrows() > 0 && m.ncols() > 0,
                crate::t!("err-input-empty", name = name)
            );
            ensure!(
                self.input_index(name) == Some(i),
                crate::t!("err-input-twice", name = name)
            );
        }
        Ok(())
    }

    /// Where each node's inputs come from: a graph input or an earlier node (no cycles).
    fn resolve_inputs(&self) -> Result<Vec<Vec<Ref>>> {
        let mut refs = Vec::with_capacity(self.nodes.len());
        for (i, node) in self.nodes.iter().enumerate() {
            let who = node_who(i, &node.name);
            ensure!(
                !node.name.trim().is_empty(),
                crate::t!("err-node-empty-name", number = (i + 1).to_string())
            );
            ensure!(
                self.input_index(&node.name).is_none(),
                crate::t!("err-node-input-name", who = who.as_str())
            );
            ensure!(
                self.node_index(&node.name) == Some(i),
                crate::t!("err-node-twice", name = node.name.as_str())
            );
            ensure!(
                node.inputs.len() == node.op.arity(),
                crate::t!(
                    "err-node-arity",
                    who = who.as_str(),
                    kind = node.op.kind().as_str(),
                    arity = node.op.arity(),
                    given = node.inputs.len().to_string(),
                    hint = match node.op {
                        NodeOp::Mul | NodeOp::Add => crate::t!("err-node-arity-two"),
                        NodeOp::Layer(_) => crate::t!("err-node-arity-one"),
                    }
                )
            );
            let mut node_refs = Vec::with_capacity(node.inputs.len());
            for name in &node.inputs {
                let r = if let Some(k) = self.input_index(name) {
                    Ref::Input(k)
                } else {
                    match self.node_index(name) {
                        Some(k) if k < i => Ref::Node(k),
                        Some(k) if k == i => {
                            bail!(crate::t!("err-node-self", who = who.as_str()))
                        }
                        Some(k) => bail!(crate::t!(
                            "err-node-later",
                            who = who.as_str(),
                            name = name,
                            later = (k + 1).to_string()
                        )),
                        None => bail!(crate::t!(
                            "err-node-unknown",
                            who = who.as_str(),
                            name = name,
                            inputs = self
                                .inputs
                                .iter()
                                .map(|(n, _)| n.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    }
                };
                node_refs.push(r);
            }
            refs.push(node_refs);
        }
        Ok(refs)
    }

    /// Every input is used, and every node but the last feeds a later one.
    fn check_every_value_is_used(&self, refs: &[Vec<Ref>]) -> Result<()> {
        let used = |target: Ref| refs.iter().flatten().any(|r| *r == target);
        for (k, (name, _)) in self.inputs.iter().enumerate() {
            ensure!(
                used(Ref::Input(k)),
                crate::t!("err-input-unused", name = name)
            );
        }
        let last = self.nodes.len() - 1;
        for (k, node) in self.nodes.iter().enumerate().take(last) {
            ensure!(
                used(Ref::Node(k)),
                crate::t!(
                    "err-node-unused",
                    who = node_who(k, &node.name),
                    last = self.nodes[last].name.as_str()
                )
            );
        }
        Ok(())
    }

    /// Each node's output shape, from its inputs' (a loss only as the output).
    fn output_shapes(&self, refs: &[Vec<Ref>]) -> Result<Vec<(usize, usize)>> {
        let last = self.nodes.len() - 1;
        let mut shapes: Vec<(usize, usize)> = Vec::with_capacity(self.nodes.len());
        for (i, node) in self.nodes.iter().enumerate() {
            let who = node_who(i, &node.name);
            if node.op.kind() == LayerKind::SoftmaxWithLoss && i != last {
                bail!(crate::t!("err-node-loss-not-last", who = who.as_str()));
            }
            let shape_of = |r: Ref| match r {
                Ref::Input(k) => self.inputs[k].1.dim(),
                Ref::Node(k) => shapes[k],
            };
            let ins: Vec<(usize, usize)> = refs[i].iter().map(|r| shape_of(*r)).collect();
            let out = match &node.op {
                NodeOp::Mul | NodeOp::Add => {
                    let (a, b) = (ins[0], ins[1]);
                    ensure!(
                        b == a || b == (1, 1),
                        crate::t!(
                            "err-node-shapes",
                            who = who.as_str(),
                            kind = node.op.kind().as_str(),
                            a = node.inputs[0].as_str(),
                            a_shape = dims(a),
                            b = node.inputs[1].as_str(),
                            b_shape = dims(b)
                        )
                    );
                    a
                }
                NodeOp::Layer(layer) => layer.output_shape(ins[0]).with_context(|| {
                    crate::t!(
                        "err-node-shape",
                        who = who.as_str(),
                        input = node.inputs[0].as_str(),
                        shape = dims(ins[0])
                    )
                })?,
            };
            shapes.push(out);
        }
        let cells: usize = shapes.iter().map(|(r, c)| r.saturating_mul(*c)).sum();
        ensure!(
            cells <= MAX_ACTIVATION_CELLS,
            crate::t!(
                "err-graph-too-many-cells",
                cells = cells.to_string(),
                max = MAX_ACTIVATION_CELLS.to_string()
            )
        );
        Ok(shapes)
    }

    /// The one-hot targets of a loss output, or the starting gradient `dout` (default ones).
    fn targets_and_dout(
        &self,
        shapes: &[(usize, usize)],
    ) -> Result<(Option<Matrix>, Option<Matrix>)> {
        let last = self.nodes.len() - 1;
        let (n, k) = shapes[last];
        let has_loss = self.nodes[last].op.kind() == LayerKind::SoftmaxWithLoss;
        let (t, dout) = if has_loss {
            let t = self.t.as_ref().with_context(|| {
                crate::t!("err-graph-needs-t", name = self.nodes[last].name.as_str())
            })?;
            ensure!(self.dout.is_none(), crate::t!("err-graph-dout-with-loss"));
            (Some(t.one_hot(n, k)?), None)
        } else {
            ensure!(
                self.t.is_none(),
                crate::t!("err-graph-t-unread", name = self.nodes[last].name.as_str())
            );
            let dout = match &self.dout {
                Some(d) => {
                    ensure!(
                        d.dim() == (n, k),
                        crate::t!(
                            "err-graph-dout-shape",
                            dout = dims(d.dim()),
                            name = self.nodes[last].name.as_str(),
                            out = format!("{n}×{k}")
                        )
                    );
                    d.clone()
                }
                None => Matrix::ones((n, k)),
            };
            (None, Some(dout))
        };
        Ok((t, dout))
    }
}
