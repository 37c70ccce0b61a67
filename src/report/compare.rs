//! Renderings of `backstep compare`: the JSON and CSV contracts of docs/cli.md ("compare") and
//! the text table.
//!
//! - JSON: `{ "preset", "vary", "runs": [ { "value", …every field of train --format json… } ] }`;
//! - CSV: `run,iter,loss,train_acc,test_acc`, one row per run and iteration, the accuracies empty
//!   between evaluations;
//! - text: the preset and the data, then one line per run with its final numbers.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::train::{TrainJson, to_json};
use crate::engine::train::{Final, Trainer};
use crate::i18n::format::num;
use crate::preset::Preset;
use crate::t;

/// A finished run of a comparison: its value, the preset it ran, the trainer after the last
/// iteration and the final evaluation.
#[derive(Debug)]
pub struct FinishedRun {
    /// The varied value, as written.
    pub value: String,
    /// The preset with that setting.
    pub preset: Preset,
    /// The trainer after its last iteration.
    pub trainer: Trainer,
    /// `backstep train`'s `final`.
    pub last: Final,
}

/// `compare --format json` (a contract).
#[derive(Debug, Serialize)]
pub struct CompareJson<'a> {
    preset: &'a str,
    vary: &'a str,
    runs: Vec<RunJson<'a>>,
}

#[derive(Debug, Serialize)]
struct RunJson<'a> {
    value: &'a str,
    #[serde(flatten)]
    run: TrainJson<'a>,
}

/// The JSON of a comparison of `vary` on the preset `preset`.
pub fn to_compare_json<'a>(
    preset: &'a str,
    vary: &'a str,
    runs: &'a [FinishedRun],
) -> CompareJson<'a> {
    CompareJson {
        preset,
        vary,
        runs: runs
            .iter()
            .map(|r| RunJson {
                value: &r.value,
                run: to_json(&r.preset, &r.trainer, r.last),
            })
            .collect(),
    }
}

/// The CSV: a header and one row per run and iteration, at full precision.
pub fn write_csv(runs: &[FinishedRun], out: &mut dyn Write) -> Result<()> {
    writeln!(out, "run,iter,loss,train_acc,test_acc")?;
    for r in runs {
        let epochs = r.trainer.epochs();
        let mut next = epochs.iter().peekable();
        for (iter, loss) in r.trainer.losses().iter().enumerate() {
            let (train, test) = match next.next_if(|e| e.iter == iter) {
                Some(e) => (
                    e.train_acc.to_string(),
                    e.test_acc.map(|a| a.to_string()).unwrap_or_default(),
                ),
                None => (String::new(), String::new()),
            };
            writeln!(out, "{},{iter},{loss},{train},{test}", csv_field(&r.value))?;
        }
    }
    Ok(())
}

/// A CSV field, quoted when it holds a comma or a quote.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The text: what was compared, on what, then a line per run with its final loss and
/// accuracies.
pub fn write_text(vary: &str, runs: &[FinishedRun], out: &mut dyn Write) -> Result<()> {
    let Some(first) = runs.first() else {
        return Ok(());
    };
    let data = first.trainer.data();
    let c = first.trainer.config();
    writeln!(out, "{} — {}", first.preset.name, first.preset.title)?;
    writeln!(
        out,
        "{}",
        t!(
            "ch6b-compare-header",
            key = vary,
            runs = runs.len(),
            data = &data.name,
            train = data.train.rows(),
            test = data.test_rows(),
            iters = c.iters,
            seed = c.seed
        )
    )?;
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(width(s))));
    let right = |s: &str, w: usize| format!("{}{s}", " ".repeat(w.saturating_sub(width(s))));
    let first_col = runs
        .iter()
        .map(|r| width(&r.value))
        .chain([width(vary)])
        .max()
        .unwrap_or(0);
    let heads = [
        t!("ch6b-col-final-loss"),
        t!("ch6b-col-train-acc"),
        t!("ch6b-col-test-acc"),
    ];
    let cols: Vec<usize> = heads.iter().map(|h| width(h).max(8)).collect();
    let mut line = pad(vary, first_col);
    for (h, w) in heads.iter().zip(&cols) {
        line.push_str("  ");
        line.push_str(&right(h, *w));
    }
    writeln!(out, "{}", line.trim_end())?;
    for r in runs {
        let acc = |a: Option<f64>| a.map_or("—".to_string(), |a| format!("{a:.4}"));
        let cells = [
            r.last.loss.map_or("—".to_string(), |l| num(l, 4)),
            acc(Some(r.last.train_acc)),
            acc(r.last.test_acc),
        ];
        let mut line = pad(&r.value, first_col);
        for (c, w) in cells.iter().zip(&cols) {
            line.push_str("  ");
            line.push_str(&right(c, *w));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}
