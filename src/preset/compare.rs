//! What `backstep compare` varies: the key and its values (from `--vary KEY=V1,V2,…` or a
//! preset's `[compare]` section), and the preset of each run.
//!
//! ```toml
//! [compare]
//! vary = "optimizer"
//! values = ["sgd", "momentum", "adagrad", "adam"]
//! ```
//!
//! Each run is the preset loaded with the setting of its value as if given to `backstep train`
//! (`--optimizer`, `--lr`, `--batch`, …), so a compared run is exactly that `train` run. Dropout and
//! BatchNorm change the layers, as the book's `MultiLayerNetExtend`
//! ([`crate::engine::experiment`]).

use std::sync::Arc;

use anyhow::{Result, anyhow, bail, ensure};
use serde::Deserialize;
use toml::{Spanned, Value};

use super::{Init, Preset, TrainOverrides};
use crate::engine::experiment::{with_batch_norm, with_dropout};
use crate::engine::optim::OptimizerKind;
use crate::i18n::format::parse_finite;
use crate::t;

/// The `[compare]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCompare {
    vary: Spanned<String>,
    values: Spanned<Vec<Value>>,
}

impl RawCompare {
    /// Check the key and every value; errors carry the line and column.
    pub(crate) fn resolve(&self, at: &dyn Fn(std::ops::Range<usize>) -> String) -> Result<Vary> {
        let key = VaryKey::parse(self.vary.get_ref())
            .map_err(|e| anyhow!("{}: [compare] vary: {e}", at(self.vary.span())))?;
        let values: Vec<String> = self
            .values
            .get_ref()
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        Vary::new(key, &values)
            .map_err(|e| anyhow!("{}: [compare] values: {e}", at(self.values.span())))
    }
}

/// A setting `compare` can vary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaryKey {
    /// `sgd`, `momentum`, `adagrad`, `adam`, as `train --optimizer` (the preset's learning rate
    /// for its own optimizer, else the optimizer's default).
    Optimizer,
    /// The learning rate.
    Lr,
    /// A Dropout of this ratio after every hidden activation (0: none).
    Dropout,
    /// `on`: a BatchNorm after every hidden Affine.
    BatchNorm,
    /// Rows per mini-batch.
    Batch,
    /// How every Affine W is drawn (`std:0.01`, `xavier`, `he`), as `train --init`: each run its
    /// own initial weights from the same random numbers.
    Init,
    /// Weight decay λ, as `train --weight-decay`.
    WeightDecay,
}

impl VaryKey {
    /// Every key, in the order help lists them.
    pub const ALL: [VaryKey; 7] = [
        VaryKey::Optimizer,
        VaryKey::Lr,
        VaryKey::Init,
        VaryKey::WeightDecay,
        VaryKey::Dropout,
        VaryKey::BatchNorm,
        VaryKey::Batch,
    ];

    /// The spelling of `--vary` and `[compare] vary` (also the JSON's `vary`).
    pub fn as_str(self) -> &'static str {
        match self {
            VaryKey::Optimizer => "optimizer",
            VaryKey::Lr => "lr",
            VaryKey::Dropout => "dropout",
            VaryKey::BatchNorm => "batch_norm",
            VaryKey::Batch => "batch",
            VaryKey::Init => "init",
            VaryKey::WeightDecay => "weight_decay",
        }
    }

    /// The key spelled `text`, or an error listing the keys.
    pub fn parse(text: &str) -> Result<VaryKey> {
        let text = text.trim();
        VaryKey::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
            .ok_or_else(|| {
                anyhow!(t!(
                    "ch6b-vary-unknown-key",
                    key = text,
                    keys = VaryKey::ALL.map(VaryKey::as_str).join(", ")
                ))
            })
    }

    /// What a value of this key may be, for errors.
    fn expects(self) -> String {
        match self {
            VaryKey::Optimizer => t!("ch6b-vary-expects-optimizer"),
            VaryKey::Lr => t!("ch6b-vary-expects-lr"),
            VaryKey::Dropout => t!("ch6b-vary-expects-dropout"),
            VaryKey::BatchNorm => t!("ch6b-vary-expects-batch-norm"),
            VaryKey::Batch => t!("ch6b-vary-expects-batch"),
            VaryKey::Init => t!("ch6c-vary-expects-init"),
            VaryKey::WeightDecay => t!("ch6c-vary-expects-weight-decay"),
        }
    }
}

