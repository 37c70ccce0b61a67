//! The worker with a stand-in training loop: commands, pacing, pausing, restarting, recording.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use super::*;
use crate::tui::ui::train::{FinalPoint, ImageSample, ImagesView, PlaneView};

/// A loop whose loss after iteration i is 1 / (i + 1), an epoch every 10 iterations, and which
/// sleeps `pace` per iteration.
#[derive(Debug, Clone)]
struct Fake {
    iter: usize,
    iters: usize,
    losses: Vec<f64>,
    lr: f64,
    optimizer: usize,
    seed: u64,
    pace: Duration,
    fail_at: Option<usize>,
}

fn fake(iters: usize) -> Fake {
    Fake {
        iter: 0,
        iters,
        losses: Vec::new(),
        lr: 0.1,
        optimizer: 0,
        seed: 0,
        pace: Duration::ZERO,
        fail_at: None,
    }
}

const NAMES: [&str; 4] = ["sgd", "momentum", "adagrad", "adam"];

impl Training for Fake {
    type Recorded = (usize, f64);

    fn step(&mut self) -> Result<()> {
        if self.fail_at == Some(self.iter) {
            bail!("the loss became NaN at iteration {}", self.iter);
        }
        std::thread::sleep(self.pace);
        self.iter += 1;
        self.losses.push(1.0 / self.iter as f64);
        Ok(())
    }
    fn iteration(&self) -> usize {
        self.iter
    }
    fn iters(&self) -> usize {
        self.iters
    }
    fn losses(&self) -> &[f64] {
        &self.losses
    }
    fn epochs(&self) -> Vec<EpochPoint> {
        (0..self.iter)
            .step_by(10)
            .map(|i| EpochPoint {
                iter: i,
                train_acc: 0.5,
                test_acc: None,
            })
            .collect()
    }
    fn lr(&self) -> f64 {
        self.lr
    }
    fn set_lr(&mut self, lr: f64) -> Result<()> {
        if lr > 5.0 {
            bail!("lr {lr} is too large");
        }
        self.lr = lr;
        Ok(())
    }
    fn optimizer(&self) -> &'static str {
        NAMES[self.optimizer]
    }
    fn cycle_optimizer(&mut self) -> Result<()> {
        self.optimizer = (self.optimizer + 1) % 4;
        Ok(())
    }
    fn seed(&self) -> u64 {
        self.seed
    }
    fn restart(&mut self, seed: u64) -> Result<()> {
        self.seed = seed;
        self.iter = 0;
        self.losses.clear();
        Ok(())
    }
    fn picture(&self, grid: (usize, usize)) -> Result<Option<PictureUpdate>> {
        Ok(Some(PictureUpdate::Plane(ClassGrid {
            cols: grid.0,
            rows: grid.1,
            classes: vec![self.iter % 3; grid.0 * grid.1],
        })))
    }
    fn record_next(&self) -> Result<(usize, f64)> {
        Ok((self.iter, self.lr))
    }
    fn final_eval(&self) -> Result<FinalPoint> {
        // not the epochs' 0.5: the final evaluation is its own measurement
        Ok(FinalPoint {
            iterations: self.iter,
            loss: self.losses.last().copied(),
            train_acc: 0.75,
            test_acc: None,
        })
    }
}

type Event = WorkerEvent<(usize, f64)>;

fn start(training: Fake, run: bool) -> (Worker, Receiver<Event>) {
    let (tx, rx) = mpsc::channel();
    let worker = spawn(training, (4, 2), run, move |e| tx.send(e).is_ok());
    (worker, rx)
}

fn progress(rx: &Receiver<Event>) -> Progress {
    match rx.recv_timeout(Duration::from_secs(5)) {
        Ok(WorkerEvent::Progress(p)) => *p,
        other => panic!("expected progress, got {other:?}"),
    }
}

/// Every progress message until the state is not Running.
fn until_stopped(rx: &Receiver<Event>) -> Vec<Progress> {
    let mut seen = Vec::new();
    loop {
        let p = progress(rx);
        let stop = p.state != RunState::Running;
        seen.push(p);
        if stop {
            return seen;
        }
    }
}

