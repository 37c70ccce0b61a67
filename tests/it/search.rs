//! `backstep search` (the book's 6.5, `hyperparameter_optimization.py`) through the real binary:
//! the trials ranked best first in text and JSON, the draws in the book's order and ranges,
//! the random seed, and every bad flag ending with exit 2 and the flag's name.

use std::process::{Command, Output};

use backstep::engine::experiment::{LogUniform, SEARCH_STREAM};
use backstep::engine::rng::SplitMix64;
use backstep::engine::search::{LR_RANGE, SearchSpec, WEIGHT_DECAY_RANGE, draws};
use serde_json::Value;

fn backstep(args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backstep"));
    for var in ["BACKSTEP_LANG", "LC_ALL", "LC_MESSAGES"] {
        cmd.env_remove(var);
    }
    cmd.args(args).env("LANG", "C").output().unwrap()
}

/// The small run the ranking tests use: 4 trials of 2 epochs of train-digits.
const SMALL: &[&str] = &["search", "--trials", "4", "--epochs", "2"];

/// A smaller one for what does not need training to show (the draws): 2 trials of 1 epoch.
const TINY: &[&str] = &["search", "--trials", "2", "--epochs", "1"];

fn run(extra: &[&str]) -> Output {
    run_with(SMALL, extra)
}

