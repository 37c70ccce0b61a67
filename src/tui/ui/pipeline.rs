//! The pipeline strip: `x 2×3 → Affine1 2×4 → ReLU 2×4 → … → L = 0.9903`, the current layer
//! highlighted (and bracketed, for terminals without colour), arrows pointing the way the current
//! phase flows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::engine::tensor::ImageShape;
use crate::engine::{Matrix, Phase};
use crate::i18n::format::{num, shape};
use crate::tui::app::App;
use crate::tui::text::{truncate, width, width as text_width};

/// Draw the strip; when it is wider than the screen, it starts a little before the current layer.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let step = app.current();
    let current = step.map(|s| s.layer);
    // A branching graph is not a chain: its strip lists the nodes in the order they run, each
    // with its inputs (`all_price = apple_price + orange_price`), with no arrows between them.
    let graph = app.preset().graph.as_ref().filter(|g| !g.chain);
    let arrow = match (graph, step.map(|s| s.phase)) {
        (Some(_), _) => " │ ",
        (None, Some(Phase::Backward)) => " ← ",
        _ => " → ",
    };
    // Each part has a full text and a short one (no shape) for narrow terminals.
    let mut full: Vec<(String, String, bool)> = match graph {
        Some(_) => Vec::new(),
        None => vec![(
            format!(
                "x {}",
                tensor_shape(
                    &app.preset().inputs.x,
                    app.run().layers.first().and_then(|l| l.input_image)
                )
            ),
            "x".to_string(),
            false,
        )],
    };
    for (i, layer) in app.run().layers.iter().enumerate() {
        let here = Some(i) == current;
        let name = match graph.and_then(|g| g.nodes.get(i)) {
            Some(node) => format!("{} = {}", node.name, node.expression()),
            None => layer.name.clone(),
        };
        let text = format!("{name} {}", tensor_shape(&layer.out, layer.out_image));
        let text = if here { format!("[{text}]") } else { text };
        let short = if here {
            text.clone()
        } else {
            layer.name.clone()
        };
        full.push((text, short, here));
    }
    let value = num(
        app.run().loss.unwrap_or(app.run().objective),
        app.decimals(),
    );
    let loss_text = match app.run().loss {
        Some(_) => format!("L = {value}"),
        None => {
            // The last layer's own names (Affine: dY and Y), as its panes show them.
            let (d, out) = app.objective_names();
            format!("L = Σ {d}⊙{out} = {value}")
        }
    };
    full.push((loss_text, format!("L = {value}"), false));
    let fits = |ps: &[(String, bool)]| {
        ps.iter().map(|(t, _)| width(t) + 3).sum::<usize>() < area.width as usize
    };
    let long: Vec<(String, bool)> = full.iter().map(|(t, _, h)| (t.clone(), *h)).collect();
    let mut parts: Vec<(String, bool)> = if fits(&long) {
        long
    } else {
        full.into_iter().map(|(_, s, h)| (s, h)).collect()
    };
    // A graph's current node keeps its inputs; when the names around it do not fit, the
    // strip keeps that node and the end (`… │ [price = all_price × tax] │ L = 715`).
    if graph.is_some() && !fits(&parts) {
        if let Some(here) = parts.iter().position(|(_, h)| *h) {
            let (text, _) = parts[here].clone();
            let text = match text.rsplit_once(' ') {
                Some((node, _shape)) => format!("{node}]"),
                None => text,
            };
            let end = parts.pop().unwrap_or_default();
            parts = vec![("…".to_string(), false), (text, true), end];
        }
    }
    // Drop leading parts until the current layer fits.
    let width = |ps: &[(String, bool)]| ps.iter().map(|(t, _)| width(t) + 3).sum::<usize>() + 1;
    let mut start = 0;
    let here = parts.iter().position(|(_, h)| *h).unwrap_or(0);
    while start < here && width(&parts[start..=here]) + 2 > area.width as usize {
        start += 1;
    }
    // Still too wide (a long layer name): names lose characters, the longest first, so that
    // `L = …` at the end always shows.
    let mut shown: Vec<(String, bool)> = parts[start..].to_vec();
    let lead = if start > 0 { 2 } else { 1 };
    let total = |ps: &[(String, bool)]| {
        lead + ps.iter().map(|(t, _)| text_width(t)).sum::<usize>() + 3 * ps.len().saturating_sub(1)
    };
    let last = shown.len().saturating_sub(1);
    while total(&shown) > area.width as usize {
        let longest = (0..last)
            .max_by_key(|&k| (!shown[k].1, text_width(&shown[k].0)))
            .filter(|&k| text_width(&shown[k].0) > 2);
        let Some(k) = longest else { break };
        let w = text_width(&shown[k].0);
        shown[k].0 = truncate(&shown[k].0, w - 1);
    }
    let mut spans = vec![Span::raw(if start > 0 { " …" } else { " " })];
    for (k, (text, here)) in shown.iter().enumerate() {
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

/// `N×C×H×W` for a 4-D tensor (as the book prints `x.shape`), `N×D` for a matrix.
fn tensor_shape(m: &Matrix, image: Option<ImageShape>) -> String {
    match image {
        Some(image) if image.fits(m.ncols()) => image.batch(m.nrows()),
        _ => shape(m),
    }
}
