//! The figure of a graph preset: its inputs, one box per node, the output, every edge with its
//! value and the gradient the node sends back along it.

use super::{Figure, FigureEdge, FigureNode, FigureRole};
use crate::engine::Matrix;
use crate::engine::format::{inline, short};
use crate::engine::graph::{Graph, GraphRun, NodeOp, Ref};
use crate::engine::layer::LayerKind;

/// A value in explanations: a 1×1 as its number, a small matrix inline, a big one by shape.
fn val(m: &Matrix) -> String {
    if m.dim() == (1, 1) {
        short(m[[0, 0]])
    } else {
        inline(m)
    }
}

impl Figure {
    /// The book's figure of `graph` after `run`.
    pub fn of_graph(title: &str, graph: &Graph, run: &GraphRun) -> Figure {
        let n_in = graph.inputs.len();
        let mut nodes: Vec<FigureNode> = graph
            .inputs
            .iter()
            .enumerate()
            .map(|(k, (name, _))| {
                let mut node = FigureNode::new(name.clone(), FigureRole::Input);
                node.name = Some(name.clone());
                if let Some(&last) = run.input_sum_steps[k].last() {
                    node.sum_step = Some(last);
                    node.grad_sum = run.input_grads.get(k).cloned();
                }
                node
            })
            .collect();
        for (g, r) in graph.nodes.iter().zip(&run.nodes) {
            let mut node = FigureNode::new(g.op.symbol(), FigureRole::Op);
            node.name = Some(g.name.clone());
            node.steps = r
                .forward_steps
                .clone()
                .chain(r.layer_steps.clone())
                .collect();
            node.steps.extend(r.sum_steps.iter().copied());
            if let Some(&last) = r.sum_steps.last() {
                node.sum_step = Some(last);
                node.grad_sum = Some(r.dout.clone());
            }
            nodes.push(node);
        }
        let last = graph.nodes.len().saturating_sub(1);
        let out_name = graph.nodes.get(last).map_or("out", |n| n.name.as_str());
        let out_label = if run.run.loss.is_some() {
            "L"
        } else {
            out_name
        };
        nodes.push(FigureNode::new(out_label, FigureRole::Output));
        let mut edges = Vec::new();
        for (i, (g, r)) in graph.nodes.iter().zip(&run.nodes).enumerate() {
            for (p, source) in run.refs[i].iter().enumerate() {
                let (from, value_step) = match *source {
                    Ref::Input(k) => (k, None),
                    Ref::Node(j) => (n_in + j, run.nodes[j].forward_steps.end.checked_sub(1)),
                };
                let name = g.inputs.get(p).cloned().unwrap_or_default();
                let value = r.inputs.get(p).cloned().unwrap_or_default();
                let mut e = FigureEdge::new(from, n_in + i, p, name.clone(), value);
                e.value_step = value_step;
                e.grad = r.grads.get(p).cloned();
                e.grad_step = match (&g.op, p) {
                    (NodeOp::Mul | NodeOp::Add, 0) => Some(r.layer_steps.start),
                    _ => r.layer_steps.end.checked_sub(1),
                };
                e.explain = explain_edge(g, r, p, &name);
                edges.push(e);
            }
        }
        if let Some(r) = run.nodes.get(last) {
            let value = match run.run.loss {
                Some(l) => Matrix::from_elem((1, 1), l),
                None => r.out.clone(),
            };
            let mut e = FigureEdge::new(n_in + last, nodes.len() - 1, 0, out_label, value);
            e.value_step = r.forward_steps.end.checked_sub(1);
            e.grad = Some(match (&run.run.dout, run.run.loss) {
                (Some(d), None) => d.clone(),
                _ => Matrix::ones((1, 1)),
            });
            e.grad_step = Some(run.run.tape.first_backward());
            e.explain = vec![match run.run.loss {
                Some(_) => "d L = ∂L/∂L = 1: backward starts at the loss".to_string(),
                None => format!(
                    "d {out_name} = {}: backward starts from dout (default: ones), the gradient of L = Σ dout ⊙ {out_name}",
                    val(&r.dout)
                ),
            }];
            edges.push(e);
        }
        Figure {
            title: title.to_string(),
            nodes,
            edges,
            cell: None,
        }
    }
}

/// How the gradient on input `p` of a node was made, with its numbers.
fn explain_edge(
    g: &crate::engine::graph::GraphNode,
    r: &crate::engine::graph::NodeRun,
    p: usize,
    name: &str,
) -> Vec<String> {
    let grad = r.grads.get(p).map(val).unwrap_or_default();
    let dout = val(&r.dout);
    let other = 1 - p.min(1);
    match g.op {
        NodeOp::Mul => {
            let o_name = g.inputs.get(other).cloned().unwrap_or_default();
            let o_val = r.inputs.get(other).map(val).unwrap_or_default();
            let broadcast = r.inputs.get(p).is_some_and(|m| m.dim() == (1, 1))
                && r.inputs.get(other).is_some_and(|m| m.dim() != (1, 1));
            vec![
                format!(
                    "d {name} = {dout} × {o_val} = {grad}{}",
                    if broadcast {
                        " (summed over every cell)"
                    } else {
                        ""
                    }
                ),
                format!(
                    "a Mul node swaps its inputs: the gradient for {name} is dout ({dout}, from {}) times the other input, {o_name} = {o_val}",
                    g.name
                ),
            ]
        }
        NodeOp::Add => vec![
            format!("d {name} = {dout} = {grad}"),
            format!(
                "an Add node passes dout on unchanged: ∂({} + {})/∂{name} = 1",
                g.inputs.first().cloned().unwrap_or_default(),
                g.inputs.get(1).cloned().unwrap_or_default()
            ),
        ],
        NodeOp::Layer(ref l) => vec![
            format!("d {name} = {grad}"),
            format!(
                "{} ({}) backward: from dout = {dout}; step through its backward steps to see each product",
                g.name,
                match l.kind() {
                    LayerKind::SoftmaxWithLoss => "softmax with loss: (y − t)/N".to_string(),
                    k => k.display().to_string(),
                }
            ),
        ],
    }
}
