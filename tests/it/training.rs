//! Training: the built-in presets learn (fixed seeds), the MNIST reader on tiny IDX files, the
//! `[train]` section's errors, the update phase on the tape, and `backstep train`'s output.

use crate::support::temp::TempDir;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

use backstep::engine::data::idx::{encode_images, encode_labels};
use backstep::engine::{Kind, Op, Param, Phase};
use backstep::preset::{Preset, Source, TrainOverrides};
use serde_json::Value;

fn trained(name: &str, iters: Option<usize>) -> backstep::engine::train::Final {
    let overrides = TrainOverrides {
        iters,
        ..TrainOverrides::default()
    };
    let preset = Preset::resolve_with(name, &overrides).unwrap();
    let mut trainer = preset.trainer().unwrap();
    while !trainer.finished() {
        trainer.step().unwrap();
    }
    trainer.final_report().unwrap()
}

#[test]
fn spiral_reaches_95_percent_on_the_training_rows() {
    let last = trained("train-spiral", Some(1500));
    assert!(last.train_acc >= 0.95, "{last:?}");
}

#[test]
fn xor_is_learned_completely_by_gradient_descent() {
    let last = trained("train-xor", None);
    assert_eq!(last.train_acc, 1.0, "{last:?}");
    assert_eq!(last.test_acc, Some(1.0), "{last:?}");
}

#[test]
fn digits_reach_95_percent_on_the_test_rows() {
    let last = trained("train-digits", Some(1200));
    assert!(last.test_acc.unwrap() >= 0.95, "{last:?}");
}

