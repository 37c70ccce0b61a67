//! Renderings of a training run for `backstep train` (and the training screen): the text header
//! and the book's epoch line, the CSV row, and the JSON contract of README.md ("Training").

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::engine::train::{Epoch, Final, StepReport, Trainer};
use crate::i18n::format::given;
use crate::preset::Preset;
use crate::t;

/// `train --format json` (a contract).
#[derive(Debug, Serialize)]
pub struct TrainJson<'a> {
    preset: &'a str,
    data: DataJson<'a>,
    config: ConfigJson,
    loss: &'a [f64],
    epochs: Vec<EpochJson>,
    #[serde(rename = "final")]
    last: FinalJson,
    params: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Serialize)]
struct DataJson<'a> {
    name: &'a str,
    train: usize,
    test: usize,
    features: usize,
    classes: usize,
}

#[derive(Debug, Serialize)]
struct ConfigJson {
    iters: usize,
    batch: usize,
    lr: f64,
    optimizer: &'static str,
    seed: u64,
    /// Weight decay λ, written only when it is not 0.
    #[serde(skip_serializing_if = "no_decay")]
    weight_decay: f64,
}

/// True for λ = 0 (the JSON then leaves `weight_decay` out).
fn no_decay(lambda: &f64) -> bool {
    *lambda == 0.0
}

#[derive(Debug, Serialize)]
struct EpochJson {
    iter: usize,
    train_acc: f64,
    test_acc: Option<f64>,
}

#[derive(Debug, Serialize)]
struct FinalJson {
    loss: Option<f64>,
    train_acc: f64,
    test_acc: Option<f64>,
}

/// The three lines before the epochs: preset, data, settings.
pub fn header(preset: &Preset, trainer: &Trainer, out: &mut dyn Write) -> Result<()> {
    let data = trainer.data();
    let c = trainer.config();
    writeln!(out, "{} — {}", preset.name, preset.title)?;
    writeln!(
        out,
        "{}",
        t!(
            "report-train-data",
            name = &data.name,
            train = data.train.rows(),
            test = data.test_rows(),
            features = data.features(),
            classes = data.classes
        )
    )?;
    writeln!(
        out,
        "{}",
        t!(
            "report-train-settings",
            optimizer = c.optimizer.kind.as_str(),
            lr = given(c.optimizer.lr),
            batch = batch_words(c.batch, data.train.rows()),
            iters = c.iters,
            per_epoch = trainer.iter_per_epoch(),
            seed = c.seed.to_string()
        )
    )?;
    if c.weight_decay != 0.0 {
        writeln!(
            out,
            "{}",
            t!("ch6c-train-weight-decay", lambda = given(c.weight_decay))
        )?;
    }
    // what `train`'s loss is: the number differs from the `L` of a trace of the same batch,
    // which is taken before the update
    writeln!(out, "{}", t!("report-train-loss-meaning"))?;
    Ok(())
}

/// The batch as a person reads it: `100`, or `80 (all rows)` when the batch is at least the
/// training rows (every iteration then uses all of them, in order).
pub fn batch_words(batch: usize, train_rows: usize) -> String {
    if batch >= train_rows {
        t!("report-train-all-rows", rows = train_rows)
    } else {
        batch.to_string()
    }
}

/// `iter     0  loss 1.0986  train acc, test acc | 0.3333, 0.3333`.
pub fn epoch_line(report: &StepReport, e: &Epoch) -> String {
    let test = e.test_acc.map_or("—".to_string(), |a| format!("{a:.4}"));
    t!(
        "report-train-epoch",
        iter = format!("{:>6}", report.iter),
        loss = format!("{:.4}", report.loss),
        train = format!("{:.4}", e.train_acc),
        test = test
    )
}

/// `12,0.5321,,` or `0,1.0986,0.3333,0.35` at full precision.
pub fn csv_row(report: &StepReport) -> String {
    let (train, test) = match report.epoch {
        Some(e) => (
            e.train_acc.to_string(),
            e.test_acc.map(|a| a.to_string()).unwrap_or_default(),
        ),
        None => (String::new(), String::new()),
    };
    format!("{},{},{train},{test}", report.iter, report.loss)
}

