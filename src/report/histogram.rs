//! Renderings of `backstep histogram`: the JSON contract of docs/cli.md ("histogram") and the
//! text table (one row per bin, one column per layer, the book's figure turned on its side).
//!
//! JSON: `{ "preset", "init", "samples", "layers": [ { "name", "edges" (31), "counts" (30),
//! "below", "above" } ] }`; `init` is `--init` as given, or `"preset"` when each W is drawn as the
//! preset says.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::i18n::format::num;
use crate::preset::Init;
use crate::preset::histogram::Histograms;
use crate::t;

/// What `init` says when no `--init` was given: every W as its preset draws it.
pub const PRESET_INIT: &str = "preset";

/// `histogram --format json` (a contract).
#[derive(Debug, Serialize)]
pub struct HistogramJson<'a> {
    preset: &'a str,
    init: String,
    samples: usize,
    layers: Vec<LayerJson<'a>>,
}

#[derive(Debug, Serialize)]
struct LayerJson<'a> {
    name: &'a str,
    edges: &'a [f64],
    counts: &'a [u64],
    below: u64,
    above: u64,
}

/// `--init` as written, or [`PRESET_INIT`].
pub fn init_label(init: Option<Init>) -> String {
    init.map_or_else(|| PRESET_INIT.to_string(), |i| i.to_string())
}

/// The JSON of the histograms of `preset` drawn with `init`.
pub fn to_histogram_json<'a>(
    preset: &'a str,
    init: Option<Init>,
    h: &'a Histograms,
) -> HistogramJson<'a> {
    HistogramJson {
        preset,
        init: init_label(init),
        samples: h.samples,
        layers: h
            .layers
            .iter()
            .map(|l| LayerJson {
                name: &l.name,
                edges: &l.histogram.edges,
                counts: &l.histogram.counts,
                below: l.histogram.below,
                above: l.histogram.above,
            })
            .collect(),
    }
}

/// A bin as `[0.033, 0.067)`, the last one closed: `[0.967, 1.000]`.
pub fn bin_label(edges: &[f64], k: usize) -> String {
    let lo = edges.get(k).copied().unwrap_or(f64::NAN);
    let hi = edges.get(k + 1).copied().unwrap_or(f64::NAN);
    let close = if k + 2 == edges.len() { ']' } else { ')' };
    format!("[{}, {}{close}", num(lo, 3), num(hi, 3))
}

/// The text: the preset, what went in, then one row per bin with each layer's count, and the
/// values below and above the range.
pub fn write_text(
    name: &str,
    title: &str,
    init: Option<Init>,
    h: &Histograms,
    out: &mut dyn Write,
) -> Result<()> {
    let Some(first) = h.layers.first() else {
        return Ok(());
    };
    let edges = &first.histogram.edges;
    writeln!(out, "{name} — {title}")?;
    let init = match init {
        Some(i) => t!("hist-init-flag", init = i.to_string()),
        None => t!("hist-init-preset"),
    };
    writeln!(
        out,
        "{}",
        t!(
            "hist-header",
            samples = h.samples,
            layers = h.layers.len(),
            init = init,
            bins = first.histogram.counts.len(),
            lo = num(edges[0], 0),
            hi = num(edges[edges.len() - 1], 0)
        )
    )?;
    writeln!(out)?;
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let right = |s: &str, w: usize| format!("{}{s}", " ".repeat(w.saturating_sub(width(s))));
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(width(s))));
    let below = t!("hist-below", edge = num(edges[0], 0));
    let above = t!("hist-above", edge = num(edges[edges.len() - 1], 0));
    let bin_head = t!("hist-col-bin");
    let first_col = (0..first.histogram.counts.len())
        .map(|k| width(&bin_label(edges, k)))
        .chain([width(&below), width(&above), width(&bin_head)])
        .max()
        .unwrap_or(0);
    let digits = h
        .layers
        .iter()
        .map(|l| l.histogram.total().to_string().len())
        .max()
        .unwrap_or(1);
    let cols: Vec<usize> = h
        .layers
        .iter()
        .map(|l| width(&l.name).max(digits))
        .collect();
    let row = |label: &str, cells: Vec<String>| {
        let mut line = pad(label, first_col);
        for (c, w) in cells.iter().zip(&cols) {
            line.push_str("  ");
            line.push_str(&right(c, *w));
        }
        line.trim_end().to_string()
    };
    let names = h.layers.iter().map(|l| l.name.clone()).collect();
    writeln!(out, "{}", row(&bin_head, names))?;
    for k in 0..first.histogram.counts.len() {
        let cells = h
            .layers
            .iter()
            .map(|l| l.histogram.counts.get(k).copied().unwrap_or(0).to_string())
            .collect();
        writeln!(out, "{}", row(&bin_label(edges, k), cells))?;
    }
    let cells = h
        .layers
        .iter()
        .map(|l| l.histogram.below.to_string())
        .collect();
    writeln!(out, "{}", row(&below, cells))?;
    let cells = h
        .layers
        .iter()
        .map(|l| l.histogram.above.to_string())
        .collect();
    writeln!(out, "{}", row(&above, cells))?;
    Ok(())
}
