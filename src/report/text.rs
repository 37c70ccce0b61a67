//! Text renderings of a run and of a gradient check (the CLI's `trace` and `check`).

use std::io::Write;

use anyhow::Result;

use crate::engine::check::CheckReport;
use crate::engine::{Phase, Run};
use crate::i18n::format::{block, duration, inline, mask_block, sci, shape, short};
use crate::preset::Preset;
use crate::t;

/// `text` padded with spaces to `width` columns of the terminal (CJK characters take two), on
/// the right (`left_align`) or on the left.
pub fn pad(text: &str, width: usize, left_align: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(unicode_width::UnicodeWidthStr::width(text)));
    if left_align {
        format!("{text}{fill}")
    } else {
        format!("{fill}{text}")
    }
}

/// A phase as the text and Markdown traces name it, in the learner's language.
pub fn phase_words(phase: Phase) -> String {
    t!("report-phase", phase = phase.as_str())
}

/// `x 2×3 → Affine1 2×4 → … → L = 0.97`: the shapes along the chain. A graph (which may
/// branch) lists its nodes in the order they run, each with its inputs:
/// `apple_price = apple × apple_num; …; price = all_price × tax`.
pub fn pipeline(preset: &Preset, run: &Run) -> String {
    if let Some(graph) = preset.graph.as_ref().filter(|g| !g.chain) {
        let mut parts: Vec<String> = graph
            .nodes
            .iter()
            .map(|n| format!("{} = {}", n.name, n.expression()))
            .collect();
        if let Some(loss) = run.loss {
            parts.push(format!("L = {}", short(loss)));
        }
        return t!("report-graph-pipeline", nodes = parts.join("; "));
    }
    let mut parts = vec![format!("x {}", shape(&preset.inputs.x))];
    for l in &run.layers {
        parts.push(format!("{} {}", l.name, shape(&l.out)));
    }
    if let Some(loss) = run.loss {
        parts.push(format!("L = {}", short(loss)));
    }
    parts.join(" → ")
}

/// True when the tape ends with a training update (a training preset's mini-batch): its `L`
/// is taken before that update.
pub fn ends_with_update(run: &Run) -> bool {
    run.tape.steps.iter().any(|s| s.phase == Phase::Update)
}

/// Every step as text, then the results.
pub fn trace_text(preset: &Preset, run: &Run, out: &mut dyn Write) -> Result<()> {
    trace_steps(preset, run, out)?;
    writeln!(out, "\n== {} ==", t!("report-result-heading"))?;
    if let Some(loss) = run.loss {
        writeln!(out, "{}", loss_words(loss, ends_with_update(run)))?;
    }
    writeln!(out, "out = {}", inline(&run.out))?;
    writeln!(out, "dx  = {}", inline(&run.dx))?;
    for l in &run.layers {
        for g in &l.grads {
            writeln!(out, "{}: d{} = {}", l.name, g.name, inline(&g.value))?;
        }
    }
    Ok(())
}

/// `loss L = 0.97`, or `loss L = 0.97 (before the update)` for a tape that ends with update
/// steps.
pub fn loss_words(loss: f64, before_update: bool) -> String {
    if before_update {
        t!("report-loss-before-update", loss = short(loss))
    } else {
        t!("report-loss", loss = short(loss))
    }
}

/// The title, the pipeline and every step as text, without the results (a graph prints its
/// own).
pub fn trace_steps(preset: &Preset, run: &Run, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{} — {}", preset.name, preset.title)?;
    if !preset.description.is_empty() {
        writeln!(out, "{}", preset.description)?;
    }
    writeln!(out, "{}", pipeline(preset, run))?;
    if ends_with_update(run) && run.loss.is_some() {
        writeln!(out, "{}", t!("report-trace-loss-meaning"))?;
    }
    let total = run.tape.len();
    let mut phase = None;
    for (k, s) in run.tape.steps.iter().enumerate() {
        if phase != Some(s.phase) {
            phase = Some(s.phase);
            writeln!(
                out,
                "\n== {} ==",
                t!("report-phase-heading", phase = s.phase.as_str())
            )?;
        }
        let step = t!(
            "report-step",
            step = k + 1,
            total = total,
            phase = phase_words(s.phase)
        );
        writeln!(
            out,
            "\n{step}  {}  {}    {}",
            s.layer_name, s.label, s.formula
        )?;
        let reads: Vec<String> = s
            .reads
            .iter()
            .map(|o| match o.cached_at {
                Some(at) => t!(
                    "report-operand-cached",
                    name = &o.name,
                    shape = shape(&o.value),
                    step = at + 1
                ),
                None => format!("{} {}", o.name, shape(&o.value)),
            })
            .collect();
        writeln!(out, "  {}", t!("report-reads", operands = reads.join(", ")))?;
        let lines = if s.writes.kind.is_mask() {
            mask_block(&s.writes.value, 8, 8)
        } else {
            block(&s.writes.value, 4, 8, 8)
        };
        let writes = t!(
            "report-writes",
            name = &s.writes.name,
            shape = shape(&s.writes.value)
        );
        writeln!(
            out,
            "  {writes} {}",
            lines.first().cloned().unwrap_or_default()
        )?;
        let indent = " ".repeat(3 + unicode_width::UnicodeWidthStr::width(writes.as_str()));
        for l in lines.iter().skip(1) {
            writeln!(out, "{indent}{l}")?;
        }
        writeln!(out, "  {}", s.note)?;
    }
    Ok(())
}

