//! The one table of keys: key(s) → [`Action`] → help label.
//!
//! [`BINDINGS`] drives the key handler ([`action_for`]), the footer ([`footer`]) and the help
//! overlay, so the three never disagree. Prompts (editing a cell, typing a path) use the short
//! [`PROMPT_BINDINGS`] table and turn every other character into [`Action::Type`]. Keys kept free
//! for the learning aids (`u`, `Q`, `N`, `J`, `x`, `s`, `[`, `]`) are in their own help section.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// A key, as the table spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key code (`Char('n')`, `Right`, …).
    pub code: KeyCode,
    /// True for a Ctrl- chord.
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

impl Key {
    /// How the key is written in the footer and help: `→`, `Space`, `Ctrl-C`, `G`.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Right => "→".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{}", base.to_uppercase())
        } else {
            base
        }
    }

    /// True when `event` is this key. Shift is ignored for characters (`G` arrives as Shift+G).
    pub fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl != self.ctrl || event.modifiers.contains(KeyModifiers::ALT) {
            return false;
        }
        event.code == self.code
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys that trigger the action.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// The help overlay's description.
    pub help: &'static str,
    /// The footer's short label, when the binding is shown there.
    pub footer: Option<&'static str>,
    /// The help overlay's section.
    pub group: &'static str,
}

const STEP: &str = "Step through the tape";
const LOOK: &str = "Look closer";
const CHANGE: &str = "Change the numbers";
const AIDS: &str = "Learning aids";
const GENERAL: &str = "General";

/// Every key of the explorer outside prompts.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { keys: &[key(KeyCode::Right), ch(' '), ch('n')], action: Action::NextStep, help: "next step", footer: Some("step"), group: STEP },
    Binding { keys: &[key(KeyCode::Left), ch('p')], action: Action::PrevStep, help: "previous step", footer: None, group: STEP },
    Binding { keys: &[ch('g'), key(KeyCode::Home)], action: Action::FirstStep, help: "first step", footer: None, group: STEP },
    Binding { keys: &[ch('G'), key(KeyCode::End)], action: Action::LastStep, help: "last step", footer: None, group: STEP },
    Binding { keys: &[ch('f')], action: Action::ForwardStart, help: "jump to the start of the forward pass", footer: None, group: STEP },
    Binding { keys: &[ch('b')], action: Action::BackwardStart, help: "jump to the start of the backward pass", footer: Some("backward"), group: STEP },
    Binding { keys: &[key(KeyCode::Tab)], action: Action::FocusNext, help: "focus the next matrix pane", footer: Some("pane"), group: LOOK },
    Binding { keys: &[key(KeyCode::BackTab)], action: Action::FocusPrev, help: "focus the previous matrix pane", footer: None, group: LOOK },
    Binding { keys: &[ch('k'), key(KeyCode::Up)], action: Action::Up, help: "cell cursor up (lists: up)", footer: None, group: LOOK },
    Binding { keys: &[ch('j'), key(KeyCode::Down)], action: Action::Down, help: "cell cursor down (lists: down)", footer: None, group: LOOK },
    Binding { keys: &[ch('h')], action: Action::Left, help: "cell cursor left", footer: None, group: LOOK },
    Binding { keys: &[ch('l')], action: Action::Right, help: "cell cursor right", footer: Some("cell"), group: LOOK },
    Binding { keys: &[key(KeyCode::Enter)], action: Action::Confirm, help: "explain the selected cell (every term and its value)", footer: Some("explain"), group: LOOK },
    Binding { keys: &[ch('+'), ch('=')], action: Action::MoreDecimals, help: "one more decimal place", footer: None, group: LOOK },
    Binding { keys: &[ch('-')], action: Action::FewerDecimals, help: "one fewer decimal place", footer: None, group: LOOK },
    Binding { keys: &[ch('v')], action: Action::ToggleGraph, help: "graph view: the graph, or this layer as the book's figure; Tab picks an edge, Enter explains it", footer: Some("graph"), group: LOOK },
    Binding { keys: &[ch('c')], action: Action::Check, help: "gradient check: backprop vs numerical, and what each costs", footer: Some("check"), group: LOOK },
    Binding { keys: &[ch('e')], action: Action::Edit, help: "edit the selected cell of x, W, b, w, t or dout; everything is recomputed", footer: Some("edit"), group: CHANGE },
    Binding { keys: &[ch('P')], action: Action::OpenPicker, help: "pick a preset: built-in, a .toml here, or a typed path", footer: Some("presets"), group: CHANGE },
    Binding { keys: &[ch('u')], action: Action::Nudge, help: "nudge the selected cell of x, W, b, w or a forward output by h: actual change vs gradient × h", footer: Some("nudge"), group: AIDS },
    Binding { keys: &[ch('[')], action: Action::NudgeSmaller, help: "nudge: h ÷ 10 and rerun", footer: None, group: AIDS },
    Binding { keys: &[ch(']')], action: Action::NudgeLarger, help: "nudge: h × 10 and rerun (Esc clears the nudge)", footer: None, group: AIDS },
    Binding { keys: &[ch('Q')], action: Action::Quiz, help: "quiz mode: type a cell of each backward step before it is shown", footer: Some("quiz"), group: AIDS },
    Binding { keys: &[ch('s')], action: Action::ToggleShapes, help: "shape algebra on Affine steps: which product fits the shapes", footer: Some("shapes"), group: AIDS },
    Binding { keys: &[ch('J')], action: Action::Jacobian, help: "the Jacobian ∂out/∂x of this layer, and dout·J beside dx", footer: Some("Jacobian"), group: AIDS },
    Binding { keys: &[ch('N')], action: Action::ToggleNumpy, help: "show or hide the NumPy line of each step", footer: None, group: AIDS },
    Binding { keys: &[ch('x')], action: Action::Export, help: "write this step as Markdown to backstep-<preset>-step-<k>.md here", footer: Some("export"), group: AIDS },
    Binding { keys: &[ch('?')], action: Action::Help, help: "this help", footer: Some("help"), group: GENERAL },
    Binding { keys: &[key(KeyCode::Esc)], action: Action::Back, help: "close the popup, else clear the nudge, else quit", footer: None, group: GENERAL },
    Binding { keys: &[ch('q'), Key { code: KeyCode::Char('c'), ctrl: true, }], action: Action::Quit, help: "quit", footer: Some("quit"), group: GENERAL },
];

