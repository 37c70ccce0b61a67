//! Presets: every built-in loads; every class of bad input is a clear error naming the file.

use std::path::PathBuf;

use backstep::engine::Targets;
use backstep::preset::{BUILTINS, Preset, Source};
use ndarray::array;

fn err(text: &str) -> String {
    let e = Preset::from_toml(text, Source::File(PathBuf::from("bad.toml"))).unwrap_err();
    let msg = format!("{e:#}");
    assert!(
        msg.starts_with("bad.toml: "),
        "the message names the file: {msg}"
    );
    msg
}

const LAYER_RELU: &str = "\n[[layers]]\ntype = \"relu\"\n";

#[test]
fn every_builtin_loads_and_runs() {
    assert!(BUILTINS.len() >= 8);
    for name in [
        "mask",
        "relu",
        "sigmoid",
        "bias-sum",
        "affine",
        "softmax-loss",
        "apple",
        "two-layer",
    ] {
        let p = Preset::builtin(name).unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        assert!(!run.tape.is_empty(), "{name}");
        assert!(
            run.tape
                .steps
                .iter()
                .all(|s| s.writes.value.iter().all(|v| v.is_finite())),
            "{name}"
        );
    }
    assert_eq!(BUILTINS[0].name, "two-layer");
    assert_eq!(Preset::default_preset().unwrap().name, "two-layer");
}

#[test]
fn builtins_hold_the_seeds_numbers() {
    let p = Preset::builtin("bias-sum").unwrap();
    let run = p.network.run(&p.inputs).unwrap();
    assert_eq!(run.out, array![[1.0, 2.0, 3.0], [11.0, 12.0, 13.0]]);
    assert_eq!(run.layers[0].grads[1].value, array![[5.0, 7.0, 9.0]]);
    let p = Preset::builtin("mask").unwrap();
    assert_eq!(
        p.network.run(&p.inputs).unwrap().out,
        array![[1.0, 2.0, 0.0], [2.0, 3.0, 4.0]]
    );
    let p = Preset::builtin("relu").unwrap();
    assert_eq!(
        p.network.run(&p.inputs).unwrap().out,
        array![[1.0, 0.0], [0.0, 3.0]]
    );
    let p = Preset::builtin("apple").unwrap();
    let run = p.network.run(&p.inputs).unwrap();
    assert!((run.out[[0, 0]] - 220.0).abs() < 1e-12);
    assert!((run.dx[[0, 0]] - 2.2).abs() < 1e-12);
    assert!((run.layers[0].grads[0].value[[0, 0]] - 110.0).abs() < 1e-12);
    assert!((run.layers[1].grads[0].value[[0, 0]] - 200.0).abs() < 1e-12);
    let p = Preset::builtin("softmax-loss").unwrap();
    let run = p.network.run(&p.inputs).unwrap();
    let d = &run
        .tape
        .steps
        .iter()
        .find(|s| s.label == "y − t")
        .unwrap()
        .writes
        .value;
    for (got, want) in d.row(0).iter().zip([0.3, -0.8, 0.5]) {
        assert!((got - want).abs() < 1e-15, "{got} {want}");
    }
}

#[test]
fn random_generators_are_reproducible() {
    let text = "x = { random = \"uniform\", shape = [2, 3], scale = 2.0, seed = 9 }\n[[layers]]\ntype = \"mul\"\nw = { random = \"normal\", shape = [2, 3], seed = 9 }\n";
    let a = Preset::from_toml(text, Source::File("r.toml".into())).unwrap();
    let b = Preset::from_toml(text, Source::File("r.toml".into())).unwrap();
    assert_eq!(a, b);
    assert!(a.inputs.x.iter().all(|v| v.abs() <= 2.0));
    assert_ne!(a.inputs.x[[0, 0]], a.inputs.x[[0, 1]]);
}

