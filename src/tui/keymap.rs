//! The one table of keys: context → key(s) → [`Action`] → help label.
//!
//! Every screen (the explorer, each popup, a prompt) is a [`Context`]; [`BINDINGS`] lists, per
//! context, which keys do what. The same rows drive the key handler ([`action_for`]), the
//! footer ([`footer`]), the hint line inside each popup ([`hint`]), key names in messages
//! ([`key_for`]) and the help overlay (`keymap::help`), so they never disagree. In a text
//! prompt every character not in the table becomes [`Action::Type`].

pub mod help;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::{i18n, t};

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
            KeyCode::PageUp => "PageUp".into(),
            KeyCode::PageDown => "PageDown".into(),
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

/// Which screen a key is pressed on: each has its own rows in [`BINDINGS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Stepping through the tape.
    Explore,
    /// A quiz question is open: characters are typed into the answer.
    Quiz,
    /// Editing a cell or typing a path: characters are typed.
    Prompt,
    /// The preset picker.
    Picker,
    /// The help overlay.
    Help,
    /// The gradient check's report.
    Check,
    /// A gradient check is running.
    Checking,
    /// The Jacobian view.
    Jacobian,
    /// A cell's explanation, a quiz answer or an error: read, then close.
    Note,
    /// The training screen.
    Train,
    /// The histogram screen.
    Histogram,
    /// The compare screen: every run of a comparison.
    Compare,
    /// The search screen: the trials of a hyperparameter search.
    Search,
}

impl Context {
    /// Every context, in the order the help lists them.
    pub const ALL: [Context; 13] = [
        Context::Explore,
        Context::Train,
        Context::Compare,
        Context::Search,
        Context::Histogram,
        Context::Quiz,
        Context::Prompt,
        Context::Picker,
        Context::Check,
        Context::Checking,
        Context::Jacobian,
        Context::Help,
        Context::Note,
    ];

    /// The help overlay's heading for this context's keys, in the learner's language.
    pub fn title(self) -> String {
        match self {
            Context::Explore => t!("keys-context-explore"),
            Context::Quiz => t!("keys-context-quiz"),
            Context::Prompt => t!("keys-context-prompt"),
            Context::Picker => t!("keys-context-picker"),
            Context::Help => t!("keys-context-help"),
            Context::Check => t!("keys-context-check"),
            Context::Checking => t!("keys-context-checking"),
            Context::Jacobian => t!("keys-context-jacobian"),
            Context::Note => t!("keys-context-note"),
            Context::Train => t!("keys-context-train"),
            Context::Histogram => t!("keys-context-histogram"),
            Context::Compare => t!("keys-context-compare"),
            Context::Search => t!("keys-context-search"),
        }
    }

    /// True when characters not in the table are typed into a text field.
    pub fn types_text(self) -> bool {
        matches!(self, Context::Quiz | Context::Prompt)
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The screen it applies to.
    pub context: Context,
    /// The keys that trigger the action.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// The help overlay's description: a message id (`keys-explore-next-step`).
    pub help: &'static str,
    /// The footer's (and popup hint's) short label, when the binding is shown there: a message
    /// id (`keys-short-step`). Rows with the same label share one entry: `→/← step`.
    pub footer: Option<&'static str>,
    /// The help overlay's section (within the explorer): a message id, empty for a popup.
    pub group: &'static str,
}

impl Binding {
    /// The help overlay's description in the learner's language.
    pub fn help_text(&self) -> String {
        i18n::render(self.help, &[])
    }

    /// The footer's short label in the learner's language, when the binding has one.
    pub fn footer_text(&self) -> Option<String> {
        self.footer.map(|id| i18n::render(id, &[]))
    }

