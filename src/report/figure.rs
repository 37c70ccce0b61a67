//! A [`Figure`] drawn the way the book draws computational graphs: the explorer's graph pane
//! (a ratatui widget, [`GraphView`]) and the text of `trace` and Markdown ([`figure_text`]) are
//! the same drawing.
//!
//! Boxes and arrows in box-drawing characters, each edge with its forward value above it and,
//! once the backward pass reaches it, its gradient below it in the gradient colour. The nodes
//! the current step covers are drawn with a double border (and in the highlight colour), so the
//! view reads without colour too. A figure larger than its area scrolls to keep the lit node
//! (or the selected edge) in sight. Pure: it reads the figure and the step, nothing else.

pub mod place;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use self::place::{Drawing, TextKind, line_char, place};
use crate::lesson::figure::Figure;

/// The styles of a drawing (the explorer passes its theme's; text output needs none).
#[derive(Debug, Clone, Copy, Default)]
pub struct FigureStyles {
    /// Node names.
    pub title: Style,
    /// Forward values.
    pub text: Style,
    /// Edge symbols and box borders.
    pub dim: Style,
    /// Gradients (the book's second colour).
    pub grad: Style,
    /// The selected edge.
    pub cursor: Style,
    /// A lit box's border.
    pub written: Style,
    /// A lit box's label.
    pub current: Style,
}

/// The graph widget: a figure at a step.
#[derive(Debug, Clone)]
pub struct GraphView<'a> {
    /// What to draw.
    pub figure: &'a Figure,
    /// The current tape step: it decides what is lit and which values are known.
    pub step: usize,
    /// Decimal places of the numbers on the edges (trailing zeros dropped).
    pub decimals: usize,
    /// Colours.
    pub styles: FigureStyles,
    /// The selected edge (Enter explains it), drawn reversed.
    pub selected: Option<usize>,
}

impl<'a> GraphView<'a> {
    /// A view of `figure` at `step`.
    pub fn new(figure: &'a Figure, step: usize, decimals: usize, styles: FigureStyles) -> Self {
        GraphView {
            figure,
            step,
            decimals,
            styles,
            selected: None,
        }
    }

    /// True when text of this kind is known at the current step.
    fn visible(&self, kind: TextKind) -> bool {
        let fig = self.figure;
        let reached = |s: Option<usize>| s.is_none_or(|s| s <= self.step);
        let grad_known = |e: usize| {
            fig.edges
                .get(e)
                .is_some_and(|e| e.grad.is_some() && e.grad_step.is_some_and(|s| s <= self.step))
        };
        match kind {
            TextKind::Name(_) | TextKind::Symbol(_) => true,
            TextKind::Value(e) => fig.edges.get(e).is_some_and(|e| reached(e.value_step)),
            TextKind::Grad(e) | TextKind::GradSymbol(e) => grad_known(e),
            TextKind::SumValue(i) => fig
                .outputs_of(i)
                .first()
                .is_some_and(|&e| reached(fig.edges[e].value_step)),
            TextKind::SumGrad(i) => fig
                .nodes
                .get(i)
                .and_then(|n| n.sum_step)
                .is_some_and(|s| s <= self.step),
        }
    }

    fn style(&self, kind: TextKind) -> Style {
        let t = self.styles;
        let base = match kind {
            TextKind::Name(_) => t.title,
            TextKind::Value(_) | TextKind::SumValue(_) => t.text,
            TextKind::Symbol(_) => t.dim,
            TextKind::Grad(_) | TextKind::SumGrad(_) => t.grad,
            TextKind::GradSymbol(_) => t.grad,
        };
        let edge = match kind {
            TextKind::Value(e)
            | TextKind::Grad(e)
            | TextKind::Symbol(e)
            | TextKind::GradSymbol(e) => Some(e),
            _ => None,
        };
        if edge.is_some() && edge == self.selected {
            base.patch(t.cursor)
        } else {
            base
        }
    }

    /// Where the figure's top-left corner goes, relative to the area: centred when it fits,
    /// else scrolled so the lit nodes (or the selected edge) are in sight.
    fn origin(&self, d: &Drawing, area: Rect) -> (isize, isize) {
        let lit = self.figure.lit(self.step);
        let focus = self
            .selected
            .and_then(|e| d.arrows.iter().find(|a| a.2 == e).map(|a| (a.0, a.1)))
            .or_else(|| {
                // The middle of every lit box: a step that covers several nodes shows them all
                // when they fit.
                let lit: Vec<_> = d.boxes.iter().filter(|b| lit.contains(&b.node)).collect();
                let left = lit.iter().map(|b| b.x).min()?;
                let right = lit.iter().map(|b| b.x + b.w).max()?;
                let row = lit.iter().map(|b| b.label_row).sum::<usize>() / lit.len();
                Some(((left + right) / 2, row))
            })
            .unwrap_or((0, 0));
        let axis = |size: usize, room: u16, at: usize| -> isize {
            let room = room as usize;
            if size <= room {
                ((room - size) / 2) as isize
            } else {
                let first = at.saturating_sub(room / 2).min(size - room);
                -(first as isize)
            }
        };
        (
            axis(d.width, area.width, focus.0),
            axis(d.height, area.height, focus.1),
        )
    }
}

