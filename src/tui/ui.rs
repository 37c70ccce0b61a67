//! The view: pure rendering of `&App`, one file per screen area.
//!
//! Nothing here changes state or runs the engine; it reads the tape the App holds. Layout is in
//! [`layout`], the matrix pane widget in [`matrix_pane`].

mod aids_panel;
mod check_view;
pub mod compare;
mod explanation;
mod footer;
pub mod graph;
mod header;
pub mod histogram;
mod inspector;
mod jacobian_view;
pub mod layout;
pub mod matrix_pane;
mod pipeline;
mod popup;
pub mod search;
pub mod train;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use self::layout::{Areas, MIN_SIZE};
use self::matrix_pane::{CellText, Highlight, MatrixPane, image};
use crate::engine::tensor::Window;
use crate::engine::{Kind, LayerKind, Matrix, Op, Phase};
use crate::lesson::aids::NudgeTarget;
use crate::tui::app::{App, Mode, Pane, Source, anchor};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if let Some(view) = self.train_view() {
            training_screen(self, view, area, buf);
            return;
        }
        if let Some(state) = self.compare_view() {
            compare_screen(self, state, area, buf);
            return;
        }
        if let Some(view) = self.histogram_view() {
            histogram_screen(self, view, area, buf);
            return;
        }
        if let Some(state) = self.search_view() {
            search_screen(self, state, area, buf);
            return;
        }
        let inspector = inspector::plan(self);
        let Some(areas) = Areas::compute_with(self, area.width, area.height, &inspector) else {
            too_small(area, MIN_SIZE, buf);
            return;
        };
        header::render(self, areas.header, buf);
        pipeline::render(self, areas.pipeline, buf);
        if self.graph().figure.is_some() {
            // The graph view takes the place of the matrix panes and the inspector.
            let main = areas.panes.iter().fold(areas.inspector, |a, b| a.union(*b));
            graph::render_pane(self, main, buf);
        } else {
            for (index, rect) in areas.panes.iter().enumerate() {
                if let Some(pane) = pane_view(self, index) {
                    pane.render(*rect, buf);
                }
            }
            inspector::render(self, inspector, areas.inspector, buf);
        }
        explanation::render(self, areas.explanation, buf);
        explanation::render_numpy(self, areas.numpy, buf);
        footer::render(self, areas.footer, buf);
        match self.mode() {
            Mode::Explore
            | Mode::Quit
            | Mode::Train
            | Mode::Histogram
            | Mode::Compare
            | Mode::Search => {}
            Mode::Help(view) => popup::help(self, view.scroll, area, buf),
            Mode::Explain(ex) => popup::explain(self, &ex.title, &ex.lines, area, buf),
            Mode::Checking(running) => check_view::progress(self, running, area, buf),
            Mode::Check(view) => check_view::render(self, view, area, buf),
            Mode::Picker(picker) => popup::picker(self, picker, area, buf),
            Mode::Prompt(prompt) => popup::prompt(self, prompt, area, buf),
            Mode::Error(message) => popup::error(self, message, area, buf),
            Mode::Loading(loading) => popup::loading(self, loading, area, buf),
            Mode::Jacobian(popup) => {
                jacobian_view::render(self, &popup.view, popup.first, area, buf)
            }
            // The question itself is drawn in the inspector area, beside the operands.
            Mode::Quiz(_) => {}
            Mode::Reveal(reveal) => popup::reveal(self, reveal, area, buf),
        }
    }
}

/// `line` cut to `width` columns, ending in `…` when something was cut.
pub(crate) fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut left = width;
    let mut spans = Vec::new();
    for span in line.spans {
        let w = crate::tui::text::width(&span.content);
        if w < left {
            left -= w;
            spans.push(span);
            continue;
        }
        spans.push(Span::styled(
            crate::tui::text::truncate(&span.content, left),
            span.style,
        ));
        break;
    }
    Line::from(spans)
}

/// The training screen, its footer from the keymap, and the help over it when open.
fn training_screen(app: &App, view: &train::TrainView, area: Rect, buf: &mut Buffer) {
    train::TrainScreen {
        view,
        theme: app.theme(),
        footer: Line::default(),
    }
    .render(area, buf);
    if let Some(areas) = train::TrainAreas::compute(area, &view.picture) {
        footer::render(app, areas.footer, buf);
    }
    if let Mode::Help(help) = app.mode() {
        popup::help(app, help.scroll, area, buf);
    }
}

