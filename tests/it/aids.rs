//! The learning aids in the explorer, driven by key events as a learner drives them: the NumPy
//! line (`N`), the shape panel (`s`), the Jacobian (`J`), the nudge (`u`, `[`, `]`, `Esc`), the
//! quiz (`Q`) and the export (`x`). Numbers are checked against the engine's own aids and
//! `backstep trace`; the snapshots are 120×36 frames.

use crate::support::driver;
use crate::support::temp::TempDir;

use backstep::lesson::aids::NudgeTarget;
use backstep::preset::{BUILTINS, Preset};
use backstep::tui::Action;
use backstep::tui::app::{App, JacobianPopup, Mode, Reveal, Source};
use driver::{keys, press, screen};
use ratatui::crossterm::event::KeyCode;

fn app(preset: &str) -> App {
    App::new(Preset::builtin(preset).expect("built-in")).expect("runs")
}

fn at_step(preset: &str, step: usize) -> App {
    let mut a = app(preset);
    for _ in 1..step {
        press(&mut a, KeyCode::Right);
    }
    assert_eq!(a.step() + 1, step, "{preset} has a step {step}");
    a
}

fn temp_dir(name: &str) -> TempDir {
    TempDir::new(name)
}

#[test]
fn numpy_line_is_shown_and_n_toggles_it() {
    let mut a = at_step("two-layer", 21);
    let on = screen(&a, 120, 36);
    assert!(
        on.contains("numpy › self.dW = np.dot(self.x.T, dout)"),
        "{on}"
    );
    insta::assert_snapshot!("aids_numpy_line", on);
    press(&mut a, KeyCode::Char('N'));
    assert!(!a.show_numpy());
    assert!(!screen(&a, 120, 36).contains("numpy ›"));
    press(&mut a, KeyCode::Char('N'));
    assert!(screen(&a, 120, 36).contains("numpy ›"));
    // Every step has one, in the book's names.
    let mut relu = at_step("two-layer", 3);
    assert!(screen(&relu, 120, 36).contains("numpy › self.mask = (x <= 0)"));
    press(&mut relu, KeyCode::End);
    assert!(screen(&relu, 80, 24).contains("numpy › self.db = np.sum(dout, axis=0)"));
}

#[test]
fn shape_panel_derives_dw_on_affine_and_two_layer() {
    // affine: step 4 is dW = Xᵀ·dY (X 4×3, W 3×2, dY 4×2).
    let mut a = at_step("affine", 4);
    press(&mut a, KeyCode::Char('s'));
    assert!(a.show_shapes());
    let text = screen(&a, 120, 36);
    for needle in [
        "shape algebra — dW",
        "dW must be D×H like W (3×2)",
        "✓ Xᵀ·dY",
        "◀ used",
        "✗ Wᵀ·dY",
        "inner sizes 3 ≠ 4 (D ≠ N) — a common mistake: dW = W.T · dout",
    ] {
        assert!(text.contains(needle), "{needle}:\n{text}");
    }
    insta::assert_snapshot!("affine_shapes_dw", text);
    // It stays on while stepping: db sums dY over rows.
    press(&mut a, KeyCode::Right);
    assert!(screen(&a, 120, 36).contains("✓ np.sum(dY, axis=0)"));
    // two-layer, Affine1's dW (step 21): X 2×3, dY 2×4.
    let mut t = at_step("two-layer", 21);
    press(&mut t, KeyCode::Char('s'));
    let text = screen(&t, 120, 36);
    assert!(text.contains("✓ Xᵀ·dY"), "{text}");
    assert!(text.contains("dW must be D×H like W (3×4)"), "{text}");
    // A ReLU step has no shape panel: the inspector is back, the status says why.
    press(&mut t, KeyCode::Char('s'));
    press(&mut t, KeyCode::Home);
    press(&mut t, KeyCode::Right);
    press(&mut t, KeyCode::Right);
    press(&mut t, KeyCode::Char('s'));
    assert!(screen(&t, 120, 36).contains("this step is not one"));
}

