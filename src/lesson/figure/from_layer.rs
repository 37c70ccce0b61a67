//! A layer's sub-steps drawn as the book draws the layer: Sigmoid's `×(−1) → exp → +1 → /`
//! (Fig. 5-19/5-20), Affine's `dot` and `+` with shapes on the edges (Fig. 5-25), and
//! Softmax-with-Loss as Softmax then Cross Entropy Error (Fig. 5-30). Any other layer is one box.
//!
//! Where the tape merges the book's nodes (Sigmoid's `exp(−x)` is one step for `×(−1)` and
//! `exp`) or takes the book's shortcut (`y(1 − y)`, `y − t`), the step lights every node it
//! covers, and each edge carries the per-node gradient of the book's figure, computed from the
//! recorded steps' values (for Sigmoid: `−dout·y²` into `/`, `−dout·y²·e` into `exp`).

use super::{Figure, FigureEdge, FigureNode, FigureRole};
use crate::engine::Matrix;
use crate::engine::layer::{Layer, LayerKind};
use crate::engine::network::{LayerRun, Run};
use crate::engine::op::{Op, UnaryFn};

impl Figure {
    /// The figure of layer `l` of a chain `run`; `layer` gives its parameters, `cell` the cell
    /// whose values the edges of an element-wise layer show.
    pub fn of_layer(run: &Run, l: usize, layer: &Layer, cell: (usize, usize)) -> Option<Figure> {
        let lr = run.layers.get(l)?;
        let fwd: Vec<usize> = lr.forward_steps.clone().collect();
        let bwd: Vec<usize> = lr.backward_steps.clone().collect();
        let parts = Parts {
            run,
            lr,
            fwd: &fwd,
            bwd: &bwd,
            cell,
        };
        match lr.kind {
            LayerKind::Sigmoid if fwd.len() == 3 && bwd.len() == 3 => sigmoid(&parts),
            LayerKind::Affine if fwd.len() == 2 && bwd.len() == 3 => affine(&parts, layer),
            LayerKind::SoftmaxWithLoss => softmax_with_loss(&parts),
            kind => one_box(&parts, layer, kind),
        }
    }
}

/// What every figure of a layer is drawn from: the run, the layer's part of it, its forward and
/// backward steps, and the cell an element-wise figure follows.
#[derive(Clone, Copy)]
struct Parts<'a> {
    run: &'a Run,
    lr: &'a LayerRun,
    fwd: &'a [usize],
    bwd: &'a [usize],
    cell: (usize, usize),
}

impl Parts<'_> {
    /// The matrix step `s` wrote.
    fn write(&self, s: usize) -> Option<Matrix> {
        self.run.tape.steps.get(s).map(|s| s.writes.value.clone())
    }
}

/// Sigmoid as the book's four nodes, `×(−1) → exp → +1 → /` (Fig. 5-19/5-20).
fn sigmoid(parts: &Parts<'_>) -> Option<Figure> {
    let Parts {
        lr, fwd, bwd, cell, ..
    } = *parts;
    let write = |s: usize| parts.write(s);
    let mut b = Builder::default();
    let x = b.node("x", FigureRole::Input, &[]);
    let neg = b.node("×−1", FigureRole::Op, &[fwd[0]]);
    let exp = b.node("exp", FigureRole::Op, &[fwd[0]]);
    let plus = b.node("+1", FigureRole::Op, &[fwd[1]]);
    let div = b.node("/", FigureRole::Op, &[fwd[2]]);
    let y_end = b.node("y", FigureRole::Output, &[]);
    for n in [neg, exp, plus, div] {
        b.nodes[n].steps.extend(bwd);
    }
    let e = write(fwd[0])?;
    let s = write(fwd[1])?;
    let y = write(fwd[2])?;
    let dout = &lr.dout;
    let local = -(dout * &y * &y);
    let into_exp = &local * &e;
    b.edge(
        x,
        neg,
        0,
        ("x", lr.input.clone(), None),
        ("dx", lr.dx.clone(), bwd.get(2)),
    );
    b.edge(
        neg,
        exp,
        0,
        ("−x", -&lr.input, Some(fwd[0])),
        ("−dout·y²·e", into_exp, bwd.get(1)),
    );
    b.edge(
        exp,
        plus,
        0,
        ("e=exp(−x)", e, Some(fwd[0])),
        ("−dout·y²", local.clone(), bwd.get(1)),
    );
    b.edge(
        plus,
        div,
        0,
        ("1+e", s, Some(fwd[1])),
        ("−dout·y²", local, bwd.get(1)),
    );
    b.edge(
        div,
        y_end,
        0,
        ("y", y, Some(fwd[2])),
        ("dout", dout.clone(), bwd.first()),
    );
    Some(b.finish(
        crate::t!(
            "views-fig-sigmoid-title",
            layer = lr.name.as_str(),
            cell = format!("[{},{}]", cell.0, cell.1)
        ),
        Some(cell),
    ))
}

