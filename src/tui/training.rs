//! The training worker: a thread that owns the training loop, takes [`Command`]s from the
//! screen and sends back [`WorkerEvent`]s (progress, the recorded iteration, a failure).
//!
//! The worker is written against the [`Training`] trait (what it needs from a loop), so its
//! timing rules are tested with a stand-in as well as with the engine's trainer:
//! - while running it runs iterations and sends a [`Progress`] at most every
//!   [`FRAME`] (≈30 a second), so the screen redraws at most that often however fast training is;
//! - while paused or finished it blocks on its command channel: no CPU, no messages;
//! - commands are answered between two iterations, in the order they were sent;
//! - when the screen goes away (the channel closes, or sending fails) it stops.
//!
//! Nothing here draws: the screen turns each event into an `Action` for `App::update`.

pub mod conv;
mod session;
mod worker;

use std::time::Duration;

use anyhow::Result;

pub use session::{SAMPLES, session};
pub use worker::{Worker, spawn, worker_loop};

use super::ui::train::{
    ClassGrid, EpochPoint, FeatureMaps, FinalPoint, Picture, RunState, SmallImages, TrainView,
};

/// The speeds the screen offers, slowest first; after the last comes full speed (`None`).
pub const SPEEDS: [f64; 4] = [1.0, 10.0, 100.0, 1000.0];

/// The next speed up (`faster`) or down from `now` (`None` = full speed).
pub fn next_speed(now: Option<f64>, faster: bool) -> Option<f64> {
    match (now, faster) {
        (None, true) => None,
        (None, false) => SPEEDS.last().copied(),
        (Some(s), true) => SPEEDS.iter().copied().find(|&v| v > s),
        (Some(s), false) => SPEEDS.iter().rev().copied().find(|&v| v < s).or(Some(s)),
    }
}

/// The shortest time between two progress messages while running (≈30 per second).
pub const FRAME: Duration = Duration::from_millis(33);

/// What the worker needs from a training loop: one iteration at a time, the history, the
/// settings the keys change, the predictions the screen draws, and the iteration about to run.
pub trait Training: Send + 'static {
    /// What [`Training::record_next`] returns (for the explorer).
    type Recorded: Send + 'static;

    /// Run one iteration.
    fn step(&mut self) -> Result<()>;
    /// Iterations run so far (the index of the next one).
    fn iteration(&self) -> usize;
    /// Iterations to run in all.
    fn iters(&self) -> usize;
    /// The loss of every iteration so far.
    fn losses(&self) -> &[f64];
    /// The accuracies measured so far.
    fn epochs(&self) -> Vec<EpochPoint>;
    /// The learning rate.
    fn lr(&self) -> f64;
    /// Change the learning rate from the next iteration on.
    fn set_lr(&mut self, lr: f64) -> Result<()>;
    /// The optimizer's name (`sgd`, …).
    fn optimizer(&self) -> &'static str;
    /// Switch to the next optimizer, at its default learning rate (SGD 0.1 as train_neuralnet.py,
    /// the others as common/optimizer.py).
    fn cycle_optimizer(&mut self) -> Result<()>;
    /// The seed of the mini-batch order.
    fn seed(&self) -> u64;
    /// Back to iteration 0 with the initial weights and the mini-batch order of `seed`.
    fn restart(&mut self, seed: u64) -> Result<()>;
    /// What changed in the picture: predicted classes on a `cols × rows` grid (2-D data), or
    /// the test samples' predictions and the first layer's weights (images); `None` for neither.
    fn picture(&self, grid: (usize, usize)) -> Result<Option<PictureUpdate>>;
    /// Draw the feature maps of test image `index` in the pictures from now on (a network whose
    /// first layer is a convolution); the others ignore it.
    fn select(&mut self, _index: usize) {}
    /// Record the iteration about to run, without changing anything.
    fn record_next(&self) -> Result<Self::Recorded>;
    /// The final evaluation (`backstep train`'s `final`): the last loss and the accuracies on
    /// the whole sets with the current weights.
    fn final_eval(&self) -> Result<FinalPoint>;
}

/// What the worker is asked to do.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Command {
    /// Run if paused, pause if running.
    Toggle,
    /// Pause (no-op when paused).
    Pause,
    /// Run exactly one iteration (pauses first).
    Step,
    /// Multiply (`true`) or divide the learning rate by one step of 1–2–5.
    ScaleLr(bool),
    /// Run at most this many iterations a second (`None`: as fast as it goes).
    Speed(Option<f64>),
    /// The next optimizer.
    CycleOptimizer,
    /// Back to iteration 0 with the next seed, paused.
    Restart,
    /// Pause and record the iteration about to run.
    Record,
    /// The boundary map is now `cols × rows` pixels.
    Grid(usize, usize),
    /// Draw the feature maps of test image k (a convolution first).
    Select(usize),
}

/// The picture's changing part.
#[derive(Debug, Clone, PartialEq)]
pub enum PictureUpdate {
    /// The predicted class over the plane.
    Plane(ClassGrid),
    /// Predicted labels of the test samples (in order) and the first layer's weights.
    Images {
        /// One per sample shown.
        predicted: Vec<usize>,
        /// Each hidden unit's weights.
        weights: Vec<Vec<f64>>,
        /// A convolution first: its filters now and the selected image's feature maps.
        conv: Option<Box<ConvUpdate>>,
    },
}

