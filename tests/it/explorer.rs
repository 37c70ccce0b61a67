//! The explorer driven as a user drives it: key events through `App::update`, frames rendered to
//! a `TestBackend`. Snapshots are 120×36 frames at characteristic steps; their numbers were
//! checked against `backstep trace --preset …`.

use crate::support::driver;
use crate::support::temp::TempDir;

use std::time::Duration;

use backstep::preset::{BUILTINS, Preset};
use backstep::tui::app::{App, Explanation, Mode, Picker, PickerEntry, Source};
use backstep::tui::{Action, to_action};
use driver::{click, keys, press, screen};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn app(preset: &str) -> App {
    let mut app = App::new(Preset::builtin(preset).expect("built-in")).expect("runs");
    app.set_check_times(Duration::from_micros(750), Duration::from_micros(25));
    app
}

fn at_step(preset: &str, step: usize) -> App {
    let mut a = app(preset);
    press(&mut a, KeyCode::Home);
    for _ in 1..step {
        press(&mut a, KeyCode::Right);
    }
    assert_eq!(a.step() + 1, step, "{preset} has a step {step}");
    a
}

#[test]
fn snapshot_mask_step() {
    let a = at_step("mask", 1);
    insta::assert_snapshot!("mask_mask_step", screen(&a, 120, 36));
}

#[test]
fn snapshot_relu_backward() {
    let mut a = app("relu");
    press(&mut a, KeyCode::End);
    insta::assert_snapshot!("relu_backward_mask", screen(&a, 120, 36));
}

#[test]
fn snapshot_bias_sum_db() {
    let mut a = app("bias-sum");
    press(&mut a, KeyCode::End);
    insta::assert_snapshot!("bias_sum_db", screen(&a, 120, 36));
}

#[test]
fn snapshot_sigmoid_backward() {
    let mut a = app("sigmoid");
    press(&mut a, KeyCode::End);
    insta::assert_snapshot!("sigmoid_backward", screen(&a, 120, 36));
}

#[test]
fn snapshot_softmax_loss_backward() {
    let mut a = app("softmax-loss");
    press(&mut a, KeyCode::End);
    insta::assert_snapshot!("softmax_loss_backward", screen(&a, 120, 36));
}

#[test]
fn snapshots_two_layer() {
    insta::assert_snapshot!(
        "two_layer_forward",
        screen(&at_step("two-layer", 1), 120, 36)
    );
    insta::assert_snapshot!("two_layer_mask", screen(&at_step("two-layer", 3), 120, 36));
    insta::assert_snapshot!("two_layer_loss", screen(&at_step("two-layer", 13), 120, 36));
    insta::assert_snapshot!("two_layer_db", screen(&at_step("two-layer", 18), 120, 36));
    let mut check = app("two-layer");
    press(&mut check, KeyCode::Char('c'));
    assert!(matches!(check.mode(), Mode::Check(_)));
    insta::assert_snapshot!("two_layer_check", screen(&check, 120, 36));
    let mut help = app("two-layer");
    press(&mut help, KeyCode::Char('?'));
    insta::assert_snapshot!("two_layer_help", screen(&help, 120, 36));
}

#[test]
fn enter_explains_a_cell_of_dw() {
    // Step 21 is Affine1's dW = Xᵀ·dY; move to dW[1,2] and explain it.
    let mut a = at_step("two-layer", 21);
    press(&mut a, KeyCode::Char('j'));
    keys(&mut a, "ll");
    press(&mut a, KeyCode::Enter);
    let Mode::Explain(Explanation { title, lines }) = a.mode() else {
        panic!("Enter opens the explanation, got {:?}", a.mode());
    };
    assert!(title.starts_with("dW[1,2] — step 21"), "{title}");
    assert_eq!(lines[0], "dW[1,2] = Σₙ X[n,1]·dY[n,2]");
    // Independent numbers: X[:,1] = (0.5, 3.0), dY[:,2] = (0.3632, 0.0) (trace JSON, step 19).
    assert!(lines[1].ends_with("= 0.1816"), "{}", lines[1]);
    insta::assert_snapshot!("two_layer_explain_dw", screen(&a, 120, 36));
    press(&mut a, KeyCode::Esc);
    assert!(matches!(a.mode(), Mode::Explore));
}

