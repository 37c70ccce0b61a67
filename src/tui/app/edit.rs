//! Text prompts: editing one cell of x, a parameter, t or the starting dout (`e`), and typing a
//! preset path (from the picker). Everything downstream is recomputed; on an error nothing
//! changes. On targets the prompt asks for the class of the row: one-hot rows stay one-hot.

use anyhow::{Context as _, Result, anyhow};

use super::{App, Mode, Source};
use crate::engine::{Matrix, Targets};
use crate::i18n::format::n4;
use crate::tui::action::Action;

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

/// The class of each row when every row of `t` is one-hot (a single 1, the rest 0).
pub fn classes(t: &Matrix) -> Option<Vec<usize>> {
    t.rows()
        .into_iter()
        .map(|row| {
            let ones: Vec<usize> = (0..row.len()).filter(|&j| row[j] == 1.0).collect();
            let zeros = row.iter().filter(|&&v| v == 0.0).count();
            (ones.len() == 1 && zeros + 1 == row.len()).then(|| ones[0])
        })
        .collect()
}

impl App {
    /// Typing into a prompt; `Enter` applies it, `Esc` cancels.
    pub(super) fn prompt(&mut self, mut prompt: Prompt, action: Action) {
        match action {
            Action::Back => {}
            Action::Type(c) => {
                prompt.input.push(c);
                self.mode = Mode::Prompt(prompt);
            }
            Action::Backspace => {
                prompt.input.pop();
                self.mode = Mode::Prompt(prompt);
            }
            Action::Confirm => match &prompt.target {
                None => self.start_load(prompt.input.trim()),
                Some((source, r, c)) => {
                    if let Err(e) = self.apply_edit(source, *r, *c, &prompt.input) {
                        self.mode = Mode::Error(format!("{e:#}"));
                    }
                }
            },
            _ => self.mode = Mode::Prompt(prompt),
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
            // a later graph node's first input is editable when it is a graph input
            Source::Input(l) => self.preset.graph.as_ref().is_some_and(|g| {
                !g.chain
                    && g.nodes
                        .get(*l)
                        .and_then(|n| n.inputs.first())
                        .is_some_and(|name| g.input_index(name).is_some())
            }),
            Source::Dout(l) => *l + 1 == self.run.layers.len() && self.run.dout.is_some(),
            _ => false,
        };
        if !editable {
            self.mode = Mode::Error(crate::t!("views-edit-computed", name = pane.title.as_str()));
            return;
        }
        let now = self
            .matrix(&pane.source)
            .and_then(|m| m.get((r, c)).copied());
        let one_hot = self.run.t.as_ref().and_then(classes);
        let label = match (&pane.source, one_hot) {
            (Source::Targets, Some(classes)) => crate::t!(
                "views-edit-class",
                row = r.to_string(),
                last = self
                    .run
                    .t
                    .as_ref()
                    .map_or(0, |t| t.ncols())
                    .saturating_sub(1)
                    .to_string(),
                now = classes.get(r).copied().unwrap_or(0).to_string()
            ),
            _ => crate::t!(
                "views-edit-value",
                cell = format!("{}[{r},{c}]", pane.title),
                now = now.map(n4).unwrap_or_default()
            ),
        };
        self.mode = Mode::Prompt(Prompt {
            label,
            input: String::new(),
            target: Some((pane.source.clone(), r, c)),
        });
    }