/// The changing part of a convolution's pictures.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvUpdate {
    /// The first layer's filters now.
    pub filters: SmallImages,
    /// The selected test image's feature maps.
    pub maps: Option<FeatureMaps>,
}

/// Where training stands, sent at most every [`FRAME`] while running and after every command.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Running, paused, finished or failed.
    pub state: RunState,
    /// Iterations run so far.
    pub iteration: usize,
    /// The index of the first loss in `losses` (0 after a restart).
    pub losses_from: usize,
    /// Losses since the last progress message.
    pub losses: Vec<f64>,
    /// The index of the first epoch in `epochs`.
    pub epochs_from: usize,
    /// Epochs since the last progress message.
    pub epochs: Vec<EpochPoint>,
    /// Iterations per second over the last stretch of running (0 when not running).
    pub per_second: f64,
    /// Time spent running since the (re)start.
    pub elapsed: Duration,
    /// The optimizer.
    pub optimizer: &'static str,
    /// The learning rate.
    pub lr: f64,
    /// The seed.
    pub seed: u64,
    /// The iterations-per-second limit (`None`: full speed).
    pub speed: Option<f64>,
    /// New predictions for the picture, when it has one.
    pub picture: Option<PictureUpdate>,
    /// The final evaluation, once every iteration has run.
    pub final_eval: Option<FinalPoint>,
}

/// What the worker sends.
#[derive(Debug, Clone)]
pub enum WorkerEvent<R> {
    /// Where training stands.
    Progress(Box<Progress>),
    /// The iteration about to run, as asked by [`Command::Record`].
    Recorded(Box<R>),
    /// A command was refused (training goes on as before): the message says why.
    Refused(String),
}

/// The next learning rate up (`up`) or down on the 1–2–5 scale: 0.1 → 0.2 → 0.5 → 1; a value
/// between two steps goes to the nearer step in that direction.
pub fn scale_lr(lr: f64, up: bool) -> f64 {
    if !(lr.is_finite() && lr > 0.0) {
        return 0.1;
    }
    let decade = 10f64.powf(lr.log10().floor() - 1.0);
    let steps: Vec<f64> = (0..4)
        .flat_map(|k| [1.0, 2.0, 5.0].map(|m| m * decade * 10f64.powi(k)))
        .collect();
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b;
    let next = if up {
        steps.iter().find(|&&s| s > lr && !close(s, lr))
    } else {
        steps.iter().rev().find(|&&s| s < lr && !close(s, lr))
    };
    // round away floating noise: 0.2 not 0.20000000000000004
    next.map_or(lr, |s| format!("{s:.1e}").parse().unwrap_or(*s))
}

impl TrainView {
    /// Take in a progress message: append the new losses and epochs (from where they start),
    /// and copy the rest.
    pub fn apply(&mut self, progress: Progress) {
        self.losses.truncate(progress.losses_from);
        self.losses.extend(progress.losses);
        self.epochs.truncate(progress.epochs_from);
        self.epochs.extend(progress.epochs);
        self.state = progress.state;
        self.iteration = progress.iteration;
        self.per_second = progress.per_second;
        self.elapsed = progress.elapsed;
        self.optimizer = progress.optimizer.to_string();
        self.lr = progress.lr;
        self.seed = progress.seed;
        self.final_eval = progress.final_eval;
        self.speed = progress.speed;
        match (progress.picture, &mut self.picture) {
            (Some(PictureUpdate::Plane(grid)), Picture::Plane(plane)) => plane.grid = grid,
            (
                Some(PictureUpdate::Images {
                    predicted,
                    weights,
                    conv,
                }),
                Picture::Images(images),
            ) => {
                for (sample, p) in images.samples.iter_mut().zip(predicted) {
                    sample.predicted = p;
                }
                images.weights = weights;
                if let (Some(update), Some(view)) = (conv, images.conv.as_mut()) {
                    let update = *update;
                    view.after = update.filters;
                    view.maps = update.maps;
                }
            }
            _ => {}
        }
    }
}

impl<T: Training + ?Sized> Training for Box<T> {
    type Recorded = T::Recorded;

    fn step(&mut self) -> Result<()> {
        (**self).step()
    }
    fn iteration(&self) -> usize {
        (**self).iteration()
    }
    fn iters(&self) -> usize {
        (**self).iters()
    }
    fn losses(&self) -> &[f64] {
        (**self).losses()
    }
    fn epochs(&self) -> Vec<EpochPoint> {
        (**self).epochs()
    }
    fn lr(&self) -> f64 {
        (**self).lr()
    }
    fn set_lr(&mut self, lr: f64) -> Result<()> {
        (**self).set_lr(lr)
    }
    fn optimizer(&self) -> &'static str {
        (**self).optimizer()
    }
    fn cycle_optimizer(&mut self) -> Result<()> {
        (**self).cycle_optimizer()
    }
    fn seed(&self) -> u64 {
        (**self).seed()
    }
    fn restart(&mut self, seed: u64) -> Result<()> {
        (**self).restart(seed)
    }
    fn picture(&self, grid: (usize, usize)) -> Result<Option<PictureUpdate>> {
        (**self).picture(grid)
    }
    fn select(&mut self, index: usize) {
        (**self).select(index)
    }
    fn record_next(&self) -> Result<Self::Recorded> {
        (**self).record_next()
    }
    fn final_eval(&self) -> Result<FinalPoint> {
        (**self).final_eval()
    }
}

#[cfg(test)]
mod tests;
