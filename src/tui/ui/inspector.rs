//! The inspector: a view that fits the current op.
//!
//! - ReLU: the boolean mask `x ≤ 0` beside x (forward) or beside dout and dx, with the zeroed
//!   gradient cells marked `×` (backward);
//! - Affine's db step: dY with a Σ row under it, each column sum landing in db;
//! - Sigmoid backward: dout, y and 1 − y side by side;
//! - Softmax-with-Loss: y, t, y − t and (y − t) / N;
//! - any other step: the operands the panes do not show, and the cached ones with the forward
//!   step that cached them.
//!
//! Above them, the engine's explanation of the selected written cell, with its numbers. A
//! learning-aid panel (quiz question, nudge, shape algebra; see `aids_panel`) takes the
//! inspector's place while it is active.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::layout::{MIN_BAND, fit, pane_height, pane_width, row};
use super::matrix_pane::{CellText, Highlight, MatrixPane};
use super::{aids_panel, fit_line};
use crate::engine::{Kind, LayerKind, MaskSense, Matrix, Op, Phase, Step, UnaryFn};
use crate::t;
use crate::tui::action::Action;
use crate::tui::app::{App, explanation_lines};
use crate::tui::keymap::{Context, key_for};
use crate::tui::text::{elide_middle, truncate};

/// One matrix of the inspector.
struct Item<'a> {
    title: String,
    caption: String,
    matrix: &'a Matrix,
    cells: CellText,
    zeroed: Option<(&'a Matrix, MaskSense)>,
    sum_row: Option<&'a Matrix>,
}

fn item<'a>(title: &str, caption: String, matrix: &'a Matrix) -> Item<'a> {
    Item {
        title: title.into(),
        caption,
        matrix,
        cells: CellText::Number,
        zeroed: None,
        sum_row: None,
    }
}

