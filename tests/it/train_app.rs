//! The training screen driven as a user drives it: key events through the keymap and
//! `App::update`, the real trainer on a worker thread, its messages fed back as actions.

use crate::support::driver;
use crate::support::words::{cut_characters, without_wide_notes};

use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use backstep::engine::Phase;
use backstep::i18n::{self, Lang};
use backstep::preset::Preset;
use backstep::t;
use backstep::tui::Action;
use backstep::tui::app::{App, Mode, session_for};
use backstep::tui::theme::Theme;
use backstep::tui::ui::train::RunState;
use driver::{press, screen};
use ratatui::crossterm::event::KeyCode;

/// Run the training job the App asked for on a thread; its actions arrive on the receiver.
fn spawn_job(app: &mut App) -> Receiver<Action> {
    let job = app.take_training_job().expect("a training job");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let tx = Mutex::new(tx);
        job.run(&|action| {
            if let Ok(tx) = tx.lock() {
                let _ = tx.send(action);
            }
        });
    });
    rx
}

/// Feed the worker's actions to the App until `done` holds.
pub(crate) fn pump_until(app: &mut App, rx: &Receiver<Action>, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(app) {
        assert!(start.elapsed() < Duration::from_secs(60), "gave up waiting");
        let action = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the worker answers");
        app.update(action);
    }
}

/// Take in whatever the worker already sent, then a little more time's worth.
fn settle(app: &mut App, rx: &Receiver<Action>) {
    while let Ok(action) = rx.recv_timeout(Duration::from_millis(200)) {
        app.update(action);
    }
}

fn iteration(app: &App) -> usize {
    app.training().expect("training").view.iteration
}

fn state(app: &App) -> RunState {
    app.training().expect("training").view.state.clone()
}

/// The training screen on a built-in, paused at iteration 0.
pub(crate) fn paused(name: &str) -> (App, Receiver<Action>) {
    let preset = Preset::builtin(name).unwrap();
    let mut app = App::new(preset.clone()).unwrap();
    let (session, view) = session_for(&preset).unwrap();
    app.start_training(preset, session, view, false);
    // five iterations in 20 ms: 250 it/s on average
    app.set_train_times(Duration::from_millis(20), 250.0);
    app.set_theme(Theme { colour: false });
    let rx = spawn_job(&mut app);
    // the worker's first message: where training starts, with the first picture
    let first = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("a first message");
    app.update(first);
    (app, rx)
}

#[test]
fn right_arrow_runs_one_iteration_with_the_trainers_numbers() {
    let (mut app, rx) = paused("train-xor");
    assert_eq!(app.context(), backstep::tui::keymap::Context::Train);
    for k in 1..=3 {
        press(&mut app, KeyCode::Right);
        pump_until(&mut app, &rx, |a| iteration(a) == k);
    }
    press(&mut app, KeyCode::Char('n'));
    pump_until(&mut app, &rx, |a| iteration(a) == 4);
    // the same four iterations run independently
    let mut trainer = Preset::builtin("train-xor").unwrap().trainer().unwrap();
    for _ in 0..4 {
        trainer.step().unwrap();
    }
    let view = &app.training().unwrap().view;
    assert_eq!(view.losses, trainer.losses());
    assert_eq!(view.epochs.len(), trainer.epochs().len());
    assert_eq!(view.epochs[0].train_acc, trainer.epochs()[0].train_acc);
    assert_eq!(view.state, RunState::Paused);
}

#[test]
fn space_runs_and_pauses() {
    let (mut app, rx) = paused("train-spiral");
    press(&mut app, KeyCode::Char(' '));
    pump_until(&mut app, &rx, |a| iteration(a) > 20);
    assert_eq!(state(&app), RunState::Running);
    press(&mut app, KeyCode::Char(' '));
    pump_until(&mut app, &rx, |a| state(a) == RunState::Paused);
    let stopped = iteration(&app);
    settle(&mut app, &rx);
    assert_eq!(iteration(&app), stopped, "a paused run does not move");
    assert!(
        rx.recv_timeout(Duration::from_millis(300)).is_err(),
        "a paused worker sends nothing"
    );
}

