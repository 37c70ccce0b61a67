//! `backstep histogram` (chapter 6.2.2): the counts against the book's
//! `weight_init_activation_histogram.py` run by NumPy on the same inputs and weights, the JSON
//! contract, the book's qualitative results, errors, and the screen through the key driver.

use std::io::Write as _;
use std::process::{Command, Stdio};

use backstep::engine::Layer;
use backstep::preset::{Init, Preset, TrainOverrides};
use backstep::tui::app::{App, HistogramView};
use ratatui::crossterm::event::KeyCode;
use serde_json::{Value, json};

use crate::support::cli::{backstep, stderr, stdout};
use crate::support::driver::{press, screen};

/// The book's script (ch06/weight_init_activation_histogram.py), its lines as written, with the
/// inputs and weights read from stdin instead of drawn by np.random, and `plt.hist(a.flatten(),
/// 30, range=(0,1))` counted by `np.histogram`, which is what plt.hist draws.
const BOOK: &str = r#"
import json, sys
import numpy as np

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

def ReLU(x):
    return np.maximum(0, x)

def tanh(x):
    return np.tanh(x)

case = json.load(sys.stdin)
input_data = np.array(case["x"])
ws = [np.array(w) for w in case["ws"]]
f = {"sigmoid": sigmoid, "relu": ReLU, "tanh": tanh}[case["act"]]
hidden_layer_size = 5
activations = {}
x = input_data
for i in range(hidden_layer_size):
    if i != 0:
        x = activations[i-1]
    w = ws[i]
    a = np.dot(x, w)
    z = f(a)
    activations[i] = z
out = []
for i, a in activations.items():
    flat = a.flatten()
    counts, edges = np.histogram(flat, 30, range=(0, 1))
    out.append({"counts": counts.tolist(), "edges": edges.tolist(),
                "below": int((flat < 0).sum()), "above": int((flat > 1).sum())})
print(json.dumps(out))
"#;

/// The input and the Affine weights of `preset` drawn with `init`, as the library loads them.
fn inputs_and_weights(preset: &str, init: Option<&str>) -> (Value, Vec<Value>) {
    let overrides = TrainOverrides {
        init: init.map(|i| Init::parse(i).unwrap()),
        ..TrainOverrides::default()
    };
    let p = Preset::resolve_with(preset, &overrides).unwrap();
    let rows = |m: &backstep::engine::Matrix| -> Value {
        m.rows()
            .into_iter()
            .map(|r| r.to_vec())
            .collect::<Vec<_>>()
            .into()
    };
    let ws = p
        .network
        .layers
        .iter()
        .filter_map(|l| match &l.layer {
            Layer::Affine(a) => {
                assert!(a.b.iter().all(|&b| b == 0.0), "the script has no bias");
                Some(rows(&a.w))
            }
            _ => None,
        })
        .collect();
    (rows(&p.inputs.x), ws)
}

/// The book's counts, or `None` (with the reason printed) without python3 and NumPy.
fn numpy(case: &Value) -> Option<Vec<Value>> {
    let Ok(mut child) = Command::new("python3")
        .args(["-c", BOOK])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("skipped: python3 is not installed");
        return None;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(case.to_string().as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    if !o.status.success() {
        let err = String::from_utf8_lossy(&o.stderr);
        if err.contains("No module named 'numpy'") {
            eprintln!("skipped: numpy is not installed");
            return None;
        }
        panic!("the book's code failed: {err}");
    }
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    Some(v.as_array().unwrap().clone())
}

/// `backstep histogram --format json` with `args`.
fn histogram_json(args: &[&str]) -> Value {
    let mut all = vec!["histogram", "--format", "json"];
    all.extend_from_slice(args);
    let o = backstep(&all);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn counts_match_the_books_script_on_the_same_inputs_and_weights() {
    let cases = [
        ("init-sigmoid", "sigmoid", None),
        ("init-sigmoid", "sigmoid", Some("std:0.01")),
        ("init-sigmoid", "sigmoid", Some("xavier")),
        ("init-tanh", "tanh", Some("xavier")),
        ("init-relu", "relu", Some("std:0.01")),
        ("init-relu", "relu", Some("he")),
    ];
    for (preset, act, init) in cases {
        let (x, ws) = inputs_and_weights(preset, init);
        let Some(book) = numpy(&json!({ "x": x, "ws": ws, "act": act })) else {
            return;
        };
        let mut args = vec!["--preset", preset];
        if let Some(i) = init {
            args.extend(["--init", i]);
        }
        let ours = histogram_json(&args);
        let layers = ours["layers"].as_array().unwrap();
        assert_eq!(layers.len(), 5, "{preset} {init:?}");
        for (k, (o, b)) in layers.iter().zip(&book).enumerate() {
            let what = format!("{preset} {init:?} layer {}", k + 1);
            assert_eq!(o["edges"], b["edges"], "{what}: edges");
            assert_eq!(o["counts"], b["counts"], "{what}: counts");
            assert_eq!(o["below"], b["below"], "{what}: below");
            assert_eq!(o["above"], b["above"], "{what}: above");
        }
    }
}

/// Layer `k`'s counts.
fn counts(v: &Value, k: usize) -> Vec<u64> {
    v["layers"][k]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap())
        .collect()
}

#[test]
fn the_json_holds_every_value_of_every_hidden_layer() {
    let v = histogram_json(&["--preset", "init-tanh"]);
    assert_eq!(v["preset"], "init-tanh");
    assert_eq!(v["init"], "preset");
    assert_eq!(v["samples"], 1000);
    let names: Vec<&str> = v["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Tanh1", "Tanh2", "Tanh3", "Tanh4", "Tanh5"]);
    for (k, l) in v["layers"].as_array().unwrap().iter().enumerate() {
        let edges = l["edges"].as_array().unwrap();
        assert_eq!(edges.len(), 31);
        assert_eq!(
            (edges[0].as_f64(), edges[30].as_f64()),
            (Some(0.0), Some(1.0))
        );
        let total: u64 = counts(&v, k).iter().sum::<u64>()
            + l["below"].as_u64().unwrap()
            + l["above"].as_u64().unwrap();
        assert_eq!(total, 100_000, "1,000 inputs × 100 nodes");
        // tanh is odd and the inputs are symmetric: about half the values are below 0
        let below = l["below"].as_u64().unwrap();
        assert!((45_000..55_000).contains(&below), "{below}");
    }
    assert_eq!(
        histogram_json(&["--preset", "init-tanh", "--init", "he"])["init"],
        "he"
    );
}