#[test]
fn every_builtin_steps_end_to_end_at_every_size() {
    let sizes = [(20, 5), (59, 17), (60, 18), (80, 24), (120, 36), (200, 60)];
    for b in BUILTINS {
        for (w, h) in sizes {
            let mut a = app(b.name);
            a.update(Action::Resize {
                width: w,
                height: h,
            });
            let n = a.run().tape.len();
            for k in 0..n {
                assert_eq!(a.step(), k);
                screen(&a, w, h);
                for code in [
                    KeyCode::Tab,
                    KeyCode::Char('j'),
                    KeyCode::Char('l'),
                    KeyCode::Enter,
                ] {
                    press(&mut a, code);
                    screen(&a, w, h);
                }
                press(&mut a, KeyCode::Esc);
                press(&mut a, KeyCode::Right);
            }
            assert_eq!(a.step(), n - 1, "{}: → stops at the last step", b.name);
            for _ in 0..n {
                press(&mut a, KeyCode::Left);
                press(&mut a, KeyCode::BackTab);
                press(&mut a, KeyCode::Char('k'));
                press(&mut a, KeyCode::Char('h'));
                screen(&a, w, h);
            }
            assert_eq!(a.step(), 0, "{}: ← returns to the first step", b.name);
            for code in [KeyCode::Char('c'), KeyCode::Char('?'), KeyCode::Char('P')] {
                press(&mut a, code);
                assert!(
                    !matches!(a.mode(), Mode::Explore),
                    "{} opens a popup",
                    b.name
                );
                screen(&a, w, h);
                press(&mut a, KeyCode::Esc);
                assert!(matches!(a.mode(), Mode::Explore), "Esc closes it");
            }
            let before = (a.focus(), a.cursor());
            click(&mut a, w / 2, h / 2);
            let text = screen(&a, w, h);
            // A click on a cell selects it; anywhere else changes nothing.
            let hit = backstep::tui::ui::layout::hit(&a, w / 2, h / 2);
            match hit {
                Some((pane, row, col)) => assert_eq!((a.focus(), a.cursor()), (pane, (row, col))),
                None => assert_eq!((a.focus(), a.cursor()), before, "{text}"),
            }
        }
    }
}

#[test]
fn step_keys_jump() {
    let mut a = app("two-layer");
    press(&mut a, KeyCode::Char('b'));
    assert_eq!(a.step(), 13, "the first backward step is step 14");
    press(&mut a, KeyCode::Char('f'));
    assert_eq!(a.step(), 0);
    press(&mut a, KeyCode::Char('G'));
    assert_eq!(a.step(), 21);
    press(&mut a, KeyCode::Char('g'));
    assert_eq!(a.step(), 0);
    keys(&mut a, " n");
    assert_eq!(a.step(), 2);
    press(&mut a, KeyCode::Char('p'));
    assert_eq!(a.step(), 1);
    keys(&mut a, "+++");
    assert_eq!(a.decimals(), 7);
    keys(&mut a, "-");
    assert_eq!(a.decimals(), 6);
}

#[test]
fn quit_keys_and_esc_closes_popups_first() {
    let mut a = app("relu");
    press(&mut a, KeyCode::Char('?'));
    press(&mut a, KeyCode::Esc);
    assert!(matches!(a.mode(), Mode::Explore));
    // With nothing open, Esc says so and does not quit (it lost quiz scores).
    press(&mut a, KeyCode::Esc);
    assert!(!a.should_quit());
    assert!(screen(&a, 120, 36).contains("nothing to close · q quits"));
    let mut a = app("relu");
    press(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit());
    let mut a = app("relu");
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let action = to_action(&a, Event::Key(ctrl_c));
    a.update(action.expect("Ctrl-C is bound"));
    assert!(a.should_quit());
}