/// A one-line heading and the matrices to draw.
fn contents(app: &App) -> Option<(String, Vec<Item<'_>>)> {
    let step = app.current()?;
    let layer = app.run().layers.get(step.layer)?;
    let steps = &app.run().tape.steps;
    // The step of this layer, up to the current one, that `is` picks, with its number.
    let in_layer = |phase: Phase, is: &dyn Fn(&Step) -> bool| -> Option<(usize, &Step)> {
        let range = if phase == Phase::Forward {
            layer.forward_steps.clone()
        } else {
            layer.backward_steps.clone()
        };
        range
            .filter(|&s| s <= app.step())
            .filter_map(|s| Some((s, steps.get(s)?)))
            .find(|(_, s)| is(s))
    };
    let writes = |kind: Kind| move |s: &Step| s.writes.kind == kind;
    let written = |at: usize| t!("explorer-pane-step", k = at + 1);
    // A layer that made a mask (ReLU, Dropout): the mask beside what it masks.
    let mask_step = app
        .run()
        .mask_step(step.layer)
        .and_then(|at| Some((at, steps.get(at)?)));
    if let Some((at, Kind::Mask(sense), mask)) =
        mask_step.map(|(at, s)| (at, s.writes.kind, &s.writes.value))
    {
        let keeps = sense == MaskSense::TrueKeeps;
        let rule = if keeps {
            "rand > dropout_ratio"
        } else {
            "x ≤ 0"
        };
        let mut mask_item = item(
            "mask",
            t!("views-insp-mask-caption", rule = rule, k = at + 1),
            mask,
        );
        mask_item.cells = CellText::Mask;
        return if step.phase == Phase::Forward {
            let (title, caption) = crate::tui::app::input_label(app.run(), step.layer);
            let mut items = vec![item(&title, caption, &layer.input), mask_item];
            if let Some((_, out)) = in_layer(Phase::Forward, &writes(Kind::Output)) {
                let caption = if keeps {
                    t!("views-insp-dropout-out")
                } else {
                    t!("views-insp-relu-out")
                };
                items.push(item("out", caption, &out.writes.value));
            }
            let heading = if keeps {
                t!("views-insp-dropout-heading")
            } else {
                t!("views-insp-relu-heading")
            };
            Some((heading, items))
        } else {
            let mut dout = item("dout", t!("views-insp-arriving"), &layer.dout);
            dout.zeroed = Some((mask, sense));
            // Dropout's mask reads the other way round from ReLU's: say which cells are 0.
            let (caption, heading) = if keeps {
                (
                    t!("views-insp-dropout-dx"),
                    t!("views-insp-dropout-backward"),
                )
            } else {
                (t!("views-insp-relu-dx"), t!("views-insp-relu-backward"))
            };
            let mut dx = item("dx", caption, &layer.dx);
            dx.zeroed = Some((mask, sense));
            Some((heading, vec![dout, mask_item, dx]))
        };
    }
    match (step.kind, step.phase, &step.op) {
        (LayerKind::Affine, Phase::Backward, Op::ColumnSum) => {
            let dy = step.reads.first()?;
            let mut sum = item("dY", t!("views-insp-db-caption"), &dy.value);
            sum.sum_row = Some(&step.writes.value);
            Some((
                t!("views-insp-db-heading"),
                vec![
                    sum,
                    item("db", t!("explorer-pane-written"), &step.writes.value),
                ],
            ))
        }
        (LayerKind::Sigmoid, Phase::Backward, _) => {
            let mut items = vec![
                item("dout", t!("views-insp-arriving"), &layer.dout),
                item("y", t!("views-insp-cached-by-forward"), &layer.out),
            ];
            let one_minus = |s: &Step| s.op == Op::Unary(UnaryFn::OneMinus);
            if let Some((at, u)) = in_layer(Phase::Backward, &one_minus) {
                items.push(item("1 − y", written(at), &u.writes.value));
            }
            if let Some((_, dx)) = in_layer(Phase::Backward, &writes(Kind::Dx)) {
                items.push(item("dx", "dout ⊙ y ⊙ (1 − y)".into(), &dx.writes.value));
            }
            Some((t!("views-insp-sigmoid-heading"), items))
        }
        (LayerKind::SoftmaxWithLoss, _, _) => {
            let mut items = Vec::new();
            if let Some((_, y)) = in_layer(Phase::Forward, &writes(Kind::Output)) {
                items.push(item("y", t!("views-insp-softmax"), &y.writes.value));
            }
            if let Some(t) = app.run().t.as_ref() {
                items.push(item("t", t!("views-insp-one-hot"), t));
            }
            let reads_t = |s: &Step| s.read(Kind::Targets).is_some();
            if let Some((at, d)) = in_layer(Phase::Backward, &reads_t) {
                items.push(item("y − t", written(at), &d.writes.value));
            }
            if let Some((at, dx)) = in_layer(Phase::Backward, &writes(Kind::Dx)) {
                items.push(item("/N = dx", written(at), &dx.writes.value));
            }
            Some((
                if step.phase == Phase::Forward {
                    t!("views-insp-swl-forward")
                } else {
                    t!("views-insp-swl-backward")
                },
                items,
            ))
        }
        (_, _, Op::Im2col(win)) => {
            let heading = t!(
                "convui-im2col-heading",
                row = app.write_cell().0,
                fh = win.fh,
                fw = win.fw,
                stride = win.stride,
                pad = win.pad
            );
            Some((heading, other_items(app, step)))
        }
        (_, _, Op::Col2im(_)) => {
            let key = key_for(Context::Explore, &Action::FocusNext);
            let heading = t!("convui-col2im-heading", key = key);
            Some((heading, other_items(app, step)))
        }
        (LayerKind::Pooling, _, _) if super::pool_maxima_shown(app) => {
            Some((t!("convui-pool-heading"), other_items(app, step)))
        }
        _ => {
            let items = other_items(app, step);
            let reads: Vec<&str> = step.reads.iter().map(|r| r.name.as_str()).collect();
            Some((
                t!(
                    "views-insp-reads-writes",
                    label = step.label.as_str(),
                    reads = reads.join(", "),
                    writes = step.writes.name.as_str()
                ),
                items,
            ))
        }
    }
}

