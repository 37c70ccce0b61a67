//! Quiz mode (`Q`): on each backward step the learner types one cell of the written matrix
//! before it is shown; `Enter` answers, `Esc` skips. The score lasts the session.

use std::collections::BTreeSet;

use super::{App, Mode, explanation_lines};
use crate::lesson::aids::{Question, Score, Verdict, check_answer, quiz_question};
use crate::tui::action::Action;

/// Quiz mode's state: on or off, the score, and which steps were already asked.
#[derive(Debug, Clone, Default)]
pub struct Quiz {
    /// True while backward steps ask before they are shown.
    pub on: bool,
    /// Right answers out of questions answered this session.
    pub score: Score,
    /// Questions asked so far; the seed of the next question.
    questions: u64,
    /// Steps answered, skipped or already seen since the tape was last computed: stepping back
    /// onto them shows them without asking.
    asked: BTreeSet<usize>,
}

impl Quiz {
    /// Forget which steps were asked (the numbers changed).
    pub(super) fn forget_steps(&mut self) {
        self.asked.clear();
    }
}

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

/// The answer to a question: right or not, the verdict and how the cell is made.
#[derive(Debug, Clone, PartialEq)]
pub struct Reveal {
    /// True when the answer was right.
    pub right: bool,
    /// The verdict, e.g. `right: 0.1816 (the value is 0.181600)`.
    pub verdict: String,
    /// The asked cell and its step, e.g. `dW[1,2] — step 21`.
    pub title: String,
    /// The engine's explanation of the cell.
    pub lines: Vec<String>,
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

    /// In quiz mode, on a backward step not asked yet, ask for one cell of its written matrix.
    fn ask(&mut self) {
        if !self.quiz.on || self.quiz.asked.contains(&self.step) {
            return;
        }
        if let Some(question) = quiz_question(&self.run, self.step, self.quiz.questions) {
            self.quiz.questions += 1;
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

    /// `Q`: turn quiz mode on or off. The current step's answer is already on screen, so the
    /// first question comes with the next backward step.
    pub(super) fn toggle_quiz(&mut self) {
        self.quiz.on = !self.quiz.on;
        if self.quiz.on {
            self.quiz.asked.insert(self.step);
            self.status = Some(crate::t!(
                "views-quiz-on",
                score = self.quiz.score.to_string()
            ));
        } else {
            self.status = Some(crate::t!(
                "views-quiz-off",
                score = self.quiz.score.to_string()
            ));
        }
    }

    /// A key while a question is open: typing, Enter to answer, Esc to skip.
    pub(super) fn quiz_key(&mut self, mut prompt: QuizPrompt, action: Action) {
        self.mode = match action {
            Action::Type(c) => {
                prompt.input.push(c);
                Mode::Quiz(prompt)
            }
            Action::Backspace => {
                prompt.input.pop();
                Mode::Quiz(prompt)
            }
            Action::Back => {
                self.quiz.asked.insert(prompt.question.step);
                self.status = Some(crate::t!(
                    "views-quiz-skipped",
                    cell = prompt.question.cell.as_str(),
                    score = self.quiz.score.to_string()
                ));
                Mode::Explore
            }
            Action::Confirm => self.answer(prompt),
            _ => Mode::Quiz(prompt),
        };
    }

    fn answer(&mut self, mut prompt: QuizPrompt) -> Mode {
        let q = &prompt.question;
        let verdict = check_answer(q.answer, &prompt.input);
        if let Verdict::NotANumber { message } = &verdict {
            prompt.message = Some(message.clone());
            return Mode::Quiz(prompt);
        }
        self.quiz.score.record(&verdict);
        self.quiz.asked.insert(q.step);
        let step = self.run.tape.steps.get(q.step);
        let lines = step
            .and_then(|s| Some((s, s.explain(q.row, q.col)?)))
            .map(|(s, ex)| explanation_lines(&s.op, &ex, 8))
            .unwrap_or_default();
        let title = match step {
            Some(s) => crate::t!(
                "views-cell-step-title",
                cell = q.cell.as_str(),
                k = q.step + 1,
                layer = s.layer_name.as_str(),
                label = s.label.as_str()
            ),
            None => q.cell.clone(),
        };
        Mode::Reveal(Reveal {
            right: verdict.is_right(),
            verdict: verdict.to_string(),
            title,
            lines,
        })
    }
}