#[test]
fn lr_and_optimizer_keys_change_the_run() {
    let (mut app, rx) = paused("train-xor");
    assert_eq!(app.training().unwrap().view.lr, 0.5);
    press(&mut app, KeyCode::Char('+'));
    pump_until(&mut app, &rx, |a| a.training().unwrap().view.lr == 1.0);
    press(&mut app, KeyCode::Char('-'));
    press(&mut app, KeyCode::Char('-'));
    pump_until(&mut app, &rx, |a| a.training().unwrap().view.lr == 0.2);
    press(&mut app, KeyCode::Char('o'));
    pump_until(&mut app, &rx, |a| {
        a.training().unwrap().view.optimizer == "momentum"
    });
    assert_eq!(app.training().unwrap().view.lr, 0.01, "Momentum's book lr");
    press(&mut app, KeyCode::Right);
    pump_until(&mut app, &rx, |a| iteration(a) == 1);
    press(&mut app, KeyCode::Char('r'));
    pump_until(&mut app, &rx, |a| a.training().unwrap().view.seed == 1);
    assert_eq!(iteration(&app), 0);
    assert!(app.training().unwrap().view.losses.is_empty());
}

#[test]
fn enter_opens_the_iteration_at_its_update_and_esc_comes_back() {
    let (mut app, rx) = paused("train-xor");
    for k in 1..=2 {
        press(&mut app, KeyCode::Right);
        pump_until(&mut app, &rx, |a| iteration(a) == k);
    }
    press(&mut app, KeyCode::Enter);
    pump_until(&mut app, &rx, |a| matches!(a.mode(), Mode::Explore));
    let step = app.current().expect("a step");
    assert_eq!(step.phase, Phase::Update, "opens on the update phase");
    assert!(app.training().unwrap().showing_iteration());
    // its weights are the trainer's after two iterations, its batch every training row
    let mut trainer = Preset::builtin("train-xor").unwrap().trainer().unwrap();
    trainer.step().unwrap();
    trainer.step().unwrap();
    let (_, w1) = &trainer.params()[0];
    assert_eq!(app.preset().network.layers[0].layer.params()[0].1, *w1);
    assert_eq!(app.preset().inputs.x.nrows(), 80);
    // the tape holds forward, backward and update, and the explorer steps through it
    let phases: Vec<Phase> = app.run().tape.steps.iter().map(|s| s.phase).collect();
    assert!(phases.contains(&Phase::Forward) && phases.contains(&Phase::Backward));
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.current().unwrap().phase, Phase::Forward);
    let frame = screen(&app, 120, 36);
    assert!(frame.contains("Forward"), "{frame}");
    // Esc: back to training where it was
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode(), Mode::Train));
    assert_eq!(iteration(&app), 2);
    press(&mut app, KeyCode::Right);
    pump_until(&mut app, &rx, |a| iteration(a) == 3);
}

#[test]
fn t_opens_training_from_the_explorer_and_esc_goes_back() {
    let mut app = App::new(Preset::builtin("train-xor").unwrap()).unwrap();
    press(&mut app, KeyCode::Char('T'));
    assert!(matches!(app.mode(), Mode::Train));
    let rx = spawn_job(&mut app);
    pump_until(&mut app, &rx, |a| iteration(a) > 0);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode(), Mode::Explore));
    pump_until(&mut app, &rx, |a| state(a) != RunState::Running);
    let there = iteration(&app);
    press(&mut app, KeyCode::Char('T'));
    assert!(matches!(app.mode(), Mode::Train));
    assert!(
        app.take_training_job().is_none(),
        "the same run, not a new one"
    );
    assert_eq!(iteration(&app), there);
}