#[test]
fn editing_a_weight_recomputes_and_keeps_the_step() {
    let mut a = at_step("two-layer", 1);
    // Panes at step 1: X, W, b, X·W (focused, written). Shift-Tab twice focuses W.
    press(&mut a, KeyCode::BackTab);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.panes()[a.focus()].source, Source::Param(0, "W"));
    press(&mut a, KeyCode::Char('e'));
    assert!(matches!(a.mode(), Mode::Prompt(_)));
    keys(&mut a, "0.5");
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode(), Mode::Explore), "{:?}", a.mode());
    assert_eq!(a.step(), 0);
    // X·W[0,0] = 1.0·0.5 + 0.5·0.3 + (−0.3)·0.5 = 0.5
    let xw = &a.run().tape.steps[0].writes.value;
    assert!((xw[[0, 0]] - 0.5).abs() < 1e-12, "{xw}");

    // A value that is not a number: an error popup, nothing changes.
    press(&mut a, KeyCode::Char('e'));
    keys(&mut a, "abc");
    press(&mut a, KeyCode::Enter);
    assert!(
        matches!(a.mode(), Mode::Error(m) if m.contains("not a number")),
        "{:?}",
        a.mode()
    );
    press(&mut a, KeyCode::Esc);
    assert!((a.run().tape.steps[0].writes.value[[0, 0]] - 0.5).abs() < 1e-12);

    // A computed matrix cannot be edited.
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Char('e'));
    assert!(
        matches!(a.mode(), Mode::Error(m) if m.contains("computed")),
        "{:?}",
        a.mode()
    );
}

#[test]
fn editing_the_starting_dout() {
    let mut a = app("relu");
    press(&mut a, KeyCode::End);
    let dout = a
        .panes()
        .iter()
        .position(|p| p.source == Source::Dout(0))
        .expect("dout pane");
    while a.focus() != dout {
        press(&mut a, KeyCode::Tab);
    }
    press(&mut a, KeyCode::Char('e'));
    keys(&mut a, "-7");
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode(), Mode::Explore), "{:?}", a.mode());
    assert_eq!(
        a.run().layers[0].dx[[0, 0]],
        -7.0,
        "x[0,0] = 1 > 0, so dout passes"
    );
}

#[test]
fn picker_loads_builtins_and_rejects_bad_files() {
    let mut a = app("two-layer");
    press(&mut a, KeyCode::Char('P'));
    let Mode::Picker(Picker { entries, selected }) = a.mode() else {
        panic!("P opens the picker");
    };
    assert_eq!(*selected, 0);
    assert!(entries.len() > BUILTINS.len());
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.preset().name, BUILTINS[2].name);
    assert_eq!(a.step(), 0);

    let dir = TempDir::new("picker");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "x = [[1.0, 2.0]]\n[[layers]]\ntype = \"nonsense\"\n").expect("write");
    press(&mut a, KeyCode::Char('P'));
    // Down to the last entry, "type a path…".
    while !matches!(a.mode(), Mode::Picker(Picker { entries, selected }) if entries[*selected] == PickerEntry::TypePath)
    {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode(), Mode::Prompt(_)));
    keys(&mut a, &bad.display().to_string());
    press(&mut a, KeyCode::Enter);
    assert!(
        matches!(a.mode(), Mode::Error(m) if m.contains("bad.toml")),
        "{:?}",
        a.mode()
    );
    assert_eq!(
        a.preset().name,
        BUILTINS[2].name,
        "the current preset is kept"
    );
    screen(&a, 80, 24);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn clicking_a_cell_focuses_it() {
    let mut a = at_step("two-layer", 1);
    a.update(Action::Resize {
        width: 120,
        height: 36,
    });
    // The W pane is the second pane of the top band; find a screen cell showing W[2,3].
    let areas = backstep::tui::ui::layout::Areas::compute(&a, 120, 36).expect("fits");
    let w = areas.panes[1];
    let target = (w.x..w.right())
        .flat_map(|x| (w.y..w.bottom()).map(move |y| (x, y)))
        .find(|&(x, y)| backstep::tui::ui::layout::hit(&a, x, y) == Some((1, 2, 3)))
        .expect("W[2,3] is visible");
    click(&mut a, target.0, target.1);
    assert_eq!(a.focus(), 1);
    assert_eq!(a.cursor(), (2, 3));
}

#[test]
fn too_small_says_what_it_needs() {
    let a = app("two-layer");
    let text = screen(&a, 40, 10);
    assert!(text.contains("terminal too small: need 60×18"), "{text}");
}

