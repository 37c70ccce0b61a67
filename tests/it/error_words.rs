//! Every error a learner can cause — a bad preset file, a bad flag — in their language: one case
//! per kind of error the preset parser and the command line give, each run through the CLI in
//! the pseudo-language (no word outside the catalogs) and in 中文 and 日本語 (the real binary:
//! exit 2, the file, line and column kept, the same numbers as English).

use std::ffi::OsString;
use std::path::Path;
use std::process::Command as Process;

use backstep::cli::{Cli, ParseError, error_text, run_command};
use backstep::i18n::{Lang, scoped};
use backstep::t;

use crate::support::temp::TempDir;
use crate::support::words::untranslated_except;

/// One error a learner can cause.
struct Case {
    /// What it tries, in a word (also the preset's file name).
    name: &'static str,
    /// A preset file to write and pass as `--preset FILE` (after `args`), if any.
    toml: Option<&'static str>,
    /// The command line after the program's name.
    args: &'static [&'static str],
    /// The line of the preset the error points at, when it has one.
    line: Option<usize>,
}

const fn preset(name: &'static str, toml: &'static str, line: Option<usize>) -> Case {
    Case {
        name,
        toml: Some(toml),
        args: &["trace"],
        line,
    }
}

const fn train(name: &'static str, toml: &'static str, line: Option<usize>) -> Case {
    Case {
        name,
        toml: Some(toml),
        args: &["train", "--format", "json", "--iters", "1"],
        line,
    }
}

