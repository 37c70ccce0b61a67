//! The decision-boundary map: the plane coloured by the predicted class, the training points on
//! top with a glyph per class.
//!
//! With colour each cell is two pixels (`▀`, the top pixel's class as foreground, the bottom's
//! as background), so the map has twice the rows of the area. Without colour each cell shows its
//! region's texture ([`REGION_GLYPHS`]), and the points keep their class glyph
//! ([`POINT_GLYPHS`]): nothing relies on colour alone.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::PlaneView;
use crate::t;
use crate::tui::theme::Theme;

/// The glyph of a data point of each class (cycled past ten classes).
pub const POINT_GLYPHS: [&str; 10] = ["●", "▲", "■", "◆", "▼", "✚", "○", "△", "□", "◇"];

/// Without colour, the texture of each class's predicted region (cycled past ten classes).
pub const REGION_GLYPHS: [&str; 10] = [" ", "·", "░", ":", "▒", "-", "=", "~", "+", "▓"];

/// The map of the training screen.
#[derive(Debug, Clone, Copy)]
pub struct BoundaryMap<'a> {
    /// The data and the predicted grid.
    pub plane: &'a PlaneView,
    /// Colours.
    pub theme: Theme,
}

/// The area inside the map's border.
fn inner(area: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(area)
}

/// The grid a map drawn in `area` shows at full resolution: `(cols, rows)` pixels, two rows per
/// terminal row. Ask the trainer for a grid of this size.
pub fn grid_size(area: Rect) -> (usize, usize) {
    let inner = inner(area);
    (usize::from(inner.width), usize::from(inner.height) * 2)
}

/// The pixel `(col, row)` of the map that point `(x, y)` falls in, for a map of `cols × rows`
/// pixels over `plane`'s ranges (row 0 at the top); `None` outside the ranges.
pub fn pixel_of(
    plane: &PlaneView,
    x: f64,
    y: f64,
    cols: usize,
    rows: usize,
) -> Option<(usize, usize)> {
    let fx = (x - plane.x.0) / (plane.x.1 - plane.x.0);
    let fy = (plane.y.1 - y) / (plane.y.1 - plane.y.0);
    if !(0.0..=1.0).contains(&fx) || !(0.0..=1.0).contains(&fy) {
        return None;
    }
    let col = ((fx * cols as f64) as usize).min(cols.saturating_sub(1));
    let row = ((fy * rows as f64) as usize).min(rows.saturating_sub(1));
    Some((col, row))
}

impl BoundaryMap<'_> {
    /// The predicted class at pixel `(col, row)` of a `cols × rows` map (nearest grid point).
    fn region(&self, col: usize, row: usize, cols: usize, rows: usize) -> Option<usize> {
        let grid = &self.plane.grid;
        if grid.cols == 0 || grid.rows == 0 || cols == 0 || rows == 0 {
            return None;
        }
        grid.at(col * grid.cols / cols, row * grid.rows / rows)
    }

    fn title(&self) -> Line<'static> {
        let mut spans = vec![Span::styled(
            format!(" {} ", t!("train-boundary-title")),
            self.theme.title(),
        )];
        for class in 0..self.plane.classes {
            spans.push(Span::styled(
                POINT_GLYPHS[class % POINT_GLYPHS.len()].to_string(),
                self.theme.class_point(class),
            ));
            spans.push(Span::raw(format!(" {class} ")));
        }
        Line::from(spans)
    }
}

