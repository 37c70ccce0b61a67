//! The compare screen (`backstep compare` on a terminal) driven as a user drives it: key events
//! through the keymap and `App::update`, every run's real trainer on a worker thread, their
//! messages fed back as actions; snapshots at 80×24 and 120×36.

use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use backstep::engine::Phase;
use backstep::preset::TrainOverrides;
use backstep::preset::compare::{Vary, compare_runs};
use backstep::tui::Action;
use backstep::tui::app::{App, Mode, NewRun, session_for};
use backstep::tui::theme::Theme;
use backstep::tui::ui::train::RunState;
use ratatui::crossterm::event::KeyCode;

use crate::support::driver::{press, screen};

/// The compare screen on `preset` varying `vary`, `iters` iterations a run, paused at iteration
/// 0, its workers on threads whose actions arrive on the receiver.
fn paused(preset: &str, vary: &str, iters: usize) -> (App, Receiver<Action>) {
    let (app, rx, _) = paused_with(preset, Some(vary), iters);
    (app, rx)
}

/// The compare screen of `preset` (varying `vary`, else its `[compare]` section), paused after
/// each run's first message, its workers speaking the caller's language; and the values varied.
pub(crate) fn paused_with(
    preset: &str,
    vary: Option<&str>,
    iters: usize,
) -> (App, Receiver<Action>, Vec<String>) {
    let overrides = TrainOverrides {
        iters: Some(iters),
        ..TrainOverrides::default()
    };
    let vary = vary.map(|v| Vary::parse(v).unwrap());
    let (vary, runs) = compare_runs(preset, vary.as_ref(), &overrides).unwrap();
    let values = runs.iter().map(|r| r.value.clone()).collect();
    let mut app = App::new(runs[0].preset.clone()).unwrap();
    let n = runs.len();
    let new_runs = runs
        .into_iter()
        .map(|r| {
            let (session, view) = session_for(&r.preset).unwrap();
            NewRun {
                value: r.value,
                preset: r.preset,
                session,
                view,
            }
        })
        .collect();
    app.start_compare(vary.key.as_str(), new_runs, false);
    app.set_theme(Theme { colour: false });
    let (tx, rx) = mpsc::channel();
    let lang = backstep::i18n::current();
    while let Some(job) = app.take_training_job() {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let tx = Mutex::new(tx);
            backstep::i18n::scoped(lang, || {
                job.run(&|action| {
                    if let Ok(tx) = tx.lock() {
                        let _ = tx.send(action);
                    }
                });
            });
        });
    }
    // each worker's first message: where its run starts
    for _ in 0..n {
        let first = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("a first message");
        app.update(first);
    }
    (app, rx, values)
}

/// Feed the workers' actions to the App until `done` holds.
fn pump_until(app: &mut App, rx: &Receiver<Action>, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(app) {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "gave up waiting"
        );
        let action = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the workers answer");
        app.update(action);
    }
}

fn iterations(app: &App) -> Vec<usize> {
    app.compare()
        .unwrap()
        .runs
        .iter()
        .map(|r| r.view.iteration)
        .collect()
}

fn all_finished(app: &App) -> bool {
    app.compare()
        .unwrap()
        .runs
        .iter()
        .all(|r| r.view.state == RunState::Finished && r.view.final_eval.is_some())
}

