//! The learning aids' side of [`App::update`]: the nudge, the quiz, the Jacobian view, the shape
//! panel toggle and the Markdown export.
//!
//! Each calls the engine's aid (`crate::engine::aids`) and keeps what it returns in the App for
//! the view to draw. Engine errors become [`Mode::Error`] or a status line; nothing panics. The
//! export is the one place the explorer writes a file, into [`App::export_dir`].

use super::{App, Mode, Source};
use crate::cli::markdown::{step_file_name, step_markdown};
use crate::engine::Phase;
use crate::engine::aids::{
    DEFAULT_NUDGE_H, JacobianView, NudgeTarget, Question, Verdict, check_answer, jacobian_for_step,
    nudge, quiz_question, shape_algebra,
};
use crate::tui::action::Action;

/// The smallest and largest nudge `[` and `]` reach.
pub const NUDGE_H_RANGE: (f64, f64) = (1e-9, 1e1);

/// An open quiz question and what the learner has typed.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizPrompt {
    /// The engine's question: the step, the cell and the true value.
    pub question: Question,
    /// What was typed so far.
    pub input: String,
    /// Why the last answer was not taken (not a number), if it was not.
    pub message: Option<String>,
}

impl App {
    /// Step to `index` as the user does: in quiz mode a backward step first asks a question.
    pub(super) fn step_to(&mut self, index: usize) {
        let moved = index != self.step;
        self.go_to(index);
        if moved {
            self.ask();
        }
    }

    /// In quiz mode, on a backward step, ask for one cell of its written matrix.
    fn ask(&mut self) {
        if !self.quiz || self.quizzed.contains(&self.step) {
            return;
        }
        if let Some(question) = quiz_question(&self.run, self.step, self.questions) {
            self.questions += 1;
            self.write_cell = (question.row, question.col);
            if self.focused().is_some_and(|p| p.written) {
                self.cursor = self.write_cell;
            }
            self.mode = Mode::Quiz(QuizPrompt {
                question,
                input: String::new(),
                message: None,
            });
        }
    }

    /// `Q`: turn quiz mode on (asking on the current step when it is a backward one) or off.
    pub(super) fn toggle_quiz(&mut self) {
        self.quiz = !self.quiz;
        if self.quiz {
            self.status = Some(format!(
                "quiz on: each backward step asks for a cell before it is shown · score {}",
                self.score
            ));
            self.ask();
        } else {
            self.status = Some(format!("quiz off · score {}", self.score));
        }
    }

    /// A key while a question is open: typing, Enter to answer, Esc to skip.
    pub(super) fn quiz_key(&mut self, mut prompt: QuizPrompt, action: Action) -> Mode {
        match action {
            Action::Type(c) => {
                prompt.input.push(c);
                Mode::Quiz(prompt)
            }
            Action::Backspace => {
                prompt.input.pop();
                Mode::Quiz(prompt)
            }
            Action::Back => {
                self.quizzed.insert(prompt.question.step);
                self.status = Some(format!(
                    "skipped {} · score {}",
                    prompt.question.cell, self.score
                ));
                Mode::Explore
            }
            Action::Confirm => {
                let q = &prompt.question;
                let verdict = check_answer(q.answer, &prompt.input);
                if let Verdict::NotANumber { message } = &verdict {
                    prompt.message = Some(message.clone());
                    return Mode::Quiz(prompt);
                }
                self.score.record(&verdict);
                self.quizzed.insert(q.step);
                let step = self.run.tape.steps.get(q.step);
                let lines = step
                    .and_then(|s| Some((s, s.explain(q.row, q.col)?)))
                    .map(|(s, ex)| super::explanation_lines(&s.op, &ex, 8))
                    .unwrap_or_default();
                let title = match step {
                    Some(s) => format!(
                        "{} — step {} ({} {})",
                        q.cell,
                        q.step + 1,
                        s.layer_name,
                        s.label
                    ),
                    None => q.cell.clone(),
                };
                Mode::Reveal {
                    right: verdict.is_right(),
                    verdict: verdict.to_string(),
                    title,
                    lines,
                }
            }
            _ => Mode::Quiz(prompt),
        }
    }

    /// `s`: show or hide the shape algebra panel; says so when this step has none.
    pub(super) fn toggle_shapes(&mut self) {
        self.show_shapes = !self.show_shapes;
        let here = shape_algebra(&self.run.tape.steps, self.step).is_some();
        self.status = Some(match (self.show_shapes, here) {
            (true, true) => "shape algebra on: shown on every Affine step (s hides it)".into(),
            (true, false) => {
                "shape algebra on: it appears on Affine steps (this step is not one)".into()
            }
            (false, _) => "shape algebra off".into(),
        });
    }

