//! The engine's [`Trainer`] behind the worker's [`Training`] trait, and the training screen's
//! first view of a preset with a `[train]` section: the data drawn as points in the plane or as
//! images, depending on the data set's layout.

use anyhow::{Result, bail};

use super::conv::{feature_maps, filters};
use super::{ConvUpdate, PictureUpdate, Training};
use crate::engine::Matrix;
use crate::engine::data::{Layout, argmax_rows};
use crate::engine::optim::OptimizerConfig;
use crate::engine::train::Trainer;
use crate::preset::Preset;
use crate::t;
use crate::tui::app::{OpenedIteration, Session};
use crate::tui::ui::train::{
    ClassGrid, ConvView, EpochPoint, FeatureMaps, FinalPoint, ImageSample, ImagesView, Picture,
    PlanePoint, PlaneView, RunState, TrainView,
};

/// Test images the screen may show (it draws as many as fit).
pub const SAMPLES: usize = 40;

/// How much room the boundary map leaves around the data, as a share of its range.
const MARGIN: f64 = 0.1;

/// A trainer and what the screen draws of its data.
#[derive(Debug)]
struct TrainerSession {
    trainer: Trainer,
    /// Images: the test rows shown (their pixels are in the first view).
    samples: Option<Matrix>,
    /// 2-D data: the plane drawn.
    plane: Option<((f64, f64), (f64, f64))>,
    /// The test image whose feature maps are drawn (a convolution first).
    selected: usize,
}

/// The training loop and the first view for `preset`, which must have a `[train]` section.
pub fn session(preset: &Preset) -> Result<(Session, TrainView)> {
    let trainer = preset.trainer()?;
    let data = trainer.data().clone();
    let config = *trainer.config();
    let mut view = TrainView {
        title: preset.title.clone(),
        preset: preset.name.clone(),
        data: data.name.clone(),
        train_rows: data.train.rows(),
        test_rows: data.test_rows(),
        state: RunState::Paused,
        iteration: 0,
        iters: config.iters,
        batch: config.batch,
        optimizer: config.optimizer.kind.as_str().to_string(),
        lr: config.optimizer.lr,
        seed: config.seed,
        ..TrainView::default()
    };
    let mut session = TrainerSession {
        trainer,
        samples: None,
        plane: None,
        selected: 0,
    };
    match data.layout {
        Layout::Points if data.features() == 2 => {
            let x = &data.train.x;
            let range = |col: usize| {
                let (lo, hi) = x
                    .column(col)
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                        (lo.min(v), hi.max(v))
                    });
                let pad = ((hi - lo) * MARGIN).max(1e-3);
                (lo - pad, hi + pad)
            };
            let (xr, yr) = (range(0), range(1));
            let labels = data.train.labels();
            view.picture = Picture::Plane(PlaneView {
                x: xr,
                y: yr,
                classes: data.classes,
                points: x
                    .rows()
                    .into_iter()
                    .zip(labels)
                    .map(|(row, class)| PlanePoint {
                        x: row[0],
                        y: row[1],
                        class,
                    })
                    .collect(),
                grid: ClassGrid::default(),
            });
            session.plane = Some((xr, yr));
        }
        Layout::Image { width, height } if width == height => {
            let shown = data.test.as_ref().unwrap_or(&data.train);
            let n = shown.rows().min(SAMPLES);
            let rows: Vec<usize> = (0..n).collect();
            let picked = shown.select(&rows);
            let truth = picked.labels();
            view.picture = Picture::Images(ImagesView {
                side: width,
                samples: picked
                    .x
                    .rows()
                    .into_iter()
                    .zip(truth)
                    .map(|(row, truth)| ImageSample {
                        pixels: row.to_vec(),
                        predicted: truth,
                        truth,
                    })
                    .collect(),
                weights: Vec::new(),
                // the filters before learning stay as they are now; the rest follows training
                conv: filters(session.trainer.network()).map(|(f, channels)| {
                    Box::new(ConvView {
                        before: f.clone(),
                        after: f,
                        channels,
                        ..ConvView::default()
                    })
                }),
            });
            session.samples = Some(picked.x);
        }
        _ => {}
    }
    Ok((Box::new(session), view))
}

