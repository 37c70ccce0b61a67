//! Markdown export: one step, or the whole tape, as study notes.
//!
//! Each step gets a heading, its formula, the NumPy line (a fenced `python` block), every matrix it
//! read and the one it wrote as Markdown tables, the shape algebra for Affine steps, and the note.
//! The whole trace adds a title, the pipeline and the results. These functions only build strings;
//! the CLI prints them and the explorer writes them to the file [`step_file_name`] picks.

use std::fmt::Write as _;

use anyhow::{Context, Result};

use super::text::{ends_with_update, phase_words, pipeline};
use crate::engine::{Matrix, Operand, Run};
use crate::i18n::format::{elide, shape, short};
use crate::lesson::aids::{numpy_line, shape_algebra};
use crate::preset::Preset;
use crate::t;

/// Rows and columns shown per table; larger matrices are elided with `…`.
pub const MAX_TABLE_SIDE: usize = 32;

/// The file name for saving step `step_index` (0-based) of `preset`:
/// `backstep-<preset>-step-<k>.md` with k counted from 1 as on screen. Characters other than
/// ASCII letters, digits, `-` and `_` in the preset's name become `-`.
pub fn step_file_name(preset_name: &str, step_index: usize) -> String {
    let safe: String = preset_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe.trim_matches('-');
    let safe = if safe.is_empty() { "preset" } else { safe };
    format!("backstep-{safe}-step-{}.md", step_index + 1)
}

/// One step as Markdown, with the preset's name as a title line.
pub fn step_markdown(preset: &Preset, run: &Run, step_index: usize) -> Result<String> {
    run.tape.steps.get(step_index).with_context(|| {
        t!(
            "report-no-such-step",
            step = step_index + 1,
            steps = run.tape.len()
        )
    })?;
    let mut md = format!("# {} — {}\n\n", preset.name, preset.title);
    let _ = writeln!(md, "{}\n", pipeline(preset, run));
    write_step(&mut md, run, step_index);
    Ok(md)
}

/// The whole tape as Markdown: title, pipeline, every step, results.
pub fn trace_markdown(preset: &Preset, run: &Run) -> String {
    let mut md = trace_markdown_steps(preset, run);
    let _ = writeln!(md, "## {}\n", t!("report-md-results"));
    if let Some(loss) = run.loss {
        let line = if ends_with_update(run) {
            t!("report-md-loss-before-update", loss = short(loss))
        } else {
            t!("report-md-loss", loss = short(loss))
        };
        let _ = writeln!(md, "{line}\n");
    }
    write_matrix(&mut md, "out", &run.out, None, false);
    write_matrix(&mut md, "dx", &run.dx, None, false);
    for l in &run.layers {
        for g in &l.grads {
            let name = format!("{}: d{}", l.name, g.name);
            write_matrix(&mut md, &name, &g.value, None, false);
        }
    }
    md
}

/// Title, pipeline and every step as Markdown, without the results (a graph writes its own).
pub fn trace_markdown_steps(preset: &Preset, run: &Run) -> String {
    let mut md = format!("# {} — {}\n\n", preset.name, preset.title);
    if !preset.description.is_empty() {
        let _ = writeln!(md, "{}\n", preset.description);
    }
    let _ = writeln!(
        md,
        "{}\n",
        t!("report-md-pipeline", pipeline = pipeline(preset, run))
    );
    if ends_with_update(run) && run.loss.is_some() {
        let _ = writeln!(md, "{}\n", t!("report-trace-loss-meaning"));
    }
    let mut phase = None;
    for (k, s) in run.tape.steps.iter().enumerate() {
        if phase != Some(s.phase) {
            phase = Some(s.phase);
            let _ = writeln!(
                md,
                "## {}\n",
                t!("report-md-phase", phase = s.phase.as_str())
            );
        }
        write_step(&mut md, run, k);
    }
    md
}

fn write_step(md: &mut String, run: &Run, k: usize) {
    let Some(s) = run.tape.steps.get(k) else {
        return;
    };
    let _ = writeln!(
        md,
        "### {} · {} · {} · `{}`\n",
        t!("report-md-step", step = k + 1, total = run.tape.len()),
        phase_words(s.phase),
        s.layer_name,
        s.label
    );
    let _ = writeln!(md, "{} `{}`\n", t!("report-md-formula"), s.formula);
    let _ = writeln!(md, "```python\n{}\n```\n", numpy_line(s));
    let _ = writeln!(md, "{}\n", t!("report-md-reads"));
    for o in &s.reads {
        write_operand(md, o);
    }
    let _ = writeln!(md, "{}\n", t!("report-md-writes"));
    write_operand(md, &s.writes);
    if let Some(panel) = shape_algebra(&run.tape.steps, k) {
        let _ = writeln!(md, "{}\n", t!("report-md-shapes"));
        for line in &panel.lines {
            let _ = writeln!(md, "- {line}");
        }
        for c in &panel.candidates {
            let mark = if c.fits { "✓" } else { "✗" };
            let remark = c
                .remark
                .as_ref()
                .map(|r| format!(" — {r}"))
                .unwrap_or_default();
            let _ = writeln!(md, "- {mark} `{}`: {}{remark}", c.product, c.verdict);
        }
        md.push('\n');
    }
    let _ = writeln!(md, "> {}\n", s.note);
}

