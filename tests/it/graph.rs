//! Graph presets (chapter 5.1–5.5): the book's numbers through the real binary's JSON, gradients
//! of shared values summed and checked by finite differences, and one test per bad graph.

use crate::support::temp::TempDir;
use std::process::Command;

use backstep::engine::graph::Graph;
use backstep::engine::{Matrix, Op};
use backstep::preset::{Preset, Source};
use serde_json::Value;

fn trace_json(preset: &str) -> Value {
    let o = Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(["trace", "--preset", preset, "--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn scalar(v: &Value) -> f64 {
    v[0][0].as_f64().unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn apples_and_oranges_through_the_cli_json() {
    let j = trace_json("apple-orange");
    assert_eq!(j["preset"], "apple-orange");
    close(scalar(&j["out"]), 715.0);
    assert!(j["loss"].is_null());
    assert!(j.get("layers").is_none() && j.get("dx").is_none());
    for (name, value, grad) in [
        ("apple", 100.0, 2.2),
        ("apple_num", 2.0, 110.0),
        ("orange", 150.0, 3.3),
        ("orange_num", 3.0, 165.0),
        ("tax", 1.1, 650.0),
    ] {
        close(scalar(&j["inputs"][name]["value"]), value);
        close(scalar(&j["inputs"][name]["grad"]), grad);
    }
    let nodes = j["nodes"].as_array().unwrap();
    let names: Vec<&str> = nodes.iter().map(|n| n["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["apple_price", "orange_price", "all_price", "price"]);
    assert_eq!(nodes[0]["type"], "mul");
    assert_eq!(
        nodes[0]["inputs"],
        serde_json::json!(["apple", "apple_num"])
    );
    close(scalar(&nodes[0]["out"]), 200.0);
    close(scalar(&nodes[0]["grads"][0]), 2.2);
    close(scalar(&nodes[0]["grads"][1]), 110.0);
    assert_eq!(nodes[2]["type"], "add");
    close(scalar(&nodes[2]["out"]), 650.0);
    // Add passes dout on: both of its inputs get d all_price = 1.1.
    close(scalar(&nodes[2]["grads"][0]), 1.1);
    close(scalar(&nodes[2]["grads"][1]), 1.1);
    close(scalar(&nodes[3]["grads"][1]), 650.0);
    assert_eq!(nodes[3]["params"], serde_json::json!({}));
    // steps[].layer is the node's index; 4 forward steps, then backward from price.
    let steps = j["steps"].as_array().unwrap();
    assert_eq!(steps[0]["layer"], 0);
    assert_eq!(steps[4]["phase"], "backward");
    assert_eq!(steps[4]["layer"], 3);
}

#[test]
fn fan_out_sums_the_gradients_of_a_value_used_twice() {
    // f = (x + y) · x at x = 3, y = 2: df/dx = (x + y) + x = 8, df/dy = x = 3.
    let j = trace_json("fan-out");
    close(scalar(&j["out"]), 15.0);
    close(scalar(&j["inputs"]["x"]["grad"]), 8.0);
    close(scalar(&j["inputs"]["y"]["grad"]), 3.0);
    // The sum is a step of its own: 3 (through s) + 5 (through f) = 8.
    let steps = j["steps"].as_array().unwrap();
    let sum = steps
        .iter()
        .find(|s| s["op"] == "Σ dx←")
        .expect("a sum step");
    close(scalar(&sum["value"]), 8.0);
}

/// Central differences of the graph's objective with respect to every input cell.
fn numerical(graph: &Graph) -> Vec<Matrix> {
    let shapes = graph.validate().unwrap();
    let h = 1e-5;
    (0..graph.inputs.len())
        .map(|k| {
            let mut g = Matrix::zeros(graph.inputs[k].1.dim());
            for ((r, c), cell) in g.indexed_iter_mut() {
                let mut plus = graph.clone();
                plus.inputs[k].1[[r, c]] += h;
                let mut minus = graph.clone();
                minus.inputs[k].1[[r, c]] -= h;
                *cell = (plus.objective(&shapes).unwrap() - minus.objective(&shapes).unwrap())
                    / (2.0 * h);
            }
            g
        })
        .collect()
}

fn graph(text: &str) -> Graph {
    Preset::from_toml(text, Source::File("g.toml".into()))
        .unwrap()
        .graph
        .unwrap()
}

#[test]
fn a_node_used_twice_gets_its_gradients_summed_in_a_step_of_its_own() {
    // q = s ⊙ s with s = x + y, matrices: dq/dx = 2s, and so is dq/dy; the s node is used
    // twice, so a step adds its two gradients before s's backward runs.
    let g = graph(
        r#"
[inputs]
x = [[1.0, -2.0], [0.5, 3.0]]
y = [[0.25, 1.0], [-1.0, 2.0]]
[[nodes]]
name = "s"
type = "add"
inputs = ["x", "y"]
[[nodes]]
name = "q"
type = "mul"
inputs = ["s", "s"]
"#,
    );
    let run = g.run().unwrap();
    let s = &run.nodes[0];
    assert_eq!(s.sum_steps.len(), 1);
    let step = &run.run.tape.steps[s.sum_steps[0]];
    assert_eq!(step.op, Op::Binary(backstep::engine::BinOp::Add));
    assert_eq!(step.layer, 0);
    let expected = s.out.mapv(|v| 2.0 * v);
    assert!((&s.dout - &expected).iter().all(|d| d.abs() < 1e-12));
    for (analytic, numeric) in run.input_grads.iter().zip(numerical(&g)) {
        let err = (analytic - &numeric)
            .iter()
            .fold(0.0f64, |m, d| m.max(d.abs()));
        assert!(err < 1e-6, "{analytic} vs {numeric}");
    }
}

#[test]
fn fan_out_and_layer_nodes_agree_with_finite_differences() {
    // A layer node (sigmoid) and an affine node with a value used by three nodes.
    let g = graph(
        r#"
[inputs]
x = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]
k = 0.5
[[nodes]]
name = "a"
type = "affine"
inputs = ["x"]
W = [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [0.7, -0.8, 0.9]]
b = [0.01, 0.02, 0.03]
[[nodes]]
name = "h"
type = "sigmoid"
inputs = ["a"]
[[nodes]]
name = "m"
type = "mul"
inputs = ["h", "x"]
[[nodes]]
name = "n"
type = "mul"
inputs = ["m", "k"]
[[nodes]]
name = "out"
type = "add"
inputs = ["n", "x"]
"#,
    );
    let run = g.run().unwrap();
    for (analytic, numeric) in run.input_grads.iter().zip(numerical(&g)) {
        let err = (analytic - &numeric)
            .iter()
            .fold(0.0f64, |m, d| m.max(d.abs()));
        assert!(err < 1e-6, "{analytic} vs {numeric}");
    }
    let report = g.gradient_check(1e-4, 1e-6).unwrap();
    assert!(report.passed(), "{:?}", report.tensors);
    assert_eq!(report.tensors.len(), 4); // x, k, a.W, a.b
    // cells: x 6, k 1, a.W 9, a.b 3; of them parameters: a.W and a.b; two passes a cell
    assert_eq!(
        (report.cells, report.parameters, report.numerical_passes),
        (19, 12, 38)
    );
    // With no loss and no dout given, the objective is Σ out (dout of ones).
    let shapes = g.validate().unwrap();
    let sum: f64 = run.nodes.last().unwrap().out.sum();
    assert!((g.objective(&shapes).unwrap() - sum).abs() < 1e-12);
}

#[test]
fn a_graphs_objective_is_its_loss_or_dout_weighted_output() {
    // A chain ending in Softmax-with-Loss, as a graph: the objective is the loss.
    let p = Preset::builtin("two-layer").unwrap();
    let chain = p.network.run(&p.inputs).unwrap();
    let g = Graph::from_chain(&p.network, &p.inputs);
    let loss = g.objective(&g.validate().unwrap()).unwrap();
    assert!(loss > 0.0);
    assert!(
        (loss - chain.objective).abs() < 1e-12,
        "{loss} vs {}",
        chain.objective
    );
    // Without a loss, with dout given: Σ dout ⊙ out = 2·(1·3) + 0.5·(2·4) = 10.
    let g = graph(
        r#"
dout = [[2.0, 0.5]]
[inputs]
x = [[1.0, 2.0]]
y = [[3.0, 4.0]]
[[nodes]]
name = "out"
type = "mul"
inputs = ["x", "y"]
"#,
    );
    let objective = g.objective(&g.validate().unwrap()).unwrap();
    assert!((objective - 10.0).abs() < 1e-12, "{objective}");
}

#[test]
fn a_chain_is_a_graph_with_one_path() {
    for name in ["two-layer", "sigmoid", "apple", "softmax"] {
        let p = Preset::builtin(name).unwrap();
        let chain = p.network.run(&p.inputs).unwrap();
        let graph = Graph::from_chain(&p.network, &p.inputs).run().unwrap();
        assert_eq!(chain.tape.len(), graph.run.tape.len(), "{name}");
        for (a, b) in chain.tape.steps.iter().zip(&graph.run.tape.steps) {
            assert_eq!(a.label, b.label, "{name}");
            assert_eq!(a.writes.value, b.writes.value, "{name} {}", a.label);
        }
        assert_eq!(chain.dx, graph.input_grads[0], "{name}");
        assert_eq!(chain.objective, graph.run.objective, "{name}");
    }
}

fn error(text: &str) -> String {
    let e = Preset::from_toml(text, Source::File("bad-graph.toml".into())).unwrap_err();
    let msg = format!("{e:#}");
    assert!(msg.starts_with("bad-graph.toml: "), "{msg}");
    msg
}

const INPUTS: &str = "[inputs]\na = 2\nb = 3\n";

fn node(name: &str, kind: &str, inputs: &[&str]) -> String {
    let list: Vec<String> = inputs.iter().map(|i| format!("\"{i}\"")).collect();
    format!(
        "[[nodes]]\nname = \"{name}\"\ntype = \"{kind}\"\ninputs = [{}]\n",
        list.join(", ")
    )
}

#[test]
fn a_node_that_uses_a_later_node_is_a_cycle_error() {
    let msg = error(&format!(
        "{INPUTS}{}{}",
        node("p", "mul", &["a", "q"]),
        node("q", "add", &["p", "b"])
    ));
    assert!(
        msg.contains("node 1 (p)") && msg.contains("node 2, defined later"),
        "{msg}"
    );
    assert!(msg.contains("no cycles"), "{msg}");
    let msg = error(&format!(
        "{INPUTS}{}",
        node("p", "mul", &["a", "p"]).replace("\"b\"", "")
    ));
    assert!(
        msg.contains("node 1 (p) uses itself") && msg.contains("cycle"),
        "{msg}"
    );
}

#[test]
fn unknown_and_unused_names_are_errors() {
    let msg = error(&format!("{INPUTS}{}", node("p", "mul", &["a", "c"])));
    assert!(
        msg.contains("node 1 (p) uses \"c\", which is neither an input nor a node"),
        "{msg}"
    );
    assert!(msg.contains("the inputs are a, b"), "{msg}");
    let msg = error(&format!("{INPUTS}c = 4\n{}", node("p", "mul", &["a", "b"])));
    assert!(msg.contains("input \"c\" is not used by any node"), "{msg}");
}

#[test]
fn the_last_node_must_be_the_only_one_nothing_consumes() {
    let msg = error(&format!(
        "{INPUTS}{}{}",
        node("p", "mul", &["a", "b"]),
        node("q", "add", &["a", "b"])
    ));
    assert!(
        msg.contains("node 1 (p) is not used by any later node"),
        "{msg}"
    );
    assert!(msg.contains("only the last node (q)"), "{msg}");
}

#[test]
fn shape_mismatches_name_both_inputs_and_the_node() {
    let msg = error(&format!(
        "[inputs]\na = [[1.0, 2.0]]\nb = [[1.0, 2.0, 3.0]]\n{}",
        node("p", "mul", &["a", "b"])
    ));
    assert!(
        msg.contains("shape mismatch: node 1 (p) (mul) gets a 1×2 and b 1×3"),
        "{msg}"
    );
    let msg = error(&format!(
        "[inputs]\nx = [[1.0, 2.0]]\n{}W = [[1.0], [2.0], [3.0]]\nb = [0.0]\n",
        node("a", "affine", &["x"])
    ));
    assert!(msg.contains("node 1 (a) gets x 1×2"), "{msg}");
}

#[test]
fn softmax_with_loss_must_be_the_output() {
    let msg = error(&format!(
        "t = [1]\n[inputs]\nx = [[1.0, 2.0]]\nk = 2\n{}{}",
        node("l", "softmax_with_loss", &["x"]),
        node("m", "mul", &["l", "k"])
    ));
    assert!(
        msg.contains("node 1 (l) is softmax_with_loss but is not the output"),
        "{msg}"
    );
}

#[test]
fn arity_and_missing_fields_are_errors() {
    let msg = error(&format!("{INPUTS}{}", node("p", "mul", &["a"])));
    assert!(
        msg.contains("node 1 (p) is a mul node and takes 2 inputs"),
        "{msg}"
    );
    let msg = error(&format!("{INPUTS}{}", node("p", "relu", &["a", "b"])));
    assert!(msg.contains("takes 1 input"), "{msg}");
    let msg = error(&format!(
        "{INPUTS}[[nodes]]\nname = \"p\"\ntype = \"mul\"\n"
    ));
    assert!(msg.contains("node 1 (p): it has no inputs"), "{msg}");
    let msg = error(&format!("{INPUTS}{}w = 2\n", node("p", "mul", &["a", "b"])));
    assert!(
        msg.contains("takes its two values as inputs, not `w`"),
        "{msg}"
    );
    let msg = error(&format!("{INPUTS}{}", node("a", "mul", &["a", "b"])));
    assert!(msg.contains("has the name of an input"), "{msg}");
}

#[test]
fn text_and_markdown_traces_draw_the_graph() {
    let run = |format: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_backstep"))
            .args(["trace", "--preset", "apple-orange", "--format", format])
            .output()
            .unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stdout).unwrap()
    };
    let text = run("text");
    assert!(text.contains("the graph after backward"), "{text}");
    assert!(
        text.contains("apple_num ─") && text.contains("▶ price"),
        "{text}"
    );
    let md = run("markdown");
    let start = md.find("## The graph").expect("a graph section");
    let block = &md[start..md[start..].find("```\n\n").map_or(md.len(), |e| start + e)];
    for number in ["715", "650", "2.2", "110", "3.3", "165"] {
        assert!(block.contains(number), "{number} in the graph:\n{block}");
    }
    // No node is lit in a printed figure: single borders only.
    assert!(!block.contains('╔'), "{block}");
}

#[test]
fn check_accepts_graph_presets() {
    let o = Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(["check", "--preset", "fan-out", "--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<&str> = j["tensors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["param"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["x", "y"]);
    close(j["tensors"][0]["analytic"][0][0].as_f64().unwrap(), 8.0);
    assert!((j["tensors"][0]["numerical"][0][0].as_f64().unwrap() - 8.0).abs() < 1e-6);
}

#[test]
fn a_graph_check_names_a_relu_node_whose_input_sits_within_h_of_the_kink() {
    use backstep::engine::check::CheckNote;
    // out = relu(x) ⊙ k: at x = 3e-7 the step h = 1e-4 straddles ReLU's kink at 0
    let g = graph(
        r#"
[inputs]
x = [[3e-7, 2.0]]
k = [[1.5, 0.0]]

[[nodes]]
name = "r"
type = "relu"
inputs = ["x"]

[[nodes]]
name = "out"
type = "mul"
inputs = ["r", "k"]
"#,
    );
    let report = g.gradient_check(1e-4, 1e-4).unwrap();
    assert!(!report.passed(), "the step straddles the kink");
    let [CheckNote::Kink(k)] = report.notes.as_slice() else {
        panic!("one kink note: {:?}", report.notes)
    };
    assert_eq!(
        (k.layer, k.layer_name.as_str(), k.near, k.cells),
        (0, "r", 1, 2)
    );
    let text = report.notes[0].text(report.h);
    assert!(
        text.starts_with("r: 1 of 2 input cells lies within h = 1.00e-4 of its kink at 0"),
        "{text}"
    );
    // the suggested step clears the kink, and the same graph passes without a note
    let h = k.suggested_h.unwrap();
    assert_eq!(h, 1e-8);
    let report = g.gradient_check(h, 1e-4).unwrap();
    assert!(report.passed(), "{:?}", report.tensors);
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    // and the command line prints the note
    let dir = TempDir::new("graph-kink");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("kink.toml");
    std::fs::write(
        &file,
        "[inputs]\nx = [[3e-7, 2.0]]\nk = [[1.5, 0.0]]\n[[nodes]]\nname = \"r\"\ntype = \"relu\"\n\
         inputs = [\"x\"]\n[[nodes]]\nname = \"out\"\ntype = \"mul\"\ninputs = [\"r\", \"k\"]\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(["check", "--preset"])
        .arg(&file)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!o.status.success(), "{out}");
    assert!(out.contains("r: 1 of 2 input cells"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn backward_notes_say_where_each_nodes_dout_comes_from() {
    // s feeds three nodes (m, a, out); m and a feed one each; out is the output.
    let g = graph(&format!(
        "[inputs]\nx = [[1.0, 2.0]]\ny = [[3.0, 4.0]]\nk = 2\n{}{}{}{}",
        node("s", "add", &["x", "y"]),
        node("m", "mul", &["s", "k"]),
        node("a", "add", &["m", "s"]),
        node("out", "add", &["a", "s"]),
    ));
    let run = g.run().unwrap();
    let steps = &run.run.tape.steps;
    // The note of a node's backward is on its first own step (after any Σ ds← steps).
    let note = |layer: usize| {
        steps
            .iter()
            .find(|s| {
                s.phase == backstep::engine::Phase::Backward
                    && s.layer == layer
                    && !s.label.starts_with("Σ ")
            })
            .map(|s| s.note.to_string())
            .unwrap()
    };
    assert!(
        note(3).starts_with("dout (1×2) is the starting gradient at the output out"),
        "{}",
        note(3)
    );
    assert!(note(2).starts_with("dout = ∂L/∂a = "), "{}", note(2));
    assert!(note(2).contains("arriving from out"), "{}", note(2));
    assert!(
        note(0).contains("s feeds 3 nodes (m, a, out), so its gradient is the sum of theirs"),
        "{}",
        note(0)
    );
    // Two Σ steps add s's three gradients: the first writes a partial sum, the last ds.
    let sums: Vec<&str> = run.nodes[0]
        .sum_steps
        .iter()
        .map(|&i| steps[i].writes.name.as_str())
        .collect();
    assert_eq!(sums, ["ds←m+a", "ds"]);
    // ds = 1 (via out) + 1 (via a) + 2 (via m, ×k)
    assert_eq!(run.nodes[0].dout, Matrix::from_elem((1, 2), 4.0));
    // The explorer's view of a × or + node shows its second input's gradient as the node's own:
    // dk = Σ s ⊙ dm = 4 + 6 for m = s·k.
    let m = &run.run.layers[1];
    assert_eq!(m.grads.len(), 1);
    assert_eq!(m.grads[0].param, backstep::engine::Param::Factor);
    assert_eq!(m.grads[0].value, Matrix::from_elem((1, 1), 10.0));
    assert_eq!(
        run.run.layers[2].grads[0].param,
        backstep::engine::Param::Bias
    );

    // A graph whose output is the loss starts backward from ∂L/∂L = 1.
    let g = graph(&format!(
        "t = [1]\n[inputs]\nx = [[1.0, 2.0]]\n{}",
        node("l", "softmax_with_loss", &["x"])
    ));
    let run = g.run().unwrap();
    let first = run
        .run
        .tape
        .steps
        .iter()
        .find(|s| s.phase == backstep::engine::Phase::Backward)
        .unwrap();
    assert!(
        first
            .note
            .to_string()
            .starts_with("Backward starts here, at the loss L = 0.3133, from ∂L/∂L = 1."),
        "{}",
        first.note
    );
}

fn trace(preset: &str, format: &str) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(["trace", "--preset", preset, "--format", format])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// The lines of the text trace's RESULT section (up to the figure).
fn result_section(text: &str) -> Vec<String> {
    let start = text.find("== RESULT ==").expect("a RESULT section");
    text[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn a_graph_trace_lists_every_inputs_total_gradient_then_each_edges_partial() {
    let text = trace("apple-orange", "text");
    let result = result_section(&text);
    for line in [
        "price = 715",
        "d apple = 2.2",
        "d apple_num = 110",
        "d orange = 3.3",
        "d orange_num = 165",
        "d tax = 650",
        "all_price → price: ∂price/∂all_price = 1.1",
        "tax → price: ∂price/∂tax = 650",
        "apple → apple_price: ∂price/∂apple = 2.2",
    ] {
        assert!(result.iter().any(|l| l == line), "{line} in {result:#?}");
    }
    // No chain words: a graph has no `b`, no `dx` of "the" input, no `dw` of a node.
    for chain_word in ["dx  =", ": dw =", ": db =", "out ="] {
        assert!(
            !result.iter().any(|l| l.contains(chain_word)),
            "{chain_word} in {result:#?}"
        );
    }
    // The totals come first, in the JSON's order and with its values.
    let json = trace_json("apple-orange");
    let totals: Vec<String> = result
        .iter()
        .filter(|l| l.starts_with("d "))
        .cloned()
        .collect();
    let from_json: Vec<String> = json["inputs"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, v)| (name.clone(), v["grad"][0][0].as_f64().unwrap()))
        .map(|(name, g)| format!("d {name} = {}", backstep::i18n::format::short(g)))
        .collect();
    let mut sorted_totals = totals.clone();
    sorted_totals.sort();
    let mut sorted_json = from_json.clone();
    sorted_json.sort();
    assert_eq!(sorted_totals, sorted_json);
}

#[test]
fn fan_out_marks_each_path_and_totals_the_shared_input() {
    let result = result_section(&trace("fan-out", "text"));
    for line in [
        "d x = 8",
        "d y = 3",
        "x → f: ∂f/∂x through f (one path) = 5",
        "x → s: ∂f/∂x through s (one path) = 3",
        "s → f: ∂f/∂s = 3",
    ] {
        assert!(result.iter().any(|l| l == line), "{line} in {result:#?}");
    }
    assert!(!result.iter().any(|l| l.contains("dw")), "{result:#?}");
    let md = trace("fan-out", "markdown");
    let results = &md[md.rfind("## Results").expect("a results section")..];
    for item in [
        "- `d x = 8`",
        "- `d y = 3`",
        "- `x → f: ∂f/∂x through f (one path) = 5`",
    ] {
        assert!(results.contains(item), "{item} in {results}");
    }
    assert_eq!(md.matches("## Results").count(), 1, "{md}");
    assert!(!results.contains("f: dw"), "{results}");
}

#[test]
fn a_graph_nodes_one_dimensional_parameters_are_flat_in_json() {
    // gamma and beta are 1-D like Affine's b: the node's params are flat arrays by type, not by
    // the parameter's name.
    let dir = TempDir::new("bn-graph");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bn.toml");
    std::fs::write(
        &path,
        r#"
title = "a BatchNorm node"
dout = [[1.0, 2.0], [0.5, -1.0]]
[inputs]
x = [[1.0, 2.0], [3.0, 5.0]]
[[nodes]]
name = "bn"
type = "batch_norm"
inputs = ["x"]
gamma = [1.0, 2.0]
beta = [0.0, 0.5]
"#,
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args([
            "trace",
            "--preset",
            path.to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    let params = &j["nodes"][0]["params"];
    for key in ["gamma", "beta"] {
        let v = params[key].as_array().unwrap();
        assert_eq!(v.len(), 2, "{key}: {params}");
        assert!(v.iter().all(Value::is_number), "{key} is flat: {params}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_graph_traces_pipeline_lists_its_nodes_with_their_inputs() {
    for format in ["text", "markdown"] {
        let out = trace("apple-orange", format);
        assert!(
            out.contains("nodes in order: apple_price = apple × apple_num; orange_price = orange × orange_num; all_price = apple_price + orange_price; price = all_price × tax"),
            "{out}"
        );
        assert!(!out.contains("apple_price 1×1 → orange_price"), "{out}");
    }
}

#[test]
fn exp_log_and_reciprocal_nodes_agree_with_finite_differences() {
    // out = log(s) ⊙ (1 / s) with s = exp(x) + p: s feeds two primitive nodes, so its gradient
    // is the sum of both paths; every input's gradient against central differences.
    let g = graph(
        r#"
[inputs]
x = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]
p = [[0.2, 1.0, 0.5], [2.0, 0.1, 3.0]]
[[nodes]]
name = "e"
type = "exp"
inputs = ["x"]
[[nodes]]
name = "s"
type = "add"
inputs = ["e", "p"]
[[nodes]]
name = "l"
type = "log"
inputs = ["s"]
[[nodes]]
name = "r"
type = "reciprocal"
inputs = ["s"]
[[nodes]]
name = "out"
type = "mul"
inputs = ["l", "r"]
"#,
    );
    let run = g.run().unwrap();
    for (analytic, numeric) in run.input_grads.iter().zip(numerical(&g)) {
        let err = (analytic - &numeric)
            .iter()
            .fold(0.0f64, |m, d| m.max(d.abs()));
        assert!(err < 1e-6, "{analytic} vs {numeric}");
    }
    let report = g.gradient_check(1e-4, 1e-6).unwrap();
    assert!(report.passed(), "{:?}", report.tensors);
    // the steps name the operands by their sources and the outputs by the nodes
    let labels: Vec<&str> = run
        .run
        .tape
        .steps
        .iter()
        .map(|s| s.formula.as_str())
        .collect();
    for want in [
        "e = exp(x)",
        "l = log(s)",
        "r = 1 / s",
        "dx = dout ⊙ exp(x)",
        "ds←l = dout / s",
        "ds←r = −dout ⊙ r²",
    ] {
        assert!(labels.contains(&want), "{want} not in {labels:?}");
    }
}

#[test]
fn sigmoid_graph_gives_the_sigmoid_layers_gradient() {
    use backstep::engine::layer::Sigmoid;
    use backstep::engine::{Layer, NoRecord};
    // The built-in through the CLI: x = −2, y = 1/(1 + e²), dx = y(1 − y).
    let j = trace_json("sigmoid-graph");
    let y = 1.0 / (1.0 + 2f64.exp());
    close(scalar(&j["out"]), y);
    close(scalar(&j["inputs"]["x"]["grad"]), y * (1.0 - y));
    let names: Vec<&str> = j["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["type"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["mul", "exp", "add", "reciprocal"]);
    // The same graph on the sigmoid preset's matrices and dout: dx equals the Sigmoid layer's.
    let x = array2(&[[-2.0, 0.0, 1.0], [0.5, -1.0, 3.0]]);
    let dout = array2(&[[1.0, 1.0, 1.0], [0.5, -2.0, 1.0]]);
    let text = backstep::preset::builtin_source("sigmoid-graph")
        .unwrap()
        .replace("x = -2.0", "x = [[-2.0, 0.0, 1.0], [0.5, -1.0, 3.0]]")
        .replacen(
            "[inputs]",
            "dout = [[1.0, 1.0, 1.0], [0.5, -2.0, 1.0]]\n[inputs]",
            1,
        );
    let g = graph(&text);
    let run = g.run().unwrap();
    let sigmoid = Layer::Sigmoid(Sigmoid);
    let (out, cache) = sigmoid.forward(&x, None, &mut NoRecord).unwrap();
    let (dx, _) = sigmoid.backward(&cache, &dout, &mut NoRecord).unwrap();
    let graph_out = &run.nodes.last().unwrap().out;
    assert!(
        (graph_out - &out).iter().all(|d| d.abs() < 1e-15),
        "{graph_out} vs {out}"
    );
    assert_eq!(g.inputs[0].0, "x");
    let graph_dx = &run.input_grads[0];
    assert!(
        (graph_dx - &dx).iter().all(|d| d.abs() < 1e-15),
        "{graph_dx} vs {dx}"
    );
}

fn array2(rows: &[[f64; 3]]) -> Matrix {
    Matrix::from_shape_vec((rows.len(), 3), rows.iter().flatten().copied().collect()).unwrap()
}

/// `backstep trace --preset FILE` on `text`: the exit code and stderr.
fn trace_file(text: &str) -> (i32, String) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "backstep-graph-domain-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(&path, text).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(["trace", "--preset"])
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(!err.contains("panicked"), "{err}");
    assert!(!String::from_utf8_lossy(&o.stdout).contains("NaN"));
    (o.status.code().unwrap_or(-1), err)
}

#[test]
fn log_of_a_value_at_most_zero_and_one_over_zero_are_errors_naming_the_node() {
    let (code, err) = trace_file(&format!(
        "[inputs]\na = [[2.0, -1.0]]\n{}",
        node("l", "log", &["a"])
    ));
    assert_ne!(code, 0);
    assert!(
        err.contains("node 1 (l): log is defined only above 0, but its input a[0,1] = -1"),
        "{err}"
    );
    let (_, err) = trace_file(&format!("[inputs]\na = 0\n{}", node("l", "log", &["a"])));
    assert!(
        err.contains("node 1 (l): log is defined only above 0"),
        "{err}"
    );
    let (code, err) = trace_file(&format!(
        "[inputs]\na = [[1.0], [0.0]]\nb = 1\n{}{}",
        node("m", "mul", &["a", "b"]),
        node("r", "reciprocal", &["m"])
    ));
    assert_ne!(code, 0);
    assert!(
        err.contains("node 2 (r): 1 / 0 is not a number, and its input m[1,0] = 0"),
        "{err}"
    );
    // exp overflows above about 709: the run says which node's output became inf
    let (code, err) = trace_file(&format!("[inputs]\na = 800\n{}", node("e", "exp", &["a"])));
    assert_ne!(code, 0);
    assert!(err.contains("node 1 (e) output became inf"), "{err}");
}