#[test]
fn jacobian_of_sigmoid_is_diagonal_and_matches_dx() {
    let mut a = app("sigmoid");
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Char('J'));
    let Mode::Jacobian(JacobianPopup { view, .. }) = a.mode() else {
        panic!("J opens the Jacobian, got {:?}", a.mode());
    };
    assert_eq!(view.matrix.dim(), (6, 6));
    assert_eq!(view.off_diagonal_max(), 0.0);
    // J[i,i] = y(1 − y): y[0,1] = σ(0) = 0.5 gives 0.25.
    assert!((view.matrix[[1, 1]] - 0.25).abs() < 1e-8);
    assert!(view.max_abs_diff < 1e-8);
    let text = screen(&a, 120, 36);
    assert!(text.contains("diagonal"), "{text}");
    assert!(text.contains("✓ equal"), "{text}");
    assert!(text.contains("out[0,1]         ·   0.2500"), "{text}");
    insta::assert_snapshot!("sigmoid_jacobian", text);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('J'));
    assert!(matches!(a.mode(), Mode::Explore));

    // Over 64 cells: the block of the selected row, with its position.
    let big = r#"
x = { random = "normal", shape = [9, 9], scale = 1.0, seed = 1 }
[[layers]]
type = "relu"
"#;
    let preset = Preset::from_toml(big, backstep::preset::Source::Builtin("big".into()))
        .expect("valid preset");
    let mut b = App::new(preset).expect("runs");
    press(&mut b, KeyCode::Char('J'));
    let Mode::Jacobian(JacobianPopup { view, .. }) = b.mode() else {
        panic!("J opens a block of the Jacobian, got {:?}", b.mode());
    };
    assert_eq!(view.matrix.dim(), (9, 9));
    let text = screen(&b, 120, 36);
    assert!(
        text.contains("J is 81×81; shown: the block of batch row 0 (rows 0–8)"),
        "{text}"
    );
}

#[test]
fn the_jacobian_of_the_book_size_net_shows_the_selected_rows_block() {
    // Issue 18 item 16: J refused Affine1 of the book-size net ("100×784 = 78400 in").
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book-size.toml");
    let mut a = App::new(Preset::from_file(&path).expect("fixture")).expect("runs");
    // Step 1 writes X·W (100×50); the cursor goes to row 2 of it, then J.
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    assert_eq!(a.write_cell(), (2, 0));
    press(&mut a, KeyCode::Char('J'));
    let Mode::Jacobian(JacobianPopup { view, .. }) = a.mode() else {
        panic!("J opens the Jacobian, got {:?}", a.mode());
    };
    assert_eq!(view.matrix.dim(), (50, 784));
    assert!(view.max_abs_diff < 1e-8, "{}", view.max_abs_diff);
    let text = screen(&a, 80, 24);
    assert!(
        text.contains("J is 5000×78400; shown: the block of batch row 2 (rows 0–99)"),
        "{text}"
    );
    assert!(text.contains("out[2,0]"), "{text}");
    assert!(text.contains("x[2,0]"), "{text}");
    insta::assert_snapshot!("book_size_jacobian_80x24", text);
    // PageDown: the next row's block.
    press(&mut a, KeyCode::PageDown);
    let Mode::Jacobian(JacobianPopup { view, .. }) = a.mode() else {
        panic!("still the Jacobian, got {:?}", a.mode());
    };
    assert_eq!(view.row_label(0), "out[3,0]");
    assert!(screen(&a, 120, 36).contains("batch row 3 (rows 0–99)"));
    // The loss layer: L's columns for the selected row.
    press(&mut a, KeyCode::Esc);
    while a.current().expect("a step").layer != 3 {
        press(&mut a, KeyCode::Right);
    }
    press(&mut a, KeyCode::Char('J'));
    let text = screen(&a, 120, 36);
    assert!(
        text.contains("J is 1×1000; shown: its 10 columns for x["),
        "{text}"
    );
    assert!(text.contains("✓ equal"), "{text}");
}