fn write_operand(md: &mut String, o: &Operand) {
    let cached = o.cached_at.map(|at| t!("report-md-cached", step = at + 1));
    write_matrix(md, &o.name, &o.value, cached.as_deref(), o.kind.is_mask());
}

/// A caption line, then the matrix as a table: a header of column indices, one row per matrix
/// row, the row index first. A mask (`is_mask`) prints True/False.
fn write_matrix(md: &mut String, name: &str, m: &Matrix, extra: Option<&str>, is_mask: bool) {
    let _ = writeln!(md, "`{name}` ({}){}\n", shape(m), extra.unwrap_or(""));
    let rows = elide(m.nrows(), MAX_TABLE_SIDE);
    let cols = elide(m.ncols(), MAX_TABLE_SIDE);
    let index = |i: Option<usize>| i.map(|i| i.to_string()).unwrap_or_else(|| "…".into());
    let mut header = format!("| {} |", escape(name));
    let mut rule = String::from("|---|");
    for &j in &cols {
        let _ = write!(header, " {} |", index(j));
        rule.push_str("---:|");
    }
    let _ = writeln!(md, "{header}\n{rule}");
    for &i in &rows {
        let mut line = format!("| {} |", index(i));
        for &j in &cols {
            let cell = match (i, j) {
                (Some(i), Some(j)) => {
                    let v = m[[i, j]];
                    if is_mask {
                        if v != 0.0 { "True" } else { "False" }.to_string()
                    } else {
                        short(v)
                    }
                }
                _ => "…".to_string(),
            };
            let _ = write!(line, " {cell} |");
        }
        let _ = writeln!(md, "{line}");
    }
    md.push('\n');
}

fn escape(s: &str) -> String {
    s.replace('|', "\\|")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::preset::BUILTINS;

    fn markdown(name: &str) -> String {
        let p = Preset::builtin(name).unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        trace_markdown(&p, &run)
    }

    /// Every table (a run of lines starting with `|`) has the same number of cells per line.
    fn assert_tables_well_formed(md: &str) {
        let mut width: Option<usize> = None;
        let mut tables = 0;
        for line in md.lines() {
            if line.starts_with('|') {
                assert!(line.ends_with('|'), "unterminated row: {line}");
                let cells = line.replace("\\|", "").split('|').count() - 2;
                match width {
                    None => {
                        width = Some(cells);
                        tables += 1;
                    }
                    Some(w) => assert_eq!(w, cells, "ragged table row: {line}"),
                }
            } else {
                width = None;
            }
        }
        assert!(tables > 0, "no table at all");
    }

    #[test]
    fn bias_sum_markdown_has_db_5_7_9_as_a_table_row() {
        let md = markdown("bias-sum");
        let db = md.split("`db` (1×3)").nth(1).expect("a db table");
        let table: Vec<&str> = db.trim_start().lines().take(3).collect();
        assert_eq!(
            table,
            [
                "| db | 0 | 1 | 2 |",
                "|---|---:|---:|---:|",
                "| 0 | 5 | 7 | 9 |"
            ]
        );
        assert!(md.contains("```python\nself.db = np.sum(dout, axis=0)\n```"));
        assert!(md.contains("Formula: `db = Σₙ dY[n,·]`"));
        assert!(
            md.contains("| 1 | 11 | 12 | 13 |"),
            "Y = [[1,2,3],[11,12,13]]"
        );
        assert!(md.contains("- ✓ `Xᵀ·dY`: fits"));
        assert!(md.contains("## Results"));
        assert!(md.contains("| Affine: db | 0 | 1 | 2 |"));
    }

    #[test]
    fn every_builtin_exports_well_formed_tables() {
        for b in BUILTINS {
            let md = markdown(b.name);
            assert_tables_well_formed(&md);
            let p = Preset::builtin(b.name).unwrap();
            let run = p.network.run(&p.inputs).unwrap();
            assert_eq!(
                md.matches("\n### Step ").count(),
                run.tape.len(),
                "{}",
                b.name
            );
        }
    }

    #[test]
    fn mask_prints_true_false_and_the_cache() {
        let p = Preset::builtin("mask").unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        let md = step_markdown(&p, &run, 1).unwrap();
        assert!(md.contains("| 0 | False | False | True |"), "{md}");
        assert!(md.contains("`mask` (2×3), cached at forward step 1"));
        assert!(
            md.contains("| 0 | 1 | 2 | 0 |"),
            "out = [[1, 2, 0], [2, 3, 4]]"
        );
        assert_tables_well_formed(&md);
        assert!(step_markdown(&p, &run, 99).is_err());
    }

    #[test]
    fn large_matrices_are_elided_but_stay_rectangular() {
        let mut md = String::new();
        write_matrix(&mut md, "big", &Matrix::zeros((40, 3)), None, false);
        assert_eq!(
            md.lines().filter(|l| l.starts_with("| ")).count(),
            1 + MAX_TABLE_SIDE
        );
        assert!(md.contains("| … | … | … | … |"));
        assert_tables_well_formed(&md);
    }

    #[test]
    fn file_names() {
        assert_eq!(
            step_file_name("two-layer", 0),
            "backstep-two-layer-step-1.md"
        );
        assert_eq!(step_file_name("my net/β", 11), "backstep-my-net-step-12.md");
        assert_eq!(step_file_name("", 2), "backstep-preset-step-3.md");
    }
}
