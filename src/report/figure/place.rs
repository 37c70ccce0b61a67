//! Where every box, line and label of a [`Figure`] goes, as plain arithmetic on a character grid.
//!
//! A small layered layout (after Sugiyama): each node gets a column by its longest path from the
//! inputs (an input sits just left of its first consumer), an edge that skips columns gets a
//! placeholder in each column it crosses, nodes are ordered by the mean position of what feeds
//! them, and rows are handed out top to bottom so every input port lines up with its source when
//! it can. Edges run right, bend in a lane of their own in the gap before their target, and carry
//! the forward value above and the gradient below their last straight run, where nothing else
//! is drawn. The result does not depend on the step, so stepping never moves anything.

use ratatui::text::Span;

use crate::engine::Matrix;
use crate::engine::figure::{Figure, FigureRole};

mod layers;

use layers::{Item, Layers, layers, order_lanes, ranks, to_row};

/// A line piece going up from a cell.
pub const UP: u8 = 1;
/// A line piece going down from a cell.
pub const DOWN: u8 = 2;
/// A line piece going left from a cell.
pub const LEFT: u8 = 4;
/// A line piece going right from a cell.
pub const RIGHT: u8 = 8;

/// What a piece of text on the figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// An input's or the output's name.
    Name(usize),
    /// The forward value of an edge.
    Value(usize),
    /// The symbol above an edge's value.
    Symbol(usize),
    /// The gradient along an edge.
    Grad(usize),
    /// The symbol under an edge's gradient.
    GradSymbol(usize),
    /// The value of a node that feeds several others, on its shared stub.
    SumValue(usize),
    /// The summed gradient of such a node.
    SumGrad(usize),
}

/// A piece of text at a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// Column.
    pub x: usize,
    /// Row.
    pub y: usize,
    /// The text.
    pub text: String,
    /// What it is.
    pub kind: TextKind,
}

/// An operation box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boxed {
    /// The figure node.
    pub node: usize,
    /// Left column.
    pub x: usize,
    /// Top row.
    pub y: usize,
    /// Width, borders included.
    pub w: usize,
    /// Height, borders included.
    pub h: usize,
    /// The row of the label and of the output port.
    pub label_row: usize,
}

/// A cell of line drawing: which directions it joins, and the first edge drawn through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCell {
    /// Column.
    pub x: usize,
    /// Row.
    pub y: usize,
    /// `UP | DOWN | LEFT | RIGHT` bits.
    pub mask: u8,
    /// The edge the piece belongs to.
    pub edge: usize,
}

/// A placed figure: everything at its cell, and the size of the whole.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Drawing {
    /// Columns used.
    pub width: usize,
    /// Rows used.
    pub height: usize,
    /// The boxes.
    pub boxes: Vec<Boxed>,
    /// The line pieces, one per cell.
    pub lines: Vec<LineCell>,
    /// The arrow heads `▶`: (column, row, edge).
    pub arrows: Vec<(usize, usize, usize)>,
    /// Names, values, gradients and symbols.
    pub texts: Vec<Text>,
}

/// The number `v` with at most `decimals` places and no trailing zeros (`2.2`, `110`, `-0.25`).
pub fn compact(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

/// How an edge shows a matrix: a 1×1 as its number, a cell's value when the figure follows one,
/// otherwise its shape (`2×3`).
pub fn matrix_text(m: &Matrix, cell: Option<(usize, usize)>, decimals: usize) -> String {
    if m.dim() == (1, 1) {
        return compact(m[[0, 0]], decimals);
    }
    match cell.and_then(|c| m.get(c)) {
        Some(v) => compact(*v, decimals),
        None => format!("{}×{}", m.nrows(), m.ncols()),
    }
}

fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// The texts an edge carries above and below its last run.
struct EdgeText {
    above: Vec<(String, TextKind)>,
    below: Vec<(String, TextKind)>,
}

fn edge_texts(fig: &Figure, decimals: usize) -> Vec<EdgeText> {
    fig.edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut above = Vec::new();
            if let Some(s) = &e.symbol {
                above.push((s.clone(), TextKind::Symbol(i)));
            }
            above.push((
                matrix_text(&e.value, fig.cell, decimals),
                TextKind::Value(i),
            ));
            let mut below = Vec::new();
            if let Some(g) = &e.grad {
                below.push((matrix_text(g, fig.cell, decimals), TextKind::Grad(i)));
            }
            if let Some(s) = &e.grad_symbol {
                below.push((s.clone(), TextKind::GradSymbol(i)));
            }
            EdgeText { above, below }
        })
        .collect()
}