impl TrainerSession {
    /// The selected test image's feature maps with the current weights.
    fn maps(&self, samples: &Matrix) -> Result<Option<FeatureMaps>> {
        let (Some(image), Some(last)) = (self.trainer.image(), samples.nrows().checked_sub(1))
        else {
            return Ok(None);
        };
        let sample = self.selected.min(last);
        let x = samples.row(sample).insert_axis(ndarray::Axis(0));
        Ok(
            feature_maps(self.trainer.network(), image, x)?.map(|(conv, pool)| FeatureMaps {
                sample,
                conv,
                pool,
            }),
        )
    }
}

impl Training for TrainerSession {
    type Recorded = OpenedIteration;

    fn step(&mut self) -> Result<()> {
        self.trainer.step().map(|_| ())
    }

    fn iteration(&self) -> usize {
        self.trainer.iteration()
    }

    fn iters(&self) -> usize {
        self.trainer.config().iters
    }

    fn losses(&self) -> &[f64] {
        self.trainer.losses()
    }

    fn epochs(&self) -> Vec<EpochPoint> {
        self.trainer
            .epochs()
            .iter()
            .map(|e| EpochPoint {
                iter: e.iter,
                train_acc: e.train_acc,
                test_acc: e.test_acc,
            })
            .collect()
    }

    fn lr(&self) -> f64 {
        self.trainer.config().optimizer.lr
    }

    fn set_lr(&mut self, lr: f64) -> Result<()> {
        self.trainer.set_lr(lr)
    }

    fn optimizer(&self) -> &'static str {
        self.trainer.config().optimizer.kind.as_str()
    }

    fn cycle_optimizer(&mut self) -> Result<()> {
        let now = self.trainer.config().optimizer;
        let next = OptimizerConfig::defaults(now.kind.next());
        self.trainer.set_optimizer(OptimizerConfig {
            momentum: now.momentum,
            ..next
        })
    }

    fn seed(&self) -> u64 {
        self.trainer.config().seed
    }

    fn restart(&mut self, seed: u64) -> Result<()> {
        self.trainer.restart(seed)
    }

    fn picture(&self, grid: (usize, usize)) -> Result<Option<PictureUpdate>> {
        if let Some((x, y)) = self.plane {
            let (cols, rows) = grid;
            if cols == 0 || rows == 0 {
                return Ok(None);
            }
            let classes = self.trainer.predict_grid(x, y, cols, rows)?;
            return Ok(Some(PictureUpdate::Plane(ClassGrid {
                cols,
                rows,
                classes,
            })));
        }
        let Some(samples) = &self.samples else {
            return Ok(None);
        };
        let predicted = argmax_rows(&self.trainer.predict(samples)?);
        let weights = match self.trainer.params().first() {
            Some((_, w)) if w.nrows() == samples.ncols() => {
                w.columns().into_iter().map(|c| c.to_vec()).collect()
            }
            _ => Vec::new(),
        };
        let conv = match filters(self.trainer.network()) {
            Some((filters, _)) => Some(Box::new(ConvUpdate {
                filters,
                maps: self.maps(samples)?,
            })),
            None => None,
        };
        Ok(Some(PictureUpdate::Images {
            predicted,
            weights,
            conv,
        }))
    }

    fn select(&mut self, index: usize) {
        self.selected = index;
    }

    fn final_eval(&self) -> Result<FinalPoint> {
        let last = self.trainer.final_report()?;
        Ok(FinalPoint {
            iterations: self.trainer.iteration(),
            loss: last.loss,
            train_acc: last.train_acc,
            test_acc: last.test_acc,
        })
    }

    fn record_next(&self) -> Result<OpenedIteration> {
        let recorded = self.trainer.record_next()?;
        if recorded.run.tape.steps.is_empty() {
            bail!(t!("train-no-steps"));
        }
        Ok(OpenedIteration {
            iter: recorded.iter,
            network: self.trainer.network().clone(),
            inputs: recorded.inputs,
            run: recorded.run,
            optimizer: recorded.optimizer,
        })
    }
}