    /// The help overlay's section heading in the learner's language.
    pub fn group_text(&self) -> String {
        i18n::render(self.group, &[])
    }
}

const STEP: &str = "keys-group-step";
const LOOK: &str = "keys-group-look";
const MOVE: &str = "keys-group-move";
const CHANGE: &str = "keys-group-change";
const AIDS: &str = "keys-group-aids";
const GENERAL: &str = "keys-group-general";
const POPUP: &str = "";

const ESC: Key = key(KeyCode::Esc);
const ENTER: Key = key(KeyCode::Enter);
const UP: Key = key(KeyCode::Up);
const DOWN: Key = key(KeyCode::Down);
const LEFT: Key = key(KeyCode::Left);
const RIGHT: Key = key(KeyCode::Right);
const PAGE_UP: Key = key(KeyCode::PageUp);
const PAGE_DOWN: Key = key(KeyCode::PageDown);
const CTRL_C: Key = Key {
    code: KeyCode::Char('c'),
    ctrl: true,
};

use Context::{
    Check, Checking, Compare, Explore, Help, Histogram, Jacobian, Note, Picker, Prompt, Quiz,
    Search, Train,
};

macro_rules! bind {
    ($context:expr, [$($k:expr),*], $action:expr, $help:expr, $footer:expr, $group:expr) => {
        Binding { context: $context, keys: &[$($k),*], action: $action, help: $help, footer: $footer, group: $group }
    };
}

/// Every key of every screen.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind!(Explore, [RIGHT, ch(' '), ch('n')], Action::NextStep, "keys-explore-next-step", Some("keys-short-step"), STEP),
    bind!(Explore, [LEFT, ch('p')], Action::PrevStep, "keys-explore-prev-step", Some("keys-short-step"), STEP),
    bind!(Explore, [ch('g'), key(KeyCode::Home)], Action::FirstStep, "keys-explore-first-step", None, STEP),
    bind!(Explore, [ch('G'), key(KeyCode::End)], Action::LastStep, "keys-explore-last-step", None, STEP),
    bind!(Explore, [ch('f')], Action::ForwardStart, "keys-explore-forward-start", None, STEP),
    bind!(Explore, [ch('b')], Action::BackwardStart, "keys-explore-backward-start", Some("keys-short-backward"), STEP),
    bind!(Explore, [key(KeyCode::Tab)], Action::FocusNext, "keys-explore-focus-next", Some("keys-short-pane"), LOOK),
    bind!(Explore, [key(KeyCode::BackTab)], Action::FocusPrev, "keys-explore-focus-prev", None, LOOK),
    bind!(Explore, [ch('k'), UP], Action::Up, "keys-explore-up", None, LOOK),
    bind!(Explore, [ch('j'), DOWN], Action::Down, "keys-explore-down", None, LOOK),
    bind!(Explore, [ch('h')], Action::Left, "keys-explore-left", None, LOOK),
    bind!(Explore, [ch('l')], Action::Right, "keys-explore-right", Some("keys-short-cell"), LOOK),
    bind!(Explore, [ENTER], Action::Confirm, "keys-explore-confirm", Some("keys-short-explain"), LOOK),
    bind!(Explore, [ch('+'), ch('=')], Action::MoreDecimals, "keys-explore-more-decimals", None, LOOK),
    bind!(Explore, [ch('-')], Action::FewerDecimals, "keys-explore-fewer-decimals", None, LOOK),
    bind!(Explore, [ch('v')], Action::ToggleGraph, "keys-explore-toggle-graph", Some("keys-short-graph"), LOOK),
    bind!(Explore, [ch('c')], Action::Check, "keys-explore-check", Some("keys-short-check"), LOOK),
    bind!(Explore, [PAGE_UP], Action::PageUp, "keys-explore-page-up", None, MOVE),
    bind!(Explore, [PAGE_DOWN], Action::PageDown, "keys-explore-page-down", None, MOVE),
    bind!(Explore, [ch('0')], Action::RowStart, "keys-explore-row-start", None, MOVE),
    bind!(Explore, [ch('$')], Action::RowEnd, "keys-explore-row-end", None, MOVE),
    bind!(Explore, [ch('e')], Action::Edit, "keys-explore-edit", Some("keys-short-edit"), CHANGE),
    bind!(Explore, [ch('P')], Action::OpenPicker, "keys-explore-open-picker", Some("keys-short-presets"), CHANGE),
    bind!(Explore, [ch('u')], Action::Nudge, "keys-explore-nudge", Some("keys-short-nudge"), AIDS),
    bind!(Explore, [ch('[')], Action::NudgeSmaller, "keys-explore-nudge-smaller", None, AIDS),
    bind!(Explore, [ch(']')], Action::NudgeLarger, "keys-explore-nudge-larger", None, AIDS),
    bind!(Explore, [ch('Q')], Action::Quiz, "keys-explore-quiz", Some("keys-short-quiz"), AIDS),
    bind!(Explore, [ch('s')], Action::ToggleShapes, "keys-explore-toggle-shapes", Some("keys-short-shapes"), AIDS),
    bind!(Explore, [ch('J')], Action::Jacobian, "keys-explore-jacobian", Some("keys-short-jacobian"), AIDS),
    bind!(Explore, [ch('N')], Action::ToggleNumpy, "keys-explore-toggle-numpy", None, AIDS),
    bind!(Explore, [ch('T')], Action::OpenTraining, "keys-explore-open-training", None, AIDS),
    bind!(Explore, [ch('x')], Action::Export, "keys-explore-export", Some("keys-short-export"), AIDS),
    bind!(Explore, [ch('?')], Action::Help, "keys-any-help", Some("keys-short-help"), GENERAL),
    bind!(Explore, [ESC], Action::Back, "keys-explore-back", None, GENERAL),
    bind!(Explore, [ch('q'), CTRL_C], Action::Quit, "keys-any-quit", Some("keys-short-quit"), GENERAL),