    /// Set one cell of an input and rerun; on error nothing changes.
    fn apply_edit(&mut self, source: &Source, r: usize, c: usize, text: &str) -> Result<()> {
        let value = typed_number(text)?;
        let mut preset = self.preset.clone();
        let cell = |m: &mut Matrix| -> Result<()> {
            let slot = m
                .get_mut((r, c))
                .with_context(|| crate::t!("views-edit-outside"))?;
            *slot = value;
            Ok(())
        };
        // A graph runs on its named inputs: a node's first input pane (and a mul or add node's
        // second, shown where a layer's parameter would be) edits the graph input it reads.
        let graph = preset.graph.as_mut().filter(|g| !g.chain);
        match (source, graph) {
            (Source::Input(l) | Source::Param(l, _), Some(g)) => {
                let k = usize::from(matches!(source, Source::Param(..)));
                let name = g
                    .nodes
                    .get(*l)
                    .and_then(|n| n.inputs.get(k))
                    .cloned()
                    .with_context(|| crate::t!("views-edit-no-input"))?;
                let index = g
                    .input_index(&name)
                    .with_context(|| crate::t!("views-edit-node-computed", name = name.as_str()))?;
                cell(&mut g.inputs[index].1)?;
            }
            (Source::Input(_), None) => cell(&mut preset.inputs.x)?,
            (Source::Param(l, name), None) => {
                let layer = preset
                    .network
                    .layers
                    .get_mut(*l)
                    .with_context(|| crate::t!("views-edit-no-layer"))?;
                cell(
                    layer
                        .layer
                        .param_mut(name)
                        .with_context(|| crate::t!("views-edit-no-param"))?,
                )?;
            }
            (Source::Targets, _) => preset.inputs.t = Some(self.edited_targets(r, c, text, value)?),
            _ => {
                let mut dout = self
                    .run
                    .dout
                    .clone()
                    .with_context(|| crate::t!("views-edit-no-dout"))?;
                cell(&mut dout)?;
                preset.inputs.dout = Some(dout);
            }
        }
        let run = preset.run()?;
        let nudged = self.nudge.take();
        let (step, focus, cursor) = (self.step, self.focus, self.cursor);
        self.preset = preset;
        self.run = run;
        self.quiz.forget_steps();
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
}

impl App {
    /// The targets after typing `text` into cell (`r`, `c`) of t: on one-hot rows the class of
    /// row `r` (labels stay labels); otherwise the cell's new value.
    fn edited_targets(&self, r: usize, c: usize, text: &str, value: f64) -> Result<Targets> {
        let t = self
            .run
            .t
            .clone()
            .with_context(|| crate::t!("views-edit-no-targets"))?;
        let Some(mut labels) = classes(&t) else {
            let mut t = t;
            *t.get_mut((r, c))
                .with_context(|| crate::t!("views-edit-outside"))? = value;
            return Ok(Targets::OneHot(t));
        };
        let k = t.ncols();
        let class: usize = text
            .trim()
            .parse()
            .ok()
            .filter(|&c| c < k)
            .with_context(|| {
                crate::t!(
                    "views-edit-not-a-class",
                    typed = text.trim(),
                    last = k.saturating_sub(1).to_string()
                )
            })?;
        let slot = labels
            .get_mut(r)
            .with_context(|| crate::t!("views-edit-row-outside"))?;
        *slot = class;
        Ok(match &self.preset.inputs.t {
            Some(Targets::Labels(_)) => Targets::Labels(labels),
            _ => {
                let mut m = Matrix::zeros(t.dim());
                for (row, &label) in labels.iter().enumerate() {
                    m[[row, label]] = 1.0;
                }
                Targets::OneHot(m)
            }
        })
    }
}

/// The number typed into the edit prompt, finite; the error says what is wrong with the text:
/// not a number, infinite or NaN as typed, or too large for f64.
fn typed_number(text: &str) -> Result<f64> {
    let typed = text.trim();
    let Ok(value) = typed.parse::<f64>() else {
        return Err(anyhow!(crate::t!("views-edit-not-a-number", typed = typed)));
    };
    if value.is_finite() {
        return Ok(value);
    }
    let spelled = typed.trim_start_matches(['+', '-']).to_ascii_lowercase();
    if ["inf", "infinity", "nan"].contains(&spelled.as_str()) {
        Err(anyhow!(crate::t!("views-edit-not-finite", typed = typed)))
    } else {
        Err(anyhow!(crate::t!("views-edit-too-large", typed = typed)))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::classes;
    use ndarray::array;

    #[test]
    fn one_hot_rows_give_their_class() {
        assert_eq!(
            classes(&array![[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]),
            Some(vec![1, 0])
        );
        assert_eq!(classes(&array![[0.5, 0.5]]), None);
        assert_eq!(classes(&array![[1.0, 1.0]]), None);
    }
}
