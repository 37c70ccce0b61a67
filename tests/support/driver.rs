//! Shared by the explorer's integration tests: press keys as a user does and render a frame.

use backstep::tui::app::App;
use backstep::tui::to_action;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

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
