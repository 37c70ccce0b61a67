//! The gradient check (`c`), at any size the engine accepts: it runs on a worker thread, its
//! progress and result come back as [`Action`]s, and `Esc` cancels it. The report opens each
//! tensor's three matrices (backprop, numerical, a − n) at its worst cell; the arrows move the
//! cell, a key jumps to the next cell over the tolerance, `[`/`]` rerun at h ÷ 10 or h × 10, and
//! `Enter` switches between the matrices and the notes.
//!
//! The App never starts a thread itself: [`App::take_job`] hands the event loop a [`CheckJob`]
//! to run, so tests can run the same job on their own thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{App, Mode};
use crate::engine::CheckReport;
use crate::engine::check::{DEFAULT_TOLERANCE, Watch, gradient_check_watched};

/// The smallest and largest h the check's keys reach: below 1e-12 a central difference is all
/// rounding, above 1 it is no longer a derivative's estimate.
pub const H_RANGE: (f64, f64) = (1e-12, 1.0);
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
    /// The step of the central differences.
    h: f64,
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
            Some(g) => g.gradient_check(self.h, DEFAULT_TOLERANCE),
            None => gradient_check_watched(
                &self.network,
                &self.inputs,
                self.h,
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
    /// The step h it runs with.
    pub h: f64,
    cancel: Arc<AtomicBool>,
}

/// What the report shows below its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckPage {
    /// The selected tensor's three matrices.
    Matrices,
    /// The notes: the relative error and its floor, why errors can be large, the costs.
    Notes,
}

/// The report and what of it is shown.
#[derive(Debug, Clone)]
pub struct CheckView {
    /// The engine's report.
    pub report: CheckReport,
    /// Index into `report.tensors`.
    pub selected: usize,
    /// The cell of the selected tensor the matrices show and mark (its worst cell at first).
    pub cell: (usize, usize),
    /// Matrices or notes.
    pub page: CheckPage,
    /// The first line of the notes shown.
    pub notes_scroll: usize,
}

impl CheckView {
    /// The report opened on the tensor with the largest relative error (x when all pass),
    /// at its worst cell.
    pub fn new(report: CheckReport) -> Self {
        let selected = if report.passed() {
            0
        } else {
            report
                .tensors
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.max_rel_err.total_cmp(&b.1.max_rel_err))
                .map_or(0, |(i, _)| i)
        };
        let cell = report.tensors.get(selected).map_or((0, 0), |t| t.worst);
        CheckView {
            report,
            selected,
            cell,
            page: CheckPage::Matrices,
            notes_scroll: 0,
        }
    }

    /// Select tensor `i` and put the cursor on its worst cell.
    fn select(&mut self, i: usize) {
        self.selected = i;
        self.cell = self.report.tensors.get(i).map_or((0, 0), |t| t.worst);
    }

    /// The next cell over the tolerance after the cursor, in row-major order through the
    /// tensors (wrapping round); `None` when every cell passes.
    pub fn next_over_tolerance(&self) -> Option<(usize, (usize, usize))> {
        let floor = self.report.floor();
        let tol = self.report.tolerance;
        let n = self.report.tensors.len();
        let failing: Vec<Vec<(usize, usize)>> = self
            .report
            .tensors
            .iter()
            .map(|t| t.failing_cells(floor, tol))
            .collect();
        // this tensor after the cursor, then the others in order, then this one from its start
        let here = failing.get(self.selected)?;
        if let Some(&cell) = here.iter().find(|&&c| c > self.cell) {
            return Some((self.selected, cell));
        }
        (1..=n).find_map(|k| {
            let i = (self.selected + k) % n;
            failing[i].first().map(|&c| (i, c))
        })
    }
}

impl App {
    /// `c`: start the check with step `h` on a worker thread and show its progress.
    pub(super) fn start_check(&mut self, h: f64) {
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
            h,
            cancel: Arc::clone(&cancel),
        });
        self.mode = Mode::Checking(Checking {
            job: id,
            done: 0,
            total: cells,
            h,
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
            self.status = Some(crate::t!("views-check-cancelled"));
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
                        Mode::Check(Box::new(CheckView::new(report)))
                    }
                    Err(e) => Mode::Error(e),
                };
            }
            _ => {}
        }
    }

    /// Keys on the report: Tab picks the tensor (at its worst cell), the arrows and page keys
    /// move the cell (or scroll the notes), `n` jumps to the next cell over the tolerance,
    /// `[`/`]` rerun the check at h ÷ 10 or h × 10, Enter switches matrices and notes.
    pub(super) fn check_view(&mut self, mut view: Box<CheckView>, action: Action) {
        let n = view.report.tensors.len().max(1);
        let (rows, cols) = view
            .report
            .tensors
            .get(view.selected)
            .map_or((1, 1), |t| t.analytic.dim());
        let (r, c) = view.cell;
        let notes = view.page == CheckPage::Notes;
        match action {
            Action::Back => return,
            Action::NudgeSmaller | Action::NudgeLarger => {
                let h = if action == Action::NudgeSmaller {
                    view.report.h / 10.0
                } else {
                    view.report.h * 10.0
                };
                if (H_RANGE.0 * 0.999..=H_RANGE.1 * 1.001).contains(&h) {
                    // a power of ten stays one when printed (1e-5, not 1.0000000000000001e-5)
                    let h = format!("{h:.0e}").parse().unwrap_or(h);
                    self.start_check(h);
                    return;
                }
                self.status = Some(crate::t!(
                    "views-check-h-stays",
                    h = crate::i18n::format::sci(view.report.h),
                    lo = crate::i18n::format::sci(H_RANGE.0),
                    hi = crate::i18n::format::sci(H_RANGE.1)
                ));
            }
            Action::Confirm => {
                view.page = if notes {
                    CheckPage::Matrices
                } else {
                    CheckPage::Notes
                };
            }
            Action::FocusNext => view.select((view.selected + 1) % n),
            Action::FocusPrev => view.select((view.selected + n - 1) % n),
            Action::NextOverTolerance => match view.next_over_tolerance() {
                Some((i, cell)) => {
                    view.selected = i;
                    view.cell = cell;
                    view.page = CheckPage::Matrices;
                }
                None => {
                    self.status = Some(crate::t!("views-check-all-within"));
                }
            },
            Action::Up if notes => view.notes_scroll = view.notes_scroll.saturating_sub(1),
            Action::Down if notes => view.notes_scroll += 1,
            Action::PageUp if notes => {
                view.notes_scroll = view.notes_scroll.saturating_sub(CHECK_PAGE)
            }
            Action::PageDown if notes => view.notes_scroll += CHECK_PAGE,
            Action::Up => view.cell = (r.saturating_sub(1), c),
            Action::Down => view.cell = ((r + 1).min(rows.saturating_sub(1)), c),
            Action::Left => view.cell = (r, c.saturating_sub(1)),
            Action::Right => view.cell = (r, (c + 1).min(cols.saturating_sub(1))),
            Action::PageUp => view.cell = (r.saturating_sub(CHECK_PAGE), c),
            Action::PageDown => view.cell = ((r + CHECK_PAGE).min(rows.saturating_sub(1)), c),
            _ => {}
        }
        self.mode = Mode::Check(view);
    }
}
