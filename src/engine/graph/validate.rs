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
        ensure!(
            !self.nodes.is_empty(),
            "the graph has no nodes: add at least one [[nodes]] table with a name, a type and inputs"
        );
        for (i, (name, m)) in self.inputs.iter().enumerate() {
            ensure!(!name.trim().is_empty(), "input {} has an empty name", i + 1);
            ensure!(
                m.nrows() > 0 && m.ncols() > 0,
                "input \"{name}\" is empty: give at least one value"
            );
            ensure!(
                self.input_index(name) == Some(i),
                "two inputs are named \"{name}\": give each a unique name"
            );
        }
        Ok(())
    }

    /// Where each node's inputs come from: a graph input or an earlier node (no cycles).
    fn resolve_inputs(&self) -> Result<Vec<Vec<Ref>>> {
        let mut refs = Vec::with_capacity(self.nodes.len());
        for (i, node) in self.nodes.iter().enumerate() {
            let who = format!("node {} ({})", i + 1, node.name);
            ensure!(
                !node.name.trim().is_empty(),
                "node {} has an empty name",
                i + 1
            );
            ensure!(
                self.input_index(&node.name).is_none(),
                "{who} has the name of an input: give nodes and inputs different names"
            );
            ensure!(
                self.node_index(&node.name) == Some(i),
                "two nodes are named \"{}\": give each a unique name",
                node.name
            );
            ensure!(
                node.inputs.len() == node.op.arity(),
                "{who} is a {} node and takes {} input{}, but inputs lists {}: {}",
                node.op.kind().as_str(),
                node.op.arity(),
                if node.op.arity() == 1 { "" } else { "s" },
                node.inputs.len(),
                match node.op {
                    NodeOp::Mul | NodeOp::Add =>
                        "mul and add take two names, like inputs = [\"apple\", \"apple_num\"]",
                    NodeOp::Layer(_) => "a layer node takes one name (its parameters go inline)",
                }
            );
            let mut node_refs = Vec::with_capacity(node.inputs.len());
            for name in &node.inputs {
                let r = if let Some(k) = self.input_index(name) {
                    Ref::Input(k)
                } else {
                    match self.node_index(name) {
                        Some(k) if k < i => Ref::Node(k),
                        Some(k) if k == i => bail!(
                            "{who} uses itself as an input: that is a cycle; a node may only use inputs and earlier nodes"
                        ),
                        Some(k) => bail!(
                            "{who} uses \"{name}\", which is node {later}, defined later: a node may only use inputs and earlier \
                             nodes (so the graph has no cycles); move node {later} ({name}) before it",
                            later = k + 1
                        ),
                        None => bail!(
                            "{who} uses \"{name}\", which is neither an input nor a node: the inputs are {}",
                            self.inputs
                                .iter()
                                .map(|(n, _)| n.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
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
                "input \"{name}\" is not used by any node: remove it or name it in a node's inputs"
            );
        }
        let last = self.nodes.len() - 1;
        for (k, node) in self.nodes.iter().enumerate().take(last) {
            ensure!(
                used(Ref::Node(k)),
                "node {} ({}) is not used by any later node, but only the last node ({}) may be the output: \
                 use it in a later node's inputs or remove it",
                k + 1,
                node.name,
                self.nodes[last].name
            );
        }
        Ok(())
    }

    /// Each node's output shape, from its inputs' (a loss only as the output).
    fn output_shapes(&self, refs: &[Vec<Ref>]) -> Result<Vec<(usize, usize)>> {
        let last = self.nodes.len() - 1;
        let mut shapes: Vec<(usize, usize)> = Vec::with_capacity(self.nodes.len());
        for (i, node) in self.nodes.iter().enumerate() {
            let who = format!("node {} ({})", i + 1, node.name);
            if node.op.kind() == LayerKind::SoftmaxWithLoss && i != last {
                bail!(
                    "{who} is softmax_with_loss but is not the output: the loss must be the last node"
                );
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
                        "shape mismatch: {who} ({}) gets {} {} and {} {}: the second input must have the first's shape or be 1×1 (a number)",
                        node.op.kind().as_str(),
                        node.inputs[0],
                        dims(a),
                        node.inputs[1],
                        dims(b)
                    );
                    a
                }
                NodeOp::Layer(layer) => layer.output_shape(ins[0]).with_context(|| {
                    format!(
                        "shape mismatch: {who} gets {} {} and cannot take it",
                        node.inputs[0],
                        dims(ins[0])
                    )
                })?,
            };
            shapes.push(out);
        }
        let cells: usize = shapes.iter().map(|(r, c)| r.saturating_mul(*c)).sum();
        ensure!(
            cells <= MAX_ACTIVATION_CELLS,
            "the nodes' outputs total {cells} cells; at most {MAX_ACTIVATION_CELLS} are allowed: use smaller matrices"
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
                format!(
                    "the output node ({}) is softmax_with_loss, so the preset needs targets t",
                    self.nodes[last].name
                )
            })?;
            ensure!(
                self.dout.is_none(),
                "dout is given but the graph ends in a loss, where backward starts from ∂L/∂L = 1: remove dout"
            );
            (Some(t.one_hot(n, k)?), None)
        } else {
            ensure!(
                self.t.is_none(),
                "t is given but the output node ({}) is not softmax_with_loss, so nothing reads it",
                self.nodes[last].name
            );
            let dout = match &self.dout {
                Some(d) => {
                    ensure!(
                        d.dim() == (n, k),
                        "dout is {} but the output node ({}) is {n}×{k}: they must match",
                        dims(d.dim()),
                        self.nodes[last].name
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
