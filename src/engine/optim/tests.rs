//! Each optimizer's update against hand-computed numbers (the book's `common/optimizer.py`, run
//! in NumPy for the values quoted in the comments).

#![allow(clippy::unwrap_used)]

use super::*;
use crate::engine::op::OpUnit;
use crate::engine::operand::Param;
use ndarray::array;

/// Two updates of a 1×2 parameter `[[1.0, 0.3]]` with the gradient `[[0.5, 0.52]]` each time.
fn two_updates(config: OptimizerConfig) -> (Vec<Matrix>, Optimizer) {
    let mut opt = Optimizer::new(config).unwrap();
    let mut w = array![[1.0, 0.3]];
    let g = array![[0.5, 0.52]];
    let mut seen = vec![];
    for _ in 0..2 {
        update(&mut opt, &mut w, &g);
        seen.push(w.clone());
    }
    (seen, opt)
}

/// One update of a single parameter `w` (layer 0's `W`) with gradient `g`.
fn update(opt: &mut Optimizer, w: &mut Matrix, g: &Matrix) {
    let mut params = [ParamRef {
        layer: 0,
        param: Param::Weights,
        value: w,
        grad: g,
    }];
    opt.update(&mut params, false).unwrap();
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} vs {b}");
}

#[test]
fn sgd_is_w_minus_lr_dw() {
    let (seen, _) = two_updates(OptimizerConfig::defaults(OptimizerKind::Sgd));
    close(seen[0][[0, 1]], 0.248); // 0.3 − 0.1·0.52
    close(seen[1][[0, 1]], 0.196);
    close(seen[1][[0, 0]], 0.9);
}

#[test]
fn momentum_keeps_a_velocity() {
    let config = OptimizerConfig {
        lr: 0.1,
        ..OptimizerConfig::defaults(OptimizerKind::Momentum)
    };
    let (seen, opt) = two_updates(config);
    // v = 0.9·0 − 0.1·0.5 = −0.05 → W = 0.95; v = 0.9·(−0.05) − 0.05 = −0.095 → W = 0.855.
    close(seen[0][[0, 0]], 0.95);
    close(seen[1][[0, 0]], 0.855);
    let state = opt.state(0);
    assert_eq!(state[0].0, "v");
    close(state[0].1[[0, 0]], -0.095);
}

#[test]
fn adagrad_divides_by_the_root_of_the_history() {
    let config = OptimizerConfig {
        lr: 0.1,
        ..OptimizerConfig::defaults(OptimizerKind::AdaGrad)
    };
    let (seen, opt) = two_updates(config);
    // h = 0.25: W = 1 − 0.1·0.5/(0.5 + 1e-7); h = 0.5: W −= 0.05/(√0.5 + 1e-7).
    close(seen[0][[0, 0]], 0.900000019999996);
    close(seen[1][[0, 0]], 0.8292893518813398);
    close(opt.state(0)[0].1[[0, 0]], 0.5);
}

#[test]
fn adam_is_the_books_form_with_bias_correction() {
    let (seen, opt) = two_updates(OptimizerConfig::defaults(OptimizerKind::Adam));
    // t = 1: lr_t = 0.001·√0.001/0.1, m = 0.05, v = 0.00025.
    close(seen[0][[0, 0]], 0.9990000063245154);
    close(seen[1][[0, 0]], 0.9980000107977498);
    close(opt.adam_lr(1), 0.00031622776601683816);
    close(opt.adam_lr(2), 0.00023531672532745276);
    let state = opt.state(0);
    assert_eq!((state[0].0, state[1].0), ("m", "v"));
    close(state[0].1[[0, 0]], 0.095);
    close(state[1].1[[0, 0]], 0.00049975);
}

#[test]
fn recorded_updates_explain_every_cell_and_match_the_fast_path() {
    for kind in OptimizerKind::ALL {
        let mut opt = Optimizer::new(OptimizerConfig::defaults(kind)).unwrap();
        let mut w = array![[0.3, -0.2], [0.1, 0.4]];
        let g = array![[0.52, -0.1], [0.0, 2.0]];
        let mut params = [ParamRef {
            layer: 1,
            param: Param::Weights,
            value: &mut w,
            grad: &g,
        }];
        let drafts = opt.update(&mut params, true).unwrap();
        let steps = match kind {
            OptimizerKind::Sgd => 1,
            OptimizerKind::Adam => 3,
            _ => 2,
        };
        assert_eq!(drafts.len(), steps, "{kind:?}");
        let last = drafts.last().unwrap();
        assert_eq!(last.step.writes.name, "W");
        assert_eq!(
            last.step.writes.value, w,
            "{kind:?}: the last step writes the new W"
        );
        for d in &drafts {
            assert_eq!(d.layer, 1);
            assert_eq!(d.step.reads.len(), d.rule().unwrap().arity());
            for ((r, c), &v) in d.step.writes.value.indexed_iter() {
                let ex = d
                    .rule()
                    .unwrap()
                    .explain(&d.step.reads, &d.step.writes, r, c)
                    .unwrap();
                assert_eq!(ex.value, v);
                assert_eq!(d.step.op.cell(&d.step.reads, r, c), Some(v));
                let a = d.step.reads[0].value[[r, c]];
                let b = d.step.reads[1].value[[r, c]];
                let third = d.step.reads.get(2).map_or(0.0, |o| o.value[[r, c]]);
                assert_eq!(
                    d.rule().unwrap().apply(a, b, third),
                    v,
                    "{kind:?} {}",
                    d.step.label
                );
            }
        }
    }
}

