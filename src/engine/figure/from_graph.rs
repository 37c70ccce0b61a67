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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::preset::{Preset, Source};

    fn figure_of(toml: &str) -> (Figure, GraphRun) {
        let p = Preset::from_toml(toml, Source::Builtin("test".into())).unwrap();
        let graph = p.graph.unwrap();
        let run = graph.run().unwrap();
        (Figure::of_graph("t", &graph, &run), run)
    }

    /// The edge into input `port` of box `to`.
    fn into(fig: &Figure, to: usize, port: usize) -> &FigureEdge {
        fig.edges
            .iter()
            .find(|e| (e.to, e.port) == (to, port))
            .unwrap_or_else(|| panic!("no edge into {to}:{port} in {:?}", fig.edges))
    }

    /// f = (x + y) × x with a given dout of 2: x = 3, y = 2, s = 5, f = 15; ds = 2·3 = 6,
    /// dx along ×'s second input 2·5 = 10, along +'s first 6.
    const FAN_OUT: &str = r#"
title = "fan-out with dout"
dout = [[2.0]]
[inputs]
x = 3
y = 2
[[nodes]]
name = "s"
type = "add"
inputs = ["x", "y"]
[[nodes]]
name = "f"
type = "mul"
inputs = ["s", "x"]
"#;

    #[test]
    fn edges_join_the_right_boxes_and_carry_their_gradients() {
        let (fig, run) = figure_of(FAN_OUT);
        // boxes: x, y (inputs), s, f (nodes), f (the output)
        let names: Vec<_> = fig.nodes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(names.len(), 5, "{names:?}");
        // s (node 0, box 2) feeds f (box 3) as its first input; x (box 0) is f's second
        let s_to_f = into(&fig, 3, 0);
        assert_eq!(s_to_f.from, 2);
        assert_eq!(s_to_f.value[[0, 0]], 5.0);
        assert_eq!(s_to_f.grad.as_ref().unwrap()[[0, 0]], 6.0);
        assert_eq!(
            s_to_f.value_step,
            run.nodes[0].forward_steps.end.checked_sub(1)
        );
        // a Mul node's first input gets its gradient at the node's first backward step, the
        // second at its last
        assert_eq!(s_to_f.grad_step, Some(run.nodes[1].layer_steps.start));
        let x_to_f = into(&fig, 3, 1);
        assert_eq!(x_to_f.from, 0);
        assert_eq!(x_to_f.grad.as_ref().unwrap()[[0, 0]], 10.0);
        assert_eq!(
            x_to_f.grad_step,
            run.nodes[1].layer_steps.end.checked_sub(1)
        );
        assert_ne!(s_to_f.grad_step, x_to_f.grad_step);
        // the output edge: from f to the last box, carrying the given dout, not ones
        let out = into(&fig, 4, 0);
        assert_eq!(out.from, 3);
        assert_eq!(out.value[[0, 0]], 15.0);
        assert_eq!(out.grad.as_ref().unwrap()[[0, 0]], 2.0);
        assert_eq!(
            out.explain,
            ["d f = 2: backward starts from dout (default: ones), the gradient of L = Σ dout ⊙ f"]
        );
    }

    #[test]
    fn a_node_after_the_first_draws_from_its_own_box() {
        // a = x + y, b = a × x, c = b + y: boxes x, y, a, b, c, then the output
        let (fig, _) = figure_of(
            r#"
title = "three nodes"
[inputs]
x = 3
y = 2
[[nodes]]
name = "a"
type = "add"
inputs = ["x", "y"]
[[nodes]]
name = "b"
type = "mul"
inputs = ["a", "x"]
[[nodes]]
name = "c"
type = "add"
inputs = ["b", "y"]
"#,
        );
        let from = |to: usize| {
            let e = into(&fig, to, 0);
            (e.from, e.value[[0, 0]])
        };
        assert_eq!(from(3), (2, 5.0), "a → b");
        assert_eq!(from(4), (3, 15.0), "b → c");
        assert_eq!(from(5), (4, 17.0), "c → the output");
    }

    #[test]
    fn each_edge_explains_its_gradient_with_numbers() {
        let (fig, _) = figure_of(FAN_OUT);
        let explain = |to: usize, port: usize| into(&fig, to, port).explain.clone();
        assert_eq!(
            explain(3, 0),
            [
                "d s = 2 × 3 = 6",
                "a Mul node swaps its inputs: the gradient for s is dout (2, from f) times the other input, x = 3"
            ]
        );
        assert_eq!(
            explain(3, 1),
            [
                "d x = 2 × 5 = 10",
                "a Mul node swaps its inputs: the gradient for x is dout (2, from f) times the other input, s = 5"
            ]
        );
        assert_eq!(
            explain(2, 1),
            [
                "d y = 6 = 6",
                "an Add node passes dout on unchanged: ∂(x + y)/∂y = 1"
            ]
        );
    }

    #[test]
    fn a_scalar_times_a_matrix_says_its_gradient_is_summed() {
        // m (1×2) × k (1×1): dk sums dout ⊙ m over every cell; dm is not summed
        let (fig, _) = figure_of(
            r#"
title = "scale"
[inputs]
k = 2
m = [[3.0, 4.0]]
[[nodes]]
name = "p"
type = "mul"
inputs = ["m", "k"]
"#,
        );
        let first = |port: usize| into(&fig, 2, port).explain[0].clone();
        assert_eq!(
            first(1),
            "d k = [[1, 1]] × [[3, 4]] = 7 (summed over every cell)"
        );
        assert_eq!(first(0), "d m = [[1, 1]] × 2 = [[2, 2]]");
    }
}
