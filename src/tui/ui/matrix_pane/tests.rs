//! Widget tests: the pane, its viewport, the mask grid and the Σ row against expected buffers.

use ndarray::array;

use super::*;
use crate::engine::Op;

fn draw(pane: MatrixPane<'_>, width: u16, height: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    pane.render(buf.area, &mut buf);
    buf
}

fn symbols(buf: &Buffer) -> Buffer {
    let mut plain = buf.clone();
    plain.set_style(plain.area, Style::reset());
    plain
}

#[test]
fn shows_name_shape_indices_and_numbers() {
    let m = array![[1.0, -0.5], [-2.0, 3.0]];
    let pane = MatrixPane::new("x", &m, 2, Theme { colour: false });
    let expected = Buffer::with_lines([
        "┌ x 2×2 ─────────┐",
        "│        0      1│",
        "│0    1.00  -0.50│",
        "│1   -2.00   3.00│",
        "└────────────────┘",
    ]);
    assert_eq!(symbols(&draw(pane, 18, 5)), expected);
}

#[test]
fn scrolls_to_the_anchor_and_says_so() {
    let m = Matrix::from_shape_fn((100, 50), |(i, j)| (i * 100 + j) as f64);
    let mut pane = MatrixPane::new("W", &m, 0, Theme { colour: false });
    pane.anchor = (99, 49);
    let buf = symbols(&draw(pane, 44, 6));
    let expected = Buffer::with_lines([
        "┌ W 100×50 ────────────────────────────────┐",
        "│       44    45    46    47    48    49   │",
        "│97   9744  9745  9746  9747  9748  9749   │",
        "│98   9844  9845  9846  9847  9848  9849   │",
        "│99   9944  9945  9946  9947  9948  9949   │",
        "└──────────── rows 97–99/100 cols 44–49/50 ┘",
    ]);
    assert_eq!(buf, expected);
}

#[test]
fn mask_cells_read_true_and_false() {
    let mask = array![[0.0, 0.0, 1.0], [0.0, 0.0, 0.0]];
    let mut pane = MatrixPane::new("mask", &mask, 4, Theme { colour: false });
    pane.cells = CellText::Mask;
    let expected = Buffer::with_lines([
        "┌ mask 2×3 ───────────────────┐",
        "│          0        1        2│",
        "│0   · False  · False   ■ True│",
        "│1   · False  · False  · False│",
        "└─────────────────────────────┘",
    ]);
    assert_eq!(symbols(&draw(pane, 31, 5)), expected);
}

#[test]
fn sum_row_lands_under_each_column() {
    let dy = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
    let db = array![[5.0, 7.0, 9.0]];
    let mut pane = MatrixPane::new("dY", &dy, 1, Theme { colour: false });
    pane.sum_row = Some(&db);
    let expected = Buffer::with_lines([
        "┌ dY 2×3 ────────────┐",
        "│       0     1     2│",
        "│0    1.0   2.0   3.0│",
        "│1    4.0   5.0   6.0│",
        "│  ──────────────────│",
        "│Σ    5.0   7.0   9.0│",
        "└────────────────────┘",
    ]);
    assert_eq!(symbols(&draw(pane, 22, 7)), expected);
}

#[test]
fn cell_at_inverts_the_layout() {
    let m = array![[1.0, -0.5], [-2.0, 3.0]];
    let pane = MatrixPane::new("x", &m, 2, Theme { colour: false });
    let area = Rect::new(0, 0, 18, 5);
    assert_eq!(pane.cell_at(area, 6, 2), Some((0, 0)));
    assert_eq!(pane.cell_at(area, 16, 3), Some((1, 1)));
    assert_eq!(pane.cell_at(area, 1, 1), None);
    assert_eq!(pane.cell_at(area, 0, 0), None);
}

#[test]
fn read_cells_are_marked_with_a_chevron() {
    // X·W read as operand 0 for output cell (1, 0): row 1 of X feeds it.
    let x = array![[1.0, 2.0], [3.0, 4.0]];
    let op = Op::MatMul {
        transpose_a: false,
        transpose_b: false,
    };
    let mut pane = MatrixPane::new("X", &x, 1, Theme { colour: false });
    pane.highlight = Highlight::Read {
        op: &op,
        read: 0,
        out: (1, 0),
    };
    let expected = Buffer::with_lines([
        "┌ X 2×2 ───────┐",
        "│       0     1│",
        "│0    1.0   2.0│",
        "│1  › 3.0 › 4.0│",
        "└──────────────┘",
    ]);
    assert_eq!(symbols(&draw(pane, 16, 5)), expected);
}

