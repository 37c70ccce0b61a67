//! The explorer's state and the one place it changes: [`App::update`].
//!
//! The App holds the preset, its run (the tape), the current step, the focused pane and its
//! cell cursor, the learning aids' state, and one [`Mode`]: what the screen is doing (stepping,
//! or a popup over the steps). Each mode keeps its state and its part of `update` in its own
//! file under `app/`; the App calls the engine to run, edit and check, and never draws (the view
//! in `ui` only reads it, and the App imports nothing from `ui`).

mod check;
mod compare;
mod edit;
mod explain;
mod explore;
mod graph;
mod help;
mod histogram;
mod jacobian;
mod nudge;
mod panes;
mod picker;
mod quiz;
mod search;
mod train;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;

use super::action::Action;
use super::keymap::Context;
use super::theme::Theme;
use crate::engine::{Matrix, Run, Step};
use crate::lesson::aids::{NudgeReport, Score};
use crate::preset::Preset;

pub use crate::engine::op::{anchor, feeds};
pub use check::{CheckJob, CheckPage, CheckView, Checking};
pub use compare::{CompareState, ComparedRun, NewRun};
pub use edit::Prompt;
pub use explain::{Explanation, explanation_lines};
pub use graph::GraphPane;
pub use help::HelpView;
pub use histogram::HistogramView;
pub use jacobian::JacobianPopup;
pub use panes::{Band, Pane, Source, input_label};
pub use picker::{LoadJob, Loading, Picker, PickerEntry, visible_entries};
pub use quiz::{Quiz, QuizPrompt, Reveal};
pub use search::{SearchJob, SearchRun, SearchState, SearchUpdate};
pub use train::{OpenedIteration, Session, TrainEvent, TrainJob, TrainState, session_for};

/// Fewest and most decimal places.
pub const DECIMALS: std::ops::RangeInclusive<usize> = 0..=8;

/// What the screen is doing: stepping, or one popup over the steps. Each variant's state and
/// its keys live in the file of the same name under `app/`.
///
/// A new screen (the training screen) is one more variant here, one file under `app/` with its
/// state and its `update`, one arm in [`App::update`] and one [`Context`] in the keymap.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Stepping through the tape (`app/explore.rs`).
    Explore,
    /// The help overlay (`app/help.rs`).
    Help(HelpView),
    /// The explanation of one cell (`app/explain.rs`).
    Explain(Explanation),
    /// A gradient check running on a worker thread (`app/check.rs`).
    Checking(Checking),
    /// The gradient check's report (`app/check.rs`).
    Check(Box<CheckView>),
    /// The preset picker (`app/picker.rs`).
    Picker(Picker),
    /// A text prompt: edit a cell, type a path (`app/edit.rs`).
    Prompt(Prompt),
    /// A preset file being read on a worker thread (`app/picker.rs`): the event loop never
    /// waits on a file.
    Loading(Loading),
    /// An error message; the state behind it is unchanged.
    Error(String),
    /// The Jacobian of the current step's layer (`app/jacobian.rs`).
    Jacobian(JacobianPopup),
    /// A quiz question: the written matrix is hidden until the learner answers (`app/quiz.rs`).
    Quiz(QuizPrompt),
    /// The answer to a quiz question, and the explanation of the asked cell (`app/quiz.rs`).
    Reveal(Reveal),
    /// The training screen (`app/train.rs`); its state stays in the App while the explorer
    /// shows an iteration opened from it.
    Train,
    /// The histogram screen (`app/histogram.rs`); its view stays in the App while the help is
    /// over it.
    Histogram,
    /// The compare screen (`app/compare.rs`): every run of a comparison, drawn over each other.
    Compare,
    /// The search screen (`app/search.rs`): the trials of a hyperparameter search, best first.
    Search,
    /// The user asked to leave.
    Quit,
}

