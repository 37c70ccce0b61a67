//! The explorer: a ratatui front end that steps through the tape of a preset.
//!
//! Data flows one way: terminal events become [`Action`]s (keys through the [`keymap`], clicks
//! and page moves resolved against the frame's layout), worker threads send theirs, only
//! [`App::update`] changes state, and the [`ui`] draws `&App` without touching it. This module
//! owns the terminal: it sets it up and restores it — on quit, on error, on panic, and on
//! SIGTERM and SIGHUP — and blocks on one channel that every source feeds, so an idle explorer
//! uses no CPU. It never computes maths itself.

pub mod action;
pub mod app;
pub mod keymap;
pub mod text;
pub mod theme;
pub mod training;
pub mod ui;

use std::sync::mpsc::{self, Sender};

use anyhow::{Context as _, Result};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

pub use action::Action;
pub use app::App;

use crate::preset::Preset;
use keymap::Context;

/// What wakes the event loop.
enum Message {
    /// A terminal event (key, mouse, resize).
    Terminal(Event),
    /// An action from a worker thread.
    Worker(Action),
    /// SIGTERM or SIGHUP (the number): restore the terminal and leave.
    Signal(i32),
    /// Reading the terminal failed.
    Failed(std::io::Error),
}

/// How the explorer or the training screen ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit: exit 0.
    Quit,
    /// SIGTERM or SIGHUP (the number) ended it, after the terminal was restored: exit with
    /// 128 + the signal (143, 129), as shells and process managers expect.
    Signal(i32),
}

/// Open the explorer on `preset` and run until the user quits (or a signal ends it).
pub fn run(preset: Preset) -> Result<Ended> {
    run_app(App::new(preset)?)
}

/// Open the training screen on `preset` (one with a `[train]` section), training at once, and run
/// until the user quits. `Enter` there opens an iteration in the explorer.
pub fn run_training(preset: Preset) -> Result<Ended> {
    let mut app = App::new(preset)?;
    let (session, view) = app::session_for(app.preset())?;
    app.start_training(app.preset().clone(), session, view, true);
    run_app(app)
}

/// Open the compare screen on `runs` of the setting `key` (each with a `[train]` section),
/// training at once, and run until the user quits. `Enter` there opens the picked run's next
/// iteration in the explorer.
pub fn run_compare(key: &str, runs: Vec<(String, Preset)>) -> Result<Ended> {
    let first = runs
        .first()
        .map(|(_, p)| p.clone())
        .ok_or_else(|| anyhow::anyhow!(crate::t!("cmpui-no-runs")))?;
    let mut app = App::new(first)?;
    let mut new_runs = Vec::with_capacity(runs.len());
    for (value, preset) in runs {
        let (session, view) = app::session_for(&preset)?;
        new_runs.push(app::NewRun {
            value,
            preset,
            session,
            view,
        });
    }
    app.start_compare(key, new_runs, true);
    run_app(app)
}

/// Open the search screen on `preset` (one with a `[train]` section), searching `spec` at once
/// on a worker thread, and run until the user quits; `validation` is the rows held out.
pub fn run_search(
    preset: Preset,
    spec: crate::engine::search::SearchSpec,
    validation: usize,
) -> Result<Ended> {
    let mut app = App::new(preset.clone())?;
    app.start_search(&preset, spec, validation);
    run_app(app)
}

/// Open the histogram screen on `preset` and its histograms (computed before the terminal is
/// touched), and run until the user leaves.
pub fn run_histogram(preset: Preset, view: app::HistogramView) -> Result<Ended> {
    let mut app = App::new(preset)?;
    app.open_histogram(view);
    run_app(app)
}

/// Set the terminal up, run `app` until it quits, and restore the terminal.
fn run_app(mut app: App) -> Result<Ended> {
    app.set_theme(theme::Theme::from_env());
    // Signals are caught before the terminal changes, so none can leave it changed.
    let mut signals =
        Signals::new([SIGTERM, SIGHUP]).context(crate::t!("views-terminal-signals"))?;
    let mut terminal = ratatui::try_init().context(crate::t!("views-terminal-setup"))?;
    // Mouse capture is ours to undo: after a panic too.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        hook(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let (tx, rx) = mpsc::channel();
    let signal_tx = tx.clone();
    let signal_handle = signals.handle();
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = signal_tx.send(Message::Signal(signal));
        }
    });
    let input_tx = tx.clone();
    std::thread::spawn(move || {
        loop {
            let message = match event::read() {
                Ok(event) => Message::Terminal(event),
                Err(e) => Message::Failed(e),
            };
            let failed = matches!(message, Message::Failed(_));
            if input_tx.send(message).is_err() || failed {
                break;
            }
        }
    });
    let result = event_loop(&mut terminal, &mut app, &rx, &tx);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    signal_handle.close();
    result
}

