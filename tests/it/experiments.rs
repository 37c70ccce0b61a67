//! Chapter 6's experiments through the real binary and the library: the `tanh` layer, initial
//! weights (Xavier, He), weight decay, the training-set size and epochs, activation histograms.

use backstep::preset::{Init, Preset, Source, TrainOverrides};
use serde_json::Value;

use crate::support::cli::{backstep, stderr, stdout};
use crate::support::temp::TempFile;

/// A preset file in a folder of this test's own, removed when it is dropped.
fn preset_file(test: &str, text: &str) -> TempFile {
    TempFile::new(&format!("exp-{test}"), "p.toml", text)
}

#[test]
fn a_tanh_layer_traces_its_forward_and_backward_step_with_numpy_lines() {
    let path = preset_file(
        "tanh",
        "x = [[0.0, 1.0, -2.0]]\ndout = [[1.0, 2.0, 1.0]]\n[[layers]]\ntype = \"tanh\"\n",
    );
    let o = backstep(&[
        "trace",
        "--preset",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["layers"][0]["type"], "tanh");
    assert_eq!(v["layers"][0]["name"], "Tanh");
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2, "{steps:?}");
    assert_eq!(steps[0]["phase"], "forward");
    assert_eq!(steps[0]["op"], "tanh(x)");
    assert_eq!(steps[0]["formula"], "y = tanh(x)");
    assert_eq!(steps[1]["phase"], "backward");
    assert_eq!(steps[1]["formula"], "dx = dout ⊙ (1 − y ⊙ y)");
    // tanh(1) = 0.7615941559557649; dx = dout·(1 − y²) (independent numbers, Python's math.tanh)
    let out = v["out"][0].as_array().unwrap();
    assert!((out[1].as_f64().unwrap() - 0.7615941559557649).abs() < 1e-15);
    let dx = v["dx"][0].as_array().unwrap();
    for (got, want) in dx
        .iter()
        .zip([1.0, 0.8399486832280523, 0.07065082485316443])
    {
        assert!((got.as_f64().unwrap() - want).abs() < 1e-15, "{dx:?}");
    }
    let md = backstep(&[
        "trace",
        "--preset",
        path.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    let md = stdout(&md);
    assert!(md.contains("out = np.tanh(x); self.out = out"), "{md}");
    assert!(md.contains("dx = dout * (1.0 - self.out**2)"), "{md}");
    // and its gradient check passes
    let o = backstep(&["check", "--preset", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
}

// ---- Initial weights (6.2) ----
//
// Independent numbers: SplitMix64 and Box–Muller re-implemented in Python (u1 = 1 − uniform,
// u2 = uniform, z = √(−2 ln u1)·cos(2π u2)), times the book's MultiLayerNet scale
// np.sqrt(1.0 / n) or np.sqrt(2.0 / n), n = the rows of W.

fn first_row(m: &backstep::engine::Matrix, n: usize) -> Vec<f64> {
    m.row(0).iter().take(n).copied().collect()
}

fn assert_close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g - w).abs() <= 1e-15 * w.abs().max(1.0),
            "got {got:?}\nwant {want:?}"
        );
    }
}

fn affine_w(preset: &Preset, layer: usize) -> backstep::engine::Matrix {
    preset.network.layers[layer]
        .layer
        .params()
        .into_iter()
        .find(|(k, _)| *k == "W")
        .unwrap()
        .1
        .clone()
}

fn one_affine(w: &str) -> String {
    format!(
        "x = [[1.0, 2.0, 3.0, 4.0]]\n[[layers]]\ntype = \"affine\"\nW = {w}\nb = [0.0, 0.0, 0.0]\n"
    )
}

