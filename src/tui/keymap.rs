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
}

impl Context {
    /// Every context, in the order the help lists them.
    pub const ALL: [Context; 10] = [
        Context::Explore,
        Context::Train,
        Context::Quiz,
        Context::Prompt,
        Context::Picker,
        Context::Check,
        Context::Checking,
        Context::Jacobian,
        Context::Help,
        Context::Note,
    ];

    /// The help overlay's heading for this context's keys.
    pub fn title(self) -> &'static str {
        match self {
            Context::Explore => "Explorer",
            Context::Quiz => "In a quiz question",
            Context::Prompt => "In a prompt (edit a cell, type a path)",
            Context::Picker => "In the preset picker",
            Context::Help => "In this help",
            Context::Check => "In the gradient check",
            Context::Checking => "While the check runs",
            Context::Jacobian => "In the Jacobian view",
            Context::Note => "In an explanation, an answer or an error",
            Context::Train => "On the training screen",
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
    /// The help overlay's description.
    pub help: &'static str,
    /// The footer's (and popup hint's) short label, when the binding is shown there. Rows with
    /// the same label share one entry: `→/← step`.
    pub footer: Option<&'static str>,
    /// The help overlay's section (within the explorer).
    pub group: &'static str,
}

const STEP: &str = "Step through the recorded steps";
const LOOK: &str = "Look closer";
const MOVE: &str = "Move in a big matrix";
const CHANGE: &str = "Change the numbers";
const AIDS: &str = "Learning aids";
const GENERAL: &str = "General";
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

use Context::{Check, Checking, Explore, Help, Jacobian, Note, Picker, Prompt, Quiz, Train};

macro_rules! bind {
    ($context:expr, [$($k:expr),*], $action:expr, $help:expr, $footer:expr, $group:expr) => {
        Binding { context: $context, keys: &[$($k),*], action: $action, help: $help, footer: $footer, group: $group }
    };
}

/// Every key of every screen.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind!(Explore, [RIGHT, ch(' '), ch('n')], Action::NextStep, "next step", Some("step"), STEP),
    bind!(Explore, [LEFT, ch('p')], Action::PrevStep, "previous step", Some("step"), STEP),
    bind!(Explore, [ch('g'), key(KeyCode::Home)], Action::FirstStep, "first step", None, STEP),
    bind!(Explore, [ch('G'), key(KeyCode::End)], Action::LastStep, "last step", None, STEP),
    bind!(Explore, [ch('f')], Action::ForwardStart, "jump to the start of the forward pass", None, STEP),
    bind!(Explore, [ch('b')], Action::BackwardStart, "jump to the start of the backward pass", Some("backward"), STEP),
    bind!(Explore, [key(KeyCode::Tab)], Action::FocusNext, "focus the next matrix pane", Some("pane"), LOOK),
    bind!(Explore, [key(KeyCode::BackTab)], Action::FocusPrev, "focus the previous matrix pane", None, LOOK),
    bind!(Explore, [ch('k'), UP], Action::Up, "cell cursor up", None, LOOK),
    bind!(Explore, [ch('j'), DOWN], Action::Down, "cell cursor down", None, LOOK),
    bind!(Explore, [ch('h')], Action::Left, "cell cursor left", None, LOOK),
    bind!(Explore, [ch('l')], Action::Right, "cell cursor right", Some("cell"), LOOK),
    bind!(Explore, [ENTER], Action::Confirm, "explain the selected cell (every term and its value)", Some("explain"), LOOK),
    bind!(Explore, [ch('+'), ch('=')], Action::MoreDecimals, "one more decimal place", None, LOOK),
    bind!(Explore, [ch('-')], Action::FewerDecimals, "one fewer decimal place", None, LOOK),
    bind!(Explore, [ch('v')], Action::ToggleGraph, "graph view: the graph, or this layer as the book's figure; Tab picks an edge, Enter explains it", Some("graph"), LOOK),
    bind!(Explore, [ch('c')], Action::Check, "gradient check: backprop vs numerical, and what each costs (runs in the background; Esc cancels)", Some("check"), LOOK),
    bind!(Explore, [PAGE_UP], Action::PageUp, "cell cursor a page up in the focused matrix", None, MOVE),
    bind!(Explore, [PAGE_DOWN], Action::PageDown, "cell cursor a page down in the focused matrix", None, MOVE),
    bind!(Explore, [ch('0')], Action::RowStart, "cell cursor to the first column of its row", None, MOVE),
    bind!(Explore, [ch('$')], Action::RowEnd, "cell cursor to the last column of its row", None, MOVE),
    bind!(Explore, [ch('e')], Action::Edit, "edit the selected cell of x, W, b, w, t or dout (on a one-hot t: type the class); everything is recomputed", Some("edit"), CHANGE),
    bind!(Explore, [ch('P')], Action::OpenPicker, "pick a preset: built-in, a .toml here, or a typed path", Some("presets"), CHANGE),
    bind!(Explore, [ch('u')], Action::Nudge, "nudge the selected cell of x, W, b, w or a forward output by h: actual change vs gradient × h", Some("nudge"), AIDS),
    bind!(Explore, [ch('[')], Action::NudgeSmaller, "nudge: h ÷ 10 and rerun", None, AIDS),
    bind!(Explore, [ch(']')], Action::NudgeLarger, "nudge: h × 10 and rerun", None, AIDS),
    bind!(Explore, [ch('Q')], Action::Quiz, "quiz mode: type a cell of each backward step before it is shown", Some("quiz"), AIDS),
    bind!(Explore, [ch('s')], Action::ToggleShapes, "shape algebra on Affine steps: which product fits the shapes", Some("shapes"), AIDS),
    bind!(Explore, [ch('J')], Action::Jacobian, "the Jacobian ∂out/∂x of this layer, and dout·J beside dx", Some("Jacobian"), AIDS),
    bind!(Explore, [ch('N')], Action::ToggleNumpy, "show or hide the NumPy line of each step", None, AIDS),
    bind!(Explore, [ch('T')], Action::OpenTraining, "the training screen of this preset (one with a [train] section); back where training was if it ran already", None, AIDS),
    bind!(Explore, [ch('x')], Action::Export, "write this step as Markdown to backstep-<preset>-step-<k>.md here (never over an existing file: -2, -3, …)", Some("export"), AIDS),
    bind!(Explore, [ch('?')], Action::Help, "this help", Some("help"), GENERAL),
    bind!(Explore, [ESC], Action::Back, "clear the nudge, else back to the training screen that opened this iteration (Esc never quits)", None, GENERAL),
    bind!(Explore, [ch('q'), CTRL_C], Action::Quit, "quit", Some("quit"), GENERAL),