#[test]
fn nudging_affine2_output_moves_the_loss_by_dout_times_h() {
    // Step 6 writes Affine2's Y; the cursor starts on it. Nudge Y[0,1].
    let mut a = at_step("two-layer", 6);
    press(&mut a, KeyCode::Char('l'));
    assert_eq!(a.cursor(), (0, 1));
    press(&mut a, KeyCode::Char('u'));
    let r = a.nudge().expect("u starts a nudge").clone();
    assert_eq!(
        r.target,
        NudgeTarget::Output {
            layer: 2,
            row: 0,
            col: 1
        }
    );
    assert_eq!(r.h, 1e-3);
    // The prediction is dout[0,1] of Affine2 × h.
    let dout = a.run().layers[2].dout[[0, 1]];
    assert!((r.predicted - dout * 1e-3).abs() < 1e-15);
    let ratio = r.ratio.expect("dout is not 0");
    assert!((ratio - 1.0).abs() < 1e-2, "ratio {ratio}");
    let text = screen(&a, 120, 36);
    assert!(
        text.contains("Δ nudge Affine2 out[0,1] by h = 1e-3"),
        "{text}"
    );
    assert!(
        text.contains(&format!("ratio actual / predicted = {ratio:.4}")),
        "{text}"
    );
    assert!(text.contains(&format!("{:+.4e}", r.actual)), "{text}");
    assert!(text.contains(&format!("{:+.4e}", r.predicted)), "{text}");
    insta::assert_snapshot!("two_layer_nudge", text);

    // Stepping on: the softmax of row 0 moved, marked Δ.
    press(&mut a, KeyCode::Right);
    assert!(screen(&a, 120, 36).contains('Δ'));
    // h ÷ 10: the gap shrinks about tenfold.
    press(&mut a, KeyCode::Char('['));
    let small = a.nudge().expect("still nudging");
    assert_eq!(small.h, 1e-4);
    assert!(small.relative_gap < r.relative_gap / 5.0);
    press(&mut a, KeyCode::Char(']'));
    press(&mut a, KeyCode::Char(']'));
    assert!((a.nudge().expect("nudging").h - 1e-2).abs() < 1e-15);
    // Esc clears the nudge (and does not quit).
    press(&mut a, KeyCode::Esc);
    assert!(a.nudge().is_none());
    assert!(!a.should_quit());
    assert!(!screen(&a, 120, 36).contains('Δ'));
}

#[test]
fn nudging_a_weight_and_refusing_a_gradient() {
    // Step 1: panes X, W, b, X·W. Focus W and nudge W[0,0].
    let mut a = at_step("two-layer", 1);
    press(&mut a, KeyCode::BackTab);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.panes()[a.focus()].source, Source::Param(0, "W"));
    press(&mut a, KeyCode::Char('u'));
    let r = a.nudge().expect("W can be nudged");
    assert_eq!(r.target_name, "Affine1.W[0,0]");
    assert!(r.relative_gap < 1e-2, "{}", r.relative_gap);
    assert!(screen(&a, 120, 36).contains('+'));
    // Editing a number reruns the active nudge on the new numbers.
    let before = r.base;
    press(&mut a, KeyCode::Char('e'));
    keys(&mut a, "0.7");
    press(&mut a, KeyCode::Enter);
    let r = a.nudge().expect("the nudge survives an edit");
    assert_eq!(r.target_name, "Affine1.W[0,0]");
    assert_eq!(
        a.preset().network.layers[0].layer.params()[0].1[[0, 0]],
        0.7
    );
    assert_ne!(r.base, before, "the base loss is the edited network's");
    assert_eq!(Some(r.base), a.run().loss);
    assert!(r.relative_gap < 1e-2, "{}", r.relative_gap);
    press(&mut a, KeyCode::Esc);
    // A backward step's gradient cannot be nudged: a message says which panes can.
    let mut g = at_step("two-layer", 16);
    press(&mut g, KeyCode::Char('u'));
    assert!(g.nudge().is_none());
    let text = screen(&g, 120, 36);
    assert!(text.contains("dX cannot be nudged"), "{text}");
    assert!(text.contains("x, W, b, w or a forward output"), "{text}");
}