/// The check as a table: what the relative error is and its floor at this h, then per tensor
/// the max difference, the max relative error and the cell where it is.
pub fn check_text(preset: &Preset, r: &CheckReport, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "{}",
        t!(
            "report-check-title",
            preset = &preset.name,
            h = sci(r.h),
            tolerance = sci(r.tolerance)
        )
    )?;
    for line in check_legend(r) {
        writeln!(out, "{line}")?;
    }
    let names: Vec<String> = r.tensors.iter().map(|t| t.name()).collect();
    let worst: Vec<String> = r.tensors.iter().map(|t| t.worst_cell()).collect();
    let heading = [
        t!("report-check-col-tensor"),
        t!("report-check-col-shape"),
        t!("report-check-col-abs"),
        t!("report-check-col-rel"),
        t!("report-check-col-worst"),
    ];
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let name_w = names
        .iter()
        .chain([&heading[0]])
        .map(|n| width(n))
        .max()
        .unwrap_or(0)
        .max(22);
    let (ok, fail) = (t!("report-check-ok"), t!("report-check-fail"));
    let verdict_w = width(&ok).max(width(&fail)).max(4);
    let shape_w = width(&heading[1]).max(9);
    let abs_w = width(&heading[2]).max(12);
    let rel_w = width(&heading[3]).max(12);
    writeln!(
        out,
        "{} {}  {}  {}  {}  {}",
        pad(&heading[0], name_w, true),
        pad(&heading[1], shape_w, false),
        pad(&heading[2], abs_w, false),
        pad(&heading[3], rel_w, false),
        " ".repeat(verdict_w),
        heading[4]
    )?;
    for ((t, name), worst) in r.tensors.iter().zip(&names).zip(&worst) {
        let verdict = if t.max_rel_err <= r.tolerance {
            &ok
        } else {
            &fail
        };
        writeln!(
            out,
            "{} {}  {}  {}  {}  {worst}",
            pad(name, name_w, true),
            pad(&shape(&t.analytic), shape_w, false),
            pad(&sci(t.max_abs_diff), abs_w, false),
            pad(&sci(t.max_rel_err), rel_w, false),
            pad(verdict, verdict_w, true),
        )?;
    }
    writeln!(
        out,
        "{}",
        t!(
            "report-check-numerical",
            cells = r.cells,
            passes = r.numerical_passes,
            time = duration(r.numerical_time)
        )
    )?;
    writeln!(
        out,
        "{}",
        t!(
            "report-check-backprop",
            time = duration(r.backprop_time),
            speed = speed_words(r)
        )
    )?;
    if r.passed() {
        writeln!(
            out,
            "{}",
            t!("report-check-pass", tolerance = sci(r.tolerance))
        )?;
    } else {
        writeln!(
            out,
            "{}",
            t!(
                "report-check-failed",
                error = sci(r.max_rel_err()),
                tolerance = sci(r.tolerance)
            )
        )?;
    }
    for note in &r.notes {
        writeln!(out, "{} {}", t!("report-check-note"), note.text(r.h))?;
    }
    Ok(())
}

/// Backprop's speed against the numerical gradient, in words the CLI and the explorer both
/// print: `34× faster than the numerical gradient`, `about as fast as …`, `3× slower than …`.
pub fn speed_words(r: &CheckReport) -> String {
    r.speed_comparison()
}

/// What the check's numbers mean, in the words the CLI and the explorer both print: the
/// relative error's definition (a = backprop, n = numerical) and the floor in force at this h,
/// derived from the rounding of L.
pub fn check_legend(r: &CheckReport) -> [String; 2] {
    [
        t!("report-check-legend-relative"),
        t!(
            "report-check-legend-floor",
            floor = sci(r.floor()),
            loss = sci(r.objective),
            rounding = sci(r.rounding),
            h = sci(r.h),
            noise = sci(r.noise()),
        ),
    ]
}