/// The JSON contract of `train --format json` after the run.
pub fn to_json<'a>(preset: &'a Preset, trainer: &'a Trainer, last: Final) -> TrainJson<'a> {
    let data = trainer.data();
    let c = trainer.config();
    let mut params = serde_json::Map::new();
    for l in &trainer.network().layers {
        for (param, m) in l.layer.param_list() {
            let value = if l.layer.is_vector(param) {
                serde_json::Value::from(m.iter().copied().collect::<Vec<f64>>())
            } else {
                super::json::rows(m)
            };
            params.insert(format!("{}.{}", l.name, param.key()), value);
        }
    }
    TrainJson {
        preset: &preset.name,
        data: DataJson {
            name: &data.name,
            train: data.train.rows(),
            test: data.test_rows(),
            features: data.features(),
            classes: data.classes,
        },
        config: ConfigJson {
            iters: c.iters,
            batch: c.batch,
            lr: c.optimizer.lr,
            optimizer: c.optimizer.kind.as_str(),
            seed: c.seed,
            weight_decay: c.weight_decay,
        },
        loss: trainer.losses(),
        epochs: trainer
            .epochs()
            .iter()
            .map(|e| EpochJson {
                iter: e.iter,
                train_acc: e.train_acc,
                test_acc: e.test_acc,
            })
            .collect(),
        last: FinalJson {
            loss: last.loss,
            train_acc: last.train_acc,
            test_acc: last.test_acc,
        },
        params,
    }
}

/// The final line: `final  loss 0.0425 (last mini-batch, after its update)  train acc 0.9875
/// test acc 0.9833`.
pub fn final_line(last: &Final) -> String {
    let test = last.test_acc.map_or("—".to_string(), |a| format!("{a:.4}"));
    t!(
        "report-train-final",
        loss = last.loss.map_or("—".to_string(), |l| format!("{l:.4}")),
        train = format!("{:.4}", last.train_acc),
        test = test
    )
}

/// Which epochs `train`'s text prints: every one with `--all-epochs`, else about
/// [`EpochLines::TARGET`] evenly spaced (every `stride`-th, from the first) and the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpochLines {
    /// Epochs the run measures: iterations 0, `iter_per_epoch`, 2·`iter_per_epoch`, ….
    pub total: usize,
    /// Every `stride`-th epoch is printed (1: all).
    pub stride: usize,
}

impl EpochLines {
    /// About this many epoch lines by default (the last comes on top).
    pub const TARGET: usize = 20;

    /// The epochs of a run of `iters` iterations, `iter_per_epoch` each; all of them when `all`.
    pub fn new(iters: usize, iter_per_epoch: usize, all: bool) -> EpochLines {
        let total = iters.div_ceil(iter_per_epoch.max(1));
        let stride = if all {
            1
        } else {
            total.div_ceil(Self::TARGET).max(1)
        };
        EpochLines { total, stride }
    }

    /// True when epoch `index` (from 0) gets its line.
    pub fn shows(&self, index: usize) -> bool {
        index % self.stride == 0 || index + 1 == self.total
    }

    /// The line saying some epochs are left out, and how to see them all (`None` when all show).
    pub fn note(&self) -> Option<String> {
        (self.stride > 1).then(|| {
            t!(
                "report-train-epochs-shown",
                stride = self.stride,
                total = self.total
            )
        })
    }
}

/// A rate of iterations per second over the last few seconds (not since the start, which lags
/// behind a run that speeds up or slows down), and the time left at that rate.
#[derive(Debug, Clone, Default)]
pub struct RecentRate {
    /// `(time since the start, iterations done)`, oldest first, at most [`RecentRate::WINDOW`] old.
    samples: std::collections::VecDeque<(std::time::Duration, usize)>,
}

impl RecentRate {
    /// How far back the rate looks.
    pub const WINDOW: std::time::Duration = std::time::Duration::from_secs(3);

    /// `done` iterations had run at `at` (since the start).
    pub fn record(&mut self, at: std::time::Duration, done: usize) {
        self.samples.push_back((at, done));
        // keep one sample at or before the window's start, so the window is full
        while self.samples.len() > 2
            && self
                .samples
                .get(1)
                .is_some_and(|&(t, _)| at.saturating_sub(t) >= Self::WINDOW)
        {
            self.samples.pop_front();
        }
    }

