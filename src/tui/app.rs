//! The explorer's state and the one place it changes: [`App::update`].
//!
//! The App holds the preset, its run (the tape), the current step, the focused pane and its
//! cell cursor, and a [`Mode`] for whatever popup is open. It calls the engine to run, edit and
//! check, and never draws: the view in `ui` only reads it.

mod aids;
mod modes;
mod panes;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;

use super::action::Action;
use super::keymap::Context;
use super::theme::Theme;
use super::ui::layout;
use crate::engine::aids::{JacobianView, NudgeReport, Score};
use crate::engine::{CheckReport, Matrix, Run, Step};
use crate::preset::Preset;

pub use crate::engine::op::{anchor, feeds};
pub use aids::QuizPrompt;
pub use modes::{PickerEntry, Prompt, explanation_lines};
pub use panes::{Band, Pane, Source};

/// Fewest and most decimal places.
pub const DECIMALS: std::ops::RangeInclusive<usize> = 0..=8;

/// What the explorer is doing: stepping, or showing a popup over the steps.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Stepping through the tape.
    Explore,
    /// The help overlay.
    Help,
    /// The explanation of one cell: a title and its lines.
    Explain {
        /// E.g. `dW[0,1] — step 21`.
        title: String,
        /// The rule, the expansion with numbers, a remark.
        lines: Vec<String>,
    },
    /// The gradient check, with the selected tensor.
    Check {
        /// The engine's report.
        report: Box<CheckReport>,
        /// Index into `report.tensors`.
        selected: usize,
    },
    /// The preset picker.
    Picker {
        /// Built-ins, `.toml` files here, and "type a path".
        entries: Vec<PickerEntry>,
        /// The highlighted entry.
        selected: usize,
    },
    /// A text prompt (edit a cell, type a path).
    Prompt(Prompt),
    /// An error message; the state behind it is unchanged.
    Error(String),
    /// The Jacobian of the current step's layer.
    Jacobian {
        /// The engine's view: J, dout·J and dx.
        view: Box<JacobianView>,
        /// The first row and column of J shown (J scrolls when it is larger than the popup).
        first: (usize, usize),
    },
    /// A quiz question: the written matrix is hidden until the learner answers.
    Quiz(QuizPrompt),
    /// The answer to a quiz question, and the explanation of the asked cell.
    Reveal {
        /// True when the answer was right.
        right: bool,
        /// The verdict, e.g. `right: 0.1816 (the value is 0.181600)`.
        verdict: String,
        /// The asked cell and its step, e.g. `dW[1,2] — step 21`.
        title: String,
        /// The engine's explanation of the cell.
        lines: Vec<String>,
    },
    /// The user asked to leave.
    Quit,
}

/// The explorer's whole state.
#[derive(Debug, Clone)]
pub struct App {
    /// The preset being explored (edits change it).
    pub preset: Preset,
    /// Its forward and backward run.
    pub run: Run,
    /// Index of the current step in the tape.
    pub step: usize,
    /// The panes of the current step.
    pub panes: Vec<Pane>,
    /// Index of the focused pane.
    pub focus: usize,
    /// The cell cursor in the focused pane (row, column).
    pub cursor: (usize, usize),
    /// The cell of the written matrix whose inputs are marked (follows the cursor there).
    pub write_cell: (usize, usize),
    /// Decimal places of every number.
    pub decimals: usize,
    /// Popup or stepping.
    pub mode: Mode,
    /// Colours.
    pub theme: Theme,
    /// The terminal size, for mouse clicks.
    pub size: (u16, u16),
    /// When set, the check view shows these (numerical, backprop) times instead of measured
    /// ones: snapshots and tests need fixed text.
    pub check_times: Option<(Duration, Duration)>,
    /// True when the NumPy line is shown (`N`).
    pub show_numpy: bool,
    /// True when Affine steps show the shape algebra panel (`s`).
    pub show_shapes: bool,
    /// The active nudge (`u`): its report marks the cells each step changed, until `Esc`.
    pub nudge: Option<Box<NudgeReport>>,
    /// True in quiz mode (`Q`): backward steps ask for a cell before they are shown.
    pub quiz: bool,
    /// Right answers out of questions answered this session.
    pub score: Score,
    /// Questions asked so far; the seed of the next question.
    pub questions: u64,
    /// Steps whose question was answered or skipped since the tape was last computed: stepping
    /// back onto them shows them without asking again.
    pub quizzed: std::collections::BTreeSet<usize>,
    /// A one-line message over the footer (an export, a refusal), cleared by the next key.
    pub status: Option<String>,
    /// Where `x` writes Markdown; the current directory unless a test points it elsewhere.
    pub export_dir: PathBuf,
    /// Rows the help overlay is scrolled by (↑/↓ when it does not fit).
    pub help_scroll: u16,
}

impl App {
    /// An explorer on `preset`, at its first step; errors when the preset does not run.
    pub fn new(preset: Preset) -> Result<App> {
        let run = preset.run()?;
        let mut app = App {
            preset,
            run,
            step: 0,
            panes: Vec::new(),
            focus: 0,
            cursor: (0, 0),
            write_cell: (0, 0),
            decimals: 4,
            mode: Mode::Explore,
            theme: Theme::default(),
            size: (120, 36),
            check_times: None,
            show_numpy: true,
            show_shapes: false,
            nudge: None,
            quiz: false,
            score: Score::default(),
            questions: 0,
            quizzed: std::collections::BTreeSet::new(),
            status: None,
            export_dir: PathBuf::from("."),
            help_scroll: 0,
        };
        app.go_to(0);
        Ok(app)
    }

