//! The training screen's state and keys: a [`TrainView`] filled from the worker's messages, the
//! channel that sends the worker commands, and the way to the explorer and back.
//!
//! The training state lives beside the explorer's (not inside [`Mode::Train`]), so the explorer
//! can show an iteration opened from here while training waits where it was: `Enter` asks the
//! worker to pause and record the iteration about to run, and when it arrives the explorer opens
//! on it at its update phase; `Esc` there comes back. Like the gradient check, the App never
//! starts a thread: [`App::take_training_job`] hands the event loop a [`TrainJob`].

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use anyhow::Result;

use super::{App, Mode};
use crate::engine::network::{Inputs, Network};
use crate::engine::optim::Optimizer;
use crate::engine::{Phase, Run};
use crate::preset::Preset;
use crate::t;
use crate::tui::action::{Action, TrainMessage};
use crate::tui::keymap::{Context, key_for};
use crate::tui::training::{Command, Training, WorkerEvent, next_speed, worker_loop};
use crate::tui::ui::train::{
    ConvShow, ConvView, Picture, RunState, TrainAreas, TrainView, grid_size,
};

/// The iteration about to run, as the worker recorded it for the explorer.
#[derive(Debug, Clone)]
pub struct OpenedIteration {
    /// Which iteration (from 0).
    pub iter: usize,
    /// The network with the current weights.
    pub network: Network,
    /// Its mini-batch.
    pub inputs: Inputs,
    /// Forward, backward and the update phase.
    pub run: Run,
    /// The optimizer with its state, so an edit reruns the same update.
    pub optimizer: Optimizer,
}

/// What the worker sends the App.
pub type TrainEvent = WorkerEvent<OpenedIteration>;

/// A training loop the worker can run, boxed.
pub type Session = Box<dyn Training<Recorded = OpenedIteration>>;

/// A training run for a worker thread: the loop, where it takes commands from, and how it starts.
pub struct TrainJob {
    /// Which run this is; its messages carry it.
    pub id: u64,
    session: Session,
    inbox: Receiver<Command>,
    grid: (usize, usize),
    run: bool,
}

impl std::fmt::Debug for TrainJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrainJob")
            .field("id", &self.id)
            .field("grid", &self.grid)
            .field("run", &self.run)
            .finish_non_exhaustive()
    }
}

impl TrainJob {
    /// A job for the worker of run `id`: `session` taking commands from `inbox`, the boundary
    /// map `grid` pixels, running at once when `run`.
    pub(super) fn new(
        id: u64,
        session: Session,
        inbox: Receiver<Command>,
        grid: (usize, usize),
        run: bool,
    ) -> TrainJob {
        TrainJob {
            id,
            session,
            inbox,
            grid,
            run,
        }
    }

    /// Run the worker until the App drops its command channel, sending every event through
    /// `send` as an [`Action::Training`].
    pub fn run(self, send: &(dyn Fn(Action) + Sync)) {
        let id = self.id;
        worker_loop(self.session, self.grid, self.run, &self.inbox, |event| {
            send(Action::Training {
                job: id,
                message: TrainMessage(Arc::new(event)),
            });
            true
        });
    }
}

/// The training screen's state.
#[derive(Debug, Clone)]
pub struct TrainState {
    /// What the screen shows.
    pub view: TrainView,
    /// The training preset (each opened iteration is a copy of it with its batch and weights).
    preset: Preset,
    commands: Sender<Command>,
    job: u64,
    /// The explorer opened this screen (`T`): `Esc` goes back to it.
    from_explorer: bool,
    /// `Enter` was pressed; the recorded iteration is on its way.
    opening: bool,
    /// The explorer shows an iteration opened from here: `Esc` there comes back.
    showing: bool,
}

impl TrainState {
    /// The name of the preset being trained.
    pub fn preset_name(&self) -> &str {
        &self.preset.name
    }

    /// True while the explorer shows an iteration opened from the training screen.
    pub fn showing_iteration(&self) -> bool {
        self.showing
    }
}

/// The training run in progress and the job waiting for the event loop.
#[derive(Debug, Default)]
pub(super) struct Trainings {
    pub(super) state: Option<Box<TrainState>>,
    pending: Option<TrainJob>,
    pub(super) next_id: u64,
    /// Shown instead of the measured time and speed (snapshots need fixed text).
    pub(super) fixed_times: Option<(std::time::Duration, f64)>,
}

impl Clone for Trainings {
    /// A copy talks to the same worker; a job not yet started stays with the original.
    fn clone(&self) -> Self {
        Trainings {
            state: self.state.clone(),
            pending: None,
            next_id: self.next_id,
            fixed_times: self.fixed_times,
        }
    }
}

