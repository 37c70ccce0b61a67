//! The layered part of the layout: columns, placeholders for long edges, order within a column,
//! and the rows of every node and port. No text and no drawing here.

use crate::lesson::figure::{Figure, FigureRole};

/// One thing in a column: a node, or the placeholder of an edge passing through.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Item {
    /// A figure node.
    Node(usize),
    /// The placeholder of an edge passing through the column.
    Pass(usize),
}

/// One hop of an edge, from one column to the next.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hop {
    /// The figure edge.
    pub(super) edge: usize,
    /// Column of the source item.
    pub(super) col: usize,
    /// Where it starts.
    pub(super) from: Item,
    /// Where it ends.
    pub(super) to: Item,
    /// True for the last hop, into the real target.
    pub(super) last: bool,
}

/// Columns by longest path; an input sits just before its first consumer.
pub(super) fn ranks(fig: &Figure) -> Vec<usize> {
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

/// Columns, hops and rows of a figure.
pub(super) struct Layers {
    /// The items of each column, top to bottom.
    pub(super) columns: Vec<Vec<Item>>,
    /// Every hop of every edge.
    pub(super) hops: Vec<Hop>,
    /// The output row of each node.
    pub(super) out_row: Vec<Option<usize>>,
    /// The row of each edge's placeholders.
    pub(super) pass_row: Vec<Option<usize>>,
    /// The rows of each node's input ports.
    pub(super) ports: Vec<Vec<usize>>,
    /// Rows used.
    pub(super) height: usize,
}

/// Columns by `rank`, placeholders, order and rows, with `margin` rows of text above and below
/// every edge.
pub(super) fn layers(fig: &Figure, rank: &[usize], margin: usize) -> Layers {
    let n = fig.nodes.len();
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
    Layers {
        columns,
        hops,
        out_row,
        pass_row,
        ports,
        height,
    }
}

/// The order of the bending hops' lanes, left to right. A hop that leaves on row r runs right
/// as far as its lane, and a hop that arrives on row r runs from its lane to the arrow: so the
/// one that leaves must bend first, or the two would share a stretch of line.
pub(super) fn order_lanes(bends: &[(usize, Option<usize>, Option<usize>)]) -> Vec<usize> {
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

/// The row a hop arrives at: the target's port, or the placeholder's row.
pub(super) fn to_row(
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
