//! The graph view in the explorer: a graph preset opens on its figure, stepping fills in values
//! and gradients, Tab and Enter explain an edge, and `v` draws a chain layer as the book's graph.
//! Snapshots at 120×36 and 80×24; their numbers are the book's (715, 2.2, 110, 3.3, 165, 650).

use crate::support::driver;

use backstep::preset::Preset;
use backstep::tui::app::{App, Explanation, Mode};
use driver::{keys, press, screen};
use ratatui::crossterm::event::KeyCode;

fn app(preset: &str) -> App {
    App::new(Preset::builtin(preset).expect("built-in")).expect("runs")
}

#[test]
fn a_graph_preset_opens_on_its_figure_and_backward_fills_in_the_books_gradients() {
    let mut a = app("apple-orange");
    assert!(a.graph().on && a.graph().figure.is_some());
    let first = screen(&a, 120, 36);
    assert!(first.contains("apple_num ─────▶"), "{first}");
    assert!(first.contains("200") && !first.contains("650"), "{first}");
    assert!(
        !first.contains("2.2"),
        "no gradient before backward:\n{first}"
    );
    press(&mut a, KeyCode::End);
    let last = screen(&a, 120, 36);
    for number in ["715", "650", "2.2", "110", "3.3", "165", "1.1"] {
        assert!(last.contains(number), "{number} missing:\n{last}");
    }
    insta::assert_snapshot!("apple_orange_graph_end_120x36", last);
}

#[test]
fn the_graph_view_fits_80x24() {
    let mut a = app("apple-orange");
    press(&mut a, KeyCode::Char('b'));
    let s = screen(&a, 80, 24);
    // Backward starts at the price node: d tax = 650 is not known until its dw step.
    assert!(s.contains("715") && s.contains("price"), "{s}");
    press(&mut a, KeyCode::Right);
    let s = screen(&a, 80, 24);
    assert!(s.contains("650"), "{s}");
    insta::assert_snapshot!("apple_orange_graph_tax_80x24", s);
}

#[test]
fn enter_on_an_edge_explains_its_gradient() {
    let mut a = app("apple-orange");
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Enter);
    let Mode::Explain(Explanation { title, lines }) = a.mode() else {
        panic!("an explanation: {:?}", a.mode())
    };
    assert_eq!(title, "apple → apple_price — edge 1 of 9");
    assert!(
        lines
            .iter()
            .any(|l| l == "∂price/∂apple = dout × apple_num = 1.1 × 2 = 2.2"),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Mul node swaps its inputs")),
        "{lines:?}"
    );
    press(&mut a, KeyCode::Esc);
    // Edge 5 is apple_price → all_price: an Add node passes dout on.
    for _ in 0..4 {
        press(&mut a, KeyCode::Tab);
    }
    press(&mut a, KeyCode::Enter);
    let Mode::Explain(Explanation { lines, .. }) = a.mode() else {
        panic!("an explanation")
    };
    assert!(
        lines
            .iter()
            .any(|l| l == "∂price/∂apple_price = dout = 1.1"),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("passes dout (1.1, from all_price) on unchanged")),
        "{lines:?}"
    );
}

#[test]
fn an_edge_before_backward_says_when_its_gradient_comes() {
    let mut a = app("apple-orange");
    press(&mut a, KeyCode::Enter);
    let Mode::Explain(Explanation { lines, .. }) = a.mode() else {
        panic!("an explanation")
    };
    assert!(
        lines.iter().any(|l| l.starts_with(
            "gradient: not known yet; the backward pass reaches this edge at step 11"
        )),
        "{lines:?}"
    );
}

