//! Tests of the parent module, against real numbers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::preset::Preset;

fn two_layer() -> Preset {
    Preset::builtin("two-layer").unwrap()
}

fn param(layer: usize, name: &str, row: usize, col: usize) -> NudgeTarget {
    NudgeTarget::Param {
        layer,
        name: name.into(),
        row,
        col,
    }
}

#[test]
fn two_layer_nudges_agree_to_first_order() {
    let p = two_layer();
    let targets = [
        NudgeTarget::Input { row: 0, col: 1 },
        param(0, "W", 1, 0),
        param(0, "b", 0, 3),
        param(2, "W", 2, 1),
        param(2, "b", 0, 2),
        NudgeTarget::Output {
            layer: 0,
            row: 1,
            col: 1,
        },
        NudgeTarget::Output {
            layer: 2,
            row: 0,
            col: 1,
        },
    ];
    for target in &targets {
        let coarse = nudge(&p.network, &p.inputs, target, 1e-3).unwrap();
        let fine = nudge(&p.network, &p.inputs, target, 1e-4).unwrap();
        assert!(
            coarse.gradient.abs() > 1e-3,
            "{}: gradient too small to test",
            coarse.target_name
        );
        assert!(
            coarse.relative_gap < 1e-2,
            "{}: gap {:e}",
            coarse.target_name,
            coarse.relative_gap
        );
        assert!(
            fine.relative_gap * 5.0 < coarse.relative_gap,
            "{}: gap {:e} at 1e-3 but {:e} at 1e-4",
            coarse.target_name,
            coarse.relative_gap,
            fine.relative_gap
        );
        assert!((coarse.ratio.unwrap() - 1.0).abs() < 1e-2);
    }
}

#[test]
fn nudging_an_affine2_output_moves_the_loss_by_dout_times_h() {
    let p = two_layer();
    let run = p.network.run(&p.inputs).unwrap();
    let dout = run.layers[2].dout[[1, 2]];
    let h = 1e-3;
    let r = nudge(
        &p.network,
        &p.inputs,
        &NudgeTarget::Output {
            layer: 2,
            row: 1,
            col: 2,
        },
        h,
    )
    .unwrap();
    assert_eq!(r.gradient, dout);
    assert_eq!(r.objective_name, "L");
    assert!((r.base - run.loss.unwrap()).abs() < 1e-15);
    assert!(
        (r.actual - dout * h).abs() < 1e-2 * (dout * h).abs(),
        "{} vs {}",
        r.actual,
        dout * h
    );
    // The ripple: nothing before Affine2's "+ b" step (index 5) moves in forward; Y[1,2] moves,
    // then row 1 of the softmax, ℓ[1], L, and backward from the loss down.
    let first = &r.changes[0];
    assert_eq!(first.step, 5);
    assert_eq!(first.cells.len(), 1);
    assert_eq!((first.cells[0].row, first.cells[0].col), (1, 2));
    assert!((first.cells[0].after - first.cells[0].before - h).abs() < 1e-12);
    let y_step = r.changes.iter().find(|c| c.step == 9).unwrap();
    assert!(y_step.cells.iter().all(|c| c.row == 1) && y_step.cells.len() == 3);
    assert!(r.changes.iter().any(|c| c.step == 12), "L must change");
    assert!(r.changes.iter().all(|c| c.step >= 5));
    // cells are listed row-major (the explorer binary-searches them)
    for c in &r.changes {
        assert!(
            c.cells
                .windows(2)
                .all(|w| (w[0].row, w[0].col) < (w[1].row, w[1].col))
        );
    }
}

#[test]
fn the_apple_chain_is_linear_in_the_price() {
    let p = Preset::builtin("apple").unwrap();
    let r = nudge(
        &p.network,
        &p.inputs,
        &NudgeTarget::Input { row: 0, col: 0 },
        1.0,
    )
    .unwrap();
    assert_eq!(r.objective_name, "Σ dout ⊙ out");
    assert!((r.base - 220.0).abs() < 1e-9);
    assert!((r.actual - 2.2).abs() < 1e-9 && (r.predicted - 2.2).abs() < 1e-12);
    let tax = nudge(&p.network, &p.inputs, &param(1, "w", 0, 0), 0.1).unwrap();
    assert!((tax.actual - 20.0).abs() < 1e-9 && (tax.gradient - 200.0).abs() < 1e-12);
}

