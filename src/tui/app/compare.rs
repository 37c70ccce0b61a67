//! The compare screen's state and keys (`backstep compare` on a terminal): one training run per
//! value of the varied setting, each on its own worker, drawn over each other.
//!
//! Every run is a training run as the training screen has one ([`Session`], a [`TrainView`]
//! filled from its worker's messages); the keys act on all of them at once (run or pause, one
//! iteration, speed, restart), except `↑`/`↓`, which pick a run, `h`, which hides or shows the
//! picked run's curves, and `Enter`, which opens the picked run's next iteration in the explorer
//! (`Esc` there comes back).

use std::sync::mpsc::{self, Sender};

use super::{App, Mode};
use crate::preset::Preset;
use crate::tui::action::{Action, TrainMessage};
use crate::tui::app::{Session, TrainJob};
use crate::tui::training::{Command, WorkerEvent, next_speed};
use crate::tui::ui::train::{RunState, TrainView};

/// One compared run: its value, what its worker reported, and the way to its worker.
#[derive(Debug, Clone)]
pub struct ComparedRun {
    /// The value of the varied setting, as written (`sgd`, `0.01`).
    pub value: String,
    /// Where the run stands.
    pub view: TrainView,
    /// Drawn on the charts (`h` hides it).
    pub shown: bool,
    /// The run's preset (an opened iteration is a copy of it with its batch and weights).
    preset: Preset,
    commands: Sender<Command>,
    job: u64,
}

/// The compare screen's state.
#[derive(Debug, Clone)]
pub struct CompareState {
    /// The varied key (`optimizer`).
    pub key: String,
    /// The runs, in the order of the values.
    pub runs: Vec<ComparedRun>,
    /// The picked run: the one `Enter` opens.
    pub picked: usize,
    /// The speed every run is held to (`None`: full speed).
    pub speed: Option<f64>,
    /// `Enter` was pressed; the picked run's recorded iteration is on its way.
    opening: Option<u64>,
    /// The explorer shows an iteration opened from here: `Esc` there comes back.
    showing: bool,
}

impl CompareState {
    /// True while any run is running.
    pub fn running(&self) -> bool {
        self.runs.iter().any(|r| r.view.state == RunState::Running)
    }
}

/// The compared runs' jobs waiting for the event loop.
#[derive(Debug, Default)]
pub(super) struct CompareJobs(pub(super) Vec<TrainJob>);

impl Clone for CompareJobs {
    /// A copy talks to the same workers; jobs not yet started stay with the original.
    fn clone(&self) -> Self {
        CompareJobs(Vec::new())
    }
}

/// A run for [`App::start_compare`]: its value, preset, training loop and first view.
pub struct NewRun {
    /// The value, as written.
    pub value: String,
    /// The run's preset.
    pub preset: Preset,
    /// Its training loop.
    pub session: Session,
    /// Its first view.
    pub view: TrainView,
}

impl App {
    /// Open the compare screen on `runs` of the setting `key`, running at once when `run`.
    pub fn start_compare(&mut self, key: &str, runs: Vec<NewRun>, run: bool) {
        let mut compared = Vec::with_capacity(runs.len());
        for r in runs {
            let (commands, inbox) = mpsc::channel();
            self.trainings.next_id += 1;
            let id = self.trainings.next_id;
            self.compare_jobs
                .0
                .push(TrainJob::new(id, r.session, inbox, (0, 0), run));
            compared.push(ComparedRun {
                value: r.value,
                view: r.view,
                shown: true,
                preset: r.preset,
                commands,
                job: id,
            });
        }
        self.compare = Some(Box::new(CompareState {
            key: key.to_string(),
            runs: compared,
            picked: 0,
            speed: None,
            opening: None,
            showing: false,
        }));
        self.mode = Mode::Compare;
    }

    /// The compare screen's state, when it (or the help over it) is up.
    pub fn compare_view(&self) -> Option<&CompareState> {
        let over = match &self.mode {
            Mode::Compare => true,
            Mode::Help(view) => view.over == Some(crate::tui::keymap::Context::Compare),
            _ => false,
        };
        over.then_some(self.compare.as_deref()).flatten()
    }