#[test]
fn the_written_cell_zeroed_cells_nudges_and_the_nudged_cell_have_their_markers() {
    let m = array![[1.0, 2.0], [3.0, 4.0]];
    let mut written = MatrixPane::new("Y", &m, 1, Theme { colour: false });
    written.highlight = Highlight::Written { cell: (0, 1) };
    written.written = true;
    let expected = Buffer::with_lines([
        "┌ Y 2×2 ✎ ─────┐",
        "│       0     1│",
        "│0    1.0 • 2.0│",
        "│1    3.0   4.0│",
        "└──────────────┘",
    ]);
    assert_eq!(symbols(&draw(written, 16, 5)), expected);

    let mask = array![[1.0, 0.0], [0.0, 1.0]];
    let mut zeroed = MatrixPane::new("dx", &m, 1, Theme { colour: false });
    zeroed.highlight = Highlight::Zeroed {
        mask: &mask,
        sense: crate::engine::MaskSense::TrueBlocks,
    };
    let expected = Buffer::with_lines([
        "┌ dx 2×2 ──────┐",
        "│       0     1│",
        "│0  × 1.0   2.0│",
        "│1    3.0 × 4.0│",
        "└──────────────┘",
    ]);
    assert_eq!(symbols(&draw(zeroed, 16, 5)), expected);

    let changes = [
        CellChange {
            row: 0,
            col: 1,
            before: 2.0,
            after: 2.5,
        },
        CellChange {
            row: 1,
            col: 1,
            before: 4.0,
            after: 4.5,
        },
    ];
    let mut nudged = MatrixPane::new("W", &m, 1, Theme { colour: false });
    nudged.changed = &changes;
    nudged.nudged = Some(((1, 0), 3.1));
    // The marked cells show the nudged values, not the matrix's own.
    let expected = Buffer::with_lines([
        "┌ W 2×2 ───────┐",
        "│       0     1│",
        "│0    1.0 Δ 2.5│",
        "│1  + 3.1 Δ 4.5│",
        "└──────────────┘",
    ]);
    assert_eq!(symbols(&draw(nudged, 16, 5)), expected);
}

#[test]
fn a_narrow_pane_cuts_its_title_not_its_shape_and_its_label_stays_inside_the_corners() {
    let m = Matrix::from_shape_fn((500, 2), |(i, j)| (i + j) as f64);
    let mut pane = MatrixPane::new("全连接层 output", &m, 0, Theme { colour: false });
    pane.caption = "from Affine1";
    pane.written = true;
    let buf = symbols(&draw(pane, 22, 8));
    let top: String = (0..22).map(|x| buf[(x, 0)].symbol().to_string()).collect();
    let bottom: String = (0..22).map(|x| buf[(x, 7)].symbol().to_string()).collect();
    assert!(top.contains("500×2"), "the shape stays: {top}");
    assert!(top.contains('…'), "the name is cut: {top}");
    assert!(top.starts_with('┌') && top.ends_with('┐'), "{top}");
    assert!(bottom.starts_with('└') && bottom.ends_with('┘'), "{bottom}");
    assert!(bottom.contains("0–4/500"), "the rows shown: {bottom}");
}

fn rows_of(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// Two samples of two 4×4 channels, cell (n, c, h, w) holding 100·n + 16·c + 4·h + w.
fn tensor() -> Matrix {
    Matrix::from_shape_fn((2, 32), |(i, j)| (i * 100 + j) as f64)
}

fn image_pane(m: &Matrix) -> MatrixPane<'_> {
    let mut pane = MatrixPane::new("x", m, 1, Theme { colour: false });
    pane.image = Some(crate::engine::tensor::ImageShape::new(2, 4, 4));
    pane
}

#[test]
fn a_tensor_draws_each_sample_as_its_channel_grids() {
    let m = tensor();
    let mut pane = image_pane(&m);
    pane.cursor = Some((1, 16 + 4 + 2));
    let buf = draw(pane, 64, 12);
    assert_eq!(
        rows_of(&symbols(&buf)),
        [
            "┌ x 2×2×4×4 ───────────────────────────────────────────────────┐",
            "│   n0 c0                          n0 c1                       │",
            "│0     0.0    1.0    2.0    3.0      16.0   17.0   18.0   19.0 │",
            "│1     4.0    5.0    6.0    7.0      20.0   21.0   22.0   23.0 │",
            "│2     8.0    9.0   10.0   11.0      24.0   25.0   26.0   27.0 │",
            "│3    12.0   13.0   14.0   15.0      28.0   29.0   30.0   31.0 │",
            "│   n1 c0                          n1 c1                       │",
            "│0   100.0  101.0  102.0  103.0     116.0  117.0  118.0  119.0 │",
            "│1   104.0  105.0  106.0  107.0     120.0  121.0  122.0  123.0 │",
            "│2   108.0  109.0  110.0  111.0     124.0  125.0  126.0  127.0 │",
            "│3   112.0  113.0  114.0  115.0     128.0  129.0  130.0  131.0 │",
            "└──────────────────────────────────────────────────────────────┘",
        ]
    );
    // the cursor sits on (n1, c1, h1, w2) = 122
    let cursor = Theme { colour: false }.cursor().add_modifier;
    assert_eq!(buf[(50, 8)].symbol(), "1");
    assert!(buf[(50, 8)].modifier.contains(cursor));
    assert!(!buf[(43, 8)].modifier.contains(cursor));
    // a click there selects the same cell
    let area = Rect::new(0, 0, 64, 12);
    assert_eq!(pane.cell_at(area, 50, 8), Some((1, 22)));
    assert_eq!(pane.cell_at(area, 8, 2), Some((0, 0)));
    assert_eq!(pane.cell_at(area, 8, 6), None);
}

