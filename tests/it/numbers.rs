//! Numbers the user gives come back in the project's format, and one too large for f64 is said to
//! be too large (issue 18, item 13): `--lr 1e308` is echoed as `1e308`, not 309 digits; training
//! that overflows names the preset and the iteration and says to lower the learning rate; `1e309`
//! typed anywhere (a flag, `e`, a quiz answer, a preset field) is "too large", not "inf".

use std::process::{Command, Output};

use backstep::preset::{Preset, Source};
use backstep::tui::app::{App, Mode};
use ratatui::crossterm::event::KeyCode;

use crate::support::driver::{keys, press, screen};

fn backstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(args)
        .output()
        .expect("backstep runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs of more than 17 digits (f64 has at most 17 significant ones): `{}` printing 1e308 or
/// 1e-300 in full.
fn long_digit_runs(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|run| run.chars().filter(char::is_ascii_digit).count() > 17)
        .map(|run| format!("{}… ({} characters)", &run[..20.min(run.len())], run.len()))
        .collect()
}

#[test]
fn train_echoes_a_huge_or_tiny_learning_rate_as_typed() {
    for (lr, shown) in [("1e308", "sgd lr 1e308,"), ("1e-300", "sgd lr 1e-300,")] {
        let o = backstep(&[
            "train",
            "--preset",
            "train-xor",
            "--lr",
            lr,
            "--iters",
            "1",
            "--format",
            "text",
        ]);
        let out = format!("{}{}", stdout(&o), stderr(&o));
        assert!(out.contains(shown), "{out}");
        assert_eq!(long_digit_runs(&out), Vec::<String>::new(), "{out}");
    }
    // the header counts one iteration as one
    let o = backstep(&[
        "train",
        "--preset",
        "train-xor",
        "--iters",
        "1",
        "--format",
        "text",
    ]);
    assert!(
        stdout(&o).contains(", 1 iteration (1 per epoch)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn an_overflow_in_training_names_the_preset_and_iteration_and_says_lower_the_learning_rate() {
    let o = backstep(&[
        "train",
        "--preset",
        "train-xor",
        "--lr",
        "1e308",
        "--format",
        "text",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(
        err.trim_end(),
        "backstep: error: built-in preset \"train-xor\": iteration 0: layer 3 (Affine2) output became -inf: the numbers grew too large for f64 (about ±1.8e308 at most); lower the learning rate (lr is 1e308)",
    );
    assert!(!err.contains("use smaller values"), "{err}");
}

#[test]
fn a_number_flag_too_large_for_f64_is_said_to_be_too_large() {
    for args in [
        vec![
            "train",
            "--preset",
            "train-xor",
            "--lr",
            "1e309",
            "--format",
            "text",
        ],
        vec!["check", "--eps", "1e309"],
        vec!["check", "--tol", "1e309"],
    ] {
        let o = backstep(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("1e309 is too large for f64 (about ±1.8e308 at most)"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
    // a negative step is echoed as typed, not in hundreds of digits
    let o = backstep(&["check", "--eps", "-1e300"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--eps must be a positive number, got -1e300"),
        "{}",
        stderr(&o)
    );
    let o = backstep(&[
        "train",
        "--preset",
        "train-xor",
        "--lr",
        "-1e300",
        "--format",
        "text",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the learning rate is -1e300 but must be a positive number"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_preset_field_too_large_for_f64_is_said_to_be_too_large() {
    let err = |text: &str| {
        format!(
            "{:#}",
            Preset::from_toml(text, Source::File("big.toml".into())).unwrap_err()
        )
    };
    assert_eq!(
        err("x = [[1.0, 1e309]]\n[[layers]]\ntype = \"relu\"\n"),
        "big.toml: line 1, column 12: 1e309 is too large for f64 (about ±1.8e308 at most): give a finite number"
    );
    assert_eq!(
        err("x = [[1.0]]\n[[layers]]\ntype = \"dropout\"\nratio = 1e309\n"),
        "big.toml: line 4, column 9: 1e309 is too large for f64 (about ±1.8e308 at most): give a finite number"
    );
    assert_eq!(
        err("x = [[1.0]]\n[[layers]]\ntype = \"dropout\"\nratio = 1e300\n"),
        "big.toml: layer 1 (dropout): ratio is 1e300: the share of dropped cells must be at least 0 and below 1, like 0.5"
    );
    let train = |line: &str| {
        format!(
            "[train]\ndata = \"xor\"\n{line}\n[[layers]]\ntype = \"affine\"\nW = [[1.0, 1.0], [1.0, 1.0]]\nb = [0.0, 0.0]\n[[layers]]\ntype = \"softmax_with_loss\"\n"
        )
    };
    let e = err(&train("lr = 1e309"));
    assert!(
        e.contains("line 3, column 6: 1e309 is too large for f64 (about ±1.8e308 at most): give a finite number"),
        "{e}"
    );
    // a graph preset too
    assert_eq!(
        err(
            "[inputs]\na = 1e309\n[[nodes]]\nname = \"f\"\ntype = \"mul\"\ninputs = [\"a\", \"a\"]\n"
        ),
        "big.toml: line 2, column 5: a number here is too large for f64 (about ±1.8e308 at most): give a finite number"
    );
    // inf written as such is caught after parsing, and said the same way
    assert_eq!(
        err("x = [[1.0, inf]]\n[[layers]]\ntype = \"relu\"\n"),
        "big.toml: line 1, column 5: x[0][1] is too large for f64 (about ±1.8e308 at most): every value must be a finite number"
    );
    assert_eq!(
        err("x = [[1.0]]\n[[layers]]\ntype = \"dropout\"\nratio = inf\n"),
        "big.toml: layer 1 (dropout): line 4, column 9: ratio is too large for f64 (about ±1.8e308 at most): give a finite number"
    );
    let e = err(&train("test_fraction = 1e300"));
    assert!(
        e.contains("test_fraction is 1e300: it must be at least 0 and below 1"),
        "{e}"
    );
}

fn relu() -> App {
    App::new(Preset::builtin("relu").expect("built-in")).expect("runs")
}

#[test]
fn typing_1e309_into_a_cell_says_it_is_too_large() {
    let mut a = relu();
    press(&mut a, KeyCode::Tab); // x, the input
    press(&mut a, KeyCode::Char('e'));
    keys(&mut a, "1e309");
    press(&mut a, KeyCode::Enter);
    let Mode::Error(message) = a.mode() else {
        panic!("an error, not {:?}", a.mode());
    };
    assert_eq!(
        message,
        "1e309 is too large for f64 (about ±1.8e308 at most): type e.g. 0.5 or -2"
    );
    assert!(screen(&a, 100, 30).contains("1e309 is too large for f64"));
    // typed as inf, it is inf
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('e'));
    keys(&mut a, "inf");
    press(&mut a, KeyCode::Enter);
    assert!(
        matches!(a.mode(), Mode::Error(m) if m == "inf is not a finite number: type e.g. 0.5 or -2"),
        "{:?}",
        a.mode()
    );
}

#[test]
fn a_quiz_answer_of_1e309_is_too_large() {
    let mut a = App::new(Preset::builtin("two-layer").expect("built-in")).expect("runs");
    a.go_to(18);
    press(&mut a, KeyCode::Char('Q'));
    press(&mut a, KeyCode::Right);
    assert!(matches!(a.mode(), Mode::Quiz(_)), "{:?}", a.mode());
    keys(&mut a, "1e309");
    press(&mut a, KeyCode::Enter);
    let Mode::Quiz(prompt) = a.mode() else {
        panic!("the question stays open, not {:?}", a.mode());
    };
    assert_eq!(
        prompt.message.as_deref(),
        Some("1e309 is too large for f64 (about ±1.8e308 at most): type e.g. 0.25")
    );
}
