//! The search screen (`backstep search` on a terminal) driven as a user drives it: the engine's
//! search on its worker, its messages fed back as actions, key events through the keymap and
//! `App::update`; snapshots at 80×24 and 120×36 in English and Chinese.

use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use backstep::cli::search::validation_rows;
use backstep::engine::experiment::LogUniform;
use backstep::engine::search::{LR_RANGE, SearchSpec, Trial, WEIGHT_DECAY_RANGE};
use backstep::i18n::{Lang, scoped};
use backstep::preset::Preset;
use backstep::tui::Action;
use backstep::tui::app::{App, Mode, SearchRun};
use backstep::tui::keymap::Context;
use backstep::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

use crate::support::driver::{press, screen};

/// `trials` trials of `epochs` epochs of train-digits, the book's ranges.
fn spec(trials: usize, epochs: usize) -> SearchSpec {
    SearchSpec {
        trials,
        epochs,
        lr: LogUniform::between(LR_RANGE.0, LR_RANGE.1).unwrap(),
        weight_decay: LogUniform::between(WEIGHT_DECAY_RANGE.0, WEIGHT_DECAY_RANGE.1).unwrap(),
    }
}

/// The search screen on train-digits, its search not yet started.
fn opened(spec: SearchSpec) -> App {
    let preset = Preset::resolve("train-digits").unwrap();
    let rows = preset.training.as_ref().unwrap().data.train.rows();
    let mut app = App::new(preset.clone()).unwrap();
    app.set_theme(Theme { colour: false });
    app.start_search(&preset, spec, validation_rows(rows));
    app
}

/// Run the search on this thread and return every message it sent, in order.
fn messages(app: &mut App) -> Vec<Action> {
    let job = app.take_search_job().expect("a search to start");
    let sent = Mutex::new(Vec::new());
    job.run(&|action| sent.lock().unwrap().push(action));
    sent.into_inner().unwrap()
}

/// The search of 4 trials of 2 epochs, every message taken in.
fn finished() -> App {
    let mut app = opened(spec(4, 2));
    for action in messages(&mut app) {
        app.update(action);
    }
    app
}

fn ranked(app: &App) -> &[Trial] {
    &app.search().unwrap().ranked
}

/// The CLI's JSON of the same search.
fn cli_json() -> serde_json::Value {
    let o = crate::support::cli::backstep(&[
        "search", "--trials", "4", "--epochs", "2", "--format", "json",
    ]);
    assert!(o.status.success());
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn the_trials_arrive_ranked_as_the_headless_search_ranks_them() {
    let app = finished();
    let s = app.search().unwrap();
    assert_eq!(s.run, SearchRun::Finished);
    assert_eq!(s.epochs_done, 4 * 2, "every epoch of every trial reported");
    let v = cli_json();
    let cli = v["trials"].as_array().unwrap();
    assert_eq!(ranked(&app).len(), cli.len());
    for (t, c) in ranked(&app).iter().zip(cli) {
        assert!((t.lr / c["lr"].as_f64().unwrap() - 1.0).abs() < 1e-15);
        assert!((t.weight_decay / c["weight_decay"].as_f64().unwrap() - 1.0).abs() < 1e-15);
        assert!((t.final_val_acc - c["final_val_acc"].as_f64().unwrap()).abs() < 1e-15);
    }
    // the list shows them in that order, with the CLI's numbers
    let text = screen(&app, 120, 36);
    let mut at = 0;
    for (k, t) in ranked(&app).iter().enumerate() {
        let row = format!(
            "{:<4} {:.4}   {:.2e}  {:.2e}",
            k + 1,
            t.final_val_acc,
            t.lr,
            t.weight_decay
        );
        let found = text[at..]
            .find(&row)
            .unwrap_or_else(|| panic!("no {row:?} after the rows before it in\n{text}"));
        at += found + row.len();
    }
}

#[test]
fn up_and_down_pick_a_trial_and_the_pick_stays_with_it() {
    let mut app = finished();
    assert!(matches!(app.mode(), Mode::Search));
    let picked = |app: &App| app.search().unwrap().picked_rank();
    assert_eq!(picked(&app), Some(0), "the best at first");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(picked(&app), Some(2));
    let third = ranked(&app)[2].clone();
    let detail = screen(&app, 80, 24);
    assert!(
        detail.contains(&format!(
            "▸ Best-3 (trial {}) · lr {:.2e} · weight decay {:.2e}",
            third.index + 1,
            third.lr,
            third.weight_decay
        )),
        "{detail}"
    );
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(picked(&app), Some(3), "the last stays the last");
    press(&mut app, KeyCode::Up);
    assert_eq!(picked(&app), Some(2));
    press(&mut app, KeyCode::Home);
    assert_eq!(picked(&app), Some(0));
    press(&mut app, KeyCode::End);
    assert_eq!(picked(&app), Some(3));
    press(&mut app, KeyCode::PageUp);
    assert_eq!(picked(&app), Some(0));
}

#[test]
fn a_picked_trial_keeps_its_pick_when_better_ones_end() {
    let mut app = opened(spec(4, 2));
    let all = messages(&mut app);
    let trial_ends = |a: &Action| {
        matches!(a, Action::Search { message, .. }
            if matches!(message.0.as_ref(), backstep::tui::app::SearchUpdate::Event(
                backstep::engine::search::SearchEvent::Trial(_))))
    };
    let mut seen = 0;
    let mut picked_index = None;
    for action in all {
        let ends = trial_ends(&action);
        app.update(action);
        if ends {
            seen += 1;
            if seen == 2 {
                // the worse of the first two ended
                press(&mut app, KeyCode::Down);
                picked_index = Some(ranked(&app)[1].index);
            }
        }
    }
    let s = app.search().unwrap();
    let rank = s.picked_rank().unwrap();
    assert_eq!(Some(s.ranked[rank].index), picked_index);
}

#[test]
fn esc_cancels_a_running_search_and_keeps_the_trials_that_ended() {
    let mut app = opened(spec(40, 30));
    let job = app.take_search_job().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let tx = Mutex::new(tx);
        job.run(&|action| {
            let _ = tx.lock().unwrap().send(action);
        });
    });
    let pump = |app: &mut App, rx: &Receiver<Action>, done: &dyn Fn(&App) -> bool| {
        let start = Instant::now();
        while !done(app) {
            assert!(start.elapsed() < Duration::from_secs(60), "gave up waiting");
            let action = rx.recv_timeout(Duration::from_secs(30)).unwrap();
            app.update(action);
        }
    };
    pump(&mut app, &rx, &|a| a.search().unwrap().epochs_done > 0);
    let running = screen(&app, 80, 24);
    assert!(running.contains("▶ searching ·"), "{running}");
    assert!(running.contains("/40 trials ended"), "{running}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.search().unwrap().run, SearchRun::Cancelling);
    assert!(
        matches!(app.mode(), Mode::Search),
        "Esc stays on the screen"
    );
    let started = Instant::now();
    pump(&mut app, &rx, &|a| !a.search().unwrap().running());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the trials stop at their next iteration: {:?}",
        started.elapsed()
    );
    let s = app.search().unwrap();
    assert_eq!(s.run, SearchRun::Cancelled);
    assert_eq!(app.status(), None, "cancelling… gives way to the footer");
    assert!(s.ranked.len() < 40, "{} trials ended", s.ranked.len());
    let text = screen(&app, 80, 24);
    assert!(
        text.contains(&format!(
            "✗ cancelled · {} of 40 trials ended",
            s.ranked.len()
        )),
        "{text}"
    );
    // nothing more to cancel; q still quits
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains("nothing to cancel · q quits"));
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
}