impl Widget for GraphView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let d = place(self.figure, self.decimals);
        let (ox, oy) = self.origin(&d, area);
        let at = |x: usize, y: usize| -> Option<(u16, u16)> {
            let cx = x as isize + ox;
            let cy = y as isize + oy;
            (cx >= 0 && cy >= 0 && cx < area.width as isize && cy < area.height as isize)
                .then(|| (area.x + cx as u16, area.y + cy as u16))
        };
        let t = self.styles;
        for l in &d.lines {
            if let Some((x, y)) = at(l.x, l.y) {
                let style = if Some(l.edge) == self.selected {
                    t.cursor
                } else {
                    t.dim
                };
                buf[(x, y)].set_char(line_char(l.mask)).set_style(style);
            }
        }
        for &(ax, ay, e) in &d.arrows {
            if let Some((x, y)) = at(ax, ay) {
                let style = if Some(e) == self.selected {
                    t.cursor
                } else {
                    t.text
                };
                buf[(x, y)].set_char('▶').set_style(style);
            }
        }
        let lit = self.figure.lit(self.step);
        for b in &d.boxes {
            let on = lit.contains(&b.node);
            let (h, v, corners) = if on {
                ('═', '║', ['╔', '╗', '╚', '╝'])
            } else {
                ('─', '│', ['┌', '┐', '└', '┘'])
            };
            let style = if on { t.written } else { t.text };
            for dy in 0..b.h {
                for dx in 0..b.w {
                    let c = match (dx, dy) {
                        (0, 0) => corners[0],
                        (x, 0) if x + 1 == b.w => corners[1],
                        (0, y) if y + 1 == b.h => corners[2],
                        (x, y) if x + 1 == b.w && y + 1 == b.h => corners[3],
                        (_, 0) => h,
                        (_, y) if y + 1 == b.h => h,
                        (0, _) => v,
                        (x, _) if x + 1 == b.w => v,
                        _ => ' ',
                    };
                    if let Some((x, y)) = at(b.x + dx, b.y + dy) {
                        buf[(x, y)].set_char(c).set_style(style);
                    }
                }
            }
            if let Some(node) = self.figure.nodes.get(b.node) {
                let label_style = if on { t.current } else { t.title };
                let w = ratatui::text::Span::raw(&node.label).width();
                put(
                    buf,
                    &at,
                    b.x + (b.w - w) / 2,
                    b.label_row,
                    &node.label,
                    label_style,
                );
            }
        }
        for text in &d.texts {
            if self.visible(text.kind) {
                put(buf, &at, text.x, text.y, &text.text, self.style(text.kind));
            }
        }
    }
}

/// The figure at `step` as plain text lines (no colour), as wide and tall as it needs: for
/// `trace` and Markdown notes.
pub fn figure_text(figure: &Figure, step: usize, decimals: usize) -> Vec<String> {
    let d = place(figure, decimals);
    let (w, h) = (
        d.width.min(u16::MAX as usize) as u16,
        d.height.min(u16::MAX as usize) as u16,
    );
    if w == 0 || h == 0 {
        return Vec::new();
    }
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    GraphView::new(figure, step, decimals, FigureStyles::default()).render(buf.area, &mut buf);
    let mut lines: Vec<String> = (0..h)
        .map(|y| {
            let mut line = String::new();
            for x in 0..w {
                line.push_str(buf[(x, y)].symbol());
            }
            line.trim_end().to_string()
        })
        .collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.is_empty()) {
        lines.remove(0);
    }
    lines
}

/// Write `s` from figure cell (`x`, `y`), clipped to the area.
fn put(
    buf: &mut Buffer,
    at: &impl Fn(usize, usize) -> Option<(u16, u16)>,
    x: usize,
    y: usize,
    s: &str,
    style: Style,
) {
    let mut col = x;
    for g in ratatui::text::Span::raw(s).styled_graphemes(Style::new()) {
        let w = ratatui::text::Span::raw(g.symbol).width().max(1);
        if let Some((cx, cy)) = at(col, y) {
            buf[(cx, cy)].set_symbol(g.symbol).set_style(style);
        }
        col += w;
    }
}

#[cfg(test)]
mod tests;