#[test]
fn paused_worker_steps_one_iteration_per_command() {
    let (worker, rx) = start(fake(100), false);
    let first = progress(&rx);
    assert_eq!(
        (first.state.clone(), first.iteration),
        (RunState::Paused, 0)
    );
    // nothing has run yet: no speed (not 0 / 0 = NaN)
    assert_eq!((first.per_second, first.elapsed), (0.0, Duration::ZERO));
    assert_eq!(
        first.picture,
        Some(PictureUpdate::Plane(ClassGrid {
            cols: 4,
            rows: 2,
            classes: vec![0; 8]
        }))
    );
    worker.commands.send(Command::Step).unwrap();
    let p = progress(&rx);
    assert_eq!(p.iteration, 1);
    assert_eq!((p.losses_from, p.losses.clone()), (0, vec![1.0]));
    assert_eq!(p.epochs.len(), 1);
    worker.commands.send(Command::Step).unwrap();
    let p = progress(&rx);
    assert_eq!((p.iteration, p.losses_from, p.losses), (2, 1, vec![0.5]));
    assert_eq!((p.epochs_from, p.epochs.len()), (1, 0));
    // paused: nothing more arrives
    assert!(rx.recv_timeout(Duration::from_millis(150)).is_err());
    drop(worker.commands);
    worker.handle.join().unwrap();
}

#[test]
fn running_sends_at_most_one_progress_per_frame_and_pause_stops_it() {
    let mut slow = fake(1_000_000);
    slow.pace = Duration::from_micros(200);
    let (worker, rx) = start(slow, true);
    let started = Instant::now();
    let mut messages = 0;
    let mut speeds = Vec::new();
    while started.elapsed() < Duration::from_millis(400) {
        if let Ok(event) = rx.recv_timeout(Duration::from_millis(50)) {
            messages += 1;
            if let WorkerEvent::Progress(p) = event
                && p.iteration > 0
            {
                speeds.push(p.per_second);
            }
        }
    }
    // running, each message carries the speed since the one before: at most one iteration per
    // 200 µs, and far above 0 (a stall of 33 ms an iteration would be needed to fall under 30)
    assert!(!speeds.is_empty());
    for s in &speeds {
        assert!((30.0..=5_000.0).contains(s), "{s} it/s in {speeds:?}");
    }
    // 400 ms at one per 33 ms is at most ~13 (plus the first)
    assert!(messages <= 15, "{messages} messages in 400 ms");
    assert!(messages >= 3, "{messages} messages in 400 ms");
    worker.commands.send(Command::Toggle).unwrap();
    let stopped = until_stopped(&rx);
    let last = stopped.last().unwrap();
    assert_eq!(last.state, RunState::Paused);
    assert!(last.iteration > 100, "ran {} iterations", last.iteration);
    assert!(last.elapsed >= Duration::from_millis(300));
    assert!(rx.recv_timeout(Duration::from_millis(150)).is_err());
    // stepping from where it stopped
    worker.commands.send(Command::Step).unwrap();
    assert_eq!(progress(&rx).iteration, last.iteration + 1);
    drop(worker.commands);
    worker.handle.join().unwrap();
}

#[test]
fn a_run_ends_finished_with_every_loss_sent_once() {
    let (worker, rx) = start(fake(500), true);
    let all = until_stopped(&rx);
    let last = all.last().unwrap();
    assert_eq!(
        (last.state.clone(), last.iteration),
        (RunState::Finished, 500)
    );
    // finished, the speed is the run's average (not 0, which read as stuck)
    assert!(!last.elapsed.is_zero());
    let average = 500.0 / last.elapsed.as_secs_f64();
    assert!(
        (last.per_second - average).abs() <= 1e-9 * average,
        "{} against {average}",
        last.per_second
    );
    // the final evaluation comes with the finished state, and only then
    assert_eq!(
        last.final_eval,
        Some(FinalPoint {
            iterations: 500,
            loss: Some(1.0 / 500.0),
            train_acc: 0.75,
            test_acc: None
        })
    );
    assert!(all[..all.len() - 1].iter().all(|p| p.final_eval.is_none()));
    let mut view = TrainView::default();
    for p in all {
        view.apply(p);
    }
    assert_eq!(view.final_eval.map(|f| f.train_acc), Some(0.75));
    assert_eq!(view.losses.len(), 500);
    assert_eq!(view.losses[499], 1.0 / 500.0);
    assert_eq!(view.epochs.len(), 50);
    // finished: Space and → do nothing more
    worker.commands.send(Command::Toggle).unwrap();
    assert_eq!(progress(&rx).state, RunState::Finished);
    worker.commands.send(Command::Step).unwrap();
    assert_eq!(progress(&rx).iteration, 500);
    // a restart forgets it
    worker.commands.send(Command::Restart).unwrap();
    assert_eq!(progress(&rx).final_eval, None);
    drop(worker.commands);
    worker.handle.join().unwrap();
}

