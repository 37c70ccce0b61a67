//! The training screen of a convnet, driven by keys with the real trainer on its worker thread:
//! the first layer's filters before and after learning (the book's Fig. 7-24), and the selected
//! test image's feature maps after the convolution and after the pooling.

use crate::support::driver::{press, screen};
use crate::support::words::{cut_characters, without_wide_notes};
use crate::train_app::{paused, pump_until};

use backstep::engine::layer::Layer;
use backstep::engine::train::Trainer;
use backstep::i18n::{self, Lang};
use backstep::preset::Preset;
use backstep::tui::app::App;
use backstep::tui::ui::train::{ConvShow, ConvView, Picture};
use ratatui::crossterm::event::KeyCode;

fn conv(app: &App) -> ConvView {
    match &app.training().expect("training").view.picture {
        Picture::Images(images) => *images.conv.clone().expect("a convolution's view"),
        other => panic!("not images: {other:?}"),
    }
}

fn iteration(app: &App) -> usize {
    app.training().expect("training").view.iteration
}

/// The digits convnet after `iters` iterations, stepped here as the worker steps its own.
fn trained(iters: usize) -> Trainer {
    let mut trainer = Preset::builtin("train-convnet-digits")
        .unwrap()
        .trainer()
        .unwrap();
    for _ in 0..iters {
        trainer.step().unwrap();
    }
    trainer
}

/// The first layer's W (16 rows of 9) and b of a trainer's network.
fn conv_params(trainer: &Trainer) -> (Vec<Vec<f64>>, Vec<f64>) {
    let Layer::Convolution(c) = &trainer.network().layers[0].layer else {
        panic!("a convolution first");
    };
    (
        c.w.rows().into_iter().map(|r| r.to_vec()).collect(),
        c.b.iter().copied().collect(),
    )
}

/// One 8×8 image through 3×3 filters with pad 1, stride 1 — loops over the definition, not the
/// engine's im2col — then ReLU and 2×2 max pooling with stride 2.
fn by_hand(x: &[f64], w: &[Vec<f64>], b: &[f64]) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let conv: Vec<Vec<f64>> = w
        .iter()
        .zip(b)
        .map(|(f, &bias)| {
            let mut out = vec![0.0; 64];
            for i in 0..8i64 {
                for j in 0..8i64 {
                    let mut sum = bias;
                    for u in 0..3i64 {
                        for v in 0..3i64 {
                            let (r, c) = (i + u - 1, j + v - 1);
                            if (0..8).contains(&r) && (0..8).contains(&c) {
                                sum += f[(u * 3 + v) as usize] * x[(r * 8 + c) as usize];
                            }
                        }
                    }
                    out[(i * 8 + j) as usize] = sum;
                }
            }
            out
        })
        .collect();
    let pool = conv
        .iter()
        .map(|m| {
            let mut out = vec![0.0; 16];
            for i in 0..4 {
                for j in 0..4 {
                    out[i * 4 + j] = [(0, 0), (0, 1), (1, 0), (1, 1)]
                        .iter()
                        .map(|(a, c)| m[(2 * i + a) * 8 + 2 * j + c].max(0.0))
                        .fold(f64::MIN, f64::max);
                }
            }
            out
        })
        .collect();
    (conv, pool)
}

fn close(a: &[Vec<f64>], b: &[Vec<f64>]) -> bool {
    a.len() == b.len()
        && a.iter()
            .flatten()
            .zip(b.iter().flatten())
            .all(|(x, y)| (x - y).abs() <= 1e-12 * (1.0 + y.abs()))
}

#[test]
fn before_is_the_presets_w_and_after_follows_the_trainer() {
    let (mut app, rx) = paused("train-convnet-digits");
    let start = conv(&app);
    // before: the 16 rows of the preset's initial W (16×1×3×3), each 3×3
    let preset = Preset::builtin("train-convnet-digits").unwrap();
    let Layer::Convolution(c) = &preset.network.layers[0].layer else {
        panic!("a convolution first");
    };
    let w0: Vec<Vec<f64>> = c.w.rows().into_iter().map(|r| r.to_vec()).collect();
    assert_eq!(w0.len(), 16);
    assert_eq!(start.before.images, w0);
    assert_eq!(conv_params(&trained(0)).0, w0);
    assert_eq!((start.before.h, start.before.w, start.channels), (3, 3, 1));
    assert_eq!(start.after, start.before, "nothing learnt yet");
    for k in 1..=3 {
        press(&mut app, KeyCode::Right);
        pump_until(&mut app, &rx, |a| iteration(a) == k);
    }
    let now = conv(&app);
    let (w3, _) = conv_params(&trained(3));
    assert_eq!(now.after.images, w3, "after: W after three Adam updates");
    assert_ne!(
        now.after, now.before,
        "three iterations changed the filters"
    );
    assert_eq!(now.before.images, w0, "before stays the initial W");
    // a restart goes back to the initial W: after equals before again
    press(&mut app, KeyCode::Char('r'));
    pump_until(&mut app, &rx, |a| iteration(a) == 0);
    assert_eq!(conv(&app).after.images, w0);
}