#[test]
fn a_1000_by_1000_preset_scrolls_to_the_cursor() {
    let text = r#"
x = { random = "normal", shape = [1000, 1000], scale = 1.0, seed = 1 }
[[layers]]
type = "relu"
"#;
    let preset = Preset::from_toml(text, backstep::preset::Source::Builtin("large".into()))
        .expect("valid preset");
    let mut a = App::new(preset).expect("runs");
    a.update(Action::Resize {
        width: 200,
        height: 60,
    });
    for _ in 0..998 {
        press(&mut a, KeyCode::Char('j'));
    }
    press(&mut a, KeyCode::Char('$'));
    assert_eq!(a.cursor(), (998, 999), "$ goes to the end of the row");
    press(&mut a, KeyCode::Char('h'));
    assert_eq!(a.cursor(), (998, 998));
    let frame = screen(&a, 200, 60);
    assert!(frame.contains("998"), "{frame}");
    assert!(
        frame.contains("/1000"),
        "the pane says where its window is: {frame}"
    );
    press(&mut a, KeyCode::Char('0'));
    assert_eq!(a.cursor(), (998, 0), "0 goes to the start of the row");
    // A page is the focused pane's visible rows: PageUp twice moves by twice that.
    let rows = backstep::tui::ui::layout::page_rows(&a);
    assert!(rows > 5, "a 200×60 screen shows more than 5 rows: {rows}");
    press(&mut a, KeyCode::PageUp);
    press(&mut a, KeyCode::PageUp);
    assert_eq!(a.cursor(), (998 - 2 * rows, 0));
    press(&mut a, KeyCode::PageDown);
    assert_eq!(a.cursor(), (998 - rows, 0));
    let frame = screen(&a, 200, 60);
    assert!(
        frame.contains(&format!("{}", 998 - rows)),
        "the cursor's row is on screen: {frame}"
    );
}

#[test]
fn snapshot_80_by_24_keeps_the_written_matrix() {
    // Step 19: ReLU's backward on two-layer; at 80×24 the written dx must stay whole.
    let a = at_step("two-layer", 19);
    insta::assert_snapshot!("two_layer_relu_backward_80x24", screen(&a, 80, 24));
}

#[test]
fn help_scroll_stops_at_its_end() {
    let mut a = app("two-layer");
    a.update(Action::Resize {
        width: 80,
        height: 24,
    });
    press(&mut a, KeyCode::Char('?'));
    assert!(matches!(a.mode(), Mode::Help(_)));
    let max = backstep::tui::keymap::help::layout(80, 24).max_scroll;
    assert!(max > 0, "at 80×24 the help does not fit and scrolls");
    for _ in 0..(max + 50) {
        press(&mut a, KeyCode::Down);
    }
    assert_eq!(help_scroll(&a), max);
    press(&mut a, KeyCode::Up);
    assert_eq!(help_scroll(&a), max - 1, "↑ answers at once");
    // the last line of the help is on screen at the end
    for _ in 0..5 {
        press(&mut a, KeyCode::Down);
    }
    assert!(screen(&a, 80, 24).contains("mouse"));
}

fn help_scroll(a: &App) -> u16 {
    match a.mode() {
        Mode::Help(view) => view.scroll,
        other => panic!("the help is open, not {other:?}"),
    }
}

/// x 20×4 through one affine: a batch of 20 rows.
const BATCH_20: &str = r#"
title = "A batch of 20"
x = { random = "normal", shape = [20, 4], scale = 1.0, seed = 1 }
[[layers]]
type = "affine"
W = { random = "normal", shape = [4, 3], scale = 0.5, seed = 2 }
b = [0.1, -0.2, 0.3]
"#;

fn from_text(text: &str, name: &str) -> App {
    let preset = Preset::from_toml(text, backstep::preset::Source::Builtin(name.into()))
        .expect("valid preset");
    App::new(preset).expect("runs")
}

fn book_size() -> App {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book-size.toml");
    App::new(Preset::from_file(&path).expect("the fixture loads")).expect("runs")
}