#[test]
fn quiz_asks_checks_and_scores() {
    let mut a = at_step("two-layer", 19);
    press(&mut a, KeyCode::Char('Q'));
    assert!(a.quiz().on);
    // Step 19's answer is already on screen: quiz mode starts with the next backward step.
    assert!(matches!(a.mode(), Mode::Explore), "{:?}", a.mode());
    assert!(
        screen(&a, 120, 36).contains("from the next one"),
        "the status says when the first question comes"
    );
    press(&mut a, KeyCode::Right);
    let Mode::Quiz(prompt) = a.mode() else {
        panic!("Q on a backward step asks, got {:?}", a.mode());
    };
    let q = prompt.question.clone();
    assert_eq!(q.step, 19);
    let text = screen(&a, 120, 36);
    assert!(text.contains(&format!("what is {}?", q.cell)), "{text}");
    assert!(text.contains('?'));
    insta::assert_snapshot!("two_layer_quiz_question", text);

    // Not a number: a message, the question stays.
    keys(&mut a, "abc");
    press(&mut a, KeyCode::Enter);
    let Mode::Quiz(p) = a.mode() else {
        panic!("a non-number keeps the question open");
    };
    assert!(
        p.message
            .as_deref()
            .is_some_and(|m| m.contains("not a number"))
    );
    assert!(screen(&a, 120, 36).contains("is not a number"));
    for _ in 0..3 {
        press(&mut a, KeyCode::Backspace);
    }
    // The right value, as the learner would type it.
    keys(&mut a, &format!("{:.6}", q.answer));
    press(&mut a, KeyCode::Enter);
    assert!(
        matches!(a.mode(), Mode::Reveal(Reveal { right: true, .. })),
        "{:?}",
        a.mode()
    );
    assert_eq!((a.score().right, a.score().asked), (1, 1));
    let text = screen(&a, 120, 36);
    assert!(text.contains("✓ right"), "{text}");
    assert!(text.contains("1/1 right"), "{text}");
    insta::assert_snapshot!("two_layer_quiz_reveal", text);
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode(), Mode::Explore));

    // The next backward step asks again (another seed); a wrong answer is rejected.
    press(&mut a, KeyCode::Right);
    let Mode::Quiz(p) = a.mode() else {
        panic!("stepping onto a backward step asks");
    };
    let wrong = p.question.answer + 1.0;
    keys(&mut a, &format!("{wrong:.6}"));
    press(&mut a, KeyCode::Enter);
    assert!(
        matches!(a.mode(), Mode::Reveal(Reveal { right: false, verdict, .. }) if verdict.contains("not quite"))
    );
    assert_eq!((a.score().right, a.score().asked), (1, 2));
    press(&mut a, KeyCode::Esc);
    assert!(screen(&a, 120, 36).contains("1/2 right"));
    // Esc skips without scoring; forward steps never ask.
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.score().asked, 2);
    // Steps answered or skipped are not asked again when the learner steps back onto them.
    press(&mut a, KeyCode::Left);
    assert!(matches!(a.mode(), Mode::Explore), "{:?}", a.mode());
    press(&mut a, KeyCode::Left);
    assert!(matches!(a.mode(), Mode::Explore), "{:?}", a.mode());
    assert_eq!(a.score().asked, 2);
    press(&mut a, KeyCode::Home);
    assert!(matches!(a.mode(), Mode::Explore));
    // Q turns it off: no more questions.
    press(&mut a, KeyCode::Char('Q'));
    press(&mut a, KeyCode::End);
    assert!(matches!(a.mode(), Mode::Explore));
}