/// Place `fig` on a grid, numbers with at most `decimals` places.
pub fn place(fig: &Figure, decimals: usize) -> Drawing {
    let n = fig.nodes.len();
    if n == 0 {
        return Drawing::default();
    }
    let rank = ranks(fig);
    let texts = edge_texts(fig, decimals);
    // Rows of text above (and below) an edge: the same for the whole figure, so ports line up.
    let margin = texts
        .iter()
        .map(|t| t.above.len().max(t.below.len()))
        .max()
        .unwrap_or(1)
        .max(1);
    let Layers {
        columns,
        hops,
        out_row,
        pass_row,
        ports,
        height,
    } = layers(fig, &rank, margin);
    let columns_n = columns.len();
    let row_of = |item: Item, out_row: &[Option<usize>], pass_row: &[Option<usize>]| match item {
        Item::Node(i) => out_row.get(i).copied().flatten(),
        Item::Pass(e) => pass_row.get(e).copied().flatten(),
    };
    // Column widths.
    let col_width: Vec<usize> = columns
        .iter()
        .map(|column| {
            column
                .iter()
                .map(|item| match item {
                    Item::Node(i) => node_width(fig, *i),
                    Item::Pass(_) => 1,
                })
                .max()
                .unwrap_or(1)
        })
        .collect();
    // Gaps: a stub for shared values, one lane per bending hop, the label area, the arrow.
    struct Gap {
        stub: usize,
        lanes: Vec<usize>,
        label: usize,
    }
    let sum_texts = |i: usize| -> (String, String) {
        let node = &fig.nodes[i];
        let value = fig
            .outputs_of(i)
            .first()
            .map(|&e| matrix_text(&fig.edges[e].value, fig.cell, decimals))
            .unwrap_or_default();
        let grad = node
            .grad_sum
            .as_ref()
            .map(|g| format!("Σ {}", matrix_text(g, fig.cell, decimals)))
            .unwrap_or_default();
        (value, grad)
    };
    let fans = |i: usize| fig.nodes[i].grad_sum.is_some() && fig.outputs_of(i).len() > 1;
    let gaps: Vec<Gap> = (0..columns_n.saturating_sub(1))
        .map(|c| {
            let stub = columns[c]
                .iter()
                .filter_map(|item| match item {
                    Item::Node(i) if fans(*i) => {
                        let (v, g) = sum_texts(*i);
                        Some(width(&v).max(width(&g)) + 2)
                    }
                    _ => None,
                })
                .max()
                .unwrap_or(1);
            let bends: Vec<(usize, Option<usize>, Option<usize>)> = hops
                .iter()
                .enumerate()
                .filter(|(_, h)| h.col == c)
                .map(|(k, h)| {
                    let from = row_of(h.from, &out_row, &pass_row);
                    (k, from, to_row(fig, h, &ports, &pass_row))
                })
                .filter(|(_, from, to)| from != to)
                .collect();
            let lanes = order_lanes(&bends);
            let label = hops
                .iter()
                .filter(|h| h.col == c && h.last)
                .map(|h| {
                    let t = &texts[h.edge];
                    t.above
                        .iter()
                        .chain(t.below.iter())
                        .map(|(s, _)| width(s))
                        .max()
                        .unwrap_or(0)
                        + 1
                })
                .max()
                .unwrap_or(2)
                .max(2);
            Gap { stub, lanes, label }
        })
        .collect();
    let mut col_x = Vec::with_capacity(columns_n);
    let mut x = 0;
    for (c, w) in col_width.iter().enumerate() {
        col_x.push(x);
        x += w;
        if let Some(g) = gaps.get(c) {
            x += g.stub + lanes_width(g.lanes.len()) + g.label + 1;
        }
    }
    let total_width = x;
    let mut d = Drawing {
        width: total_width,
        height,
        ..Drawing::default()
    };
    let mut grid: std::collections::BTreeMap<(usize, usize), LineCell> = Default::default();
    let mut line = |x0: usize, y0: usize, x1: usize, y1: usize, edge: usize| {
        let mut set = |x: usize, y: usize, bits: u8| {
            grid.entry((x, y))
                .and_modify(|c| c.mask |= bits)
                .or_insert(LineCell {
                    x,
                    y,
                    mask: bits,
                    edge,
                });
        };
        if y0 == y1 {
            let (a, b) = (x0.min(x1), x0.max(x1));
            for x in a..=b {
                let mut bits = 0;
                if x > a {
                    bits |= LEFT;
                }
                if x < b {
                    bits |= RIGHT;
                }
                set(x, y0, bits);
            }
        } else {
            let (a, b) = (y0.min(y1), y0.max(y1));
            for y in a..=b {
                let mut bits = 0;
                if y > a {
                    bits |= UP;
                }
                if y < b {
                    bits |= DOWN;
                }
                set(x0, y, bits);
            }
        }
    };
    // Nodes.
    for (c, column) in columns.iter().enumerate() {
        let left = col_x[c];
        let w = col_width[c];
        for item in column {
            match *item {
                Item::Node(i) => {
                    let node = &fig.nodes[i];
                    let Some(row) = out_row[i] else { continue };
                    match node.role {
                        FigureRole::Input => {
                            let name_w = width(&node.label);
                            d.texts.push(Text {
                                x: left + w - 1 - name_w,
                                y: row,
                                text: node.label.clone(),
                                kind: TextKind::Name(i),
                            });
                        }
                        FigureRole::Output => d.texts.push(Text {
                            x: left + 1,
                            y: row,
                            text: node.label.clone(),
                            kind: TextKind::Name(i),
                        }),
                        FigureRole::Op => {
                            let bw = node_width(fig, i);
                            let bx = left + (w - bw) / 2;
                            let p = &ports[i];
                            let top = p.first().map_or(row, |r| *r).saturating_sub(1);
                            let bottom = p.last().map_or(row, |r| *r) + 1;
                            d.boxes.push(Boxed {
                                node: i,
                                x: bx,
                                y: top,
                                w: bw,
                                h: bottom - top + 1,
                                label_row: row,
                            });
                            // Lines from the column's edges to the box.
                            for (k, &e) in fig.inputs_of(i).iter().enumerate() {
                                if let Some(&r) = p.get(k)
                                    && bx > left
                                {
                                    line(left, r, bx - 1, r, e);
                                }
                            }
                            if let Some(&e) = fig.outputs_of(i).first()
                                && bx + bw < left + w
                            {
                                line(bx + bw, row, left + w - 1, row, e);
                            }
                        }
                    }
                }
                Item::Pass(e) => {
                    if let Some(row) = pass_row[e] {
                        line(left, row, left + w - 1, row, e);
                    }
                }
            }
        }
    }
    // Edges, gap by gap.
    for (c, gap) in gaps.iter().enumerate() {
        let start = col_x[c] + col_width[c];
        let lanes_x = start + gap.stub;
        let label_x = lanes_x + lanes_width(gap.lanes.len());
        let arrow_x = label_x + gap.label;
        for item in &columns[c] {
            if let Item::Node(i) = item
                && fans(*i)
                && let Some(row) = out_row[*i]
            {
                let (v, g) = sum_texts(*i);
                d.texts.push(Text {
                    x: start + (gap.stub - width(&v)) / 2,
                    y: row.saturating_sub(1),
                    text: v,
                    kind: TextKind::SumValue(*i),
                });
                d.texts.push(Text {
                    x: start + (gap.stub - width(&g)) / 2,
                    y: row + 1,
                    text: g,
                    kind: TextKind::SumGrad(*i),
                });
            }
        }
        for (k, h) in hops.iter().enumerate().filter(|(_, h)| h.col == c) {
            let Some(from) = row_of(h.from, &out_row, &pass_row) else {
                continue;
            };
            let Some(to) = to_row(fig, h, &ports, &pass_row) else {
                continue;
            };
            let end = if h.last { arrow_x - 1 } else { arrow_x };
            match gap.lanes.iter().position(|&l| l == k) {
                Some(lane) => {
                    let lx = lanes_x + lane;
                    line(start, from, lx, from, h.edge);
                    line(lx, from, lx, to, h.edge);
                    line(lx, to, end, to, h.edge);
                }
                None => line(start, from, end, to, h.edge),
            }
            if h.last {
                d.arrows.push((arrow_x, to, h.edge));
                let t = &texts[h.edge];
                let center = |s: &str| label_x + (gap.label.saturating_sub(width(s))) / 2;
                for (j, (s, kind)) in t.above.iter().rev().enumerate() {
                    d.texts.push(Text {
                        x: center(s),
                        y: to.saturating_sub(j + 1),
                        text: s.clone(),
                        kind: *kind,
                    });
                }
                for (j, (s, kind)) in t.below.iter().enumerate() {
                    d.texts.push(Text {
                        x: center(s),
                        y: to + j + 1,
                        text: s.clone(),
                        kind: *kind,
                    });
                }
            }
        }
    }
    d.lines = grid.into_values().collect();
    d
}