/// The keys of a prompt (editing a cell, typing a path); any other character is typed.
#[rustfmt::skip]
pub const PROMPT_BINDINGS: &[Binding] = &[
    Binding { keys: &[key(KeyCode::Enter)], action: Action::Confirm, help: "apply what you typed", footer: Some("apply"), group: "In a prompt" },
    Binding { keys: &[key(KeyCode::Esc)], action: Action::Back, help: "cancel", footer: Some("cancel"), group: "In a prompt" },
    Binding { keys: &[key(KeyCode::Backspace)], action: Action::Backspace, help: "delete a character", footer: None, group: "In a prompt" },
    Binding { keys: &[Key { code: KeyCode::Char('c'), ctrl: true, }], action: Action::Quit, help: "quit", footer: None, group: "In a prompt" },
];

/// The mouse, for the help overlay.
pub const MOUSE_HELP: &str = "click a cell: focus its pane and move the cursor there";

/// Which table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Stepping, popups and lists.
    Main,
    /// A text prompt.
    Prompt,
}

/// The table for a context.
pub fn table(context: Context) -> &'static [Binding] {
    match context {
        Context::Main => BINDINGS,
        Context::Prompt => PROMPT_BINDINGS,
    }
}

/// The action for a key press, if any.
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    let bound = table(context)
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action);
    match (bound, context, event.code) {
        (Some(action), _, _) => Some(action),
        (None, Context::Prompt, KeyCode::Char(c))
            if !event.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            Some(Action::Type(c))
        }
        _ => None,
    }
}

/// All keys of a binding, joined: `→ Space n`.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The footer's (key, label) pairs for a context: the first key of each footer binding.
pub fn footer(context: Context) -> Vec<(String, &'static str)> {
    let mut items: Vec<(String, &'static str)> = table(context)
        .iter()
        .filter_map(|b| {
            let first = b.keys.first()?;
            Some((first.label(), b.footer?))
        })
        .collect();
    if context == Context::Main {
        // Left and right belong together in the footer: `→/← step`.
        if let Some(item) = items.iter_mut().find(|(_, label)| *label == "step") {
            item.0 = "→/←".into();
        }
    }
    items
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_key_is_bound_once() {
        for context in [Context::Main, Context::Prompt] {
            let keys: Vec<Key> = table(context)
                .iter()
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(a), "{} is bound twice", a.label());
            }
        }
    }

    #[test]
    fn aid_keys_are_bound() {
        let cases = [
            ('u', Action::Nudge),
            ('[', Action::NudgeSmaller),
            (']', Action::NudgeLarger),
            ('Q', Action::Quiz),
            ('N', Action::ToggleNumpy),
            ('J', Action::Jacobian),
            ('x', Action::Export),
            ('s', Action::ToggleShapes),
        ];
        for (c, action) in cases {
            let modifiers = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            let event = press(KeyCode::Char(c), modifiers);
            assert_eq!(action_for(Context::Main, &event), Some(action), "{c}");
        }
        // Lower-case j and q keep their meaning.
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(Context::Main, &j), Some(Action::Down));
    }

    #[test]
    fn keys_map_to_actions() {
        let cases = [
            (KeyCode::Right, KeyModifiers::NONE, Some(Action::NextStep)),
            (
                KeyCode::Char(' '),
                KeyModifiers::NONE,
                Some(Action::NextStep),
            ),
            (
                KeyCode::Char('G'),
                KeyModifiers::SHIFT,
                Some(Action::LastStep),
            ),
            (
                KeyCode::BackTab,
                KeyModifiers::SHIFT,
                Some(Action::FocusPrev),
            ),
            (
                KeyCode::Char('c'),
                KeyModifiers::CONTROL,
                Some(Action::Quit),
            ),
            (KeyCode::Char('c'), KeyModifiers::NONE, Some(Action::Check)),
            (KeyCode::Char('z'), KeyModifiers::NONE, None),
        ];
        for (code, modifiers, expected) in cases {
            assert_eq!(
                action_for(Context::Main, &press(code, modifiers)),
                expected,
                "{code:?}"
            );
        }
        let typed = action_for(
            Context::Prompt,
            &press(KeyCode::Char('q'), KeyModifiers::NONE),
        );
        assert_eq!(typed, Some(Action::Type('q')));
        let quit = action_for(
            Context::Prompt,
            &press(KeyCode::Char('c'), KeyModifiers::CONTROL),
        );
        assert_eq!(quit, Some(Action::Quit));
    }

    #[test]
    fn footer_comes_from_the_table() {
        let items = footer(Context::Main);
        assert_eq!(items.first(), Some(&("→/←".to_string(), "step")));
        assert!(items.contains(&("?".to_string(), "help")));
        assert!(items.contains(&("q".to_string(), "quit")));
    }
}