    bind!(Train, [ch(' ')], Action::RunPause, "keys-train-run-pause", Some("keys-short-run-pause"), POPUP),
    bind!(Train, [RIGHT, ch('n')], Action::OneIteration, "keys-train-one-iteration", Some("keys-short-step"), POPUP),
    bind!(Train, [ch('+'), ch('=')], Action::LrUp, "keys-train-lr-up", Some("keys-short-lr"), POPUP),
    bind!(Train, [ch('-')], Action::LrDown, "keys-train-lr-down", Some("keys-short-lr"), POPUP),
    bind!(Train, [ch('[')], Action::Slower, "keys-train-slower", None, POPUP),
    bind!(Train, [ch(']')], Action::Faster, "keys-train-faster", Some("keys-short-speed"), POPUP),
    bind!(Train, [ch('o')], Action::NextOptimizer, "keys-train-next-optimizer", Some("keys-short-optimizer"), POPUP),
    bind!(Train, [ch('r')], Action::Restart, "keys-train-restart", Some("keys-short-restart"), POPUP),
    bind!(Train, [ch('v')], Action::ToggleGraph, "keys-train-conv-view", None, POPUP),
    bind!(Train, [key(KeyCode::Tab)], Action::FocusNext, "keys-train-next-image", None, POPUP),
    bind!(Train, [key(KeyCode::BackTab)], Action::FocusPrev, "keys-train-prev-image", None, POPUP),
    bind!(Train, [ENTER], Action::Confirm, "keys-train-confirm", Some("keys-short-explore"), POPUP),
    bind!(Train, [ch('?')], Action::Help, "keys-any-help", Some("keys-short-help"), POPUP),
    bind!(Train, [ESC, ch('T')], Action::Back, "keys-train-back", None, POPUP),
    bind!(Train, [ch('q'), CTRL_C], Action::Quit, "keys-any-quit", Some("keys-short-quit"), POPUP),

    bind!(Compare, [ch(' ')], Action::RunPause, "keys-compare-run-pause", Some("keys-short-run-pause"), POPUP),
    bind!(Compare, [RIGHT, ch('n')], Action::OneIteration, "keys-compare-one-iteration", Some("keys-short-step"), POPUP),
    bind!(Compare, [ch('[')], Action::Slower, "keys-compare-slower", None, POPUP),
    bind!(Compare, [ch(']')], Action::Faster, "keys-compare-faster", Some("keys-short-speed"), POPUP),
    bind!(Compare, [UP, ch('k')], Action::Up, "keys-compare-up", Some("keys-short-pick"), POPUP),
    bind!(Compare, [DOWN, ch('j')], Action::Down, "keys-compare-down", Some("keys-short-pick"), POPUP),
    bind!(Compare, [ch('h')], Action::ToggleRun, "keys-compare-toggle-run", Some("keys-short-hide"), POPUP),
    bind!(Compare, [ch('r')], Action::Restart, "keys-compare-restart", Some("keys-short-restart"), POPUP),
    bind!(Compare, [ENTER], Action::Confirm, "keys-compare-confirm", Some("keys-short-explore"), POPUP),
    bind!(Compare, [ch('?')], Action::Help, "keys-any-help", Some("keys-short-help"), POPUP),
    bind!(Compare, [ESC], Action::Back, "keys-compare-back", None, POPUP),
    bind!(Compare, [ch('q'), CTRL_C], Action::Quit, "keys-any-quit", Some("keys-short-quit"), POPUP),

