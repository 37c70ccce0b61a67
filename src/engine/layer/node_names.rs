//! What a two-input node (Mul, Add) calls its operands on screen.
//!
//! A chain's Mul layer reads `x` and its parameter `w` (Add: `b`) and writes `out`, as its preset
//! does. A graph node reads values named by their sources (`apple`, `apple_num`) and writes its
//! own name (`apple_price`), as the book's figures do; its gradients are partials of the graph's
//! output (`∂price/∂apple`), one path's when the value feeds other nodes too.

use crate::engine::Matrix;
use crate::i18n::Arg;
use crate::i18n::format::{inline, short};

/// The names a Mul or Add node's steps use.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeNames {
    /// The first input (`x` in a chain).
    pub x: String,
    /// The second input (`w` or `b` in a chain).
    pub y: String,
    /// The output (`out` in a chain, the node's name in a graph).
    pub out: String,
    /// In a graph: what the gradients are of and which inputs feed other nodes too.
    pub graph: Option<GraphNames>,
}

/// A graph node's part of [`NodeNames`].
#[derive(Debug, Clone, PartialEq)]
pub struct GraphNames {
    /// The node's name (`f`).
    pub node: String,
    /// What the gradients are of: the output's name (`price`) or `L`.
    pub of: String,
    /// Per input: true when the value feeds other nodes too, so its gradient here is one path's.
    pub shared: [bool; 2],
}

impl NodeNames {
    /// A chain's names: `x`, the parameter's key (`w`, `b`), `out`.
    pub fn chain(param: &str) -> Self {
        NodeNames {
            x: "x".into(),
            y: param.into(),
            out: "out".into(),
            graph: None,
        }
    }

    /// The name of the gradient for input `k` (0: x, 1: y): `dx`, `dw` in a chain; `dapple` in a
    /// graph, `dx via f` when x feeds other nodes too (the name the sum of its paths reads).
    pub fn grad(&self, k: usize) -> String {
        let name = if k == 0 { &self.x } else { &self.y };
        match &self.graph {
            Some(g) if g.shared[k.min(1)] => format!("d{name}←{}", g.node),
            _ => format!("d{name}"),
        }
    }

    /// For a graph node, what the gradient for input `k` is, marked as one path's where the
    /// value feeds other nodes too: `; ∂f/∂x through f (one path) = 5`. Nothing in a chain.
    pub fn partial(&self, k: usize, value: &Matrix) -> Arg {
        let Some(g) = &self.graph else {
            return Arg::Text(String::new());
        };
        let name = if k == 0 { &self.x } else { &self.y };
        let v = if value.dim() == (1, 1) {
            short(value[[0, 0]])
        } else {
            inline(value)
        };
        let shared = if g.shared[k.min(1)] { "yes" } else { "no" };
        Arg::from(crate::msg!(
            "narr-node-partial",
            of = &g.of,
            name = name,
            node = &g.node,
            shared = shared,
            v = v
        ))
    }

    /// A comment after a line of the book's MulLayer / AddLayer (`x`, `y`, `dx`, `dy`) that says
    /// which of our names each book name stands for here: `  # here x is s, y is x`, or nothing.
    pub fn here(&self, book: &[&str]) -> String {
        let ours = |b: &str| match b {
            "x" => self.x.clone(),
            "y" => self.y.clone(),
            "dx" => self.grad(0),
            "dy" => self.grad(1),
            "out" => self.out.clone(),
            other => other.to_string(),
        };
        let parts: Vec<String> = book
            .iter()
            .filter(|b| ours(b) != **b)
            .map(|b| format!("{b} is {}", ours(b)))
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("  # here {}", parts.join(", "))
        }
    }
}