#[test]
fn the_books_figures_show() {
    // Fig. 6-10: std 1 pushes Sigmoid's outputs to 0 and 1 (the gradient vanishes)
    let v = histogram_json(&["--preset", "init-sigmoid"]);
    for k in 0..5 {
        let c = counts(&v, k);
        let ends = c[0] + c[29];
        let middle: u64 = c[10..20].iter().sum();
        assert!(ends > 4 * middle, "layer {k}: {c:?}");
    }
    // Fig. 6-11: std 0.01 gathers them at 0.5 (every node says the same)
    let v = histogram_json(&["--preset", "init-sigmoid", "--init", "std:0.01"]);
    for k in 0..5 {
        let c = counts(&v, k);
        let near_half: u64 = c[13..17].iter().sum();
        assert!(near_half >= 99_000, "layer {k}: {c:?}");
    }
    // Fig. 6-12: Xavier keeps them spread: no bin holds a third of them
    let v = histogram_json(&["--preset", "init-sigmoid", "--init", "xavier"]);
    for k in 0..5 {
        let c = counts(&v, k);
        assert!(c.iter().all(|&n| n < 33_000), "layer {k}: {c:?}");
        assert!(
            c.iter().filter(|&&n| n > 1_000).count() >= 8,
            "layer {k}: {c:?}"
        );
    }
    // Fig. 6-14: ReLU with std 0.01 shrinks layer by layer to 0; He keeps the layers alike
    let v = histogram_json(&["--preset", "init-relu", "--init", "std:0.01"]);
    assert!(counts(&v, 4)[0] == 100_000, "{:?}", counts(&v, 4));
    let v = histogram_json(&["--preset", "init-relu", "--init", "he"]);
    let zeros: Vec<u64> = (0..5).map(|k| counts(&v, k)[0]).collect();
    assert!(
        zeros.iter().all(|&z| (40_000..70_000).contains(&z)),
        "{zeros:?}"
    );
}

