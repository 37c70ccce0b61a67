//! Issue 9's interaction fixes, each driven as a user drives the explorer: Esc's order, the
//! gradient check on a worker (progress, cancel, sideways scroll, 60×18), the picker, one-hot
//! edits, quiz start, h's range, numbered exports, CJK names.

use crate::support::driver;
use crate::support::temp::TempDir;

use std::time::Duration;

use backstep::engine::Targets;
use backstep::preset::{Preset, Source as PresetSource};
use backstep::tui::app::{App, Mode, Picker, PickerEntry};
use backstep::tui::{Action, to_action};
use driver::{keys, press, screen};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn app(preset: &str) -> App {
    let mut app = App::new(Preset::builtin(preset).expect("built-in")).expect("runs");
    app.set_check_times(Duration::from_micros(750), Duration::from_micros(25));
    app
}

fn from_text(text: &str) -> App {
    let preset = Preset::from_toml(text, PresetSource::Builtin("test".into())).expect("valid");
    App::new(preset).expect("runs")
}

fn temp_dir(name: &str) -> TempDir {
    TempDir::new(name)
}

fn focus(a: &mut App, title: &str) {
    for _ in 0..a.panes().len() {
        if a.focused().is_some_and(|p| p.title == title) {
            return;
        }
        press(a, KeyCode::Tab);
    }
    panic!("no pane {title}");
}

/// A key press without running the job it starts: what the event loop sees before the worker
/// reports.
fn press_only(a: &mut App, code: KeyCode) {
    if let Some(action) = to_action(a, Event::Key(KeyEvent::new(code, KeyModifiers::NONE))) {
        a.update(action);
    }
}

#[test]
fn esc_closes_then_skips_then_clears_and_never_quits() {
    let mut a = app("two-layer");
    // A nudge on x, then quiz mode from the next backward step.
    focus(&mut a, "X");
    press(&mut a, KeyCode::Char('u'));
    assert!(a.nudge().is_some());
    press(&mut a, KeyCode::Char('Q'));
    press(&mut a, KeyCode::Char('b'));
    assert!(matches!(a.mode(), Mode::Quiz(_)), "{:?}", a.mode());
    press(&mut a, KeyCode::Char('?'));
    // (`?` is typed into the answer: the question is a prompt.)
    press(&mut a, KeyCode::Esc);
    assert!(matches!(a.mode(), Mode::Explore), "Esc skips the question");
    assert!(a.nudge().is_some(), "the nudge stays");
    press(&mut a, KeyCode::Esc);
    assert!(a.nudge().is_none(), "then Esc clears the nudge");
    press(&mut a, KeyCode::Esc);
    assert!(!a.should_quit(), "and then Esc does nothing");
    assert_eq!(a.score().asked, 0);
    press(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit());
}

#[test]
fn the_check_runs_in_the_background_with_progress_and_esc_cancels_it() {
    let mut a = app("two-layer");
    press_only(&mut a, KeyCode::Char('c'));
    let Mode::Checking(running) = a.mode() else {
        panic!("c starts the check, got {:?}", a.mode());
    };
    let job = running.job;
    a.update(Action::CheckProgress {
        job,
        done: 10,
        total: 37,
    });
    let text = screen(&a, 120, 36);
    assert!(text.contains("10 of 37 cells"), "{text}");
    assert!(text.contains("27 %"), "the bar says how far: {text}");
    assert!(text.contains("Esc cancel"), "{text}");
    // Esc cancels: the worker's flag is set and its late messages are dropped.
    let pending = a.take_job().expect("the loop gets the job");
    press_only(&mut a, KeyCode::Esc);
    assert!(matches!(a.mode(), Mode::Explore));
    assert!(screen(&a, 120, 36).contains("gradient check cancelled"));
    let sent = std::sync::Mutex::new(Vec::new());
    pending.run(&|action| sent.lock().unwrap().push(action));
    let sent = sent.into_inner().unwrap();
    assert!(
        matches!(sent.last(), Some(Action::CheckDone { outcome, .. }) if outcome.0.is_err()),
        "a cancelled job ends with an error: {sent:?}"
    );
    for action in sent {
        a.update(action);
    }
    assert!(
        matches!(a.mode(), Mode::Explore),
        "a cancelled check does not pop up"
    );
}

#[test]
fn the_check_view_scrolls_sideways_and_its_table_fits_60_by_18() {
    // Affine1.W is 3×4: at 120×36 the three matrices show 3 columns; → reaches column 3.
    let mut a = app("two-layer");
    press(&mut a, KeyCode::Char('c'));
    press(&mut a, KeyCode::Tab);
    let before = screen(&a, 120, 36);
    assert!(before.contains("▶ Affine1.W"), "{before}");
    let Mode::Check(view) = a.mode() else {
        panic!("the check is open")
    };
    let row = view.cell.0;
    for _ in 0..5 {
        press(&mut a, KeyCode::Right);
    }
    let Mode::Check(view) = a.mode() else {
        panic!("the check is open")
    };
    assert_eq!(view.cell, (row, 3));
    let after = screen(&a, 120, 36);
    let header = after
        .lines()
        .find(|l| l.contains("a: backprop 3×4"))
        .expect("the analytic pane");
    assert!(header.contains("W"), "{after}");
    assert!(
        after
            .lines()
            .any(|l| l.contains("│ ") && l.contains("     3 ")),
        "column 3 is on screen: {after}"
    );
    // At 60×18 every tensor row of the table is on screen, whole.
    a.update(Action::Resize {
        width: 60,
        height: 18,
    });
    let small = screen(&a, 60, 18);
    for name in ["x ", "Affine1.W", "Affine1.b", "Affine2.W", "Affine2.b"] {
        let row = small
            .lines()
            .find(|l| l.contains(name) && l.contains("e-"))
            .unwrap_or_else(|| panic!("{name} is in the table: {small}"));
        assert!(row.contains("ok"), "{name}'s verdict fits: {row}");
    }
}

