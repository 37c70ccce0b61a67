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
use crate::lesson::figure::{Figure, FigureRole};

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
    if fig.nodes.is_empty() {
        return Drawing::default();
    }
    let plan = Plan::new(fig, decimals);
    let mut d = Drawing {
        width: plan.total_width(),
        height: plan.layers.height,
        ..Drawing::default()
    };
    let mut grid = Grid::default();
    plan.draw_columns(&mut d, &mut grid);
    plan.draw_gaps(&mut d, &mut grid);
    d.lines = grid.0.into_values().collect();
    d
}

/// The space between two columns: a stub for shared values, one lane per bending hop, the
/// label area, then the arrow.
struct Gap {
    stub: usize,
    lanes: Vec<usize>,
    label: usize,
}

/// The line pieces drawn so far, one per cell (crossing lines join their bits).
#[derive(Default)]
struct Grid(std::collections::BTreeMap<(usize, usize), LineCell>);

impl Grid {
    /// A straight line from (x0, y0) to (x1, y1), horizontal or vertical, belonging to `edge`.
    fn line(&mut self, x0: usize, y0: usize, x1: usize, y1: usize, edge: usize) {
        let horizontal = y0 == y1;
        let (a, b) = if horizontal {
            (x0.min(x1), x0.max(x1))
        } else {
            (y0.min(y1), y0.max(y1))
        };
        let (before, after) = if horizontal {
            (LEFT, RIGHT)
        } else {
            (UP, DOWN)
        };
        for k in a..=b {
            let mut bits = 0;
            if k > a {
                bits |= before;
            }
            if k < b {
                bits |= after;
            }
            let (x, y) = if horizontal { (k, y0) } else { (x0, k) };
            self.0
                .entry((x, y))
                .and_modify(|c| c.mask |= bits)
                .or_insert(LineCell {
                    x,
                    y,
                    mask: bits,
                    edge,
                });
        }
    }
}

/// Everything measured before drawing: the layers, the width of each column and gap, and where
/// each column starts.
struct Plan<'a> {
    fig: &'a Figure,
    decimals: usize,
    texts: Vec<EdgeText>,
    layers: Layers,
    col_width: Vec<usize>,
    gaps: Vec<Gap>,
    col_x: Vec<usize>,
}