/// A tiny MNIST in `dir`: 12 training and 6 test images of 28×28 (gzipped when `gz`).
pub fn write_mnist(dir: &Path, gz: bool) {
    std::fs::create_dir_all(dir).unwrap();
    let pixels = |n: usize| {
        (0..n * 784)
            .map(|i| (i * 7 % 256) as u8)
            .collect::<Vec<u8>>()
    };
    let labels = |n: usize| (0..n).map(|i| (i % 10) as u8).collect::<Vec<u8>>();
    let files = [
        (
            "train-images-idx3-ubyte",
            encode_images(&pixels(12), 12, 28, 28),
        ),
        ("train-labels-idx1-ubyte", encode_labels(&labels(12))),
        (
            "t10k-images-idx3-ubyte",
            encode_images(&pixels(6), 6, 28, 28),
        ),
        ("t10k-labels-idx1-ubyte", encode_labels(&labels(6))),
    ];
    for (name, bytes) in files {
        if gz {
            let f = std::fs::File::create(dir.join(format!("{name}.gz"))).unwrap();
            let mut enc = flate2::write::GzEncoder::new(f, flate2::Compression::default());
            enc.write_all(&bytes).unwrap();
            enc.finish().unwrap();
        } else {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
}

/// A fresh folder of the test's own, removed when it is dropped.
pub fn temp_dir(name: &str) -> TempDir {
    TempDir::new(name)
}

fn mnist_preset(dir: &Path) -> anyhow::Result<Preset> {
    let overrides = TrainOverrides {
        data: Some(format!("mnist:{}", dir.display())),
        iters: Some(3),
        batch: Some(5),
        ..TrainOverrides::default()
    };
    Preset::resolve_with("train-mnist", &overrides)
}

#[test]
fn the_mnist_reader_takes_gzipped_and_raw_files() {
    for gz in [true, false] {
        let dir = temp_dir(if gz { "mnist-gz" } else { "mnist-raw" });
        write_mnist(&dir, gz);
        let preset = mnist_preset(&dir).unwrap();
        let data = &preset.training.as_ref().unwrap().data;
        assert_eq!(
            (data.train.rows(), data.test_rows(), data.features()),
            (12, 6, 784)
        );
        // Pixels are divided by 255 in f32, like the book: pixel 1 of image 0 is 7.
        assert_eq!(data.train.x[[0, 1]], f64::from(7.0f32 / 255.0));
        assert_eq!(data.train.labels()[..3], [0, 1, 2]);
        let mut trainer = preset.trainer().unwrap();
        trainer.step().unwrap();
        assert!(trainer.epochs()[0].test_acc.is_some());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn bad_mnist_files_are_named_with_where_the_book_puts_them() {
    let dir = temp_dir("mnist-bad");
    write_mnist(&dir, false);
    // Truncated images.
    let images = dir.join("train-images-idx3-ubyte");
    let bytes = std::fs::read(&images).unwrap();
    std::fs::write(&images, &bytes[..1000]).unwrap();
    let e = format!("{:#}", mnist_preset(&dir).unwrap_err());
    assert!(e.contains("train-images-idx3-ubyte: truncated"), "{e}");
    assert!(e.contains("dataset/mnist.py"), "{e}");
    // Wrong magic: a label file where the images should be.
    std::fs::copy(dir.join("train-labels-idx1-ubyte"), &images).unwrap();
    let e = format!("{:#}", mnist_preset(&dir).unwrap_err());
    assert!(
        e.contains("train-images-idx3-ubyte: wrong magic number"),
        "{e}"
    );
    // Missing.
    std::fs::remove_file(&images).unwrap();
    let e = format!("{:#}", mnist_preset(&dir).unwrap_err());
    assert!(e.contains("train-images-idx3-ubyte.gz: missing"), "{e}");
    assert!(e.contains("--data mnist:DIR"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn train_mnist_without_data_says_how_to_pass_the_folder() {
    let e = format!("{:#}", Preset::resolve("train-mnist").unwrap_err());
    assert!(e.contains("--data mnist:DIR"), "{e}");
    assert!(
        e.contains("backstep train --preset train-mnist --data mnist:"),
        "{e}"
    );
}

fn load(text: &str) -> anyhow::Result<Preset> {
    Preset::from_toml(text, Source::File("t.toml".into()))
}

const NET: &str = r#"
[[layers]]
type = "affine"
W = { random = "normal", shape = [2, 2], scale = 0.1, seed = 1 }
b = { fill = 0.5, shape = [2] }
[[layers]]
type = "softmax_with_loss"
"#;

#[test]
fn the_train_section_and_fill_generator_are_read() {
    let p = load(&format!(
        "[train]\ndata = \"moons\"\npoints = 20\niters = 7\nbatch = 8\noptimizer = \"adam\"\n{NET}"
    ))
    .unwrap();
    let t = p.training.as_ref().unwrap();
    assert_eq!(t.config.iters, 7);
    assert_eq!(t.config.optimizer.lr, 0.001, "Adam's default learning rate");
    assert_eq!(t.data.train.rows(), 32); // ⌊0.8 · 40⌋
    // The explorer shows the first mini-batch.
    assert_eq!(p.inputs.x.nrows(), 8);
    let b = &p.network.layers[0].layer.params()[1];
    assert_eq!(b.1, &ndarray::array![[0.5, 0.5]]);
}

#[test]
fn bad_train_sections_say_what_to_do() {
    let cases = [
        (
            "[train]\ndata = \"spirals\"\n",
            "unknown data set \"spirals\"",
        ),
        (
            "[train]\ndata = \"xor\"\noptimizer = \"rmsprop\"\n",
            "line 3, column 13: unknown optimizer \"rmsprop\"",
        ),
        (
            "[train]\ndata = \"xor\"\nepoch = 3\n",
            "unknown field `epoch`",
        ),
        (
            "[train]\ndata = \"xor\"\nbatch = 0\n",
            "batch is 0 but must be at least 1",
        ),
        (
            "[train]\ndata = \"xor\"\nclasses = 3\n",
            "xor has exactly 2 classes",
        ),
        (
            "[train]\ndata = \"digits\"\nnoise = 0.1\n",
            "noise applies to the generated sets",
        ),
        (
            "[train]\ndata = \"xor\"\niters = 100000000000\n",
            "line 3, column 9: iters is 100000000000 but must be at most 10000000",
        ),
        (
            "[train]\ndata = \"xor\"\nlr = -1.0\n",
            "learning rate is -1",
        ),
        ("[train]\ndata = \"preset\"\n", "has none: add x and t"),
        (
            "x = [[1.0, 2.0]]\nt = [0]\n[train]\ndata = \"xor\"\n",
            "remove them, or set data = \"preset\"",
        ),
        ("[train]\ndata = \"spiral\"\n", "3 classes"),
    ];
    for (head, want) in cases {
        let e = format!("{:#}", load(&format!("{head}{NET}")).unwrap_err());
        assert!(e.contains(want), "{head}: {e}");
        assert!(e.starts_with("t.toml"), "{e}");
    }
}

#[test]
fn a_training_preset_shows_the_update_phase_after_backward() {
    let preset = Preset::builtin("train-xor").unwrap();
    let run = preset.run().unwrap();
    let phases: Vec<Phase> = run.tape.steps.iter().map(|s| s.phase).collect();
    let first_update = phases.iter().position(|&p| p == Phase::Update).unwrap();
    assert!(phases[..first_update].contains(&Phase::Backward));
    assert!(phases[first_update..].iter().all(|&p| p == Phase::Update));
    // SGD: one step per parameter (W and b of two Affine layers).
    let updates = &run.tape.steps[first_update..];
    assert_eq!(updates.len(), 4);
    let w = &updates[0];
    assert_eq!((w.label.as_str(), w.layer), ("W ← W − lr·dW", 0));
    assert!(matches!(w.op, Op::Update(_)));
    assert_eq!(w.reads[1].kind, Kind::Grad(Param::Weights));
    assert_eq!(w.numpy, "params[key] -= self.lr * grads[key]");
    // W[0,0] after = before − 0.5·dW[0,0], explained with the numbers.
    let (before, grad) = (w.reads[0].value[[0, 0]], w.reads[1].value[[0, 0]]);
    let ex = w.explain(0, 0).unwrap();
    assert_eq!(ex.value, before - 0.5 * grad);
    assert!(ex.expansion(4).contains("− 0.5·"), "{}", ex.expansion(4));
    // The gradient read is the one backward wrote.
    let dw = run.tape.steps[..first_update]
        .iter()
        .rev()
        .find(|s| s.writes.kind == Kind::Grad(Param::Weights) && s.layer == 0)
        .unwrap();
    assert_eq!(dw.writes.value, w.reads[1].value);
}

#[test]
fn adam_shows_its_state_as_operands() {
    let overrides = TrainOverrides {
        optimizer: Some(backstep::engine::optim::OptimizerKind::Adam),
        ..TrainOverrides::default()
    };
    let preset = Preset::resolve_with("train-xor", &overrides).unwrap();
    let run = preset.run().unwrap();
    let updates: Vec<_> = run
        .tape
        .steps
        .iter()
        .filter(|s| s.phase == Phase::Update)
        .collect();
    assert_eq!(updates.len(), 12); // m, v and W for each of 4 parameters
    assert_eq!(updates[0].writes.name, "m");
    assert!(matches!(updates[0].writes.kind, Kind::State(_)));
    assert_eq!(
        updates[2]
            .reads
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>(),
        ["W", "m", "v"]
    );
}

fn backstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn train_json_is_the_contract() {
    let o = backstep(&[
        "train",
        "--preset",
        "train-spiral",
        "--iters",
        "7",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["preset"], "train-spiral");
    assert_eq!(
        v["data"],
        serde_json::json!({ "name": "spiral", "train": 240, "test": 60, "features": 2, "classes": 3 })
    );
    assert_eq!(
        v["config"],
        serde_json::json!({ "iters": 7, "batch": 100, "lr": 1.0, "optimizer": "sgd", "seed": 0 })
    );
    let loss = v["loss"].as_array().unwrap();
    assert_eq!(loss.len(), 7);
    // ⌈240 / 100⌉ = 3 iterations per epoch: accuracy after iterations 0, 3 and 6.
    let iters: Vec<u64> = v["epochs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["iter"].as_u64().unwrap())
        .collect();
    assert_eq!(iters, [0, 3, 6]);
    assert_eq!(v["final"]["loss"], loss[6]);
    assert!(v["final"]["test_acc"].is_number());
    let params = v["params"].as_object().unwrap();
    assert_eq!(
        params.keys().collect::<Vec<_>>(),
        ["Affine1.W", "Affine1.b", "Affine2.W", "Affine2.b"]
    );
    assert_eq!(params["Affine1.W"].as_array().unwrap().len(), 2);
    assert_eq!(params["Affine1.b"].as_array().unwrap().len(), 100);
    assert!(
        params["Affine1.b"][0].is_number(),
        "a 1-D parameter is a flat array"
    );
}

#[test]
fn train_csv_has_one_row_per_iteration() {
    let o = backstep(&[
        "train",
        "--preset",
        "train-xor",
        "--iters",
        "4",
        "--batch",
        "30",
        "--format",
        "csv",
    ]);
    assert!(o.status.success());
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "iter,loss,train_acc,test_acc");
    assert_eq!(lines.len(), 5);
    // 80 rows, batch 30: 3 iterations per epoch, so accuracy at 0 and 3 only.
    assert!(lines[1].starts_with("0,") && !lines[1].ends_with(",,"));
    assert!(lines[2].starts_with("1,") && lines[2].ends_with(",,"));
    assert!(lines[4].starts_with("3,") && !lines[4].ends_with(",,"));
}

#[test]
fn train_text_prints_the_books_lines_and_full_batch_is_reproducible() {
    let args = ["train", "--preset", "train-xor", "--iters", "3"];
    let o = backstep(&args);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("data xor: 80 training rows, 20 test rows, 2 features, 2 classes"),
        "{text}"
    );
    assert!(text.contains("iter      0  loss "), "{text}");
    assert!(text.contains("train acc, test acc | "), "{text}");
    assert!(
        text.lines().last().unwrap().starts_with("final  loss"),
        "{text}"
    );
    // batch ≥ the training rows: no randomness, the same numbers whatever the seed.
    let other = backstep(&[
        "train",
        "--preset",
        "train-xor",
        "--iters",
        "3",
        "--seed",
        "0",
    ]);
    assert_eq!(stdout(&other), text);
}

#[test]
fn train_errors_exit_2_with_a_message() {
    let cases: [(&[&str], &str); 7] = [
        (&["train", "--preset", "relu"], "has no [train] section"),
        (&["train", "--preset", "train-mnist"], "--data mnist:DIR"),
        (
            &[
                "train",
                "--preset",
                "train-xor",
                "--data",
                "mnist:/nonexistent/folder",
            ],
            "/nonexistent/folder: no such folder",
        ),
        (
            &["train", "--preset", "train-xor", "--lr", "0"],
            "learning rate is 0",
        ),
        // a negative number is a value of its flag, judged like any other
        (
            &["train", "--preset", "train-xor", "--lr", "-1"],
            "learning rate is -1",
        ),
        (
            &["train", "--preset", "train-xor", "--seed", "-3"],
            "invalid value '-3' for '--seed <SEED>'",
        ),
        (
            &["train", "--preset", "train-xor", "--iters", "10000001"],
            "--iters is 10000001 but must be at most 10000000",
        ),
    ];
    for (args, want) in cases {
        let o = backstep(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let o = backstep(&["train", "--optimizer", "rmsprop"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn trace_json_marks_the_update_steps() {
    let o = backstep(&["trace", "--preset", "train-xor", "--format", "json"]);
    assert!(o.status.success());
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let phases: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["phase"].as_str().unwrap())
        .collect();
    assert_eq!(phases[phases.len() - 4..], ["update"; 4]);
    assert_eq!(phases[phases.len() - 5], "backward");
    assert_eq!(v["steps"][phases.len() - 4]["op"], "W ← W − lr·dW");
}

#[test]
fn an_opened_iteration_reruns_with_the_trainers_optimizer_state() {
    // Momentum after 3 iterations: v is not zero, so a fresh optimizer would update differently.
    let overrides = TrainOverrides {
        optimizer: Some(backstep::engine::optim::OptimizerKind::Momentum),
        ..TrainOverrides::default()
    };
    let preset = Preset::resolve_with("train-xor", &overrides).unwrap();
    let mut trainer = preset.trainer().unwrap();
    for _ in 0..3 {
        trainer.step().unwrap();
    }
    let recorded = trainer.record_next().unwrap();
    // what the explorer does with an opened iteration (src/tui/app/train.rs)
    let mut opened = preset.clone();
    opened.network = trainer.network().clone();
    opened.inputs = recorded.inputs.clone();
    opened.training.as_mut().unwrap().optimizer = Some(recorded.optimizer.clone());
    let rerun = opened.run().unwrap();
    let updates = |run: &backstep::engine::Run| -> Vec<backstep::engine::Matrix> {
        run.tape
            .steps
            .iter()
            .filter(|s| s.phase == Phase::Update)
            .map(|s| s.writes.value.clone())
            .collect()
    };
    assert_eq!(updates(&rerun), updates(&recorded.run));
    // the velocity the update starts from is the trainer's, not zeros
    let v_step = rerun
        .tape
        .steps
        .iter()
        .find(|s| s.phase == Phase::Update && s.writes.name == "v")
        .unwrap();
    let v_before = &v_step.reads.iter().find(|o| o.name == "v").unwrap().value;
    assert!(v_before.iter().any(|&x| x != 0.0), "{v_before}");
    // a fresh optimizer (what an edit used to rerun with) gives another update
    opened.training.as_mut().unwrap().optimizer = None;
    assert_ne!(updates(&opened.run().unwrap()), updates(&recorded.run));
}

#[test]
fn trace_text_puts_the_update_under_its_own_heading_and_says_what_l_is() {
    for name in ["train-spiral", "train-xor", "train-digits"] {
        let text = stdout(&backstep(&["trace", "--preset", name]));
        let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("== ")).collect();
        assert_eq!(
            headings,
            [
                "== FORWARD ==",
                "== BACKWARD ==",
                "== UPDATE ==",
                "== RESULT =="
            ],
            "{name}"
        );
        // the update steps sit under UPDATE: the first step after the heading is an update
        let after = text.split("== UPDATE ==").nth(1).unwrap();
        let first_step = after.lines().find(|l| l.starts_with("step ")).unwrap();
        assert!(first_step.contains("  update  "), "{name}: {first_step}");
        assert!(
            text.contains(
                "L is this mini-batch's loss before the update steps below; `backstep train` records each mini-batch's loss after its update (the book's train_loss_list)"
            ),
            "{name}"
        );
    }
    let spiral = stdout(&backstep(&["trace", "--preset", "train-spiral"]));
    assert!(
        spiral.contains("loss L = 1.0986 (before the update)"),
        "{spiral}"
    );
    let md = stdout(&backstep(&[
        "trace",
        "--preset",
        "train-spiral",
        "--format",
        "markdown",
    ]));
    assert!(md.contains("Loss L = 1.0986 (before the update)"), "{md}");
    assert!(md.contains("L is this mini-batch's loss before the update steps below"));
    // a net without an update says nothing of one
    let plain = stdout(&backstep(&["trace", "--preset", "two-layer"]));
    assert!(!plain.contains("before the update"), "{plain}");
    assert!(!plain.contains("== UPDATE =="), "{plain}");
}

#[test]
fn train_text_says_what_its_loss_is_and_a_full_batch_is_all_rows() {
    let text = stdout(&backstep(&[
        "train",
        "--preset",
        "train-xor",
        "--iters",
        "3",
    ]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[2],
        "sgd lr 0.5, batch 80 (all rows), 3 iterations (1 per epoch), seed 0"
    );
    assert_eq!(
        lines[3],
        "loss = one mini-batch's loss after its update (the book's train_loss_list)"
    );
    let last = lines.last().unwrap();
    assert_eq!(
        *last,
        "final  loss 0.6329 (last mini-batch, after its update)  train acc 0.6000  test acc 0.5500"
    );
    // batch below the training rows: the number as given
    let spiral = stdout(&backstep(&[
        "train",
        "--preset",
        "train-spiral",
        "--iters",
        "1",
    ]));
    assert!(
        spiral.contains("sgd lr 1, batch 100, 1 iteration (3 per epoch), seed 0"),
        "{spiral}"
    );
}

#[test]
fn train_text_prints_about_twenty_epochs_and_the_last_unless_all_epochs() {
    let epoch_lines = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("iter "))
            .map(str::to_string)
            .collect()
    };
    // train-xor: 1,000 iterations, an epoch each
    let text = stdout(&backstep(&["train", "--preset", "train-xor"]));
    let lines = epoch_lines(&text);
    assert_eq!(lines.len(), 21, "{text}");
    let iters: Vec<&str> = lines
        .iter()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(iters[..3], ["0", "50", "100"]);
    assert_eq!(iters[19..], ["950", "999"]);
    assert!(
        text.contains("showing 1 epoch in 50 and the last of 1000; --all-epochs shows each"),
        "{text}"
    );
    // --all-epochs: every one, the same lines where both print
    let all = stdout(&backstep(&[
        "train",
        "--preset",
        "train-xor",
        "--all-epochs",
    ]));
    let every = epoch_lines(&all);
    assert_eq!(every.len(), 1000);
    assert_eq!(every[50], lines[1]);
    assert_eq!(every[999], lines[20]);
    assert!(!all.contains("--all-epochs shows each"));
    assert_eq!(all.lines().last(), text.lines().last());
}
