//! The graph view's state: on or off (`v`), the figure of the current step, the selected edge.
//!
//! For a graph preset the figure is the whole graph and the view is on from the start; for a
//! chain it is the current layer's sub-steps drawn as the book's graph. In the view, `Tab` and
//! `Shift-Tab` (and `↑`/`↓`) pick an edge and `Enter` explains its gradient.

use super::{App, Explanation, Mode};
use crate::i18n::format::{inline, short};
use crate::lesson::figure::Figure;
use crate::tui::action::Action;

/// What the graph view shows.
#[derive(Debug, Clone, Default)]
pub struct GraphPane {
    /// True while the graph replaces the matrix panes (`v`).
    pub on: bool,
    /// The figure of the current step (rebuilt as the step moves), when the view is on.
    pub figure: Option<Figure>,
    /// The selected edge, which `Enter` explains.
    pub edge: usize,
}

impl App {
    /// Turn the graph view on or off.
    pub(super) fn toggle_graph(&mut self) {
        self.graph.on = !self.graph.on;
        self.refresh_graph();
        if self.graph.on && self.graph.figure.is_none() {
            self.graph.on = false;
            self.status = Some(crate::t!("views-graph-none"));
        }
    }

    /// Rebuild the figure for the current step (called whenever the step or the run changes).
    pub(super) fn refresh_graph(&mut self) {
        if !self.graph.on {
            self.graph.figure = None;
            return;
        }
        let figure = match &self.preset.graph {
            Some(g) => g
                .run()
                .ok()
                .map(|r| Figure::of_graph(&self.preset.title, g, &r)),
            None => self.current().and_then(|step| {
                let layer = &self.preset.network.layers.get(step.layer)?.layer;
                Figure::of_layer(&self.run, step.layer, layer, self.write_cell)
            }),
        };
        let edges = figure.as_ref().map_or(0, |f| f.edges.len());
        self.graph.edge = self.graph.edge.min(edges.saturating_sub(1));
        self.graph.figure = figure;
    }

    /// Handle an action the graph view owns; false when it is not one of them. On a graph
    /// preset, editing and nudging are refused: its numbers live in the graph's inputs.
    pub(super) fn graph_action(&mut self, action: &Action) -> bool {
        if self.preset.graph.is_some() && matches!(action, Action::Edit | Action::Nudge) {
            self.status = Some(crate::t!("views-graph-no-edit"));
            return true;
        }
        let Some(figure) = self.graph.figure.as_ref() else {
            return false;
        };
        let n = figure.edges.len().max(1);
        match action {
            Action::FocusNext | Action::Down => self.graph.edge = (self.graph.edge + 1) % n,
            Action::FocusPrev | Action::Up => self.graph.edge = (self.graph.edge + n - 1) % n,
            Action::Confirm => self.explain_edge(),
            _ => return false,
        }
        true
    }

    /// The explanation of the selected edge's gradient, as a popup.
    fn explain_edge(&mut self) {
        let Some(figure) = self.graph.figure.as_ref() else {
            return;
        };
        let Some(edge) = figure.edges.get(self.graph.edge) else {
            return;
        };
        let show = |m: &crate::engine::Matrix| match (figure.cell, m.dim()) {
            (_, (1, 1)) => short(m[[0, 0]]),
            (Some((r, c)), _) => match m.get((r, c)) {
                Some(v) => crate::t!(
                    "views-graph-cell-of",
                    value = short(*v),
                    at = format!("[{r},{c}]"),
                    matrix = inline(m)
                ),
                None => inline(m),
            },
            _ => inline(m),
        };
        let mut lines = vec![crate::t!(
            "views-graph-value",
            name = edge.name.as_str(),
            value = show(&edge.value)
        )];
        match (&edge.grad, edge.grad_step) {
            (Some(g), Some(s)) if s <= self.step => {
                lines.extend(edge.explain.iter().cloned());
                lines.push(crate::t!("views-graph-gradient", value = show(g)));
            }
            (Some(_), Some(s)) => lines.push(crate::t!("views-graph-gradient-later", k = s + 1)),
            _ => lines.push(crate::t!("views-graph-no-gradient")),
        }
        // An edge into a box is labelled by the edge (`x → f`): its gradient is that path's
        // part of d x, not d x itself when x feeds several boxes.
        let label = match figure.nodes.get(edge.to) {
            Some(to) if to.role == crate::lesson::figure::FigureRole::Op => {
                format!(
                    "{} → {}",
                    edge.name,
                    to.name.as_deref().unwrap_or(&to.label)
                )
            }
            _ => format!("d {}", edge.name),
        };
        self.mode = Mode::Explain(Explanation {
            title: crate::t!(
                "views-graph-edge-title",
                label = label,
                k = self.graph.edge + 1,
                n = figure.edges.len()
            ),
            lines,
        });
    }
}