#[test]
fn settings_restart_and_record() {
    let (worker, rx) = start(fake(100), false);
    progress(&rx);
    for _ in 0..3 {
        worker.commands.send(Command::Step).unwrap();
        progress(&rx);
    }
    worker.commands.send(Command::ScaleLr(true)).unwrap();
    assert_eq!(progress(&rx).lr, 0.2);
    worker.commands.send(Command::CycleOptimizer).unwrap();
    assert_eq!(progress(&rx).optimizer, "momentum");
    worker.commands.send(Command::Record).unwrap();
    let p = progress(&rx);
    assert_eq!(p.iteration, 3);
    match rx.recv_timeout(Duration::from_secs(5)) {
        Ok(WorkerEvent::Recorded(r)) => assert_eq!(*r, (3, 0.2)),
        other => panic!("expected the recorded iteration, got {other:?}"),
    }
    // recording changed nothing
    worker.commands.send(Command::Step).unwrap();
    assert_eq!(progress(&rx).iteration, 4);
    worker.commands.send(Command::Restart).unwrap();
    let p = progress(&rx);
    assert_eq!((p.iteration, p.seed, p.losses_from), (0, 1, 0));
    assert!(p.losses.is_empty());
    assert_eq!(p.state, RunState::Paused);
    // a refused lr: an error event, training unchanged
    for _ in 0..4 {
        worker.commands.send(Command::ScaleLr(true)).unwrap();
        progress(&rx);
    }
    worker.commands.send(Command::ScaleLr(true)).unwrap();
    match rx.recv_timeout(Duration::from_secs(5)) {
        Ok(WorkerEvent::Refused(m)) => assert_eq!(m, "lr 10 is too large"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(progress(&rx).lr, 5.0);
    drop(worker.commands);
    worker.handle.join().unwrap();
}

#[test]
fn a_failing_iteration_stops_with_its_message() {
    let mut failing = fake(100);
    failing.fail_at = Some(7);
    let (worker, rx) = start(failing, true);
    let last = until_stopped(&rx).pop().unwrap();
    assert_eq!(
        last.state,
        RunState::Failed("the loss became NaN at iteration 7".into())
    );
    assert_eq!(last.iteration, 7);
    worker.commands.send(Command::Toggle).unwrap();
    assert!(matches!(progress(&rx).state, RunState::Failed(_)));
    drop(worker.commands);
    worker.handle.join().unwrap();
}

#[test]
fn the_worker_stops_when_nobody_listens() {
    let (worker, rx) = start(fake(usize::MAX), true);
    progress(&rx);
    drop(rx);
    worker.handle.join().unwrap();
}

#[test]
fn lr_moves_on_the_one_two_five_scale() {
    assert_eq!(scale_lr(0.1, true), 0.2);
    assert_eq!(scale_lr(0.2, true), 0.5);
    assert_eq!(scale_lr(0.5, true), 1.0);
    assert_eq!(scale_lr(1.0, false), 0.5);
    assert_eq!(scale_lr(0.001, false), 0.0005);
    assert_eq!(scale_lr(0.3, true), 0.5);
    assert_eq!(scale_lr(0.3, false), 0.2);
    assert_eq!(scale_lr(9.0, true), 10.0);
    assert_eq!(scale_lr(0.0, true), 0.1);
}

#[test]
fn apply_fills_the_picture() {
    let mut view = TrainView {
        picture: Picture::Images(ImagesView {
            side: 2,
            samples: vec![
                ImageSample {
                    pixels: vec![0.0; 4],
                    predicted: 0,
                    truth: 1,
                };
                2
            ],
            weights: vec![],
            conv: None,
        }),
        ..TrainView::default()
    };
    let mut p = Progress {
        state: RunState::Running,
        iteration: 1,
        losses_from: 0,
        losses: vec![0.7],
        epochs_from: 0,
        epochs: vec![],
        per_second: 10.0,
        elapsed: Duration::from_secs(1),
        optimizer: "adam",
        lr: 0.001,
        seed: 3,
        final_eval: None,
        speed: None,
        picture: Some(PictureUpdate::Images {
            predicted: vec![1, 2],
            weights: vec![vec![0.5; 4]],
            conv: None,
        }),
    };
    view.apply(p.clone());
    let Picture::Images(images) = &view.picture else {
        panic!("images");
    };
    assert_eq!(images.samples[0].predicted, 1);
    assert_eq!(images.samples[1].predicted, 2);
    assert_eq!(images.weights.len(), 1);
    assert_eq!((view.optimizer.as_str(), view.seed), ("adam", 3));
    // a plane update does not apply to images
    p.picture = Some(PictureUpdate::Plane(ClassGrid::default()));
    view.apply(p);
    assert!(matches!(view.picture, Picture::Images(_)));
    let mut plane = TrainView {
        picture: Picture::Plane(PlaneView::default()),
        ..TrainView::default()
    };
    plane.apply(Progress {
        picture: Some(PictureUpdate::Plane(ClassGrid {
            cols: 1,
            rows: 1,
            classes: vec![2],
        })),
        ..progress_default()
    });
    let Picture::Plane(plane) = &plane.picture else {
        panic!("plane");
    };
    assert_eq!(plane.grid.at(0, 0), Some(2));
}

fn progress_default() -> Progress {
    Progress {
        state: RunState::Paused,
        iteration: 0,
        losses_from: 0,
        losses: vec![],
        epochs_from: 0,
        epochs: vec![],
        per_second: 0.0,
        elapsed: Duration::ZERO,
        optimizer: "sgd",
        lr: 0.1,
        seed: 0,
        picture: None,
        final_eval: None,
        speed: None,
    }
}

#[test]
fn a_speed_limit_paces_iterations_and_commands_are_answered_at_once() {
    let (worker, rx) = start(fake(1_000_000), false);
    progress(&rx);
    worker.commands.send(Command::Speed(Some(10.0))).unwrap();
    assert_eq!(progress(&rx).speed, Some(10.0));
    worker.commands.send(Command::Toggle).unwrap();
    let started = Instant::now();
    let mut last = 0;
    while started.elapsed() < Duration::from_millis(550) {
        if let Ok(WorkerEvent::Progress(p)) = rx.recv_timeout(Duration::from_millis(50)) {
            last = p.iteration;
        }
    }
    // 10 a second for about half a second: 5 or 6, not thousands
    assert!(
        (4..=7).contains(&last),
        "{last} iterations in 550 ms at 10 it/s"
    );
    // a pause is answered before the next beat (100 ms away)
    let asked = Instant::now();
    worker.commands.send(Command::Toggle).unwrap();
    let stopped = until_stopped(&rx).pop().unwrap();
    assert_eq!(stopped.state, RunState::Paused);
    assert!(
        asked.elapsed() < Duration::from_millis(60),
        "{:?}",
        asked.elapsed()
    );
    // full speed again
    worker.commands.send(Command::Speed(None)).unwrap();
    assert_eq!(progress(&rx).speed, None);
    drop(worker.commands);
    worker.handle.join().unwrap();
}

#[test]
fn speeds_step_from_full_down_to_one_and_back() {
    assert_eq!(next_speed(None, false), Some(1000.0));
    assert_eq!(next_speed(Some(1000.0), false), Some(100.0));
    assert_eq!(next_speed(Some(1.0), false), Some(1.0));
    assert_eq!(next_speed(Some(1.0), true), Some(10.0));
    assert_eq!(next_speed(Some(1000.0), true), None);
    assert_eq!(next_speed(None, true), None);
}
