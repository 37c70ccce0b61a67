//! The explorer's gradient check (`c`) as the user meets it at 80×24: each tensor's worst cell
//! named and the matrices opened there, the arrows reaching the matrices, `n` to the next cell
//! over the tolerance, `[`/`]` to rerun at another h (the notes name those keys), the relative
//! error's definition and floor, and numbers in the project's format.

use crate::support::driver;

use std::time::Duration;

use backstep::preset::Preset;
use backstep::tui::app::{App, CheckPage, CheckView, Mode};
use driver::{press, screen};
use ratatui::crossterm::event::KeyCode;

fn app(preset: &str) -> App {
    let mut app = App::new(Preset::builtin(preset).expect("built-in")).expect("runs");
    app.set_check_times(Duration::from_micros(750), Duration::from_micros(25));
    app
}

/// The screen's words in one line, borders dropped: a sentence wrapped over lines reads whole.
fn flat(text: &str) -> String {
    text.replace(['│', '"'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn view(a: &App) -> &CheckView {
    let Mode::Check(view) = a.mode() else {
        panic!("the check is open: {:?}", a.mode())
    };
    view
}

/// The cells over the tolerance, in the order `n` visits them: tensor by tensor, row-major.
fn over_tolerance(v: &CheckView) -> Vec<(usize, (usize, usize))> {
    let r = &v.report;
    r.tensors
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            t.failing_cells(r.floor(), r.tolerance)
                .into_iter()
                .map(move |c| (i, c))
        })
        .collect()
}

#[test]
fn at_80_by_24_the_check_names_the_worst_cell_and_opens_the_matrices_there() {
    let mut a = app("train-spiral");
    press(&mut a, KeyCode::Char('c'));
    let v = view(&a);
    // it opens on the tensor with the largest relative error, at its worst cell
    let worst = v
        .report
        .tensors
        .iter()
        .enumerate()
        .max_by(|x, y| x.1.max_rel_err.total_cmp(&y.1.max_rel_err))
        .unwrap();
    assert_eq!(v.selected, worst.0);
    assert_eq!(v.cell, worst.1.worst);
    let name = worst.1.worst_cell();
    assert_eq!(name, "Affine1.b[0,41]");
    let text = screen(&a, 80, 24);
    assert!(
        text.contains(&format!("worst {name}: rel 7.28e-1")),
        "{text}"
    );
    // the definition and the floor in force
    assert!(
        text.contains("rel = |a − n| / max(|a|, |n|, floor); a = backprop, n = numerical"),
        "{text}"
    );
    assert!(
        text.contains("floor 1.90e-7: gradients below it are compared by absolute"),
        "{text}"
    );
    // the three matrices are on screen, at column 41, in the project's number format
    assert!(
        text.contains("a: backprop") && text.contains("a − n"),
        "{text}"
    );
    assert!(text.lines().any(|l| l.contains("41 ")), "{text}");
    assert!(!text.contains("0.0000"), "no long fixed decimals: {text}");
    insta::assert_snapshot!("spiral_check_80x24", text);
}

#[test]
fn the_arrows_move_in_the_matrices_tab_picks_the_tensor_and_n_finds_the_next_failure() {
    let mut a = app("train-spiral");
    press(&mut a, KeyCode::Char('c'));
    let start = view(&a).cell;
    // ↓ moves the cell in the matrices (x is 100×2, Affine1.b 1×100: go to x first)
    press(&mut a, KeyCode::BackTab);
    press(&mut a, KeyCode::BackTab);
    let v = view(&a);
    assert_eq!(v.selected, 0, "x");
    let x_worst = v.report.tensors[0].worst;
    assert_eq!(v.cell, x_worst);
    assert_ne!(v.cell, start);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    assert_eq!(view(&a).cell, (x_worst.0 + 2, x_worst.1));
    let text = flat(&screen(&a, 80, 24));
    assert!(
        text.contains(&format!("at [{},{}]: a = ", x_worst.0 + 2, x_worst.1)),
        "{text}"
    );
    // n: every cell over the tolerance in turn, wrapping round
    let order = over_tolerance(view(&a));
    assert!(order.len() > 3, "{}", order.len());
    let here = (view(&a).selected, view(&a).cell);
    press(&mut a, KeyCode::Char('n'));
    let first = (view(&a).selected, view(&a).cell);
    let expected = order
        .iter()
        .copied()
        .find(|&c| c > here)
        .unwrap_or(order[0]);
    assert_eq!(first, expected);
    let k = order.iter().position(|&c| c == first).unwrap();
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(
        (view(&a).selected, view(&a).cell),
        order[(k + 1) % order.len()]
    );
    // from the last one, n wraps to the first
    let last = *order.last().unwrap();
    for _ in 0..order.len() {
        if (view(&a).selected, view(&a).cell) == last {
            break;
        }
        press(&mut a, KeyCode::Char('n'));
    }
    press(&mut a, KeyCode::Char('n'));
    assert_eq!((view(&a).selected, view(&a).cell), order[0]);
}

#[test]
fn brackets_rerun_the_check_at_another_h_and_the_notes_name_them() {
    let mut a = app("train-spiral");
    press(&mut a, KeyCode::Char('c'));
    // Enter: the notes page, whose kink note names this popup's key, not a command-line flag
    press(&mut a, KeyCode::Enter);
    assert_eq!(view(&a).page, CheckPage::Notes);
    let mut notes = String::new();
    for _ in 0..12 {
        notes.push_str(&screen(&a, 80, 24));
        press(&mut a, KeyCode::Down);
    }
    let flat = flat(&notes);
    assert!(
        flat.contains("press [ 4 times to rerun the check at h = 1e-8"),
        "{flat}"
    );
    assert!(!flat.contains("--eps"), "{flat}");
    assert!(
        flat.contains("the one-sided slope, 0 for x ≤ 0 and 1 for x > 0"),
        "{flat}"
    );
    // [ reruns at h ÷ 10, ] at h × 10
    press(&mut a, KeyCode::Char('['));
    assert_eq!(view(&a).report.h, 1e-5);
    assert!(screen(&a, 80, 24).contains("at h = 1.00e-5"));
    for _ in 0..3 {
        press(&mut a, KeyCode::Char('['));
    }
    let v = view(&a);
    assert_eq!(v.report.h, 1e-8);
    assert!(v.report.passed(), "at the note's h the kink is cleared");
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(view(&a).report.h, 1e-7);
    // h stays within its range, and says so
    for _ in 0..8 {
        press(&mut a, KeyCode::Char(']'));
    }
    assert_eq!(view(&a).report.h, 1.0);
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(view(&a).report.h, 1.0);
    assert!(
        screen(&a, 80, 24).contains("h stays 1.00e0"),
        "{}",
        screen(&a, 80, 24)
    );
}
