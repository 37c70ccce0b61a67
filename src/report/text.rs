//! Text renderings of a run and of a gradient check (the CLI's `trace` and `check`).

use std::io::Write;

use anyhow::Result;

use crate::engine::check::CheckReport;
use crate::engine::{Phase, Run};
use crate::i18n::format::{block, count, duration, inline, mask_block, sci, shape, short};
use crate::preset::Preset;

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
        return format!("nodes in order: {}", parts.join("; "));
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
    writeln!(out, "\n== RESULT ==")?;
    if let Some(loss) = run.loss {
        if ends_with_update(run) {
            writeln!(out, "loss L = {} (before the update)", short(loss))?;
        } else {
            writeln!(out, "loss L = {}", short(loss))?;
        }
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

/// The title, the pipeline and every step as text, without the results (a graph prints its
/// own).
pub fn trace_steps(preset: &Preset, run: &Run, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{} — {}", preset.name, preset.title)?;
    if !preset.description.is_empty() {
        writeln!(out, "{}", preset.description)?;
    }
    writeln!(out, "{}", pipeline(preset, run))?;
    if ends_with_update(run) && run.loss.is_some() {
        writeln!(out, "{}", super::train::TRACE_LOSS_MEANING)?;
    }
    let total = run.tape.len();
    let mut phase = None;
    for (k, s) in run.tape.steps.iter().enumerate() {
        if phase != Some(s.phase) {
            phase = Some(s.phase);
            writeln!(out, "\n== {} ==", s.phase.as_str().to_uppercase())?;
        }
        writeln!(
            out,
            "\nstep {}/{total}  {}  {}  {}    {}",
            k + 1,
            s.phase.as_str(),
            s.layer_name,
            s.label,
            s.formula
        )?;
        let reads: Vec<String> = s
            .reads
            .iter()
            .map(|o| match o.cached_at {
                Some(at) => format!(
                    "{} {} (cached at forward step {})",
                    o.name,
                    shape(&o.value),
                    at + 1
                ),
                None => format!("{} {}", o.name, shape(&o.value)),
            })
            .collect();
        writeln!(out, "  reads  {}", reads.join(", "))?;
        let lines = if s.writes.kind.is_mask() {
            mask_block(&s.writes.value, 8, 8)
        } else {
            block(&s.writes.value, 4, 8, 8)
        };
        writeln!(
            out,
            "  writes {} {} = {}",
            s.writes.name,
            shape(&s.writes.value),
            lines.first().cloned().unwrap_or_default()
        )?;
        let indent =
            " ".repeat(13 + s.writes.name.chars().count() + shape(&s.writes.value).chars().count());
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
        "gradient check — {} (h = {}, tolerance {})",
        preset.name,
        sci(r.h),
        sci(r.tolerance)
    )?;
    for line in check_legend(r) {
        writeln!(out, "{line}")?;
    }
    let names: Vec<String> = r.tensors.iter().map(|t| t.name()).collect();
    let worst: Vec<String> = r.tensors.iter().map(|t| t.worst_cell()).collect();
    let name_w = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max(22);
    writeln!(
        out,
        "{:<name_w$} {:>9}  {:>12}  {:>12}        worst cell",
        "tensor", "shape", "max |a − n|", "max rel err"
    )?;
    for ((t, name), worst) in r.tensors.iter().zip(&names).zip(&worst) {
        let verdict = if t.max_rel_err <= r.tolerance {
            "ok"
        } else {
            "FAIL"
        };
        writeln!(
            out,
            "{:<name_w$} {:>9}  {:>12}  {:>12}  {verdict:<4}  {worst}",
            name,
            shape(&t.analytic),
            sci(t.max_abs_diff),
            sci(t.max_rel_err),
        )?;
    }
    writeln!(
        out,
        "numerical: {} × 2 = {} in {}",
        count(r.cells, "cell"),
        count(r.numerical_passes, "forward pass"),
        duration(r.numerical_time)
    )?;
    writeln!(
        out,
        "backprop:  1 forward + 1 backward in {}, {}",
        duration(r.backprop_time),
        r.speed_comparison()
    )?;
    if r.passed() {
        writeln!(out, "PASS: every relative error ≤ {}", sci(r.tolerance))?;
    } else {
        writeln!(
            out,
            "FAIL: max relative error {} > tolerance {}",
            sci(r.max_rel_err()),
            sci(r.tolerance)
        )?;
    }
    for note in &r.notes {
        writeln!(out, "note: {}", note.text(r.h))?;
    }
    Ok(())
}

/// What the check's numbers mean, in the words the CLI and the explorer both print: the
/// relative error's definition (a = backprop, n = numerical) and the floor in force at this h,
/// derived from the rounding of L.
pub fn check_legend(r: &CheckReport) -> [String; 2] {
    [
        "relative error = |a − n| / max(|a|, |n|, floor), a = backprop, n = numerical".to_string(),
        format!(
            "floor = {floor}: L = {l} is computed to about ±{dl} (rounding, ε = 2.2e-16 per \
             operation), so at h = {h} a central difference is good to about ±{noise}; gradients \
             below {floor} are compared by absolute difference at this h (|a − n| ≤ {noise} \
             passes: rounding alone can make that)",
            floor = sci(r.floor()),
            l = sci(r.objective),
            dl = sci(r.rounding),
            h = sci(r.h),
            noise = sci(r.noise()),
        ),
    ]
}