impl App {
    /// Open the training screen on `session` (a loop built from `preset`, which must be the
    /// App's preset or a training preset), running at once when `run` is true.
    pub fn start_training(&mut self, preset: Preset, session: Session, view: TrainView, run: bool) {
        let (commands, inbox) = mpsc::channel();
        self.trainings.next_id += 1;
        let id = self.trainings.next_id;
        let grid = self.map_grid(&view.picture);
        self.trainings.pending = Some(TrainJob {
            id,
            session,
            inbox,
            grid,
            run,
        });
        self.trainings.state = Some(Box::new(TrainState {
            view,
            preset,
            commands,
            job: id,
            from_explorer: false,
            opening: false,
            showing: false,
        }));
        self.mode = Mode::Train;
    }

    /// Show `elapsed` and `per_second` on the training screen instead of measured ones:
    /// snapshots and tests need fixed text.
    pub fn set_train_times(&mut self, elapsed: std::time::Duration, per_second: f64) {
        self.trainings.fixed_times = Some((elapsed, per_second));
    }

    /// The training run, if one was started.
    pub fn training(&self) -> Option<&TrainState> {
        self.trainings.state.as_deref()
    }

    /// The training job the event loop should start, if `update` asked for one.
    pub fn take_training_job(&mut self) -> Option<TrainJob> {
        self.trainings
            .pending
            .take()
            .or_else(|| self.compare_jobs.0.pop())
    }

    /// The boundary map's pixels at the current terminal size (`(0, 0)` without a map).
    fn map_grid(&self, picture: &Picture) -> (usize, usize) {
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        match (picture, TrainAreas::compute(area, picture)) {
            (Picture::Plane(_), Some(areas)) => grid_size(areas.picture),
            _ => (0, 0),
        }
    }

    fn command(&mut self, command: Command) {
        if let Some(state) = &self.trainings.state {
            if state.commands.send(command).is_err() {
                self.status = Some(t!(
                    "train-worker-stopped",
                    key = key_for(Context::Train, &Action::Restart)
                ));
            }
        }
    }

    /// `T` in the explorer: back to the training run of this preset, or start one.
    pub(super) fn open_training(&mut self) {
        let same = self
            .trainings
            .state
            .as_ref()
            .is_some_and(|s| s.preset.name == self.preset.name);
        if same {
            if let Some(state) = &mut self.trainings.state {
                state.showing = false;
            }
            self.mode = Mode::Train;
            return;
        }
        match session_for(&self.preset) {
            Ok((session, view)) => {
                self.start_training(self.preset.clone(), session, view, true);
                if let Some(state) = &mut self.trainings.state {
                    state.from_explorer = true;
                }
            }
            Err(e) => self.mode = Mode::Error(format!("{e:#}")),
        }
    }

    /// An action on the training screen.
    pub(super) fn train(&mut self, action: Action) {
        self.mode = Mode::Train;
        match action {
            Action::RunPause => self.command(Command::Toggle),
            Action::OneIteration => self.command(Command::Step),
            Action::LrUp => self.command(Command::ScaleLr(true)),
            Action::LrDown => self.command(Command::ScaleLr(false)),
            Action::Slower | Action::Faster => {
                let faster = action == Action::Faster;
                if let Some(state) = &mut self.trainings.state {
                    let speed = next_speed(state.view.speed, faster);
                    // shown at once; the worker's next message says the same
                    state.view.speed = speed;
                    self.status = Some(t!(
                        "train-speed-status",
                        speed = speed_words(speed),
                        slower = key_for(Context::Train, &Action::Slower),
                        faster = key_for(Context::Train, &Action::Faster)
                    ));
                    self.command(Command::Speed(speed));
                }
            }
            Action::NextOptimizer => self.command(Command::CycleOptimizer),
            Action::ToggleGraph => self.next_conv_view(),
            Action::FocusNext | Action::FocusPrev => {
                self.select_image(action == Action::FocusNext);
            }
            Action::Restart => self.command(Command::Restart),
            Action::Confirm => {
                if let Some(state) = &mut self.trainings.state {
                    state.opening = true;
                    self.status = Some(t!("train-opening", i = state.view.iteration.to_string()));
                }
                self.command(Command::Record);
            }
            Action::Help => self.open_help(),
            Action::Back => {
                let from_explorer = self
                    .trainings
                    .state
                    .as_ref()
                    .is_some_and(|s| s.from_explorer);
                if from_explorer {
                    self.command(Command::Pause);
                    self.mode = Mode::Explore;
                } else {
                    self.status = Some(t!(
                        "train-nothing-to-close",
                        key = key_for(Context::Train, &Action::Quit)
                    ));
                }
            }
            _ => {}
        }
    }

    /// The convolution's view of the screen, when the first layer is one.
    fn conv_view(&mut self) -> Option<&mut ConvView> {
        let state = self.trainings.state.as_mut()?;
        match &mut state.view.picture {
            Picture::Images(images) => images.conv.as_deref_mut(),
            _ => None,
        }
    }

