//! The worker's loop: commands in, iterations run, progress out at most every [`FRAME`].

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{Command, FRAME, Progress, Training, WorkerEvent, scale_lr};
use crate::tui::ui::train::{FinalPoint, RunState};

/// A worker running on its own thread: the command channel and the thread.
#[derive(Debug)]
pub struct Worker {
    /// Where commands go.
    pub commands: Sender<Command>,
    /// The thread; it ends when `commands` is dropped or the receiver of events goes away.
    pub handle: JoinHandle<()>,
}

/// Start `training` on a new thread (running at once when `run` is true); every event goes to
/// `send`, which returns false when nobody listens any more.
pub fn spawn<T: Training>(
    training: T,
    grid: (usize, usize),
    run: bool,
    send: impl FnMut(WorkerEvent<T::Recorded>) -> bool + Send + 'static,
) -> Worker {
    let (commands, inbox) = mpsc::channel();
    let handle = std::thread::spawn(move || worker_loop(training, grid, run, &inbox, send));
    Worker { commands, handle }
}

/// The loop itself, on the calling thread: until the command channel closes or `send` fails.
pub fn worker_loop<T: Training>(
    training: T,
    grid: (usize, usize),
    run: bool,
    inbox: &Receiver<Command>,
    send: impl FnMut(WorkerEvent<T::Recorded>) -> bool,
) {
    let mut state = Loop {
        training,
        send,
        grid,
        running: None,
        failed: None,
        elapsed: Duration::ZERO,
        sent_losses: 0,
        sent_epochs: 0,
        picture_of: None,
        last_sent: Instant::now(),
        last_iteration: 0,
        final_eval: None,
        speed: None,
        due: None,
    };
    if run {
        state.start();
    }
    if !state.progress() {
        return;
    }
    loop {
        let command = if state.running.is_some() {
            // under a speed limit, wait for the next iteration's time on the command channel,
            // so a key is answered at once and waiting costs no CPU
            let wait = state
                .due
                .map(|due| due.saturating_duration_since(Instant::now()));
            match wait {
                Some(wait) if !wait.is_zero() => match inbox.recv_timeout(wait) {
                    Ok(c) => Some(c),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                },
                _ => match inbox.try_recv() {
                    Ok(c) => Some(c),
                    Err(TryRecvError::Empty) => None,
                    Err(TryRecvError::Disconnected) => return,
                },
            }
        } else {
            match inbox.recv() {
                Ok(c) => Some(c),
                Err(_) => return,
            }
        };
        let alive = match command {
            Some(c) => state.handle(c),
            None => state.iterate(),
        };
        if !alive {
            return;
        }
    }
}

/// The worker's state between iterations.
struct Loop<T: Training, S> {
    training: T,
    send: S,
    grid: (usize, usize),
    /// When the current stretch of running began; `None` when paused.
    running: Option<Instant>,
    failed: Option<String>,
    /// Running time before the current stretch.
    elapsed: Duration,
    sent_losses: usize,
    sent_epochs: usize,
    /// The iteration and grid the last picture was computed for.
    picture_of: Option<(usize, (usize, usize))>,
    last_sent: Instant,
    last_iteration: usize,
    /// The final evaluation, worked out once when the run finishes (none after a restart).
    final_eval: Option<FinalPoint>,
    /// At most this many iterations a second (`None`: as fast as they go).
    speed: Option<f64>,
    /// When the next iteration may run, under a speed limit.
    due: Option<Instant>,
}

impl<T: Training, S: FnMut(WorkerEvent<T::Recorded>) -> bool> Loop<T, S> {
    fn finished(&self) -> bool {
        self.training.iteration() >= self.training.iters()
    }

    fn start(&mut self) {
        if self.running.is_none() && self.failed.is_none() && !self.finished() {
            self.running = Some(Instant::now());
        }
    }

    fn pause(&mut self) {
        if let Some(since) = self.running.take() {
            self.elapsed += since.elapsed();
        }
    }

    /// One iteration while running; a progress message when a frame has passed, the run
    /// finished or failed.
    fn iterate(&mut self) -> bool {
        if let Some(due) = self.due
            && Instant::now() < due
        {
            // woken early (a command came and went): not yet
            return true;
        }
        self.due = self.speed.map(|s| {
            let interval = Duration::from_secs_f64(1.0 / s);
            let now = Instant::now();
            // on schedule from the last due time, unless it fell behind by more than a beat
            match self.due {
                Some(due) if due + interval > now => due + interval,
                _ => now + interval,
            }
        });
        if let Err(e) = self.training.step() {
            self.pause();
            self.failed = Some(format!("{e:#}"));
            return self.progress();
        }
        if self.finished() {
            self.pause();
            return self.progress();
        }
        if self.last_sent.elapsed() >= FRAME {
            return self.progress();
        }
        true
    }

