//! `trace` of a graph preset: the JSON contract of README.md ("Graph presets"), and the figure as text for
//! the text and Markdown traces.

use serde_json::{Value, json};

use super::json::rows;
use crate::engine::Matrix;
use crate::engine::figure::Figure;
use crate::engine::graph::{Graph, GraphRun};
use crate::engine::layer::LayerKind;
use crate::preset::Preset;
use crate::report::figure::figure_text;

/// A 1-D parameter as a flat array.
fn flat(m: &Matrix) -> Value {
    Value::Array(m.iter().map(|&v| json!(v)).collect())
}

/// `trace --format json` of a graph: `preset`, `out`, `loss`, `inputs` (value and summed grad per
/// name), `nodes` (name, type, inputs, out, grads by input position, params) and `steps`.
pub fn graph_json(preset: &Preset, graph: &Graph, run: &GraphRun) -> Value {
    let inputs: serde_json::Map<String, Value> = graph
        .inputs
        .iter()
        .zip(&run.input_grads)
        .map(|((name, value), grad)| {
            (
                name.clone(),
                json!({ "value": rows(value), "grad": rows(grad) }),
            )
        })
        .collect();
    let nodes: Vec<Value> = graph
        .nodes
        .iter()
        .zip(&run.nodes)
        .map(|(g, r)| {
            let params: serde_json::Map<String, Value> = r
                .params
                .iter()
                .map(|p| {
                    let v = if r.kind == LayerKind::Affine && p.name == "b" {
                        flat(&p.value)
                    } else {
                        rows(&p.value)
                    };
                    (p.name.to_string(), v)
                })
                .collect();
            json!({
                "name": g.name,
                "type": g.op.kind().as_str(),
                "inputs": g.inputs,
                "out": rows(&r.out),
                "grads": r.grads.iter().map(rows).collect::<Vec<_>>(),
                "params": params,
            })
        })
        .collect();
    let steps: Vec<Value> = run
        .run
        .tape
        .steps
        .iter()
        .map(|s| json!({ "phase": s.phase.as_str(), "layer": s.layer, "op": s.label, "formula": s.formula, "value": rows(&s.writes.value) }))
        .collect();
    json!({
        "preset": preset.name,
        "loss": run.run.loss,
        "out": rows(&run.run.out),
        "inputs": inputs,
        "nodes": nodes,
        "steps": steps,
    })
}

/// The graph after its last step, as text lines: every value and gradient filled in.
pub fn graph_lines(preset: &Preset, graph: &Graph, run: &GraphRun) -> Vec<String> {
    let figure = Figure::of_graph(&preset.title, graph, run);
    // Past the last step: every value and gradient known, no node lit.
    figure_text(&figure, usize::MAX, 4)
}

/// The Markdown trace with a "The graph" section after the title.
pub fn graph_markdown(preset: &Preset, graph: &Graph, run: &GraphRun, chain_md: &str) -> String {
    let mut section = String::from(
        "## The graph\n\nForward values above each edge, gradients below (after the backward pass):\n\n```text\n",
    );
    for l in graph_lines(preset, graph, run) {
        section.push_str(&l);
        section.push('\n');
    }
    section.push_str("```\n\n");
    match chain_md.find("\n\n") {
        Some(at) => format!("{}{section}{}", &chain_md[..at + 2], &chain_md[at + 2..]),
        None => format!("{chain_md}\n\n{section}"),
    }
}