    bind!(Search, [UP, ch('k')], Action::Up, "keys-search-up", Some("keys-short-pick"), POPUP),
    bind!(Search, [DOWN, ch('j')], Action::Down, "keys-search-down", Some("keys-short-pick"), POPUP),
    bind!(Search, [PAGE_UP], Action::PageUp, "keys-search-page-up", None, POPUP),
    bind!(Search, [PAGE_DOWN], Action::PageDown, "keys-search-page-down", None, POPUP),
    bind!(Search, [key(KeyCode::Home), ch('g')], Action::FirstStep, "keys-search-first", None, POPUP),
    bind!(Search, [key(KeyCode::End), ch('G')], Action::LastStep, "keys-search-last", None, POPUP),
    bind!(Search, [ESC], Action::Back, "keys-search-back", Some("keys-short-cancel"), POPUP),
    bind!(Search, [ch('?')], Action::Help, "keys-any-help", Some("keys-short-help"), POPUP),
    bind!(Search, [ch('q'), CTRL_C], Action::Quit, "keys-any-quit", Some("keys-short-quit"), POPUP),

    bind!(Histogram, [ch('i')], Action::NextInit, "keys-histogram-next-init", Some("keys-short-init"), POPUP),
    bind!(Histogram, [ch('?')], Action::Help, "keys-any-help", Some("keys-short-help"), POPUP),
    bind!(Histogram, [ESC], Action::Back, "keys-histogram-back", Some("keys-short-leave"), POPUP),
    bind!(Histogram, [ch('q'), CTRL_C], Action::Quit, "keys-any-quit", Some("keys-short-quit"), POPUP),

    bind!(Quiz, [ENTER], Action::Confirm, "keys-quiz-confirm", Some("keys-short-answer"), POPUP),
    bind!(Quiz, [ESC], Action::Back, "keys-quiz-back", Some("keys-short-skip"), POPUP),
    bind!(Quiz, [key(KeyCode::Backspace)], Action::Backspace, "keys-any-backspace", None, POPUP),
    bind!(Quiz, [CTRL_C], Action::Quit, "keys-any-quit", None, POPUP),

    bind!(Prompt, [ENTER], Action::Confirm, "keys-prompt-confirm", Some("keys-short-apply"), POPUP),
    bind!(Prompt, [ESC], Action::Back, "keys-prompt-back", Some("keys-short-cancel"), POPUP),
    bind!(Prompt, [key(KeyCode::Backspace)], Action::Backspace, "keys-any-backspace", None, POPUP),
    bind!(Prompt, [CTRL_C], Action::Quit, "keys-any-quit", None, POPUP),

    bind!(Picker, [UP, ch('k')], Action::Up, "keys-picker-up", Some("keys-short-choose"), POPUP),
    bind!(Picker, [DOWN, ch('j')], Action::Down, "keys-picker-down", Some("keys-short-choose"), POPUP),
    bind!(Picker, [PAGE_UP], Action::PageUp, "keys-any-page-up", None, POPUP),
    bind!(Picker, [PAGE_DOWN], Action::PageDown, "keys-any-page-down", None, POPUP),
    bind!(Picker, [key(KeyCode::Home), ch('g')], Action::FirstStep, "keys-picker-first-step", Some("keys-short-first-last"), POPUP),
    bind!(Picker, [key(KeyCode::End), ch('G')], Action::LastStep, "keys-picker-last-step", Some("keys-short-first-last"), POPUP),
    bind!(Picker, [ENTER], Action::Confirm, "keys-picker-confirm", Some("keys-short-load"), POPUP),
    bind!(Picker, [ESC, ch('P')], Action::Back, "keys-picker-back", Some("keys-short-cancel"), POPUP),
    bind!(Picker, [ch('q'), CTRL_C], Action::Quit, "keys-any-quit", None, POPUP),