/// One value of the varied setting, parsed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Setting {
    /// `--optimizer`.
    Optimizer(OptimizerKind),
    /// `--lr`.
    Lr(f64),
    /// A Dropout of this ratio after every hidden activation.
    Dropout(f64),
    /// A BatchNorm after every hidden Affine, or not.
    BatchNorm(bool),
    /// `--batch`.
    Batch(usize),
    /// `--init`.
    Init(Init),
    /// `--weight-decay`.
    WeightDecay(f64),
}

impl Setting {
    /// `text` as a value of `key`.
    fn parse(key: VaryKey, text: &str) -> Result<Setting> {
        let bad = || {
            anyhow!(t!(
                "ch6b-vary-bad-value",
                value = text,
                expects = key.expects()
            ))
        };
        let number = || parse_finite(text).map_err(|_| bad());
        Ok(match key {
            VaryKey::Optimizer => Setting::Optimizer(OptimizerKind::parse(text).ok_or_else(bad)?),
            VaryKey::Lr => {
                let lr = number()?;
                ensure!(lr > 0.0, bad());
                Setting::Lr(lr)
            }
            VaryKey::Dropout => {
                let ratio = number()?;
                ensure!((0.0..1.0).contains(&ratio), bad());
                Setting::Dropout(ratio)
            }
            VaryKey::BatchNorm => match text {
                "on" => Setting::BatchNorm(true),
                "off" => Setting::BatchNorm(false),
                _ => return Err(bad()),
            },
            VaryKey::Batch => match text.parse::<usize>() {
                Ok(n) if n > 0 => Setting::Batch(n),
                _ => return Err(bad()),
            },
            VaryKey::Init => Setting::Init(Init::parse(text).map_err(|_| bad())?),
            VaryKey::WeightDecay => {
                let lambda = number()?;
                ensure!(lambda >= 0.0, bad());
                Setting::WeightDecay(lambda)
            }
        })
    }

    /// `base` with this setting's flag.
    fn overrides(self, base: &TrainOverrides) -> TrainOverrides {
        let mut o = base.clone();
        match self {
            Setting::Optimizer(k) => o.optimizer = Some(k),
            Setting::Lr(lr) => o.lr = Some(lr),
            Setting::Batch(n) => o.batch = Some(n),
            Setting::Init(init) => o.init = Some(init),
            Setting::WeightDecay(lambda) => o.weight_decay = Some(lambda),
            Setting::Dropout(_) | Setting::BatchNorm(_) => {}
        }
        o
    }
}

/// The varied key and its values, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Vary {
    /// The key.
    pub key: VaryKey,
    /// Each value as written (trimmed) and parsed.
    pub values: Vec<(String, Setting)>,
}

impl Vary {
    /// `key` with `values`: at least one, each valid, none twice.
    pub fn new(key: VaryKey, values: &[String]) -> Result<Vary> {
        ensure!(
            !values.is_empty(),
            t!("ch6b-vary-empty", key = key.as_str())
        );
        let mut parsed: Vec<(String, Setting)> = Vec::with_capacity(values.len());
        for v in values {
            let text = v.trim();
            ensure!(
                !text.is_empty(),
                t!("ch6b-vary-empty-value", key = key.as_str())
            );
            let setting = Setting::parse(key, text)?;
            ensure!(
                !parsed.iter().any(|(_, s)| *s == setting),
                t!("ch6b-vary-twice", value = text)
            );
            parsed.push((text.to_string(), setting));
        }
        Ok(Vary {
            key,
            values: parsed,
        })
    }