#[test]
fn a_masked_cell_does_not_move_the_loss() {
    // Affine1's output [1,2] is −2.05: ReLU masks it, so a small nudge changes nothing after.
    let p = two_layer();
    let r = nudge(
        &p.network,
        &p.inputs,
        &NudgeTarget::Output {
            layer: 0,
            row: 1,
            col: 2,
        },
        1e-3,
    )
    .unwrap();
    assert_eq!(r.gradient, 0.0);
    assert_eq!(r.actual, 0.0);
    assert_eq!(r.ratio, None);
    assert_eq!(r.relative_gap, 0.0);
    assert_eq!(
        r.changes.len(),
        1,
        "only the nudged cell itself: {:?}",
        r.changes
    );
}

#[test]
fn nudging_a_probability_uses_the_cross_entropy_derivative() {
    let p = Preset::builtin("softmax-loss").unwrap();
    // Row 0, class 1 is the target: ∂L/∂y = −1/(2·(0.2 + 1e-7)) ≈ −2.5.
    let r = nudge(
        &p.network,
        &p.inputs,
        &NudgeTarget::Output {
            layer: 0,
            row: 0,
            col: 1,
        },
        1e-4,
    )
    .unwrap();
    assert!((r.gradient + 2.5).abs() < 1e-5, "{}", r.gradient);
    assert!(r.relative_gap < 1e-3, "{}", r.relative_gap);
    // A wrong class's probability does not enter the loss.
    let w = nudge(
        &p.network,
        &p.inputs,
        &NudgeTarget::Output {
            layer: 0,
            row: 0,
            col: 0,
        },
        1e-4,
    )
    .unwrap();
    assert_eq!((w.gradient, w.actual), (-0.0, 0.0));
}

#[test]
fn bad_targets_are_errors() {
    let p = two_layer();
    let (net, inp) = (&p.network, &p.inputs);
    let err = |t: NudgeTarget, h: f64| nudge(net, inp, &t, h).unwrap_err().to_string();
    assert!(err(NudgeTarget::Input { row: 5, col: 0 }, 1e-3).contains("outside x, which is 2×3"));
    assert!(err(param(1, "W", 0, 0), 1e-3).contains("ReLU has no parameter W"));
    assert!(err(param(9, "W", 0, 0), 1e-3).contains("layer 10 does not exist"));
    assert!(
        err(
            NudgeTarget::Output {
                layer: 2,
                row: 0,
                col: 7
            },
            1e-3
        )
        .contains("outside")
    );
    assert!(err(NudgeTarget::Input { row: 0, col: 0 }, 0.0).contains("non-zero"));
    assert!(err(NudgeTarget::Input { row: 0, col: 0 }, f64::NAN).contains("non-zero"));
}

#[test]
fn nudging_the_loss_layers_output_predicts_with_the_cross_entropy_derivative() {
    // ∂L/∂y[n,k] = −t[n,k] / (N·(y[n,k] + 1e-7)), the book's guard included.
    let p = two_layer();
    let run = p.network.run(&p.inputs).unwrap();
    let y = &run.layers[3].out;
    let t = run.t.as_ref().unwrap();
    let n = y.nrows() as f64;
    let (row, col) = t
        .indexed_iter()
        .find(|(_, v)| **v == 1.0)
        .map(|(ix, _)| ix)
        .unwrap();
    let target = NudgeTarget::Output { layer: 3, row, col };
    let r = nudge(&p.network, &p.inputs, &target, 1e-6).unwrap();
    let want = -1.0 / (n * (y[[row, col]] + 1e-7));
    assert!(
        (r.gradient - want).abs() <= 1e-14 * want.abs(),
        "{} vs {want}",
        r.gradient
    );
    assert!(
        r.gradient_source
            .to_string()
            .starts_with("∂L/∂y = −t/(N·(y + 1e-7))")
    );
}
