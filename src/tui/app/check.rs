//! The gradient check (`c`), at any size the engine accepts: it runs on a worker thread, its
//! progress and result come back as [`Action`]s, and `Esc` cancels it. The report view scrolls
//! the three matrices (analytic, numerical, a − n) sideways and down.
//!
//! The App never starts a thread itself: [`App::take_job`] hands the event loop a [`CheckJob`]
//! to run, so tests can run the same job on their own thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{App, Mode};
use crate::engine::CheckReport;
use crate::engine::check::{DEFAULT_H, DEFAULT_TOLERANCE, Watch, gradient_check_watched};
use crate::engine::graph::Graph;
use crate::engine::network::{Inputs, Network};
use crate::tui::action::{Action, CheckOutcome};

/// Rows a page move scrolls the check's matrices by.
pub const CHECK_PAGE: usize = 8;

/// A gradient check for a worker thread: the network and inputs to check, and the flag that
/// cancels it.
#[derive(Debug, Clone)]
pub struct CheckJob {
    /// Which check this is; messages carry it.
    pub id: u64,
    /// The preset's name for error messages (its file, or `built-in preset "…"`).
    source: String,
    network: Network,
    inputs: Inputs,
    /// For a graph preset: the graph, checked instead of the network.
    graph: Option<Graph>,
    cancel: Arc<AtomicBool>,
}

impl CheckJob {
    /// Run the check, sending progress and finally the outcome through `send` (called from
    /// the check's own threads, hence `Sync`).
    pub fn run(self, send: &(dyn Fn(Action) + Sync)) {
        let id = self.id;
        let progress = |done: usize, total: usize| {
            send(Action::CheckProgress {
                job: id,
                done,
                total,
            })
        };
        let watch = Watch {
            progress: &progress,
            cancel: &self.cancel,
        };
        let result = match &self.graph {
            Some(g) => g.gradient_check(DEFAULT_H, DEFAULT_TOLERANCE),
            None => gradient_check_watched(
                &self.network,
                &self.inputs,
                DEFAULT_H,
                DEFAULT_TOLERANCE,
                watch,
            ),
        }
        .map_err(|e| format!("{}: {e:#}", self.source));
        send(Action::CheckDone {
            job: id,
            outcome: CheckOutcome(Arc::new(result)),
        });
    }
}

/// Jobs waiting for the event loop, and the id of the next.
#[derive(Debug, Clone, Default)]
pub(super) struct Jobs {
    next_id: u64,
    pending: Option<CheckJob>,
}

/// A check in progress, shown as a progress bar.
#[derive(Debug, Clone)]
pub struct Checking {
    /// Which check.
    pub job: u64,
    /// Cells done so far.
    pub done: usize,
    /// Cells in all.
    pub total: usize,
    cancel: Arc<AtomicBool>,
}

/// The report and what of it is shown.
#[derive(Debug, Clone)]
pub struct CheckView {
    /// The engine's report.
    pub report: CheckReport,
    /// Index into `report.tensors`.
    pub selected: usize,
    /// The cell of the selected tensor kept in view (moved by ←/→ and the page keys).
    pub cell: (usize, usize),
}

impl App {
    /// `c`: start the check on a worker thread and show its progress.
    pub(super) fn start_check(&mut self) {
        let cells = self.preset.inputs.x.len()
            + self
                .preset
                .network
                .layers
                .iter()
                .flat_map(|l| l.layer.params())
                .map(|(_, m)| m.len())
                .sum::<usize>();
        let cancel = Arc::new(AtomicBool::new(false));
        self.jobs.next_id += 1;
        let id = self.jobs.next_id;
        self.jobs.pending = Some(CheckJob {
            id,
            source: self.preset.source.describe(),
            network: self.preset.network.clone(),
            inputs: self.preset.inputs.clone(),
            graph: self.preset.graph.clone(),
            cancel: Arc::clone(&cancel),
        });
        self.mode = Mode::Checking(Checking {
            job: id,
            done: 0,
            total: cells,
            cancel,
        });
    }

    /// The job the event loop should start, if `update` asked for one.
    pub fn take_job(&mut self) -> Option<CheckJob> {
        self.jobs.pending.take()
    }

    /// Stop a running check (quitting, or `Esc` on its progress bar).
    pub(super) fn cancel_check(&mut self) {
        self.jobs.pending = None;
        if let Mode::Checking(running) = &self.mode {
            running.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Keys while the check runs: `Esc` cancels it; nothing else.
    pub(super) fn checking(&mut self, running: Checking, action: Action) {
        self.mode = Mode::Checking(running);
        if action == Action::Back {
            self.cancel_check();
            self.mode = Mode::Explore;
            self.status = Some("gradient check cancelled".into());
        }
    }

    /// A message from the worker: progress, or the result. Messages of a cancelled or older
    /// check are dropped.
    pub(super) fn check_message(&mut self, action: Action) {
        let Mode::Checking(running) = &mut self.mode else {
            return;
        };
        match action {
            Action::CheckProgress { job, done, total } if job == running.job => {
                running.done = running.done.max(done);
                running.total = total;
            }
            Action::CheckDone { job, outcome } if job == running.job => {
                let result = Arc::unwrap_or_clone(outcome.0);
                self.mode = match result {
                    Ok(mut report) => {
                        if let Some((numerical, backprop)) = self.check_times {
                            report.numerical_time = numerical;
                            report.backprop_time = backprop;
                        }
                        Mode::Check(Box::new(CheckView {
                            report,
                            selected: 0,
                            cell: (0, 0),
                        }))
                    }
                    Err(e) => Mode::Error(e),
                };
            }
            _ => {}
        }
    }

    /// Keys on the report: ↑/↓ choose the tensor, ←/→ and the page keys scroll its matrices.
    pub(super) fn check_view(&mut self, mut view: Box<CheckView>, action: Action) {
        let n = view.report.tensors.len().max(1);
        let (rows, cols) = view
            .report
            .tensors
            .get(view.selected)
            .map_or((1, 1), |t| t.analytic.dim());
        let (r, c) = view.cell;
        match action {
            Action::Back => return,
            Action::Up | Action::Down => {
                view.selected = if action == Action::Up {
                    (view.selected + n - 1) % n
                } else {
                    (view.selected + 1) % n
                };
                view.cell = (0, 0);
            }
            Action::Left => view.cell = (r, c.saturating_sub(1)),
            Action::Right => view.cell = (r, (c + 1).min(cols.saturating_sub(1))),
            Action::PageUp => view.cell = (r.saturating_sub(CHECK_PAGE), c),
            Action::PageDown => view.cell = ((r + CHECK_PAGE).min(rows.saturating_sub(1)), c),
            _ => {}
        }
        self.mode = Mode::Check(view);
    }
}
