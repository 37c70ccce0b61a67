//! Every word a learner meets in the terminal UI comes from a catalog: the explorer at every step
//! of every built-in preset, every popup and key context, and the training screen, rendered in
//! `Lang::Pseudo` (every catalog message wrapped in `⟦…⟧`), leave no word outside the markers.

use crate::support::driver::{press, screen};
use crate::support::words::untranslated_except;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use backstep::i18n::{self, Lang};
use backstep::preset::{BUILTINS, Preset, TRAIN_BUILTINS};
use backstep::tui::app::{App, Mode, session_for};
use backstep::tui::keymap::Context;
use backstep::tui::{Action, finish_jobs, to_action};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The sizes every screen is read at.
const SIZES: [(u16, u16); 2] = [(120, 36), (80, 24)];

/// Untranslated words, each with how often and where it was first met.
#[derive(Default)]
struct Findings {
    words: BTreeMap<String, (usize, String)>,
}

impl Findings {
    /// Read one frame of `app` at `size`; `place` says where it was, `names` are the preset's own.
    fn read(&mut self, app: &App, size: (u16, u16), place: &str, names: &[String]) {
        let text = screen(app, size.0, size.1);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        for word in untranslated_except(&text, &names) {
            let entry = self
                .words
                .entry(word)
                .or_insert_with(|| (0, format!("{place} at {}×{}:\n{text}", size.0, size.1)));
            entry.0 += 1;
        }
    }

    /// Read a piece of a frame (one row).
    fn read_text(&mut self, text: &str, place: &str, names: &[String]) {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        for word in untranslated_except(text, &names) {
            let entry = self
                .words
                .entry(word)
                .or_insert_with(|| (0, format!("{place}:\n{text}")));
            entry.0 += 1;
        }
    }

    fn assert_none(&self) {
        if self.words.is_empty() {
            return;
        }
        let list: Vec<String> = self
            .words
            .iter()
            .map(|(w, (n, _))| format!("{w} ({n}×)"))
            .collect();
        let (first, (_, place)) = self.words.iter().next().unwrap_or_else(|| unreachable!());
        panic!(
            "{} words a learner would meet in English: {}\n\nthe first, {first:?}, in {place}",
            list.len(),
            list.join(", ")
        );
    }
}

/// The preset's own names, which no catalog translates: its keyword, the names of its layers,
/// nodes and inputs (`apple_num`), as written in its TOML.
fn own_names(keyword: &str, text: &str) -> Vec<String> {
    let mut names = vec![keyword.to_string()];
    let Ok(table) = text.parse::<toml::Table>() else {
        return names;
    };
    if let Some(inputs) = table.get("inputs").and_then(|v| v.as_table()) {
        names.extend(inputs.keys().cloned());
    }
    for list in ["layers", "nodes"] {
        for item in table
            .get(list)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(name) = item.get("name").and_then(|v| v.as_str()) {
                names.push(name.to_string());
            }
            for input in item
                .get("inputs")
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
            {
                names.extend(input.as_str().map(str::to_string));
            }
        }
    }
    names
}

fn key(app: &mut App, code: KeyCode) {
    press(app, code);
}

/// Press a key without finishing the job it starts (a check shows its running state).
fn press_only(app: &mut App, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = to_action(app, event) {
        app.update(action);
    }
}

/// Close whatever is open, back to the explorer.
fn back_to_explorer(app: &mut App) {
    for _ in 0..4 {
        if app.context() == Context::Explore {
            return;
        }
        key(app, KeyCode::Esc);
    }
}