#[test]
fn t_on_a_preset_without_training_says_what_to_do() {
    let mut app = App::new(Preset::builtin("relu").unwrap()).unwrap();
    press(&mut app, KeyCode::Char('T'));
    match app.mode() {
        Mode::Error(message) => assert!(message.contains("[train]"), "{message}"),
        other => panic!("expected an error, got {other:?}"),
    }
    assert!(app.take_training_job().is_none());
}

#[test]
fn help_on_the_training_screen_lists_its_keys_first_and_esc_returns() {
    let (mut app, _rx) = paused("train-xor");
    press(&mut app, KeyCode::Char('?'));
    let frame = screen(&app, 120, 36);
    assert!(frame.contains("On the training screen"), "{frame}");
    assert!(frame.contains("run or pause training"), "{frame}");
    // `o` says whose learning rate SGD gets: train_neuralnet.py's 0.1, not the SGD class's 0.01
    for words in [
        "learning rate is SGD 0.1",
        "(train_neuralnet.py's; the SGD class's own",
        "default is 0.01), Momentum and AdaGrad",
    ] {
        assert!(frame.contains(words), "{words}: {frame}");
    }
    assert!(!frame.contains("book learning rate"), "{frame}");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode(), Mode::Train));
}

#[test]
fn snapshot_xor_after_five_iterations() {
    let (mut app, rx) = paused("train-xor");
    for k in 1..=5 {
        press(&mut app, KeyCode::Right);
        pump_until(&mut app, &rx, |a| iteration(a) == k);
    }
    insta::assert_snapshot!("train_xor_5_120x36", screen(&app, 120, 36));
    insta::assert_snapshot!("train_xor_5_80x24", screen(&app, 80, 24));
    // the same screen in Chinese and Japanese: the same numbers, no wide character cut
    for lang in [Lang::Zh, Lang::Ja] {
        let text = i18n::scoped(lang, || screen(&app, 80, 24));
        assert!(cut_characters(&text).is_empty(), "{text}");
        insta::assert_snapshot!(
            format!("train_xor_5_{}_80x24", lang.code()),
            without_wide_notes(&text)
        );
    }
}

