//! Shared by the explorer's integration tests: press keys as a user does and render a frame.

use backstep::tui::app::App;
use backstep::tui::{finish_jobs, to_action};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// Press one key: the event goes through the keymap to an action and `App::update`.
pub fn press(app: &mut App, code: KeyCode) {
    let modifiers = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        KeyCode::BackTab => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    if let Some(action) = to_action(app, Event::Key(KeyEvent::new(code, modifiers))) {
        app.update(action);
    }
    // A job the key started (the gradient check) runs to its end, as the event loop's worker
    // thread would run it.
    finish_jobs(app);
}

/// Type each character of `text` as a key press.
pub fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Render one frame of `width`×`height` and return it as text.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
    terminal.backend().to_string()
}

/// Click the left button at a terminal position: the event loop's path from a mouse event to an
/// action (the click resolved against the frame's layout).
#[allow(dead_code)]
pub fn click(app: &mut App, column: u16, row: u16) {
    let event = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
    if let Some(action) = to_action(app, event) {
        app.update(action);
    }
}