    bind!(Train, [ch(' ')], Action::RunPause, "run or pause training", Some("run/pause"), POPUP),
    bind!(Train, [RIGHT, ch('n')], Action::OneIteration, "run one iteration (pauses first)", Some("step"), POPUP),
    bind!(Train, [ch('+'), ch('=')], Action::LrUp, "learning rate up one step of 1-2-5 (0.1 → 0.2 → 0.5 → 1)", Some("lr"), POPUP),
    bind!(Train, [ch('-')], Action::LrDown, "learning rate down one step of 1-2-5", Some("lr"), POPUP),
    bind!(Train, [ch('[')], Action::Slower, "slower, to watch the boundary form: full speed → 1000 → 100 → 10 → 1 iterations a second", None, POPUP),
    bind!(Train, [ch(']')], Action::Faster, "faster: 1 → 10 → 100 → 1000 iterations a second → full speed", Some("speed"), POPUP),
    bind!(Train, [ch('o')], Action::NextOptimizer, "next optimizer (SGD → Momentum → AdaGrad → Adam); its state starts from zeros and its learning rate is SGD 0.1 (train_neuralnet.py's; the SGD class's own default is 0.01), Momentum and AdaGrad 0.01, Adam 0.001 (common/optimizer.py's defaults)", Some("optimizer"), POPUP),
    bind!(Train, [ch('r')], Action::Restart, "restart from iteration 0 with the initial weights and the next seed (paused)", Some("restart"), POPUP),
    bind!(Train, [ENTER], Action::Confirm, "open the iteration about to run in the explorer: its mini-batch and current weights, forward, backward and update (Esc comes back here)", Some("explore"), POPUP),
    bind!(Train, [ch('?')], Action::Help, "this help", Some("help"), POPUP),
    bind!(Train, [ESC, ch('T')], Action::Back, "back to the explorer, when the explorer opened this screen (training pauses where it is)", None, POPUP),
    bind!(Train, [ch('q'), CTRL_C], Action::Quit, "quit", Some("quit"), POPUP),

    bind!(Quiz, [ENTER], Action::Confirm, "answer (right within 1e-3 relative)", Some("answer"), POPUP),
    bind!(Quiz, [ESC], Action::Back, "skip the question", Some("skip"), POPUP),
    bind!(Quiz, [key(KeyCode::Backspace)], Action::Backspace, "delete a character", None, POPUP),
    bind!(Quiz, [CTRL_C], Action::Quit, "quit", None, POPUP),

    bind!(Prompt, [ENTER], Action::Confirm, "apply what you typed", Some("apply"), POPUP),
    bind!(Prompt, [ESC], Action::Back, "cancel", Some("cancel"), POPUP),
    bind!(Prompt, [key(KeyCode::Backspace)], Action::Backspace, "delete a character", None, POPUP),
    bind!(Prompt, [CTRL_C], Action::Quit, "quit", None, POPUP),

    bind!(Picker, [UP, ch('k')], Action::Up, "previous entry", Some("choose"), POPUP),
    bind!(Picker, [DOWN, ch('j')], Action::Down, "next entry", Some("choose"), POPUP),
    bind!(Picker, [PAGE_UP], Action::PageUp, "a page up", None, POPUP),
    bind!(Picker, [PAGE_DOWN], Action::PageDown, "a page down", None, POPUP),
    bind!(Picker, [key(KeyCode::Home), ch('g')], Action::FirstStep, "first entry", Some("first/last"), POPUP),
    bind!(Picker, [key(KeyCode::End), ch('G')], Action::LastStep, "last entry (type a path…)", Some("first/last"), POPUP),
    bind!(Picker, [ENTER], Action::Confirm, "load the preset", Some("load"), POPUP),
    bind!(Picker, [ESC, ch('P')], Action::Back, "close the picker", Some("cancel"), POPUP),
    bind!(Picker, [ch('q'), CTRL_C], Action::Quit, "quit", None, POPUP),