/// Affine as `dot` and `+`, with shapes on the edges (Fig. 5-25).
fn affine(parts: &Parts<'_>, layer: &Layer) -> Option<Figure> {
    let Parts { lr, fwd, bwd, .. } = *parts;
    let write = |s: usize| parts.write(s);
    let mut b = Builder::default();
    let params = layer.params();
    let w = params.iter().find(|(n, _)| *n == "W")?.1.clone();
    let bias = params.iter().find(|(n, _)| *n == "b")?.1.clone();
    let grad = |name: &str| {
        lr.grads
            .iter()
            .find(|g| g.name == name)
            .map(|g| g.value.clone())
    };
    let xn = b.node("X", FigureRole::Input, &[]);
    let wn = b.node("W", FigureRole::Input, &[]);
    let dot = b.node("dot", FigureRole::Op, &[fwd[0], bwd[0], bwd[1]]);
    let bn = b.node("b", FigureRole::Input, &[]);
    let add = b.node("+", FigureRole::Op, &[fwd[1], bwd[2]]);
    let y_end = b.node("Y", FigureRole::Output, &[]);
    let xw = write(fwd[0])?;
    b.edge(
        xn,
        dot,
        0,
        ("X", lr.input.clone(), None),
        ("dX", lr.dx.clone(), bwd.first()),
    );
    b.edge(wn, dot, 1, ("W", w, None), ("dW", grad("W")?, bwd.get(1)));
    b.edge(
        dot,
        add,
        0,
        ("X·W", xw, Some(fwd[0])),
        ("dY", lr.dout.clone(), bwd.first()),
    );
    b.edge(
        bn,
        add,
        1,
        ("b", bias, None),
        ("db", grad("b")?, bwd.get(2)),
    );
    b.edge(
        add,
        y_end,
        0,
        ("Y", lr.out.clone(), Some(fwd[1])),
        ("dY", lr.dout.clone(), bwd.first()),
    );
    Some(b.finish(
        crate::t!("views-fig-affine-title", layer = lr.name.as_str()),
        None,
    ))
}

/// Softmax-with-Loss as Softmax, then Cross Entropy Error (Fig. 5-30).
fn softmax_with_loss(parts: &Parts<'_>) -> Option<Figure> {
    let Parts {
        run,
        lr,
        fwd,
        bwd,
        cell,
    } = *parts;
    let write = |s: usize| parts.write(s);
    let mut b = Builder::default();
    let log_at = fwd.iter().position(|&s| {
        run.tape
            .steps
            .get(s)
            .is_some_and(|s| s.op == Op::Unary(UnaryFn::LogEps))
    })?;
    let (soft, cee) = fwd.split_at(log_at);
    let y = write(*soft.last()?)?;
    let t = run.t.clone()?;
    let n = y.nrows().max(1) as f64;
    // The raw scores are x, as in the panes: the tape's `a` is x − max (step 1).
    let a = b.node("x", FigureRole::Input, &[]);
    let softmax = b.node("Softmax", FigureRole::Op, soft);
    let tn = b.node("t", FigureRole::Input, &[]);
    let ce = b.node(&crate::t!("views-fig-cross-entropy"), FigureRole::Op, cee);
    let l_end = b.node("L", FigureRole::Output, &[]);
    for node in [softmax, ce] {
        b.nodes[node].steps.extend(bwd);
    }
    // ∂L/∂y of the mean cross-entropy: −t / (N·(y + 1e-7)), the book's −t/y per row.
    let dy = Matrix::from_shape_fn(y.dim(), |(r, c)| -t[[r, c]] / (n * (y[[r, c]] + 1e-7)));
    let loss = Matrix::from_elem((1, 1), run.loss?);
    b.edge(
        a,
        softmax,
        0,
        ("x", lr.input.clone(), None),
        ("(y−t)/N", lr.dx.clone(), bwd.last()),
    );
    b.edge(
        softmax,
        ce,
        0,
        ("y", y, soft.last().copied()),
        ("−t/(N·y)", dy, bwd.first()),
    );
    b.edge(tn, ce, 1, ("t", t, None), ("", Matrix::zeros((0, 0)), None));
    b.edge(
        ce,
        l_end,
        0,
        ("L", loss, cee.last().copied()),
        ("1", Matrix::ones((1, 1)), bwd.first()),
    );
    Some(b.finish(
        crate::t!(
            "views-fig-swl-title",
            layer = lr.name.as_str(),
            cell = format!("[{},{}]", cell.0, cell.1)
        ),
        Some(cell),
    ))
}

