//! Everything that can happen in the explorer, as one enum.
//!
//! Key presses (through the keymap), mouse clicks (resolved against the last frame's areas by
//! the event loop) and messages from worker threads all become [`Action`]s; only `App::update`
//! turns an action into a change of state. Nothing here touches the terminal.

use std::sync::Arc;

use crate::engine::{CheckReport, Run};
use crate::preset::Preset;
use crate::tui::app::{SearchUpdate, TrainEvent};

/// What a finished gradient check sends back: the report, or why there is none (an error, or
/// the user cancelled it). Shared, so an [`Action`] stays cheap to clone.
#[derive(Debug, Clone)]
pub struct CheckOutcome(pub Arc<Result<CheckReport, String>>);

impl PartialEq for CheckOutcome {
    /// Two outcomes are equal when they are the same message.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What a preset read on a worker thread sends back: the preset and its run, or why there is
/// none. Shared, so an [`Action`] stays cheap to clone.
#[derive(Debug, Clone)]
pub struct LoadOutcome(pub Arc<Result<(Preset, Run), String>>);

impl PartialEq for LoadOutcome {
    /// Two outcomes are equal when they are the same message.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What the training worker sends: progress, the recorded iteration, a refusal. Shared, so an
/// [`Action`] stays cheap to clone.
#[derive(Debug, Clone)]
pub struct TrainMessage(pub Arc<TrainEvent>);

impl PartialEq for TrainMessage {
    /// Two messages are equal when they are the same message.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What the search worker sends: an epoch or a trial that ended, or the search's end. Shared, so
/// an [`Action`] stays cheap to clone.
#[derive(Debug, Clone)]
pub struct SearchMessage(pub Arc<SearchUpdate>);

impl PartialEq for SearchMessage {
    /// Two messages are equal when they are the same message.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// One thing the user asked for, or a worker reported.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Go to the next step of the tape.
    NextStep,
    /// Go to the previous step.
    PrevStep,
    /// Go to the first step (in a list: its first entry).
    FirstStep,
    /// Go to the last step (in a list: its last entry).
    LastStep,
    /// Jump to the first forward step.
    ForwardStart,
    /// Jump to the first backward step.
    BackwardStart,
    /// Focus the next matrix pane.
    FocusNext,
    /// Focus the previous matrix pane.
    FocusPrev,
    /// Move the cell cursor (or a list selection) up.
    Up,
    /// Move the cell cursor (or a list selection) down.
    Down,
    /// Move the cell cursor left.
    Left,
    /// Move the cell cursor right.
    Right,
    /// Move the cell cursor (or a list, or a scrolled popup) a page up.
    PageUp,
    /// Move the cell cursor (or a list, or a scrolled popup) a page down.
    PageDown,
    /// Move the cell cursor by this many rows and columns (a page move, resolved by the event
    /// loop against the focused pane's visible rows).
    MoveBy {
        /// Rows, negative for up.
        rows: isize,
        /// Columns, negative for left.
        cols: isize,
    },
    /// Move the cell cursor to the first column of its row.
    RowStart,
    /// Move the cell cursor to the last column of its row.
    RowEnd,
    /// Explain the selected cell (Enter); in a list or prompt, confirm.
    Confirm,
    /// One more decimal place.
    MoreDecimals,
    /// One fewer decimal place.
    FewerDecimals,
    /// Show or hide the help overlay.
    Help,
    /// Open the preset picker.
    OpenPicker,
    /// Edit the selected cell.
    Edit,
    /// Open the gradient check view.
    Check,
    /// Show or hide the NumPy line of each step.
    ToggleNumpy,
    /// Show or hide the shape algebra panel on Affine steps.
    ToggleShapes,
    /// Open the Jacobian view of the current step's layer.
    Jacobian,
    /// Nudge the selected cell by h and compare the change with the gradient × h.
    Nudge,
    /// Divide h by 10 and rerun: the nudge's in the explorer, the check's in its report.
    NudgeSmaller,
    /// Multiply h by 10 and rerun: the nudge's in the explorer, the check's in its report.
    NudgeLarger,
    /// In the gradient check: move to the next cell whose relative error is over the tolerance.
    NextOverTolerance,
    /// Turn quiz mode on or off.
    Quiz,
    /// Write the current step as Markdown.
    Export,
    /// Show or hide the graph view: a graph preset's figure, or the current layer drawn as the
    /// book's graph.
    ToggleGraph,
    /// Close or clear, in order: the popup, a running job, the quiz question, the nudge (Esc).
    /// It never quits.
    Back,
    /// Quit the explorer.
    Quit,
    /// A character typed into a prompt.
    Type(char),
    /// Delete the last character of a prompt.
    Backspace,
    /// A click landed on a cell of a matrix pane (the event loop resolves the position).
    SelectCell {
        /// Index of the pane in `App::panes`.
        pane: usize,
        /// Row of the cell.
        row: usize,
        /// Column of the cell.
        col: usize,
    },
    /// The running gradient check `job` has done `done` of `total` cells.
    CheckProgress {
        /// Which check (a cancelled one may still report).
        job: u64,
        /// Cells done.
        done: usize,
        /// Cells in all.
        total: usize,
    },
    /// The gradient check `job` finished (or failed, or was cancelled).
    CheckDone {
        /// Which check.
        job: u64,
        /// Its report or error.
        outcome: CheckOutcome,
    },
    /// The preset file read by load `job` is loaded (or could not be).
    Loaded {
        /// Which load (one the user stopped waiting for may still report).
        job: u64,
        /// The preset and its run, or the error.
        outcome: LoadOutcome,
    },
    /// Open the training screen of the current preset (`T`).
    OpenTraining,
    /// Training: run if paused, pause if running.
    RunPause,
    /// Training: run one iteration.
    OneIteration,
    /// Training: learning rate one step up.
    LrUp,
    /// Training: learning rate one step down.
    LrDown,
    /// Training: watch it slower (the next lower iterations-per-second limit).
    Slower,
    /// Training: watch it faster (the next higher limit, up to full speed).
    Faster,
    /// Training: the next optimizer.
    NextOptimizer,
    /// Training: back to iteration 0 with the next seed.
    Restart,
    /// Compare: hide or show the picked run's curves.
    ToggleRun,
    /// Histograms: redraw every W with the next initial weights.
    NextInit,
    /// A message from the training worker `job`.
    Training {
        /// Which training run (a replaced one may still report).
        job: u64,
        /// What it says.
        message: TrainMessage,
    },
    /// A message from the search worker `job`.
    Search {
        /// Which search.
        job: u64,
        /// What it says.
        message: SearchMessage,
    },
    /// The terminal now has this size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
}