/// The operands of `step` the panes do not show, and the cached ones (which say which forward
/// step cached them).
fn other_items<'a>(app: &'a App, step: &'a Step) -> Vec<Item<'a>> {
    step.reads
        .iter()
        .filter(|r| r.cached_at.is_some() || !app.panes().iter().any(|p| p.kind == r.kind))
        .map(|r| {
            let caption = match r.cached_at {
                Some(s) => t!("views-insp-cached-at", k = s + 1),
                None => t!("views-insp-read"),
            };
            item(&r.name, caption, &r.value)
        })
        .collect()
}

/// The most terms the inspector explains live, every frame.
const MAX_LIVE_TERMS: usize = 64;

/// How many terms the engine's explanation of one cell of `op` lists.
fn term_count(op: &Op, reads: &[crate::engine::Operand]) -> usize {
    let dim = |i: usize| reads.get(i).map_or((0, 0), |r| r.value.dim());
    match op {
        Op::MatMul { transpose_a, .. } => {
            let (rows, cols) = dim(0);
            if *transpose_a { rows } else { cols }
        }
        Op::ColumnSum => dim(0).0,
        Op::RowSum | Op::CrossEntropyRows => dim(0).1,
        Op::SumAll | Op::Mean => dim(0).0 * dim(0).1,
        _ => 1,
    }
}

/// The selected written cell, explained by the engine: the rule with numbers, then a remark.
fn cell_lines(app: &App) -> Vec<String> {
    let Some(step) = app.current() else {
        return Vec::new();
    };
    let (r, c) = app.write_cell();
    let terms = term_count(&step.op, &step.reads);
    if terms > MAX_LIVE_TERMS {
        // Building every term each frame would cost more than drawing the screen.
        let value = step.writes.value.get((r, c)).copied().unwrap_or(f64::NAN);
        return vec![t!(
            "views-insp-many-terms",
            cell = crate::tui::text::cell_name(&step.writes.name, step.writes.image, r, c),
            value = crate::i18n::format::num(value, app.decimals()),
            terms = terms,
            key = key_for(Context::Explore, &Action::Confirm)
        )];
    }
    let Some(ex) = step.explain(r, c) else {
        return Vec::new();
    };
    let mut lines = explanation_lines(&step.op, &ex, 6);
    if lines.len() > 1 {
        let expansion = lines.remove(1);
        lines[0] = format!("{} {expansion}", lines[0]);
    }
    lines
}

/// What the inspector shows this frame, worked out once: the layout asks for its height, the
/// view draws it (an aid panel, or the op's heading, the explained cell and the matrices).
pub struct Plan<'a> {
    panel: Option<aids_panel::Panel>,
    contents: Option<(String, Vec<Item<'a>>)>,
    cell_lines: Vec<String>,
}

/// Work out what the inspector shows for the current step.
pub fn plan(app: &App) -> Plan<'_> {
    match aids_panel::panel(app) {
        Some(panel) => Plan {
            panel: Some(panel),
            contents: None,
            cell_lines: Vec::new(),
        },
        None => Plan {
            panel: None,
            contents: contents(app),
            cell_lines: cell_lines(app),
        },
    }
}

fn item_height(it: &Item<'_>) -> u16 {
    pane_height(it.matrix.nrows()) + if it.sum_row.is_some() { 2 } else { 0 }
}

impl Plan<'_> {
    /// True when a learning-aid panel takes the inspector's place.
    pub fn shows_aid(&self) -> bool {
        self.panel.is_some()
    }

    /// Rows the inspector would like on a screen `width` columns wide: its matrices go in
    /// two rows when one is too narrow for them (as [`render`] lays them out).
    pub fn desired_height(&self, width: u16, decimals: usize) -> u16 {
        if let Some(panel) = &self.panel {
            return 1 + panel.lines.len() as u16;
        }
        self.contents.as_ref().map_or(0, |(_, items)| {
            let tallest = items.iter().map(item_height).max().unwrap_or(0);
            let total: u16 = items
                .iter()
                .map(|i| {
                    pane_width(
                        i.matrix.nrows(),
                        i.matrix.ncols(),
                        decimals,
                        &format!("{} {}", i.title, i.caption),
                        i.cells == CellText::Mask,
                    )
                })
                .sum();
            let rows = if total > width && items.len() > 1 {
                2
            } else {
                1
            };
            1 + self.cell_lines.len() as u16 + rows * tallest
        })
    }
}

