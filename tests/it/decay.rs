//! Weight decay (6.4.2): `backstep train --weight-decay` against the book's `MultiLayerNet` run in
//! NumPy, its steps on the tape, and its errors.

use crate::support::temp::TempDir;
use std::process::{Command, Output};

use serde_json::Value;

fn backstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(args)
        .env_remove("BACKSTEP_LANG")
        .env("LANG", "C")
        .output()
        .unwrap()
}

fn temp_dir(name: &str) -> TempDir {
    TempDir::new(name)
}

/// A 3 → 4 → 3 net on its own 4 rows: with batch 4 every iteration uses every row in order, so
/// the run needs no random numbers and NumPy can repeat it.
const NET: &str = r#"title = "decay"
x = [[0.5, -1.0, 2.0], [1.5, 0.2, -0.3], [-0.7, 0.9, 0.4], [0.1, -0.2, -1.1]]
t = [0, 1, 2, 1]

[train]
data = "preset"
iters = 6
batch = 4
lr = 0.3
optimizer = "sgd"
weight_decay = 0.1

[[layers]]
type = "affine"
W = [[0.2, -0.5, 0.1, 0.7], [-0.3, 0.8, 0.5, -0.1], [0.6, 0.05, -0.4, 0.3]]
b = [0.1, 0.0, -0.1, 0.2]

[[layers]]
type = "relu"

[[layers]]
type = "affine"
W = [[0.3, -0.2, 0.5], [0.1, 0.4, -0.6], [-0.5, 0.2, 0.1], [0.7, -0.3, 0.2]]
b = [0.0, 0.1, -0.1]

[[layers]]
type = "softmax_with_loss"
"#;

/// The book's `MultiLayerNet.loss` and `gradient` (common/multi_layer_net.py) with its layers
/// (common/layers.py) and `SGD.update`, on the preset above; prints the loss after each update
/// (`network.loss(x_batch, t_batch)`), then W1 and W2, as JSON.
const BOOK: &str = r#"
import json, sys
import numpy as np
x = np.array([[0.5, -1.0, 2.0], [1.5, 0.2, -0.3], [-0.7, 0.9, 0.4], [0.1, -0.2, -1.1]])
t = np.array([0, 1, 2, 1])
params = {
  'W1': np.array([[0.2, -0.5, 0.1, 0.7], [-0.3, 0.8, 0.5, -0.1], [0.6, 0.05, -0.4, 0.3]]),
  'b1': np.array([0.1, 0.0, -0.1, 0.2]),
  'W2': np.array([[0.3, -0.2, 0.5], [0.1, 0.4, -0.6], [-0.5, 0.2, 0.1], [0.7, -0.3, 0.2]]),
  'b2': np.array([0.0, 0.1, -0.1]),
}
weight_decay_lambda = 0.1
lr = 0.3

def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)

def cross_entropy_error(y, t):
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size

def loss_and_grads(x, t):
    a1 = np.dot(x, params['W1']) + params['b1']
    mask = (a1 <= 0)
    z1 = a1.copy(); z1[mask] = 0
    a2 = np.dot(z1, params['W2']) + params['b2']
    y = softmax(a2)
    weight_decay = 0
    for idx in range(1, 3):
        W = params['W' + str(idx)]
        weight_decay += 0.5 * weight_decay_lambda * np.sum(W ** 2)
    loss = cross_entropy_error(y, t) + weight_decay
    dout = y.copy(); dout[np.arange(t.size), t] -= 1; dout = dout / t.size
    dW2 = np.dot(z1.T, dout); db2 = np.sum(dout, axis=0)
    dz1 = np.dot(dout, params['W2'].T); dz1[mask] = 0
    dW1 = np.dot(x.T, dz1); db1 = np.sum(dz1, axis=0)
    grads = {
      'W1': dW1 + weight_decay_lambda * params['W1'], 'b1': db1,
      'W2': dW2 + weight_decay_lambda * params['W2'], 'b2': db2,
    }
    return loss, grads

losses = []
for i in range(6):
    _, grads = loss_and_grads(x, t)
    for key in params.keys():
        params[key] -= lr * grads[key]
    losses.append(loss_and_grads(x, t)[0])
print(json.dumps({'loss': losses, 'W1': params['W1'].tolist(), 'W2': params['W2'].tolist()}))
"#;

fn numbers(v: &Value) -> Vec<f64> {
    match v {
        Value::Array(a) => a.iter().flat_map(numbers).collect(),
        Value::Number(n) => vec![n.as_f64().unwrap()],
        other => panic!("not a number: {other}"),
    }
}

fn close(what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{what}");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= 1e-12 * (1.0 + w.abs()),
            "{what}[{k}]: backstep {g}, NumPy {w}"
        );
    }
}