/// Any other layer: one box, with its input, parameters and output.
fn one_box(parts: &Parts<'_>, layer: &Layer, kind: LayerKind) -> Option<Figure> {
    let Parts {
        lr, fwd, bwd, cell, ..
    } = *parts;
    let mut b = Builder::default();
    let x = b.node("x", FigureRole::Input, &[]);
    let all: Vec<usize> = fwd.iter().chain(bwd).copied().collect();
    let op = b.node(kind.symbol(), FigureRole::Op, &all);
    let out = b.node(kind.output_name(), FigureRole::Output, &[]);
    let last_bwd = bwd.last();
    b.edge(
        x,
        op,
        0,
        (kind.input_name(), lr.input.clone(), None),
        ("dx", lr.dx.clone(), last_bwd),
    );
    for (k, (name, value)) in layer.params().into_iter().enumerate() {
        let p = b.node(name, FigureRole::Input, &[]);
        let grad = lr
            .grads
            .iter()
            .find(|g| g.name == name)
            .map(|g| g.value.clone());
        let gname = format!("d{name}");
        match grad {
            Some(g) => b.edge(
                p,
                op,
                k + 1,
                (name, value.clone(), None),
                (&gname, g, last_bwd),
            ),
            None => b.edge(
                p,
                op,
                k + 1,
                (name, value.clone(), None),
                ("", Matrix::zeros((0, 0)), None),
            ),
        }
    }
    b.edge(
        op,
        out,
        0,
        (kind.output_name(), lr.out.clone(), fwd.last().copied()),
        ("dout", lr.dout.clone(), bwd.first()),
    );
    let elementwise = lr.input.dim() == lr.out.dim();
    let caption = if elementwise {
        crate::t!(
            "views-fig-cell-title",
            layer = lr.name.as_str(),
            cell = format!("[{},{}]", cell.0, cell.1)
        )
    } else {
        crate::t!("views-fig-title", layer = lr.name.as_str())
    };
    Some(b.finish(caption, elementwise.then_some(cell)))
}

/// Collects nodes and edges.
#[derive(Default)]
struct Builder {
    nodes: Vec<FigureNode>,
    edges: Vec<FigureEdge>,
}

impl Builder {
    fn node(&mut self, label: &str, role: FigureRole, steps: &[usize]) -> usize {
        let mut n = FigureNode::new(label, role);
        n.steps = steps.to_vec();
        self.nodes.push(n);
        self.nodes.len() - 1
    }

    /// An edge with (symbol, value, step that wrote it) above and (symbol, gradient, step from
    /// which it is known) below; an empty gradient symbol means no gradient flows there.
    fn edge(
        &mut self,
        from: usize,
        to: usize,
        port: usize,
        value: (&str, Matrix, Option<usize>),
        grad: (&str, Matrix, Option<&usize>),
    ) {
        let mut e = FigureEdge::new(from, to, port, value.0, value.1);
        e.symbol = Some(value.0.to_string());
        e.value_step = value.2;
        if !grad.0.is_empty() {
            e.grad = Some(grad.1);
            e.grad_symbol = Some(grad.0.to_string());
            e.grad_step = grad.2.copied();
            e.explain = vec![crate::t!(
                "views-fig-edge-gradient",
                value = value.0,
                grad = grad.0
            )];
        }
        self.edges.push(e);
    }

    fn finish(self, title: String, cell: Option<(usize, usize)>) -> Figure {
        Figure {
            title,
            nodes: self.nodes,
            edges: self.edges,
            cell,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::preset::Preset;

    /// The figure of layer `l` of a built-in preset, with its run.
    fn figure(preset: &str, l: usize) -> (Figure, Run) {
        let p = Preset::builtin(preset).unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        let fig = Figure::of_layer(&run, l, &p.network.layers[l].layer, (0, 1)).unwrap();
        (fig, run)
    }

    fn labels(fig: &Figure) -> Vec<&str> {
        fig.nodes.iter().map(|n| n.label.as_str()).collect()
    }

    fn edge(fig: &Figure, from: usize, to: usize) -> &FigureEdge {
        fig.edges
            .iter()
            .find(|e| (e.from, e.to) == (from, to))
            .unwrap_or_else(|| panic!("edge {from}→{to}"))
    }

    fn grad(e: &FigureEdge) -> &Matrix {
        e.grad.as_ref().unwrap()
    }

    fn close(a: &Matrix, b: &Matrix) {
        assert_eq!(a.dim(), b.dim());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() <= 1e-12 * (1.0 + y.abs()), "{a} vs {b}");
        }
    }