    /// The compare state whatever the screen shows (tests read it).
    pub fn compare(&self) -> Option<&CompareState> {
        self.compare.as_deref()
    }

    fn command_all(&mut self, command: Command) {
        let Some(state) = &self.compare else {
            return;
        };
        let stopped = state
            .runs
            .iter()
            .filter(|r| r.commands.send(command).is_err())
            .count();
        if stopped > 0 {
            self.status = Some(crate::t!("cmpui-worker-stopped", runs = stopped));
        }
    }

    /// An action on the compare screen.
    pub(super) fn compare_key(&mut self, action: Action) {
        self.mode = Mode::Compare;
        let Some(state) = self.compare.as_mut() else {
            return;
        };
        let n = state.runs.len().max(1);
        match action {
            Action::RunPause => {
                let command = if state.running() {
                    Command::Pause
                } else {
                    Command::Toggle
                };
                self.command_all(command);
            }
            Action::OneIteration => self.command_all(Command::Step),
            Action::Slower | Action::Faster => {
                let speed = next_speed(state.speed, action == Action::Faster);
                state.speed = speed;
                self.command_all(Command::Speed(speed));
            }
            Action::Restart => self.command_all(Command::Restart),
            Action::Up => state.picked = (state.picked + n - 1) % n,
            Action::Down => state.picked = (state.picked + 1) % n,
            Action::ToggleRun => {
                if let Some(run) = state.runs.get_mut(state.picked) {
                    run.shown = !run.shown;
                }
            }
            Action::Confirm => {
                let Some(run) = state.runs.get(state.picked) else {
                    return;
                };
                let (job, value, iteration) = (run.job, run.value.clone(), run.view.iteration);
                // the picked run records its next iteration; every run waits where it is
                let recorded = run.commands.send(Command::Record).is_ok();
                state.opening = Some(job);
                self.command_all(Command::Pause);
                self.status = Some(if recorded {
                    crate::t!("cmpui-opening", value = value, iteration = iteration)
                } else {
                    crate::t!("cmpui-worker-stopped", runs = 1)
                });
            }
            Action::Help => self.open_help(),
            Action::Back => {
                let quit = crate::tui::keymap::key_for(
                    crate::tui::keymap::Context::Compare,
                    &Action::Quit,
                );
                self.status = Some(crate::t!("cmpui-nothing-to-close", quit = quit));
            }
            _ => {}
        }
    }

    /// A message from a compared run's worker; false when `job` is none of them.
    pub(super) fn compare_message(&mut self, job: u64, message: &TrainMessage) -> bool {
        let Some(state) = self.compare.as_mut() else {
            return false;
        };
        let Some(run) = state.runs.iter_mut().find(|r| r.job == job) else {
            return false;
        };
        match message.0.as_ref() {
            WorkerEvent::Progress(progress) => {
                run.view.apply((**progress).clone());
                if let Some((elapsed, per_second)) = self.trainings.fixed_times {
                    run.view.elapsed = elapsed;
                    run.view.per_second = per_second;
                }
            }
            WorkerEvent::Refused(reason) => self.status = Some(reason.clone()),
            WorkerEvent::Recorded(opened) => {
                if state.opening != Some(job) {
                    return true;
                }
                state.opening = None;
                state.showing = true;
                let mut preset = run.preset.clone();
                preset.network = opened.network.clone();
                preset.inputs = opened.inputs.clone();
                if let Some(t) = &mut preset.training {
                    t.optimizer = Some(opened.optimizer.clone());
                }
                let (run_tape, iter) = (opened.run.clone(), opened.iter);
                self.show_iteration(preset, run_tape, iter);
            }
        }
        true
    }

    /// `Esc` in the explorer showing an iteration opened from the compare screen: back to it.
    /// Returns false when the explorer was not opened from there.
    pub(super) fn back_to_compare(&mut self) -> bool {
        match &mut self.compare {
            Some(state) if state.showing => {
                state.showing = false;
                self.mode = Mode::Compare;
                true
            }
            _ => false,
        }
    }
}