#[test]
fn finished_the_screen_shows_train_jsons_final_labelled_with_its_iteration() {
    // 8 iterations of train-spiral, 3 per epoch: the last epoch is measured after iteration 6,
    // `final` after all 8
    let overrides = backstep::preset::TrainOverrides {
        iters: Some(8),
        ..Default::default()
    };
    let preset = Preset::resolve_with("train-spiral", &overrides).unwrap();
    let mut app = App::new(preset.clone()).unwrap();
    let (session, view) = session_for(&preset).unwrap();
    app.start_training(preset, session, view, false);
    app.set_train_times(Duration::from_millis(20), 400.0);
    app.set_theme(Theme { colour: false });
    let rx = spawn_job(&mut app);
    pump_until(&mut app, &rx, |a| {
        a.training().is_some_and(|t| t.view.iters == 8)
    });
    press(&mut app, KeyCode::Char(' '));
    pump_until(&mut app, &rx, |a| state(a) == RunState::Finished);

    let o = std::process::Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args([
            "train",
            "--preset",
            "train-spiral",
            "--iters",
            "8",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let last = &json["final"];
    let (train, test) = (
        last["train_acc"].as_f64().unwrap(),
        last["test_acc"].as_f64().unwrap(),
    );
    let epoch = json["epochs"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(epoch["iter"], 6);
    assert_ne!(
        (epoch["train_acc"].as_f64(), epoch["test_acc"].as_f64()),
        (Some(train), Some(test)),
        "the last epoch and final differ here, so the screen shows which it is"
    );
    let view = &app.training().unwrap().view;
    let shown = view.final_eval.expect("the final evaluation");
    assert_eq!((shown.train_acc, shown.test_acc), (train, Some(test)));
    assert_eq!(shown.loss, last["loss"].as_f64());

    let pct = |v: f64| format!("{:5.1} %", v * 100.0);
    let frame = screen(&app, 120, 36);
    let words = format!(
        "final after 8 iterations · train {} · test {}",
        pct(train),
        pct(test)
    );
    assert!(
        frame.contains(&words),
        "{words} in the chart's title: {frame}"
    );
    assert!(
        frame.contains(&format!("final after 8 iterations train {}", pct(train))),
        "and on the status line: {frame}"
    );
    // at 80×24 the chart's title still says it is the final one, at which iteration
    let small = screen(&app, 80, 24);
    assert!(
        small.contains(&format!("final@8 train {:.1} %", train * 100.0)),
        "{small}"
    );
}

#[test]
fn brackets_slow_training_down_to_watch_it_and_back_to_full_speed() {
    let (mut app, rx) = paused("train-spiral");
    let frame = screen(&app, 120, 36);
    assert!(
        frame.contains("] speed"),
        "the footer names the key: {frame}"
    );
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('['));
    }
    assert_eq!(app.training().unwrap().view.speed, Some(1.0));
    let frame = screen(&app, 120, 36);
    assert!(
        frame.contains("speed: 1 it/s at most · [ slower · ] faster"),
        "{frame}"
    );
    assert!(
        frame.contains("(max 1)"),
        "the status line says the limit: {frame}"
    );
    press(&mut app, KeyCode::Char(' '));
    pump_until(&mut app, &rx, |a| iteration(a) >= 1);
    std::thread::sleep(Duration::from_millis(1_200));
    settle(&mut app, &rx);
    // one a second: about two in 1.4 s (thousands at full speed)
    assert!(iteration(&app) <= 3, "{} iterations", iteration(&app));
    // ] four times: full speed, and it runs away
    for _ in 0..4 {
        press(&mut app, KeyCode::Char(']'));
    }
    assert_eq!(app.training().unwrap().view.speed, None);
    pump_until(&mut app, &rx, |a| iteration(a) > 200);
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&app, 120, 36);
    assert!(
        help.contains("slower, to watch the boundary form"),
        "{help}"
    );
}

/// The two status rows of a drawn screen, without the backend's quotes.
fn status_rows(frame: &str) -> (String, String) {
    let rows: Vec<String> = without_wide_notes(frame)
        .lines()
        .take(2)
        .map(|l| l.trim_matches('"').trim_end().to_string())
        .collect();
    (rows[0].clone(), rows[1].clone())
}

/// The state, the iteration, the loss and the accuracies are whole on both status rows, and a
/// row that lost anything else says so with `…` — in the language of this thread.
fn assert_status_whole(app: &App, width: u16, height: u16) {
    let view = &app.training().unwrap().view;
    let frame = screen(app, width, height);
    assert!(cut_characters(&frame).is_empty(), "{frame}");
    let (first, second) = status_rows(&frame);
    let badge = match view.state {
        RunState::Running => t!("train-state-running"),
        RunState::Paused => t!("train-state-paused"),
        RunState::Finished => t!("train-state-finished"),
        RunState::Failed(_) => t!("train-state-failed"),
    };
    let iteration = t!(
        "train-iteration",
        i = view.iteration.to_string(),
        n = view.iters.to_string()
    );
    assert!(
        first.starts_with(&format!(" {badge}  {iteration}")),
        "{first}"
    );
    let whole_first = format!("{} ({})", view.title, view.preset);
    assert!(
        first.ends_with(&whole_first) || first.ends_with('…'),
        "{width}×{height}: the first row shows all or ends with …: {first}"
    );
    let pct = |v: f64| format!("{:5.1} %", v * 100.0);
    let loss = t!(
        "train-loss",
        loss = format!("{:.4}", view.losses.last().unwrap())
    );
    assert!(second.contains(&loss), "{width}×{height}: {second}");
    let (train, test) = match (&view.final_eval, view.epochs.last()) {
        (Some(f), _) => (
            format!(
                "{} {}",
                f.label(),
                t!("train-acc-train", acc = pct(f.train_acc))
            ),
            f.test_acc.unwrap(),
        ),
        (None, Some(e)) => (
            t!("train-acc-train", acc = pct(e.train_acc)),
            e.test_acc.unwrap(),
        ),
        (None, None) => panic!("no accuracy yet"),
    };
    let accuracies = format!("{train}  {}", t!("train-acc-test", acc = pct(test)));
    assert!(
        second.ends_with(&accuracies),
        "{width}×{height}: the accuracies whole at the end: {second}"
    );
    let data = t!(
        "train-data",
        data = view.data.as_str(),
        train = view.train_rows.to_string(),
        test = view.test_rows.to_string()
    );
    assert!(
        second.contains(&data) || second.contains(" …"),
        "{width}×{height}: the second row shows the data set or marks a cut: {second}"
    );
    assert!(
        !first.contains(" …") || !first.contains(&view.preset),
        "fields after a cut are gone: {first}"
    );
}