/// Every pane of the current step is on screen with at least one row of numbers, its corners
/// intact (no label runs over a border) and its shape in its title.
fn assert_every_pane_visible(a: &App, width: u16, height: u16) {
    let areas = backstep::tui::ui::layout::Areas::compute(a, width, height).expect("fits");
    let text = screen(a, width, height);
    let rows: Vec<Vec<char>> = text
        .lines()
        .map(|l| l.trim_matches('"').chars().collect())
        .collect();
    for (pane, rect) in a.panes().iter().zip(&areas.panes) {
        let what = format!(
            "{} at step {} on {width}×{height}",
            pane.title,
            a.step() + 1
        );
        assert!(
            rect.height >= 4 && rect.width >= 10,
            "{what}: {rect:?}\n{text}"
        );
        let at = |x: u16, y: u16| rows[y as usize][x as usize];
        assert_eq!(at(rect.x, rect.y), '┌', "{what}\n{text}");
        assert_eq!(at(rect.right() - 1, rect.y), '┐', "{what}\n{text}");
        assert_eq!(at(rect.x, rect.bottom() - 1), '└', "{what}\n{text}");
        assert_eq!(
            at(rect.right() - 1, rect.bottom() - 1),
            '┘',
            "{what}\n{text}"
        );
        let top: String = rows[rect.y as usize][rect.x as usize..rect.right() as usize]
            .iter()
            .collect();
        let m = a.matrix(&pane.source).expect("a matrix");
        let shape = format!("{}×{}", m.nrows(), m.ncols());
        assert!(top.contains(&shape), "{what}: the shape stays in {top}");
    }
}

#[test]
fn a_batch_of_20_keeps_every_pane_at_real_sizes() {
    let mut a = from_text(BATCH_20, "batch-20");
    for (w, h) in [(80, 24), (120, 36), (200, 60)] {
        a.update(Action::Resize {
            width: w,
            height: h,
        });
        press(&mut a, KeyCode::Home);
        for _ in 0..a.run().tape.len() {
            assert_every_pane_visible(&a, w, h);
            press(&mut a, KeyCode::Right);
        }
    }
    press(&mut a, KeyCode::Home);
    insta::assert_snapshot!("batch_20_forward_120x36", screen(&a, 120, 36));
    insta::assert_snapshot!("batch_20_forward_80x24", screen(&a, 80, 24));
}

#[test]
fn the_book_size_net_keeps_every_pane_at_120_by_36_and_80_by_24() {
    let mut a = book_size();
    for (w, h) in [(80, 24), (120, 36)] {
        a.update(Action::Resize {
            width: w,
            height: h,
        });
        press(&mut a, KeyCode::Home);
        for _ in 0..a.run().tape.len() {
            assert_every_pane_visible(&a, w, h);
            press(&mut a, KeyCode::Right);
        }
    }
    // The first dW of the backward pass (Affine2's) at both sizes.
    press(&mut a, KeyCode::Char('b'));
    while a.current().map(|s| s.writes.name.as_str()) != Some("dW") {
        press(&mut a, KeyCode::Right);
    }
    insta::assert_snapshot!("book_size_dw_120x36", screen(&a, 120, 36));
    insta::assert_snapshot!("book_size_dw_80x24", screen(&a, 80, 24));
}

#[test]
fn the_check_popup_shows_the_kink_note() {
    // Affine1's first pre-activation is 3e-7, within h of ReLU's kink: the check fails and says why.
    let preset = Preset::from_toml(
        "x = [[1.0, 2.0], [1.0, 1.0]]\nt = [0, 1]\n\
         [[layers]]\ntype = \"affine\"\nW = [[0.5, -0.3], [-0.24999985, 0.4]]\nb = [0.0, 0.0]\n\
         [[layers]]\ntype = \"relu\"\n\
         [[layers]]\ntype = \"affine\"\nW = [[0.7, -0.2], [0.1, 0.3]]\nb = [0.0, 0.0]\n\
         [[layers]]\ntype = \"softmax_with_loss\"\n",
        backstep::preset::Source::File("kink.toml".into()),
    )
    .unwrap();
    let mut a = App::new(preset).unwrap();
    press(&mut a, KeyCode::Char('c'));
    let text = screen(&a, 120, 36);
    assert!(text.contains("gradient check — FAIL"), "{text}");
    assert!(text.contains("1 note (Enter: the notes"), "{text}");
    press(&mut a, KeyCode::Enter);
    let text = screen(&a, 120, 36);
    assert!(
        text.contains("note: ReLU: 1 of 4 input cells lies within h = 1.00e-4 of its kink at 0"),
        "{text}"
    );
    let flat = text
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("press [ 4 times to rerun the check at h = 1e-8."),
        "{flat}"
    );
}