/// The compare screen, its footer from the keymap, and the help over it when open.
fn compare_screen(app: &App, state: &crate::tui::app::CompareState, area: Rect, buf: &mut Buffer) {
    compare::CompareScreen {
        state,
        theme: app.theme(),
    }
    .render(area, buf);
    if let Some(areas) = compare::CompareAreas::compute(area) {
        footer::render(app, areas.footer, buf);
    }
    if let Mode::Help(help) = app.mode() {
        popup::help(app, help.scroll, area, buf);
    }
}

/// The search screen, its footer from the keymap, and the help over it when open.
fn search_screen(app: &App, state: &crate::tui::app::SearchState, area: Rect, buf: &mut Buffer) {
    search::SearchScreen {
        state,
        theme: app.theme(),
    }
    .render(area, buf);
    if let Some(areas) = search::SearchAreas::compute(area) {
        footer::render(app, areas.footer, buf);
    }
    if let Mode::Help(help) = app.mode() {
        popup::help(app, help.scroll, area, buf);
    }
}

/// The histogram screen, its footer from the keymap, and the help over it when open.
fn histogram_screen(
    app: &App,
    view: &crate::tui::app::HistogramView,
    area: Rect,
    buf: &mut Buffer,
) {
    histogram::HistogramScreen {
        view,
        theme: app.theme(),
    }
    .render(area, buf);
    if let Some(areas) = histogram::HistogramAreas::compute(area) {
        footer::render(app, areas.footer, buf);
    }
    if let Mode::Help(help) = app.mode() {
        popup::help(app, help.scroll, area, buf);
    }
}

/// What every screen draws instead of itself when the terminal is below its `min` size.
pub(crate) fn too_small(area: Rect, min: (u16, u16), buf: &mut Buffer) {
    let text = crate::t!(
        "views-too-small",
        need = format!("{}×{}", min.0, min.1),
        now = format!("{}×{}", area.width, area.height)
    );
    Paragraph::new(Line::from(text))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The widget for pane `index` of the current step, with its marks, cursor and viewport.
pub fn pane_view(app: &App, index: usize) -> Option<MatrixPane<'_>> {
    let pane = app.panes().get(index)?;
    let matrix = app.matrix(&pane.source)?;
    let step = app.current()?;
    let focused = index == app.focus();
    let mut view = MatrixPane::new(&pane.title, matrix, app.decimals(), app.theme());
    view.caption = &pane.caption;
    view.written = pane.written;
    view.image = pane.image;
    if matches!(pane.kind, Kind::Param(_) | Kind::Grad(_) | Kind::State(_)) {
        // A convolution's W (and dW, and an optimizer's state of W) counts filters.
        view.first_axis = 'f';
    }
    view.cursor = focused.then_some(app.cursor());
    if pane.kind.is_mask() {
        view.cells = CellText::Mask;
    }
    if pane.written {
        view.highlight = fed_by(app, pane).unwrap_or(Highlight::Written {
            cell: app.write_cell(),
        });
        view.anchor = app.write_cell();
    } else if let Some(read) = pane.read {
        view.highlight = Highlight::Read {
            op: &step.op,
            read,
            out: app.write_cell(),
        };
        view.anchor = anchor(&step.op, read, matrix, app.write_cell());
    } else if let Some((arg_max, window)) = pool_maxima(app).filter(|_| {
        app.current()
            .is_some_and(|s| pane.source == Source::Input(s.layer))
    }) {
        view.highlight = Highlight::Maxima { arg_max, window };
    } else if let (Some((mask, sense)), Source::StepWrite(_) | Source::Dout(_)) =
        (backward_mask(app), &pane.source)
    {
        if mask.dim() == matrix.dim() && !pane.kind.is_mask() {
            view.highlight = Highlight::Zeroed { mask, sense };
        }
    }
    if focused {
        view.anchor = app.cursor();
    }
    view.outline = outline(app, pane);
    if pane.written && matches!(app.mode(), Mode::Quiz(_)) {
        view.cells = CellText::Hidden;
    }
    if let Some(report) = app.nudge() {
        view.changed = app
            .origin_step(&pane.source, pane.kind)
            .and_then(|s| report.changes.iter().find(|c| c.step == s))
            .map_or(&[], |c| c.cells.as_slice());
        view.nudged = nudged_cell(app, pane, &report.target)
            .and_then(|cell| Some((cell, matrix.get(cell)? + report.h)));
    }
    Some(view)
}