/// [`assert_status_whole`] in English at both sizes, and in 中文 and 日本語 at 80×24, where
/// every field is wider.
fn assert_status_whole_in_every_language(app: &App) {
    assert_status_whole(app, 80, 24);
    assert_status_whole(app, 120, 36);
    for lang in [Lang::Zh, Lang::Ja] {
        i18n::scoped(lang, || assert_status_whole(app, 80, 24));
    }
}

#[test]
fn the_status_rows_keep_state_iteration_loss_and_accuracies_whole_at_80x24_and_120x36() {
    for name in ["train-spiral", "train-xor"] {
        // 8 iterations, an epoch measured on the way, then paused, running and finished
        let overrides = backstep::preset::TrainOverrides {
            iters: Some(8),
            ..Default::default()
        };
        let preset = Preset::resolve_with(name, &overrides).unwrap();
        let mut app = App::new(preset.clone()).unwrap();
        let (session, view) = session_for(&preset).unwrap();
        app.start_training(preset, session, view, false);
        app.set_train_times(Duration::from_millis(20), 400.0);
        app.set_theme(Theme { colour: false });
        let rx = spawn_job(&mut app);
        pump_until(&mut app, &rx, |a| {
            a.training().is_some_and(|t| t.view.iters == 8)
        });
        for k in 1..=6 {
            press(&mut app, KeyCode::Right);
            pump_until(&mut app, &rx, |a| iteration(a) == k);
        }
        assert_eq!(state(&app), RunState::Paused);
        assert!(!app.training().unwrap().view.epochs.is_empty(), "{name}");
        assert_status_whole_in_every_language(&app);
        // running, as drawn once the worker says it runs
        press(&mut app, KeyCode::Char(' '));
        pump_until(&mut app, &rx, |a| state(a) != RunState::Paused);
        assert_eq!(state(&app), RunState::Running, "{name}");
        assert_status_whole_in_every_language(&app);
        pump_until(&mut app, &rx, |a| state(a) == RunState::Finished);
        assert_status_whole_in_every_language(&app);
        let (first, second) = status_rows(&screen(&app, 80, 24));
        assert!(
            second.contains("final after 8 iterations train"),
            "{second}"
        );
        assert!(first.contains("■ finished  iteration 8/8"), "{first}");
        // the same rows in Chinese and Japanese, the book's words
        let rows_in = |lang| i18n::scoped(lang, || status_rows(&screen(&app, 80, 24)));
        let (first, second) = rows_in(Lang::Zh);
        assert!(first.starts_with(" ■ 已完成  迭代 8/8"), "{first}");
        assert!(second.contains("8 次迭代后的最终结果 训练"), "{second}");
        let (first, second) = rows_in(Lang::Ja);
        assert!(first.starts_with(" ■ 完了  イテレーション 8/8"), "{first}");
        assert!(
            second.contains("8 イテレーション後の最終結果 訓練"),
            "{second}"
        );
    }
}
