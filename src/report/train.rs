//! Renderings of a training run for `backstep train` (and the training screen): the text header
//! and the book's epoch line, the CSV row, and the JSON contract of README.md ("Training").

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::engine::format::{count, given};
use crate::engine::train::{Epoch, Final, StepReport, Trainer};
use crate::preset::Preset;

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
        "data {}: {} training rows, {} test rows, {} features, {} classes",
        data.name,
        data.train.rows(),
        data.test_rows(),
        data.features(),
        data.classes
    )?;
    writeln!(
        out,
        "{} lr {}, batch {}, {} ({} per epoch), seed {}",
        c.optimizer.kind.as_str(),
        given(c.optimizer.lr),
        batch_words(c.batch, data.train.rows()),
        count(c.iters, "iteration"),
        trainer.iter_per_epoch(),
        c.seed
    )?;
    writeln!(out, "{LOSS_MEANING}")?;
    Ok(())
}

/// What `train`'s loss is, printed under its header: the number differs from the `L` of a
/// trace of the same batch, which is taken before the update.
pub const LOSS_MEANING: &str = "loss = the iteration's mini-batch loss after its update (the book's train_loss_list); accuracies on every train and test row";

/// What `L` is in a trace that ends with update steps (a training preset's mini-batch).
pub const TRACE_LOSS_MEANING: &str = "L is this mini-batch's loss before the update steps below; `backstep train` records each mini-batch's loss after its update (the book's train_loss_list), so its loss at iteration 0 differs";

/// The batch as a person reads it: `100`, or `80 (all rows)` when the batch is at least the
/// training rows (every iteration then uses all of them, in order).
pub fn batch_words(batch: usize, train_rows: usize) -> String {
    if batch >= train_rows {
        format!("{train_rows} (all rows)")
    } else {
        batch.to_string()
    }
}

/// `iter     0  loss 1.0986  train acc, test acc | 0.3333, 0.3333`.
pub fn epoch_line(report: &StepReport, e: &Epoch) -> String {
    let test = e.test_acc.map_or("—".to_string(), |a| format!("{a:.4}"));
    format!(
        "iter {:>6}  loss {:.4}  train acc, test acc | {:.4}, {test}",
        report.iter, report.loss, e.train_acc
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
    format!(
        "final  loss {} (last mini-batch, after its update)  train acc {:.4}  test acc {test}",
        last.loss.map_or("—".to_string(), |l| format!("{l:.4}")),
        last.train_acc
    )
}