use crate::support::words;

#[test]
fn every_step_of_one_row_nets_reads_right_on_screen() {
    let mut found = Vec::new();
    for net in words::ONE_ROW_NETS {
        let preset =
            Preset::from_toml(net, backstep::preset::Source::File("one.toml".into())).unwrap();
        let mut a = App::new(preset).unwrap();
        press(&mut a, KeyCode::Home);
        for _ in 0..a.run().tape.len() {
            for m in words::misreadings(&screen(&a, 160, 40)) {
                found.push(format!("{net:?} step {}: {m}", a.step() + 1));
            }
            // the cell's full explanation too
            press(&mut a, KeyCode::Enter);
            for m in words::misreadings(&screen(&a, 160, 40)) {
                found.push(format!("{net:?} step {} (Enter): {m}", a.step() + 1));
            }
            press(&mut a, KeyCode::Esc);
            press(&mut a, KeyCode::Right);
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

/// Every `.rs` file below `dir` (none when a module has no folder).
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The flow is one way: the engine imports no preset, report, CLI or TUI code; the preset, the
/// renderings and the CLI import nothing from the TUI (the explorer draws figures with
/// `report::figure`, never the other way round).
#[test]
fn no_module_imports_from_a_layer_above_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rules: [(&str, &[&str]); 6] = [
        (
            "i18n",
            &[
                "crate::engine",
                "crate::lesson",
                "crate::preset",
                "crate::report",
                "crate::cli",
                "crate::tui",
            ],
        ),
        (
            "engine",
            &[
                "crate::lesson",
                "crate::preset",
                "crate::report",
                "crate::cli",
                "crate::tui",
            ],
        ),
        (
            "lesson",
            &["crate::preset", "crate::report", "crate::cli", "crate::tui"],
        ),
        ("preset", &["crate::report", "crate::cli", "crate::tui"]),
        ("report", &["crate::cli", "crate::tui"]),
        ("cli", &["crate::tui"]),
    ];
    let mut checked = 0;
    for (module, banned) in rules {
        let mut list = Vec::new();
        rust_files(&root.join(module), &mut list);
        list.push(root.join(format!("{module}.rs")));
        for path in list {
            // a `tests.rs` is a `#[cfg(test)] mod tests` of its parent
            if path.file_name().is_some_and(|n| n == "tests.rs") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            checked += 1;
            // tests beside the code may build a preset to run the engine on
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for b in banned {
                assert!(
                    !code.contains(b),
                    "{} imports {b}: {module} sits below it",
                    path.display()
                );
            }
        }
    }
    assert!(checked > 50, "{checked} files");
}

/// Every key named on screen comes from the keymap: no string literal outside `keymap` names a
/// key (the keymap's `key_for`, `hint` and `footer` write them).
#[test]
fn no_key_name_is_hard_coded_outside_the_keymap() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut all = Vec::new();
    rust_files(&root, &mut all);
    let keys = [
        "Esc",
        "Enter",
        "Tab",
        "PageUp",
        "PageDown",
        "Backspace",
        "Ctrl-C",
        "↑/↓",
    ];
    for path in all {
        if path.to_string_lossy().contains("keymap") || path.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        // Unit tests may name keys; only the code above them counts.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let line = line.trim();
            if line.starts_with("//") {
                continue;
            }
            for literal in line.split('"').skip(1).step_by(2) {
                for key in keys {
                    let named = literal
                        .split(|c: char| {
                            !c.is_alphanumeric() && c != '-' && c != '/' && c != '↑' && c != '↓'
                        })
                        .any(|word| word == key);
                    assert!(
                        !named,
                        "{}:{}: \"{literal}\" names {key}: take it from the keymap",
                        path.display(),
                        n + 1
                    );
                }
            }
        }
    }
}