/// Every step of one built-in in the explorer, with the keys that open something at each step.
fn walk_explorer(keyword: &str, text: &str, found: &mut Findings) {
    let names = own_names(keyword, text);
    let dir = std::env::temp_dir().join(format!("backstep-untranslated-{}", std::process::id()));
    for size in SIZES {
        let preset = Preset::builtin(keyword).unwrap();
        let mut app = App::new(preset).unwrap();
        app.set_check_times(Duration::from_micros(750), Duration::from_micros(25));
        app.set_export_dir(dir.clone());
        app.update(Action::Resize {
            width: size.0,
            height: size.1,
        });
        let steps = app.run().tape.len();
        for k in 0..steps {
            let at = format!("{keyword} step {}", k + 1);
            found.read(&app, size, &at, &names);
            // each pane: explain its cell, nudge it
            for _ in 0..app.panes().len().max(1) {
                key(&mut app, KeyCode::Enter);
                found.read(&app, size, &format!("{at}, Enter"), &names);
                back_to_explorer(&mut app);
                key(&mut app, KeyCode::Char('u'));
                found.read(&app, size, &format!("{at}, u"), &names);
                key(&mut app, KeyCode::Char(']'));
                found.read(&app, size, &format!("{at}, u ]"), &names);
                key(&mut app, KeyCode::Esc);
                key(&mut app, KeyCode::Tab);
            }
            for (c, what) in [('s', "shapes"), ('N', "without NumPy"), ('x', "export")] {
                key(&mut app, KeyCode::Char(c));
                found.read(&app, size, &format!("{at}, {what}"), &names);
            }
            key(&mut app, KeyCode::Char('s'));
            key(&mut app, KeyCode::Char('N'));
            key(&mut app, KeyCode::Char('J'));
            found.read(&app, size, &format!("{at}, J"), &names);
            key(&mut app, KeyCode::PageDown);
            found.read(&app, size, &format!("{at}, J PageDown"), &names);
            back_to_explorer(&mut app);
            key(&mut app, KeyCode::Char('v'));
            found.read(&app, size, &format!("{at}, graph view"), &names);
            key(&mut app, KeyCode::Tab);
            found.read(&app, size, &format!("{at}, graph view, Tab"), &names);
            key(&mut app, KeyCode::Enter);
            found.read(&app, size, &format!("{at}, graph view, Enter"), &names);
            back_to_explorer(&mut app);
            key(&mut app, KeyCode::Char('v'));
            key(&mut app, KeyCode::Right);
        }
        walk_popups(&mut app, keyword, size, &names, found);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The popups opened once per preset: help, the check (running, report, notes), the picker,
/// the edit prompt and its error, a quiz question and its answer.
fn walk_popups(
    app: &mut App,
    keyword: &str,
    size: (u16, u16),
    names: &[String],
    found: &mut Findings,
) {
    key(app, KeyCode::Home);
    key(app, KeyCode::Char('?'));
    for page in 0..12 {
        found.read(app, size, &format!("{keyword} help page {page}"), names);
        key(app, KeyCode::PageDown);
    }
    back_to_explorer(app);

    press_only(app, KeyCode::Char('c'));
    found.read(app, size, &format!("{keyword} check running"), names);
    finish_jobs(app);
    found.read(app, size, &format!("{keyword} check"), names);
    for (code, what) in [
        (KeyCode::Tab, "Tab"),
        (KeyCode::Char('n'), "n"),
        (KeyCode::Char(']'), "]"),
        (KeyCode::Enter, "notes"),
        (KeyCode::PageDown, "notes PageDown"),
    ] {
        key(app, code);
        found.read(app, size, &format!("{keyword} check, {what}"), names);
    }
    back_to_explorer(app);

    key(app, KeyCode::Char('P'));
    found.read(app, size, &format!("{keyword} picker"), names);
    key(app, KeyCode::End);
    found.read(app, size, &format!("{keyword} picker, End"), names);
    key(app, KeyCode::Enter);
    found.read(app, size, &format!("{keyword} picker, a path"), names);
    for c in "no-such.toml".chars() {
        key(app, KeyCode::Char(c));
    }
    key(app, KeyCode::Enter);
    found.read(
        app,
        size,
        &format!("{keyword} picker, a missing file"),
        names,
    );
    back_to_explorer(app);

    key(app, KeyCode::Char('e'));
    found.read(app, size, &format!("{keyword} edit"), names);
    for c in "abc".chars() {
        key(app, KeyCode::Char(c));
    }
    key(app, KeyCode::Enter);
    found.read(app, size, &format!("{keyword} edit, abc"), names);
    back_to_explorer(app);

    key(app, KeyCode::Char('Q'));
    found.read(app, size, &format!("{keyword} quiz on"), names);
    key(app, KeyCode::Char('b'));
    found.read(app, size, &format!("{keyword} quiz question"), names);
    if matches!(app.mode(), Mode::Quiz(_)) {
        for c in "abc".chars() {
            key(app, KeyCode::Char(c));
        }
        key(app, KeyCode::Enter);
        found.read(app, size, &format!("{keyword} quiz, abc"), names);
        for _ in 0..3 {
            key(app, KeyCode::Backspace);
        }
        for c in "12345".chars() {
            key(app, KeyCode::Char(c));
        }
        key(app, KeyCode::Enter);
        found.read(app, size, &format!("{keyword} quiz answer"), names);
        key(app, KeyCode::Esc);
        key(app, KeyCode::Right);
        found.read(app, size, &format!("{keyword} quiz, next"), names);
        key(app, KeyCode::Esc);
        found.read(app, size, &format!("{keyword} quiz, skipped"), names);
    }
    back_to_explorer(app);
    key(app, KeyCode::Char('Q'));
    found.read(app, size, &format!("{keyword} quiz off"), names);
}

/// Run the training job the App asked for on a thread in the pseudo-language.
fn spawn_job(app: &mut App) -> Receiver<Action> {
    let job = app.take_training_job().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let tx = Mutex::new(tx);
        i18n::scoped(Lang::Pseudo, || {
            job.run(&|action| {
                if let Ok(tx) = tx.lock() {
                    let _ = tx.send(action);
                }
            });
        });
    });
    rx
}

fn iteration(app: &App) -> usize {
    app.training().map_or(0, |t| t.view.iteration)
}