    /// The current step, if the tape has any.
    pub fn current(&self) -> Option<&Step> {
        self.run.tape.steps.get(self.step)
    }

    /// The matrix a pane shows.
    pub fn matrix(&self, source: &Source) -> Option<&Matrix> {
        panes::matrix(&self.preset, &self.run, source)
    }

    /// The focused pane.
    pub fn focused(&self) -> Option<&Pane> {
        self.panes.get(self.focus)
    }

    /// True once the user asked to quit.
    pub fn should_quit(&self) -> bool {
        matches!(self.mode, Mode::Quit)
    }

    /// Which key table applies now.
    pub fn context(&self) -> Context {
        match self.mode {
            Mode::Prompt(_) | Mode::Quiz(_) => Context::Prompt,
            _ => Context::Main,
        }
    }

    /// Apply one action. Errors from the engine become an error popup; nothing panics.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. }) {
            self.status = None;
        }
        match action {
            Action::Quit => self.mode = Mode::Quit,
            Action::Resize { width, height } => self.size = (width, height),
            _ => match self.mode {
                Mode::Explore => self.explore(action),
                Mode::Quit => {}
                _ => self.popup(action),
            },
        }
    }

    fn explore(&mut self, action: Action) {
        let last = self.run.tape.len().saturating_sub(1);
        match action {
            Action::NextStep => self.step_to((self.step + 1).min(last)),
            Action::PrevStep => self.step_to(self.step.saturating_sub(1)),
            Action::FirstStep | Action::ForwardStart => self.step_to(0),
            Action::LastStep => self.step_to(last),
            Action::BackwardStart => self.step_to(self.run.tape.first_backward().min(last)),
            Action::FocusNext => self.set_focus((self.focus + 1) % self.panes.len().max(1)),
            Action::FocusPrev => {
                let n = self.panes.len().max(1);
                self.set_focus((self.focus + n - 1) % n);
            }
            Action::Up => self.move_cursor(-1, 0),
            Action::Down => self.move_cursor(1, 0),
            Action::Left => self.move_cursor(0, -1),
            Action::Right => self.move_cursor(0, 1),
            Action::Confirm => self.explain(),
            Action::MoreDecimals => self.decimals = (self.decimals + 1).min(*DECIMALS.end()),
            Action::FewerDecimals => {
                self.decimals = self.decimals.saturating_sub(1).max(*DECIMALS.start())
            }
            Action::Help => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
            }
            Action::OpenPicker => self.open_picker(),
            Action::Edit => self.start_edit(),
            Action::Check => self.open_check(),
            Action::ToggleNumpy => self.show_numpy = !self.show_numpy,
            Action::ToggleShapes => self.toggle_shapes(),
            Action::Jacobian => self.open_jacobian(),
            Action::Nudge => self.start_nudge(),
            Action::NudgeSmaller => self.scale_nudge(0.1),
            Action::NudgeLarger => self.scale_nudge(10.0),
            Action::Quiz => self.toggle_quiz(),
            Action::Export => self.export(),
            Action::Back if self.nudge.is_some() => self.nudge = None,
            Action::Back => self.mode = Mode::Quit,
            Action::Click { column, row } => self.click(column, row),
            _ => {}
        }
    }

    /// Go to step `index`: rebuild the panes and focus the matrix the step wrote.
    pub fn go_to(&mut self, index: usize) {
        self.step = index.min(self.run.tape.len().saturating_sub(1));
        self.panes = panes::panes(&self.preset, &self.run, self.step);
        let written = self.panes.iter().position(|p| p.written).unwrap_or(0);
        self.set_focus(written);
    }

    fn set_focus(&mut self, index: usize) {
        self.focus = index.min(self.panes.len().saturating_sub(1));
        self.clamp_cursor();
    }

    fn dims(&self, pane: usize) -> (usize, usize) {
        self.panes
            .get(pane)
            .and_then(|p| self.matrix(&p.source))
            .map(|m| m.dim())
            .unwrap_or((0, 0))
    }

    fn clamp_cursor(&mut self) {
        let (rows, cols) = self.dims(self.focus);
        self.cursor = (
            self.cursor.0.min(rows.saturating_sub(1)),
            self.cursor.1.min(cols.saturating_sub(1)),
        );
        if let Some(w) = self.panes.iter().position(|p| p.written) {
            if w == self.focus {
                self.write_cell = self.cursor;
            } else {
                let (rows, cols) = self.dims(w);
                self.write_cell = (
                    self.write_cell.0.min(rows.saturating_sub(1)),
                    self.write_cell.1.min(cols.saturating_sub(1)),
                );
            }
        }
    }

    fn move_cursor(&mut self, dr: isize, dc: isize) {
        self.cursor = (
            self.cursor.0.saturating_add_signed(dr),
            self.cursor.1.saturating_add_signed(dc),
        );
        self.clamp_cursor();
    }

    fn click(&mut self, column: u16, row: u16) {
        let Some(areas) = layout::Areas::compute(self, self.size.0, self.size.1) else {
            return;
        };
        for (index, rect) in areas.panes.iter().enumerate() {
            if let Some(cell) = layout::cell_at(self, index, *rect, column, row) {
                self.focus = index;
                self.cursor = cell;
                self.clamp_cursor();
                return;
            }
        }
    }
}