impl<'a> Plan<'a> {
    fn new(fig: &'a Figure, decimals: usize) -> Plan<'a> {
        let rank = ranks(fig);
        let texts = edge_texts(fig, decimals);
        // Rows of text above (and below) an edge: the same for the whole figure, so ports line up.
        let margin = texts
            .iter()
            .map(|t| t.above.len().max(t.below.len()))
            .max()
            .unwrap_or(1)
            .max(1);
        let layers = layers(fig, &rank, margin);
        let col_width = layers
            .columns
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
        let mut plan = Plan {
            fig,
            decimals,
            texts,
            layers,
            col_width,
            gaps: Vec::new(),
            col_x: Vec::new(),
        };
        plan.gaps = (0..plan.layers.columns.len().saturating_sub(1))
            .map(|c| plan.gap(c))
            .collect();
        let mut x = 0;
        for (c, w) in plan.col_width.iter().enumerate() {
            plan.col_x.push(x);
            x += w;
            if let Some(g) = plan.gaps.get(c) {
                x += g.stub + lanes_width(g.lanes.len()) + g.label + 1;
            }
        }
        plan
    }

    /// The width of the whole drawing.
    fn total_width(&self) -> usize {
        let last = self.col_width.len().saturating_sub(1);
        self.col_x.get(last).copied().unwrap_or(0) + self.col_width.get(last).copied().unwrap_or(0)
    }

    /// The row an item's line leaves from.
    fn row_of(&self, item: Item) -> Option<usize> {
        match item {
            Item::Node(i) => self.layers.out_row.get(i).copied().flatten(),
            Item::Pass(e) => self.layers.pass_row.get(e).copied().flatten(),
        }
    }

    /// The row a hop arrives at.
    fn to_row(&self, h: &layers::Hop) -> Option<usize> {
        to_row(self.fig, h, &self.layers.ports, &self.layers.pass_row)
    }

    /// A node feeding several others, whose summed gradient sits on its shared stub.
    fn fans(&self, i: usize) -> bool {
        self.fig.nodes[i].grad_sum.is_some() && self.fig.outputs_of(i).len() > 1
    }

    /// The value and the summed gradient (`Σ …`) written on a fanning node's stub.
    fn sum_texts(&self, i: usize) -> (String, String) {
        let fig = self.fig;
        let value = fig
            .outputs_of(i)
            .first()
            .map(|&e| matrix_text(&fig.edges[e].value, fig.cell, self.decimals))
            .unwrap_or_default();
        let grad = fig.nodes[i]
            .grad_sum
            .as_ref()
            .map(|g| format!("Σ {}", matrix_text(g, fig.cell, self.decimals)))
            .unwrap_or_default();
        (value, grad)
    }

    /// The gap after column `c`, measured from what passes through it.
    fn gap(&self, c: usize) -> Gap {
        let stub = self.layers.columns[c]
            .iter()
            .filter_map(|item| match item {
                Item::Node(i) if self.fans(*i) => {
                    let (v, g) = self.sum_texts(*i);
                    Some(width(&v).max(width(&g)) + 2)
                }
                _ => None,
            })
            .max()
            .unwrap_or(1);
        let bends: Vec<(usize, Option<usize>, Option<usize>)> = self
            .layers
            .hops
            .iter()
            .enumerate()
            .filter(|(_, h)| h.col == c)
            .map(|(k, h)| (k, self.row_of(h.from), self.to_row(h)))
            .filter(|(_, from, to)| from != to)
            .collect();
        let lanes = order_lanes(&bends);
        let label = self
            .layers
            .hops
            .iter()
            .filter(|h| h.col == c && h.last)
            .map(|h| {
                let t = &self.texts[h.edge];
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
    }

    /// Every column's items: names of inputs and the output, operation boxes with the lines to
    /// their ports, and placeholders' straight runs.
    fn draw_columns(&self, d: &mut Drawing, grid: &mut Grid) {
        for (c, column) in self.layers.columns.iter().enumerate() {
            let left = self.col_x[c];
            let w = self.col_width[c];
            for item in column {
                match *item {
                    Item::Node(i) => self.draw_node(d, grid, i, left, w),
                    Item::Pass(e) => {
                        if let Some(row) = self.layers.pass_row[e] {
                            grid.line(left, row, left + w - 1, row, e);
                        }
                    }
                }
            }
        }
    }

    /// Node `i` in a column starting at `left`, `w` wide.
    fn draw_node(&self, d: &mut Drawing, grid: &mut Grid, i: usize, left: usize, w: usize) {
        let fig = self.fig;
        let node = &fig.nodes[i];
        let Some(row) = self.layers.out_row[i] else {
            return;
        };
        match node.role {
            FigureRole::Input => d.texts.push(Text {
                x: left + w - 1 - width(&node.label),
                y: row,
                text: node.label.clone(),
                kind: TextKind::Name(i),
            }),
            FigureRole::Output => d.texts.push(Text {
                x: left + 1,
                y: row,
                text: node.label.clone(),
                kind: TextKind::Name(i),
            }),
            FigureRole::Op => {
                let bw = node_width(fig, i);
                let bx = left + (w - bw) / 2;
                let p = &self.layers.ports[i];
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
                        grid.line(left, r, bx - 1, r, e);
                    }
                }
                if let Some(&e) = fig.outputs_of(i).first()
                    && bx + bw < left + w
                {
                    grid.line(bx + bw, row, left + w - 1, row, e);
                }
            }
        }
    }

    /// Every gap: the shared stubs' sums, the hops with their lanes, and on each edge's last run
    /// its arrow, value and gradient.
    fn draw_gaps(&self, d: &mut Drawing, grid: &mut Grid) {
        for (c, gap) in self.gaps.iter().enumerate() {
            let start = self.col_x[c] + self.col_width[c];
            self.draw_stubs(d, c, start, gap.stub);
            let lanes_x = start + gap.stub;
            let label_x = lanes_x + lanes_width(gap.lanes.len());
            let arrow_x = label_x + gap.label;
            for (k, h) in self.layers.hops.iter().enumerate() {
                if h.col != c {
                    continue;
                }
                let (Some(from), Some(to)) = (self.row_of(h.from), self.to_row(h)) else {
                    continue;
                };
                let end = if h.last { arrow_x - 1 } else { arrow_x };
                match gap.lanes.iter().position(|&l| l == k) {
                    Some(lane) => {
                        let lx = lanes_x + lane;
                        grid.line(start, from, lx, from, h.edge);
                        grid.line(lx, from, lx, to, h.edge);
                        grid.line(lx, to, end, to, h.edge);
                    }
                    None => grid.line(start, from, end, to, h.edge),
                }
                if h.last {
                    d.arrows.push((arrow_x, to, h.edge));
                    self.draw_labels(d, h.edge, label_x, gap.label, to);
                }
            }
        }
    }

    /// The value and summed gradient of each fanning node of column `c`, centred on its stub.
    fn draw_stubs(&self, d: &mut Drawing, c: usize, start: usize, stub: usize) {
        for item in &self.layers.columns[c] {
            if let Item::Node(i) = item
                && self.fans(*i)
                && let Some(row) = self.layers.out_row[*i]
            {
                let (v, g) = self.sum_texts(*i);
                d.texts.push(Text {
                    x: start + (stub - width(&v)) / 2,
                    y: row.saturating_sub(1),
                    text: v,
                    kind: TextKind::SumValue(*i),
                });
                d.texts.push(Text {
                    x: start + (stub - width(&g)) / 2,
                    y: row + 1,
                    text: g,
                    kind: TextKind::SumGrad(*i),
                });
            }
        }
    }

    /// An edge's texts, centred in the label area: the value (and symbol) above row `to`, the
    /// gradient (and its symbol) below.
    fn draw_labels(&self, d: &mut Drawing, edge: usize, label_x: usize, label: usize, to: usize) {
        let t = &self.texts[edge];
        let center = |s: &str| label_x + (label.saturating_sub(width(s))) / 2;
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