#[test]
fn the_sgd_step_reads_as_the_book_writes_it() {
    let mut opt = Optimizer::new(OptimizerConfig::defaults(OptimizerKind::Sgd)).unwrap();
    let mut w = array![[0.3]];
    let g = array![[0.52]];
    let mut params = [ParamRef {
        layer: 0,
        param: Param::Weights,
        value: &mut w,
        grad: &g,
    }];
    let drafts = opt.update(&mut params, true).unwrap();
    let d = &drafts[0];
    assert_eq!(d.step.label, "W ← W − lr·dW");
    let ex = d
        .rule()
        .unwrap()
        .explain(&d.step.reads, &d.step.writes, 0, 0)
        .unwrap();
    assert_eq!(
        format!("{} {}", ex.target, ex.expansion(4)),
        "W[0,0] = 0.3000 − 0.1·0.5200 = 0.2480"
    );
}

#[test]
fn bad_hyper_parameters_are_errors() {
    let bad = OptimizerConfig {
        lr: -1.0,
        ..OptimizerConfig::defaults(OptimizerKind::Sgd)
    };
    assert!(
        Optimizer::new(bad)
            .unwrap_err()
            .to_string()
            .contains("learning rate")
    );
    let bad = OptimizerConfig {
        momentum: 1.0,
        ..OptimizerConfig::defaults(OptimizerKind::Momentum)
    };
    assert!(
        Optimizer::new(bad)
            .unwrap_err()
            .to_string()
            .contains("momentum is 1")
    );
}

#[test]
fn o_cycles_through_the_optimizers_in_order_and_wraps() {
    use OptimizerKind::*;
    assert_eq!(OptimizerKind::ALL, [Sgd, Momentum, AdaGrad, Adam]);
    assert_eq!(Sgd.next(), Momentum);
    assert_eq!(Momentum.next(), AdaGrad);
    assert_eq!(AdaGrad.next(), Adam);
    assert_eq!(Adam.next(), Sgd);
}

#[test]
fn a_new_learning_rate_keeps_the_state_and_moves_the_next_update() {
    let config = OptimizerConfig {
        lr: 0.1,
        ..OptimizerConfig::defaults(OptimizerKind::Momentum)
    };
    let (_, mut opt) = two_updates(config);
    assert_eq!(opt.updates(), 2);
    let v = opt.state(0)[0].1.clone();
    opt.set_lr(0.5).unwrap();
    assert_eq!(opt.config().lr, 0.5);
    assert_eq!(opt.state(0)[0].1, &v, "the velocity is kept");
    // the third update: v ← 0.9·v − 0.5·dW, W ← W + v
    let mut w = array![[0.0, 0.0]];
    update(&mut opt, &mut w, &array![[0.5, 0.52]]);
    assert_eq!(opt.updates(), 3);
    close(w[[0, 1]], 0.9 * v[[0, 1]] - 0.5 * 0.52);
    // a bad rate is refused and the old one stays
    assert!(opt.set_lr(0.0).is_err());
    assert!(opt.set_lr(f64::NAN).is_err());
    assert_eq!(opt.config().lr, 0.5);
}

/// Inside a team an update of the book's W1 (784×50) is split by rows across the cores; every
/// optimizer gives the same numbers, bit for bit, as on one thread (three updates, so the state
/// is read as well as written).
#[test]
fn a_split_update_equals_one_on_one_thread() {
    use crate::engine::linalg::{SPLIT_UPDATE, team};
    const { assert!(784 * 50 >= SPLIT_UPDATE) };
    let mut seed = 0x5eed_u64;
    let mut random = || {
        Matrix::from_shape_simple_fn((784, 50), || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        })
    };
    let w0 = random();
    let grads = [random(), random(), random()];
    for kind in OptimizerKind::ALL {
        let run = |split: bool| {
            let mut opt = Optimizer::new(OptimizerConfig::defaults(kind)).unwrap();
            let mut w = w0.clone();
            let mut go = || {
                for g in &grads {
                    update(&mut opt, &mut w, g);
                }
            };
            if split {
                team(go)
            } else {
                go()
            }
            w
        };
        let (one, split) = (run(false), run(true));
        assert_ne!(one, w0, "{kind:?} moved W");
        assert!(
            one.iter()
                .zip(&split)
                .all(|(a, b)| a.to_bits() == b.to_bits()),
            "{kind:?}"
        );
    }
}