#[test]
fn the_picker_scrolls_keeps_type_a_path_and_cuts_long_names() {
    let dir = temp_dir("picker");
    for k in 0..30 {
        std::fs::write(
            dir.join(format!("preset-{k:02}.toml")),
            "x = [[1.0]]\n[[layers]]\ntype = \"relu\"\n",
        )
        .expect("write");
    }
    let long = "a-very-long-preset-file-name-that-goes-on-and-on.toml";
    std::fs::write(dir.join(long), "x = [[1.0]]\n[[layers]]\ntype = \"relu\"\n").expect("write");
    std::fs::write(
        dir.join("relu.toml"),
        "title = \"my own relu\"\nx = [[-1.0, 2.0]]\n[[layers]]\ntype = \"relu\"\n",
    )
    .expect("write");
    let mut a = app("two-layer");
    a.set_picker_dir(dir.to_path_buf());
    a.update(Action::Resize {
        width: 100,
        height: 30,
    });
    press(&mut a, KeyCode::Char('P'));
    let first = screen(&a, 100, 30);
    assert!(first.contains("type a path…"), "{first}");
    assert!(
        first.contains("presets 1–"),
        "the title says which part is shown: {first}"
    );
    // Down to the last file: the selection stays on screen, and so does "type a path…".
    let n = match a.mode() {
        Mode::Picker(Picker { entries, .. }) => entries.len(),
        other => panic!("the picker is open, not {other:?}"),
    };
    let mut seen = Vec::new();
    for _ in 0..n - 2 {
        press(&mut a, KeyCode::Down);
        seen.push(screen(&a, 100, 30));
    }
    let bottom = screen(&a, 100, 30);
    assert!(
        bottom.contains("▶ "),
        "the selected row is visible: {bottom}"
    );
    assert!(bottom.contains("type a path…"), "{bottom}");
    // The long name is cut with … and does not run into its description.
    let line = first
        .lines()
        .chain(seen.iter().flat_map(|s| s.lines()))
        .find(|l| l.contains("a-very-long"))
        .expect("the long file is listed somewhere");
    assert!(line.contains('…') && !line.contains(long), "{line}");
    // A file named like a built-in is listed as a file and says so; it loads the file.
    let Mode::Picker(Picker { entries, .. }) = a.mode() else {
        panic!()
    };
    let mine = entries
        .iter()
        .position(|e| matches!(e, PickerEntry::File(p) if p.ends_with("relu.toml")))
        .expect("relu.toml is listed");
    assert!(entries[mine].shadows_builtin());
    press(&mut a, KeyCode::PageUp);
    press(&mut a, KeyCode::PageUp);
    press(&mut a, KeyCode::PageUp);
    while !matches!(a.mode(), Mode::Picker(Picker { selected, .. }) if *selected == mine) {
        press(&mut a, KeyCode::Down);
    }
    let listed = screen(&a, 100, 30);
    assert!(
        listed.contains("the built-in of this name is above"),
        "{listed}"
    );
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.preset().title, "my own relu");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_local_file_named_like_a_builtin_is_reachable_as_dot_slash() {
    let dir = temp_dir("dot-slash");
    let path = dir.join("relu");
    std::fs::write(
        &path,
        "title = \"not the built-in\"\nx = [[1.0]]\n[[layers]]\ntype = \"relu\"\n",
    )
    .expect("write");
    let mut a = app("two-layer");
    press(&mut a, KeyCode::Char('P'));
    while !matches!(a.mode(), Mode::Picker(Picker { entries, selected }) if entries[*selected] == PickerEntry::TypePath)
    {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    keys(&mut a, &path.display().to_string());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.preset().title, "not the built-in", "{:?}", a.mode());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn e_on_a_target_row_changes_its_class() {
    // Labels stay labels.
    let mut a = app("softmax-loss");
    focus(&mut a, "t");
    press(&mut a, KeyCode::Char('e'));
    assert!(screen(&a, 120, 36).contains("class of row 0 of t, 0 to 2 (now 1)"));
    keys(&mut a, "2");
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode(), Mode::Explore), "{:?}", a.mode());
    assert!(matches!(&a.preset().inputs.t, Some(Targets::Labels(l)) if *l == vec![2, 2]));
    assert_eq!(a.run().t.as_ref().expect("t")[[0, 2]], 1.0);
    // One-hot rows stay one-hot: any cell of the row takes the class.
    let mut b = from_text(
        "x = [[0.1, 0.2, 0.3]]\nt = [[0.0, 1.0, 0.0]]\n[[layers]]\ntype = \"softmax_with_loss\"\n",
    );
    focus(&mut b, "t");
    press(&mut b, KeyCode::Char('e'));
    keys(&mut b, "0");
    press(&mut b, KeyCode::Enter);
    assert!(matches!(b.mode(), Mode::Explore), "{:?}", b.mode());
    let t = b.run().t.clone().expect("t");
    assert_eq!(t.row(0).to_vec(), vec![1.0, 0.0, 0.0]);
    // Not a class: an error that says what to type; nothing changes.
    press(&mut b, KeyCode::Char('e'));
    keys(&mut b, "7");
    press(&mut b, KeyCode::Enter);
    assert!(
        matches!(b.mode(), Mode::Error(m) if m.contains("a whole number from 0 to 2")),
        "{:?}",
        b.mode()
    );
}