#[test]
fn v_shows_filters_then_maps_and_tab_picks_the_image_whose_maps_are_computed() {
    let (mut app, rx) = paused("train-convnet-digits");
    for k in 1..=2 {
        press(&mut app, KeyCode::Right);
        pump_until(&mut app, &rx, |a| iteration(a) == k);
    }
    assert_eq!(conv(&app).show, ConvShow::Charts);
    press(&mut app, KeyCode::Char('v'));
    assert_eq!(conv(&app).show, ConvShow::Filters);
    press(&mut app, KeyCode::Char('v'));
    assert_eq!(conv(&app).show, ConvShow::Maps);
    let after2 = trained(2);
    let (w, b) = conv_params(&after2);
    let test = after2.data().test.clone().unwrap();
    let check = |app: &App, k: usize| {
        let maps = conv(app).maps.unwrap();
        assert_eq!(maps.sample, k);
        let x = test.x.row(k).to_vec();
        let (want_conv, want_pool) = by_hand(&x, &w, &b);
        assert_eq!(
            (maps.conv.layer.as_str(), maps.conv.h, maps.conv.w),
            ("Conv1", 8, 8)
        );
        assert!(close(&maps.conv.images, &want_conv), "{maps:?}");
        let pool = maps.pool.unwrap();
        assert_eq!((pool.layer.as_str(), pool.h, pool.w), ("Pool1", 4, 4));
        assert!(close(&pool.images, &want_pool), "{pool:?}");
    };
    check(&app, 0);
    // Tab: test image 1 (the worker computes its maps); Shift-Tab back, then wraps to the last
    press(&mut app, KeyCode::Tab);
    assert_eq!(conv(&app).selected, 1);
    pump_until(&mut app, &rx, |a| {
        conv(a).maps.is_some_and(|m| m.sample == 1)
    });
    check(&app, 1);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    let last = match &app.training().unwrap().view.picture {
        Picture::Images(images) => images.samples.len() - 1,
        _ => unreachable!(),
    };
    assert_eq!(conv(&app).selected, last);
    pump_until(&mut app, &rx, |a| {
        conv(a).maps.is_some_and(|m| m.sample == last)
    });
    check(&app, last);
    press(&mut app, KeyCode::Char('v'));
    assert_eq!(conv(&app).show, ConvShow::Charts);
    // Tab from the charts goes to the maps
    press(&mut app, KeyCode::Tab);
    assert_eq!((conv(&app).show, conv(&app).selected), (ConvShow::Maps, 0));
}

#[test]
fn a_dense_first_layer_says_v_needs_a_convolution() {
    let (mut app, _rx) = paused("train-digits");
    let before = screen(&app, 80, 24);
    press(&mut app, KeyCode::Char('v'));
    let text = screen(&app, 80, 24);
    assert!(text.contains("not a convolution"), "{text}");
    // the body is as it was: only the footer's line changed
    let body = |t: &str| t.lines().take(23).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&text), body(&before));
}

#[test]
fn the_views_are_readable_at_the_smallest_size_and_too_small_below_it() {
    let (mut app, _rx) = paused("train-convnet-digits");
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('v'));
        let text = screen(&app, 60, 18);
        assert!(cut_characters(&text).is_empty(), "{text}");
        let small = screen(&app, 59, 18);
        assert!(small.contains("59×18"), "{small}");
    }
}

/// The digits convnet after five iterations in each view, at 80×24 and 120×36, in English and
/// Chinese.
#[test]
fn snapshots_of_the_convnet_after_five_iterations() {
    let (mut app, rx) = paused("train-convnet-digits");
    for k in 1..=5 {
        press(&mut app, KeyCode::Right);
        pump_until(&mut app, &rx, |a| iteration(a) == k);
    }
    press(&mut app, KeyCode::Tab);
    pump_until(&mut app, &rx, |a| {
        conv(a).maps.is_some_and(|m| m.sample == 1)
    });
    for view in ["charts", "filters", "maps"] {
        press(&mut app, KeyCode::Char('v'));
        for lang in [Lang::En, Lang::Zh] {
            for (w, h) in [(80, 24), (120, 36)] {
                let text = i18n::scoped(lang, || screen(&app, w, h));
                assert!(cut_characters(&text).is_empty(), "{text}");
                insta::assert_snapshot!(
                    format!("convnet_5_{view}_{}_{w}x{h}", lang.code()),
                    without_wide_notes(&text)
                );
            }
        }
    }
}