    bind!(Check, [key(KeyCode::Tab)], Action::FocusNext, "keys-check-focus-next", Some("keys-short-tensor"), POPUP),
    bind!(Check, [key(KeyCode::BackTab)], Action::FocusPrev, "keys-check-focus-prev", None, POPUP),
    bind!(Check, [UP, ch('k')], Action::Up, "keys-check-up", Some("keys-short-cell"), POPUP),
    bind!(Check, [DOWN, ch('j')], Action::Down, "keys-check-down", Some("keys-short-cell"), POPUP),
    bind!(Check, [LEFT, ch('h')], Action::Left, "keys-check-left", Some("keys-short-cell"), POPUP),
    bind!(Check, [RIGHT, ch('l')], Action::Right, "keys-check-right", Some("keys-short-cell"), POPUP),
    bind!(Check, [PAGE_UP], Action::PageUp, "keys-check-page-up", None, POPUP),
    bind!(Check, [PAGE_DOWN], Action::PageDown, "keys-check-page-down", None, POPUP),
    bind!(Check, [ch('n')], Action::NextOverTolerance, "keys-check-next-over-tolerance", Some("keys-short-next-over"), POPUP),
    bind!(Check, [ch('[')], Action::NudgeSmaller, "keys-check-nudge-smaller", Some("keys-short-h"), POPUP),
    bind!(Check, [ch(']')], Action::NudgeLarger, "keys-check-nudge-larger", Some("keys-short-h"), POPUP),
    bind!(Check, [ENTER], Action::Confirm, "keys-check-confirm", Some("keys-short-notes"), POPUP),
    bind!(Check, [ESC, ch('c')], Action::Back, "keys-check-back", Some("keys-short-close"), POPUP),
    bind!(Check, [ch('q'), CTRL_C], Action::Quit, "keys-any-quit", None, POPUP),

    bind!(Checking, [ESC, ch('c')], Action::Back, "keys-checking-back", Some("keys-short-cancel"), POPUP),
    bind!(Checking, [ch('q'), CTRL_C], Action::Quit, "keys-any-quit", None, POPUP),

    bind!(Jacobian, [UP, ch('k')], Action::Up, "keys-jacobian-up", Some("keys-short-scroll"), POPUP),
    bind!(Jacobian, [DOWN, ch('j')], Action::Down, "keys-jacobian-down", Some("keys-short-scroll"), POPUP),
    bind!(Jacobian, [LEFT, ch('h')], Action::Left, "keys-jacobian-left", Some("keys-short-scroll"), POPUP),
    bind!(Jacobian, [RIGHT, ch('l')], Action::Right, "keys-jacobian-right", Some("keys-short-scroll"), POPUP),
    bind!(Jacobian, [PAGE_DOWN], Action::PageDown, "keys-jacobian-page-down", Some("keys-short-block"), POPUP),
    bind!(Jacobian, [PAGE_UP], Action::PageUp, "keys-jacobian-page-up", None, POPUP),
    bind!(Jacobian, [ESC, ch('J')], Action::Back, "keys-jacobian-back", Some("keys-short-close"), POPUP),
    bind!(Jacobian, [ch('q'), CTRL_C], Action::Quit, "keys-any-quit", None, POPUP),

    bind!(Help, [UP, ch('k')], Action::Up, "keys-help-up", Some("keys-short-scroll"), POPUP),
    bind!(Help, [DOWN, ch('j')], Action::Down, "keys-help-down", Some("keys-short-scroll"), POPUP),
    bind!(Help, [PAGE_UP], Action::PageUp, "keys-any-page-up", None, POPUP),
    bind!(Help, [PAGE_DOWN], Action::PageDown, "keys-any-page-down", None, POPUP),
    bind!(Help, [ESC], Action::Back, "keys-help-back", Some("keys-short-close"), POPUP),
    bind!(Help, [ch('?')], Action::Back, "keys-help-back", Some("keys-short-close"), POPUP),
    bind!(Help, [ch('q'), CTRL_C], Action::Quit, "keys-any-quit", None, POPUP),

    bind!(Note, [ENTER], Action::Back, "keys-note-back", Some("keys-short-close"), POPUP),
    bind!(Note, [ESC], Action::Back, "keys-note-back", Some("keys-short-close"), POPUP),
    bind!(Note, [ch('q'), CTRL_C], Action::Quit, "keys-any-quit", None, POPUP),
];

/// The mouse, for the help overlay.
pub fn mouse_help() -> String {
    t!("keys-mouse")
}

/// The rows of one context, in table order.
pub fn table(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.context == context)
}