    /// Iterations per second over the window, once two samples are apart in time.
    pub fn per_second(&self) -> Option<f64> {
        let (&(t0, n0), &(t1, n1)) = (self.samples.front()?, self.samples.back()?);
        let span = t1.saturating_sub(t0).as_secs_f64();
        (span > 0.0).then(|| n1.saturating_sub(n0) as f64 / span)
    }

    /// `1096 it/s  about 8 s left`: the rate as a whole number and the time `remaining`
    /// iterations take at it, rounded up (never `0 s` while some are left).
    pub fn words(&self, remaining: usize) -> String {
        match self.per_second() {
            Some(rate) if rate > 0.0 => t!(
                "report-train-rate",
                rate = format!("{rate:.0}"),
                left = seconds_left(remaining as f64 / rate)
            ),
            _ => t!("report-train-no-rate"),
        }
    }
}

/// `8 s`, `2 min 05 s`, `1 h 02 min`: whole seconds rounded up (1 s for anything above 0).
pub fn seconds_left(secs: f64) -> String {
    let s = if secs.is_finite() && secs > 0.0 {
        secs.ceil() as u64
    } else {
        0
    };
    match s {
        0..60 => t!("report-train-seconds", s = s),
        60..3600 => t!(
            "report-train-minutes",
            min = s / 60,
            s = format!("{:02}", s % 60)
        ),
        _ => t!(
            "report-train-hours",
            h = s / 3600,
            min = format!("{:02}", s / 60 % 60)
        ),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn about_twenty_evenly_spaced_epochs_and_the_last() {
        // train-spiral: 10,000 iterations, 3 per epoch: 3,334 epochs
        let spiral = EpochLines::new(10_000, 3, false);
        assert_eq!((spiral.total, spiral.stride), (3_334, 167));
        let shown: Vec<usize> = (0..spiral.total).filter(|&i| spiral.shows(i)).collect();
        assert_eq!(shown.len(), 21);
        assert_eq!(shown[..3], [0, 167, 334]);
        assert_eq!(shown[19..], [3_173, 3_333]);
        assert_eq!(
            spiral.note().unwrap(),
            "showing 1 epoch in 167 and the last of 3334; --all-epochs shows each"
        );
        // train-xor: 1,000 epochs of one iteration
        let xor = EpochLines::new(1_000, 1, false);
        let shown: Vec<usize> = (0..xor.total).filter(|&i| xor.shows(i)).collect();
        assert_eq!(shown.len(), 21);
        assert_eq!((shown[1], shown[20]), (50, 999));
        // few epochs, or --all-epochs: every one, no note
        for lines in [
            EpochLines::new(3, 1, false),
            EpochLines::new(10_000, 3, true),
        ] {
            assert!((0..lines.total).all(|i| lines.shows(i)));
            assert_eq!(lines.note(), None);
        }
        assert_eq!(EpochLines::new(0, 1, false).total, 0);
    }

    #[test]
    fn the_rate_is_recent_and_time_left_rounds_up() {
        let mut rate = RecentRate::default();
        assert_eq!(rate.words(100), "– it/s");
        let ms = Duration::from_millis;
        // 100 it/s for 5 s, then 1,000 it/s: the window of 3 s forgets the slow start
        for k in 0..=20 {
            rate.record(ms(250 * k), 25 * k as usize);
        }
        assert_eq!(rate.per_second(), Some(100.0));
        for k in 1..=16 {
            rate.record(ms(5_000 + 250 * k), 500 + 250 * k as usize);
        }
        assert_eq!(rate.per_second(), Some(1_000.0));
        assert_eq!(rate.words(4_500), "1000 it/s  about 5 s left");
        // half a second left is not 0 s
        assert_eq!(rate.words(500), "1000 it/s  about 1 s left");
        assert_eq!(seconds_left(0.2), "1 s");
        assert_eq!(seconds_left(0.0), "0 s");
        assert_eq!(seconds_left(125.0), "2 min 05 s");
        assert_eq!(seconds_left(3_725.0), "1 h 02 min");
    }
}
