//! The training screen's widgets rendered from plain view-models into a `TestBackend`: a 2-D run
//! (spiral, decision-boundary map) and an image run (digits: test images and first-layer
//! weights), at 120×36 and 80×24, without colour so the snapshots show every glyph.

use std::time::Duration;

use backstep::tui::theme::Theme;
use backstep::tui::ui::train::{
    ClassGrid, EpochPoint, ImageSample, ImagesView, Picture, PlanePoint, PlaneView, RunState,
    TrainScreen, TrainView, grid_size,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::text::Line;

/// Three spiral arms, `per_class` points each, no noise (CS231n's generator without randomness).
fn spiral(per_class: usize) -> Vec<PlanePoint> {
    let mut points = Vec::new();
    for class in 0..3 {
        for i in 0..per_class {
            let r = i as f64 / per_class as f64;
            let t = class as f64 * 4.0 + 4.0 * r;
            points.push(PlanePoint {
                x: r * t.sin(),
                y: r * t.cos(),
                class,
            });
        }
    }
    points
}

/// A made-up prediction: the class of the nearest arm point (what a trained net approximates).
fn nearest_grid(points: &[PlanePoint], cols: usize, rows: usize) -> ClassGrid {
    let mut classes = Vec::with_capacity(cols * rows);
    for r in 0..rows {
        for c in 0..cols {
            let x = -1.0 + 2.0 * (c as f64 + 0.5) / cols as f64;
            let y = 1.0 - 2.0 * (r as f64 + 0.5) / rows as f64;
            let nearest = points
                .iter()
                .min_by(|a, b| {
                    let da = (a.x - x).powi(2) + (a.y - y).powi(2);
                    let db = (b.x - x).powi(2) + (b.y - y).powi(2);
                    da.total_cmp(&db)
                })
                .map_or(0, |p| p.class);
            classes.push(nearest);
        }
    }
    ClassGrid {
        cols,
        rows,
        classes,
    }
}

fn base(picture: Picture) -> TrainView {
    TrainView {
        title: "Spiral, 3 classes".into(),
        preset: "train-spiral".into(),
        data: "spiral".into(),
        train_rows: 240,
        test_rows: 60,
        state: RunState::Paused,
        iteration: 3000,
        iters: 10000,
        batch: 100,
        per_second: 1450.0,
        elapsed: Duration::from_millis(2_070),
        optimizer: "sgd".into(),
        lr: 1.0,
        seed: 0,
        losses: (0..3000)
            .map(|i| 0.15 + 0.95 * (-(i as f64) / 400.0).exp())
            .collect(),
        epochs: (0..1000)
            .map(|e| EpochPoint {
                iter: e * 3,
                train_acc: 0.98 - 0.6 * (-(e as f64) / 100.0).exp(),
                test_acc: Some(0.95 - 0.6 * (-(e as f64) / 100.0).exp()),
            })
            .collect(),
        final_eval: None,
        speed: None,
        picture,
    }
}

fn spiral_view(width: u16, height: u16) -> TrainView {
    let points = spiral(40);
    let mut view = base(Picture::None);
    // the grid the map asks for at this size
    let areas = backstep::tui::ui::train::TrainAreas::compute(
        ratatui::layout::Rect::new(0, 0, width, height),
        &Picture::Plane(PlaneView::default()),
    )
    .expect("fits");
    let (cols, rows) = grid_size(areas.picture);
    view.picture = Picture::Plane(PlaneView {
        x: (-1.0, 1.0),
        y: (-1.0, 1.0),
        classes: 3,
        grid: nearest_grid(&points, cols, rows),
        points,
    });
    view
}

/// An 8×8 "digit": a vertical bar at column `d % 8` (and a horizontal one at row `d / 2`).
fn digit(d: usize) -> Vec<f64> {
    (0..64)
        .map(|i| {
            let (r, c) = (i / 8, i % 8);
            if c == d % 8 || r == d / 2 { 1.0 } else { 0.0 }
        })
        .collect()
}

fn digits_view() -> TrainView {
    let mut view = base(Picture::Images(ImagesView {
        side: 8,
        samples: (0..24)
            .map(|i| ImageSample {
                pixels: digit(i % 10),
                predicted: if i % 7 == 3 { (i + 1) % 10 } else { i % 10 },
                truth: i % 10,
            })
            .collect(),
        weights: (0..50)
            .map(|u| {
                (0..64)
                    .map(|p| ((u * 7 + p * 3) % 11) as f64 - 5.0)
                    .collect()
            })
            .collect(),
        conv: None,
    }));
    view.title = "Digits, the book's TwoLayerNet".into();
    view.preset = "train-digits".into();
    view.data = "digits".into();
    view.train_rows = 1437;
    view.test_rows = 360;
    view.state = RunState::Running;
    view.optimizer = "adam".into();
    view.lr = 0.001;
    view
}

fn render(view: &TrainView, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("backend");
    terminal
        .draw(|frame| {
            frame.render_widget(
                TrainScreen {
                    view,
                    theme: Theme { colour: false },
                    footer: Line::from(
                        " Space run/pause  → one iteration  Enter open in explorer  ? help  q quit",
                    ),
                },
                frame.area(),
            )
        })
        .expect("draw");
    terminal.backend().to_string()
}

#[test]
fn spiral_120x36() {
    let screen = render(&spiral_view(120, 36), 120, 36);
    assert!(screen.contains("iteration 3000/10000"));
    assert!(screen.contains("decision boundary ● 0 ▲ 1 ■ 2"));
    insta::assert_snapshot!("train_spiral_120x36", screen);
}

#[test]
fn spiral_80x24() {
    let screen = render(&spiral_view(80, 24), 80, 24);
    assert!(screen.contains("decision boundary"));
    insta::assert_snapshot!("train_spiral_80x24", screen);
}

#[test]
fn digits_120x36() {
    let screen = render(&digits_view(), 120, 36);
    assert!(screen.contains("4 ✗(3)"), "i = 3 is predicted 4");
    insta::assert_snapshot!("train_digits_120x36", screen);
}

#[test]
fn digits_80x24() {
    let screen = render(&digits_view(), 80, 24);
    insta::assert_snapshot!("train_digits_80x24", screen);
}

#[test]
fn too_small_says_so() {
    let screen = render(&digits_view(), 50, 12);
    assert!(
        screen.contains("terminal too small: need 60×18"),
        "{screen}"
    );
}