impl Widget for BoundaryMap<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(self.title());
        let inner = block.inner(area);
        block.render(area, buf);
        let (cols, rows) = (usize::from(inner.width), usize::from(inner.height) * 2);
        for cy in 0..inner.height {
            for cx in 0..inner.width {
                let (col, row) = (usize::from(cx), usize::from(cy) * 2);
                let top = self.region(col, row, cols, rows);
                let bottom = self.region(col, row + 1, cols, rows);
                let cell = &mut buf[(inner.x + cx, inner.y + cy)];
                match (top, theme.colour) {
                    (Some(top), true) => {
                        let mut style = Style::new();
                        if let Some(c) = theme.class_region(top) {
                            style = style.fg(c);
                        }
                        if let Some(c) = bottom.and_then(|b| theme.class_region(b)) {
                            style = style.bg(c);
                        }
                        cell.set_symbol("▀").set_style(style);
                    }
                    (Some(top), false) => {
                        cell.set_symbol(REGION_GLYPHS[top % REGION_GLYPHS.len()]);
                    }
                    (None, _) => {}
                }
            }
        }
        for p in &self.plane.points {
            let Some((col, row)) = pixel_of(self.plane, p.x, p.y, cols, rows) else {
                continue;
            };
            let (Ok(cx), Ok(cy)) = (u16::try_from(col), u16::try_from(row / 2)) else {
                continue;
            };
            let mut style = theme.class_point(p.class);
            if let Some(c) = self
                .region(col, row, cols, rows)
                .and_then(|r| theme.class_region(r))
            {
                style = style.bg(c);
            }
            buf[(inner.x + cx, inner.y + cy)]
                .set_symbol(POINT_GLYPHS[p.class % POINT_GLYPHS.len()])
                .set_style(style);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::tui::ui::train::{ClassGrid, PlanePoint};
    use ratatui::style::Color;

    /// Class 0 left of x = 0, class 1 right of it; one point of each class.
    fn halves() -> PlaneView {
        PlaneView {
            x: (-1.0, 1.0),
            y: (-1.0, 1.0),
            classes: 2,
            points: vec![
                PlanePoint {
                    x: -0.5,
                    y: 0.5,
                    class: 0,
                },
                PlanePoint {
                    x: 0.9,
                    y: -0.9,
                    class: 1,
                },
            ],
            grid: ClassGrid {
                cols: 2,
                rows: 1,
                classes: vec![0, 1],
            },
        }
    }

    #[test]
    fn pixels_map_the_plane_top_down() {
        let plane = halves();
        assert_eq!(pixel_of(&plane, -1.0, 1.0, 8, 8), Some((0, 0)));
        assert_eq!(pixel_of(&plane, 1.0, -1.0, 8, 8), Some((7, 7)));
        assert_eq!(pixel_of(&plane, 0.0, 0.0, 8, 8), Some((4, 4)));
        assert_eq!(pixel_of(&plane, 1.5, 0.0, 8, 8), None);
        assert_eq!(grid_size(Rect::new(0, 0, 10, 6)), (8, 8));
    }

    #[test]
    fn no_colour_draws_region_textures_and_point_glyphs() {
        let plane = halves();
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 6));
        BoundaryMap {
            plane: &plane,
            theme: Theme { colour: false },
        }
        .render(buf.area, &mut buf);
        let expected = Buffer::with_lines([
            "┌ decisio┐",
            "│    ····│",
            "│  ● ····│",
            "│    ····│",
            "│    ···▲│",
            "└────────┘",
        ]);
        for y in 0..6 {
            for x in 0..10 {
                assert_eq!(
                    buf[(x, y)].symbol(),
                    expected[(x, y)].symbol(),
                    "cell ({x},{y})"
                );
            }
        }
    }

    #[test]
    fn colour_draws_two_pixels_per_cell() {
        let mut plane = halves();
        // top row class 0 everywhere, bottom row class 1
        plane.grid = ClassGrid {
            cols: 1,
            rows: 2,
            classes: vec![0, 1],
        };
        plane.points.clear();
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 3));
        BoundaryMap {
            plane: &plane,
            theme,
        }
        .render(buf.area, &mut buf);
        // one inner row of two pixels: top pixel class 0, bottom class 1
        let cell = &buf[(1, 1)];
        assert_eq!(cell.symbol(), "▀");
        assert_eq!(Some(cell.fg), theme.class_region(0));
        assert_eq!(Some(cell.bg), theme.class_region(1));
        assert_ne!(cell.fg, cell.bg);
        assert_eq!(theme.class_point(2).fg, Some(Color::Indexed(83)));
    }
}
