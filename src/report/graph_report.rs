//! `trace` of a graph preset: the JSON contract of README.md ("Graph presets"), and the figure as text for
//! the text and Markdown traces.

use serde_json::{Value, json};

use super::json::rows;
use crate::engine::Matrix;
use crate::engine::graph::{Graph, GraphRun};
use crate::i18n::format::{inline, short};
use crate::lesson::figure::Figure;
use crate::preset::Preset;
use crate::report::figure::figure_text;
use crate::t;

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
                    let v = if p.vector {
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

/// A value in a result line: a 1×1 as its number (`2.2`), a small matrix inline.
fn value(m: &Matrix) -> String {
    if m.dim() == (1, 1) {
        short(m[[0, 0]])
    } else {
        inline(m)
    }
}

/// The results of a graph run, as the lines `trace` prints (text and Markdown): the output,
/// every input's total gradient by name (`d apple = 2.2`, the JSON's `inputs.NAME.grad`), each
/// edge's partial labelled by the edge (`all_price → price: ∂price/∂all_price = 1.1`, marked
/// "one path" where the value feeds several nodes), then a layer node's parameter gradients.
pub fn graph_results(graph: &Graph, run: &GraphRun) -> Vec<String> {
    let of = graph.objective_name(run);
    let mut lines = Vec::new();
    if let Some(loss) = run.run.loss {
        lines.push(t!("report-loss", loss = short(loss)));
    }
    let out_name = graph.nodes.last().map_or("out", |n| n.name.as_str());
    lines.push(format!("{out_name} = {}", value(&run.run.out)));
    lines.push(t!("report-graph-input-grads", of = &of));
    for ((name, _), grad) in graph.inputs.iter().zip(&run.input_grads) {
        lines.push(format!("  d {name} = {}", value(grad)));
    }
    lines.push(t!("report-graph-edge-partials", of = &of));
    for (node, r) in graph.nodes.iter().zip(&run.nodes) {
        for (input, grad) in node.inputs.iter().zip(&r.grads) {
            let partial = if graph.use_count(input) > 1 {
                t!(
                    "report-graph-one-path",
                    of = &of,
                    input = input,
                    node = &node.name
                )
            } else {
                format!("∂{of}/∂{input}")
            };
            lines.push(format!(
                "  {input} → {}: {partial} = {}",
                node.name,
                value(grad)
            ));
        }
    }
    let params: Vec<String> = graph
        .nodes
        .iter()
        .zip(&run.nodes)
        .flat_map(|(node, r)| {
            r.params
                .iter()
                .map(move |g| format!("  {}: d{} = {}", node.name, g.name, value(&g.value)))
        })
        .collect();
    if !params.is_empty() {
        lines.push(t!("report-graph-param-grads", of = &of));
        lines.extend(params);
    }
    lines
}

/// The graph after its last step, as text lines: every value and gradient filled in.
pub fn graph_lines(preset: &Preset, graph: &Graph, run: &GraphRun) -> Vec<String> {
    let figure = Figure::of_graph(&preset.title, graph, run);
    // Past the last step: every value and gradient known, no node lit.
    figure_text(&figure, usize::MAX, 4)
}

/// The Markdown trace with a "The graph" section after the title and the graph's results
/// ([`graph_results`]) at the end; `chain_md` is the steps without results.
pub fn graph_markdown(preset: &Preset, graph: &Graph, run: &GraphRun, chain_md: &str) -> String {
    let mut section = format!(
        "## {}\n\n{}\n\n```text\n",
        t!("report-md-graph"),
        t!("report-md-graph-legend")
    );
    for l in graph_lines(preset, graph, run) {
        section.push_str(&l);
        section.push('\n');
    }
    section.push_str("```\n\n");
    let mut md = match chain_md.find("\n\n") {
        Some(at) => format!("{}{section}{}", &chain_md[..at + 2], &chain_md[at + 2..]),
        None => format!("{chain_md}\n\n{section}"),
    };
    md.push_str(&format!("## {}\n\n", t!("report-md-results")));
    for line in graph_results(graph, run) {
        match line.strip_prefix("  ") {
            Some(item) => md.push_str(&format!("- `{item}`\n")),
            None if md.ends_with("\n\n") => md.push_str(&format!("{line}\n\n")),
            None => md.push_str(&format!("\n{line}\n\n")),
        }
    }
    md
}
