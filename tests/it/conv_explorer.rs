//! Chapter 7 in the explorer, driven by keys as a learner drives it: the window outlined on x
//! follows the selected row of col, col2im outlines a row of dcol on dx, pooling marks where each
//! window's maximum sat, W and the strip speak in 4-D, and a 4×4 image keeps its whole grid at
//! 80×24. Snapshots of the im2col, col2im and pooling steps at 80×24 and 120×36.

use crate::support::driver::{press, screen};
use crate::support::words::doubled_spaces;

use backstep::engine::Op;
use backstep::preset::Preset;
use backstep::tui::app::App;
use backstep::tui::ui::layout::Areas;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

fn app(preset: &str) -> App {
    let mut app = App::new(Preset::builtin(preset).expect("built-in")).expect("runs");
    app.update(backstep::tui::Action::Resize {
        width: 120,
        height: 36,
    });
    app
}

/// The app at the first step whose op `is` picks.
fn at_op(preset: &str, is: impl Fn(&Op) -> bool) -> App {
    let mut a = app(preset);
    press(&mut a, KeyCode::Home);
    while !a.current().is_some_and(|s| is(&s.op)) {
        let before = a.step();
        press(&mut a, KeyCode::Right);
        assert_ne!(a.step(), before, "{preset} has no such step");
    }
    a
}

fn render(app: &App, width: u16, height: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    app.render(buf.area, &mut buf);
    buf
}

/// The rectangle of the pane titled `title`.
fn pane_rect(app: &App, title: &str, width: u16, height: u16) -> Rect {
    let areas = Areas::compute(app, width, height).expect("big enough");
    let k = app
        .panes()
        .iter()
        .position(|p| p.title == title)
        .unwrap_or_else(|| panic!("no pane {title}"));
    areas.panes[k]
}

