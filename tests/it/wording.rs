//! What a teacher of the book's chapters 5–6 read in every output of every built-in preset
//! (issue 24): one name for one thing, layers counted as a person counts, the book's names and
//! constants said right. A sweep runs `words::misreadings` over every step of every built-in
//! preset — `trace` text and Markdown, the explorer's screen, its cell explanation and the book's
//! figure with its edge popups — and the tests after it pin each sentence that read wrong.

use crate::support::temp::TempDir;
use crate::support::{driver, words};

use backstep::preset::{BUILTINS, Preset, TRAIN_BUILTINS};
use backstep::tui::app::App;
use driver::{keys, press, screen};
use ratatui::crossterm::event::KeyCode;
use std::process::Command;

fn backstep(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(args)
        .output()
        .expect("runs");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8")
}

/// Every built-in preset that runs without outside data.
fn presets() -> Vec<&'static str> {
    BUILTINS
        .iter()
        .chain(TRAIN_BUILTINS)
        .map(|b| b.name)
        .filter(|&n| !n.ends_with("-mnist"))
        .collect()
}

fn app(preset: &str) -> App {
    App::new(Preset::builtin(preset).expect("built-in")).expect("runs")
}

/// The names of a preset's layers (or nodes), in order.
fn layer_names(preset: &str) -> Vec<String> {
    let p = Preset::builtin(preset).expect("built-in");
    let run = p.network.run(&p.inputs).expect("runs");
    run.layers.iter().map(|l| l.name.clone()).collect()
}

