//! The figure of a graph preset: its inputs, one box per node, the output, every edge with its
//! value and the gradient the node sends back along it.

use super::{Figure, FigureEdge, FigureNode, FigureRole};
use crate::engine::Matrix;
use crate::engine::graph::{Graph, GraphRun, NodeOp, Ref};
use crate::engine::layer::LayerKind;
use crate::i18n::format::{inline, short};

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
        let of = graph.objective_name(run);
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
                e.explain = explain_edge(graph, run, i, p, &of);
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
                Some(_) => crate::t!("views-fig-loss-start"),
                None => crate::t!("views-fig-dout-start", out = out_name, value = val(&r.dout)),
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

/// How the gradient on input `p` of node `i` was made, with its numbers: the partial of the
/// output `of` along this edge (marked "one path" when the value feeds other nodes too, with the
/// total of every path), then why.
fn explain_edge(graph: &Graph, run: &GraphRun, i: usize, p: usize, of: &str) -> Vec<String> {
    let (Some(g), Some(r)) = (graph.nodes.get(i), run.nodes.get(i)) else {
        return Vec::new();
    };
    let name = g.inputs.get(p).cloned().unwrap_or_default();
    let grad = r.grads.get(p).map(val).unwrap_or_default();
    let dout = val(&r.dout);
    let other = 1 - p.min(1);
    let shared = graph.use_count(&name) > 1;
    let partial = if shared {
        crate::t!(
            "views-fig-one-path",
            of = of,
            name = name.as_str(),
            node = g.name.as_str()
        )
    } else {
        format!("∂{of}/∂{name}")
    };
    let broadcast = |a: usize, b: usize| {
        r.inputs.get(a).is_some_and(|m| m.dim() == (1, 1))
            && r.inputs.get(b).is_some_and(|m| m.dim() != (1, 1))
    };
    let mut lines = match g.op {
        NodeOp::Mul => {
            let o_name = g.inputs.get(other).cloned().unwrap_or_default();
            let o_val = r.inputs.get(other).map(val).unwrap_or_default();
            vec![
                if broadcast(p, other) {
                    crate::t!(
                        "views-fig-mul-partial-summed",
                        partial = partial.as_str(),
                        other = o_name.as_str(),
                        dout = dout.as_str(),
                        value = o_val.as_str(),
                        grad = grad.as_str()
                    )
                } else {
                    format!("{partial} = dout × {o_name} = {dout} × {o_val} = {grad}")
                },
                crate::t!(
                    "views-fig-mul-swaps",
                    name = name.as_str(),
                    dout = dout.as_str(),
                    node = g.name.as_str(),
                    other = o_name.as_str(),
                    value = o_val.as_str()
                ),
            ]
        }
        NodeOp::Add => vec![
            if broadcast(p, other) {
                crate::t!(
                    "views-fig-add-partial-summed",
                    partial = partial.as_str(),
                    grad = grad.as_str(),
                    name = name.as_str()
                )
            } else {
                format!("{partial} = dout = {grad}")
            },
            crate::t!(
                "views-fig-add-passes",
                dout = dout.as_str(),
                node = g.name.as_str(),
                a = g.inputs.first().cloned().unwrap_or_default(),
                b = g.inputs.get(1).cloned().unwrap_or_default(),
                name = name.as_str()
            ),
        ],
        NodeOp::Layer(ref l) => vec![
            format!("{partial} = {grad}"),
            match l.kind() {
                LayerKind::SoftmaxWithLoss => crate::t!(
                    "views-fig-loss-layer-backward",
                    node = g.name.as_str(),
                    dout = dout.as_str()
                ),
                k => crate::t!(
                    "views-fig-layer-backward",
                    node = g.name.as_str(),
                    kind = k.display().to_string(),
                    dout = dout.as_str()
                ),
            },
        ],
    };
    if shared {
        let paths: Vec<String> = graph
            .nodes
            .iter()
            .zip(&run.nodes)
            .flat_map(|(n, nr)| {
                n.inputs
                    .iter()
                    .zip(&nr.grads)
                    .filter(|(input, _)| **input == name)
                    .map(|(_, gr)| val(gr))
            })
            .collect();
        let total = match (graph.input_index(&name), graph.node_index(&name)) {
            (Some(k), _) => run.input_grads.get(k).map(val),
            (None, Some(j)) => run.nodes.get(j).map(|n| val(&n.dout)),
            _ => None,
        }
        .unwrap_or_default();
        lines.push(crate::t!(
            "views-fig-fan-out",
            name = name.as_str(),
            n = paths.len(),
            of = of,
            paths = paths.join(" + "),
            total = total
        ));
    }
    lines
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
        // No line states a value equal to itself ("d y = 6 = 6").
        for e in &fig.edges {
            for line in &e.explain {
                let parts: Vec<&str> = line.split(" = ").map(str::trim).collect();
                assert!(
                    parts.windows(2).all(|w| w[0] != w[1]),
                    "a tautology: {line}"
                );
            }
        }
        assert_eq!(
            explain(3, 0),
            [
                "∂L/∂s = dout × x = 2 × 3 = 6",
                "a Mul node swaps its inputs: the gradient for s is dout (2, from f) times the other input, x = 3"
            ]
        );
        assert_eq!(
            explain(3, 1),
            [
                "∂L/∂x through f (one path) = dout × s = 2 × 5 = 10",
                "a Mul node swaps its inputs: the gradient for x is dout (2, from f) times the other input, s = 5",
                "x feeds 2 nodes: total ∂L/∂x = 6 + 10 = 16 (every path)"
            ]
        );
        assert_eq!(
            explain(2, 1),
            [
                "∂L/∂y = dout = 6",
                "an Add node passes dout (6, from s) on unchanged: ∂(x + y)/∂y = 1"
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
            "∂L/∂k = dout × m = [[1, 1]] × [[3, 4]] = 7 (summed over every cell)"
        );
        assert_eq!(first(0), "∂L/∂m = dout × k = [[1, 1]] × 2 = [[2, 2]]");
    }
}