#[test]
fn targets_as_labels_or_one_hot() {
    let p = Preset::from_toml(
        "x = [[1.0, 2.0]]\nt = [[0, 1]]\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Source::File("a.toml".into()),
    )
    .unwrap();
    assert_eq!(p.inputs.t, Some(Targets::OneHot(array![[0.0, 1.0]])));
    let q = Preset::from_toml(
        "x = [[1.0, 2.0]]\nt = [1]\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        Source::File("a.toml".into()),
    )
    .unwrap();
    let (a, b) = (
        p.network.run(&p.inputs).unwrap(),
        q.network.run(&q.inputs).unwrap(),
    );
    assert_eq!(a.loss, b.loss);
}

#[test]
fn malformed_toml_gives_line_and_column() {
    let msg = err("x = [[1.0, 2.0]\n[[layers]]\ntype = \"relu\"\n");
    assert!(msg.contains("line "), "{msg}");
    assert!(msg.contains("column "), "{msg}");
}

#[test]
fn unknown_layer_type_lists_valid_ones() {
    let msg = err("x = [[1.0]]\n[[layers]]\ntype = \"relux\"\n");
    assert!(msg.contains("unknown layer type \"relux\""), "{msg}");
    assert!(
        msg.contains("affine, relu, sigmoid, softmax, softmax_with_loss, mul, add"),
        "{msg}"
    );
    assert!(msg.contains("line 3"), "{msg}");
}

#[test]
fn missing_fields() {
    assert!(err(LAYER_RELU).contains("missing field `x`"));
    assert!(err("x = [[1.0]]\n[[layers]]\n").contains("missing field `type`"));
    let msg = err("x = [[1.0]]\n[[layers]]\ntype = \"affine\"\nb = [0.0]\n");
    assert!(msg.contains("an affine layer needs W"), "{msg}");
    let msg = err("x = [[1.0]]\n[[layers]]\ntype = \"add\"\n");
    assert!(msg.contains("an add layer needs b"), "{msg}");
    let msg = err("x = [[1.0]]\n[[layers]]\ntype = \"mul\"\n");
    assert!(msg.contains("a mul layer needs w"), "{msg}");
    let msg = err("x = [[1.0]]\n[[layers]]\ntype = \"relu\"\nb = [0.0]\n");
    assert!(msg.contains("a relu layer has no field `b`"), "{msg}");
    let msg =
        err("x = [[1.0]]\n[[layers]]\ntype = \"affine\"\nW = [[1.0]]\nb = [0.0]\ngamma = [1.0]\n");
    assert!(
        msg.contains("an affine layer has no field `gamma`"),
        "{msg}"
    );
    assert!(err("x = [[1.0]]\n").contains("no layers"));
    assert!(
        err("x = [[1.0]]\nfoo = 1\n[[layers]]\ntype = \"relu\"\n").contains("unknown field `foo`")
    );
}

#[test]
fn ragged_rows() {
    let msg = err(&format!("x = [[1.0, 2.0], [3.0]]{LAYER_RELU}"));
    assert!(
        msg.contains("ragged") && msg.contains("row 1 has 1"),
        "{msg}"
    );
    assert!(msg.contains("line 1"), "{msg}");
}

#[test]
fn empty_matrix() {
    assert!(err(&format!("x = []{LAYER_RELU}")).contains("x is empty"));
    assert!(err(&format!("x = [[]]{LAYER_RELU}")).contains("x is empty"));
}

#[test]
fn nan_and_inf() {
    assert!(
        err(&format!("x = [[1.0, nan]]{LAYER_RELU}"))
            .ends_with("x[0][1] is not a number: every value must be a finite number")
    );
    assert!(err(&format!("x = [[1.0, -inf]]{LAYER_RELU}")).ends_with(
        "x[0][1] is too large for f64 (about ±1.8e308 at most): every value must be a finite number"
    ));
    assert!(
        err("x = [[1.0]]\n[[layers]]\ntype = \"mul\"\nw = [[inf]]\n")
            .contains("w[0][0] is too large for f64")
    );
}

