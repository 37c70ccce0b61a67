//! The view: pure rendering of `&App`, one file per screen area.
//!
//! Nothing here changes state or runs the engine; it reads the tape the App holds. Layout is in
//! [`layout`], the matrix pane widget in [`matrix_pane`].

mod check_view;
mod explanation;
mod footer;
mod header;
mod inspector;
pub mod layout;
pub mod matrix_pane;
mod pipeline;
mod popup;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use self::layout::{Areas, MIN_SIZE};
use self::matrix_pane::{CellText, Highlight, MatrixPane};
use crate::tui::app::{App, Mode, Source, anchor};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(areas) = Areas::compute(self, area.width, area.height) else {
            too_small(area, buf);
            return;
        };
        header::render(self, areas.header, buf);
        pipeline::render(self, areas.pipeline, buf);
        for (index, rect) in areas.panes.iter().enumerate() {
            if let Some(pane) = pane_view(self, index) {
                pane.render(*rect, buf);
            }
        }
        inspector::render(self, areas.inspector, buf);
        explanation::render(self, areas.explanation, buf);
        footer::render(self, areas.footer, buf);
        match &self.mode {
            Mode::Explore | Mode::Quit => {}
            Mode::Help => popup::help(self, area, buf),
            Mode::Explain { title, lines } => popup::explain(self, title, lines, area, buf),
            Mode::Check { report, selected } => {
                check_view::render(self, report, *selected, area, buf)
            }
            Mode::Picker { entries, selected } => {
                popup::picker(self, entries, *selected, area, buf)
            }
            Mode::Prompt(prompt) => popup::prompt(self, prompt, area, buf),
            Mode::Error(message) => popup::error(self, message, area, buf),
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let text = format!(
        "terminal too small: need {}×{} (now {}×{})",
        MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
    );
    Paragraph::new(Line::from(text))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The widget for pane `index` of the current step, with its marks, cursor and viewport.
pub fn pane_view(app: &App, index: usize) -> Option<MatrixPane<'_>> {
    let pane = app.panes.get(index)?;
    let matrix = app.matrix(&pane.source)?;
    let step = app.current()?;
    let focused = index == app.focus;
    let mut view = MatrixPane::new(&pane.title, matrix, app.decimals, app.theme);
    view.caption = &pane.caption;
    view.written = pane.written;
    view.cursor = focused.then_some(app.cursor);
    if pane.title == "mask" {
        view.cells = CellText::Mask;
    }
    if pane.written {
        view.highlight = Highlight::Written {
            cell: app.write_cell,
        };
        view.anchor = app.write_cell;
    } else if let Some(read) = pane.read {
        view.highlight = Highlight::Read {
            op: &step.op,
            read,
            out: app.write_cell,
        };
        view.anchor = anchor(&step.op, read, matrix, app.write_cell);
    } else if let (Some(mask), Source::StepWrite(_) | Source::Dout(_)) =
        (relu_mask(app), &pane.source)
    {
        if mask.dim() == matrix.dim() && pane.title != "mask" {
            view.highlight = Highlight::Zeroed { mask };
        }
    }
    if focused {
        view.anchor = app.cursor;
    }
    Some(view)
}

/// The ReLU mask of the current layer, in its backward pass.
fn relu_mask(app: &App) -> Option<&crate::engine::Matrix> {
    let step = app.current()?;
    if step.kind != crate::engine::LayerKind::Relu || step.phase != crate::engine::Phase::Backward {
        return None;
    }
    let layer = app.run.layers.get(step.layer)?;
    layer
        .forward_steps
        .clone()
        .filter_map(|s| app.run.tape.steps.get(s))
        .find(|s| s.op == crate::engine::Op::Mask)
        .map(|s| &s.writes.value)
}