/// Draw, wait for one message, update; until the App says quit or a signal arrives.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    rx: &mpsc::Receiver<Message>,
    tx: &Sender<Message>,
) -> Result<Ended> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    while !app.should_quit() {
        // Jobs first: the training screen's worker starts before the loop waits for anything.
        while let Some(job) = app.take_training_job() {
            spawn_worker(tx, |send| job.run(send));
        }
        if let Some(job) = app.take_search_job() {
            spawn_worker(tx, |send| job.run(send));
        }
        // A preset file is read on a thread of its own: a slow or stuck read never stops the
        // loop (Esc stops waiting, q quits).
        if let Some(job) = app.take_load() {
            spawn_worker(tx, |send| job.run(send));
        }
        if let Some(job) = app.take_job() {
            spawn_worker(tx, |send| job.run(send));
        }
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        // Everything already waiting is taken in before the next frame, so a busy worker never
        // queues frames behind a key press.
        let mut message = Some(rx.recv());
        while let Some(received) = message {
            let action = match received {
                Ok(Message::Terminal(event)) => to_action(app, event),
                Ok(Message::Worker(action)) => Some(action),
                Ok(Message::Signal(signal)) => {
                    app.update(Action::Quit);
                    return Ok(Ended::Signal(signal));
                }
                Err(_) => Some(Action::Quit),
                Ok(Message::Failed(e)) => return Err(e).context(crate::t!("views-terminal-read")),
            };
            if let Some(action) = action {
                app.update(action);
            }
            message = rx.try_recv().ok().map(Ok);
        }
    }
    Ok(Ended::Quit)
}

/// Run the job `update` asked for, if any, on this thread, and feed its messages back: what the
/// event loop does on a worker thread, for tests and scripts.
pub fn finish_jobs(app: &mut App) {
    while let Some(job) = app.take_load() {
        let sent = std::sync::Mutex::new(Vec::new());
        job.run(&|action| {
            if let Ok(mut sent) = sent.lock() {
                sent.push(action);
            }
        });
        for action in sent.into_inner().unwrap_or_default() {
            app.update(action);
        }
    }
    while let Some(job) = app.take_job() {
        let sent = std::sync::Mutex::new(Vec::new());
        job.run(&|action| {
            if let Ok(mut sent) = sent.lock() {
                sent.push(action);
            }
        });
        for action in sent.into_inner().unwrap_or_default() {
            app.update(action);
        }
    }
}

/// The action for a terminal event, if any: key presses through the keymap, left clicks on a
/// cell, resizes. Page moves in the explorer are resolved against the focused pane's visible
/// rows, clicks against the pane under the pointer — the same layout the frame was drawn
/// with. Key releases and repeats are ignored.
pub fn to_action(app: &App, event: Event) -> Option<Action> {
    let explore = app.context() == Context::Explore;
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            match keymap::action_for(app.context(), &key)? {
                Action::PageUp if explore => Some(Action::MoveBy {
                    rows: -(ui::layout::page_rows(app) as isize),
                    cols: 0,
                }),
                Action::PageDown if explore => Some(Action::MoveBy {
                    rows: ui::layout::page_rows(app) as isize,
                    cols: 0,
                }),
                action => Some(action),
            }
        }
        Event::Mouse(mouse) if explore && mouse.kind == MouseEventKind::Down(MouseButton::Left) => {
            let (pane, row, col) = ui::layout::hit(app, mouse.column, mouse.row)?;
            Some(Action::SelectCell { pane, row, col })
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// Runs `work` on a thread of its own, its actions sent to the event loop as worker messages.
/// The channel's sender is not `Sync`; a mutex makes it shareable between the threads a job
/// starts (a check's, a search's trials).
fn spawn_worker(
    tx: &Sender<Message>,
    work: impl FnOnce(&(dyn Fn(Action) + Sync)) + Send + 'static,
) {
    let tx = std::sync::Mutex::new(tx.clone());
    std::thread::spawn(move || {
        work(&|action| {
            if let Ok(tx) = tx.lock() {
                let _ = tx.send(Message::Worker(action));
            }
        });
    });
}