    /// `KEY=V1,V2,…` as `--vary` takes it.
    pub fn parse(text: &str) -> Result<Vary> {
        let Some((key, values)) = text.split_once('=') else {
            bail!(t!("ch6b-vary-no-equals", given = text))
        };
        let key = VaryKey::parse(key)?;
        let values: Vec<String> = if values.trim().is_empty() {
            Vec::new()
        } else {
            values.split(',').map(str::to_string).collect()
        };
        Vary::new(key, &values)
    }
}

/// One run of a comparison: the value it stands for and the preset as `train` would load it.
#[derive(Debug, Clone)]
pub struct CompareRun {
    /// The value, as written.
    pub value: String,
    /// The preset with the value's setting.
    pub preset: Preset,
}

/// The runs of comparing `vary` (else the preset's `[compare]` section) on the preset `name`
/// with the flags `base`. Every run shares the same data (one copy in memory), the same initial
/// weights (the preset's generators) and the same mini-batch order (the seed).
pub fn compare_runs(
    name: &str,
    vary: Option<&Vary>,
    base: &TrainOverrides,
) -> Result<(Vary, Vec<CompareRun>)> {
    let first = Preset::resolve_with(name, base)?;
    let vary = match (vary, &first.compare) {
        (Some(v), _) => v.clone(),
        (None, Some(v)) => v.clone(),
        (None, None) => bail!(t!("ch6b-compare-no-vary", preset = first.source.describe())),
    };
    ensure!(
        first.training.is_some(),
        t!("ch6b-compare-no-train", preset = first.source.describe())
    );
    let mut runs: Vec<CompareRun> = Vec::with_capacity(vary.values.len());
    for (value, setting) in &vary.values {
        let mut preset = Preset::resolve_with(name, &setting.overrides(base))
            .map_err(|e| anyhow!("--vary {}={value}: {e:#}", vary.key.as_str()))?;
        let seed = preset.training.as_ref().map_or(0, |t| t.config.seed);
        match *setting {
            Setting::Dropout(ratio) => preset.network = with_dropout(&preset.network, ratio, seed)?,
            Setting::BatchNorm(true) => preset.network = with_batch_norm(&preset.network),
            _ => {}
        }
        // one copy of the data set for every run that has the same one
        if let (Some(t), Some(f)) = (preset.training.as_mut(), first.training.as_ref())
            && (Arc::ptr_eq(&t.data, &f.data) || t.data == f.data)
        {
            t.data = f.data.clone();
        }
        runs.push(CompareRun {
            value: value.clone(),
            preset,
        });
    }
    Ok((vary, runs))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn a_value_list_parses_and_bad_ones_say_what_is_wrong() {
        let v = Vary::parse("optimizer=sgd, adam").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.key, VaryKey::Optimizer);
        assert_eq!(
            v.values,
            [
                ("sgd".to_string(), Setting::Optimizer(OptimizerKind::Sgd)),
                ("adam".to_string(), Setting::Optimizer(OptimizerKind::Adam))
            ]
        );
        let v = Vary::parse("batch_norm=on,off").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.values[1].1, Setting::BatchNorm(false));
        let v = Vary::parse("init=std:0.01,xavier,he").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            v.values.iter().map(|(_, s)| *s).collect::<Vec<_>>(),
            [
                Setting::Init(Init::Std(0.01)),
                Setting::Init(Init::Xavier),
                Setting::Init(Init::He)
            ]
        );
        let v = Vary::parse("weight_decay=0,0.1").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.values[1].1, Setting::WeightDecay(0.1));
        for bad in [
            "optimizer",
            "colour=red",
            "lr=",
            "lr=0.1,,0.2",
            "lr=0.1,abc",
            "lr=-1",
            "dropout=1",
            "batch=0",
            "batch=2.5",
            "batch_norm=yes",
            "optimizer=sgd,sgd",
            "init=glorot",
            "init=std:0",
            "init=he,he",
            "weight_decay=-0.1",
            "weight_decay=lots",
        ] {
            assert!(Vary::parse(bad).is_err(), "{bad} was accepted");
        }
    }
}