const fn flags(name: &'static str, args: &'static [&'static str]) -> Case {
    Case {
        name,
        toml: None,
        args,
        line: None,
    }
}

const RELU: &str = "[[layers]]\ntype = \"relu\"\n";

/// One case per error of `src/preset/**` and `src/cli/*` a file or a flag can reach.
const CASES: &[Case] = &[
    // TOML itself
    preset(
        "unknown-top-field",
        "x = [[1.0]]\nfoo = 1\n[[layers]]\ntype = \"relu\"\n",
        Some(2),
    ),
    preset(
        "title-not-text",
        "title = 1\nx = [[1.0]]\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "duplicate-key",
        "x = [[1.0]]\nx = [[2.0]]\n[[layers]]\ntype = \"relu\"\n",
        Some(2),
    ),
    preset(
        "unquoted",
        "title = hello\nx = [[1.0]]\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "no-equals",
        "x [[1.0]]\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "unclosed-array",
        "x = [[1.0, 2.0]\n[[layers]]\ntype = \"relu\"\n",
        Some(2),
    ),
    preset(
        "no-comma",
        "x = [[1.0 2.0]]\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "float-overflow",
        "x = [[1e309]]\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "integer-overflow",
        "x = [[99999999999999999999]]\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "seed-overflow",
        "x = [[1.0, 2.0]]\n[[layers]]\ntype = \"affine\"\nW = { random = \"normal\", shape = [2, 2], seed = 99999999999999999999 }\nb = [0.0, 0.0]\n",
        Some(4),
    ),
    // the preset's shape
    preset("no-x", RELU, None),
    preset("no-layers", "x = [[1.0]]\n", None),
    preset(
        "layer-without-type",
        "x = [[1.0]]\n[[layers]]\nname = \"a\"\n",
        Some(2),
    ),
    preset(
        "type-not-text",
        "x = [[1.0]]\n[[layers]]\ntype = 1\n",
        Some(3),
    ),
    preset(
        "name-not-text",
        "x = [[1.0]]\n[[layers]]\ntype = \"relu\"\nname = 1\n",
        Some(4),
    ),
    preset(
        "unknown-layer-type",
        "x = [[1.0]]\n[[layers]]\ntype = \"conv\"\n",
        Some(3),
    ),
    preset(
        "affine-without-w",
        "x = [[1.0]]\n[[layers]]\ntype = \"affine\"\nb = [0.0]\n",
        Some(3),
    ),
    preset(
        "w-twice",
        "x = [[1.0]]\n[[layers]]\ntype = \"affine\"\nW = [[1.0]]\nw = [[1.0]]\nb = [0.0]\n",
        Some(3),
    ),
    preset(
        "b-two-rows",
        "x = [[1.0]]\n[[layers]]\ntype = \"affine\"\nW = [[1.0, 2.0]]\nb = [[0.0, 0.0], [0.0, 0.0]]\n",
        Some(5),
    ),
    preset(
        "relu-with-b",
        "x = [[1.0]]\n[[layers]]\ntype = \"relu\"\nb = [0.0]\n",
        Some(4),
    ),
    preset(
        "affine-with-gamma",
        "x = [[1.0]]\n[[layers]]\ntype = \"affine\"\nW = [[1.0]]\nb = [0.0]\ngamma = [1.0]\n",
        Some(6),
    ),
    preset(
        "ratio-not-number",
        "x = [[1.0]]\n[[layers]]\ntype = \"dropout\"\nratio = \"a\"\n",
        Some(4),
    ),
    preset(
        "ratio-nan",
        "x = [[1.0]]\n[[layers]]\ntype = \"dropout\"\nratio = nan\n",
        Some(4),
    ),
    preset(
        "seed-negative",
        "x = [[1.0]]\n[[layers]]\ntype = \"dropout\"\nseed = -1\n",
        Some(4),
    ),
    preset(
        "train-not-flag",
        "x = [[1.0]]\n[[layers]]\ntype = \"dropout\"\ntrain = 1\n",
        Some(4),
    ),
    preset(
        "empty-name",
        "x = [[1.0]]\n[[layers]]\ntype = \"relu\"\nname = \" \"\n",
        Some(3),
    ),
    preset(
        "same-name",
        "x = [[1.0]]\n[[layers]]\ntype = \"relu\"\nname = \"a\"\n[[layers]]\ntype = \"relu\"\nname = \"a\"\n",
        Some(6),
    ),
    preset(
        "pool-size",
        "x = [[1.0]]\n[[layers]]\ntype = \"pooling\"\npool_h = 0\npool_w = 2\n",
        Some(4),
    ),
    preset(
        "stride-negative",
        "x = [[1.0]]\n[[layers]]\ntype = \"pooling\"\npool_h = 1\npool_w = 1\nstride = -1\n",
        Some(6),
    ),
    // matrices
    preset(
        "x-text",
        "x = \"a\"\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset("x-empty", "x = []\n[[layers]]\ntype = \"relu\"\n", Some(1)),
    preset(
        "x-one-row",
        "x = [1.0, 2.0]\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "x-ragged",
        "x = [[1.0, 2.0], [3.0]]\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "x-row-not-list",
        "x = [[1.0], 2.0]\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "x-cell-text",
        "x = [[\"a\"]]\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "x-cell-inf",
        "x = [[inf]]\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "x-too-wide",
        "x = { random = \"normal\", shape = [1, 200000] }\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "x-too-many-cells",
        "x = { random = \"normal\", shape = [2000, 2000] }\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "shape-missing",
        "x = { random = \"normal\" }\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "shape-text",
        "x = { random = \"normal\", shape = [\"a\"] }\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "shape-three",
        "x = { random = \"normal\", shape = [1, 2, 3] }\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "shape-zero",
        "x = { random = \"normal\", shape = [0, 2] }\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "fill-unknown-key",
        "x = { fill = 0.0, shape = [1, 3], foo = 1 }\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "random-unknown-key",
        "x = { random = \"normal\", shape = [1, 3], foo = 1 }\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "random-kind",
        "x = { random = \"gauss\", shape = [1, 3] }\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "random-missing",
        "x = { shape = [1, 3] }\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    preset(
        "generator-seed",
        "x = { random = \"normal\", shape = [1, 3], seed = -3 }\n[[layers]]\ntype = \"relu\"\n",
        Some(1),
    ),
    // targets
    preset(
        "t-random-numbers",
        "x = [[1.0]]\nt = { random = \"normal\", shape = [1] }\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Some(2),
    ),
    preset(
        "t-generator",
        "x = [[1.0]]\nt = { classes = 2 }\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Some(2),
    ),
    preset(
        "t-text",
        "x = [[1.0]]\nt = \"a\"\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Some(2),
    ),
    preset(
        "t-empty",
        "x = [[1.0]]\nt = []\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Some(2),
    ),
    preset(
        "t-negative",
        "x = [[1.0]]\nt = [-1]\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Some(2),
    ),
    preset(
        "labels-unknown-key",
        "x = [[1.0]]\nt = { random = \"labels\", classes = 2, shape = [1], foo = 1 }\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Some(2),
    ),
    preset(
        "labels-classes",
        "x = [[1.0]]\nt = { random = \"labels\", classes = 0, shape = [1] }\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Some(2),
    ),
    preset(
        "labels-no-classes",
        "x = [[1.0]]\nt = { random = \"labels\", shape = [1] }\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Some(2),
    ),
    preset(
        "labels-count",
        "x = [[1.0]]\nt = { random = \"labels\", classes = 2, shape = [0] }\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Some(2),
    ),
    preset(
        "labels-shape",
        "x = [[1.0]]\nt = { random = \"labels\", classes = 2, shape = [1, 2] }\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Some(2),
    ),
    preset(
        "labels-shape-number",
        "x = [[1.0]]\nt = { random = \"labels\", classes = 2, shape = 3 }\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Some(2),
    ),
    preset(
        "labels-no-shape",
        "x = [[1.0]]\nt = { random = \"labels\", classes = 2 }\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Some(2),
    ),
    // graph presets
    preset(
        "graph-unknown-field",
        "foo = 1\n[inputs]\na = 1\n[[nodes]]\nname = \"p\"\ntype = \"exp\"\ninputs = [\"a\"]\n",
        Some(1),
    ),
    preset(
        "node-without-name",
        "[inputs]\na = 1\n[[nodes]]\ntype = \"exp\"\ninputs = [\"a\"]\n",
        Some(4),
    ),
    preset(
        "node-type",
        "[inputs]\na = 1\n[[nodes]]\nname = \"p\"\ntype = \"sine\"\ninputs = [\"a\"]\n",
        Some(5),
    ),
    preset(
        "node-type-not-text",
        "[inputs]\na = 1\n[[nodes]]\nname = \"p\"\ntype = 2\ninputs = [\"a\"]\n",
        Some(5),
    ),
    preset(
        "mul-with-w",
        "[inputs]\na = 1\nb = 2\n[[nodes]]\nname = \"p\"\ntype = \"mul\"\ninputs = [\"a\", \"b\"]\nw = [[2.0]]\n",
        Some(8),
    ),
    preset(
        "node-without-inputs",
        "[inputs]\na = 1\n[[nodes]]\nname = \"p\"\ntype = \"exp\"\n",
        Some(5),
    ),
    preset(
        "inputs-not-list",
        "[inputs]\na = 1\n[[nodes]]\nname = \"p\"\ntype = \"exp\"\ninputs = \"a\"\n",
        Some(6),
    ),
    preset(
        "inputs-number",
        "[inputs]\na = 1\n[[nodes]]\nname = \"p\"\ntype = \"exp\"\ninputs = [1]\n",
        Some(6),
    ),
    preset(
        "graph-input-text",
        "[inputs]\na = \"b\"\n[[nodes]]\nname = \"p\"\ntype = \"exp\"\ninputs = [\"a\"]\n",
        Some(1),
    ),
    // [train]
    train(
        "data-unknown",
        "[train]\ndata = \"spirals\"\n[[layers]]\ntype = \"relu\"\n",
        Some(2),
    ),
    train(
        "data-mnist-no-folder",
        "[train]\ndata = \"mnist:\"\n[[layers]]\ntype = \"relu\"\n",
        Some(2),
    ),
    train(
        "points-zero",
        "[train]\ndata = \"spiral\"\npoints = 0\n[[layers]]\ntype = \"relu\"\n",
        Some(3),
    ),
    train(
        "iters-too-many",
        "[train]\ndata = \"spiral\"\niters = 20000000\n[[layers]]\ntype = \"relu\"\n",
        Some(3),
    ),
    train(
        "lr-nan",
        "[train]\ndata = \"spiral\"\nlr = nan\n[[layers]]\ntype = \"relu\"\n",
        Some(3),
    ),
    train(
        "optimizer-unknown",
        "[train]\ndata = \"spiral\"\noptimizer = \"rmsprop\"\n[[layers]]\ntype = \"relu\"\n",
        Some(3),
    ),
    train(
        "classes-on-digits",
        "[train]\ndata = \"digits\"\nclasses = 3\n[[layers]]\ntype = \"relu\"\n",
        None,
    ),
    train(
        "t-without-x",
        "t = [0]\n[train]\ndata = \"spiral\"\n[[layers]]\ntype = \"relu\"\n",
        None,
    ),
    train(
        "data-preset-without-x",
        "[train]\ndata = \"preset\"\n[[layers]]\ntype = \"relu\"\n",
        None,
    ),
    train(
        "data-preset-without-t",
        "x = [[1.0, 2.0]]\n[train]\ndata = \"preset\"\n[[layers]]\ntype = \"relu\"\n",
        None,
    ),
    train(
        "data-with-x",
        "x = [[1.0, 2.0]]\n[train]\ndata = \"spiral\"\n[[layers]]\ntype = \"relu\"\n",
        None,
    ),
    train(
        "train-unknown-field",
        "[train]\ndata = \"spiral\"\nepochz = 3\n[[layers]]\ntype = \"relu\"\n",
        Some(3),
    ),
    // weight decay, train_rows, epochs (6.4)
    train(
        "weight-decay-negative",
        "[train]\ndata = \"spiral\"\nweight_decay = -0.5\n[[layers]]\ntype = \"relu\"\n",
        Some(3),
    ),
    train(
        "weight-decay-nan",
        "[train]\ndata = \"spiral\"\nweight_decay = nan\n[[layers]]\ntype = \"relu\"\n",
        Some(3),
    ),
    train(
        "train-rows-zero",
        "[train]\ndata = \"spiral\"\ntrain_rows = 0\n[[layers]]\ntype = \"relu\"\n",
        Some(3),
    ),
    train(
        "train-rows-too-many",
        "[train]\ndata = \"spiral\"\ntrain_rows = 100000\n[[layers]]\ntype = \"relu\"\n",
        None,
    ),
    train(
        "epochs-zero",
        "[train]\ndata = \"spiral\"\nepochs = 0\n[[layers]]\ntype = \"relu\"\n",
        Some(3),
    ),
    train(
        "epochs-and-iters",
        "[train]\ndata = \"spiral\"\niters = 10\nepochs = 2\n[[layers]]\ntype = \"relu\"\n",
        Some(4),
    ),
    Case {
        name: "epochs-too-many",
        toml: Some(
            "[train]\ndata = \"spiral\"\nbatch = 1\nepochs = 50000\n[[layers]]\ntype = \"relu\"\n",
        ),
        args: &["train", "--format", "json"],
        line: None,
    },
    flags(
        "weight-decay-flag-negative",
        &[
            "train",
            "--preset",
            "train-xor",
            "--weight-decay",
            "-1",
            "--format",
            "json",
        ],
    ),
    flags(
        "weight-decay-flag-not-number",
        &["train", "--weight-decay", "abc"],
    ),
    flags(
        "weight-decay-flag-inf",
        &["compare", "--weight-decay", "inf"],
    ),
    flags(
        "compare-weight-decay-negative",
        &[
            "compare",
            "--preset",
            "train-xor",
            "--vary",
            "lr=0.1,0.2",
            "--weight-decay",
            "-1",
            "--format",
            "json",
        ],
    ),
    flags(
        "vary-weight-decay-negative",
        &[
            "compare",
            "--preset",
            "train-xor",
            "--vary",
            "weight_decay=0,-0.1",
            "--format",
            "json",
        ],
    ),
    flags(
        "vary-init-unknown",
        &[
            "compare",
            "--preset",
            "train-xor",
            "--vary",
            "init=he,glorot",
            "--format",
            "json",
        ],
    ),
    // files
    flags("no-such-preset", &["trace", "--preset", "no-such-preset"]),
    flags("no-such-file", &["trace", "--preset", "no-such-file.toml"]),
    flags("preset-is-a-folder", &["trace", "--preset", "."]),
    flags(
        "preset-through-a-file",
        &["trace", "--preset", "Cargo.toml/x.toml"],
    ),
    flags(
        "mnist-needs-folder",
        &["train", "--preset", "train-mnist", "--format", "json"],
    ),
    flags(
        "nothing-to-train",
        &["train", "--preset", "relu", "--format", "json"],
    ),
    // flags
    flags("unknown-flag", &["trace", "--frobnicate"]),
    flags("unknown-command", &["frobnicate"]),
    flags("flag-without-value", &["trace", "--preset"]),
    flags("format-unknown", &["trace", "--format", "xml"]),
    flags("optimizer-flag", &["train", "--optimizer", "rmsprop"]),
    flags("lang-unknown", &["--lang", "fr", "presets"]),
    flags("iters-not-whole", &["train", "--iters", "abc"]),
    flags(
        "iters-too-large",
        &["train", "--iters", "99999999999999999999999"],
    ),
    flags(
        "iters-zero",
        &[
            "train",
            "--preset",
            "train-xor",
            "--iters",
            "0",
            "--format",
            "json",
        ],
    ),
    flags(
        "iters-flag-too-many",
        &[
            "train",
            "--preset",
            "train-xor",
            "--iters",
            "20000000",
            "--format",
            "json",
        ],
    ),
    flags(
        "batch-zero",
        &[
            "train",
            "--preset",
            "train-xor",
            "--batch",
            "0",
            "--format",
            "json",
        ],
    ),
    flags("lr-not-number", &["train", "--lr", "abc"]),
    flags("lr-inf", &["train", "--lr", "inf"]),
    flags("lr-too-large", &["train", "--lr", "1e309"]),
    flags(
        "data-flag",
        &[
            "train",
            "--preset",
            "train-xor",
            "--data",
            "spirals",
            "--format",
            "json",
        ],
    ),
    flags("threads-zero", &["trace", "--threads", "0"]),
    flags(
        "preset-twice",
        &["trace", "--preset", "relu", "--preset", "mask"],
    ),
    flags("misplaced-preset", &["--preset", "relu", "trace"]),
    flags("eps-zero", &["check", "--preset", "relu", "--eps", "0"]),
    // search
    flags("search-trials-zero", &["search", "--trials", "0"]),
    flags("search-trials-too-many", &["search", "--trials", "20000"]),
    flags("search-trials-negative", &["search", "--trials", "-1"]),
    flags("search-epochs-zero", &["search", "--epochs", "0"]),
    flags(
        "search-epochs-too-many",
        &["search", "--epochs", "900000000"],
    ),
    flags("search-lr-reversed", &["search", "--lr", "1e-2,1e-6"]),
    flags("search-lr-one-number", &["search", "--lr", "1e-3"]),
    flags("search-lr-not-number", &["search", "--lr", "abc,1"]),
    flags(
        "search-weight-decay-zero",
        &["search", "--weight-decay", "0,1e-4"],
    ),
    flags(
        "search-weight-decay-inf",
        &["search", "--weight-decay", "1e-8,inf"],
    ),
    flags("search-nothing-to-train", &["search", "--preset", "relu"]),
];

/// A folder of its own for one test's preset files.
fn folder(test: &str) -> TempDir {
    TempDir::new(&format!("error-words-{test}"))
}

/// The command line of `case`, its preset written under `dir`.
fn command_line(case: &Case, dir: &Path) -> Vec<String> {
    let mut args: Vec<String> = case.args.iter().map(|a| a.to_string()).collect();
    if let Some(toml) = case.toml {
        let path = dir.join(format!("{}.toml", case.name));
        std::fs::write(&path, toml).unwrap();
        args.push("--preset".into());
        args.push(path.display().to_string());
    }
    args
}

/// What the CLI writes for `args` in the language of this thread: the usage error clap found,
/// or the error the command ended with, as `backstep` prints it.
fn error_of(args: &[String]) -> String {
    let argv = std::iter::once(OsString::from("backstep")).chain(args.iter().map(OsString::from));
    match Cli::parse_from_args(argv) {
        Err(ParseError::Usage(text)) => text,
        Err(ParseError::Display(e)) => panic!("{args:?}: help, not an error: {e}"),
        Ok(cli) => {
            let command = cli
                .command
                .unwrap_or_else(|| panic!("{args:?}: no command"));
            let mut out = Vec::new();
            match run_command(&command, &mut out) {
                Err(e) => error_text(&e),
                Ok(_) => panic!("{args:?}: no error"),
            }
        }
    }
}

/// `line L, column C` as English wrote it, as numbers.
fn position(en: &str) -> Option<(String, String)> {
    let at = en.find("line ")?;
    let rest = &en[at + 5..];
    let line: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let rest = rest[line.len()..].strip_prefix(", column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line, column))
}

/// The run's own names, which no catalog translates: the folder of the preset files.
fn own_names(dir: &Path) -> Vec<String> {
    dir.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

/// What the pseudo-language's usage line starts with, before clap's synopsis of the command.
fn usage_heading() -> String {
    let line = scoped(Lang::Pseudo, || t!("cli-usage-line", usage = "\u{1}"));
    let heading = line.split('\u{1}').next().unwrap_or_default().to_string();
    // an empty heading would filter out every line of the error
    assert!(heading.contains("Usage"), "{heading}");
    heading
}

#[test]
fn every_preset_and_flag_error_comes_from_the_catalogs_and_keeps_its_place() {
    let dir = folder("pseudo");
    let names = own_names(&dir);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut problems = Vec::new();
    for case in CASES {
        let args = command_line(case, &dir);
        let en = scoped(Lang::En, || error_of(&args));
        let pseudo = scoped(Lang::Pseudo, || error_of(&args));
        // the usage line after its heading is clap's synopsis of the command (`backstep trace
        // [OPTIONS]`): names and placeholders, like a NumPy line
        let heading = usage_heading();
        let words: String = pseudo
            .lines()
            .filter(|l| !l.starts_with(&heading))
            .collect::<Vec<_>>()
            .join("\n");
        let stray = untranslated_except(&words, &names);
        if !stray.is_empty() {
            problems.push(format!("{}: {stray:?} in\n{pseudo}", case.name));
        }
        if case.toml.is_some() {
            let file = format!("{}.toml", case.name);
            for (lang, text) in [(Lang::En, &en), (Lang::Pseudo, &pseudo)] {
                if !text.contains(&file) {
                    problems.push(format!("{} {lang:?}: no file name in {text}", case.name));
                }
            }
        }
        match (case.line, position(&en)) {
            (Some(line), Some((l, c))) => {
                if line.to_string() != l {
                    problems.push(format!("{}: line {l}, not {line}: {en}", case.name));
                }
                let at = scoped(Lang::Pseudo, || t!("perr-at", line = l, column = c));
                if !pseudo.contains(&at) {
                    problems.push(format!("{}: {at} lost in {pseudo}", case.name));
                }
            }
            (Some(line), None) => {
                problems.push(format!("{}: no line {line} in {en}", case.name));
            }
            (None, _) => {}
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        problems.is_empty(),
        "{} of {} errors:\n{}",
        problems.len(),
        CASES.len(),
        problems.join("\n\n")
    );
}

/// Every CJK character of `text`.
fn has_cjk(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The numbers of `text` in order (a translation keeps each one).
fn numbers(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    found.sort();
    found
}

#[test]
fn the_binary_writes_them_in_chinese_and_japanese_with_the_file_line_and_column() {
    let dir = folder("binary");
    let mut problems = Vec::new();
    for case in CASES {
        let args = command_line(case, &dir);
        let run = |lang: &str| {
            let mut cmd = Process::new(env!("CARGO_BIN_EXE_backstep"));
            for var in ["BACKSTEP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
                cmd.env_remove(var);
            }
            // `--lang fr` is the case itself: the language comes from the variable then
            let o = cmd.env("BACKSTEP_LANG", lang).args(&args).output().unwrap();
            (
                o.status.code(),
                String::from_utf8_lossy(&o.stderr).into_owned(),
            )
        };
        let (_, en) = run("en");
        for lang in ["zh", "ja"] {
            let (code, err) = run(lang);
            if code != Some(2) {
                problems.push(format!("{} {lang}: exit {code:?}: {err}", case.name));
            }
            if !has_cjk(&err) {
                problems.push(format!("{} {lang}: not translated: {err}", case.name));
            }
            if case.toml.is_some() && !err.contains(&format!("{}.toml", case.name)) {
                problems.push(format!("{} {lang}: no file name: {err}", case.name));
            }
            if let (Some(_), Some((l, c))) = (case.line, position(&en)) {
                let at = scoped(Lang::from_code(lang).unwrap(), || {
                    t!("perr-at", line = l.as_str(), column = c.as_str())
                });
                if !err.contains(&at) {
                    problems.push(format!("{} {lang}: {at} lost: {err}", case.name));
                }
            }
            // every number of English is there (a translation may spell "twice" as `2 回`)
            let mut theirs = numbers(&err);
            let kept = numbers(&en)
                .iter()
                .all(|n| match theirs.iter().position(|t| t == n) {
                    Some(i) => {
                        theirs.remove(i);
                        true
                    }
                    None => false,
                });
            if !kept {
                problems.push(format!(
                    "{} {lang}: a number of English is missing:\n{en}\n{err}",
                    case.name
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// Words of clap's own that a usage error in another language must not show (clap writes them
/// when its error is printed as it is).
const CLAP_ENGLISH: [&str; 9] = [
    "Usage:",
    "For more information",
    "error:",
    "unexpected argument",
    "invalid value",
    "a value is required",
    "possible values",
    "tip:",
    "similar",
];

/// An unknown flag, a bad value, a missing value: in 中文 and 日本語 the sentence of the error's
/// kind with the flag and value clap found, the usage heading and the `--help` hint from the
/// catalogs, nothing of clap's English, exit 2; in the pseudo-language no word outside a message.
#[test]
fn usage_errors_are_written_in_the_learner_s_language() {
    // the command line, the sentence it gets, and whether a usage line follows
    type UsageCase = (&'static [&'static str], fn() -> String, bool);
    let cases: [UsageCase; 3] = [
        (
            &["presets", "--frobnicate"],
            || t!("cli-err-unknown-arg", arg = "--frobnicate"),
            true,
        ),
        (
            &["trace", "--format", "xml"],
            || {
                format!(
                    "{} {}",
                    t!(
                        "cli-err-invalid-value",
                        arg = "--format <FORMAT>",
                        value = "xml"
                    ),
                    t!("cli-err-possible-values", values = "text, json, markdown")
                )
            },
            false,
        ),
        (
            &["trace", "--preset"],
            || t!("cli-err-value-required", arg = "--preset <NAME|PATH>"),
            false,
        ),
    ];
    for (args, sentence, usage) in cases {
        for lang in [Lang::Zh, Lang::Ja] {
            let o = Process::new(env!("CARGO_BIN_EXE_backstep"))
                .env_remove("BACKSTEP_LANG")
                .args(["--lang", lang.code()])
                .args(args)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{args:?} {lang:?}: {err}");
            let (first, heading, more) = scoped(lang, || {
                (
                    t!("cli-err-prefix", message = sentence()),
                    // the usage line, with the language's spacing after its colon
                    t!("cli-usage-line", usage = "backstep "),
                    t!("cli-err-more"),
                )
            });
            assert_eq!(
                err.lines().next(),
                Some(first.as_str()),
                "{args:?} {lang:?}"
            );
            assert_eq!(err.lines().last(), Some(more.as_str()), "{args:?} {lang:?}");
            assert_eq!(
                err.lines().any(|l| l.starts_with(&heading)),
                usage,
                "{args:?} {lang:?}: {err}"
            );
            for english in CLAP_ENGLISH {
                assert!(
                    !err.contains(english),
                    "{args:?} {lang:?}: {english:?} in {err}"
                );
            }
        }
        let argv = std::iter::once("backstep")
            .chain(args.iter().copied())
            .map(OsString::from);
        let pseudo = scoped(Lang::Pseudo, || match Cli::parse_from_args(argv) {
            Err(ParseError::Usage(text)) => text,
            other => panic!("{args:?}: not a usage error: {other:?}"),
        });
        let heading = usage_heading();
        let words: String = pseudo
            .lines()
            .filter(|l| !l.starts_with(&heading))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(
            untranslated_except(&words, &[]),
            [] as [&str; 0],
            "{pseudo}"
        );
    }
}

/// A folder given as `--preset`, a file that is not UTF-8 and a path through a file, in 中文:
/// the file's name and the reason from the catalogs, none of the system's English, exit 2.
#[test]
fn file_errors_name_the_file_and_say_why_in_chinese() {
    let dir = folder("file-errors");
    let folder_preset = dir.join("a-folder.toml");
    std::fs::create_dir_all(&folder_preset).unwrap();
    let latin1 = dir.join("latin1.toml");
    std::fs::write(&latin1, b"x = [[1.0]] # caf\xe9\n").unwrap();
    let through = dir.join("latin1.toml").join("x.toml");
    let show = |p: &Path| p.display().to_string();
    let cases = [
        (
            &folder_preset,
            scoped(Lang::Zh, || {
                t!(
                    "perr-not-regular",
                    path = show(&folder_preset),
                    kind = t!("perr-kind-directory"),
                    noun = t!("perr-noun-preset")
                )
            }),
        ),
        (
            &latin1,
            scoped(Lang::Zh, || {
                t!("perr-not-utf8", path = show(&latin1), offset = "17")
            }),
        ),
        (
            &through,
            scoped(Lang::Zh, || {
                t!(
                    "perr-io",
                    what = t!(
                        "perr-cannot-read",
                        path = show(&through),
                        noun = t!("perr-noun-preset")
                    ),
                    why = t!("perr-io-not-directory")
                )
            }),
        ),
    ];
    for (path, said) in cases {
        let o = Process::new(env!("CARGO_BIN_EXE_backstep"))
            .env_remove("BACKSTEP_LANG")
            .args(["--lang", "zh", "trace", "--preset"])
            .arg(path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(&said), "{said}\nnot in\n{err}");
        for english in ["os error", "directory", "Not a", "UTF-8 sequence"] {
            assert!(!err.contains(english), "{english:?} in {err}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A preset's label and a `--vary` list lead their error with the language's colon: `：` in zh
/// and ja, as a layer's name does (`err-who-said`), never an ASCII `: ` after a CJK sentence.
#[test]
fn a_presets_label_and_a_vary_list_lead_with_the_languages_colon() {
    let run = |lang: &str, args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_backstep"))
            .args(["--lang", lang])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let decay = ["train", "--preset", "train-xor", "--weight-decay", "-1"];
    let vary = [
        "compare",
        "--preset",
        "lab-optimizers",
        "--vary",
        "weight_decay=0,-0.1",
    ];
    for lang in ["zh", "ja"] {
        let e = run(lang, &decay);
        assert!(e.contains("\"train-xor\"：--weight-decay"), "{lang}: {e}");
        let e = run(lang, &vary);
        assert!(e.contains("--vary weight_decay=0,-0.1："), "{lang}: {e}");
        assert!(!e.contains(": "), "{lang}: an ASCII colon in {e}");
    }
    let e = run("en", &decay);
    assert!(e.contains("\"train-xor\": --weight-decay is -1"), "{e}");
}
