//! The popups' side of [`App::update`]: explaining a cell, the gradient check, the preset picker,
//! editing a cell and typing a path.
//!
//! Every engine error (a bad file, a value that breaks the shapes) becomes [`Mode::Error`] and
//! leaves the preset and the run as they were.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};

use super::{App, Mode, Source};
use crate::engine::check::{DEFAULT_H, DEFAULT_TOLERANCE, gradient_check};
use crate::engine::format::n4;
use crate::engine::{Explanation, Kind, Matrix, Op, Param, Targets};
use crate::preset::{BUILTINS, Preset};
use crate::tui::action::Action;

/// The largest number of cells the explorer checks numerically (2 forward passes each).
pub const MAX_CHECK_CELLS: usize = 20_000;

/// The most terms an explanation writes out before eliding the middle.
const MAX_TERMS: usize = 8;

/// The lines of an engine explanation: the rule, the expansion with numbers, the remark. For a
/// mask the expansion is the comparison itself (`1.0000 ≤ 0 is False`), not a number.
pub fn explanation_lines(op: &Op, ex: &Explanation, max_terms: usize) -> Vec<String> {
    let mut lines = ex.lines(max_terms);
    if matches!(op, Op::Mask(_) | Op::ApplyMask) {
        if let (Some(line), Some(term)) = (lines.get_mut(1), ex.terms.first()) {
            *line = format!("⇒ {}", term.numbers);
        }
    }
    lines
}

/// One row of the preset picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerEntry {
    /// A built-in preset: name and one line.
    Builtin {
        /// The name.
        name: String,
        /// What it shows.
        summary: String,
    },
    /// A `.toml` file in the current directory.
    File(PathBuf),
    /// "Type a path…".
    TypePath,
}

/// What a text prompt is for, and what has been typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// The question, e.g. `W[0,1] of Affine1 (now 0.3000)`.
    pub label: String,
    /// What was typed.
    pub input: String,
    /// Where the value goes: a cell, or `None` for a preset path.
    pub target: Option<(Source, usize, usize)>,
}

impl App {
    /// Actions while a popup is open.
    pub(super) fn popup(&mut self, action: Action) {
        let mode = std::mem::replace(&mut self.mode, Mode::Explore);
        self.mode = match (mode, action) {
            (Mode::Quiz(prompt), action) => self.quiz_key(prompt, action),
            (_, Action::Back) => Mode::Explore,
            (Mode::Jacobian { .. }, Action::Jacobian) => Mode::Explore,
            (Mode::Help, Action::Up) => {
                self.help_scroll = self.help_scroll.saturating_sub(1);
                Mode::Help
            }
            (Mode::Help, Action::Down) => {
                self.help_scroll = self
                    .help_scroll
                    .saturating_add(1)
                    .min(crate::tui::ui::help_scroll_max(self));
                Mode::Help
            }
            (Mode::Reveal { .. }, Action::Confirm) => Mode::Explore,
            (Mode::Jacobian { view, first }, action) => {
                super::aids::scroll_jacobian(view, first, action)
            }
            (Mode::Help, Action::Help) | (Mode::Check { .. }, Action::Check) => Mode::Explore,
            (Mode::Explain { .. } | Mode::Error(_), Action::Confirm) => Mode::Explore,
            (Mode::Check { report, selected }, Action::Up | Action::Down) => {
                let n = report.tensors.len().max(1);
                let selected = if action == Action::Up {
                    (selected + n - 1) % n
                } else {
                    (selected + 1) % n
                };
                Mode::Check { report, selected }
            }
            (Mode::Picker { entries, selected }, Action::Up | Action::Down) => {
                let n = entries.len().max(1);
                let selected = if action == Action::Up {
                    (selected + n - 1) % n
                } else {
                    (selected + 1) % n
                };
                Mode::Picker { entries, selected }
            }
            (Mode::Picker { entries, selected }, Action::Confirm) => match entries.get(selected) {
                Some(PickerEntry::Builtin { name, .. }) => self.load(Preset::builtin(name)),
                Some(PickerEntry::File(path)) => self.load(Preset::from_file(path)),
                Some(PickerEntry::TypePath) => Mode::Prompt(Prompt {
                    label: "path of a .toml preset".into(),
                    input: String::new(),
                    target: None,
                }),
                None => Mode::Picker { entries, selected },
            },
            (Mode::Prompt(mut prompt), Action::Type(c)) => {
                prompt.input.push(c);
                Mode::Prompt(prompt)
            }
            (Mode::Prompt(mut prompt), Action::Backspace) => {
                prompt.input.pop();
                Mode::Prompt(prompt)
            }
            (Mode::Prompt(prompt), Action::Confirm) => match &prompt.target {
                None => self.load(Preset::resolve(prompt.input.trim())),
                Some((source, r, c)) => match self.apply_edit(source, *r, *c, &prompt.input) {
                    Ok(()) => Mode::Explore,
                    Err(e) => Mode::Error(format!("{e:#}")),
                },
            },
            (mode, _) => mode,
        };
    }