/// `search` with `base` (a small run) and `extra`, successful.
fn run_with(base: &[&str], extra: &[&str]) -> Output {
    let mut args = base.to_vec();
    args.extend_from_slice(extra);
    let out = backstep(&args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json(extra: &[&str]) -> Value {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_slice(&run(&args).stdout).unwrap()
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

#[test]
fn json_ranks_the_trials_by_final_validation_accuracy_best_first() {
    let v = json(&[]);
    assert_eq!(v["preset"], "train-digits");
    assert_eq!(v["epochs"], 2);
    // the built-in digits' training rows; a fifth held out, as validation_rate = 0.20
    let preset = backstep::preset::Preset::resolve("train-digits").unwrap();
    let rows = preset.training.unwrap().data.train.rows();
    assert_eq!(v["validation"], rows / 5, "{rows} training rows");
    let trials = v["trials"].as_array().unwrap();
    assert_eq!(trials.len(), 4);
    let finals: Vec<f64> = trials
        .iter()
        .map(|t| t["final_val_acc"].as_f64().unwrap())
        .collect();
    assert!(
        finals.windows(2).all(|w| w[0] >= w[1]),
        "not best first: {finals:?}"
    );
    let spec = SearchSpec {
        trials: 4,
        epochs: 2,
        lr: LogUniform::between(LR_RANGE.0, LR_RANGE.1).unwrap(),
        weight_decay: LogUniform::between(WEIGHT_DECAY_RANGE.0, WEIGHT_DECAY_RANGE.1).unwrap(),
    };
    // every trial is one of the draws of the default seed, each once
    let mut drawn = draws(&spec, 0);
    for t in trials {
        let (lr, wd) = (
            t["lr"].as_f64().unwrap(),
            t["weight_decay"].as_f64().unwrap(),
        );
        let at = drawn
            .iter()
            // JSON keeps 17 significant digits: equal up to the last bit's rounding
            .position(|&d| (d.0 / lr - 1.0).abs() < 1e-15 && (d.1 / wd - 1.0).abs() < 1e-15)
            .unwrap_or_else(|| panic!("({lr}, {wd}) was not drawn: {drawn:?}"));
        drawn.remove(at);
        for key in ["val_acc", "train_acc"] {
            let acc = numbers(&t[key]);
            assert_eq!(acc.len(), 2, "{key}: one per epoch");
            assert!(
                acc.iter().all(|a| (0.0..=1.0).contains(a)),
                "{key}: {acc:?}"
            );
        }
        // accuracies on 287 validation rows are multiples of 1/287
        let f = t["final_val_acc"].as_f64().unwrap() * (rows / 5) as f64;
        assert!((f - f.round()).abs() < 1e-9, "{f}");
    }
    assert!(drawn.is_empty());
}

#[test]
fn text_lists_the_same_trials_in_the_same_order_as_the_book_prints_them() {
    let v = json(&[]);
    let text = String::from_utf8(run(&[]).stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "train-digits — Digits, 8×8");
    assert_eq!(
        lines[1],
        "4 trials of 2 epochs; 287 training rows held out for validation; best first"
    );
    let trials = v["trials"].as_array().unwrap();
    assert_eq!(lines.len(), 2 + trials.len());
    for (k, t) in trials.iter().enumerate() {
        let want = format!(
            "Best-{} (val acc: {:.4}) | lr: {:.2e}, weight decay: {:.2e}",
            k + 1,
            t["final_val_acc"].as_f64().unwrap(),
            t["lr"].as_f64().unwrap(),
            t["weight_decay"].as_f64().unwrap()
        );
        assert_eq!(lines[2 + k], want);
    }
}

#[test]
fn a_search_where_nothing_learned_says_which_learning_rates_to_search() {
    // learning rates far below the preset's 0.1: every trial stays at guessing
    let o = run(&["--lr", "1e-6,1e-5"]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        text.lines().last().unwrap(),
        "No trial did better than guessing (1 in 10): train-digits itself trains with lr 0.1, \
         outside the range searched. Search around it: --lr 1e-3,1",
        "{text}"
    );
    // the range it suggests learns: no such line
    let o = run_with(
        &["search", "--trials", "4", "--epochs", "5"],
        &["--lr", "1e-3,1"],
    );
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(!text.contains("guessing"), "{text}");
    let best: f64 = text.lines().nth(2).unwrap()["Best-1 (val acc: ".len()..][..6]
        .parse()
        .unwrap();
    assert!(best > 0.5, "{text}");
}

#[test]
fn the_same_seed_gives_the_same_search_and_another_seed_another() {
    let a = run(&["--format", "json", "--seed", "7"]).stdout;
    let b = run(&["--format", "json", "--seed", "7"]).stdout;
    assert_eq!(a, b);
    let c = run(&["--format", "json", "--seed", "8"]).stdout;
    // text too
    let text = |seed: &str| run_with(TINY, &["--seed", seed]).stdout;
    assert_eq!(text("7"), text("7"));
    assert_ne!(a, c);
    let pairs = |out: &[u8]| -> Vec<(f64, f64)> {
        let v: Value = serde_json::from_slice(out).unwrap();
        let mut p: Vec<(f64, f64)> = v["trials"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["lr"].as_f64().unwrap(),
                    t["weight_decay"].as_f64().unwrap(),
                )
            })
            .collect();
        p.sort_by(|x, y| x.0.total_cmp(&y.0));
        p
    };
    assert_ne!(pairs(&a), pairs(&c), "another seed draws other values");
}

#[test]
fn draws_take_weight_decay_then_lr_from_the_books_ranges() {
    let spec = SearchSpec {
        trials: 200,
        epochs: 1,
        lr: LogUniform::between(1e-6, 1e-2).unwrap(),
        weight_decay: LogUniform::between(1e-8, 1e-4).unwrap(),
    };
    let got = draws(&spec, 3);
    // the book: weight_decay = 10 ** np.random.uniform(-8, -4), then lr = 10 ** uniform(-6, -2)
    let mut rng = SplitMix64::stream(3, SEARCH_STREAM);
    for &(lr, wd) in &got {
        let want_wd = 10f64.powf(-8.0 + 4.0 * rng.uniform());
        let want_lr = 10f64.powf(-6.0 + 4.0 * rng.uniform());
        assert!((wd / want_wd - 1.0).abs() < 1e-12, "{wd} {want_wd}");
        assert!((lr / want_lr - 1.0).abs() < 1e-12, "{lr} {want_lr}");
        assert!((1e-6..=1e-2).contains(&lr), "{lr}");
        assert!((1e-8..=1e-4).contains(&wd), "{wd}");
    }
    // log-uniform: about as many draws in each decade
    let low = got.iter().filter(|d| d.0 < 1e-4).count();
    assert!((70..=130).contains(&low), "{low} of 200 below 1e-4");
    // a range of one value draws that value
    let one = SearchSpec {
        lr: LogUniform::between(1e-3, 1e-3).unwrap(),
        ..spec
    };
    assert!(
        draws(&one, 3)
            .iter()
            .all(|d| (d.0 / 1e-3 - 1.0).abs() < 1e-12)
    );
}

#[test]
fn the_range_flags_narrow_the_draws() {
    let out = run_with(
        TINY,
        &[
            "--format",
            "json",
            "--lr",
            "1e-3,1e-2",
            "--weight-decay",
            "1e-6,1e-5",
        ],
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    for t in v["trials"].as_array().unwrap() {
        let lr = t["lr"].as_f64().unwrap();
        let wd = t["weight_decay"].as_f64().unwrap();
        assert!((1e-3..=1e-2).contains(&lr), "{lr}");
        assert!((1e-6..=1e-5).contains(&wd), "{wd}");
    }
}

#[test]
fn every_bad_flag_exits_2_naming_the_flag() {
    let cases: &[(&[&str], &str, &str)] = &[
        (&["--trials", "0"], "--trials 0", "at least one trial"),
        (&["--trials", "20000"], "--trials 20000", "at most 10000"),
        (&["--trials", "-1"], "--trials", "whole number"),
        (&["--trials", "abc"], "--trials", "whole number"),
        (&["--epochs", "0"], "--epochs 0", "at least one epoch"),
        (
            &["--epochs", "900000000"],
            "--epochs 900000000",
            "at most 833333 epochs",
        ),
        (&["--lr", "1e-2,1e-6"], "--lr 1e-2,1e-6", "like 1e-6,1e-2"),
        (&["--lr", "0,1e-2"], "--lr 0,1e-2", "above 0"),
        (&["--lr", "1e-3"], "--lr 1e-3", "two numbers"),
        (&["--lr", "abc,1"], "--lr abc,1", "\"abc\" is not a number"),
        (&["--lr", "1e-3,1e309"], "--lr 1e-3,1e309", "too large"),
        (
            &["--weight-decay", "1e-4,1e-8"],
            "--weight-decay 1e-4,1e-8",
            "like 1e-8,1e-4",
        ),
        (
            &["--weight-decay", "-1,1"],
            "--weight-decay -1,1",
            "above 0",
        ),
        (&["--weight-decay", "1e-8,inf"], "--weight-decay", "finite"),
        (&["--preset", "relu"], "\"relu\"", "no [train] section"),
    ];
    for (extra, flag, why) in cases {
        let mut args = vec!["search", "--format", "json"];
        for flag in ["--trials", "--epochs"] {
            if !extra.contains(&flag) {
                args.extend([flag, "1"]);
            }
        }
        args.extend_from_slice(extra);
        let out = backstep(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(err.contains(flag), "{args:?}: no {flag} in {err}");
        assert!(err.contains(why), "{args:?}: no {why} in {err}");
    }
}
