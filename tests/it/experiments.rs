//! Chapter 6's experiments through the real binary and the library: the `tanh` layer, initial
//! weights (Xavier, He), weight decay, the training-set size and epochs, activation histograms.

use std::path::PathBuf;

use serde_json::Value;

use crate::support::cli::{backstep, stderr, stdout};

/// A preset file in a folder of this test's own.
fn preset_file(test: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("backstep-exp-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("p.toml");
    std::fs::write(&path, text).unwrap();
    path
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
