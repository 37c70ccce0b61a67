//! "Seed" means a random seed, nothing else (issue 18, item 12): learners read "the seed's
//! boolean mask" as something random. Every text a user reads — the presets' titles and
//! descriptions, `backstep presets`, every command's help, `trace` and `check`, the explorer at
//! every step of every built-in with its popups, the keymap's help — is searched for the word,
//! and each use must be one that names a random seed.

use std::process::Command;

use backstep::preset::{BUILTINS, Preset, TRAIN_BUILTINS};
use backstep::tui::app::{App, Mode};
use backstep::tui::keymap::BINDINGS;
use ratatui::crossterm::event::KeyCode;

use crate::support::driver::{press, screen};

/// The uses of "seed" in `text` that do not name a random seed, each with some context.
///
/// A use names a random seed when it is the `--seed` flag (or its `<SEED>`), NumPy's
/// `np.random.seed(0)`, a call's argument (`SplitMix64(seed)`,
/// `(seed`), a value (`seed 0`, `seed = 3`, `seed + iteration`, `seed)`, `seed,`), a random or the
/// next seed, or the seed of the data and the mini-batch order. Anything else — `the seed's
/// boolean mask`, `the seed's dW` — is what this test exists to catch.
pub fn misused_seed(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = lower[from..].find("seed") {
        let at = from + offset;
        from = at + "seed".len();
        let before = &lower[..at];
        let after = &lower[from..];
        let word_start = !before.ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let word_end = !after.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        if !(word_start && word_end) {
            continue; // part of another word
        }
        let next = after.trim_start_matches([' ', '\n', '│']);
        let random_seed = before.ends_with("--")
            || before.ends_with('(')
            || before.ends_with('<')
            || before.ends_with("random ")
            || before.ends_with("np.random.")
            || before.ends_with("next ")
            || next.starts_with(|c: char| c.is_ascii_digit() || "=+),".contains(c))
            || after.starts_with(" of the data");
        if !random_seed {
            let start = before.char_indices().rev().nth(30).map_or(0, |(i, _)| i);
            let end = after.char_indices().nth(30).map_or(after.len(), |(i, _)| i);
            found.push(text[start..from + end].replace('\n', " "));
        }
    }
    found
}

#[test]
fn the_checker_catches_the_old_wording_and_passes_random_seeds() {
    for wrong in [
        "the seed's boolean mask: a = [[1,2,-3],[2,3,4]]",
        "The seed's ReLU example x = [[1.0, -0.5]]",
        "the seed's bias column-sum",
        "fits: the seed's dW = W.T · dout",
        "as the seed wrote it",
    ] {
        assert_eq!(misused_seed(wrong).len(), 1, "{wrong}");
    }
    for right in [
        "mask = rand > 0.5 from seed 0",
        "SplitMix64 with seed 0, not np.random.seed(0)",
        "W = { random = \"normal\", shape = [2, 2], seed = 7 }",
        "drawn from SplitMix64(seed), seed + iteration",
        "--seed <SEED>  Seed of the data, the split and the mini-batch order",
        "restart with the initial weights and the next seed",
        "sgd lr 1 · batch 100 · seed 7 · spiral",
        "seeded, seeds, SEEDLING",
    ] {
        assert_eq!(misused_seed(right), Vec::<String>::new(), "{right}");
    }
}

fn backstep(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(args)
        .output()
        .expect("backstep runs");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every built-in but `train-mnist` and `train-convnet-mnist`, which need MNIST's files to load.
fn loadable() -> Vec<&'static str> {
    BUILTINS
        .iter()
        .chain(TRAIN_BUILTINS)
        .map(|b| b.name)
        .filter(|&n| !n.ends_with("-mnist"))
        .collect()
}

fn assert_says_seed_only_for_random_seeds(where_: &str, text: &str) {
    let found = misused_seed(text);
    assert!(
        found.is_empty(),
        "{where_}: \"seed\" used for something other than a random seed: {found:#?}"
    );
}

#[test]
fn presets_help_and_reports_say_seed_only_for_random_seeds() {
    assert_says_seed_only_for_random_seeds("backstep presets", &backstep(&["presets"]));
    for command in [
        vec!["--help"],
        vec!["presets", "--help"],
        vec!["trace", "--help"],
        vec!["check", "--help"],
        vec!["train", "--help"],
    ] {
        assert_says_seed_only_for_random_seeds(&command.join(" "), &backstep(&command));
    }
    for b in BUILTINS.iter().chain(TRAIN_BUILTINS) {
        assert_says_seed_only_for_random_seeds(b.name, &b.summary());
        // title and description as the file has them (train-mnist included)
        let table: toml::Table = toml::from_str(b.text).expect("TOML");
        for key in ["title", "description"] {
            if let Some(text) = table.get(key).and_then(|v| v.as_str()) {
                assert_says_seed_only_for_random_seeds(&format!("{} {key}", b.name), text);
            }
        }
    }
    for name in loadable() {
        for format in ["text", "markdown"] {
            let trace = backstep(&["trace", "--preset", name, "--format", format]);
            assert_says_seed_only_for_random_seeds(&format!("trace {name} {format}"), &trace);
        }
    }
    for b in BUILTINS {
        let check = backstep(&["check", "--preset", b.name]);
        assert_says_seed_only_for_random_seeds(&format!("check {}", b.name), &check);
    }
    for b in BINDINGS {
        assert_says_seed_only_for_random_seeds("the keymap", b.help);
    }
}

#[test]
fn the_explorer_says_seed_only_for_random_seeds_at_every_step() {
    for name in loadable() {
        let mut a = App::new(Preset::builtin(name).expect("built-in")).expect("runs");
        // the shape algebra panel on (it named the learner's bug), the NumPy line on by default
        press(&mut a, KeyCode::Char('s'));
        let steps = a.run().tape.steps.len();
        for step in 0..steps {
            let at = format!("{name} step {}", step + 1);
            assert_says_seed_only_for_random_seeds(&at, &screen(&a, 160, 50));
            // the selected cell's explanation
            press(&mut a, KeyCode::Enter);
            assert_says_seed_only_for_random_seeds(&at, &screen(&a, 160, 50));
            press(&mut a, KeyCode::Esc);
            press(&mut a, KeyCode::Right);
        }
        assert_eq!(a.step() + 1, steps, "{name}: every step was shown");
        let small = BUILTINS.iter().any(|b| b.name == name);
        let keys: &[char] = if small { &['J', '?', 'c'] } else { &['J', '?'] };
        for &key in keys {
            press(&mut a, KeyCode::Char(key));
            if key == 'c' {
                assert!(matches!(a.mode(), Mode::Check(_)), "{name}: {:?}", a.mode());
            }
            assert_says_seed_only_for_random_seeds(&format!("{name} {key}"), &screen(&a, 160, 50));
            press(&mut a, KeyCode::Esc);
        }
    }
}