/// `layer N (Name)` and `Name (layer N)` where N, counted from 1, is not Name's place.
fn miscounted_layers(text: &str, names: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("layer ") {
        let rest = &text[at + 6..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(n) = digits.parse::<usize>() else {
            continue;
        };
        let named = |name: &str| n >= 1 && names.get(n - 1).is_some_and(|x| x == name);
        // layer N (Name)
        if let Some(after) = rest[digits.len()..].strip_prefix(" (")
            && let Some(name) = after.split(')').next()
            && names.iter().any(|x| x == name)
            && !named(name)
        {
            found.push(format!("layer {n} ({name})"));
        }
        // Name (layer N)
        if text[..at].ends_with('(') {
            let before = text[..at - 1].trim_end();
            let name = before.rsplit(char::is_whitespace).next().unwrap_or("");
            if names.iter().any(|x| x == name) && !named(name) {
                found.push(format!("{name} (layer {n})"));
            }
        }
    }
    found
}

/// The slips in one text, labelled with where they were read.
fn slips(where_: &str, text: &str, names: &[String]) -> Vec<String> {
    words::misreadings(text)
        .into_iter()
        .chain(miscounted_layers(text, names))
        .map(|m| format!("{where_}: {m}"))
        .collect()
}

#[test]
fn the_sweep_finds_each_class_the_teacher_flagged() {
    let names: Vec<String> = ["Affine1", "ReLU", "Affine2", "Softmax-with-Loss"]
        .map(String::from)
        .to_vec();
    for bad in [
        "arriving from layer 3 (Softmax-with-Loss) as its dx",
        "note: ReLU (layer 1): 3 of 6 input cells",
    ] {
        assert_eq!(miscounted_layers(bad, &names).len(), 1, "{bad}");
    }
    for good in [
        "arriving from layer 4 (Softmax-with-Loss) as its dx",
        "ReLU (layer 2): 3 of 6",
    ] {
        assert!(miscounted_layers(good, &names).is_empty(), "{good}");
    }
    for bad in [
        "Softmax-with-Loss (layer 0): the target",
        "chain rule, cell by cell: dx = dout · dy/dx",
        "std = √(var + 10e-7)",
        "Step through the tape",
        "from the tape's values",
        "dμ = Σ dxc",
        "dx 2×4 · dout with masked cells 0",
        "op db = Σ rows; db is the column sum of dY",
        "X·W + B → Y, dB",
        "3 of 8 uniform numbers (seed 0); self.mask = np.random.rand(*x.shape) > self.dropout_ratio",
        "dout = ∂L/∂out of Affine2 (2×3); dY (2×3) · Wᵀ",
    ] {
        assert!(!words::one_name_slips(bad).is_empty(), "{bad}");
    }
    for good in [
        "chain rule, cell by cell: dx = dout · ∂y/∂x; dx = dxc − dmu / N",
        "the book's 10e-7 (= 1e-6)",
        "dY (the book's dout = ∂L/∂Y) of Affine2",
        "SplitMix64 with seed 0, not np.random.seed(0)",
    ] {
        assert!(words::one_name_slips(good).is_empty(), "{good}");
    }
}

#[test]
fn every_step_of_every_builtin_reads_right_in_trace_text_and_markdown() {
    let mut found = Vec::new();
    for preset in presets() {
        let names = layer_names(preset);
        let text = backstep(&["trace", "--preset", preset]);
        for block in text.split("\n\n") {
            let head = block.lines().next().unwrap_or("");
            found.extend(slips(&format!("{preset} text «{head}»"), block, &names));
        }
        let md = backstep(&["trace", "--preset", preset, "--format", "markdown"]);
        for block in md.split("\n### ") {
            let head = block.lines().next().unwrap_or("");
            found.extend(slips(&format!("{preset} markdown «{head}»"), block, &names));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_step_of_every_builtin_reads_right_on_screen_in_its_explanation_and_figure() {
    let mut found = Vec::new();
    // train-convnet-digits trains with Adam: its update cells are swept too
    for preset in presets() {
        let names = layer_names(preset);
        let mut a = app(preset);
        if a.graph().on {
            keys(&mut a, "v");
        }
        press(&mut a, KeyCode::Home);
        for _ in 0..a.run().tape.len() {
            let at = format!("{preset} step {}", a.step() + 1);
            found.extend(slips(&at, &screen(&a, 160, 48), &names));
            press(&mut a, KeyCode::Enter);
            found.extend(slips(
                &format!("{at} (Enter)"),
                &screen(&a, 160, 48),
                &names,
            ));
            press(&mut a, KeyCode::Esc);
            // the book's figure of this layer, and each of its edges explained
            keys(&mut a, "v");
            found.extend(slips(
                &format!("{at} (figure)"),
                &screen(&a, 160, 48),
                &names,
            ));
            for edge in 1..=8 {
                press(&mut a, KeyCode::Tab);
                press(&mut a, KeyCode::Enter);
                let s = screen(&a, 160, 48);
                found.extend(slips(&format!("{at} (figure, edge {edge})"), &s, &names));
                press(&mut a, KeyCode::Esc);
            }
            keys(&mut a, "v");
            press(&mut a, KeyCode::Right);
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_help_says_recorded_steps_not_the_tape() {
    let mut a = app("two-layer");
    keys(&mut a, "?");
    let help = screen(&a, 120, 48);
    assert!(help.contains("Step through the recorded steps"), "{help}");
    assert!(words::one_name_slips(&help).is_empty(), "{help}");
}

/// A screen's words in one line: borders, quotes and line ends gone.
fn flat(screen: &str) -> String {
    screen
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| "│\"".contains(c)))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The note of the step of `preset` whose written operand is `name`.
fn note_of(preset: &str, name: &str) -> String {
    let p = Preset::builtin(preset).expect("built-in");
    let run = p.network.run(&p.inputs).expect("runs");
    let step = run.tape.steps.iter().find(|s| s.writes.name == name);
    step.map(|s| s.note.to_string()).unwrap_or_default()
}

#[test]
fn dropouts_numbers_are_backsteps_own_splitmix64_not_numpys_seed() {
    let note = note_of("dropout", "mask");
    assert!(
        note.to_string()
            .contains("backstep's own generator, SplitMix64 with seed 0, not np.random.seed(0)"),
        "{note}"
    );
    let listing = backstep(&["presets"]);
    assert!(
        listing.contains("rand from SplitMix64 seed 0 (not NumPy's)"),
        "{listing}"
    );
    let text = backstep(&["trace", "--preset", "dropout"]);
    assert!(
        text.contains("SplitMix64, seed 0), not np.random.seed(0)"),
        "{text}"
    );
}

#[test]
fn batchnorms_dmu_is_the_books_and_says_it_is_minus_the_gradient_of_mu() {
    let text = backstep(&["trace", "--preset", "batchnorm"]);
    assert!(text.contains("dmu = Σ dxc    dmu = Σₙ dxc[n,·]"), "{text}");
    assert!(
        text.contains("the book's dmu = Σ dxc = −∂L/∂μ")
            && text.contains("the minus appears in the next step, dx = dxc − dmu / N"),
        "{text}"
    );
    assert!(text.contains("dx    dx = dxc − dmu / N"), "{text}");
    assert!(!text.contains("dμ"), "{text}");
    // the book's 10e-7, said once as the number it is
    assert!(text.contains("the book's 10e-7 (= 1e-6)"), "{text}");
}

#[test]
fn layers_are_named_not_counted_from_0_and_errors_count_from_1() {
    let text = backstep(&["trace", "--preset", "two-layer"]);
    assert!(
        text.contains(
            "dout = ∂L/∂out of ReLU (2×4) arrives from Affine2, the next layer, as its dx"
        ),
        "{text}"
    );
    assert!(!text.contains("from layer"), "{text}");
    let graph = "[inputs]\na = 1\n[[nodes]]\nname = \"p\"\ntype = \"mul\"\ninputs = [\"a\", \"q\"]\n[[nodes]]\nname = \"q\"\ntype = \"add\"\ninputs = [\"a\", \"a\"]\n";
    let dir = TempDir::new("wording");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("later.toml");
    std::fs::write(&path, graph).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(["trace", "--preset", path.to_str().unwrap()])
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("node 1 (p) uses \"q\", which is node 2, defined later"),
        "{err}"
    );
}

#[test]
fn affine_says_once_that_dy_is_the_books_dout_and_names_its_bias_b() {
    let text = backstep(&["trace", "--preset", "two-layer"]);
    assert!(
        text.contains(
            "dY (the book's dout = ∂L/∂Y) of Affine2 (2×3) arrives from Softmax-with-Loss"
        ),
        "{text}"
    );
    assert!(!text.contains("dout = ∂L/∂out of Affine"), "{text}");
    let listing = backstep(&["trace", "--preset", "bias-sum"]);
    assert!(
        listing.contains("b = [1,2,3]") && listing.contains("db = [5,7,9]"),
        "{listing}"
    );
    // the figure draws the book's b and db
    let mut a = app("two-layer");
    keys(&mut a, "v");
    // step 18/22: Affine2's db
    press(&mut a, KeyCode::End);
    for _ in 0..4 {
        press(&mut a, KeyCode::Left);
    }
    let s = screen(&a, 120, 40);
    assert!(s.contains(" b ─") && s.contains("db"), "{s}");
    assert!(!s.contains(" B ─") && !s.contains("dB"), "{s}");
}

#[test]
fn softmax_gives_each_quantity_one_name() {
    let text = backstep(&["trace", "--preset", "softmax"]);
    // s is Σ e (forward) only; the backward's Σ dout⊙y is sum_p
    assert_eq!(text.matches("writes s ").count(), 1, "{text}");
    assert!(text.contains("writes sum_p 2×1"), "{text}");
    assert!(text.contains("dx = y ⊙ (dout − sum_p)"), "{text}");
    // the Softmax-with-Loss figure calls the raw scores x, as the panes do (a is x − max)
    let mut a = app("softmax-loss");
    keys(&mut a, "v");
    let s = screen(&a, 120, 40);
    assert!(s.contains("x ──"), "{s}");
    assert!(!s.contains("a ──"), "{s}");
}

#[test]
fn a_row_shown_as_1xh_says_numpys_shape_once() {
    assert!(note_of("two-layer", "Y").contains("b is shown as 1×4; NumPy's self.b has shape (4,)"));
    assert!(
        note_of("two-layer", "db").contains("db is shown as 1×3; NumPy's np.sum(dout, axis=0)")
    );
    assert!(note_of("two-layer", "L").contains("shown as 1×1, NumPy's self.loss is a scalar"));
    assert!(note_of("two-layer", "ℓ").contains("shown as 2×1, NumPy's l has shape (2,)"));
    assert!(
        note_of("batchnorm", "μ").contains("shown as 1×3; NumPy's x.mean(axis=0) has shape (3,)")
    );
}

#[test]
fn dropouts_backward_says_its_false_cells_are_the_dropped_ones() {
    let mut a = app("dropout");
    press(&mut a, KeyCode::Home);
    while a.current().is_some_and(|s| s.label != "dout ⊙ mask") {
        let before = a.step();
        press(&mut a, KeyCode::Right);
        assert_ne!(a.step(), before, "no dout ⊙ mask step");
    }
    let s = screen(&a, 160, 48);
    assert!(s.contains("dout with dropped (False) cells 0"), "{s}");
    assert!(
        s.contains("Dropout's True keeps a cell, ReLU's True zeroes it"),
        "{s}"
    );
    assert!(s.contains("kept → 0.0680"), "{s}");
    // a dropped cell's explanation says dropped
    press(&mut a, KeyCode::Char('l'));
    let s = screen(&a, 160, 48);
    assert!(s.contains("dropped → 0 (was -0.1587)"), "{s}");
}

#[test]
fn the_words_say_what_the_book_does() {
    let sigmoid = backstep(&["trace", "--preset", "sigmoid"]);
    assert!(sigmoid.contains("dx = dout · ∂y/∂x"), "{sigmoid}");
    let db = note_of("bias-sum", "db");
    assert!(
        db.contains("db is dY summed over its rows (axis=0): one total per column, [[5, 7, 9]]"),
        "{db}"
    );
    // an edge of the book's figure explains itself from the recorded steps
    let mut a = app("sigmoid");
    keys(&mut a, "v");
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Enter);
    let s = flat(&screen(&a, 120, 40));
    assert!(
        s.contains("computed from the recorded steps' values"),
        "{s}"
    );
}

#[test]
fn an_index_reads_on_a_cell_never_on_a_product() {
    for bad in ["X·W[0,0]", "dout·W[1,2]", "y·dW[0,0]"] {
        assert!(
            words::misreadings(bad)
                .iter()
                .any(|m| m.starts_with("index on a product")),
            "{bad}"
        );
    }
    // a scalar (a number, lr, or an optimizer's α, β1, β2, lr_t) times one indexed cell
    for good in [
        "W[0,0] = W[0,0] − lr·dW[0,0]",
        "v[0,0] = α·v[0,0] − lr·dW[0,0]",
        "m[0,0] = β1·m[0,0] + (1 − β1)·dW[0,0]",
        "v[0,0] = β2·v[0,0] + (1 − β2)·dW[0,0]·dW[0,0]",
        "W[0,0] = W[0,0] − lr_t·m[0,0] / (√v[0,0] + 1e-7)",
        "(X·W)[0,0] = 0.5",
    ] {
        assert!(words::misreadings(good).is_empty(), "{good}");
    }
}