#[test]
fn text_is_a_row_per_bin_and_a_column_per_layer() {
    let o = backstep(&["histogram", "--preset", "init-relu", "--format", "text"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("init-relu — Activation histograms: ReLU, W std 1"),
        "{out}"
    );
    assert!(
        lines[1].starts_with(
            "1000 inputs · 5 activation layers · W as the preset draws it · 30 bins over [0, 1]"
        ),
        "{out}"
    );
    assert!(
        lines[3].starts_with("bin") && lines[3].ends_with("ReLU5"),
        "{out}"
    );
    assert!(lines[4].starts_with("[0.000, 0.033)"), "{out}");
    assert!(lines[33].starts_with("[0.967, 1.000]"), "{out}");
    assert!(lines[34].starts_with("below 0"), "{out}");
    assert!(lines[35].starts_with("above 1"), "{out}");
    assert_eq!(lines.len(), 36, "{out}");
    // the text says the same counts as the JSON
    let v = histogram_json(&["--preset", "init-relu"]);
    let first: Vec<u64> = lines[4]
        .split_whitespace()
        .skip(2)
        .map(|c| c.parse().unwrap())
        .collect();
    let json_first: Vec<u64> = (0..5).map(|k| counts(&v, k)[0]).collect();
    assert_eq!(first, json_first);
}

#[test]
fn errors_exit_2_and_name_the_flag_or_the_preset() {
    let cases: [(&[&str], &str); 6] = [
        (&["--init", "lecun"], "--init"),
        (&["--init", "std:-1"], "--init"),
        (&["--format", "csv"], "--format"),
        (&["--threads", "0"], "--threads"),
        (&["--preset", "no-such-preset"], "no-such-preset"),
        (&["--preset", "apple-orange"], "graph"),
    ];
    for (args, needle) in cases {
        let mut all = vec!["histogram"];
        all.extend_from_slice(args);
        let o = backstep(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
    }
    // a net without an activation layer has nothing to count
    let o = backstep(&["histogram", "--preset", "affine"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no activation layer"), "{}", stderr(&o));
    // a literal W cannot be redrawn
    let o = backstep(&["histogram", "--preset", "two-layer", "--init", "he"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("init = he"), "{}", stderr(&o));
}

#[test]
fn any_net_with_hidden_layers_has_histograms() {
    // a training preset: the first 1,000 training rows of its data
    let v = histogram_json(&["--preset", "lab-optimizers"]);
    assert_eq!(v["samples"], 1000);
    assert_eq!(v["layers"].as_array().unwrap().len(), 4);
    assert_eq!(v["layers"][3]["name"], "ReLU4");
    // a small one: its own x
    let v = histogram_json(&["--preset", "two-layer"]);
    assert_eq!(v["samples"], 2);
    assert_eq!(v["layers"][0]["name"], "ReLU");
}

/// The screen as `backstep histogram --preset NAME` opens it.
fn histogram_app(preset: &str, init: Option<&str>) -> App {
    let overrides = TrainOverrides {
        init: init.map(|i| Init::parse(i).unwrap()),
        ..TrainOverrides::default()
    };
    let p = Preset::resolve_with(preset, &overrides).unwrap();
    let h = p.histograms().unwrap();
    let view = HistogramView::of(&p, overrides.init, h);
    let mut app = App::new(p).unwrap();
    app.set_theme(backstep::tui::theme::Theme { colour: false });
    app.open_histogram(view);
    app
}

#[test]
fn the_screen_draws_every_layer_side_by_side() {
    let app = histogram_app("init-sigmoid", None);
    let small = screen(&app, 80, 24);
    insta::assert_snapshot!("histogram_sigmoid_80x24", small);
    for name in [
        "Sigmoid1",
        "Sigmoid5",
        "below 0",
        "above 1",
        "? help",
        "Esc leave",
    ] {
        assert!(small.contains(name), "{name}: {small}");
    }
    let app = histogram_app("init-relu", Some("he"));
    let large = screen(&app, 120, 36);
    insta::assert_snapshot!("histogram_relu_he_120x36", large);
    assert!(large.contains("W drawn with --init he"), "{large}");
}

#[test]
fn help_lists_the_screens_keys_first_and_esc_leaves() {
    let mut app = histogram_app("init-tanh", Some("xavier"));
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&app, 120, 36);
    assert!(help.contains("On the histogram screen"), "{help}");
    assert!(help.contains("leave the histogram screen"), "{help}");
    press(&mut app, KeyCode::Esc);
    assert!(
        app.histogram_view().is_some(),
        "Esc closes the help, back to the screen"
    );
    assert!(!app.should_quit());
    press(&mut app, KeyCode::Esc);
    assert!(app.should_quit(), "Esc leaves the screen");
    let mut app = histogram_app("init-tanh", None);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit(), "q leaves too");
}

#[test]
fn i_redraws_with_the_next_init_as_the_command_line_would() {
    let mut app = histogram_app("init-sigmoid", None);
    press(&mut app, KeyCode::Char('i'));
    let view = app.histogram_view().unwrap().clone();
    assert_eq!(view.init, Some(Init::Std(0.01)));
    let cli = histogram_json(&["--preset", "init-sigmoid", "--init", "std:0.01"]);
    for (k, layer) in view.layers.iter().enumerate() {
        assert_eq!(layer.histogram.counts, counts(&cli, k), "layer {k}");
    }
    assert!(screen(&app, 80, 24).contains("W drawn with --init std:0.01"));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('i'));
    }
    let back = app.histogram_view().unwrap();
    assert_eq!(back.init, None, "xavier, he, then the preset's own again");
    let own = histogram_json(&["--preset", "init-sigmoid"]);
    assert_eq!(back.layers[4].histogram.counts, counts(&own, 4));
    // a training preset would load its data again: i says to use --init
    let mut app = histogram_app("lab-optimizers", None);
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(app.histogram_view().unwrap().init, None);
    assert!(
        app.status().unwrap_or_default().contains("--init"),
        "{:?}",
        app.status()
    );
    // a W written out has no generator to redraw: an error, and nothing changes
    let mut app = histogram_app("two-layer", None);
    let before = app.histogram_view().unwrap().clone();
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(app.histogram_view().unwrap(), &before);
    assert!(
        app.status().unwrap_or_default().contains("init = std:0.01"),
        "{:?}",
        app.status()
    );
}