#[test]
fn export_writes_the_step_as_markdown() {
    let dir = temp_dir("export");
    let mut a = at_step("two-layer", 21);
    a.set_export_dir(dir.to_path_buf());
    press(&mut a, KeyCode::Char('x'));
    let path = dir.join("backstep-two-layer-step-21.md");
    let md = std::fs::read_to_string(&path).expect("x wrote the file");
    assert!(md.contains("Formula: `dW = Xᵀ · dY`"), "{md}");
    assert!(md.contains("self.dW = np.dot(self.x.T, dout)"), "{md}");
    assert!(
        md.contains("| dW | 0 | 1 | 2 | 3 |\n|---|---:|---:|---:|---:|"),
        "{md}"
    );
    let text = screen(&a, 120, 36);
    assert!(
        text.contains("exported step 21 to backstep-two-layer-step-21.md"),
        "{text}"
    );
    insta::assert_snapshot!("two_layer_export", text);
    // The message goes with the next key.
    press(&mut a, KeyCode::Char('l'));
    assert!(a.status().is_none());
    // An I/O error is shown, not a panic.
    a.set_export_dir(dir.join("no-such-dir"));
    press(&mut a, KeyCode::Char('x'));
    assert!(screen(&a, 120, 36).contains("could not write"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_aid_key_at_every_step_of_every_builtin() {
    let dir = temp_dir("sweep");
    for b in BUILTINS {
        for (w, h) in [(120, 36), (80, 24)] {
            let mut a = app(b.name);
            a.set_export_dir(dir.to_path_buf());
            a.update(Action::Resize {
                width: w,
                height: h,
            });
            let n = a.run().tape.len();
            for k in 0..n {
                assert_eq!(a.step(), k, "{}", b.name);
                for c in ['N', 'N', 's', 's', 'x'] {
                    press(&mut a, KeyCode::Char(c));
                    screen(&a, w, h);
                }
                assert!(
                    a.show_numpy() && !a.show_shapes(),
                    "N N and s s toggle back"
                );
                assert!(
                    a.status().is_some_and(|s| s.starts_with("exported step")),
                    "{:?}",
                    a.status()
                );
                press(&mut a, KeyCode::Char('J'));
                screen(&a, w, h);
                press(&mut a, KeyCode::Down);
                press(&mut a, KeyCode::Right);
                screen(&a, w, h);
                press(&mut a, KeyCode::Esc);
                for _ in 0..a.panes().len() {
                    press(&mut a, KeyCode::Tab);
                    for c in ['u', ']', '[', '['] {
                        press(&mut a, KeyCode::Char(c));
                        screen(&a, w, h);
                    }
                    if matches!(a.mode(), Mode::Error(_)) {
                        press(&mut a, KeyCode::Esc);
                    }
                }
                press(&mut a, KeyCode::Char('Q'));
                screen(&a, w, h);
                if matches!(a.mode(), Mode::Quiz(_)) {
                    keys(&mut a, "0.5");
                    press(&mut a, KeyCode::Enter);
                    screen(&a, w, h);
                    press(&mut a, KeyCode::Enter);
                }
                press(&mut a, KeyCode::Char('Q'));
                assert!(!a.quiz().on);
                press(&mut a, KeyCode::Char('?'));
                assert!(screen(&a, w, h).contains("keys —"), "{} step {k}", b.name);
                press(&mut a, KeyCode::Esc);
                assert!(matches!(a.mode(), Mode::Explore), "{} step {k}", b.name);
                // With a nudge on (if any pane allowed one), step on and watch the marks.
                press(&mut a, KeyCode::Right);
                screen(&a, w, h);
                if a.step() == k {
                    break;
                }
                if a.nudge().is_some() {
                    press(&mut a, KeyCode::Esc);
                }
            }
            assert_eq!(a.step(), a.run().tape.len() - 1, "{}", b.name);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_pane_is_squeezed_below_one_row_of_numbers() {
    // Every pane shown has room for borders, the column indices and at least one row; a band
    // that would get less is folded away (its rows go to the inspector).
    for b in BUILTINS {
        let mut a = app(b.name);
        press(&mut a, KeyCode::Char('s'));
        for _ in 0..a.run().tape.len() {
            for (w, h) in [(80, 24), (100, 30), (120, 36)] {
                let areas =
                    backstep::tui::ui::layout::Areas::compute(&a, w, h).expect("big enough");
                for r in &areas.panes {
                    assert!(
                        r.height == 0 || r.height >= 4,
                        "{} step {} at {w}×{h}: {r:?}",
                        b.name,
                        a.step() + 1
                    );
                }
            }
            press(&mut a, KeyCode::Right);
        }
    }
}

#[test]
fn a_nudge_with_a_zero_gradient_shows_no_negative_zero() {
    // x = 1 times w = −1 is −1, which the ReLU blocks: dx = 0 · (−1) = −0.0 exactly.
    let preset = Preset::from_toml(
        "x = [[1.0]]\n[[layers]]\ntype = \"mul\"\nw = [[-1.0]]\n[[layers]]\ntype = \"relu\"\n",
        backstep::preset::Source::File("negzero.toml".into()),
    )
    .unwrap();
    let mut a = App::new(preset).unwrap();
    while a.panes()[a.focus()].source != Source::Input(0) {
        press(&mut a, KeyCode::Tab);
    }
    press(&mut a, KeyCode::Char('u'));
    let r = a.nudge().expect("x can be nudged").clone();
    assert!(
        r.gradient == 0.0 && r.gradient.is_sign_negative(),
        "the case of the issue: a negative zero gradient, got {}",
        r.gradient
    );
    let text = screen(&a, 120, 36);
    assert!(
        text.contains("gradient × h = 0.000000 × 1e-3 = 0 "),
        "{text}"
    );
    for line in text
        .lines()
        .filter(|l| l.contains("predicted") || l.contains("actual "))
    {
        assert!(!line.contains("-0.0"), "{line}");
    }
    assert!(text.contains("moved by 0 "), "{text}");
}

#[test]
fn a_nudge_shows_the_nudged_values_and_the_before_value_in_the_inspector() {
    // Issue 18 item 4, as the learner met it on two-layer at 80×24: Tab Tab focuses W, `u`
    // nudges W[0,0] by 1e-3, `+` ×4 shows 8 places, `→` goes to step 2 (Y = X·W + b).
    let mut a = app("two-layer");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Char('u'));
    keys(&mut a, "++++");
    press(&mut a, KeyCode::Right);
    assert_eq!(a.step(), 1);
    let text = screen(&a, 80, 24);
    // W[0,0] = −0.3 + 1e-3; X·W[0,0] = −0.3 + 1.0·1e-3; Y[1,0] = 1.56 + (−2)·1e-3.
    assert!(
        text.contains("+-0.29900000"),
        "W shows the nudged W[0,0]:\n{text}"
    );
    assert!(
        text.contains("Δ-0.29900000"),
        "X·W[0,0] is the nudged run's:\n{text}"
    );
    assert!(
        text.contains("Δ 1.55800000"),
        "Y[1,0] is the nudged run's:\n{text}"
    );
    // The selected written cell Y[0,0] (−0.29 → −0.289) keeps its Δ.
    assert!(
        text.contains("Δ-0.28900000"),
        "the selected cell keeps its Δ:\n{text}"
    );
    assert!(
        !text.contains("-0.30000000"),
        "no pre-nudge value in a pane:\n{text}"
    );
    // The inspector names the selected cell's value before the nudge.
    assert!(
        text.contains("Y[0,0] = -0.28900000, before the nudge -0.29000000"),
        "{text}"
    );
    insta::assert_snapshot!("two_layer_nudge_80x24", text);
    // Esc clears the nudge: the panes show the run's own values again.
    press(&mut a, KeyCode::Esc);
    let text = screen(&a, 80, 24);
    assert!(
        text.contains("-0.29000000") && !text.contains('Δ'),
        "{text}"
    );
}

#[test]
fn at_80x24_the_header_cuts_a_nudge_with_a_mark_and_keeps_the_step_and_layer() {
    let mut a = at_step("two-layer", 6);
    press(&mut a, KeyCode::Char('l'));
    press(&mut a, KeyCode::Char('u'));
    assert!(a.nudge().is_some());
    let (k, steps) = (a.step() + 1, a.run().tape.len());
    for (w, h) in [(80, 24), (120, 36)] {
        let text = screen(&a, w, h);
        let first = text.lines().next().unwrap().trim_matches('"').trim_end();
        assert!(
            first.contains(&format!("step {k}/{steps}  layer Affine2")),
            "{w}×{h}: {first}"
        );
        assert!(
            first.ends_with("Δ nudge Affine2 out[0,1] by 1e-3") || first.ends_with('…'),
            "{w}×{h}: the nudge whole or cut with …: {first}"
        );
        assert!(first.contains("Δ nudge"), "{w}×{h}: {first}");
    }
}
