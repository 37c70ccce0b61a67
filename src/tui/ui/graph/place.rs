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

/// One thing in a column: a node, or the placeholder of an edge passing through.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Item {
    Node(usize),
    Pass(usize),
}

/// One hop of an edge, from one column to the next.
#[derive(Debug, Clone, Copy)]
struct Hop {
    edge: usize,
    /// Column of the source item.
    col: usize,
    from: Item,
    to: Item,
    /// True for the last hop, into the real target.
    last: bool,
}

/// Columns by longest path; an input sits just before its first consumer.
fn ranks(fig: &Figure) -> Vec<usize> {
    let n = fig.nodes.len();
    let mut rank = vec![0usize; n];
    for _ in 0..=n {
        let mut changed = false;
        for e in &fig.edges {
            let (Some(from), Some(to)) = (fig.nodes.get(e.from), fig.nodes.get(e.to)) else {
                continue;
            };
            if to.role == FigureRole::Input {
                continue;
            }
            let base = if from.role == FigureRole::Input {
                0
            } else {
                rank[e.from]
            };
            if rank[e.to] < base + 1 && base < n {
                rank[e.to] = base + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (i, node) in fig.nodes.iter().enumerate() {
        if node.role == FigureRole::Input {
            rank[i] = fig
                .edges
                .iter()
                .filter(|e| e.from == i)
                .filter_map(|e| rank.get(e.to).copied())
                .min()
                .map_or(0, |r| r.saturating_sub(1));
        }
    }
    rank
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
    let spacing = 2 * margin + 1;
    let columns_n = rank.iter().max().map_or(1, |m| m + 1);
    let mut columns: Vec<Vec<Item>> = vec![Vec::new(); columns_n];
    let mut hops: Vec<Hop> = Vec::new();
    for (i, r) in rank.iter().enumerate() {
        columns[*r].push(Item::Node(i));
    }
    for (ei, e) in fig.edges.iter().enumerate() {
        let (Some(&from_rank), Some(&to_rank)) = (rank.get(e.from), rank.get(e.to)) else {
            continue;
        };
        if to_rank <= from_rank {
            continue;
        }
        let mut prev = Item::Node(e.from);
        for (col, column) in columns
            .iter_mut()
            .enumerate()
            .take(to_rank)
            .skip(from_rank + 1)
        {
            column.push(Item::Pass(ei));
            hops.push(Hop {
                edge: ei,
                col: col - 1,
                from: prev,
                to: Item::Pass(ei),
                last: false,
            });
            prev = Item::Pass(ei);
        }
        hops.push(Hop {
            edge: ei,
            col: to_rank - 1,
            from: prev,
            to: Item::Node(e.to),
            last: true,
        });
    }
    // Order each column by the mean position of what feeds its items.
    for c in 1..columns_n {
        let prev = columns[c - 1].clone();
        let pos = |item: Item| prev.iter().position(|p| *p == item);
        let mut keyed: Vec<(f64, bool, usize, Item)> = columns[c]
            .iter()
            .enumerate()
            .map(|(k, item)| {
                let feeders: Vec<usize> = hops
                    .iter()
                    .filter(|h| h.to == *item)
                    .filter_map(|h| pos(h.from))
                    .collect();
                // A passing edge yields to a node fed from the same rows: the node sits
                // where its inputs are, the long edge goes round it.
                let pass = if matches!(item, Item::Pass(_)) {
                    0.75
                } else {
                    0.0
                };
                let key = if feeders.is_empty() {
                    f64::MAX
                } else {
                    feeders.iter().sum::<usize>() as f64 / feeders.len() as f64 + pass
                };
                (key, matches!(item, Item::Pass(_)), k, *item)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        columns[c] = keyed.into_iter().map(|k| k.3).collect();
    }
    // Rows: ports line up with their sources when nothing above is in the way.
    let mut out_row: Vec<Option<usize>> = vec![None; n];
    let mut pass_row: Vec<Option<usize>> = vec![None; fig.edges.len()];
    let mut ports: Vec<Vec<usize>> = vec![Vec::new(); n];
    let row_of = |item: Item, out_row: &[Option<usize>], pass_row: &[Option<usize>]| match item {
        Item::Node(i) => out_row.get(i).copied().flatten(),
        Item::Pass(e) => pass_row.get(e).copied().flatten(),
    };
    let mut height = 0;
    for column in &columns {
        let mut free = 0usize;
        for item in column {
            let wanted: Vec<Option<usize>> = match item {
                Item::Node(i) => fig
                    .inputs_of(*i)
                    .iter()
                    .map(|&e| {
                        hops.iter()
                            .find(|h| h.edge == e && h.to == *item)
                            .and_then(|h| row_of(h.from, &out_row, &pass_row))
                    })
                    .collect(),
                Item::Pass(e) => vec![
                    hops.iter()
                        .find(|h| h.edge == *e && h.to == *item)
                        .and_then(|h| row_of(h.from, &out_row, &pass_row)),
                ],
            };
            let mut rows = Vec::with_capacity(wanted.len().max(1));
            let mut floor = free + margin;
            for w in &wanted {
                let r = w.unwrap_or(floor).max(floor);
                rows.push(r);
                floor = r + spacing;
            }
            if rows.is_empty() {
                rows.push(free + margin);
            }
            let first = rows[0];
            let last = rows[rows.len() - 1];
            let out = (first + last) / 2;
            match item {
                Item::Node(i) => {
                    out_row[*i] = Some(out);
                    if !wanted.is_empty() {
                        ports[*i] = rows;
                    }
                }
                Item::Pass(e) => pass_row[*e] = Some(out),
            }
            free = last + margin + 1;
        }
        height = height.max(free);
    }
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

/// The order of the bending hops' lanes, left to right. A hop that leaves on row r runs right
/// as far as its lane, and a hop that arrives on row r runs from its lane to the arrow: so the
/// one that leaves must bend first, or the two would share a stretch of line.
fn order_lanes(bends: &[(usize, Option<usize>, Option<usize>)]) -> Vec<usize> {
    let mut left: Vec<(usize, Option<usize>, Option<usize>)> = bends.to_vec();
    let mut order = Vec::with_capacity(bends.len());
    while !left.is_empty() {
        // Take a hop whose arrival row is not the departure row of any hop still waiting.
        let free = left
            .iter()
            .position(|(k, _, to)| !left.iter().any(|(j, from, _)| j != k && from == to))
            .unwrap_or(0);
        order.push(left.remove(free).0);
    }
    order
}

/// Columns the lanes of a gap take: one each, and a space before the labels when there are any.
fn lanes_width(lanes: usize) -> usize {
    if lanes == 0 { 0 } else { lanes + 1 }
}

/// The row a hop arrives at: the target's port, or the placeholder's row.
fn to_row(
    fig: &Figure,
    h: &Hop,
    ports: &[Vec<usize>],
    pass_row: &[Option<usize>],
) -> Option<usize> {
    match h.to {
        Item::Node(i) => {
            let port = fig.inputs_of(i).iter().position(|&e| e == h.edge)?;
            ports.get(i)?.get(port).copied()
        }
        Item::Pass(e) => pass_row.get(e).copied().flatten(),
    }
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