/// Draw the heading and the matrices side by side, scrolled to the selected written cell.
pub fn render(app: &App, plan: Plan<'_>, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    if let Some(panel) = plan.panel {
        fit_line(
            Line::from(vec![
                Span::styled(" ◆ ", app.theme().key()),
                Span::styled(panel.heading, app.theme().title()),
            ]),
            area.width as usize,
        )
        .render(Rect { height: 1, ..area }, buf);
        for (k, line) in panel.lines.into_iter().enumerate() {
            let y = area.y + 1 + k as u16;
            if y >= area.bottom() {
                break;
            }
            fit_line(line, area.width as usize).render(
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
        return;
    }
    let Some((heading, items)) = plan.contents else {
        return;
    };
    fit_line(
        Line::from(vec![
            Span::styled(" ◆ ", app.theme().key()),
            Span::styled(heading, app.theme().title()),
        ]),
        area.width as usize,
    )
    .render(Rect { height: 1, ..area }, buf);
    let mut y = area.y + 1;
    for (k, line) in plan.cell_lines.into_iter().enumerate() {
        if y >= area.bottom() {
            break;
        }
        let style = if k == 0 {
            app.theme().formula()
        } else {
            app.theme().dim()
        };
        // The formula keeps its result: a long sum loses its middle, never its `= value`.
        let room = (area.width as usize).saturating_sub(3);
        let line = if k == 0 {
            elide_middle(&line, room)
        } else {
            truncate(&line, room)
        };
        Line::from(vec![Span::raw("   "), Span::styled(line, style)]).render(
            Rect {
                y,
                height: 1,
                ..area
            },
            buf,
        );
        y += 1;
    }
    let body = Rect {
        y,
        height: area.bottom() - y,
        ..area
    };
    // A matrix needs its borders, its column indices and a row of numbers.
    if body.height < MIN_BAND {
        return;
    }
    let widths: Vec<u16> = items
        .iter()
        .map(|i| {
            pane_width(
                i.matrix.nrows(),
                i.matrix.ncols(),
                app.decimals(),
                &format!("{} {}", i.title, i.caption),
                i.cells == CellText::Mask,
            )
        })
        .collect();
    let tallest = items.iter().map(item_height).max().unwrap_or(0);
    let total: u16 = widths.iter().sum();
    // Two rows when one is too narrow and there is height for both.
    let rows_of_items = if total > body.width && items.len() > 1 && body.height >= 2 * tallest {
        2
    } else {
        1
    };
    let per_row = items.len().div_ceil(rows_of_items);
    let mut rects = Vec::new();
    for (k, chunk) in widths.chunks(per_row.max(1)).enumerate() {
        let band = Rect {
            y: body.y + k as u16 * tallest,
            height: if rows_of_items == 1 {
                body.height
            } else {
                tallest
            },
            ..body
        };
        rects.extend(row(band, &fit(chunk, body.width)));
    }
    for (it, rect) in items.iter().zip(rects) {
        let mut pane = MatrixPane::new(&it.title, it.matrix, app.decimals(), app.theme());
        pane.caption = &it.caption;
        pane.cells = it.cells;
        pane.sum_row = it.sum_row;
        let (rows, cols) = it.matrix.dim();
        pane.anchor = (
            app.write_cell().0.min(rows.saturating_sub(1)),
            app.write_cell().1.min(cols.saturating_sub(1)),
        );
        if let Some((mask, sense)) = it.zeroed {
            pane.highlight = Highlight::Zeroed { mask, sense };
        }
        let height = item_height(it).min(rect.height);
        pane.render(Rect { height, ..rect }, buf);
    }
}