#[test]
fn training_with_weight_decay_is_the_books_multilayernet_in_numpy() {
    let dir = temp_dir("decay-numpy");
    let preset = dir.join("decay.toml");
    std::fs::write(&preset, NET).unwrap();
    let out = backstep(&[
        "train",
        "--preset",
        preset.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ours: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ours["config"]["weight_decay"], 0.1);
    let book = match Command::new("python3").arg("-c").arg(BOOK).output() {
        Ok(o) if o.status.success() => o,
        Ok(o) => {
            let err = String::from_utf8_lossy(&o.stderr);
            // the comparison needs NumPy; without it say so rather than fail on the machine
            assert!(err.contains("No module named 'numpy'"), "{err}");
            eprintln!("NumPy is not installed: the comparison with the book's loop was skipped");
            return;
        }
        Err(e) => {
            eprintln!("python3 is not installed ({e}): the comparison was skipped");
            return;
        }
    };
    let book: Value = serde_json::from_slice(&book.stdout).unwrap();
    close("loss", &numbers(&ours["loss"]), &numbers(&book["loss"]));
    close(
        "W1",
        &numbers(&ours["params"]["Affine1.W"]),
        &numbers(&book["W1"]),
    );
    close(
        "W2",
        &numbers(&ours["params"]["Affine2.W"]),
        &numbers(&book["W2"]),
    );
    // and the decay mattered: without it the weights end elsewhere
    let plain = backstep(&[
        "train",
        "--preset",
        preset.to_str().unwrap(),
        "--weight-decay",
        "0",
        "--format",
        "json",
    ]);
    let plain: Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(plain["config"].get("weight_decay").is_none());
    let (a, b) = (
        numbers(&plain["params"]["Affine1.W"]),
        numbers(&ours["params"]["Affine1.W"]),
    );
    assert!(a.iter().zip(&b).any(|(x, y)| (x - y).abs() > 1e-3));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_tape_shows_the_decay_term_joining_the_loss_and_the_gradient() {
    let dir = temp_dir("decay-trace");
    let preset = dir.join("decay.toml");
    std::fs::write(&preset, NET).unwrap();
    let out = backstep(&[
        "trace",
        "--preset",
        preset.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps = v["steps"].as_array().unwrap();
    let ops: Vec<&str> = steps.iter().map(|s| s["op"].as_str().unwrap()).collect();
    let at = |op: &str| ops.iter().position(|o| *o == op).unwrap();
    // W1's and W2's terms, then the loss, at the end of the forward pass
    let w1 = at("weight_decay += 0.5·λ·Σ W1²");
    assert_eq!(ops[w1 + 1], "weight_decay += 0.5·λ·Σ W2²");
    assert_eq!(ops[w1 + 2], "L + weight_decay");
    assert_eq!(steps[w1 + 2]["phase"], "forward");
    assert_eq!(steps[w1 + 3]["phase"], "backward");
    // 0.5·0.1·ΣW1² + 0.5·0.1·ΣW2², by hand: ΣW1² = 2.3925, ΣW2² = 1.83
    let decay = steps[w1 + 1]["value"][0][0].as_f64().unwrap();
    assert!((decay - 0.05 * (2.3925 + 1.83)).abs() < 1e-12, "{decay}");
    let total = steps[w1 + 2]["value"][0][0].as_f64().unwrap();
    assert_eq!(v["loss"].as_f64().unwrap(), total);
    // each dW gains λ·W, after its layer's backward and before the update reads it
    let grads: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| **o == "dW + λ·W")
        .map(|(k, _)| k)
        .collect();
    assert_eq!(grads.len(), 2);
    assert!(grads.iter().all(|&k| steps[k]["phase"] == "backward"));
    let dw2 = &steps[grads[0]]["value"];
    assert_eq!(&v["layers"][2]["grads"]["W"], dw2);
    let update = steps
        .iter()
        .find(|s| s["phase"] == "update" && s["layer"] == 2 && s["op"] == "W ← W − lr·dW")
        .unwrap();
    let w2 = numbers(&v["layers"][2]["grads"]["W"]);
    let before = [
        0.3, -0.2, 0.5, 0.1, 0.4, -0.6, -0.5, 0.2, 0.1, 0.7, -0.3, 0.2,
    ];
    let after = numbers(&update["value"]);
    for k in 0..12 {
        assert!((after[k] - (before[k] - 0.3 * w2[k])).abs() < 1e-15);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_bad_weight_decay_exits_2_naming_the_flag_or_the_line() {
    for bad in ["-0.1", "nan", "fast"] {
        let out = backstep(&["train", "--preset", "train-xor", "--weight-decay", bad]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert!(err.contains("--weight-decay"), "{bad}: {err}");
    }
    let out = backstep(&[
        "compare",
        "--preset",
        "train-xor",
        "--vary",
        "lr=0.1,0.2",
        "--weight-decay",
        "-1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--weight-decay is -1"));
    let dir = temp_dir("decay-bad");
    let preset = dir.join("decay.toml");
    std::fs::write(
        &preset,
        NET.replace("weight_decay = 0.1", "weight_decay = -0.5"),
    )
    .unwrap();
    let out = backstep(&["train", "--preset", preset.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("line 11") && err.contains("weight_decay is -0.5"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_explorer_walks_the_decay_steps_with_their_lines_panes_and_notes() {
    use backstep::engine::{Op, op::Decay};
    use backstep::i18n::{self, Lang};
    use backstep::preset::Preset;
    use backstep::tui::app::App;
    use ratatui::crossterm::event::KeyCode;

    use crate::support::driver::{press, screen};

    let dir = temp_dir("decay-tui");
    let path = dir.join("decay.toml");
    std::fs::write(&path, NET).unwrap();
    i18n::scoped(Lang::Zh, || {
        let mut app = App::new(Preset::from_file(&path).unwrap()).unwrap();
        let steps = app.run().tape.len();
        let mut seen = Vec::new();
        for _ in 0..steps {
            let step = app.current().unwrap().clone();
            if let Op::Decay(d) = step.op {
                let text = screen(&app, 120, 36);
                let titles: Vec<String> = app.panes().iter().map(|p| p.title.clone()).collect();
                match d {
                    Decay::Term { .. } => {
                        assert!(titles.contains(&"weight_decay".to_string()), "{titles:?}");
                        assert!(titles.iter().any(|t| t == "W1" || t == "W2"), "{titles:?}");
                        assert!(text.contains("加到权值衰减项上"), "{text}");
                    }
                    Decay::Loss => {
                        assert!(titles.contains(&"L".to_string()), "{titles:?}");
                        assert!(text.contains("数据的损失"), "{text}");
                    }
                    Decay::Grad { .. } => {
                        assert!(titles.contains(&"dW".to_string()), "{titles:?}");
                        assert!(text.contains("衰减项对 W 的梯度是 λ·W"), "{text}");
                    }
                }
                assert!(text.contains("numpy ›"), "{text}");
                // Enter explains the written cell, the sum of its terms
                press(&mut app, KeyCode::Enter);
                let popup = screen(&app, 120, 36);
                assert!(popup.contains("[0,0]"), "{popup}");
                press(&mut app, KeyCode::Esc);
                seen.push(step.label.clone());
            }
            press(&mut app, KeyCode::Right);
        }
        assert_eq!(
            seen,
            [
                "weight_decay += 0.5·λ·Σ W1²",
                "weight_decay += 0.5·λ·Σ W2²",
                "L + weight_decay",
                "dW + λ·W",
                "dW + λ·W"
            ]
        );
    });
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_decay_steps_screens_and_popups_have_no_word_outside_the_catalogs() {
    use backstep::engine::Op;
    use backstep::i18n::{self, Lang};
    use backstep::preset::Preset;
    use backstep::tui::app::App;
    use ratatui::crossterm::event::KeyCode;

    use crate::support::driver::{press, screen};
    use crate::support::words::untranslated_except;

    let dir = temp_dir("decay-words");
    let path = dir.join("decay.toml");
    std::fs::write(&path, NET).unwrap();
    let names = [dir.to_str().unwrap(), "decay.toml", "decay"];
    // the book's NumPy line is never translated
    let words = |text: &str| {
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("\" numpy › "))
            .collect();
        untranslated_except(&kept.join("\n"), &names)
    };
    i18n::scoped(Lang::Pseudo, || {
        let mut app = App::new(Preset::from_file(&path).unwrap()).unwrap();
        let steps = app.run().tape.len();
        let mut seen = 0;
        for _ in 0..steps {
            if matches!(app.current().unwrap().op, Op::Decay(_)) {
                seen += 1;
                for (w, h) in [(80, 24), (120, 36)] {
                    let text = screen(&app, w, h);
                    let stray = words(&text);
                    assert!(stray.is_empty(), "{stray:?} in\n{text}");
                }
                press(&mut app, KeyCode::Enter);
                let popup = screen(&app, 120, 36);
                let mut stray = words(&popup);
                // the popup's border cuts the title of the pane below it (`wei┌`)
                stray.retain(|w| !"weight_decay".starts_with(w.as_str()));
                assert!(stray.is_empty(), "{stray:?} in\n{popup}");
                press(&mut app, KeyCode::Esc);
            }
            press(&mut app, KeyCode::Right);
        }
        assert_eq!(seen, 5);
    });
    std::fs::remove_dir_all(&dir).ok();
}
