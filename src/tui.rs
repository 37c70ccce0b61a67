//! The explorer: a ratatui front end that steps through the tape of a preset.
//!
//! Data flows one way: terminal events become [`Action`]s through the [`keymap`], only
//! [`App::update`] changes state (calling the engine to rerun or check), and the [`ui`] draws
//! `&App` without touching it. This module owns the terminal: it sets it up and restores it
//! (also on error and panic) and blocks on events, so an idle explorer uses no CPU. It never
//! computes maths itself.

pub mod action;
pub mod app;
pub mod keymap;
pub mod theme;
pub mod training;
pub mod ui;

use anyhow::{Context, Result};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

pub use action::Action;
pub use app::App;

use crate::preset::Preset;

/// Open the explorer on `preset` and run until the user quits.
pub fn run(preset: Preset) -> Result<()> {
    let mut app = App::new(preset)?;
    app.theme = theme::Theme::from_env();
    let mut terminal =
        ratatui::try_init().context("cannot set up the terminal (is this a terminal?)")?;
    // Mouse capture is ours to undo: after a panic too.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        hook(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut app);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// Draw, wait for one event, update; until the App says quit.
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    while !app.should_quit() {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        if let Some(action) = to_action(app, event::read()?) {
            app.update(action);
        }
    }
    Ok(())
}

/// The action for a terminal event, if any: key presses through the keymap, left clicks,
/// resizes. Key releases and repeats are ignored.
pub fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            keymap::action_for(app.context(), &key)
        }
        Event::Mouse(mouse) if mouse.kind == MouseEventKind::Down(MouseButton::Left) => {
            Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            })
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}