#[test]
fn each_run_steps_with_the_trainers_numbers() {
    let (mut app, rx) = paused("train-digits", "optimizer=sgd,adam", 20);
    assert!(matches!(app.mode(), Mode::Compare));
    press(&mut app, KeyCode::Right);
    pump_until(&mut app, &rx, |a| iterations(a) == [1, 1]);
    // each run's first loss is the one `train` records with that optimizer
    for (value, optimizer) in [("sgd", "sgd"), ("adam", "adam")] {
        let o = crate::support::cli::backstep(&[
            "train",
            "--preset",
            "train-digits",
            "--iters",
            "1",
            "--optimizer",
            optimizer,
            "--format",
            "json",
        ]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let run = app
            .compare()
            .unwrap()
            .runs
            .iter()
            .find(|r| r.value == value)
            .unwrap();
        assert_eq!(
            run.view.losses.first().copied(),
            v["loss"][0].as_f64(),
            "{value}"
        );
    }
}

#[test]
fn the_runs_overlay_with_a_legend_and_a_glyph_each() {
    let (mut app, rx) = paused("lab-optimizers", "optimizer=sgd,momentum,adagrad,adam", 60);
    press(&mut app, KeyCode::Char(' '));
    pump_until(&mut app, &rx, all_finished);
    let small = screen(&app, 80, 24);
    insta::assert_snapshot!("compare_optimizers_80x24", small);
    let large = screen(&app, 120, 36);
    insta::assert_snapshot!("compare_optimizers_120x36", large);
    for value in ["sgd", "momentum", "adagrad", "adam"] {
        assert!(small.contains(value), "{value}: {small}");
    }
    // every run's glyph is on the charts, not only in the legend
    for glyph in ["●", "▲", "■", "◆"] {
        assert!(large.matches(glyph).count() > 3, "{glyph}: {large}");
    }
    assert!(large.contains("▸● sgd"), "the first run is picked: {large}");
}

#[test]
fn h_hides_the_picked_run_and_arrows_pick() {
    let (mut app, rx) = paused("lab-optimizers", "optimizer=sgd,adam", 40);
    press(&mut app, KeyCode::Char(' '));
    pump_until(&mut app, &rx, all_finished);
    let before = screen(&app, 120, 36);
    assert!(before.matches('▲').count() > 3, "{before}");
    press(&mut app, KeyCode::Down);
    assert_eq!(app.compare().unwrap().picked, 1);
    press(&mut app, KeyCode::Char('h'));
    assert!(!app.compare().unwrap().runs[1].shown);
    let hidden = screen(&app, 120, 36);
    assert_eq!(
        hidden.matches('▲').count(),
        1,
        "only the legend keeps ▲: {hidden}"
    );
    assert!(hidden.contains("(hidden)"), "{hidden}");
    press(&mut app, KeyCode::Char('h'));
    assert!(app.compare().unwrap().runs[1].shown);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.compare().unwrap().picked, 1, "↑ wraps around");
}

#[test]
fn enter_opens_the_picked_runs_next_iteration_and_esc_comes_back() {
    let (mut app, rx) = paused("train-digits", "lr=0.1,0.5", 10);
    press(&mut app, KeyCode::Right);
    pump_until(&mut app, &rx, |a| iterations(a) == [1, 1]);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    pump_until(&mut app, &rx, |a| matches!(a.mode(), Mode::Explore));
    // the explorer shows lr=0.5's iteration 1, at its update
    let step = app.current().unwrap();
    assert_eq!(step.phase, Phase::Update);
    let status = app.status().unwrap_or_default().to_string();
    assert!(status.starts_with("iteration 1"), "{status}");
    let lr = app.preset().training.as_ref().unwrap().config.optimizer.lr;
    assert_eq!(lr, 0.5);
    press(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.mode(), Mode::Compare),
        "Esc goes back to the compare screen"
    );
    assert!(app.compare_view().is_some());
}

#[test]
fn help_lists_the_compare_keys_first() {
    let (mut app, _rx) = paused("train-xor", "batch=10,80", 5);
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&app, 120, 36);
    assert!(help.contains("On the compare screen"), "{help}");
    assert!(
        help.contains("hide or show the picked run's curves"),
        "{help}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode(), Mode::Compare));
    press(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.mode(), Mode::Compare),
        "Esc never leaves the screen"
    );
    assert!(app.status().unwrap_or_default().contains("q quits"));
    let footer = screen(&app, 80, 24);
    assert!(footer.contains("q quits"), "{footer}");
}