    /// Answer one command, then report where training stands.
    fn handle(&mut self, command: Command) -> bool {
        let result = match command {
            Command::Toggle => {
                if self.running.is_some() {
                    self.pause();
                } else {
                    self.start();
                }
                Ok(())
            }
            Command::Pause => {
                self.pause();
                Ok(())
            }
            Command::Step => {
                self.pause();
                if self.failed.is_none() && !self.finished() {
                    let started = Instant::now();
                    let stepped = self.training.step();
                    self.elapsed += started.elapsed();
                    if let Err(e) = stepped {
                        self.failed = Some(format!("{e:#}"));
                    }
                }
                Ok(())
            }
            Command::ScaleLr(up) => {
                let lr = scale_lr(self.training.lr(), up);
                self.training.set_lr(lr)
            }
            Command::CycleOptimizer => self.training.cycle_optimizer(),
            Command::Speed(speed) => {
                self.speed = speed;
                self.due = None;
                Ok(())
            }
            Command::Restart => {
                self.pause();
                let seed = self.training.seed().wrapping_add(1);
                let restarted = self.training.restart(seed);
                self.failed = None;
                self.elapsed = Duration::ZERO;
                self.sent_losses = 0;
                self.sent_epochs = 0;
                self.picture_of = None;
                self.final_eval = None;
                restarted
            }
            Command::Record => {
                self.pause();
                if !self.progress() {
                    return false;
                }
                match self.training.record_next() {
                    Ok(recorded) => return (self.send)(WorkerEvent::Recorded(Box::new(recorded))),
                    Err(e) => Err(e),
                }
            }
            Command::Grid(cols, rows) => {
                self.grid = (cols, rows);
                Ok(())
            }
            Command::Select(index) => {
                self.training.select(index);
                self.picture_of = None;
                Ok(())
            }
        };
        if let Err(e) = result {
            // A refused setting (say, a learning rate out of range) leaves training as it was.
            if !(self.send)(WorkerEvent::Refused(format!("{e:#}"))) {
                return false;
            }
        }
        self.progress()
    }

    /// Send where training stands: new losses and epochs, speed, and the picture when the
    /// iteration or the grid changed since it was last computed.
    fn progress(&mut self) -> bool {
        let now = Instant::now();
        let iteration = self.training.iteration();
        let window = now.duration_since(self.last_sent).as_secs_f64();
        let elapsed = self.elapsed + self.running.map_or(Duration::ZERO, |s| s.elapsed());
        // Running: the speed since the last message. Paused or finished: the average over the
        // time spent training (not 0, which read as stuck).
        let per_second = match self.running {
            Some(_) if window > 0.0 => {
                iteration.saturating_sub(self.last_iteration) as f64 / window
            }
            None if !elapsed.is_zero() => iteration as f64 / elapsed.as_secs_f64(),
            _ => 0.0,
        };
        let losses = self.training.losses();
        let epochs = self.training.epochs();
        let key = (iteration, self.grid);
        let picture = if self.picture_of == Some(key) {
            None
        } else {
            self.picture_of = Some(key);
            match self.training.picture(self.grid) {
                Ok(p) => p,
                Err(e) => {
                    self.failed = Some(format!("{e:#}"));
                    None
                }
            }
        };
        if self.final_eval.is_none() && self.failed.is_none() && self.finished() {
            match self.training.final_eval() {
                Ok(last) => self.final_eval = Some(last),
                Err(e) => self.failed = Some(format!("{e:#}")),
            }
        }
        let state = match (&self.failed, self.running) {
            (Some(message), _) => RunState::Failed(message.clone()),
            (None, Some(_)) => RunState::Running,
            (None, None) if self.finished() => RunState::Finished,
            (None, None) => RunState::Paused,
        };
        let progress = Progress {
            state,
            iteration,
            losses_from: self.sent_losses.min(losses.len()),
            losses: losses[self.sent_losses.min(losses.len())..].to_vec(),
            epochs_from: self.sent_epochs.min(epochs.len()),
            epochs: epochs[self.sent_epochs.min(epochs.len())..].to_vec(),
            per_second,
            elapsed,
            optimizer: self.training.optimizer(),
            lr: self.training.lr(),
            seed: self.training.seed(),
            picture,
            final_eval: self.final_eval,
            speed: self.speed,
        };
        self.sent_losses = losses.len();
        self.sent_epochs = epochs.len();
        self.last_sent = now;
        self.last_iteration = iteration;
        (self.send)(WorkerEvent::Progress(Box::new(progress)))
    }
}