#[test]
fn a_small_tensor_pane_scrolls_to_the_anchor_grid_and_says_what_it_shows() {
    let m = tensor();
    let mut pane = image_pane(&m);
    pane.anchor = (1, 31);
    assert_eq!(
        rows_of(&symbols(&draw(pane, 40, 8))),
        [
            "┌ x 2×2×4×4 ───────────────────────────┐",
            "│   n1 c1                              │",
            "│0   116.0  117.0  118.0  119.0        │",
            "│1   120.0  121.0  122.0  123.0        │",
            "│2   124.0  125.0  126.0  127.0        │",
            "│3   128.0  129.0  130.0  131.0        │",
            "│                                      │",
            "└───────────────────── n 1–1/2 c 1–1/2 ┘",
        ]
    );
    // Too narrow for a whole grid: the anchor's columns.
    pane.anchor = (0, 3);
    assert_eq!(
        rows_of(&symbols(&draw(pane, 20, 5))),
        [
            "┌ x 2×2×4×4 ───────┐",
            "│   n0 c0          │",
            "│0    2.0   3.0    │",
            "│1    6.0   7.0    │",
            "└─ n 0–0/2 c 0–0/2 ┘",
        ]
    );
}

#[test]
fn a_window_is_outlined_on_every_channel_dashed_where_it_is_padding() {
    let m = tensor();
    let mut pane = image_pane(&m);
    // rows −1..0 (one row of padding above), columns 1..2
    pane.outline = Some(image::Outline {
        sample: 0,
        top: -1,
        bottom: 0,
        left: 1,
        right: 2,
    });
    assert_eq!(
        rows_of(&symbols(&draw(pane, 64, 7)))[..5],
        [
            "┌ x 2×2×4×4 ───────────────────────────────────────────────────┐",
            "│   n0 c0                      n0 c1                           │",
            "│        ┌┄┄┄┄┄┄┄┄┄┄┄┐              ┌┄┄┄┄┄┄┄┄┄┄┄┐              │",
            "│0    0.0│  1.0   2.0│  3.0     16.0│ 17.0  18.0│ 19.0         │",
            "│        └───────────┘              └───────────┘              │",
        ]
    );
}

#[test]
fn a_written_tensor_marks_the_cells_a_focused_read_cell_went_into() {
    use crate::engine::op::BinOp;
    let m = tensor();
    let add = Op::Binary(BinOp::Add);
    let mut pane = image_pane(&m);
    // the focused operand's cell (1, 22) = (n1, c1, h1, w2) went into the same cell of the sum
    pane.highlight = Highlight::FedBy {
        op: &add,
        read: 0,
        operand: &m,
        from: (1, 22),
    };
    let rows = rows_of(&symbols(&draw(pane, 64, 12)));
    assert_eq!(
        rows[8],
        "│1   104.0  105.0  106.0  107.0     120.0  121.0 ›122.0  123.0 │"
    );
    let marked = rows.iter().map(|r| r.matches('›').count()).sum::<usize>();
    assert_eq!(marked, 1);
}

/// The ASCII fast path writes exactly what `set_stringn` writes: the characters, the style, the
/// cut at `max` and at the buffer's edge; other text goes through `set_stringn` itself.
#[test]
fn put_text_writes_the_cells_set_stringn_writes() {
    use ratatui::style::Color;
    let style = Style::default().fg(Color::Yellow);
    for (s, x, max) in [
        ("  -0.0042", 0, 20),
        ("12345678", 3, 4),
        ("12345678", 8, 20),
        ("", 0, 5),
        ("宽 0.5", 1, 20),
        ("tab\tx", 0, 20),
    ] {
        let area = Rect::new(0, 0, 10, 2);
        let mut want = Buffer::empty(area);
        want.set_stringn(x, 1, s, max, style);
        let mut got = Buffer::empty(area);
        super::put_text(&mut got, (x, 1), s, max, style);
        assert_eq!(got, want, "{s:?} at {x}, max {max}");
    }
}