#[test]
fn shape_mismatch_names_both_layers_and_shapes() {
    let text = "x = [[1.0, 2.0]]\n[[layers]]\ntype = \"affine\"\nname = \"A1\"\nW = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]\nb = [0.0, 0.0, 0.0]\n[[layers]]\ntype = \"affine\"\nname = \"A2\"\nW = [[1.0], [1.0]]\nb = [0.0]\n";
    let msg = err(text);
    assert!(msg.contains("layer 1 (A1) outputs 1×3"), "{msg}");
    assert!(msg.contains("layer 2 (A2)"), "{msg}");
    assert!(msg.contains("W is 2×1"), "{msg}");
    let msg = err(
        "x = [[1.0, 2.0]]\n[[layers]]\ntype = \"affine\"\nW = [[1.0], [1.0]]\nb = [0.0, 1.0]\n",
    );
    // W and b disagree inside one layer: the layer and its matrices are to blame, not x
    assert_eq!(
        msg,
        "bad.toml: layer 1 (Affine): b has 2 values but W is 2×1: b needs one value per column of W, 1"
    );
    let msg = err(&text.replace("b = [0.0]\n", "b = [0.0, 0.0, 0.0]\n"));
    assert!(
        msg.ends_with(
            "layer 2 (A2): b has 3 values but W is 2×1: b needs one value per column of W, 1"
        ),
        "{msg}"
    );
}

#[test]
fn targets_that_do_not_fit() {
    let loss = "\n[[layers]]\ntype = \"softmax_with_loss\"\n";
    assert!(
        err(&format!("x = [[1.0, 2.0]]\nt = [0, 1]{loss}"))
            .contains("t has 2 labels but the batch has 1 row:")
    );
    assert!(
        err(&format!("x = [[1.0, 2.0]]\nt = [[1, 0, 0]]{loss}"))
            .contains("t is 1×3 but the output is 1×2")
    );
    assert!(err(&format!("x = [[1.0, 2.0]]{loss}")).contains("needs targets t"));
    assert!(
        err("x = [[1.0, 2.0]]\nt = [1]\n[[layers]]\ntype = \"softmax\"\n")
            .contains("t is given but the chain does not end in softmax_with_loss")
    );
    assert!(
        err(&format!("x = [[1.0, 2.0]]\nt = [[1, 1]]{loss}"))
            .contains("t row 0 sums to 2: each row of t must sum to 1")
    );
    assert!(
        err(&format!("x = [[1.0, 2.0]]\nt = [[1.5, -0.5]]{loss}"))
            .contains("t row 0 has a negative value")
    );
    assert!(err(&format!("x = [[1.0, 2.0]]\nt = [1.5]{loss}")).contains("class labels"));
    assert!(
        err("x = [[1.0]]\ndout = [[1.0, 2.0]]\n[[layers]]\ntype = \"relu\"\n")
            .contains("dout is 1×2 but the last output is 1×1")
    );
}

#[test]
fn label_out_of_range() {
    let msg = err("x = [[1.0, 2.0, 3.0]]\nt = [3]\n[[layers]]\ntype = \"softmax_with_loss\"\n");
    assert!(
        msg.contains("label 3 (row 0) is out of range: the output has 3 classes"),
        "{msg}"
    );
}

#[test]
fn matrices_over_the_size_limit() {
    let msg =
        err("x = { random = \"normal\", shape = [2000, 1000] }\n[[layers]]\ntype = \"relu\"\n");
    assert!(
        msg.contains("2000×1000 = 2000000 cells: at most 1000000"),
        "{msg}"
    );
    let msg =
        err("x = { random = \"normal\", shape = [1, 200000] }\n[[layers]]\ntype = \"relu\"\n");
    assert!(msg.contains("at most 100000 rows or columns"), "{msg}");
    // each matrix within its limit, but eleven 1000×1000 outputs are too many for the tape
    let deep = format!(
        "x = {{ random = \"normal\", shape = [1000, 1000] }}{}",
        LAYER_RELU.repeat(11)
    );
    let msg = err(&deep);
    assert!(
        msg.contains("the layers' outputs total 11000000 cells; at most 10000000"),
        "{msg}"
    );
}

