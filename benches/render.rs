#![allow(clippy::expect_used, missing_docs)]
//! Rendering benchmark: one full 200×60 explorer frame of a preset with 1000×1000 matrices
//! (x 1000×1000 → Affine 1000×1000 → ReLU), drawn to a `TestBackend`. The cost must follow the
//! visible cells, not the matrix size: target < 1 ms per frame (issue 23).

use std::hint::black_box;

use backstep::preset::{Preset, Source};
use backstep::tui::App;
use criterion::{Criterion, criterion_group, criterion_main};

/// The allocator the binary uses (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The large preset of the benchmark and of the explorer's speed test.
const LARGE: &str = r#"
title = "Large"
x = { random = "normal", shape = [1000, 1000], scale = 1.0, seed = 1 }
[[layers]]
type = "affine"
W = { random = "normal", shape = [1000, 1000], scale = 0.03, seed = 2 }
b = { random = "normal", shape = [1, 1000], scale = 0.1, seed = 3 }
[[layers]]
type = "relu"
"#;

fn render(c: &mut Criterion) {
    let preset = Preset::from_toml(LARGE, Source::Builtin("large".into())).expect("valid preset");
    let mut app = App::new(preset).expect("runs");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    let steps = [("X·W", 0), ("mask", 2), ("dW", app.run().tape.len() - 2)];
    for (name, step) in steps {
        app.go_to(step);
        // Put the cursor in the middle of the matrix so the viewports scroll.
        // (The focus is on the written matrix, so its marked cell follows.)
        app.update(backstep::tui::Action::SelectCell {
            pane: app.focus(),
            row: 500,
            col: 500,
        });
        c.bench_function(&format!("frame 200×60, 1000×1000, {name} step"), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| frame.render_widget(black_box(&app), frame.area()))
                    .expect("draw");
            })
        });
    }
}

criterion_group!(benches, render);
criterion_main!(benches);