#[test]
fn h_at_the_end_of_its_range_says_so() {
    let mut a = app("two-layer");
    focus(&mut a, "X");
    press(&mut a, KeyCode::Char('u'));
    for _ in 0..10 {
        press(&mut a, KeyCode::Char(']'));
    }
    let h = a.nudge().expect("nudging").h;
    assert_eq!(h, 10.0);
    press(&mut a, KeyCode::Char(']'));
    let text = screen(&a, 120, 36);
    assert!(text.contains("is already the largest nudge"), "{text}");
    for _ in 0..12 {
        press(&mut a, KeyCode::Char('['));
    }
    assert!((a.nudge().expect("nudging").h - 1e-9).abs() < 1e-24);
    assert!(screen(&a, 120, 36).contains("is already the smallest nudge"));
}

#[test]
fn x_numbers_the_file_instead_of_overwriting() {
    let dir = temp_dir("export-numbered");
    let mut a = app("relu");
    a.set_export_dir(dir.to_path_buf());
    let first = dir.join("backstep-relu-step-1.md");
    std::fs::write(&first, "my notes").expect("write");
    press(&mut a, KeyCode::Char('x'));
    assert_eq!(std::fs::read_to_string(&first).expect("kept"), "my notes");
    assert!(dir.join("backstep-relu-step-1-2.md").exists());
    assert!(screen(&a, 120, 36).contains("backstep-relu-step-1-2.md"));
    press(&mut a, KeyCode::Char('x'));
    assert!(dir.join("backstep-relu-step-1-3.md").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cjk_names_wrap_and_align_and_never_push_out_the_step_counter() {
    let text = r#"
title = "一个非常长的标题，用来测试标题在窄终端里不会把步骤计数挤出屏幕的情况"
x = [[1.0, -2.0, 3.0]]
[[layers]]
type = "affine"
name = "全连接层"
W = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]
b = [0.0, 0.0]
"#;
    let mut a = from_text(text);
    a.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let screen80 = screen(&a, 80, 24);
    let top = screen80.lines().next().expect("a header");
    assert!(top.contains("step 1/"), "{top}");
    assert!(top.contains("全连接层"), "the layer stays: {top}");
    assert!(top.contains('…'), "the title gives way: {top}");
    // The pipeline names the layer, and the footer is still whole.
    let pipeline = screen80.lines().nth(2).expect("the pipeline");
    assert!(pipeline.contains("[全连接层 1×2]"), "{pipeline}");
    assert!(
        screen80
            .lines()
            .last()
            .is_some_and(|l| l.contains("q quit"))
    );
}

#[test]
fn home_and_end_go_to_the_first_and_last_entry_of_the_picker() {
    let mut a = app("relu");
    press(&mut a, KeyCode::Char('P'));
    let selected = |a: &App| match a.mode() {
        Mode::Picker(Picker { entries, selected }) => (entries.len(), *selected),
        other => panic!("the picker is open, not {other:?}"),
    };
    let (n, start) = selected(&a);
    assert_ne!(start, 0, "the picker opens on the current preset");
    press(&mut a, KeyCode::End);
    assert_eq!(selected(&a), (n, n - 1), "End: the last entry");
    let shown = screen(&a, 100, 30);
    assert!(shown.contains("▶ type a path…"), "{shown}");
    press(&mut a, KeyCode::Home);
    assert_eq!(selected(&a), (n, 0), "Home: the first entry");
    // the picker's hint and the help (from the keymap) name them
    assert!(screen(&a, 100, 30).contains("Home/End first/last"));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('?'));
    let help = backstep::tui::keymap::help::layout(200, 80);
    let text: Vec<String> = help
        .columns
        .iter()
        .flatten()
        .map(|row| match row {
            backstep::tui::keymap::help::Row::Heading(h) => h.clone(),
            backstep::tui::keymap::help::Row::Entry { text, .. } => text.clone(),
        })
        .collect();
    let text = text.join(" ");
    assert!(
        text.contains("In the preset picker: ↑/↓ choose · Home/End first/last"),
        "{text}"
    );
}