#[test]
fn missing_file_and_unknown_name() {
    let e = format!(
        "{:#}",
        Preset::resolve("/nonexistent/dir/net.toml").unwrap_err()
    );
    assert!(
        e.contains("/nonexistent/dir/net.toml") && e.contains("cannot read"),
        "{e}"
    );
    let e = format!("{:#}", Preset::resolve("two-layers").unwrap_err());
    assert!(
        e.contains("no preset named \"two-layers\"") && e.contains("two-layer, mask"),
        "{e}"
    );
    let e = format!("{:#}", Preset::resolve("/").unwrap_err());
    assert_eq!(
        e,
        "/: is a directory, not a preset file: give the path of a regular file"
    );
}

#[test]
fn loss_must_be_last_and_layers_are_named() {
    let msg = err(
        "x = [[1.0]]\nt = [0]\n[[layers]]\ntype = \"softmax_with_loss\"\n[[layers]]\ntype = \"relu\"\n",
    );
    assert!(msg.contains("is not the last layer"), "{msg}");
    let msg = err(
        "x = [[1.0]]\n[[layers]]\ntype = \"relu\"\nname = \"A\"\n[[layers]]\ntype = \"relu\"\nname = \"A\"\n",
    );
    assert!(msg.contains("two layers are named \"A\""), "{msg}");
    let p = Preset::builtin("two-layer").unwrap();
    let names: Vec<&str> = p.network.layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Affine1", "ReLU", "Affine2", "Softmax-with-Loss"]);
}

#[test]
fn overflow_is_an_error_not_nan() {
    let p = Preset::from_toml(
        "x = [[1e308, 1e308]]\n[[layers]]\ntype = \"affine\"\nW = [[10.0], [10.0]]\nb = [0.0]\n",
        Source::File("big.toml".into()),
    )
    .unwrap();
    let e = format!("{:#}", p.run().unwrap_err());
    assert!(
        e.starts_with("big.toml: layer 1 (Affine) output became inf"),
        "errors found while running name the file: {e}"
    );
    assert!(e.contains("too large for f64"), "{e}");
    let e = format!("{:#}", p.check(1e-4, 1e-4).unwrap_err());
    assert!(
        e.starts_with("big.toml: layer 1 (Affine) output became inf"),
        "{e}"
    );
    // every output is finite, but the scalar backward differentiates is not: caught the same way
    let p = Preset::from_toml(
        "x = [[1e308, 1e308]]\n[[layers]]\ntype = \"relu\"\n",
        Source::File("sum.toml".into()),
    )
    .unwrap();
    let e = format!("{:#}", p.run().unwrap_err());
    assert!(
        e.starts_with("sum.toml: L = Σ dout ⊙ out (the scalar backward differentiates) became inf"),
        "{e}"
    );
    let e = format!("{:#}", p.check(1e-4, 1e-4).unwrap_err());
    assert!(e.starts_with("sum.toml: L = Σ dout ⊙ out"), "{e}");
    // a gradient that overflows names the file too: dout = 1e300 through W = 1e10
    let p = Preset::from_toml(
        "x = [[1e-20]]\ndout = [[1e300]]\n[[layers]]\ntype = \"affine\"\nW = [[1e10]]\nb = [0.0]\n",
        Source::File("grad.toml".into()),
    )
    .unwrap();
    let e = format!("{:#}", p.run().unwrap_err());
    assert!(
        e.starts_with("grad.toml: the gradient dx of layer 1 (Affine) became inf"),
        "{e}"
    );
    // sigmoid of huge inputs is fine: its output stays in [0, 1]
    let p = Preset::from_toml(
        "x = [[1e300, -1e300]]\n[[layers]]\ntype = \"sigmoid\"\n",
        Source::File("s.toml".into()),
    )
    .unwrap();
    assert!(p.network.run(&p.inputs).is_ok());
}

