//! `backstep check` as the user met it: BatchNorm on identical rows, the relative error's
//! definition and floor, each tensor's worst cell (text and JSON), and the kink note's words.

use crate::support::temp::TempFile;
use std::process::{Command, Output};

use serde_json::Value;

fn backstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_slice(&backstep(&all).stdout).unwrap()
}

/// A preset file in a fresh temporary folder, removed when it is dropped.
fn preset_file(name: &str, text: &str) -> TempFile {
    TempFile::new(&format!("check-{name}"), &format!("{name}.toml"), text)
}

const BN: &str = "[[layers]]\ntype = \"batch_norm\"\ngamma = [1.0, 1.0]\nbeta = [0.0, 0.0]\n";

/// The number after `key` in `text`: `floor = 5.33e-4:` gives 5.33e-4.
fn number_after(text: &str, key: &str) -> f64 {
    text.split(key)
        .nth(1)
        .and_then(|rest| {
            rest.split([' ', ':', ',', ';', ')', '\n'])
                .next()
                .and_then(|n| n.trim_end_matches('.').parse().ok())
        })
        .unwrap_or_else(|| panic!("no number after {key:?} in {text}"))
}

#[test]
fn batch_norm_on_identical_rows_passes_on_rounding_and_says_why() {
    // x = [[1,2],[1,2]], γ = 1, β = 0: L is 0 up to rounding everywhere and backprop's dx = 0 is
    // exact; the central difference's 3.33e-9 is rounding of x − μ magnified by 1/std = 1000.
    let path = preset_file("bn-rows", &format!("x = [[1.0, 2.0], [1.0, 2.0]]\n{BN}"));
    let path = path.to_str().unwrap();
    let o = backstep(&["check", "--preset", path]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(text.contains("PASS"), "{text}");
    let x = text.lines().find(|l| l.starts_with("x ")).unwrap();
    assert!(x.contains("3.33e-9") && x.contains(" ok "), "{x}");
    // the bound is said on screen, and the difference is below it
    let noise = number_after(&text, "a central difference is good to about ±");
    assert!(3.33e-9 < noise && noise < 1e-6, "{noise}");
    assert!(
        text.contains(
            "note: BatchNorm1: every column of its input has the same value in every row, so \
             var = 0 there: xc = x − μ = 0, x̂ = 0 and out = β. Only the book's 10e-7 keeps this \
             from 0/0: std = √(0 + 10e-7) = 1.00e-3, so the layer multiplies any difference \
             between rows by γ/std = 1000·γ"
        ),
        "{text}"
    );
    let v = json(&["check", "--preset", path]);
    assert_eq!(v["passed"], true);
    let x_diff = v["tensors"][0]["max_abs_diff"].as_f64().unwrap();
    assert!(x_diff <= v["noise"].as_f64().unwrap(), "{v}");
    assert_eq!(v["notes"][0]["kind"], "constant_column");
    assert_eq!(v["notes"][0]["columns"], serde_json::json!([0, 1]));
    // one constant column among others is named as that column
    let path = preset_file("bn-col", &format!("x = [[1.0, 2.0], [1.0, 3.0]]\n{BN}"));
    let text = stdout(&backstep(&["check", "--preset", path.to_str().unwrap()]));
    assert!(
        text.contains("note: BatchNorm1: column 0 of its input has the same value in every row"),
        "{text}"
    );
}

#[test]
fn a_one_row_batch_through_batch_norm_gets_a_note_instead_of_a_silent_beta() {
    let path = preset_file("bn-one", &format!("x = [[1.0, 2.0]]\n{BN}"));
    let o = backstep(&["check", "--preset", path.to_str().unwrap()]);
    let text = stdout(&o);
    assert!(
        text.contains(
            "note: BatchNorm1: the batch has one row, so μ = x and xc = x − μ = 0 whatever x is: \
             x̂ = 0/√(0 + 10e-7) = 0 and out = β. Only the book's 10e-7 keeps this from 0/0"
        ),
        "{text}"
    );
    // the built-in batchnorm preset (4 different rows) gets no such note
    let v = json(&["check", "--preset", "batchnorm"]);
    assert_eq!(v["notes"], serde_json::json!([]));
}

#[test]
fn check_defines_the_relative_error_and_the_floor_in_force() {
    let text = stdout(&backstep(&["check", "--preset", "two-layer"]));
    assert!(
        text.contains(
            "\nrelative error = |a − n| / max(|a|, |n|, floor), a = backprop, n = numerical\n"
        ),
        "{text}"
    );
    let floor = number_after(&text, "floor = ");
    let noise = number_after(&text, "good to about ±");
    assert!(
        text.contains(&format!(
            "gradients below {floor:.2e} are compared by absolute difference at this h (|a − n| ≤ {noise:.2e} passes"
        )),
        "{text}"
    );
    // the floor is noise / tolerance, and moves as 1/h
    assert!(
        (floor - noise / 1e-4).abs() < 0.01 * floor,
        "{floor} {noise}"
    );
    let small = stdout(&backstep(&[
        "check",
        "--preset",
        "two-layer",
        "--eps",
        "1e-8",
    ]));
    let floor8 = number_after(&small, "floor = ");
    assert!((floor8 / floor - 1e4).abs() < 1e2, "{floor} → {floor8}");
    // JSON carries the same numbers
    let v = json(&["check", "--preset", "two-layer"]);
    let f = v["floor"].as_f64().unwrap();
    assert!((f - floor).abs() < 0.01 * floor, "{f}");
    assert!((v["noise"].as_f64().unwrap() * 1e4 - f).abs() < 1e-6 * f);
}

#[test]
fn each_tensor_names_its_worst_cell_in_text_and_json() {
    let v = json(&["check", "--preset", "train-spiral"]);
    let floor = v["floor"].as_f64().unwrap();
    let text = stdout(&backstep(&["check", "--preset", "train-spiral"]));
    for t in v["tensors"].as_array().unwrap() {
        let a = t["analytic"].as_array().unwrap();
        let n = t["numerical"].as_array().unwrap();
        // the cell of the largest |a − n| / max(|a|, |n|, floor), found here independently
        let mut best = (0.0, [0, 0]);
        for (r, (ar, nr)) in a.iter().zip(n).enumerate() {
            for (c, (x, y)) in ar
                .as_array()
                .unwrap()
                .iter()
                .zip(nr.as_array().unwrap())
                .enumerate()
            {
                let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
                let e = (x - y).abs() / x.abs().max(y.abs()).max(floor);
                if e > best.0 {
                    best = (e, [r, c]);
                }
            }
        }
        assert_eq!(t["worst"], serde_json::json!(best.1), "{}", t["name"]);
        let name = if t["layer"].is_null() {
            "x".to_string()
        } else {
            format!(
                "{}.{}",
                t["name"].as_str().unwrap(),
                t["param"].as_str().unwrap()
            )
        };
        let cell = format!("{name}[{},{}]", best.1[0], best.1[1]);
        let row = text
            .lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap();
        assert!(row.ends_with(&format!("  {cell}")), "{row}");
    }
}

#[test]
fn the_kink_note_says_the_one_sided_slope_and_what_the_smaller_step_costs() {
    let o = backstep(&["check", "--preset", "train-spiral"]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1));
    // layer names, not 0-based numbers
    assert!(
        text.contains("\nnote: ReLU: 564 of 10000 input cells"),
        "{text}"
    );
    assert!(!text.contains("(layer"), "{text}");
    assert!(
        text.contains(
            "while backprop uses the one-sided slope, 0 for x ≤ 0 and 1 for x > 0. Those cells"
        ),
        "{text}"
    );
    assert!(!text.contains("backprop uses 0 there"), "{text}");
    // the advice says what the smaller step gives up, with the floor that step will print
    assert!(text.contains("check with --eps 1e-8. Rounding then weighs more: at h = 1.00e-8 the numerical gradient is only good to ±"), "{text}");
    let promised = number_after(&text, "so gradients below ");
    let small = stdout(&backstep(&[
        "check",
        "--preset",
        "train-spiral",
        "--eps",
        "1e-8",
    ]));
    assert_eq!(number_after(&small, "floor = "), promised, "{small}");
    assert!(
        text.contains(&format!(
            "gradients below {promised:.2e} are compared by absolute difference only, and their relative errors go unchecked."
        )),
        "{text}"
    );
}