    #[test]
    fn sigmoid_is_the_books_four_nodes_with_their_gradients() {
        let (fig, run) = figure("sigmoid", 0);
        assert_eq!(labels(&fig), ["x", "×−1", "exp", "+1", "/", "y"]);
        assert!(fig.title.contains("Fig. 5-19"), "{}", fig.title);
        let lr = &run.layers[0];
        let (y, dout) = (&lr.out, &lr.dout);
        // into / and back through +1: −dout·y², the book's local gradient of 1/s
        let local = -(dout * y * y);
        close(grad(edge(&fig, 2, 3)), &local);
        close(grad(edge(&fig, 3, 4)), &local);
        // into exp: times e = exp(−x); through ×(−1) that is dx = dout·y(1 − y)
        let e = lr.input.mapv(|v| (-v).exp());
        close(grad(edge(&fig, 1, 2)), &(&local * &e));
        close(&-grad(edge(&fig, 1, 2)), &lr.dx);
        close(&lr.dx, &(dout * y * &y.mapv(|v| 1.0 - v)));
        assert_eq!(edge(&fig, 1, 2).value, -&lr.input);
        assert_eq!(grad(edge(&fig, 4, 5)), dout);
    }

    #[test]
    fn affine_is_dot_then_plus_with_its_gradients() {
        let (fig, run) = figure("two-layer", 0);
        assert_eq!(labels(&fig), ["X", "W", "dot", "b", "+", "Y"]);
        let lr = &run.layers[0];
        let p = Preset::builtin("two-layer").unwrap();
        let Layer::Affine(a) = &p.network.layers[0].layer else {
            panic!("two-layer starts with Affine")
        };
        assert_eq!(edge(&fig, 2, 4).value, lr.input.dot(&a.w));
        assert_eq!(edge(&fig, 1, 2).value, a.w);
        assert_eq!(edge(&fig, 3, 4).value, a.b);
        close(grad(edge(&fig, 1, 2)), &lr.input.t().dot(&lr.dout));
        close(
            grad(edge(&fig, 3, 4)),
            &lr.dout
                .sum_axis(ndarray::Axis(0))
                .insert_axis(ndarray::Axis(0)),
        );
        close(grad(edge(&fig, 0, 2)), &lr.dout.dot(&a.w.t()));
        assert_eq!(edge(&fig, 4, 5).value, lr.out);
    }

    #[test]
    fn softmax_with_loss_is_softmax_then_cross_entropy() {
        let (fig, run) = figure("softmax-loss", 0);
        // the raw scores are x, as in the panes (the tape's a is x − max)
        assert_eq!(labels(&fig), ["x", "Softmax", "t", "Cross Entropy", "L"]);
        let y = &edge(&fig, 1, 3).value;
        let t = run.t.clone().unwrap();
        let n = y.nrows() as f64;
        let want = Matrix::from_shape_fn(y.dim(), |(r, c)| -t[[r, c]] / (n * (y[[r, c]] + 1e-7)));
        close(grad(edge(&fig, 1, 3)), &want);
        close(grad(edge(&fig, 0, 1)), &((y - &t) / n));
        assert_eq!(edge(&fig, 3, 4).value[[0, 0]], run.loss.unwrap());
    }

    #[test]
    fn a_mul_layer_is_one_box_with_its_factor_as_a_second_input() {
        // apple-fee's first layer: 100 × w (w = 2); its factor is input 1 of the box, with dw
        let (fig, run) = figure("apple-fee", 0);
        assert_eq!(labels(&fig), ["x", "×", "out", "w"]);
        let w = edge(&fig, 3, 1);
        assert_eq!((w.port, w.value[[0, 0]]), (1, 2.0));
        let dw = run.layers[0].grads.iter().find(|g| g.name == "w").unwrap();
        assert_eq!(grad(w), &dw.value);
        assert_eq!(edge(&fig, 0, 1).port, 0);
        assert_eq!(edge(&fig, 1, 2).value, run.layers[0].out);
    }

    #[test]
    fn another_layer_is_one_box_with_its_parameters() {
        let (fig, run) = figure("relu", 0);
        assert_eq!(labels(&fig), ["x", "ReLU", "out"]);
        assert_eq!(grad(edge(&fig, 0, 1)), &run.layers[0].dx);
        assert!(fig.title.ends_with("cell [0,1]"), "{}", fig.title);
    }
}