    /// `J`: open the Jacobian of the current step's layer, or say why it cannot be shown.
    pub(super) fn open_jacobian(&mut self) {
        self.mode = match jacobian_for_step(&self.preset.network, &self.run, self.step) {
            Ok(view) => Mode::Jacobian {
                view: Box::new(view),
                first: (0, 0),
            },
            Err(e) => Mode::Error(format!("{e:#}")),
        };
    }

    /// What a nudge of the cursor's cell in the focused pane would move, if it can be nudged.
    pub fn nudge_target(&self) -> Option<NudgeTarget> {
        let pane = self.focused()?;
        let (row, col) = self.cursor;
        let output = |layer: usize| NudgeTarget::Output { layer, row, col };
        match &pane.source {
            Source::Input(0) => Some(NudgeTarget::Input { row, col }),
            Source::Input(l) => Some(output(l - 1)),
            Source::Param(layer, name) => Some(NudgeTarget::Param {
                layer: *layer,
                name: (*name).to_string(),
                row,
                col,
            }),
            Source::LayerOut(l) => Some(output(*l)),
            Source::StepWrite(s) => {
                let step = self.run.tape.steps.get(*s)?;
                let layer = self.run.layers.get(step.layer)?;
                let is_out = step.phase == Phase::Forward
                    && step.writes.kind == crate::engine::Kind::Output
                    && step.writes.value.dim() == layer.out.dim();
                is_out.then(|| output(step.layer))
            }
            Source::Targets | Source::Dout(_) => None,
        }
    }

    /// `u`: nudge the cursor's cell by the default h (or the current nudge's h).
    pub(super) fn start_nudge(&mut self) {
        let Some(target) = self.nudge_target() else {
            let title = self.focused().map_or("this pane", |p| p.title.as_str());
            self.status = Some(format!(
                "{title} cannot be nudged: focus x, W, b, w or a forward output (Y, out, y) with Tab, then press u"
            ));
            return;
        };
        let h = self.nudge.as_ref().map_or(DEFAULT_NUDGE_H, |n| n.h);
        self.run_nudge(&target, h);
    }

    /// `[` / `]`: rerun the nudge with h scaled by `factor`.
    pub(super) fn scale_nudge(&mut self, factor: f64) {
        let Some(current) = self.nudge.as_ref() else {
            self.status =
                Some("no nudge yet: press u on a cell of x, W, b or a forward output".into());
            return;
        };
        let target = current.target.clone();
        let h = (current.h * factor).clamp(NUDGE_H_RANGE.0, NUDGE_H_RANGE.1);
        self.run_nudge(&target, h);
    }

    pub(super) fn run_nudge(&mut self, target: &NudgeTarget, h: f64) {
        match nudge(&self.preset.network, &self.preset.inputs, target, h) {
            Ok(report) => self.nudge = Some(Box::new(report)),
            Err(e) => self.mode = Mode::Error(format!("{e:#}")),
        }
    }

    /// `x`: write the current step as Markdown into [`App::export_dir`]; the status line says
    /// where, or why not.
    pub(super) fn export(&mut self) {
        let name = step_file_name(&self.preset.name, self.step);
        let path = self.export_dir.join(&name);
        let written = step_markdown(&self.preset, &self.run, self.step)
            .and_then(|md| std::fs::write(&path, md).map_err(anyhow::Error::from));
        self.status = Some(match written {
            Ok(()) => format!("exported step {} to {name}", self.step + 1),
            Err(e) => format!("could not write {}: {e:#}", path.display()),
        });
    }
}

/// Arrows in the Jacobian popup scroll J by one row or column; other keys leave it as it is.
pub(super) fn scroll_jacobian(
    view: Box<JacobianView>,
    first: (usize, usize),
    action: Action,
) -> Mode {
    let (rows, cols) = view.matrix.dim();
    let first = match action {
        Action::Up => (first.0.saturating_sub(1), first.1),
        Action::Down => ((first.0 + 1).min(rows.saturating_sub(1)), first.1),
        Action::Left => (first.0, first.1.saturating_sub(1)),
        Action::Right => (first.0, (first.1 + 1).min(cols.saturating_sub(1))),
        _ => first,
    };
    Mode::Jacobian { view, first }
}
