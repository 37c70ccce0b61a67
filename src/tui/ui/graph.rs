//! The explorer's graph pane: the shared drawing of a figure ([`crate::report::figure`]) in the
//! theme's colours, between two rules.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::report::figure::{FigureStyles, GraphView};
use crate::tui::theme::Theme;

/// The theme's styles for a figure.
pub fn styles(t: Theme) -> FigureStyles {
    FigureStyles {
        title: t.title(),
        text: t.text(),
        dim: t.dim(),
        grad: t.phase(true),
        cursor: t.cursor(),
        written: t.written(),
        current: t.current_layer(),
    }
}

/// The first key of the binding for `action`, as the footer writes it.
fn key_for(action: crate::tui::action::Action) -> String {
    crate::tui::keymap::BINDINGS
        .iter()
        .find(|b| b.action == action)
        .and_then(|b| b.keys.first())
        .map(|k| k.label())
        .unwrap_or_default()
}

/// The explorer's graph pane: the App's figure at the current step between two rules; the top
/// one holds the figure's caption, the bottom one the keys of the view.
pub fn render_pane(app: &crate::tui::app::App, area: Rect, buf: &mut Buffer) {
    use crate::tui::action::Action;
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Borders};
    let Some(figure) = app.graph().figure.as_ref() else {
        return;
    };
    let hint = format!(
        " {} ",
        crate::t!(
            "explorer-graph-keys",
            edge = key_for(Action::FocusNext),
            explain = key_for(Action::Confirm),
            matrices = key_for(Action::ToggleGraph)
        )
    );
    let block = Block::default()
        // Top and bottom rules only: the figure gets every column (Sigmoid's four boxes need 80).
        .borders(Borders::TOP | Borders::BOTTOM)
        .border_style(app.theme().border_focused())
        .title(Line::styled(
            format!(" {} ", figure.title),
            app.theme().title(),
        ))
        .title_bottom(Line::styled(hint, app.theme().dim()));
    let inner = block.inner(area);
    block.render(area, buf);
    let mut view = GraphView::new(figure, app.step(), app.decimals(), styles(app.theme()));
    view.selected = Some(app.graph().edge);
    view.render(inner, buf);
}
