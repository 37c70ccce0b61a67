//! Chapter 6's labs of initial weights and weight decay: `compare`'s `init` and `weight_decay`
//! keys (each run is the matching `train` run), the book's qualitative results (Figs. 6-15 and
//! 6-21, short), and every lab on MNIST-shaped data (the first layer follows the data's width).

use serde_json::Value;

use crate::compare::{backstep, json, late_loss, runs};

fn losses(run: &Value) -> Vec<f64> {
    run["loss"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect()
}

#[test]
fn init_and_weight_decay_runs_are_the_train_runs_with_that_flag() {
    for (vary, flag) in [
        ("init=std:0.01,xavier,he", "--init"),
        ("weight_decay=0,0.1", "--weight-decay"),
    ] {
        let compared = runs(&[
            "--preset",
            "train-digits",
            "--vary",
            vary,
            "--iters",
            "8",
            "--seed",
            "2",
        ]);
        for (value, run) in &compared {
            let trained = json(&[
                "train",
                "--preset",
                "train-digits",
                flag,
                value,
                "--iters",
                "8",
                "--seed",
                "2",
                "--format",
                "json",
            ]);
            assert_eq!(run, &trained, "{vary}: the run of {value}");
        }
        assert_ne!(compared[0].1["loss"], compared[1].1["loss"], "{vary}");
    }
}

#[test]
fn bad_init_and_weight_decay_values_exit_2_naming_the_flag() {
    for (vary, says) in [
        ("init=glorot", "std:S (a standard deviation above 0"),
        ("init=std:-1", "\"std:-1\" is not a value"),
        ("weight_decay=-0.1", "a weight decay λ from 0"),
        ("weight_decay=0,0", "given twice"),
    ] {
        let out = backstep(&["compare", "--preset", "train-digits", "--vary", vary]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{vary}: {err}");
        assert!(
            err.contains(&format!("--vary {vary}")) && err.contains(says),
            "{vary}: {err}"
        );
    }
}

#[test]
fn lab_init_std_001_stays_near_ln_10_while_he_learns() {
    // Fig. 6-15, short: 120 of the book's 2,000 iterations
    let compared = runs(&["--preset", "lab-init", "--iters", "120"]);
    let names: Vec<&str> = compared.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(names, ["std:0.01", "xavier", "he"]);
    let ln10 = 10f64.ln();
    let std = late_loss(&compared[0].1, 20);
    let he = late_loss(&compared[2].1, 20);
    assert!((std - ln10).abs() < 0.02, "std 0.01 left ln 10: {std}");
    assert!(he < ln10 - 0.5, "He did not learn: {he}");
    // the same random numbers, scaled: every W of He is √(2/n)/0.01 times std 0.01's at the start
    let first = |v: &Value| v["params"]["Affine2.W"][0][0].as_f64().unwrap();
    assert!(first(&compared[0].1) != first(&compared[2].1));
}

#[test]
fn lab_weight_decay_narrows_the_train_test_gap() {
    // Fig. 6-21 on 300 digits: without decay the net fits its 300 rows and leaves the test rows
    // behind; λ = 0.1 keeps train and test accuracy closer
    let compared = runs(&["--preset", "lab-weight-decay", "--iters", "300"]);
    assert_eq!(compared[0].0, "0");
    assert_eq!(compared[1].0, "0.1");
    let gap = |v: &Value| {
        v["final"]["train_acc"].as_f64().unwrap() - v["final"]["test_acc"].as_f64().unwrap()
    };
    let (plain, decayed) = (gap(&compared[0].1), gap(&compared[1].1));
    assert!(
        decayed < plain,
        "gap without {plain}, with λ = 0.1 {decayed}"
    );
    assert_eq!(compared[0].1["data"]["train"], 300);
    assert_eq!(compared[1].1["config"]["weight_decay"], 0.1);
    assert!(compared[0].1["config"].get("weight_decay").is_none());
}

#[test]
fn every_lab_trains_on_mnist_with_a_first_layer_of_784_rows() {
    // 310 training images (lab-weight-decay keeps the first 300) and 20 test images of 28×28
    use backstep::engine::data::idx::{encode_images, encode_labels};
    let dir = crate::training::temp_dir("labs-mnist");
    std::fs::create_dir_all(&dir).unwrap();
    let pixels = |n: usize| {
        (0..n * 784)
            .map(|i| (i * 7 % 256) as u8)
            .collect::<Vec<u8>>()
    };
    let labels = |n: usize| (0..n).map(|i| (i % 10) as u8).collect::<Vec<u8>>();
    for (name, bytes) in [
        (
            "train-images-idx3-ubyte",
            encode_images(&pixels(310), 310, 28, 28),
        ),
        ("train-labels-idx1-ubyte", encode_labels(&labels(310))),
        (
            "t10k-images-idx3-ubyte",
            encode_images(&pixels(20), 20, 28, 28),
        ),
        ("t10k-labels-idx1-ubyte", encode_labels(&labels(20))),
    ] {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let data = format!("mnist:{}", dir.display());
    // the `lab-*` built-ins have a [compare] section; `init-*` are histogram nets without one
    let labs = backstep::preset::LAB_BUILTINS
        .iter()
        .filter(|lab| lab.name.starts_with("lab-"));
    for lab in labs {
        let v = json(&[
            "compare", "--preset", lab.name, "--data", &data, "--iters", "2", "--format", "json",
        ]);
        for run in v["runs"].as_array().unwrap() {
            assert_eq!(run["data"]["features"], 784, "{}", lab.name);
            let w = run["params"]["Affine1.W"].as_array().unwrap();
            assert_eq!(w.len(), 784, "{}", lab.name);
        }
    }
    // He's scale follows the new n: √(2/784), not the digits' √(2/64)
    let v = json(&[
        "train", "--preset", "lab-init", "--data", &data, "--iters", "1", "--format", "json",
    ]);
    assert_eq!(v["data"]["features"], 784);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn compare_help_lists_every_key_and_iters_says_it_replaces_epochs() {
    use backstep::preset::compare::VaryKey;
    for lang in ["en", "zh", "ja"] {
        let help = backstep(&["--lang", lang, "compare", "--help"]);
        let text = String::from_utf8_lossy(&help.stdout);
        let about = text.lines().next().unwrap_or("");
        let words: Vec<&str> = about
            .split(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .collect();
        for key in VaryKey::ALL {
            assert!(words.contains(&key.as_str()), "{lang}: {key:?} in {about}");
        }
        for command in ["train", "compare"] {
            let help = backstep(&["--lang", lang, command, "--help"]);
            let text = String::from_utf8_lossy(&help.stdout);
            let iters = text
                .split("--iters")
                .nth(1)
                .and_then(|rest| rest.split("\n\n").next())
                .unwrap_or("");
            assert!(iters.contains("epochs"), "{lang} {command}: {iters}");
        }
    }
}