/// Where the outline's top-left corner `┌` is drawn inside the pane titled `title`.
fn outline_corner(app: &App, title: &str, width: u16, height: u16) -> Option<(u16, u16)> {
    let r = pane_rect(app, title, width, height);
    let buf = render(app, width, height);
    (r.y + 1..r.bottom().saturating_sub(1))
        .flat_map(|y| (r.x + 1..r.right().saturating_sub(1)).map(move |x| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "┌")
}

/// The text of the pane titled `title`, row by row, borders included.
fn pane_text(app: &App, title: &str, width: u16, height: u16) -> Vec<String> {
    let r = pane_rect(app, title, width, height);
    let buf = render(app, width, height);
    (r.y..r.bottom())
        .map(|y| (r.x..r.right()).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn the_outline_on_x_follows_the_selected_row_of_col() {
    for (width, height) in [(120, 36), (80, 24)] {
        let mut a = at_op("conv", |op| matches!(op, Op::Im2col(_)));
        a.update(backstep::tui::Action::Resize { width, height });
        // The focus is on col, the step's result; row 0 is the window at (0, 0).
        assert!(a.panes()[a.focus()].written);
        let (x0, y0) = outline_corner(&a, "x", width, height).expect("an outline on x");
        // Row 1 is the next window along: one cell (9 columns at 4 decimals) to the right.
        press(&mut a, KeyCode::Down);
        assert_eq!(a.write_cell().0, 1);
        assert_eq!(outline_corner(&a, "x", width, height), Some((x0 + 9, y0)));
        // Row 3 starts the second row of windows (OW = 3): back left, one line down.
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Down);
        assert_eq!(a.write_cell().0, 3);
        assert_eq!(outline_corner(&a, "x", width, height), Some((x0, y0 + 1)));
        // The outline encloses x[0,0,1,0] and x[0,0,1,1] (values 0 and 1) and x[0,0,2,0..2]
        // (3 and 0): the window row 3 of col copied.
        let text = pane_text(&a, "x", width, height);
        let row = |v: &str| text.iter().skip(1).find(|l| l.contains(v)).cloned();
        let inside = text
            .iter()
            .filter(|l| l.matches('│').count() >= 4)
            .cloned()
            .collect::<Vec<_>>();
        assert_eq!(
            inside.len(),
            2,
            "two rows inside the window:\n{}",
            text.join("\n")
        );
        assert!(inside[0].contains("│› 0.0000   1.0000│"), "{inside:?}");
        assert!(inside[1].contains("│  3.0000   0.0000│"), "{inside:?}");
        assert!(row("┌").is_some_and(|l| l.contains("┌─────────────────┐")));
        // Every row of the 4×4 image shows, with its label: nothing is cut.
        assert!(text.iter().any(|l| l.contains("n0 c0")));
        for h in 0..4 {
            assert!(
                text.iter()
                    .any(|l| l.trim_start_matches('│').starts_with(&h.to_string())),
                "{width}×{height}: row {h} of x is missing:\n{}",
                text.join("\n")
            );
        }
    }
}

#[test]
fn an_outline_that_reaches_into_the_padding_is_dashed() {
    // conv-stride-pad: pad 1, so window 0 starts at (−1, −1): its top and left edges are dashed.
    let a = at_op("conv-stride-pad", |op| matches!(op, Op::Im2col(_)));
    let text = pane_text(&a, "x", 120, 36).join("\n");
    assert!(text.contains('╎'), "{text}");
    assert!(text.contains("┌┄"), "{text}");
}

#[test]
fn col2im_outlines_the_window_of_the_dcol_row_under_the_cursor() {
    let mut a = at_op("conv", |op| matches!(op, Op::Col2im(_)));
    assert!(a.panes()[a.focus()].written);
    // On dx the windows over the selected cell are marked in dcol, none outlined.
    assert_eq!(outline_corner(&a, "dx", 120, 36), None);
    // Tab to dcol: its row 0 is the window at (0, 0) of dx.
    while a.panes()[a.focus()].title != "dcol" {
        press(&mut a, KeyCode::Tab);
    }
    let (x0, y0) = outline_corner(&a, "dx", 120, 36).expect("an outline on dx");
    press(&mut a, KeyCode::Down);
    assert_eq!(outline_corner(&a, "dx", 120, 36), Some((x0 + 9, y0)));
}

#[test]
fn pooling_marks_where_each_windows_maximum_sat() {
    // Before arg_max there is nothing to mark; from it on, and through backward, x shows ■.
    let a = at_op("pooling", |op| matches!(op, Op::Reshape { .. }));
    let count = |a: &App| {
        pane_text(a, "x", 120, 36)
            .iter()
            .map(|l| l.matches('■').count())
            .sum::<usize>()
    };
    assert_eq!(count(&a), 0);
    let a = at_op("pooling", |op| matches!(op, Op::RowArgMax));
    assert_eq!(count(&a), 4);
    let text = pane_text(&a, "x", 120, 36);
    // The top-left window [1, 3; 3, 0] ties: np.argmax takes the first 3, in row 0.
    let row0 = text.iter().find(|l| l.contains("1.0000")).expect("row 0");
    assert!(row0.contains("1.0000 ■ 3.0000"), "{row0}");
    let row1 = text.iter().find(|l| l.contains("4.0000")).expect("row 1");
    assert!(
        row1.contains("│1    3.0000") && row1.contains("■ 4.0000"),
        "{row1}"
    );
    let a = at_op("pooling", |op| matches!(op, Op::ScatterArgMax));
    assert_eq!(count(&a), 4);
}

#[test]
fn w_and_the_strip_are_4d() {
    let a = at_op("conv", |op| matches!(op, Op::Im2col(_)));
    let s = screen(&a, 120, 36);
    assert!(s.contains(" W 1×1×2×2"), "{s}");
    assert!(s.contains("x 1×1×4×4 → [Conv1 1×1×3×3]"), "{s}");
    assert!(!s.contains("W 1×4") && !s.contains("x 1×16"), "{s}");
    // W's first axis counts filters, x's samples.
    let w = pane_text(&a, "W", 120, 36);
    assert!(w[1].contains("f0 c0"), "{w:?}");
    assert!(pane_text(&a, "x", 120, 36)[1].contains("n0 c0"));
}

#[test]
fn snapshots_of_im2col_col2im_and_pooling() {
    for (width, height) in [(80, 24), (120, 36)] {
        let size = format!("{width}x{height}");
        let a = at_op("conv", |op| matches!(op, Op::Im2col(_)));
        insta::assert_snapshot!(format!("conv_im2col_{size}"), screen(&a, width, height));
        let a = at_op("conv", |op| matches!(op, Op::Col2im(_)));
        insta::assert_snapshot!(format!("conv_col2im_{size}"), screen(&a, width, height));
        let a = at_op("pooling", |op| matches!(op, Op::RowArgMax));
        insta::assert_snapshot!(format!("pooling_argmax_{size}"), screen(&a, width, height));
        let a = at_op("pooling", |op| matches!(op, Op::Col2im(_)));
        insta::assert_snapshot!(format!("pooling_col2im_{size}"), screen(&a, width, height));
    }
}

/// `backstep --preset conv`, `→` to step 2: the inspector writes the selected cell as one chain
/// of equalities, one space each side of every `=`, at both sizes.
#[test]
fn the_inspectors_cell_line_has_one_space_beside_each_equals() {
    let mut a = app("conv");
    press(&mut a, KeyCode::Home);
    press(&mut a, KeyCode::Right);
    for (width, height) in [(120, 36), (80, 24)] {
        let s = screen(&a, width, height);
        let line = s
            .lines()
            .find(|l| l.matches(" = ").count() >= 2 && l.starts_with("\"   "))
            .unwrap_or_else(|| panic!("no cell line in the inspector:\n{s}"));
        assert!(doubled_spaces(line).is_empty(), "{line}");
    }
}