/// The marks on the written pane `written` while the cursor is on a cell of a read operand of a
/// step between a tensor and a matrix (im2col, col2im): the cells that cell went into.
fn fed_by<'a>(app: &'a App, written: &Pane) -> Option<Highlight<'a>> {
    let focused = app.focused().filter(|f| !f.written)?;
    let read = focused.read?;
    if focused.image.is_none() && written.image.is_none() {
        return None;
    }
    Some(Highlight::FedBy {
        op: &app.current()?.op,
        read,
        operand: app.matrix(&focused.source)?,
        from: app.cursor(),
    })
}

/// True when the current step's pooling layer marks its input `■` (see [`pool_maxima`]).
pub(crate) fn pool_maxima_shown(app: &App) -> bool {
    pool_maxima(app).is_some()
}

/// The current pooling layer's arg_max and windows, to mark its input pane `■` where each
/// window's maximum sat: from the forward step that found them on, and through backward, which
/// reads them.
fn pool_maxima(app: &App) -> Option<(&Matrix, Window)> {
    let step = app.current()?;
    if step.kind != LayerKind::Pooling {
        return None;
    }
    let layer = app.run().layers.get(step.layer)?;
    let steps = &app.run().tape.steps;
    let window = layer
        .forward_steps
        .clone()
        .find_map(|s| match steps.get(s)?.op {
            Op::Im2col(window) => Some(window),
            _ => None,
        })?;
    let at = layer
        .forward_steps
        .clone()
        .find(|&s| steps.get(s).is_some_and(|s| s.op == Op::RowArgMax))?;
    if step.phase == Phase::Forward && app.step() < at {
        return None;
    }
    Some((&steps.get(at)?.writes.value, window))
}

/// The window outlined on a 4-D `pane`: at im2col, on x, the window of the selected row of col
/// (it follows the written cell); at col2im, on dx, the window of the row of dcol the cursor is
/// on (while the focus is on dcol).
fn outline(app: &App, pane: &Pane) -> Option<image::Outline> {
    pane.image?;
    let step = app.current()?;
    let (win, row) = match &step.op {
        Op::Im2col(win) if pane.read == Some(0) => (win, app.write_cell().0),
        Op::Col2im(win) if pane.written => {
            let focused = app.focused().filter(|f| f.read == Some(0))?;
            focused.image.is_none().then_some((win, app.cursor().0))?
        }
        _ => return None,
    };
    let (sample, top, left) = win.corner(row)?;
    Some(image::Outline {
        sample,
        top,
        bottom: top + win.fh as isize - 1,
        left,
        right: left + win.fw as isize - 1,
    })
}

/// The nudged cell, when `pane` shows the matrix it belongs to.
fn nudged_cell(app: &App, pane: &Pane, target: &NudgeTarget) -> Option<(usize, usize)> {
    match (target, &pane.source) {
        (NudgeTarget::Output { layer, row, col }, source) => {
            let out = app.origin_step(&Source::LayerOut(*layer), crate::engine::Kind::Output)?;
            let here = match source {
                Source::LayerOut(l) => l == layer,
                Source::Input(l) => *l == layer + 1,
                Source::StepWrite(s) => *s == out,
                _ => false,
            };
            here.then_some((*row, *col))
        }
        (NudgeTarget::Input { row, col }, Source::Input(0)) => Some((*row, *col)),
        (
            NudgeTarget::Param {
                layer,
                name,
                row,
                col,
            },
            Source::Param(l, n),
        ) if layer == l && name == n => Some((*row, *col)),
        _ => None,
    }
}

/// The mask of the current layer (ReLU's, Dropout's) and its sense, in its backward pass.
fn backward_mask(app: &App) -> Option<(&crate::engine::Matrix, crate::engine::MaskSense)> {
    let step = app.current()?;
    if step.phase != crate::engine::Phase::Backward {
        return None;
    }
    let at = app.run().mask_step(step.layer)?;
    let written = &app.run().tape.steps.get(at)?.writes;
    match written.kind {
        crate::engine::Kind::Mask(sense) => Some((&written.value, sense)),
        _ => None,
    }
}