#[test]
fn a_layers_input_is_named_by_its_source_not_as_the_networks_x() {
    // Issue 18 item 11: on two-layer, the Softmax-with-Loss step's input pane was titled `x`, and
    // `e` on it said "x is computed, not given: edit x, …" — two different x in one sentence.
    let mut a = app("two-layer");
    while a.current().expect("a step").layer != 3 {
        press(&mut a, KeyCode::Right);
    }
    while a.panes()[a.focus()].source != Source::Input(3) {
        press(&mut a, KeyCode::Tab);
    }
    let text = screen(&a, 80, 24);
    assert!(
        text.contains("┌ Affine2 out "),
        "titled by its source:\n{text}"
    );
    assert!(
        !text.contains("┌ x "),
        "no pane but the network's input is x:\n{text}"
    );
    press(&mut a, KeyCode::Char('e'));
    let text = screen(&a, 80, 24);
    assert!(
        text.contains("Affine2 out is computed"),
        "the message names the pane as its title does:\n{text}"
    );
    assert!(!text.contains("x is computed"), "{text}");
    assert!(text.contains("the network's input x"), "{text}");
    // Every built-in: a pane titled as the network's input (x or X) is the network's input.
    for b in BUILTINS {
        let mut a = app(b.name);
        for _ in 0..a.run().tape.len() {
            for p in a.panes() {
                if matches!(p.source, Source::Input(l) if l > 0) {
                    assert!(
                        !["x", "X"].contains(&p.title.as_str()),
                        "{}: step {} titles layer {:?}'s input {}",
                        b.name,
                        a.step() + 1,
                        p.source,
                        p.title
                    );
                }
            }
            press(&mut a, KeyCode::Right);
        }
    }
}

/// The rows of a rendered screen, without the quotes the test backend puts around them.
fn rows(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim_end_matches('"').trim_start_matches('"').to_string())
        .collect()
}

#[test]
fn no_text_loses_its_result_or_its_end_at_any_size() {
    // Issue 18 item 10: at 80×24 the inspector's formula lost `= 0.1379`, the ℹ note stopped
    // mid-sentence, a long layer name pushed `L = …` off the strip. At every size and step of
    // every built-in: the formula's result, the note's last word (or a `…`) and `L =` show.
    for (w, h) in [(80, 24), (120, 36), (200, 60)] {
        for b in BUILTINS {
            let mut a = app(b.name);
            if a.preset().graph.is_some() {
                press(&mut a, KeyCode::Char('v'));
            }
            for _ in 0..a.run().tape.len() {
                let text = screen(&a, w, h);
                let step = a.current().expect("a step").clone();
                let at = format!("{} step {} at {w}×{h}", b.name, a.step() + 1);
                assert!(text.contains("L = "), "{at}: no L =\n{text}");
                let (r, c) = a.write_cell();
                if let Some(ex) = step.explain(r, c).filter(|ex| ex.terms.len() <= 64) {
                    // The end of the expansion the inspector shows: its `= value`, or the
                    // verdict of a mask (`… is True`).
                    let lines = backstep::tui::app::explanation_lines(&step.op, &ex, 6);
                    let expansion = lines.get(1).cloned().unwrap_or_default();
                    let result = match expansion.rfind(" = ") {
                        Some(at) => expansion[at..].to_string(),
                        None => expansion.split(' ').next_back().unwrap_or("").to_string(),
                    };
                    assert!(text.contains(&result), "{at}: no {result}\n{text}");
                }
                let note = step.note.to_string();
                let last_word = note.split_whitespace().last().unwrap_or("");
                let note_row = rows(&text)
                    .into_iter()
                    .rev()
                    .find(|r| r.contains(last_word) || r.trim_end().ends_with('…'));
                assert!(note_row.is_some(), "{at}: the note ends unmarked\n{text}");
                press(&mut a, KeyCode::Right);
            }
        }
    }
    // A long layer name gives up characters before `L =` does.
    let long = r#"
x = [[1.0, -0.5], [-2.0, 3.0]]
t = [0, 1]
[[layers]]
type = "relu"
name = "a_rather_long_rectifier_layer_name_that_goes_on_and_on"
[[layers]]
type = "softmax_with_loss"
"#;
    let preset = Preset::from_toml(long, backstep::preset::Source::Builtin("long".into()))
        .expect("valid preset");
    let a = App::new(preset).expect("runs");
    let text = screen(&a, 80, 24);
    let strip = &rows(&text)[2];
    assert!(strip.contains("L = "), "{strip}");
    assert!(strip.contains('…'), "the name is cut with a mark: {strip}");
}

