//! The learning-aid panels drawn in the inspector's place: an open quiz question, the active
//! nudge, or the shape algebra of an Affine step (in that order of precedence).
//!
//! Everything comes from the engine's aids as the App holds them; nothing is computed here but
//! the text. Numbers print at fixed widths, and each panel says which keys drive it.

use ratatui::text::{Line, Span};

use crate::i18n::format::{num, signed_sci};
use crate::lesson::aids::{NudgeReport, shape_algebra};
use crate::t;
use crate::tui::action::Action;
use crate::tui::app::{App, Mode, QuizPrompt};
use crate::tui::keymap::{Context, hint, key_for};
use crate::tui::text::{pad, width};

/// A heading and its lines.
pub struct Panel {
    /// The first row, after the `◆`.
    pub heading: String,
    /// The rows under it.
    pub lines: Vec<Line<'static>>,
}

/// The panel to draw instead of the inspector, if an aid wants the space.
pub fn panel(app: &App) -> Option<Panel> {
    if let Mode::Quiz(prompt) = app.mode() {
        return Some(quiz(app, prompt));
    }
    if let Some(report) = app.nudge() {
        return Some(nudge(app, report));
    }
    if app.show_shapes() {
        return shapes(app);
    }
    None
}

fn indent(text: String, style: ratatui::style::Style) -> Line<'static> {
    Line::from(vec![Span::raw("   "), Span::styled(text, style)])
}

fn quiz(app: &App, prompt: &QuizPrompt) -> Panel {
    let theme = app.theme();
    let q = &prompt.question;
    let step = app.run().tape.steps.get(q.step);
    let mut lines = vec![
        indent(
            match step {
                Some(s) => t!(
                    "views-quiz-hidden",
                    name = s.writes.name.as_str(),
                    cell = q.cell.as_str()
                ),
                None => t!("views-quiz-hidden-unnamed", cell = q.cell.as_str()),
            },
            theme.text(),
        ),
        Line::from(vec![
            Span::styled(format!("   {} = ", q.cell), theme.key()),
            Span::raw(prompt.input.clone()),
            Span::styled("▏", theme.key()),
        ]),
    ];
    if let Some(message) = &prompt.message {
        lines.push(indent(format!("✗ {message}"), theme.error()));
    }
    lines.push(indent(
        t!(
            "views-quiz-keys",
            keys = hint(Context::Quiz),
            score = app.score().to_string()
        ),
        theme.dim(),
    ));
    Panel {
        heading: match step {
            Some(s) => t!(
                "views-quiz-heading",
                k = q.step + 1,
                layer = s.layer_name.as_str(),
                label = s.label.as_str(),
                cell = q.cell.as_str()
            ),
            None => t!(
                "views-quiz-heading-bare",
                k = q.step + 1,
                cell = q.cell.as_str()
            ),
        },
        lines,
    }
}

fn nudge(app: &App, r: &NudgeReport) -> Panel {
    let theme = app.theme();
    let here = r.changes.iter().find(|c| c.step == app.step());
    let step = app.current();
    let this_step = match (here, step) {
        (Some(c), Some(s)) => t!(
            "views-nudge-this-step",
            name = s.writes.name.as_str(),
            moved = c.cells.len(),
            cells = s.writes.value.len()
        ),
        (None, Some(s)) => t!("views-nudge-still", name = s.writes.name.as_str()),
        _ => String::new(),
    };
    let ratio = match r.ratio {
        Some(ratio) => t!("views-nudge-ratio", ratio = format!("{ratio:.4}")),
        None => t!("views-nudge-no-ratio"),
    };
    let mut lines = Vec::new();
    // The cursor's cell, when the nudge moved it: the panes show its nudged value, this line
    // its value before.
    let (row, col) = app.cursor();
    let moved = super::pane_view(app, app.focus())
        .and_then(|pane| Some((pane.title, pane.nudged_values(row, col)?)));
    if let Some((name, (before, after))) = moved {
        lines.push(indent(
            t!(
                "views-nudge-cell",
                cell = crate::i18n::format::cell(name, row, col),
                after = num(after, app.decimals()),
                before = num(before, app.decimals())
            ),
            theme.changed(),
        ));
    }
    // `actual` and `predicted` in one column, by display width (CJK words are two columns each)
    let (actual, predicted) = (t!("views-nudge-actual"), t!("views-nudge-predicted"));
    let label_w = width(&actual).max(width(&predicted)) + 2;
    lines.extend([
        indent(
            format!(
                "{}{}",
                pad(&actual, label_w),
                t!(
                    "views-nudge-actual-line",
                    name = r.objective_name,
                    base = num(r.base, 8),
                    nudged = num(r.nudged, 8),
                    change = signed_sci(r.actual)
                )
            ),
            theme.text(),
        ),
        indent(
            format!(
                "{}{}",
                pad(&predicted, label_w),
                t!(
                    "views-nudge-predicted-line",
                    gradient = num(r.gradient, 6),
                    h = format!("{:.0e}", r.h),
                    change = signed_sci(r.predicted)
                )
            ),
            theme.formula(),
        ),
        indent(
            t!(
                "views-nudge-gap",
                ratio = ratio,
                gap = format!("{:.1e}", r.relative_gap)
            ),
            theme.key(),
        ),
        indent(
            t!("views-nudge-source", source = r.gradient_source.to_string()),
            theme.dim(),
        ),
        indent(
            t!(
                "views-nudge-keys",
                this_step = this_step,
                steps = r.changes.len(),
                smaller = key_for(Context::Explore, &Action::NudgeSmaller),
                larger = key_for(Context::Explore, &Action::NudgeLarger),
                clear = key_for(Context::Explore, &Action::Back)
            ),
            theme.dim(),
        ),
    ]);
    Panel {
        heading: t!(
            "views-nudge-heading",
            name = r.target_name.as_str(),
            h = format!("{:.0e}", r.h)
        ),
        lines,
    }
}

fn shapes(app: &App) -> Option<Panel> {
    let theme = app.theme();
    let algebra = shape_algebra(&app.run().tape.steps, app.step())?;
    let mut lines: Vec<Line<'static>> = algebra
        .lines
        .iter()
        .map(|l| indent(l.clone(), theme.formula()))
        .collect();
    let widest = algebra
        .candidates
        .iter()
        .map(|c| width(&c.product))
        .max()
        .unwrap_or(0);
    let used_w = width(&t!("views-shapes-used")) + 3;
    for c in &algebra.candidates {
        let (mark, style) = if c.fits {
            ("✓", theme.ok())
        } else {
            ("✗", theme.error())
        };
        let used = if c.used {
            format!("◀ {}", t!("views-shapes-used"))
        } else {
            String::new()
        };
        let remark = c
            .remark
            .as_ref()
            .map(|r| format!(" — {r}"))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::raw("   "),
            Span::styled(format!("{mark} {} ", pad(&c.product, widest)), style),
            Span::styled(pad(&used, used_w), theme.key()),
            Span::raw(format!("{}{remark}", c.verdict)),
        ]));
    }
    Some(Panel {
        heading: t!(
            "views-shapes-heading",
            target = algebra.target.as_str(),
            key = key_for(Context::Explore, &Action::ToggleShapes)
        ),
        lines,
    })
}