#[cfg(unix)]
#[test]
fn a_special_file_is_refused_by_its_kind_before_it_is_read() {
    // /dev/zero reports size 0 and never ends; /dev/null reads as empty: neither is a preset
    // file, and each is named as the device it is rather than read.
    for path in ["/dev/zero", "/dev/null"] {
        let e = format!(
            "{:#}",
            Preset::resolve(path).expect_err("a device is not a preset")
        );
        assert_eq!(
            e,
            format!(
                "{path}: is a character device, not a preset file: give the path of a regular file"
            )
        );
    }
}

#[test]
fn a_seed_or_whole_number_out_of_range_names_the_field_and_the_range() {
    let generator = |seed: &str| {
        err(&format!(
            "x = {{ random = \"normal\", shape = [2, 2], seed = {seed} }}\n[[layers]]\ntype = \"relu\"\n"
        ))
    };
    // 2^70 is past what TOML's integers hold: the parser's own message was an internal type error
    let msg = generator("1180591620717411303424");
    assert_eq!(
        msg,
        "bad.toml: line 1, column 49: seed = 1180591620717411303424 is out of range: a seed must be a whole number from 0 to 9223372036854775807"
    );
    for (seed, found) in [("1e30", "1e30"), ("-1", "-1"), ("2.5", "2.5")] {
        let msg = generator(seed);
        assert!(
            msg.ends_with(&format!(
                "x: seed must be a whole number from 0 to 9223372036854775807, found {found}"
            )),
            "{msg}"
        );
    }
    // the same for any whole number beyond 64 bits, in any field, on any line
    let msg = err("x = [[1, 99_999_999_999_999_999_999]]\n[[layers]]\ntype = \"relu\"\n");
    assert!(
        msg.contains("line 1, column 10: x: 99_999_999_999_999_999_999 is out of range for a whole number (-9223372036854775808 to 9223372036854775807)"),
        "{msg}"
    );
    let msg = err("x = [[1.0]]\nt = [\n  -99999999999999999999,\n]\n[[layers]]\ntype = \"relu\"\n");
    assert!(
        msg.contains("line 3, column 3: t: -99999999999999999999 is out of range"),
        "{msg}"
    );
    // seeds up to 2^63 − 1 work
    let p = Preset::from_toml(
        "x = { random = \"normal\", shape = [1, 2], seed = 9223372036854775807 }\n[[layers]]\ntype = \"relu\"\n",
        Source::File("ok.toml".into()),
    );
    assert!(p.is_ok(), "{p:?}");
}

/// SplitMix64 as Vigna's splitmix64.c writes it, and a label in `0..k` as the high 64 bits of
/// `next · k`: the reference the label generator must reproduce.
fn reference_labels(seed: u64, k: u64, n: usize) -> Vec<usize> {
    let mut state = seed;
    (0..n)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            let next = z ^ (z >> 31);
            ((u128::from(next) * u128::from(k)) >> 64) as usize
        })
        .collect()
}

/// The book-size net (784 → 50 → 10, batch 100) with its 100 labels generated.
const BOOK_SIZE_GENERATED: &str = r#"
x = { random = "normal", shape = [100, 784], scale = 1.0, seed = 1 }
t = { random = "labels", classes = 10, shape = [100], seed = 3 }
[[layers]]
type = "affine"
W = { random = "normal", shape = [784, 50], scale = 0.01, seed = 2 }
b = { fill = 0.0, shape = [50] }
[[layers]]
type = "relu"
[[layers]]
type = "affine"
W = { random = "normal", shape = [50, 10], scale = 0.01, seed = 4 }
b = { fill = 0.0, shape = [10] }
[[layers]]
type = "softmax_with_loss"
"#;

