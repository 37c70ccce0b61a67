//! Overfitting's settings (6.4.1): `[train] train_rows` keeps the first training rows (the book's
//! `x_train[:300]`), `epochs` trains E × iter_per_epoch iterations instead of `iters`.

use crate::support::temp::TempDir;
use std::process::{Command, Output};

use backstep::preset::{Preset, Source, TrainOverrides};
use serde_json::Value;

fn backstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(args)
        .env_remove("BACKSTEP_LANG")
        .env("LANG", "C")
        .output()
        .unwrap()
}

/// train-digits with `lines` added at the top of its `[train]` section.
fn digits_with(lines: &str) -> String {
    let text = backstep::preset::builtin_source("train-digits").unwrap();
    let text = text.replace("iters = ", "# iters = ");
    text.replacen("[train]\n", &format!("[train]\n{lines}\n"), 1)
}

fn file(text: &str) -> Result<Preset, String> {
    Preset::from_toml(text, Source::File("lab.toml".into())).map_err(|e| format!("{e:#}"))
}

#[test]
fn train_rows_keeps_the_first_training_rows() {
    // a preset's own six rows: train_rows = 4 keeps rows 0 to 3, in order
    let text = r#"x = [[1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [4.0, 0.0], [5.0, 0.0], [6.0, 0.0]]
t = [0, 1, 0, 1, 0, 1]
[train]
data = "preset"
train_rows = 4
iters = 1
[[layers]]
type = "affine"
W = [[0.1, 0.2], [0.3, 0.4]]
b = [0.0, 0.0]
[[layers]]
type = "softmax_with_loss"
"#;
    let p = file(text).unwrap();
    let train = &p.training.unwrap().data.train;
    assert_eq!(train.x.column(0).to_vec(), [1.0, 2.0, 3.0, 4.0]);
    // digits: the first 300 of the split's 1,437 training rows, the test rows untouched
    let all = Preset::builtin("train-digits")
        .unwrap()
        .training
        .unwrap()
        .data;
    let p = file(&digits_with("train_rows = 300\niters = 1")).unwrap();
    let kept = p.training.unwrap().data;
    assert_eq!(kept.train.rows(), 300);
    assert_eq!(
        kept.train.x,
        all.train.select(&(0..300).collect::<Vec<_>>()).x
    );
    assert_eq!(kept.test, all.test);
    // more rows than there are: an error that says how many there are
    let e = file(&digits_with("train_rows = 5000\niters = 1")).unwrap_err();
    assert!(
        e.contains("train_rows is 5000 but digits has 1437 training rows"),
        "{e}"
    );
    let e = file(&digits_with("train_rows = 0\niters = 1")).unwrap_err();
    assert!(e.contains("train_rows is 0 but must be at least 1"), "{e}");
}

#[test]
fn train_rows_takes_the_first_mnist_images_as_the_book() {
    let dir = crate::training::temp_dir("rows-mnist");
    crate::training::write_mnist(&dir, true);
    let data = format!("mnist:{}", dir.display());
    let load = |rows: &str| {
        let text = backstep::preset::builtin_source("train-mnist")
            .unwrap()
            .replacen("[train]\n", &format!("[train]\n{rows}\n"), 1);
        let o = TrainOverrides {
            data: Some(data.clone()),
            ..TrainOverrides::default()
        };
        Preset::from_toml_with(&text, Source::File("m.toml".into()), &o)
            .unwrap()
            .training
            .unwrap()
            .data
    };
    let all = load("");
    let five = load("train_rows = 5");
    assert_eq!(all.train.rows(), 12);
    assert_eq!(five.train.rows(), 5);
    let first = all.train.select(&[0, 1, 2, 3, 4]);
    assert_eq!(five.train.x, first.x);
    assert_eq!(five.train.t, first.t);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn epochs_train_epochs_times_iter_per_epoch_iterations() {
    let dir = TempDir::new("epochs");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("lab.toml");
    // 300 rows in batches of 100: 3 iterations an epoch, 5 epochs = 15 iterations
    std::fs::write(&path, digits_with("train_rows = 300\nepochs = 5")).unwrap();
    let out = backstep(&[
        "train",
        "--preset",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["config"]["iters"], 15);
    assert_eq!(v["data"]["train"], 300);
    assert_eq!(v["loss"].as_array().unwrap().len(), 15);
    assert_eq!(v["epochs"].as_array().unwrap().len(), 5);
    // --iters wins over the section's epochs, as over its iters
    let out = backstep(&[
        "train",
        "--preset",
        path.to_str().unwrap(),
        "--iters",
        "4",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["config"]["iters"], 4);
    // both in the section: exit 2 naming the line of epochs
    let text = digits_with("train_rows = 300\nepochs = 5\niters = 10");
    std::fs::write(&path, &text).unwrap();
    let out = backstep(&["train", "--preset", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let line = text.lines().position(|l| l.starts_with("epochs")).unwrap() + 1;
    assert!(
        err.contains(&format!("line {line}")) && err.contains("iters and epochs are both given"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