    /// `v`: charts → the first layer's filters → the selected image's feature maps → charts.
    fn next_conv_view(&mut self) {
        match self.conv_view() {
            Some(conv) => conv.show = conv.show.next(),
            None => self.no_conv(),
        }
    }

    /// `Tab` / `Shift-Tab`: the next or previous test image's feature maps (wrapping around).
    fn select_image(&mut self, next: bool) {
        let shown = match &self.trainings.state {
            Some(state) => match &state.view.picture {
                Picture::Images(images) => images.samples.len(),
                _ => 0,
            },
            None => 0,
        };
        let Some(conv) = self.conv_view() else {
            self.no_conv();
            return;
        };
        if shown == 0 {
            return;
        }
        conv.selected = if next {
            (conv.selected + 1) % shown
        } else {
            (conv.selected + shown - 1) % shown
        };
        conv.show = ConvShow::Maps;
        let selected = conv.selected;
        self.command(Command::Select(selected));
    }

    /// The conv keys on a network whose first layer is not a convolution.
    fn no_conv(&mut self) {
        self.status = Some(t!(
            "convtrain-no-conv",
            key = key_for(Context::Train, &Action::ToggleGraph)
        ));
    }

    /// `Esc` in the explorer showing an iteration opened from training: back to training.
    /// Returns false when the explorer was not opened from there.
    pub(super) fn back_to_training(&mut self) -> bool {
        if self.back_to_compare() {
            return true;
        }
        match &mut self.trainings.state {
            Some(state) if state.showing => {
                state.showing = false;
                self.mode = Mode::Train;
                true
            }
            _ => false,
        }
    }

    /// The terminal changed size: the boundary map asks for a grid of its new size.
    pub(super) fn train_resized(&mut self) {
        let picture = match &self.trainings.state {
            Some(state) => &state.view.picture,
            None => return,
        };
        let (cols, rows) = self.map_grid(picture);
        if cols > 0 {
            self.command(Command::Grid(cols, rows));
        }
    }

    /// A message from the training worker; those of a replaced run are dropped.
    pub(super) fn training_message(&mut self, job: u64, message: TrainMessage) {
        let Some(state) = self.trainings.state.as_mut() else {
            return;
        };
        if state.job != job {
            return;
        }
        let event = Arc::unwrap_or_clone(message.0);
        match event {
            WorkerEvent::Progress(progress) => {
                state.view.apply(*progress);
                if let Some((elapsed, per_second)) = self.trainings.fixed_times {
                    state.view.elapsed = elapsed;
                    state.view.per_second = per_second;
                }
            }
            WorkerEvent::Refused(reason) => self.status = Some(reason),
            WorkerEvent::Recorded(opened) => {
                if !std::mem::take(&mut state.opening) {
                    return;
                }
                let mut preset = state.preset.clone();
                preset.network = opened.network;
                preset.inputs = opened.inputs;
                if let Some(t) = &mut preset.training {
                    t.optimizer = Some(opened.optimizer);
                }
                state.showing = true;
                let iter = opened.iter;
                self.show_iteration(preset, opened.run, iter);
            }
        }
    }

    /// Put an opened iteration in the explorer, at the first step of its update phase.
    pub(super) fn show_iteration(&mut self, preset: Preset, run: Run, iter: usize) {
        let update = run
            .tape
            .steps
            .iter()
            .position(|s| s.phase == Phase::Update)
            .unwrap_or(0);
        self.open_run(preset, run, update);
        let key = |action| key_for(Context::Explore, &action);
        self.status = Some(t!(
            "train-opened",
            i = iter.to_string(),
            forward = key(Action::ForwardStart),
            backward = key(Action::BackwardStart),
            back = key(Action::Back)
        ));
    }

    /// The training view, when the training screen (or a popup over it) is up.
    pub fn train_view(&self) -> Option<&TrainView> {
        let over_training = match &self.mode {
            Mode::Train => true,
            Mode::Help(view) => view.over == Some(Context::Train),
            _ => false,
        };
        over_training
            .then(|| self.trainings.state.as_ref().map(|s| &s.view))
            .flatten()
    }

    /// True when the training run has stopped for good (finished or failed).
    pub fn training_stopped(&self) -> bool {
        self.training()
            .is_some_and(|s| matches!(s.view.state, RunState::Finished | RunState::Failed(_)))
    }
}

/// `10 it/s at most` or `full`.
pub fn speed_words(speed: Option<f64>) -> String {
    speed.map_or_else(
        || t!("train-speed-full"),
        |s| t!("train-speed-at-most", s = s.to_string()),
    )
}

/// The training loop and the first view for a preset with a `[train]` section.
pub fn session_for(preset: &Preset) -> Result<(Session, TrainView)> {
    crate::tui::training::session(preset)
}
