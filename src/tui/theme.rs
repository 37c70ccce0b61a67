//! Every colour and text style of the explorer, in one place.
//!
//! [`Theme::from_env`] honours `NO_COLOR` (<https://no-color.org>): with it set, only modifiers
//! (bold, underline, reverse, dim) are used, so nothing on screen relies on colour alone.

use ratatui::style::{Color, Modifier, Style};

/// The styles the views draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// False when `NO_COLOR` is set: styles keep their modifiers and drop their colours.
    pub colour: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { colour: true }
    }
}

impl Theme {
    /// The theme for this process: colour unless `NO_COLOR` is set to a non-empty value.
    pub fn from_env() -> Self {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { colour: !no_colour }
    }

    fn fg(self, style: Style, colour: Color) -> Style {
        if self.colour { style.fg(colour) } else { style }
    }

    fn bg(self, style: Style, colour: Color) -> Style {
        if self.colour { style.bg(colour) } else { style }
    }

    /// Plain text.
    pub fn text(self) -> Style {
        Style::new()
    }

    /// Secondary text: indices, shapes, hints.
    pub fn dim(self) -> Style {
        self.fg(Style::new(), Color::DarkGray)
            .add_modifier(Modifier::DIM)
    }

    /// Titles and the preset name.
    pub fn title(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// The phase badge: forward or backward.
    pub fn phase(self, backward: bool) -> Style {
        let colour = if backward {
            Color::Magenta
        } else {
            Color::Green
        };
        self.fg(Style::new().add_modifier(Modifier::BOLD), colour)
    }

    /// The current layer in the pipeline strip.
    pub fn current_layer(self) -> Style {
        self.bg(
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            Color::Reset,
        )
    }

    /// A formula.
    pub fn formula(self) -> Style {
        self.fg(Style::new(), Color::Yellow)
    }

    /// The border of an unfocused pane.
    pub fn border(self) -> Style {
        self.fg(Style::new(), Color::DarkGray)
    }

    /// The border of the focused pane.
    pub fn border_focused(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// The border of the pane the current step wrote.
    pub fn border_written(self) -> Style {
        self.fg(Style::new(), Color::Yellow)
    }

    /// A cell the current step wrote.
    pub fn written(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// A cell the current step read to make the selected cell (also marked with `›`).
    pub fn read(self) -> Style {
        self.fg(
            Style::new().add_modifier(Modifier::UNDERLINED),
            Color::LightBlue,
        )
    }

    /// A gradient cell that the ReLU mask set to 0 (also marked with `×`).
    pub fn zeroed(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::DIM), Color::Red)
    }

    /// A cell the active nudge changed (also marked with `Δ`, the nudged cell with `+`).
    pub fn changed(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Magenta)
    }

    /// The cell cursor.
    pub fn cursor(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A True cell of the mask (masked: blocked).
    pub fn mask_true(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    /// A False cell of the mask (passes).
    pub fn mask_false(self) -> Style {
        self.fg(Style::new(), Color::Green)
    }

    /// The Σ row under dY.
    pub fn sum_row(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// A passing check line.
    pub fn ok(self) -> Style {
        self.fg(Style::new(), Color::Green)
    }

    /// An error popup or a failing check line.
    pub fn error(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    /// A key in the footer or help.
    pub fn key(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// The region of class `class` on the decision-boundary map: a dark colour per class (none
    /// without colour: the map then draws each class's region glyph).
    pub fn class_region(self, class: usize) -> Option<Color> {
        const REGIONS: [u8; 6] = [17, 52, 22, 58, 53, 23];
        self.colour
            .then(|| Color::Indexed(REGIONS[class % REGIONS.len()]))
    }

    /// A data point of class `class`: a bright colour per class, bold (the glyph tells the
    /// classes apart without colour).
    pub fn class_point(self, class: usize) -> Style {
        const POINTS: [u8; 6] = [39, 203, 83, 227, 171, 51];
        self.fg(
            Style::new().add_modifier(Modifier::BOLD),
            Color::Indexed(POINTS[class % POINTS.len()]),
        )
    }

    /// A grey level from 0 (black) to 1 (white), for images; `None` without colour (images are
    /// then drawn with shade characters).
    pub fn grey(self, level: f64) -> Option<Color> {
        let step = (level.clamp(0.0, 1.0) * 23.0).round() as u8;
        self.colour.then_some(Color::Indexed(232 + step))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_colour_keeps_only_modifiers() {
        let plain = Theme { colour: false };
        for style in [
            plain.written(),
            plain.read(),
            plain.mask_true(),
            plain.zeroed(),
            plain.error(),
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert!(plain.read().add_modifier.contains(Modifier::UNDERLINED));
        assert_eq!(Theme::default().mask_true().fg, Some(Color::Red));
    }
}
