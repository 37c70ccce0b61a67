//! The search screen's state and keys (`backstep search` on a terminal): the book's
//! hyperparameter search (6.5) running on a worker thread, its trials listed best first as they
//! end, with their validation curves.
//!
//! The search itself is the engine's ([`search_watched`]), the same as the headless command's:
//! its trials spread over the cores and report each epoch and each finished trial, which arrive
//! here as [`Action::Search`]. `↑`/`↓` (and the page keys) pick a trial; the pick follows the
//! trial, not its rank, as better ones arrive. `Esc` cancels a running search: the trials that
//! ended stay listed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{App, Mode};
use crate::engine::data::Dataset;
use crate::engine::network::Network;
use crate::engine::search::{SearchEvent, SearchSpec, Trial, Watch, rank, search_watched};
use crate::engine::train::TrainConfig;
use crate::preset::Preset;
use crate::t;
use crate::tui::action::{Action, SearchMessage};

/// What the search worker sends: an event of the engine's search, or its end (an error's text).
#[derive(Debug, Clone, PartialEq)]
pub enum SearchUpdate {
    /// An epoch or a trial ended.
    Event(SearchEvent),
    /// The search ended: every trial ran, it was cancelled, or it failed (why).
    Done(Result<(), String>),
}

/// Where the search stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchRun {
    /// Trials are training.
    Running,
    /// `Esc` was pressed; the trials running stop at their next iteration.
    Cancelling,
    /// Every trial ran.
    Finished,
    /// Cancelled: the trials that ended are listed, the rest never ran or were stopped.
    Cancelled,
    /// A trial failed (the error).
    Failed(String),
}

/// The search screen's state.
#[derive(Debug, Clone)]
pub struct SearchState {
    /// The preset's name, e.g. `train-digits`.
    pub preset: String,
    /// The preset's title.
    pub title: String,
    /// The data set's name.
    pub data: String,
    /// Training rows each trial trains on (after the hold-out).
    pub train_rows: usize,
    /// Validation rows held out.
    pub validation: usize,
    /// The random seed of the data, the hold-out, the draws and the mini-batches.
    pub seed: u64,
    /// What is searched: trials, epochs, ranges.
    pub spec: SearchSpec,
    /// The data's classes (guessing is right once in so many).
    pub classes: usize,
    /// The preset's own learning rate.
    pub preset_lr: f64,
    /// The trials that ended, best first.
    pub ranked: Vec<Trial>,
    /// Epochs ended over all trials.
    pub epochs_done: usize,
    /// Running, finished, cancelled or failed.
    pub run: SearchRun,
    /// The picked trial's number in drawing order; `None`: the best, whichever it is.
    pub picked: Option<usize>,
    job: u64,
    cancel: Arc<AtomicBool>,
}

impl SearchState {
    /// The picked trial's rank (0 = best), when any trial has ended.
    pub fn picked_rank(&self) -> Option<usize> {
        if self.ranked.is_empty() {
            return None;
        }
        Some(
            self.picked
                .and_then(|index| self.ranked.iter().position(|t| t.index == index))
                .unwrap_or(0),
        )
    }

    /// True while trials train.
    pub fn running(&self) -> bool {
        matches!(self.run, SearchRun::Running | SearchRun::Cancelling)
    }
}

/// The search the event loop runs on a worker thread.
pub struct SearchJob {
    /// Which search; its messages carry it.
    pub id: u64,
    network: Network,
    data: Arc<Dataset>,
    config: TrainConfig,
    spec: SearchSpec,
    cancel: Arc<AtomicBool>,
}

impl std::fmt::Debug for SearchJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchJob").field("id", &self.id).finish()
    }
}

impl SearchJob {
    /// Run the search, sending each event and finally its end through `send` (called from the
    /// trials' threads, hence `Sync`).
    pub fn run(self, send: &(dyn Fn(Action) + Sync)) {
        let id = self.id;
        let message = |update: SearchUpdate| Action::Search {
            job: id,
            message: SearchMessage(Arc::new(update)),
        };
        let report = |event: SearchEvent| send(message(SearchUpdate::Event(event)));
        let watch = Watch {
            report: &report,
            cancel: &self.cancel,
        };
        let ended = search_watched(&self.network, &self.data, self.config, &self.spec, watch)
            .map(|_| ())
            .map_err(|e| format!("{e:#}"));
        send(message(SearchUpdate::Done(ended)));
    }
}

/// A search not yet started, waiting for the event loop.
#[derive(Debug, Default)]
pub(super) struct SearchJobs(Option<SearchJob>);

impl Clone for SearchJobs {
    /// A copy has no job to start: the original starts it.
    fn clone(&self) -> Self {
        SearchJobs(None)
    }
}

/// The rows `PageUp`/`PageDown` move the pick by.
const PAGE: usize = 10;