    bind!(Check, [key(KeyCode::Tab)], Action::FocusNext, "next tensor, its matrices at its worst cell", Some("tensor"), POPUP),
    bind!(Check, [key(KeyCode::BackTab)], Action::FocusPrev, "previous tensor, its matrices at its worst cell", None, POPUP),
    bind!(Check, [UP, ch('k')], Action::Up, "cell up in the matrices (on the notes: scroll up)", Some("cell"), POPUP),
    bind!(Check, [DOWN, ch('j')], Action::Down, "cell down in the matrices (on the notes: scroll down)", Some("cell"), POPUP),
    bind!(Check, [LEFT, ch('h')], Action::Left, "cell left in the matrices", Some("cell"), POPUP),
    bind!(Check, [RIGHT, ch('l')], Action::Right, "cell right in the matrices", Some("cell"), POPUP),
    bind!(Check, [PAGE_UP], Action::PageUp, "a page up in the matrices (or the notes)", None, POPUP),
    bind!(Check, [PAGE_DOWN], Action::PageDown, "a page down in the matrices (or the notes)", None, POPUP),
    bind!(Check, [ch('n')], Action::NextOverTolerance, "next cell whose relative error is over the tolerance (all tensors, in order)", Some("next over"), POPUP),
    bind!(Check, [ch('[')], Action::NudgeSmaller, "h ÷ 10 and rerun the check", Some("h"), POPUP),
    bind!(Check, [ch(']')], Action::NudgeLarger, "h × 10 and rerun the check", Some("h"), POPUP),
    bind!(Check, [ENTER], Action::Confirm, "show the notes (what the numbers mean, why an error can be large, the cost of each method) or the matrices", Some("notes"), POPUP),
    bind!(Check, [ESC, ch('c')], Action::Back, "close the check", Some("close"), POPUP),
    bind!(Check, [ch('q'), CTRL_C], Action::Quit, "quit", None, POPUP),

    bind!(Checking, [ESC, ch('c')], Action::Back, "cancel the running check", Some("cancel"), POPUP),
    bind!(Checking, [ch('q'), CTRL_C], Action::Quit, "quit", None, POPUP),

    bind!(Jacobian, [UP, ch('k')], Action::Up, "scroll J up", Some("scroll"), POPUP),
    bind!(Jacobian, [DOWN, ch('j')], Action::Down, "scroll J down", Some("scroll"), POPUP),
    bind!(Jacobian, [LEFT, ch('h')], Action::Left, "scroll J left", Some("scroll"), POPUP),
    bind!(Jacobian, [RIGHT, ch('l')], Action::Right, "scroll J right", Some("scroll"), POPUP),
    bind!(Jacobian, [PAGE_DOWN], Action::PageDown, "the next block of J (a layer over 64 cells shows one row's block)", Some("block"), POPUP),
    bind!(Jacobian, [PAGE_UP], Action::PageUp, "the previous block of J", None, POPUP),
    bind!(Jacobian, [ESC, ch('J')], Action::Back, "close the Jacobian", Some("close"), POPUP),
    bind!(Jacobian, [ch('q'), CTRL_C], Action::Quit, "quit", None, POPUP),

    bind!(Help, [UP, ch('k')], Action::Up, "scroll up", Some("scroll"), POPUP),
    bind!(Help, [DOWN, ch('j')], Action::Down, "scroll down", Some("scroll"), POPUP),
    bind!(Help, [PAGE_UP], Action::PageUp, "a page up", None, POPUP),
    bind!(Help, [PAGE_DOWN], Action::PageDown, "a page down", None, POPUP),
    bind!(Help, [ESC], Action::Back, "close the help", Some("close"), POPUP),
    bind!(Help, [ch('?')], Action::Back, "close the help", Some("close"), POPUP),
    bind!(Help, [ch('q'), CTRL_C], Action::Quit, "quit", None, POPUP),

    bind!(Note, [ENTER], Action::Back, "close and see the step", Some("close"), POPUP),
    bind!(Note, [ESC], Action::Back, "close and see the step", Some("close"), POPUP),
    bind!(Note, [ch('q'), CTRL_C], Action::Quit, "quit", None, POPUP),
];

/// The mouse, for the help overlay.
pub const MOUSE_HELP: &str = "click a cell: focus its pane and move the cursor there";

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
/// rows that share a label joined (`→/← step`, `↑/↓ choose`).
pub fn footer(context: Context) -> Vec<(String, &'static str)> {
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
        assert_eq!(items.first(), Some(&("→/←".to_string(), "step")));
        assert!(items.contains(&("?".to_string(), "help")));
        assert!(items.contains(&("q".to_string(), "quit")));
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