#[test]
fn picker_rows_that_do_not_fit_end_with_an_ellipsis() {
    let mut a = app("two-layer");
    press(&mut a, KeyCode::Char('P'));
    let text = screen(&a, 80, 24);
    let cut: Vec<String> = rows(&text)
        .into_iter()
        .filter(|r| r.contains("built-in ·"))
        .collect();
    assert!(!cut.is_empty(), "{text}");
    for r in &cut {
        // A row that reaches the box's right edge was cut: it says so.
        let inside = r.trim_end_matches(['│', ' ']);
        let reaches = r.trim_end().ends_with('│') && !r.trim_end().ends_with(" │");
        if reaches {
            assert!(inside.ends_with('…'), "cut without a mark: {r}");
        }
    }
    assert!(cut.iter().any(|r| r.contains('…')), "{text}");
}

/// At 200×60 the book-size net needs every row: the panes and the note take the spare rows, so
/// no run of blank rows is left on any step (small presets show every matrix whole, and what
/// their panes do not need stays blank).
#[test]
fn at_200_by_60_the_book_size_net_leaves_no_rows_empty() {
    let mut a = book_size();
    press(&mut a, KeyCode::Home);
    for _ in 0..a.run().tape.len() {
        let frame = screen(&a, 200, 60);
        let blank = |l: &str| l.chars().all(|c| c == ' ' || c == '│');
        let mut run = 0;
        let mut longest = 0;
        for line in frame.lines() {
            run = if blank(line) { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        assert!(
            longest <= 1,
            "step {}: {longest} blank rows in a row\n{frame}",
            a.step() + 1
        );
        press(&mut a, KeyCode::Right);
    }
}

/// A value that the step only copies (im2col's `col` cells, `col_W = Wᵀ`) is written once in
/// the inspector's line and the `Enter` explanation, `= 2.0000`, not `= 2.0000 = 2.0000`.
#[test]
fn a_copied_cell_shows_its_value_once() {
    // `= a = a` with the same number twice
    let repeats = |line: &str| {
        let parts: Vec<&str> = line.split(" = ").map(str::trim).collect();
        parts
            .windows(2)
            .any(|w| w[0] == w[1] && w[0].parse::<f64>().is_ok())
    };
    let mut app = App::new(Preset::builtin("conv").unwrap()).unwrap();
    let mut copies = 0;
    for _ in 0..app.run().tape.len() {
        let label = app.current().unwrap().label.clone();
        if label == "im2col" || label.starts_with("col_W") {
            copies += 1;
            let text = screen(&app, 120, 36);
            let line = text
                .lines()
                .find(|l| l.contains("⇒") || l.trim_start_matches('"').starts_with("   col"))
                .unwrap_or_default();
            assert!(line.contains("= "), "{label}:\n{text}");
            for l in text.lines() {
                assert!(!repeats(l.trim_matches('"')), "{label}: {l}\n{text}");
            }
            press(&mut app, KeyCode::Tab);
            press(&mut app, KeyCode::Enter);
            let popup = screen(&app, 120, 36);
            for l in popup.lines() {
                assert!(
                    !repeats(l.trim_matches('"')),
                    "{label}, Enter: {l}\n{popup}"
                );
            }
            press(&mut app, KeyCode::Esc);
        }
        press(&mut app, KeyCode::Right);
    }
    assert!(copies >= 2, "conv has an im2col and a col_W step");
}

/// The header's formula row, too long for 72 columns (conv's reshape back to N×FN×OH×OW), ends
/// with `…` where it is cut, never mid-word unmarked.
#[test]
fn a_long_formula_row_is_cut_with_a_mark() {
    let mut app = App::new(Preset::builtin("conv").unwrap()).unwrap();
    while !app.current().unwrap().formula.contains("transpose") {
        press(&mut app, KeyCode::Right);
    }
    let text = screen(&app, 72, 24);
    let row = text.lines().nth(1).unwrap().trim_matches('"').trim_end();
    assert!(row.ends_with('…'), "{row:?}\n{text}");
    assert!(row.contains("formula"), "{row:?}");
}
