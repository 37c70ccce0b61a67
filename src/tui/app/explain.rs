//! A cell's explanation (`Enter`): the step that wrote it, its rule, the terms with their values;
//! for a cell no step computed (an input, a parameter, a target), what it is.

use super::{App, Mode, Source};
use crate::engine::{Explanation as EngineExplanation, Kind, Op, Param};
use crate::i18n::format::n4;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, key_for};

/// The most terms an explanation writes out before eliding the middle.
pub const MAX_TERMS: usize = 8;

/// An open explanation popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// E.g. `dW[0,1] — step 21`.
    pub title: String,
    /// The rule, the expansion with numbers, a remark.
    pub lines: Vec<String>,
}

/// The lines of an engine explanation: the rule, the expansion with numbers, the remark. For a
/// mask the expansion is the comparison itself (`1.0000 ≤ 0 is False`), not a number.
pub fn explanation_lines(op: &Op, ex: &EngineExplanation, max_terms: usize) -> Vec<String> {
    let mut lines = ex.lines(max_terms);
    if matches!(op, Op::Mask(_) | Op::ApplyMask) {
        if let (Some(line), Some(term)) = (lines.get_mut(1), ex.terms.first()) {
            *line = format!("⇒ {}", term.numbers);
        }
    }
    lines
}

impl App {
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
        let cell = crate::tui::text::cell_name(&pane.title, pane.image, r, c);
        let origin = self.origin_step(&pane.source, pane.kind);
        let (title, lines) = match origin.and_then(|s| Some((s, self.run.tape.steps.get(s)?))) {
            Some((s, step)) => match step.explain(r, c) {
                Some(ex) => {
                    let mut lines = explanation_lines(&step.op, &ex, MAX_TERMS);
                    if step.writes.kind != pane.kind {
                        lines.insert(
                            0,
                            crate::t!(
                                "views-explain-part-of",
                                cell = cell.as_str(),
                                target = ex.target.as_str(),
                                k = s + 1
                            ),
                        );
                    }
                    (
                        crate::t!(
                            "views-cell-step-title",
                            cell = cell.as_str(),
                            k = s + 1,
                            layer = step.layer_name.as_str(),
                            label = step.label.as_str()
                        ),
                        lines,
                    )
                }
                None => (
                    cell.clone(),
                    vec![crate::t!("views-explain-outside", cell = cell.as_str())],
                ),
            },
            None => (cell.clone(), self.describe_leaf(&pane.source, &cell, value)),
        };
        self.mode = Mode::Explain(Explanation { title, lines });
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
                crate::t!("views-explain-input", cell = cell, value = v.as_str()),
                crate::t!("views-explain-press-edit", key = edit_key()),
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
                    crate::t!(
                        "views-explain-param",
                        cell = cell,
                        value = v.as_str(),
                        layer = layer.map(|l| l.name.as_str()).unwrap_or("?")
                    ),
                    match grad_step {
                        Some(s) => {
                            crate::t!("views-explain-param-grad-at", name = *name, k = s + 1)
                        }
                        None => crate::t!("views-explain-param-grad", name = *name),
                    },
                    crate::t!("views-explain-press-edit", key = edit_key()),
                ]
            }
            Source::Targets => vec![
                crate::t!("views-explain-target", cell = cell, value = v.as_str()),
                crate::t!("views-explain-target-use"),
            ],
            _ => {
                // The last layer's own names (Affine: dY and Y), as its panes show them.
                let (d, out) = self.objective_names();
                vec![
                    crate::t!("views-explain-dout", cell = cell, value = v.as_str()),
                    crate::t!(
                        "views-explain-dout-meaning",
                        d = d,
                        out = out,
                        key = edit_key()
                    ),
                ]
            }
        }
    }
}

fn edit_key() -> String {
    key_for(Context::Explore, &Action::Edit)
}
