//! Graph presets (README.md, "Graph presets"): `[inputs]` and `[[nodes]]` instead of `x` and
//! `[[layers]]`.
//!
//! A node table is a layer table plus `inputs`, so a layer node takes its parameters inline and
//! the same parser reads them; `mul` and `add` nodes take their two factors as inputs and no
//! parameters. Validation of names, order and shapes is the engine's ([`Graph::validate`]).

use std::collections::BTreeMap;

use anyhow::{Result, anyhow, bail};
use serde::Deserialize;
use toml::{Spanned, Value};

use super::fields::Fields;
use super::matrix::{Vector, matrix, shown};
use super::parse::{build_layer, explain_toml, field, position, raw_layer, targets_and_dout};
use crate::engine::graph::{Graph, GraphNode, NodeOp};
use crate::engine::{LayerKind, Matrix};
use crate::t;

/// A node table: `name`, `type`, `inputs`, and a layer's fields, each kept with its position.
type RawTable = Spanned<BTreeMap<String, Spanned<Value>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGraph {
    title: Option<String>,
    description: Option<String>,
    inputs: Spanned<toml::Table>,
    t: Option<Spanned<Value>>,
    dout: Option<Spanned<Value>>,
    #[serde(default)]
    nodes: Vec<RawTable>,
}

/// True when `text` is a graph preset (it has `[[nodes]]` or `[inputs]`). Text that is not valid
/// TOML is told by its table headers, so its error (say `a = 1e309`, beyond f64) is reported by
/// the graph parser rather than as a chain preset's "unknown field `inputs`".
pub fn is_graph(text: &str) -> bool {
    match toml::from_str::<toml::Table>(text) {
        Ok(t) => t.contains_key("nodes") || t.contains_key("inputs"),
        Err(_) => text.lines().any(|line| {
            let header: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            header.starts_with("[[nodes]]") || header.starts_with("[inputs]")
        }),
    }
}

/// A graph preset's text, before validation.
pub struct ParsedGraph {
    /// Shown in the header.
    pub title: Option<String>,
    /// One line.
    pub description: Option<String>,
    /// The graph.
    pub graph: Graph,
}

/// Parse graph preset text. Errors carry the line and column where they can.
pub fn parse_graph(text: &str) -> Result<ParsedGraph> {
    let raw: RawGraph = toml::from_str(text).map_err(|e| {
        let msg = e.message().to_string();
        let msg = explain_toml(&msg, true);
        match e.span() {
            Some(span) => anyhow!("{}: {msg}", position(text, span.start)),
            None => anyhow!("{msg}"),
        }
    })?;
    let at_inputs = field(text, &raw.inputs);
    let mut inputs: Vec<(String, Matrix)> = Vec::new();
    for (name, v) in raw.inputs.get_ref() {
        let m = matrix(v, &format!("inputs.{name}"), Vector::Reject)
            .map_err(|e| anyhow!("{at_inputs}: {e}"))?;
        inputs.push((name.clone(), m));
    }
    let (t, dout) = targets_and_dout(text, raw.t.as_ref(), raw.dout.as_ref())?;
    let mut nodes = Vec::with_capacity(raw.nodes.len());
    for (i, table) in raw.nodes.iter().enumerate() {
        let mut map = table.get_ref().clone();
        let names = map.remove("inputs");
        let l = raw_layer(text, i, &Spanned::new(table.span(), map), true)?;
        let at = field(text, &l.kind);
        let kind = LayerKind::parse(l.kind.get_ref()).ok_or_else(|| {
            let valid: Vec<&str> = LayerKind::ALL.iter().map(|k| k.as_str()).collect();
            anyhow!(
                "{at}: {}: {}",
                t!("perr-node-n", n = (i + 1).to_string()),
                t!(
                    "perr-layer-type-unknown",
                    kind = l.kind.get_ref().as_str(),
                    valid = valid.join(", ")
                )
            )
        })?;
        let name = l
            .name
            .clone()
            .ok_or_else(|| anyhow!("{at}: {}", t!("perr-node-no-name", n = (i + 1).to_string())))?;
        let who = t!(
            "perr-node-which",
            n = (i + 1).to_string(),
            name = name.as_str()
        );
        let names = input_names(text, &at, &who, names)?;
        let op = match kind {
            LayerKind::Mul | LayerKind::Add => {
                if let Some((key, v)) = l.fields.iter().next() {
                    bail!(
                        "{}: {who}: {}",
                        field(text, v),
                        t!(
                            "perr-node-two-inputs",
                            kind = kind.as_str(),
                            key = key.as_str()
                        )
                    );
                }
                if kind == LayerKind::Mul {
                    NodeOp::Mul
                } else {
                    NodeOp::Add
                }
            }
            _ => {
                let mut fields = Fields::new(text, at.clone(), kind.as_str(), l.fields);
                let layer = build_layer(kind, &mut fields)
                    .and_then(|layer| fields.finish().map(|()| layer))
                    .map_err(|e| anyhow!("{who}: {e}"))?;
                NodeOp::Layer(Box::new(layer))
            }
        };
        nodes.push(GraphNode {
            name,
            op,
            inputs: names,
        });
    }
    // Inputs in the order the nodes first use them: the figure reads top to bottom like the file.
    let first_use = |name: &str| {
        nodes
            .iter()
            .enumerate()
            .find_map(|(i, n)| n.inputs.iter().position(|m| m == name).map(|p| (i, p)))
            .unwrap_or((usize::MAX, 0))
    };
    inputs.sort_by_key(|(name, _)| first_use(name));
    Ok(ParsedGraph {
        title: raw.title,
        description: raw.description,
        graph: Graph {
            inputs,
            nodes,
            t,
            dout,
            chain: false,
        },
    })
}

/// The `inputs` of a node: a list of names.
fn input_names(text: &str, at: &str, who: &str, v: Option<Spanned<Value>>) -> Result<Vec<String>> {
    let v = v.ok_or_else(|| anyhow!("{at}: {who}: {}", t!("perr-node-no-inputs")))?;
    let Value::Array(items) = v.get_ref() else {
        bail!(
            "{}: {who}: {}",
            field(text, &v),
            t!("perr-node-inputs-list")
        )
    };
    items
        .iter()
        .map(|item| match item {
            Value::String(s) => Ok(s.clone()),
            other => bail!(
                "{}: {who}: {}",
                field(text, &v),
                t!("perr-node-inputs-names", found = shown(other))
            ),
        })
        .collect()
}
