//! Computational graphs (chapter 5.1–5.5): named inputs and nodes that may feed several others.
//!
//! A [`Graph`] is the general form of a [`Network`](super::Network): a chain is a graph with one
//! path, and its recorded run is this engine's ([`Graph::run_with`]). Nodes are `mul` and `add` with two named inputs (Add passes `dout` on, Mul swaps its
//! inputs) or any layer with one named input and its parameters. The graph runs with the same
//! layers and records the same [`Tape`](super::Tape); where a value feeds several nodes, its
//! gradients add up in a step of its own ([`Op::Binary`](super::Op) `+`, recorded before the
//! node's backward). Validation names the nodes at fault: cycles (a node may only use inputs and
//! earlier nodes), unknown or unused names, shape mismatches, a loss that is not the output.

mod check;
mod run;
mod validate;

use super::Matrix;
use super::layer::{Add, Exp, GraphNames, Layer, LayerKind, Log, Mul, NodeNames, Reciprocal};
use super::network::{Inputs, Network, Targets};

pub use run::{GraphRun, NodeRun};
pub use validate::{GraphShapes, Ref};

/// What a node computes.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeOp {
    /// `out = a ⊙ b` of its two inputs (the second may be 1×1).
    Mul,
    /// `out = a + b` of its two inputs (the second may be 1×1).
    Add,
    /// A layer with its parameters, on its one input.
    Layer(Box<Layer>),
}

impl NodeOp {
    /// The layer kind the node runs as (`mul` and `add` nodes run as Mul and Add layers whose
    /// parameter is the second input).
    pub fn kind(&self) -> LayerKind {
        match self {
            NodeOp::Mul => LayerKind::Mul,
            NodeOp::Add => LayerKind::Add,
            NodeOp::Layer(l) => l.kind(),
        }
    }

    /// True when the node's steps name its operands by their sources and its output by the
    /// node (Mul, Add and the primitives `exp`, `log`, `reciprocal`), not `x` and `out`.
    pub fn names_operands(&self) -> bool {
        matches!(
            self.kind(),
            LayerKind::Mul
                | LayerKind::Add
                | LayerKind::Exp
                | LayerKind::Log
                | LayerKind::Reciprocal
        )
    }

    /// How many named inputs the node takes.
    pub fn arity(&self) -> usize {
        match self {
            NodeOp::Mul | NodeOp::Add => 2,
            NodeOp::Layer(_) => 1,
        }
    }

    /// The text in the node's box in the book's figures (`×`, `+`, `exp`, `/`, `Affine`).
    pub fn symbol(&self) -> &'static str {
        self.kind().symbol()
    }

    /// The layer that runs this node, given the values of its inputs.
    pub fn layer(&self, inputs: &[&Matrix]) -> Layer {
        let second = || {
            inputs
                .get(1)
                .map(|m| (*m).clone())
                .unwrap_or_else(|| Matrix::ones((1, 1)))
        };
        match self {
            NodeOp::Mul => Layer::mul(second()),
            NodeOp::Add => Layer::add(second()),
            NodeOp::Layer(l) => (**l).clone(),
        }
    }
}

/// One node: a name, what it computes, and the names of its inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphNode {
    /// Unique among inputs and nodes.
    pub name: String,
    /// What it computes.
    pub op: NodeOp,
    /// Input or earlier node names, by position (the same name may appear twice).
    pub inputs: Vec<String>,
}

/// A computational graph and what it runs on.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// The named inputs, in the order the preset gives them.
    pub inputs: Vec<(String, Matrix)>,
    /// The nodes; the last one is the output.
    pub nodes: Vec<GraphNode>,
    /// Targets, when the output is Softmax-with-Loss.
    pub t: Option<Targets>,
    /// The gradient arriving at the output when there is no loss (default: ones).
    pub dout: Option<Matrix>,
    /// Built from a chain ([`Graph::from_chain`]): its notes and errors speak of layers, as
    /// the chain's preset does, not of nodes.
    pub chain: bool,
}