#[test]
fn a_label_generator_draws_uniform_classes_from_splitmix64() {
    let p = Preset::from_toml(BOOK_SIZE_GENERATED, Source::Builtin("book".into())).unwrap();
    let Some(Targets::Labels(labels)) = &p.inputs.t else {
        panic!("labels, not {:?}", p.inputs.t);
    };
    assert_eq!(labels, &reference_labels(3, 10, 100));
    assert!(
        (0..10).all(|k| labels.contains(&k)),
        "all ten classes drawn: {labels:?}"
    );
    // it runs like the same preset with the labels typed out
    let typed = BOOK_SIZE_GENERATED.replace(
        r#"t = { random = "labels", classes = 10, shape = [100], seed = 3 }"#,
        &format!("t = {labels:?}"),
    );
    let q = Preset::from_toml(&typed, Source::Builtin("typed".into())).unwrap();
    assert_eq!(p.run().unwrap().loss, q.run().unwrap().loss);
    // another seed, other labels; the default seed is 0
    let other = BOOK_SIZE_GENERATED.replace("shape = [100], seed = 3", "shape = [100], seed = 4");
    let other = Preset::from_toml(&other, Source::Builtin("other".into())).unwrap();
    assert_ne!(other.inputs.t, p.inputs.t);
    let unseeded = BOOK_SIZE_GENERATED.replace("shape = [100], seed = 3", "shape = [100]");
    let unseeded = Preset::from_toml(&unseeded, Source::Builtin("unseeded".into())).unwrap();
    assert_eq!(
        unseeded.inputs.t,
        Some(Targets::Labels(reference_labels(0, 10, 100)))
    );
}

#[test]
fn a_bad_label_generator_names_the_field_line_and_column() {
    let preset =
        |t: &str| format!("title = \"labels\"\nx = [[1.0, 2.0], [3.0, 4.0]]\nt = {t}{LAYER_RELU}");
    let cases = [
        (
            r#"{ random = "labels", classes = 0, shape = [2] }"#,
            "bad.toml: line 3, column 5: t.classes must be a whole number from 1 to 100000 (how many classes; the last layer's width), found 0",
        ),
        (
            r#"{ random = "labels", classes = 2.5, shape = [2] }"#,
            "bad.toml: line 3, column 5: t.classes must be a whole number from 1 to 100000 (how many classes; the last layer's width), found 2.5",
        ),
        (
            r#"{ random = "labels", shape = [2] }"#,
            "bad.toml: line 3, column 5: t: a label generator needs classes = K, how many classes (the last layer's width), like classes = 10",
        ),
        (
            r#"{ random = "labels", classes = 3, shape = [2, 1] }"#,
            "bad.toml: line 3, column 5: t.shape must be [N], one whole number: the number of labels (one per row of x), like [100]",
        ),
        (
            r#"{ random = "labels", classes = 3, shape = [0] }"#,
            "bad.toml: line 3, column 5: t.shape = [0]: the number of labels must be from 1 to 100000",
        ),
        (
            r#"{ random = "labels", classes = 3 }"#,
            "bad.toml: line 3, column 5: t: a label generator needs shape = [N], the number of labels (one per row of x), like [100]",
        ),
        (
            r#"{ random = "labels", classes = 3, shape = [2], seed = -1 }"#,
            "bad.toml: line 3, column 5: t: seed must be a whole number from 0 to 9223372036854775807, found -1",
        ),
        (
            r#"{ random = "labels", classes = 3, shape = [2], scale = 1.0 }"#,
            "bad.toml: line 3, column 5: t: unknown key \"scale\" in a label generator; use random = \"labels\", classes, shape and seed, like { random = \"labels\", classes = 10, shape = [100], seed = 3 }",
        ),
        (
            r#"{ random = "normal", shape = [2] }"#,
            "bad.toml: line 3, column 5: t: random = \"normal\" draws numbers, not class labels: generate labels with { random = \"labels\", classes = 10, shape = [100], seed = 3 }, or list them",
        ),
    ];
    for (t, want) in cases {
        assert_eq!(err(&preset(t)), want, "{t}");
    }
}