/// Feed the worker's actions to the App until `done` holds.
fn pump_until(app: &mut App, rx: &Receiver<Action>, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(app) {
        assert!(start.elapsed() < Duration::from_secs(60), "gave up waiting");
        let action = rx.recv_timeout(Duration::from_secs(30)).unwrap();
        app.update(action);
    }
}

/// The training screen of a `[train]` built-in: paused, one iteration on, its help, the
/// iteration opened in the explorer, running.
fn walk_training(keyword: &str, text: &str, found: &mut Findings) {
    let names = own_names(keyword, text);
    let preset = Preset::builtin(keyword).unwrap();
    let mut app = App::new(preset.clone()).unwrap();
    let (session, view) = session_for(&preset).unwrap();
    app.start_training(preset, session, view, false);
    app.set_train_times(Duration::from_millis(20), 250.0);
    let rx = spawn_job(&mut app);
    let first = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    app.update(first);
    for size in SIZES {
        found.read(&app, size, &format!("{keyword} training, paused"), &names);
    }
    press(&mut app, KeyCode::Right);
    pump_until(&mut app, &rx, |a| iteration(a) == 1);
    for code in [KeyCode::Char('+'), KeyCode::Char('o'), KeyCode::Char(']')] {
        press(&mut app, code);
    }
    pump_until(&mut app, &rx, |a| {
        a.training().is_some_and(|t| t.view.optimizer != "sgd")
    });
    for size in SIZES {
        found.read(
            &app,
            size,
            &format!("{keyword} training, 1 iteration"),
            &names,
        );
    }
    press(&mut app, KeyCode::Char('?'));
    for size in SIZES {
        found.read(&app, size, &format!("{keyword} training help"), &names);
    }
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    for size in SIZES {
        found.read(&app, size, &format!("{keyword} training, Enter"), &names);
    }
    press(&mut app, KeyCode::End);
    for size in SIZES {
        found.read(
            &app,
            size,
            &format!("{keyword} training, Enter End"),
            &names,
        );
    }
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char(' '));
    pump_until(&mut app, &rx, |a| iteration(a) > 3);
    for size in SIZES {
        found.read(&app, size, &format!("{keyword} training, running"), &names);
    }
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('r'));
    pump_until(&mut app, &rx, |a| iteration(a) == 0);
    for size in SIZES {
        found.read(
            &app,
            size,
            &format!("{keyword} training, restarted"),
            &names,
        );
    }
}

/// The keys a learner reads — the footer under every step and popup, the help overlay page by
/// page, on the explorer and on the training screen — come from the catalogs.
#[test]
fn every_key_label_and_the_help_come_from_the_catalogs() {
    i18n::scoped(Lang::Pseudo, || {
        let mut found = Findings::default();
        // MNIST needs its files; the digits convnet's check popup (`c`) runs central differences
        // over 13,000 cells of a 100-image batch, minutes in a debug build
        let trainable = TRAIN_BUILTINS
            .iter()
            .filter(|b| !b.name.ends_with("-mnist") && b.name != "train-convnet-digits");
        for b in BUILTINS.iter().chain(trainable) {
            let names = own_names(b.name, b.text);
            let mut app = App::new(Preset::builtin(b.name).unwrap()).unwrap();
            for size in SIZES {
                app.update(Action::Resize {
                    width: size.0,
                    height: size.1,
                });
                let last = |app: &App| {
                    let text = screen(app, size.0, size.1);
                    text.lines().last().unwrap_or_default().to_string()
                };
                for code in [KeyCode::Char('c'), KeyCode::Char('P'), KeyCode::Char('J')] {
                    found.read_text(&last(&app), &format!("{} footer", b.name), &names);
                    key(&mut app, code);
                    found.read_text(&last(&app), &format!("{} footer {code:?}", b.name), &names);
                    back_to_explorer(&mut app);
                }
                key(&mut app, KeyCode::Char('?'));
                for page in 0..12 {
                    found.read(&app, size, &format!("{} help page {page}", b.name), &names);
                    key(&mut app, KeyCode::PageDown);
                }
                back_to_explorer(&mut app);
            }
        }
        found.assert_none();
    });
}

/// Every step of every built-in, every popup: the aim of issue 20 for the explorer, not yet met
/// (its notes and explanations come from the narration, being moved to the catalogs).
#[test]
#[ignore = "the explorer is being moved to the catalogs area by area"]
fn every_word_of_the_explorer_comes_from_a_catalog() {
    i18n::scoped(Lang::Pseudo, || {
        let mut found = Findings::default();
        for b in BUILTINS {
            walk_explorer(b.name, b.text, &mut found);
        }
        found.assert_none();
    });
}

#[test]
#[ignore = "the training screen is being moved to the catalogs"]
fn every_word_of_the_training_screen_comes_from_a_catalog() {
    i18n::scoped(Lang::Pseudo, || {
        let mut found = Findings::default();
        for b in TRAIN_BUILTINS
            .iter()
            .filter(|b| !b.name.ends_with("-mnist"))
        {
            walk_training(b.name, b.text, &mut found);
        }
        found.assert_none();
    });
}