impl Graph {
    /// A chain as a graph with one path: input `x`, then each layer on the one before it; the
    /// same targets and starting gradient.
    pub fn from_chain(network: &Network, inputs: &Inputs) -> Graph {
        let mut prev = "x".to_string();
        let nodes = network
            .layers
            .iter()
            .map(|l| {
                let node = GraphNode {
                    name: l.name.clone(),
                    op: NodeOp::Layer(Box::new(l.layer.clone())),
                    inputs: vec![prev.clone()],
                };
                prev = l.name.clone();
                node
            })
            .collect();
        Graph {
            inputs: vec![("x".to_string(), inputs.x.clone())],
            nodes,
            t: inputs.t.clone(),
            dout: inputs.dout.clone(),
            chain: true,
        }
    }

    /// The index of the input called `name`.
    pub fn input_index(&self, name: &str) -> Option<usize> {
        self.inputs.iter().position(|(n, _)| n == name)
    }

    /// The index of the node called `name`.
    pub fn node_index(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.name == name)
    }

    /// How many node inputs read the value called `name` (an input's or a node's output).
    pub fn use_count(&self, name: &str) -> usize {
        self.nodes
            .iter()
            .flat_map(|n| &n.inputs)
            .filter(|i| *i == name)
            .count()
    }

    /// What the gradients of a run are gradients of: the output's name when backward starts
    /// from dout = 1 on a 1×1 output (then L = Σ dout ⊙ out is the output itself, `price`),
    /// else `L` (a loss, or a weighted sum of the output's cells).
    pub fn objective_name(&self, run: &GraphRun) -> String {
        self.objective_for(
            run.run.loss.is_some(),
            run.run.out.dim(),
            run.run.dout.as_ref(),
        )
    }

    /// [`Graph::objective_name`] before the run: whether it ends in a loss, the output's shape
    /// and the starting gradient.
    pub(crate) fn objective_for(
        &self,
        loss: bool,
        out: (usize, usize),
        dout: Option<&Matrix>,
    ) -> String {
        let name = self.nodes.last().map(|n| n.name.as_str()).unwrap_or("out");
        let unit = |m: &Matrix| m.dim() == (1, 1) && m[[0, 0]] == 1.0;
        if !loss && out == (1, 1) && dout.is_none_or(unit) {
            name.to_string()
        } else {
            "L".to_string()
        }
    }

    /// Node `i`'s layer for a run: a graph's Mul, Add, Exp, Log or Reciprocal node names its operands by their
    /// sources, its output by its own name and its gradients as partials of the output (a
    /// chain's layers keep their own names).
    fn node_layer(&self, i: usize, layer: Layer, shapes: &GraphShapes) -> Layer {
        let Some(node) = self.nodes.get(i).filter(|_| !self.chain) else {
            return layer;
        };
        let last = self.nodes.len() - 1;
        let loss = self.nodes[last].op.kind().is_loss();
        let out = shapes.shapes.get(last).copied().unwrap_or((1, 1));
        let input = |k: usize| node.inputs.get(k).cloned().unwrap_or_default();
        let names = NodeNames {
            x: input(0),
            y: input(1),
            out: node.name.clone(),
            graph: Some(GraphNames {
                node: node.name.clone(),
                of: self.objective_for(loss, out, shapes.dout.as_ref()),
                shared: [self.use_count(&input(0)) > 1, self.use_count(&input(1)) > 1],
            }),
        };
        match layer {
            Layer::Mul(m) => Layer::Mul(Mul { names, ..m }),
            Layer::Add(a) => Layer::Add(Add { names, ..a }),
            Layer::Exp(_) => Layer::Exp(Exp { names }),
            Layer::Log(_) => Layer::Log(Log { names }),
            Layer::Reciprocal(_) => Layer::Reciprocal(Reciprocal { names }),
            other => other,
        }
    }
}

impl GraphNode {
    /// What the node computes from its inputs' names: `apple × apple_num`, `x + y`,
    /// `exp(a)`, `Affine(x)`.
    pub fn expression(&self) -> String {
        let arg = |k: usize| self.inputs.get(k).map(String::as_str).unwrap_or("?");
        match &self.op {
            NodeOp::Mul => format!("{} × {}", arg(0), arg(1)),
            NodeOp::Add => format!("{} + {}", arg(0), arg(1)),
            NodeOp::Layer(l) => match l.kind() {
                LayerKind::Exp => format!("exp({})", arg(0)),
                LayerKind::Log => format!("log({})", arg(0)),
                LayerKind::Reciprocal => format!("1 / {}", arg(0)),
                k => format!("{}({})", k.display(), arg(0)),
            },
        }
    }
}
