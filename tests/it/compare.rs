//! Chapter 6's experiments side by side: `backstep compare` (each run is the matching `train` run), its
//! errors, and the labs' qualitative results (short runs of the book's figures).

use crate::support::temp::TempDir;
use std::process::{Command, Output};

use serde_json::Value;

pub(crate) fn backstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(args)
        .env_remove("BACKSTEP_LANG")
        .env("LANG", "C")
        .output()
        .unwrap()
}

pub(crate) fn json(args: &[&str]) -> Value {
    let out = backstep(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The runs of a `compare --format json`, by value.
pub(crate) fn runs(args: &[&str]) -> Vec<(String, Value)> {
    let mut all = vec!["compare", "--format", "json"];
    all.extend_from_slice(args);
    let v = json(&all);
    v["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut r = r.clone();
            let value = r["value"].as_str().unwrap().to_string();
            r.as_object_mut().unwrap().remove("value");
            (value, r)
        })
        .collect()
}

/// The mean of the last `n` recorded losses of a run.
pub(crate) fn late_loss(run: &Value, n: usize) -> f64 {
    let loss: Vec<f64> = run["loss"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    loss[loss.len() - n..].iter().sum::<f64>() / n as f64
}

#[test]
fn each_compared_run_is_the_train_run_with_that_setting_loss_for_loss() {
    for (vary, flag) in [
        ("optimizer=sgd,adam", "--optimizer"),
        ("lr=0.1,0.05", "--lr"),
        ("batch=50,1437", "--batch"),
    ] {
        let compared = runs(&[
            "--preset",
            "train-digits",
            "--vary",
            vary,
            "--iters",
            "12",
            "--seed",
            "3",
        ]);
        assert_eq!(compared.len(), 2, "{vary}");
        for (value, run) in &compared {
            let trained = json(&[
                "train",
                "--preset",
                "train-digits",
                flag,
                value,
                "--iters",
                "12",
                "--seed",
                "3",
                "--format",
                "json",
            ]);
            assert_eq!(run, &trained, "{vary}: the run of {value}");
        }
        assert_ne!(compared[0].1["loss"], compared[1].1["loss"], "{vary}");
    }
}

#[test]
fn the_runs_share_data_initial_weights_and_mini_batches() {
    // dropout 0 adds no layer: the same run as the preset's own; lr changes only the steps
    let compared = runs(&[
        "--preset",
        "train-digits",
        "--vary",
        "dropout=0,0.5",
        "--iters",
        "5",
    ]);
    let plain = json(&[
        "train",
        "--preset",
        "train-digits",
        "--iters",
        "5",
        "--format",
        "json",
    ]);
    assert_eq!(compared[0].1, plain);
    let dropped = &compared[1].1;
    assert_eq!(dropped["data"], plain["data"]);
    assert_ne!(dropped["loss"], plain["loss"]);
    // Dropout has no parameters: the same parameter names
    let keys =
        |v: &Value| -> Vec<String> { v["params"].as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(dropped), keys(&plain));
}

#[test]
fn batch_norm_on_adds_a_batchnorm_after_every_hidden_affine() {
    let compared = runs(&[
        "--preset",
        "lab-optimizers",
        "--vary",
        "batch_norm=off,on",
        "--iters",
        "2",
    ]);
    let keys = |v: &Value| -> Vec<String> {
        v["params"]
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| k.starts_with("BatchNorm"))
            .cloned()
            .collect()
    };
    assert!(keys(&compared[0].1).is_empty());
    // four hidden Affine layers: BatchNorm1 … BatchNorm4, γ and β each
    assert_eq!(keys(&compared[1].1).len(), 8, "{:?}", keys(&compared[1].1));
    assert_eq!(
        compared[1].1["params"]["BatchNorm4.gamma"]
            .as_array()
            .unwrap()
            .len(),
        100
    );
}

#[test]
fn csv_has_a_row_per_run_and_iteration() {
    let out = backstep(&[
        "compare",
        "--preset",
        "train-digits",
        "--vary",
        "lr=0.1,0.2",
        "--iters",
        "3",
        "--format",
        "csv",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "run,iter,loss,train_acc,test_acc");
    assert_eq!(lines.len(), 1 + 2 * 3);
    assert!(lines[1].starts_with("0.1,0,") && lines[1].split(',').all(|c| !c.is_empty()));
    assert!(lines[2].starts_with("0.1,1,") && lines[2].ends_with(",,"));
    assert!(lines[4].starts_with("0.2,0,"));
}

#[test]
fn text_lists_each_run_with_its_final_numbers() {
    let out = backstep(&[
        "compare",
        "--preset",
        "train-digits",
        "--vary",
        "lr=0.1,0.2",
        "--iters",
        "3",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[1],
        "varying lr over 2 runs · data digits: 1437 training rows, 360 test rows · 3 iterations each · seed 0"
    );
    assert_eq!(lines[2], "lr   final loss  train acc  test acc");
    assert!(
        lines[3].starts_with("0.1 ") && lines[4].starts_with("0.2 "),
        "{text}"
    );
}

#[test]
fn bad_vary_lists_exit_2_naming_the_flag() {
    for (vary, says) in [
        ("colour=red", "unknown key \"colour\""),
        ("optimizer", "has no ="),
        ("lr=", "no values for lr"),
        ("lr=0.1,,0.2", "an empty value"),
        ("lr=0.1,fast", "\"fast\" is not a value"),
        ("optimizer=sgd,rmsprop", "\"rmsprop\" is not a value"),
        ("dropout=1.5", "\"1.5\" is not a value"),
        ("batch_norm=yes", "on or off"),
        ("batch=0", "whole number"),
        ("optimizer=adam,adam", "given twice"),
    ] {
        let out = backstep(&["compare", "--preset", "train-digits", "--vary", vary]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{vary}: {err}");
        assert!(err.contains(&format!("--vary {vary}")), "{vary}: {err}");
        assert!(err.contains(says), "{vary}: {err}");
        assert!(out.stdout.is_empty());
    }
    // without --vary and without [compare]: says how to give one
    let out = backstep(&["compare", "--preset", "train-digits"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--vary KEY=V1,V2"));
}

#[test]
fn a_bad_compare_section_names_its_line() {
    let dir = TempDir::new("compare");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("lab.toml");
    let text = backstep::preset::builtin_source("train-digits")
        .unwrap()
        .replacen(
            "[[layers]]",
            "[compare]\nvary = \"optimizer\"\nvalues = [\"sgd\", \"nesterov\"]\n\n[[layers]]",
            1,
        );
    std::fs::write(&path, &text).unwrap();
    let out = backstep(&["compare", "--preset", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let line = text.lines().position(|l| l.starts_with("values")).unwrap() + 1;
    assert!(
        err.contains(&format!("line {line}")) && err.contains("\"nesterov\" is not a value"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn lab_optimizers_sgd_ends_with_the_highest_loss() {
    // Fig. 6-9, short: after 60 of the book's 2000 iterations SGD is already far behind
    let compared = runs(&["--preset", "lab-optimizers", "--iters", "60"]);
    let names: Vec<&str> = compared.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(names, ["sgd", "momentum", "adagrad", "adam"]);
    let late: Vec<f64> = compared.iter().map(|(_, r)| late_loss(r, 10)).collect();
    let sgd = late[0];
    assert!(
        late[1..].iter().all(|&l| l < sgd),
        "SGD {sgd} is not the highest: {late:?}"
    );
}

#[test]
fn lab_batchnorm_learns_with_batchnorm_and_not_without() {
    // Fig. 6-19 at W ~ 0.01·N(0, 1): without BatchNorm the six layers stay at chance; with it
    // the net takes off within 8 of the 20 epochs
    let compared = runs(&["--preset", "lab-batchnorm", "--iters", "80"]);
    let acc = |k: usize| compared[k].1["final"]["train_acc"].as_f64().unwrap();
    assert_eq!(compared[0].0, "off");
    assert!(acc(0) < 0.2, "without BatchNorm: {}", acc(0));
    assert!(acc(1) > 0.6, "with BatchNorm: {}", acc(1));
}
