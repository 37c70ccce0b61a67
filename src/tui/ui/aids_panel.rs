//! The learning-aid panels drawn in the inspector's place: an open quiz question, the active
//! nudge, or the shape algebra of an Affine step (in that order of precedence).
//!
//! Everything comes from the engine's aids as the App holds them; nothing is computed here but
//! the text. Numbers print at fixed widths, and each panel says which keys drive it.

use ratatui::text::{Line, Span};

use crate::i18n::format::{count, num, signed_sci};
use crate::lesson::aids::{NudgeReport, shape_algebra};
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
    let what = step.map_or(String::new(), |s| {
        format!(" ({} {})", s.layer_name, s.label)
    });
    let mut lines = vec![
        indent(
            format!(
                "{} is hidden (?): • marks {}, › the cells it is made from. Type its value.",
                step.map_or("the written matrix", |s| s.writes.name.as_str()),
                q.cell
            ),
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
        format!(
            "{} · right within 1e-3 relative · score {}",
            hint(Context::Quiz),
            app.score()
        ),
        theme.dim(),
    ));
    Panel {
        heading: format!("quiz — step {}{what}: what is {}?", q.step + 1, q.cell),
        lines,
    }
}

fn nudge(app: &App, r: &NudgeReport) -> Panel {
    let theme = app.theme();
    let here = r.changes.iter().find(|c| c.step == app.step());
    let step = app.current();
    let this_step = match (here, step) {
        (Some(c), Some(s)) => format!(
            "this step: {} moved in {} of {} (Δ)",
            s.writes.name,
            c.cells.len(),
            count(s.writes.value.len(), "cell")
        ),
        (None, Some(s)) => format!("this step: {} did not move", s.writes.name),
        _ => String::new(),
    };
    let ratio = match r.ratio {
        Some(ratio) => format!("ratio actual / predicted = {ratio:.4}"),
        None => "the prediction is 0: no ratio".to_string(),
    };
    let mut lines = Vec::new();
    // The cursor's cell, when the nudge moved it: the panes show its nudged value, this line
    // its value before.
    let (row, col) = app.cursor();
    let moved = super::pane_view(app, app.focus())
        .and_then(|pane| Some((pane.title, pane.nudged_values(row, col)?)));
    if let Some((name, (before, after))) = moved {
        lines.push(indent(
            format!(
                "{} = {}, before the nudge {}",
                crate::i18n::format::cell(name, row, col),
                num(after, app.decimals()),
                num(before, app.decimals())
            ),
            theme.changed(),
        ));
    }
    lines.extend([
        indent(
            format!(
                "{:<11}{}: {} → {}, moved by {}",
                "actual",
                r.objective_name,
                num(r.base, 8),
                num(r.nudged, 8),
                signed_sci(r.actual)
            ),
            theme.text(),
        ),
        indent(
            format!(
                "{:<11}gradient × h = {} × {:.0e} = {}",
                "predicted",
                num(r.gradient, 6),
                r.h,
                signed_sci(r.predicted)
            ),
            theme.formula(),
        ),
        indent(
            format!(
                "{ratio}, relative gap {:.1e} (first order: shrinks with h)",
                r.relative_gap
            ),
            theme.key(),
        ),
        indent(format!("gradient from {}", r.gradient_source), theme.dim()),
        indent(
            format!(
                "{this_step} · {} moved in all · {} h÷10  {} h×10  {} clears",
                count(r.changes.len(), "step"),
                key_for(Context::Explore, &Action::NudgeSmaller),
                key_for(Context::Explore, &Action::NudgeLarger),
                key_for(Context::Explore, &Action::Back)
            ),
            theme.dim(),
        ),
    ]);
    Panel {
        heading: format!("Δ nudge {} by h = {:.0e}", r.target_name, r.h),
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
    for c in &algebra.candidates {
        let (mark, style) = if c.fits {
            ("✓", theme.ok())
        } else {
            ("✗", theme.error())
        };
        let used = if c.used { "◀ used" } else { "" };
        let remark = c
            .remark
            .as_ref()
            .map(|r| format!(" — {r}"))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::raw("   "),
            Span::styled(format!("{mark} {} ", pad(&c.product, widest)), style),
            Span::styled(format!("{used:<7}"), theme.key()),
            Span::raw(format!("{}{remark}", c.verdict)),
        ]));
    }
    Some(Panel {
        heading: format!(
            "shape algebra — {} from the shapes alone ({} hides)",
            algebra.target,
            key_for(Context::Explore, &Action::ToggleShapes)
        ),
        lines,
    })
}