/// Columns the lanes of a gap take: one each, and a space before the labels when there are any.
fn lanes_width(lanes: usize) -> usize {
    if lanes == 0 { 0 } else { lanes + 1 }
}

/// Columns a node needs: a box is its label plus borders and padding; an end is its name and
/// a space.
fn node_width(fig: &Figure, i: usize) -> usize {
    let node = &fig.nodes[i];
    match node.role {
        // A one- or two-character operator gets a space either side; a word fits snugly.
        FigureRole::Op if width(&node.label) <= 2 => width(&node.label) + 4,
        FigureRole::Op => width(&node.label) + 2,
        FigureRole::Input | FigureRole::Output => width(&node.label) + 1,
    }
}

/// The box-drawing character for a set of line directions.
pub fn line_char(mask: u8) -> char {
    match mask {
        m if m == UP | DOWN | LEFT | RIGHT => '┼',
        m if m == UP | DOWN | RIGHT => '├',
        m if m == UP | DOWN | LEFT => '┤',
        m if m == LEFT | RIGHT | DOWN => '┬',
        m if m == LEFT | RIGHT | UP => '┴',
        m if m == DOWN | RIGHT => '┌',
        m if m == DOWN | LEFT => '┐',
        m if m == UP | RIGHT => '└',
        m if m == UP | LEFT => '┘',
        m if m & (UP | DOWN) != 0 && m & (LEFT | RIGHT) == 0 => '│',
        _ => '─',
    }
}