#[test]
fn a_generator_with_init_xavier_or_he_scales_by_the_rows_of_w() {
    let drawn = |w: &str| {
        let p = Preset::from_toml(&one_affine(w), Source::Builtin("t".into())).unwrap();
        first_row(&affine_w(&p, 0), 3)
    };
    // n = 4 rows: He √(2/4), Xavier √(1/4), of the seed-1 normals
    // -0.034267321791851144, -2.5000674933698677, 0.08772246831488635
    assert_close(
        &drawn(r#"{ random = "normal", shape = [4, 3], init = "he", seed = 1 }"#),
        &[-0.0242306556121195, -1.7678146779858874, 0.0620291522078782],
    );
    assert_close(
        &drawn(r#"{ random = "normal", shape = [4, 3], init = "xavier", seed = 1 }"#),
        &[
            -0.017133660895925572,
            -1.2500337466849338,
            0.043861234157443175,
        ],
    );
    // init = "std" uses scale, as before
    assert_close(
        &drawn(r#"{ random = "normal", shape = [4, 3], init = "std", scale = 0.05, seed = 1 }"#),
        &drawn(r#"{ random = "normal", shape = [4, 3], scale = 0.05, seed = 1 }"#),
    );
}

#[test]
fn a_generator_init_that_cannot_be_honoured_is_an_error_naming_it() {
    for (w, says) in [
        (
            r#"{ random = "normal", shape = [4, 3], init = "he", scale = 0.1, seed = 1 }"#,
            "remove scale",
        ),
        (
            r#"{ random = "uniform", shape = [4, 3], init = "xavier" }"#,
            "random = \"normal\"",
        ),
        (
            r#"{ random = "normal", shape = [4, 3], init = "glorot" }"#,
            "W.init",
        ),
    ] {
        let err = Preset::from_toml(&one_affine(w), Source::Builtin("t".into())).unwrap_err();
        let err = format!("{err:#}");
        assert!(err.contains(says), "{w}: {err}");
        assert!(err.contains("line 4"), "{w}: {err}");
    }
}

#[test]
fn train_init_redraws_every_affine_w_with_its_own_shape_and_seed() {
    // train-xor: W1 2×8 seed 1 (scale 1.0), W2 8×2 seed 2 (scale 0.1)
    let he = TrainOverrides {
        init: Some(Init::He),
        ..TrainOverrides::default()
    };
    let p = Preset::resolve_with("train-xor", &he).unwrap();
    assert_close(
        &first_row(&affine_w(&p, 0), 2),
        &[-0.034267321791851144, -2.5000674933698677],
    );
    assert_close(
        &first_row(&affine_w(&p, 2), 2),
        &[-0.0035730113400503543, 0.06508439262602611],
    );
    // [train] init in the file does the same; --init wins over it
    let text = backstep::preset::builtin_source("train-digits")
        .unwrap()
        .replace("[train]\n", "[train]\ninit = \"xavier\"\n");
    let p = Preset::from_toml(&text, Source::Builtin("d".into())).unwrap();
    assert_close(
        &first_row(&affine_w(&p, 0), 2),
        &[-0.004283415223981393, -0.31250843667123346],
    );
    let std = TrainOverrides {
        init: Some(Init::Std(0.05)),
        ..TrainOverrides::default()
    };
    let p = Preset::from_toml_with(&text, Source::Builtin("d".into()), &std).unwrap();
    assert_close(
        &first_row(&affine_w(&p, 0), 2),
        &[-0.0017133660895925574, -0.1250033746684934],
    );
}

#[test]
fn train_init_flag_reaches_the_run_and_bad_values_exit_2_naming_it() {
    let o = backstep(&[
        "train",
        "--preset",
        "train-xor",
        "--init",
        "he",
        "--iters",
        "1",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plain = backstep(&[
        "train",
        "--preset",
        "train-xor",
        "--iters",
        "1",
        "--format",
        "json",
    ]);
    let (a, b): (Value, Value) = (
        serde_json::from_str(&stdout(&o)).unwrap(),
        serde_json::from_str(&stdout(&plain)).unwrap(),
    );
    assert_ne!(a["loss"], b["loss"], "--init he must change the run");
    for bad in ["std", "glorot", "std:-1"] {
        let o = backstep(&[
            "train",
            "--preset",
            "train-xor",
            "--init",
            bad,
            "--iters",
            "1",
        ]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains("--init"), "{bad}: {}", stderr(&o));
    }
    // a written-out W has no seed to keep
    let path = preset_file(
        "init-literal",
        "[train]\ndata = \"xor\"\ninit = \"he\"\n[[layers]]\ntype = \"affine\"\nW = [[1.0, 0.0], [0.0, 1.0]]\nb = [0.0, 0.0]\n[[layers]]\ntype = \"softmax_with_loss\"\n",
    );
    let o = backstep(&["train", "--preset", path.to_str().unwrap(), "--iters", "1"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("init = he") && err.contains("generator"),
        "{err}"
    );
}
