//! Buffer tests of the graph view on hand-built figures.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::GraphView;
use crate::engine::Matrix;
use crate::lesson::figure::{Figure, FigureEdge, FigureNode, FigureRole};

fn m(v: f64) -> Matrix {
    Matrix::from_elem((1, 1), v)
}

/// The book's apples and oranges (Fig. 5-17), with made-up step numbers: forward steps 0–3,
/// backward 4–11.
pub fn apples_and_oranges() -> Figure {
    let mut nodes: Vec<FigureNode> = ["apple", "apple_num", "orange", "orange_num", "tax"]
        .into_iter()
        .map(|n| FigureNode::new(n, FigureRole::Input))
        .collect();
    for (label, steps) in [("×", [0, 10]), ("×", [1, 8]), ("+", [2, 6]), ("×", [3, 4])] {
        let mut node = FigureNode::new(label, FigureRole::Op);
        node.steps = steps.to_vec();
        nodes.push(node);
    }
    nodes.push(FigureNode::new("price", FigureRole::Output));
    let edge = |from, to, port, value, value_step, grad, grad_step| {
        let mut e = FigureEdge::new(from, to, port, "v", m(value));
        e.value_step = value_step;
        e.grad = Some(m(grad));
        e.grad_step = Some(grad_step);
        e
    };
    Figure {
        title: "Apples and oranges".into(),
        nodes,
        edges: vec![
            edge(0, 5, 0, 100.0, None, 2.2, 10),
            edge(1, 5, 1, 2.0, None, 110.0, 10),
            edge(2, 6, 0, 150.0, None, 3.3, 8),
            edge(3, 6, 1, 3.0, None, 165.0, 8),
            edge(5, 7, 0, 200.0, Some(0), 1.1, 6),
            edge(6, 7, 1, 450.0, Some(1), 1.1, 6),
            edge(7, 8, 0, 650.0, Some(2), 1.1, 4),
            edge(4, 8, 1, 1.1, None, 650.0, 4),
            edge(8, 9, 0, 715.0000000000001, Some(3), 1.0, 4),
        ],
        cell: None,
    }
}

pub fn render(fig: &Figure, step: usize, w: u16, h: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    GraphView::new(fig, step, 4, super::FigureStyles::default()).render(buf.area, &mut buf);
    buf
}

pub fn text(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// f = (x + y) · x with x = 3, y = 2: x feeds two nodes, so its gradients add up (5 + 3 = 8).
pub fn fan_out() -> Figure {
    let mut nodes = vec![
        FigureNode::new("x", FigureRole::Input),
        FigureNode::new("y", FigureRole::Input),
        FigureNode::new("+", FigureRole::Op),
        FigureNode::new("×", FigureRole::Op),
        FigureNode::new("f", FigureRole::Output),
    ];
    nodes[0].grad_sum = Some(m(8.0));
    nodes[0].sum_step = Some(6);
    nodes[2].steps = vec![0, 4, 5];
    nodes[3].steps = vec![1, 2, 3];
    let edge = |from, to, port, value, grad, grad_step| {
        let mut e = FigureEdge::new(from, to, port, "v", m(value));
        e.grad = Some(m(grad));
        e.grad_step = Some(grad_step);
        e
    };
    Figure {
        title: "fan-out".into(),
        nodes,
        edges: vec![
            edge(0, 2, 0, 3.0, 3.0, 4),
            edge(1, 2, 1, 2.0, 3.0, 5),
            edge(2, 3, 0, 5.0, 3.0, 2),
            edge(0, 3, 1, 3.0, 5.0, 3),
            edge(3, 4, 0, 15.0, 1.0, 2),
        ],
        cell: None,
    }
}

#[test]
fn apples_and_oranges_is_the_books_figure_after_backward() {
    let lines = text(&render(&apples_and_oranges(), 11, 80, 14));
    let expected = [
        "                        100  ┌───┐",
        "                 apple ─────▶│   │ 200  ┌───┐",
        "                        2.2  │ × │─────▶│   │",
        "                         2   │   │ 1.1  │   │",
        "             apple_num ─────▶│   │      │   │ 650  ┌───┐",
        "                        110  └───┘      │ + │─────▶│   │",
        "                        150  ┌───┐      │   │ 1.1  │   │",
        "                orange ─────▶│   │ 450  │   │      │   │ 715",
        "                        3.3  │ × │─────▶│   │      │ × │─────▶ price",
        "                         3   │   │ 1.1  └───┘      │   │  1",
        "            orange_num ─────▶│   │            1.1  │   │",
        "                        165  └───┘       tax ─────▶│   │",
        "                                              650  └───┘",
        "",
    ];
    assert_eq!(lines, expected);
}

#[test]
fn gradients_appear_as_backward_reaches_them_and_the_node_is_lit() {
    // Step 2: the Add node's forward step. No gradient is known yet; the Add box is doubled.
    let lines = text(&render(&apples_and_oranges(), 2, 80, 14)).join("\n");
    for grad in ["2.2", "110", "3.3", "165", "  1.1  ║"] {
        assert!(
            !lines.contains(grad),
            "{grad} shown before backward:\n{lines}"
        );
    }
    assert!(
        lines.contains("╔═══╗") && lines.contains("║ + ║"),
        "{lines}"
    );
    assert!(lines.contains("650") && !lines.contains("715"), "{lines}");
    // Step 4: backward starts at the tax node: d tax = 650 and d all_price = 1.1 appear.
    let lines = text(&render(&apples_and_oranges(), 4, 80, 14));
    assert_eq!(lines[12].trim(), "650  ╚═══╝");
    assert_eq!(
        lines[6].trim_end(),
        "                        150  ┌───┐      │   │ 1.1  ║   ║"
    );
}

#[test]
fn a_value_used_twice_shows_its_summed_gradient() {
    let fig = fan_out();
    let before = text(&render(&fig, 5, 60, 12)).join("\n");
    assert!(!before.contains("Σ"), "{before}");
    let lines = text(&render(&fig, 6, 60, 12));
    let expected = [
        "",
        "                 3    3  ┌───┐",
        "             x ─────┬───▶│   │ 5  ┌───┐",
        "                Σ 8 │ 3  │ + │───▶│   │",
        "                    │ 2  │   │ 3  │   │ 15",
        "             y ─────┼───▶│   │    │ × │────▶ f",
        "                    │ 3  └───┘    │   │  1",
        "                    │          3  │   │",
        "                    └────────────▶│   │",
        "                               5  └───┘",
        "",
        "",
    ];
    assert_eq!(lines, expected);
}

#[test]
fn a_figure_too_big_scrolls_to_the_lit_node() {
    // 30×8 cannot hold the 71×13 figure: the lit Add box (step 2) stays in sight.
    let lines = text(&render(&apples_and_oranges(), 2, 30, 8)).join("\n");
    assert!(lines.contains("║ + ║"), "{lines}");
    // The final × (step 3) is far right: scrolling follows it.
    let lines = text(&render(&apples_and_oranges(), 3, 30, 8)).join("\n");
    assert!(lines.contains("╔═══╗") && lines.contains("715"), "{lines}");
}

#[test]
fn numbers_drop_trailing_zeros() {
    use super::place::compact;
    assert_eq!(compact(715.0000000000001, 4), "715");
    assert_eq!(compact(2.2, 4), "2.2");
    assert_eq!(compact(-0.00001, 4), "0");
    assert_eq!(compact(0.26894142, 4), "0.2689");
}