#[test]
fn v_draws_sigmoid_as_its_four_nodes_and_back() {
    let mut a = app("sigmoid");
    assert!(!a.graph().on);
    keys(&mut a, "v");
    let s = screen(&a, 80, 24);
    for node in ["×−1", "exp", "+1", " / "] {
        assert!(s.contains(node), "{node} missing:\n{s}");
    }
    // Forward step 1 (exp(−x)) covers ×(−1) and exp: both lit (double borders), +1 not.
    assert!(
        s.contains("║×−1║") && s.contains("║exp║") && s.contains("│ +1 │"),
        "{s}"
    );
    press(&mut a, KeyCode::End);
    let s = screen(&a, 80, 24);
    // x[0,0] = −2: y = 0.1192, dout = 1, dx = y(1 − y) = 0.105, −dout·y² = −0.0142.
    for number in ["0.1192", "-0.0142", "0.105", "dout·y²"] {
        assert!(s.contains(number), "{number} missing:\n{s}");
    }
    insta::assert_snapshot!("sigmoid_graph_end_80x24", s);
    keys(&mut a, "v");
    assert!(a.graph().figure.is_none());
    assert!(screen(&a, 80, 24).contains("dx"));
}

#[test]
fn v_draws_affine_with_shapes_and_softmax_with_loss() {
    let mut a = app("two-layer");
    keys(&mut a, "v");
    let s = screen(&a, 120, 36);
    assert!(
        s.contains("dot") && s.contains("2×3") && s.contains("3×4"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('b'));
    let s = screen(&a, 120, 36);
    assert!(
        s.contains("Softmax") && s.contains("Cross Entropy") && s.contains("0.9903"),
        "{s}"
    );
    insta::assert_snapshot!("two_layer_loss_graph_120x36", s);
}

#[test]
fn the_help_and_footer_list_v() {
    let mut a = app("sigmoid");
    let s = screen(&a, 120, 36);
    assert!(s.contains("v graph"), "{s}");
    keys(&mut a, "?");
    let help = screen(&a, 120, 36);
    assert!(help.contains("graph view"), "{help}");
}

#[test]
fn a_graph_preset_refuses_edits_with_a_reason() {
    let mut a = app("apple-orange");
    keys(&mut a, "e");
    assert!(matches!(a.mode(), Mode::Explore));
    assert!(a.status().is_some_and(|s| s.contains("[inputs]")));
}

#[test]
fn every_builtin_in_the_graph_view_steps_at_every_size_without_panicking() {
    for b in backstep::preset::BUILTINS {
        let Ok(preset) = Preset::builtin(b.name) else {
            continue;
        };
        let mut a = App::new(preset).expect("runs");
        if !a.graph().on {
            keys(&mut a, "v");
        }
        loop {
            for (w, h) in [(20, 5), (60, 18), (80, 24), (200, 60)] {
                let _ = screen(&a, w, h);
            }
            let before = a.step();
            press(&mut a, KeyCode::Right);
            if a.step() == before {
                break;
            }
        }
        press(&mut a, KeyCode::Tab);
        press(&mut a, KeyCode::Enter);
        let _ = screen(&a, 80, 24);
    }
}

/// The titles of the matrix panes on screen (`┌ s 1×1 · node output ─…`), in order.
fn pane_titles(s: &str) -> Vec<String> {
    s.lines()
        .flat_map(|l| l.split('┌').skip(1))
        .map(|t| t.trim_end_matches(['─', '┐', ' ', '"']).trim().to_string())
        .collect()
}

#[test]
fn a_graph_nodes_panes_and_notes_name_its_inputs_by_their_sources() {
    // fan-out: f = s × x. At f's backward steps the panes read s and x (not x and w), and the
    // notes mark x's gradient through f as one path's.
    let mut a = app("fan-out");
    press(&mut a, KeyCode::Char('v'));
    press(&mut a, KeyCode::Char('b'));
    let s = screen(&a, 120, 36);
    let titles = pane_titles(&s);
    assert!(
        titles.iter().any(|t| t == "s 1×1 · node output"),
        "{titles:?}\n{s}"
    );
    assert!(
        titles.iter().any(|t| t == "x 1×1 · input"),
        "{titles:?}\n{s}"
    );
    assert!(
        titles.iter().any(|t| t == "f 1×1 · forward"),
        "{titles:?}\n{s}"
    );
    assert!(
        !titles
            .iter()
            .any(|t| t.starts_with("w ") || t.starts_with("b ")),
        "{titles:?}"
    );
    press(&mut a, KeyCode::Right);
    let s = screen(&a, 120, 36);
    assert!(s.contains("dx←f"), "{s}");
    assert!(s.contains("∂f/∂x through f (one path) = 5"), "{s}");
    assert!(!s.contains("dw"), "{s}");
    press(&mut a, KeyCode::End);
    let s = screen(&a, 120, 36);
    assert!(s.contains("total ∂f/∂x = 3 + 5 = 8"), "{s}");
    let titles = pane_titles(&s);
    assert!(titles.iter().any(|t| t == "y 1×1 · input"), "{titles:?}");
    // apple-orange: all_price adds apple_price and orange_price (orange_price is not `b`).
    let mut a = app("apple-orange");
    press(&mut a, KeyCode::Char('v'));
    for _ in 0..2 {
        press(&mut a, KeyCode::Right);
    }
    let s = screen(&a, 120, 36);
    let titles = pane_titles(&s);
    assert_eq!(
        titles[..2],
        [
            "apple_price 1×1 · node output",
            "orange_price 1×1 · node output"
        ],
        "{s}"
    );
    assert!(s.contains("all_price = apple_price + orange_price"), "{s}");
}

#[test]
fn no_graph_edge_popup_states_a_value_equal_to_itself() {
    for preset in ["apple-orange", "fan-out", "apple-fee"] {
        let Ok(p) = Preset::builtin(preset) else {
            continue;
        };
        let mut a = App::new(p).expect("runs");
        press(&mut a, KeyCode::End);
        let Some(figure) = a.graph().figure.clone() else {
            continue;
        };
        for _ in 0..figure.edges.len() {
            press(&mut a, KeyCode::Enter);
            let Mode::Explain(Explanation { title, lines }) = a.mode() else {
                panic!("an explanation")
            };
            for line in lines {
                let parts: Vec<&str> = line.split(" = ").map(str::trim).collect();
                assert!(
                    parts.windows(2).all(|w| w[0] != w[1]),
                    "{preset} {title}: {line}"
                );
            }
            press(&mut a, KeyCode::Esc);
            press(&mut a, KeyCode::Tab);
        }
    }
}

#[test]
fn a_branching_graphs_strip_shows_each_node_with_its_inputs_not_a_chain() {
    let mut a = app("apple-orange");
    press(&mut a, KeyCode::Right);
    let s = screen(&a, 200, 40);
    let strip = s.lines().nth(2).expect("the strip row");
    assert!(
        strip.contains("[orange_price = orange × orange_num 1×1]"),
        "{strip}"
    );
    for node in [
        "apple_price = apple × apple_num",
        "all_price = apple_price + orange_price",
        "price = all_price × tax",
    ] {
        assert!(strip.contains(node), "{node} in {strip}");
    }
    assert!(!strip.contains('→') && !strip.contains('←'), "{strip}");
    // At 120 columns the other nodes shorten to their names; at 80 the strip keeps the current
    // node with its inputs and the end, whole; never arrows.
    let s = screen(&a, 120, 36);
    let strip = s.lines().nth(2).expect("the strip row");
    assert!(
        strip.contains("apple_price │ [orange_price = orange × orange_num 1×1] │ all_price │ price │ L = 715.0000"),
        "{strip}"
    );
    let s = screen(&a, 80, 24);
    let strip = s.lines().nth(2).expect("the strip row");
    assert!(
        strip.contains("… │ [orange_price = orange × orange_num] │ L = 715.0000"),
        "{strip}"
    );
    assert!(!strip.contains('→') && !strip.contains('←'), "{strip}");
    // a chain keeps its arrows
    let chain = screen(&app("two-layer"), 120, 36);
    assert!(
        chain.lines().nth(2).is_some_and(|l| l.contains(" → ")),
        "{chain}"
    );
}

#[test]
fn a_graphs_objective_names_the_last_nodes_output_as_its_panes_do() {
    // L = Σ dout ⊙ l for a graph whose last node (log, mul, …) writes its own name, not `out`.
    for (kind, inputs) in [("log", "[\"a\"]"), ("mul", "[\"a\", \"a\"]")] {
        let text = format!(
            "[inputs]\na = [[2.0, 0.5]]\n[[nodes]]\nname = \"l\"\ntype = \"{kind}\"\ninputs = {inputs}\n"
        );
        let p = Preset::from_toml(&text, backstep::preset::Source::File("g.toml".into())).unwrap();
        let mut a = App::new(p).expect("runs");
        if a.graph().on {
            press(&mut a, KeyCode::Char('v'));
        }
        let s = screen(&a, 80, 24);
        assert!(s.contains("L = Σ dout⊙l"), "{kind}:\n{s}");
        assert!(!s.contains("dout⊙out"), "{kind}:\n{s}");
    }
}

/// In the matrix view, focus the pane whose edit prompt names `cell` and type `value`.
fn edit_graph_cell(a: &mut App, cell: &str, value: &str) {
    if a.graph().on {
        press(a, KeyCode::Char('v'));
    }
    for _ in 0..8 {
        press(a, KeyCode::Char('e'));
        let s = screen(a, 80, 24);
        if s.contains(&format!("new value for {cell}")) {
            keys(a, value);
            press(a, KeyCode::Enter);
            return;
        }
        // not this pane: close the prompt or the "computed" error and try the next one
        press(a, KeyCode::Esc);
        if matches!(a.mode(), Mode::Error(_)) {
            press(a, KeyCode::Enter);
        }
        press(a, KeyCode::Tab);
    }
    panic!("no pane edits {cell}:\n{}", screen(a, 80, 24));
}

#[test]
fn editing_a_graph_input_reruns_the_graph_on_it() {
    // apple 100 → 200: (200 × 2 + 150 × 3) × 1.1 = 935; then apple_num (a mul node's second
    // input, where a layer's parameter would be) 2 → 3: (600 + 450) × 1.1 = 1155.
    let mut a = app("apple-orange");
    edit_graph_cell(&mut a, "apple[0,0]", "200");
    assert!(
        !matches!(a.mode(), Mode::Error(_)),
        "{}",
        screen(&a, 80, 24)
    );
    assert!(
        (a.run().objective - 935.0).abs() < 1e-9,
        "{}",
        a.run().objective
    );
    edit_graph_cell(&mut a, "apple_num[0,0]", "3");
    assert!(
        (a.run().objective - 1155.0).abs() < 1e-9,
        "{}",
        a.run().objective
    );
    // a later node's first input, when it is a graph input: orange_price = orange × orange_num
    // is node 2, its step the second; orange 150 → 100: (200 + 100 × 3) × 1.1 = 550
    let mut a = app("apple-orange");
    press(&mut a, KeyCode::Right);
    edit_graph_cell(&mut a, "orange[0,0]", "100");
    assert!(
        (a.run().objective - 550.0).abs() < 1e-9,
        "{}",
        a.run().objective
    );
}

#[test]
fn a_graph_edit_outside_logs_domain_is_an_error_naming_the_node() {
    let text =
        "[inputs]\na = [[2.0, 0.5]]\n[[nodes]]\nname = \"l\"\ntype = \"log\"\ninputs = [\"a\"]\n";
    let p = Preset::from_toml(text, backstep::preset::Source::File("g.toml".into())).unwrap();
    let mut a = App::new(p).expect("runs");
    edit_graph_cell(&mut a, "a[0,0]", "-1");
    let Mode::Error(e) = a.mode() else {
        panic!("no error:\n{}", screen(&a, 80, 24));
    };
    assert!(
        e.contains("node 1 (l): log is defined only above 0, but its input a[0,0] = -1"),
        "{e}"
    );
    // nothing changed
    assert!((a.run().objective - 0.0).abs() < 1e-12);
}
