//! The book's figures: a computational graph as boxes and edges, with the values of one run.
//!
//! A [`Figure`] is what the graph view draws: input ends (`apple`), operation boxes (`×`, `+`,
//! `exp`, `dot`), an output end (`price`), and edges that carry the forward value and, once the
//! backward pass reaches them, the gradient flowing back along them. Every number comes from a
//! run's tape; each node knows the tape steps it covers, so the view lights the node of the
//! current step. This module imports no UI crate: the view decides how the figure looks.

mod from_graph;
mod from_layer;

use crate::engine::Matrix;

/// What a figure node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureRole {
    /// A given value at the left edge of the figure (`apple`, `x`, `W`).
    Input,
    /// An operation box (`×`, `+`, `exp`, `dot`, a whole layer).
    Op,
    /// The end of the figure (`price`, `y`, `L`).
    Output,
}

/// One node of a figure.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureNode {
    /// The text in the box (`×`, `+`, `exp`) or beside an end (`apple`).
    pub label: String,
    /// Input end, operation box or output end.
    pub role: FigureRole,
    /// The node's own name, when it has one (`apple_price`), for explanations.
    pub name: Option<String>,
    /// The tape steps this node covers (forward and backward): the view lights the node while
    /// the current step is one of them. A step that merges two of the book's nodes lists both.
    pub steps: Vec<usize>,
    /// For a value that feeds several nodes: the step that sums the gradients of its edges.
    pub sum_step: Option<usize>,
    /// For a value that feeds several nodes: the summed gradient.
    pub grad_sum: Option<Matrix>,
}

/// One edge: a value flowing from one node into an input port of another.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureEdge {
    /// The node the value comes from.
    pub from: usize,
    /// The node it flows into.
    pub to: usize,
    /// Which input of `to` it is (0 first).
    pub port: usize,
    /// What the value is called (`apple`, `exp(−x)`, `X·W`).
    pub name: String,
    /// A symbol drawn above the value, for figures that spell out their edges (`exp(−x)`).
    pub symbol: Option<String>,
    /// The forward value.
    pub value: Matrix,
    /// The tape step that wrote the value (`None`: given before the run).
    pub value_step: Option<usize>,
    /// The gradient of the objective with respect to the value, along this edge only.
    pub grad: Option<Matrix>,
    /// A symbol drawn under the gradient (`−dout·y²`).
    pub grad_symbol: Option<String>,
    /// The tape step from which the gradient is known.
    pub grad_step: Option<usize>,
    /// How the gradient was made, with numbers (`d apple = 1.1 × 2 = 2.2`).
    pub explain: Vec<String>,
}

/// A computational graph drawn the way the book draws it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figure {
    /// A caption (`Apples and oranges`, `Sigmoid as a graph (Fig. 5-19)`).
    pub title: String,
    /// Nodes: inputs, operations and the output.
    pub nodes: Vec<FigureNode>,
    /// Edges, in the order Enter cycles through them.
    pub edges: Vec<FigureEdge>,
    /// For figures of element-wise layers: the cell whose values the edges show.
    pub cell: Option<(usize, usize)>,
}

impl FigureNode {
    /// A node with no steps.
    pub fn new(label: impl Into<String>, role: FigureRole) -> Self {
        FigureNode {
            label: label.into(),
            role,
            name: None,
            steps: Vec::new(),
            sum_step: None,
            grad_sum: None,
        }
    }
}

impl FigureEdge {
    /// An edge carrying `value` (given before the run), with no gradient yet.
    pub fn new(
        from: usize,
        to: usize,
        port: usize,
        name: impl Into<String>,
        value: Matrix,
    ) -> Self {
        FigureEdge {
            from,
            to,
            port,
            name: name.into(),
            symbol: None,
            value,
            value_step: None,
            grad: None,
            grad_symbol: None,
            grad_step: None,
            explain: Vec::new(),
        }
    }
}

impl Figure {
    /// The nodes lit at tape step `step`.
    pub fn lit(&self, step: usize) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&i| {
                let n = &self.nodes[i];
                n.steps.contains(&step) || n.sum_step == Some(step)
            })
            .collect()
    }

    /// The edges that flow into node `to`, by port.
    pub fn inputs_of(&self, to: usize) -> Vec<usize> {
        let mut edges: Vec<usize> = (0..self.edges.len())
            .filter(|&e| self.edges[e].to == to)
            .collect();
        edges.sort_by_key(|&e| self.edges[e].port);
        edges
    }

    /// The edges that leave node `from`.
    pub fn outputs_of(&self, from: usize) -> Vec<usize> {
        (0..self.edges.len())
            .filter(|&e| self.edges[e].from == from)
            .collect()
    }
}