/// The action for a key press on screen `context`, if any.
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    let bound = table(context)
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action.clone());
    match (bound, event.code) {
        (Some(action), _) => Some(action),
        (None, KeyCode::Char(c))
            if context.types_text() && !event.modifiers.contains(KeyModifiers::CONTROL) =>
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

/// The key that does `action` on screen `context`, as the footer writes it (`u`, `Esc`): for
/// messages that tell the user what to press. `?` if no key does it (a table bug a test catches).
pub fn key_for(context: Context, action: &Action) -> String {
    table(context)
        .find(|b| b.action == *action)
        .and_then(|b| b.keys.first())
        .map_or_else(|| "?".to_string(), |k| k.label())
}

/// The footer's (keys, label) pairs for a context: the first key of each footer binding, and
/// rows that share a label joined (`→/← step`, `↑/↓ choose`); labels in the learner's language.
pub fn footer(context: Context) -> Vec<(String, String)> {
    footer_ids(context)
        .into_iter()
        .map(|(keys, id)| (keys, i18n::render(id, &[])))
        .collect()
}

/// [`footer`] with each label's message id (`keys-short-step`) instead of its text.
pub fn footer_ids(context: Context) -> Vec<(String, &'static str)> {
    let mut items: Vec<(String, &'static str)> = Vec::new();
    for b in table(context) {
        let (Some(first), Some(label)) = (b.keys.first(), b.footer) else {
            continue;
        };
        match items.iter_mut().find(|(_, l)| *l == label) {
            Some(item) => {
                item.0.push('/');
                item.0.push_str(&first.label());
            }
            None => items.push((first.label(), label)),
        }
    }
    items
}

/// The one-line hint a popup shows: `↑/↓ choose · Enter load · Esc cancel`.
pub fn hint(context: Context) -> String {
    footer(context)
        .iter()
        .map(|(k, l)| format!("{k} {l}"))
        .collect::<Vec<_>>()
        .join(" · ")
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
        for context in Context::ALL {
            let keys: Vec<Key> = table(context)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(
                    !keys[i + 1..].contains(a),
                    "{} is bound twice in {context:?}",
                    a.label()
                );
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
            assert_eq!(action_for(Context::Explore, &event), Some(action), "{c}");
        }
        // Lower-case j and q keep their meaning.
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(Context::Explore, &j), Some(Action::Down));
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
                action_for(Context::Explore, &press(code, modifiers)),
                expected,
                "{code:?}"
            );
        }
        let typed = action_for(
            Context::Quiz,
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
        let items = footer(Context::Explore);
        assert_eq!(
            items.first(),
            Some(&("→/←".to_string(), "step".to_string()))
        );
        assert!(items.contains(&("?".to_string(), "help".to_string())));
        assert!(items.contains(&("q".to_string(), "quit".to_string())));
        assert_eq!(
            hint(Context::Picker),
            "↑/↓ choose · Home/End first/last · Enter load · Esc cancel"
        );
        assert_eq!(key_for(Context::Explore, &Action::Nudge), "u");
    }

    #[test]
    fn every_context_can_close_and_quit() {
        for context in Context::ALL {
            let quits = table(context).any(|b| b.action == Action::Quit);
            assert!(quits, "{context:?} has no way to quit");
            if context != Context::Explore {
                let closes = table(context).any(|b| b.action == Action::Back);
                assert!(closes, "{context:?} has no Esc");
            }
        }
    }

    #[test]
    fn esc_never_quits() {
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        for context in Context::ALL {
            assert_ne!(action_for(context, &esc), Some(Action::Quit), "{context:?}");
        }
    }

    #[test]
    fn page_and_row_end_keys_move_in_the_explorer() {
        let cases = [
            (KeyCode::PageUp, KeyModifiers::NONE, Action::PageUp),
            (KeyCode::PageDown, KeyModifiers::NONE, Action::PageDown),
            (KeyCode::Char('0'), KeyModifiers::NONE, Action::RowStart),
            (KeyCode::Char('$'), KeyModifiers::SHIFT, Action::RowEnd),
            (KeyCode::Home, KeyModifiers::NONE, Action::FirstStep),
            (KeyCode::End, KeyModifiers::NONE, Action::LastStep),
        ];
        for (code, modifiers, action) in cases {
            assert_eq!(
                action_for(Context::Explore, &press(code, modifiers)),
                Some(action)
            );
        }
    }
}