#[test]
fn the_help_lists_the_search_keys_first_and_esc_comes_back() {
    let mut app = finished();
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.context(), Context::Help);
    let text = screen(&app, 120, 36);
    assert!(text.contains("On the search screen"), "{text}");
    assert!(text.contains("pick the trial above"), "{text}");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode(), Mode::Search));
    let footer = screen(&app, 80, 24);
    let last = footer.lines().last().unwrap();
    assert!(last.contains("↑/↓ pick"), "{last}");
    assert!(last.contains("Esc cancel"), "{last}");
}

/// 4 trials of 3 epochs with learning rates from 0.01 to 1, where the digits net learns in a
/// few epochs: curves that rise apart.
fn learning() -> App {
    let mut app = opened(SearchSpec {
        lr: LogUniform::between(1e-2, 1.0).unwrap(),
        ..spec(4, 3)
    });
    for action in messages(&mut app) {
        app.update(action);
    }
    app
}

#[test]
fn a_search_where_nothing_learned_says_on_screen_which_learning_rates_to_try() {
    for (lang, want) in [
        (
            Lang::En,
            "✓ finished · no trial beat guessing: try --lr 1e-3,1 (the preset's lr is 0.1)",
        ),
        (
            Lang::Zh,
            "✓ 已完成 · 没有试验比随便猜更好：试试 --lr 1e-3,1（预设的学习率是 0.1）",
        ),
    ] {
        scoped(lang, || {
            let mut app = opened(SearchSpec {
                lr: LogUniform::between(1e-6, 1e-5).unwrap(),
                ..spec(2, 1)
            });
            for action in messages(&mut app) {
                app.update(action);
            }
            // the whole sentence on the first line, not cut at 80 columns
            let shown = screen(&app, 80, 24);
            assert!(shown.lines().next().unwrap().contains(want), "{shown}");
        });
    }
    // a search where a trial learned ends as before
    let shown = screen(&learning(), 80, 24);
    let first = shown.lines().next().unwrap();
    assert!(
        first.contains("✓ finished · 4 trials of 3 epochs"),
        "{shown}"
    );
}

#[test]
fn snapshots_in_english_and_chinese() {
    for (lang, code) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
        scoped(lang, || {
            // opened in the language, as `--lang zh` opens it (the preset's title too)
            let app = learning();
            insta::assert_snapshot!(format!("search_digits_{code}_80x24"), screen(&app, 80, 24));
            insta::assert_snapshot!(
                format!("search_digits_{code}_120x36"),
                screen(&app, 120, 36)
            );
        });
    }
}

#[test]
fn progress_shows_before_any_trial_ends() {
    let mut app = opened(spec(4, 2));
    let all = messages(&mut app);
    // the first epoch reports, no trial has ended
    app.update(all[0].clone());
    let text = screen(&app, 80, 24);
    assert!(text.contains("0/4 trials ended · epoch 1/8"), "{text}");
    assert!(text.contains("no trial has ended yet"), "{text}");
    insta::assert_snapshot!("search_digits_progress_80x24", text);
}