/// The explorer's whole state. Read it through its methods; change it with [`App::update`].
#[derive(Debug, Clone)]
pub struct App {
    preset: Preset,
    run: Run,
    step: usize,
    panes: Vec<Pane>,
    focus: usize,
    cursor: (usize, usize),
    write_cell: (usize, usize),
    decimals: usize,
    mode: Mode,
    theme: Theme,
    size: (u16, u16),
    check_times: Option<(Duration, Duration)>,
    show_numpy: bool,
    show_shapes: bool,
    nudge: Option<Box<NudgeReport>>,
    quiz: Quiz,
    status: Option<String>,
    export_dir: PathBuf,
    picker_dir: PathBuf,
    jobs: check::Jobs,
    graph: GraphPane,
    trainings: train::Trainings,
    histogram: Option<Box<HistogramView>>,
    compare: Option<Box<CompareState>>,
    compare_jobs: compare::CompareJobs,
    search: Option<Box<SearchState>>,
    search_jobs: search::SearchJobs,
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
            quiz: Quiz::default(),
            status: None,
            export_dir: PathBuf::from("."),
            picker_dir: PathBuf::from("."),
            jobs: check::Jobs::default(),
            graph: GraphPane::default(),
            trainings: train::Trainings::default(),
            histogram: None,
            compare: None,
            compare_jobs: compare::CompareJobs::default(),
            search: None,
            search_jobs: search::SearchJobs::default(),
        };
        app.graph.on = app.preset.graph.is_some();
        app.go_to(0);
        Ok(app)
    }

    /// The graph view: on or off, its figure at the current step, the selected edge.
    pub fn graph(&self) -> &GraphPane {
        &self.graph
    }

    /// Use `theme` for every colour.
    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }

    /// Write exports (`x`) into `dir` instead of the current directory.
    pub fn set_export_dir(&mut self, dir: PathBuf) {
        self.export_dir = dir;
    }

    /// List the `.toml` files of `dir` in the picker (`P`) instead of the current directory's.
    pub fn set_picker_dir(&mut self, dir: PathBuf) {
        self.picker_dir = dir;
    }

    /// Show these (numerical, backprop) times in the check view instead of measured ones:
    /// snapshots and tests need fixed text.
    pub fn set_check_times(&mut self, numerical: Duration, backprop: Duration) {
        self.check_times = Some((numerical, backprop));
    }

    /// The preset being explored (edits change it).
    pub fn preset(&self) -> &Preset {
        &self.preset
    }

    /// What the starting gradient and the last output are called in `L = Σ dout⊙out`, as their
    /// panes title them: the last layer's own names (Affine: `dY`, `Y`), or a graph's last node
    /// when its steps name its output by the node (`mul`, `add`, `exp`, `log`, `reciprocal`).
    pub fn objective_names(&self) -> (&str, &str) {
        if let Some(node) = self
            .preset
            .graph
            .as_ref()
            .filter(|g| !g.chain)
            .and_then(|g| g.nodes.last())
            .filter(|n| n.op.names_operands())
        {
            return ("dout", node.name.as_str());
        }
        self.run().layers.last().map_or(("dout", "out"), |l| {
            (l.kind.dout_name(), l.kind.output_name())
        })
    }

    /// Its forward and backward run.
    pub fn run(&self) -> &Run {
        &self.run
    }

    /// Index of the current step in the tape.
    pub fn step(&self) -> usize {
        self.step
    }

    /// The panes of the current step.
    pub fn panes(&self) -> &[Pane] {
        &self.panes
    }

    /// Show `run` in place of the preset's own run, at the current step (tests swap in a run
    /// whose labels are renamed and check that nothing but the labels changes).
    #[doc(hidden)]
    pub fn replace_run(&mut self, run: Run) {
        self.run = run;
        self.go_to(self.step);
    }

    /// Index of the focused pane.
    pub fn focus(&self) -> usize {
        self.focus
    }

    /// The cell cursor in the focused pane (row, column).
    pub fn cursor(&self) -> (usize, usize) {
        self.cursor
    }

    /// The cell of the written matrix whose inputs are marked (follows the cursor there).
    pub fn write_cell(&self) -> (usize, usize) {
        self.write_cell
    }

    /// Decimal places of every number.
    pub fn decimals(&self) -> usize {
        self.decimals
    }

    /// What the screen is doing.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// Colours.
    pub fn theme(&self) -> Theme {
        self.theme
    }

    /// The terminal size the App was last told about.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// True when the NumPy line is shown (`N`).
    pub fn show_numpy(&self) -> bool {
        self.show_numpy
    }

    /// True when Affine steps show the shape algebra panel (`s`).
    pub fn show_shapes(&self) -> bool {
        self.show_shapes
    }

    /// The active nudge (`u`): its report marks the cells each step changed, until `Esc`.
    pub fn nudge(&self) -> Option<&NudgeReport> {
        self.nudge.as_deref()
    }

    /// Quiz mode and its score.
    pub fn quiz(&self) -> &Quiz {
        &self.quiz
    }

    /// Right answers out of questions answered this session.
    pub fn score(&self) -> Score {
        self.quiz.score
    }

    /// A one-line message over the footer (an export, a refusal), cleared by the next key.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
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

    /// Which screen's keys apply now.
    pub fn context(&self) -> Context {
        match self.mode {
            Mode::Explore | Mode::Quit => Context::Explore,
            Mode::Help(_) => Context::Help,
            Mode::Explain(_) | Mode::Error(_) | Mode::Reveal(_) | Mode::Loading(_) => Context::Note,
            Mode::Checking(_) => Context::Checking,
            Mode::Check(_) => Context::Check,
            Mode::Picker(_) => Context::Picker,
            Mode::Prompt(_) => Context::Prompt,
            Mode::Jacobian(_) => Context::Jacobian,
            Mode::Quiz(_) => Context::Quiz,
            Mode::Train => Context::Train,
            Mode::Histogram => Context::Histogram,
            Mode::Compare => Context::Compare,
            Mode::Search => Context::Search,
        }
    }

    /// Apply one action. Errors from the engine become an error popup; nothing panics.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Resize { width, height } => {
                self.size = (width, height);
                self.train_resized();
            }
            Action::Training { job, message } => {
                if !self.compare_message(job, &message) {
                    self.training_message(job, message);
                }
            }
            Action::CheckProgress { .. } | Action::CheckDone { .. } => self.check_message(action),
            Action::Loaded { job, outcome } => self.loaded(job, outcome),
            Action::Search { job, message } => self.search_message(job, &message),
            Action::Quit => {
                self.cancel_check();
                self.cancel_search();
                self.mode = Mode::Quit;
            }
            action => {
                self.status = None;
                // Each mode's handler gets its state and leaves the next mode in `self.mode`
                // (stepping, unless it sets another).
                match std::mem::replace(&mut self.mode, Mode::Explore) {
                    Mode::Explore => self.explore(action),
                    Mode::Help(view) => self.help(view, action),
                    note @ (Mode::Explain(_) | Mode::Error(_) | Mode::Reveal(_)) => {
                        if !matches!(action, Action::Back | Action::Confirm) {
                            self.mode = note;
                        }
                    }
                    Mode::Checking(running) => self.checking(running, action),
                    Mode::Check(view) => self.check_view(view, action),
                    Mode::Picker(picker) => self.picker(picker, action),
                    Mode::Loading(loading) => self.loading(loading, action),
                    Mode::Prompt(prompt) => self.prompt(prompt, action),
                    Mode::Jacobian(popup) => self.jacobian(popup, action),
                    Mode::Quiz(prompt) => self.quiz_key(prompt, action),
                    Mode::Train => self.train(action),
                    Mode::Histogram => self.histogram_key(action),
                    Mode::Compare => self.compare_key(action),
                    Mode::Search => self.search_key(action),
                    Mode::Quit => self.mode = Mode::Quit,
                }
            }
        }
    }

    /// Go to step `index`: rebuild the panes and focus the matrix the step wrote.
    pub fn go_to(&mut self, index: usize) {
        self.step = index.min(self.run.tape.len().saturating_sub(1));
        self.panes = panes::panes(&self.preset, &self.run, self.step);
        let written = self.panes.iter().position(|p| p.written).unwrap_or(0);
        self.set_focus(written);
        self.refresh_graph();
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

    /// Show `run` of `preset` in the explorer at `step`: no nudge, no quiz history, the cursor
    /// at the first cell (loading a preset, opening an iteration from training).
    pub(super) fn open_run(&mut self, preset: Preset, run: Run, step: usize) {
        self.nudge = None;
        self.preset = preset;
        self.run = run;
        self.quiz.forget_steps();
        self.cursor = (0, 0);
        self.write_cell = (0, 0);
        self.go_to(step);
        self.mode = Mode::Explore;
    }

    /// Switch to `preset` (or show why it cannot be loaded).
    fn load(&mut self, preset: Result<Preset>) {
        let loaded = preset.and_then(|p| {
            let run = p.run()?;
            Ok((p, run))
        });
        self.show_loaded(loaded.map_err(|e| format!("{e:#}")));
    }

    /// Show a loaded preset and its run, or why it could not be loaded.
    fn show_loaded(&mut self, loaded: std::result::Result<(Preset, Run), String>) {
        match loaded {
            Ok((preset, run)) => {
                self.graph.on = preset.graph.is_some();
                self.open_run(preset, run, 0);
            }
            Err(e) => {
                self.mode = Mode::Error(format!("{e}\n\n{}", crate::t!("views-load-unchanged")))
            }
        }
    }
}