    /// Switch to `preset` (or show why it cannot be loaded).
    fn load(&mut self, preset: Result<Preset>) -> Mode {
        let loaded = preset.and_then(|p| {
            let run = p.run()?;
            Ok((p, run))
        });
        match loaded {
            Ok((preset, run)) => {
                self.nudge = None;
                self.preset = preset;
                self.run = run;
                self.quizzed.clear();
                self.cursor = (0, 0);
                self.write_cell = (0, 0);
                self.go_to(0);
                Mode::Explore
            }
            Err(e) => Mode::Error(format!("{e:#}\n\nThe current preset is unchanged.")),
        }
    }

    /// Open the picker: built-ins, then `.toml` files in the current directory, then a path.
    pub(super) fn open_picker(&mut self) {
        let mut entries: Vec<PickerEntry> = BUILTINS
            .iter()
            .map(|b| PickerEntry::Builtin {
                name: b.name.into(),
                summary: b.summary.into(),
            })
            .collect();
        let mut files: Vec<PathBuf> = std::fs::read_dir(".")
            .map(|dir| {
                dir.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
                    .filter(|p| p.file_name().is_some_and(|n| n != "Cargo.toml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        entries.extend(files.into_iter().map(PickerEntry::File));
        entries.push(PickerEntry::TypePath);
        let selected = entries
            .iter()
            .position(
                |e| matches!(e, PickerEntry::Builtin { name, .. } if *name == self.preset.name),
            )
            .unwrap_or(0);
        self.mode = Mode::Picker { entries, selected };
    }

    /// Explain the cursor's cell of the focused pane.
    pub(super) fn explain(&mut self) {
        let Some(pane) = self.focused().cloned() else {
            return;
        };
        let (r, c) = self.cursor;
        let value = self
            .matrix(&pane.source)
            .and_then(|m| m.get((r, c)).copied())
            .unwrap_or(f64::NAN);
        let cell = crate::engine::format::cell(&pane.title, r, c);
        let origin = self.origin_step(&pane.source, pane.kind);
        let (title, lines) = match origin.and_then(|s| Some((s, self.run.tape.steps.get(s)?))) {
            Some((s, step)) => match step.explain(r, c) {
                Some(ex) => {
                    let mut lines = explanation_lines(&step.op, &ex, MAX_TERMS);
                    if step.writes.kind != pane.kind {
                        lines.insert(0, format!("{cell} is {} of step {}:", ex.target, s + 1));
                    }
                    (
                        format!(
                            "{cell} — step {} ({} {})",
                            s + 1,
                            step.layer_name,
                            step.label
                        ),
                        lines,
                    )
                }
                None => (cell.clone(), vec![format!("{cell} is outside the matrix")]),
            },
            None => (cell.clone(), self.describe_leaf(&pane.source, &cell, value)),
        };
        self.mode = Mode::Explain { title, lines };
    }

    /// The step that wrote a pane's matrix, if a step did.
    pub fn origin_step(&self, source: &Source, kind: Kind) -> Option<usize> {
        let steps = &self.run.tape.steps;
        let wrote = |mut range: std::ops::Range<usize>, kind: Kind| {
            range.rfind(|&s| steps.get(s).is_some_and(|st| st.writes.kind == kind))
        };
        match source {
            Source::StepWrite(s) => Some(*s),
            Source::LayerOut(l) => wrote(self.run.layers.get(*l)?.forward_steps.clone(), kind),
            Source::Input(l) if *l > 0 => wrote(
                self.run.layers.get(l - 1)?.forward_steps.clone(),
                Kind::Output,
            ),
            Source::Dout(l) => wrote(self.run.layers.get(l + 1)?.backward_steps.clone(), Kind::Dx),
            _ => None,
        }
    }

    /// What a cell that no step computed is.
    fn describe_leaf(&self, source: &Source, cell: &str, value: f64) -> Vec<String> {
        let v = n4(value);
        match source {
            Source::Input(_) => vec![
                format!("{cell} = {v}: an input of the network, given by the preset."),
                "Press e to change it; every step is recomputed.".into(),
            ],
            Source::Param(l, name) => {
                let layer = self.run.layers.get(*l);
                let grad_step = layer.and_then(|lr| {
                    lr.backward_steps.clone().find(|&s| {
                        self.run.tape.steps.get(s).is_some_and(|st| {
                            Param::from_key(name).map(Kind::Grad) == Some(st.writes.kind)
                        })
                    })
                });
                vec![
                    format!(
                        "{cell} = {v}: a parameter of {}.",
                        layer.map(|l| l.name.as_str()).unwrap_or("?")
                    ),
                    match grad_step {
                        Some(s) => format!(
                            "Its gradient d{name} is written at backward step {}.",
                            s + 1
                        ),
                        None => format!("Its gradient is d{name}."),
                    },
                    "Press e to change it; every step is recomputed.".into(),
                ]
            }
            Source::Targets => vec![
                format!("{cell} = {v}: the target, 1 for the right class of the row."),
                "Softmax-with-Loss compares y with t; backward starts from y − t.".into(),
            ],
            _ => vec![
                format!("{cell} = {v}: the gradient that starts the backward pass."),
                "With L = Σ dout ⊙ out, dout[i,j] = ∂L/∂out[i,j]. Press e to change it.".into(),
            ],
        }
    }

    /// Open the edit prompt for the cursor's cell, or explain why that cell is not editable.
    pub(super) fn start_edit(&mut self) {
        let Some(pane) = self.focused().cloned() else {
            return;
        };
        let (r, c) = self.cursor;
        let editable = match &pane.source {
            Source::Input(0) | Source::Param(..) | Source::Targets => true,
            Source::Dout(l) => *l + 1 == self.run.layers.len() && self.run.dout.is_some(),
            _ => false,
        };
        if !editable {
            self.mode = Mode::Error(format!(
                "{} is computed, not given: edit x, a parameter (W, b, w), t or the starting dout, and it is recomputed.",
                pane.title
            ));
            return;
        }
        let now = self
            .matrix(&pane.source)
            .and_then(|m| m.get((r, c)).copied());
        let label = format!(
            "new value for {}[{r},{c}] (now {})",
            pane.title,
            now.map(n4).unwrap_or_default()
        );
        self.mode = Mode::Prompt(Prompt {
            label,
            input: String::new(),
            target: Some((pane.source.clone(), r, c)),
        });
    }

    /// Set one cell of an input and rerun; on error nothing changes.
    fn apply_edit(&mut self, source: &Source, r: usize, c: usize, text: &str) -> Result<()> {
        let value: f64 = text
            .trim()
            .parse()
            .with_context(|| format!("\"{}\" is not a number: type e.g. 0.5 or -2", text.trim()))?;
        if !value.is_finite() {
            bail!("{value} is not a finite number");
        }
        let mut preset = self.preset.clone();
        let cell = |m: &mut Matrix| -> Result<()> {
            let slot = m
                .get_mut((r, c))
                .context("the cell is outside the matrix")?;
            *slot = value;
            Ok(())
        };
        match source {
            Source::Input(_) => cell(&mut preset.inputs.x)?,
            Source::Param(l, name) => {
                let layer = preset.network.layers.get_mut(*l).context("no such layer")?;
                cell(layer.layer.param_mut(name).context("no such parameter")?)?;
            }
            Source::Targets => {
                let mut t = self.run.t.clone().context("this preset has no targets")?;
                cell(&mut t)?;
                preset.inputs.t = Some(Targets::OneHot(t));
            }
            _ => {
                let mut dout = self
                    .run
                    .dout
                    .clone()
                    .context("this preset starts from a loss, not a dout")?;
                cell(&mut dout)?;
                preset.inputs.dout = Some(dout);
            }
        }
        let run = preset.run()?;
        let nudged = self.nudge.take();
        let (step, focus, cursor) = (self.step, self.focus, self.cursor);
        self.preset = preset;
        self.run = run;
        self.quizzed.clear();
        // An active nudge is rerun on the edited numbers, so its panel stays true.
        if let Some(previous) = nudged {
            self.run_nudge(&previous.target, previous.h);
        }
        self.go_to(step);
        self.focus = focus.min(self.panes.len().saturating_sub(1));
        self.cursor = cursor;
        self.clamp_cursor();
        Ok(())
    }

    /// Run the gradient check and open its view.
    pub(super) fn open_check(&mut self) {
        let cells = self.preset.inputs.x.len()
            + self
                .preset
                .network
                .layers
                .iter()
                .flat_map(|l| l.layer.params())
                .map(|(_, m)| m.len())
                .sum::<usize>();
        if cells > MAX_CHECK_CELLS {
            self.mode = Mode::Error(format!(
                "{cells} cells would take {} forward passes: the explorer checks at most {MAX_CHECK_CELLS} cells. Run `backstep check` in a shell instead.",
                2 * cells
            ));
            return;
        }
        self.mode = match gradient_check(
            &self.preset.network,
            &self.preset.inputs,
            DEFAULT_H,
            DEFAULT_TOLERANCE,
        ) {
            Ok(mut report) => {
                if let Some((numerical, backprop)) = self.check_times {
                    report.numerical_time = numerical;
                    report.backprop_time = backprop;
                }
                Mode::Check {
                    report: Box::new(report),
                    selected: 0,
                }
            }
            Err(e) => Mode::Error(format!("{e:#}")),
        };
    }
}
