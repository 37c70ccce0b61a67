//! The pipeline strip: `x 2×3 → Affine1 2×4 → ReLU 2×4 → … → L = 0.9717`, the current layer
//! highlighted (and bracketed, for terminals without colour), arrows pointing the way the current
//! phase flows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::engine::Phase;
use crate::engine::format::{num, shape};
use crate::tui::app::App;

/// Draw the strip; when it is wider than the screen, it starts a little before the current layer.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let step = app.current();
    let current = step.map(|s| s.layer);
    let arrow = match step.map(|s| s.phase) {
        Some(Phase::Backward) => " ← ",
        _ => " → ",
    };
    let mut parts: Vec<(String, bool)> =
        vec![(format!("x {}", shape(&app.preset.inputs.x)), false)];
    for (i, layer) in app.run.layers.iter().enumerate() {
        let here = Some(i) == current;
        let text = format!("{} {}", layer.name, shape(&layer.out));
        parts.push((if here { format!("[{text}]") } else { text }, here));
    }
    match app.run.loss {
        Some(loss) => parts.push((format!("L = {}", num(loss, app.decimals)), false)),
        None => parts.push((
            format!("L = Σ dout⊙out = {}", num(app.run.objective, app.decimals)),
            false,
        )),
    }
    // Drop leading parts until the current layer fits.
    let width =
        |ps: &[(String, bool)]| ps.iter().map(|(t, _)| t.chars().count() + 3).sum::<usize>() + 1;
    let mut start = 0;
    let here = parts.iter().position(|(_, h)| *h).unwrap_or(0);
    while start < here && width(&parts[start..=here]) + 2 > area.width as usize {
        start += 1;
    }
    let mut spans = vec![Span::raw(if start > 0 { " …" } else { " " })];
    for (k, (text, here)) in parts[start..].iter().enumerate() {
        if k > 0 || start > 0 {
            spans.push(Span::styled(arrow, theme.dim()));
        }
        let style = if *here {
            theme.current_layer()
        } else {
            theme.text()
        };
        spans.push(Span::styled(text.clone(), style));
    }
    Line::from(spans).render(area, buf);
}