impl App {
    /// Open the search screen on `preset` (one with a `[train]` section) searching `spec`; the
    /// event loop starts the search ([`App::take_search_job`]). `validation` is the rows held
    /// out.
    pub fn start_search(&mut self, preset: &Preset, spec: SearchSpec, validation: usize) {
        let Some(training) = &preset.training else {
            self.mode = Mode::Error(t!(
                "ch6b-search-no-train",
                preset = preset.source.describe()
            ));
            return;
        };
        self.trainings.next_id += 1;
        let id = self.trainings.next_id;
        let cancel = Arc::new(AtomicBool::new(false));
        let rows = training.data.train.rows();
        self.search = Some(Box::new(SearchState {
            preset: preset.name.clone(),
            title: preset.title.clone(),
            data: training.data.name.clone(),
            train_rows: rows.saturating_sub(validation),
            validation,
            seed: training.config.seed,
            spec: spec.clone(),
            classes: training.data.classes,
            preset_lr: training.config.optimizer.lr,
            ranked: Vec::new(),
            epochs_done: 0,
            run: SearchRun::Running,
            picked: None,
            job: id,
            cancel: cancel.clone(),
        }));
        self.search_jobs = SearchJobs(Some(SearchJob {
            id,
            network: preset.network.clone(),
            data: training.data.clone(),
            config: training.config,
            spec,
            cancel,
        }));
        self.mode = Mode::Search;
    }

    /// The search waiting to start, if any: the event loop runs it on a worker thread.
    pub fn take_search_job(&mut self) -> Option<SearchJob> {
        self.search_jobs.0.take()
    }

    /// The search screen's state, when it (or the help over it) is up.
    pub fn search_view(&self) -> Option<&SearchState> {
        let over = match &self.mode {
            Mode::Search => true,
            Mode::Help(view) => view.over == Some(crate::tui::keymap::Context::Search),
            _ => false,
        };
        over.then_some(self.search.as_deref()).flatten()
    }

    /// The search state whatever the screen shows (tests read it).
    pub fn search(&self) -> Option<&SearchState> {
        self.search.as_deref()
    }

    /// Stop a running search (quitting, or `Esc`).
    pub(super) fn cancel_search(&mut self) {
        self.search_jobs.0 = None;
        if let Some(state) = self.search.as_mut()
            && state.run == SearchRun::Running
        {
            state.cancel.store(true, Ordering::Relaxed);
            state.run = SearchRun::Cancelling;
        }
    }

    /// An action on the search screen.
    pub(super) fn search_key(&mut self, action: Action) {
        self.mode = Mode::Search;
        let Some(state) = self.search.as_mut() else {
            return;
        };
        let n = state.ranked.len();
        let at = state.picked_rank();
        let to = |rank: usize| state.ranked.get(rank).map(|t| t.index);
        let picked = match (action.clone(), at) {
            (Action::Up, Some(r)) => to(r.saturating_sub(1)),
            (Action::Down, Some(r)) => to((r + 1).min(n.saturating_sub(1))),
            (Action::PageUp, Some(r)) => to(r.saturating_sub(PAGE)),
            (Action::PageDown, Some(r)) => to((r + PAGE).min(n.saturating_sub(1))),
            (Action::FirstStep, Some(_)) => to(0),
            (Action::LastStep, Some(_)) => to(n.saturating_sub(1)),
            _ => None,
        };
        if picked.is_some() {
            state.picked = picked;
            return;
        }
        match action {
            Action::Back if state.run == SearchRun::Running => {
                self.cancel_search();
                self.status = Some(t!("srchui-cancelling"));
            }
            Action::Back => {
                let quit =
                    crate::tui::keymap::key_for(crate::tui::keymap::Context::Search, &Action::Quit);
                self.status = Some(t!("srchui-nothing-to-cancel", quit = quit));
            }
            Action::Help => self.open_help(),
            _ => {}
        }
    }

    /// A message from the search worker `job` (one of an older search is dropped).
    pub(super) fn search_message(&mut self, job: u64, message: &SearchMessage) {
        let Some(state) = self.search.as_mut() else {
            return;
        };
        if state.job != job {
            return;
        }
        match message.0.as_ref() {
            SearchUpdate::Event(SearchEvent::Epoch { .. }) => state.epochs_done += 1,
            SearchUpdate::Event(SearchEvent::Trial(trial)) => {
                state.ranked.push(trial.clone());
                rank(&mut state.ranked);
            }
            SearchUpdate::Done(Ok(())) => {
                let cut_short = state.ranked.len() < state.spec.trials;
                state.run = if cut_short && state.cancel.load(Ordering::Relaxed) {
                    SearchRun::Cancelled
                } else {
                    SearchRun::Finished
                };
                // "cancelling…" is over: the status line says how it ended
                if self.status.as_deref() == Some(t!("srchui-cancelling").as_str()) {
                    self.status = None;
                }
            }
            SearchUpdate::Done(Err(e)) => state.run = SearchRun::Failed(e.clone()),
        }
    }
}
