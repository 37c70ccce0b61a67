//! Weight decay (6.4.2) in training, as the book's `common/multi_layer_net.py`:
//!
//! ```python
//! weight_decay = 0
//! for idx in range(1, self.hidden_layer_num + 2):
//!     W = self.params['W' + str(idx)]
//!     weight_decay += 0.5 * self.weight_decay_lambda * np.sum(W ** 2)
//! return self.last_layer.forward(y, t) + weight_decay
//! ...
//! grads['W' + str(idx)] = self.layers['Affine' + str(idx)].dW + self.weight_decay_lambda * self.layers['Affine' + str(idx)].W
//! ```
//!
//! Every Affine W takes part (not b, not BatchNorm's γ and β, not a convolution's filters). The
//! loop adds [`penalty`] to the loss it records and [`add_to_grads`] to the gradients before the
//! update; a recorded iteration ([`record`]) shows both as steps of their own: the terms joining
//! the loss at the end of the forward pass, `dW + λ·W` at the end of the backward pass.

use anyhow::Result;

use crate::engine::Matrix;
use crate::engine::layer::{Grad, Layer, LayerKind};
use crate::engine::network::{Network, Run};
use crate::engine::op::{Decay, Op, half_square_sum};
use crate::engine::operand::{Kind, Param};
use crate::engine::tape::{Phase, Recorder, Step, StepDraft, Tape};
use crate::i18n::format::{first, n4, operand, shape, short};

/// The Affine layers' W, with their layer index, first to last.
fn affine_weights(network: &Network) -> impl Iterator<Item = (usize, &Matrix)> {
    network
        .layers
        .iter()
        .enumerate()
        .filter_map(|(i, l)| match &l.layer {
            Layer::Affine(a) => Some((i, &a.w)),
            _ => None,
        })
}

/// `Σ 0.5·λ·ΣW²` over every Affine W, in layer order (`MultiLayerNet.loss`'s `weight_decay`).
pub fn penalty(network: &Network, lambda: f64) -> f64 {
    let mut weight_decay = 0.0;
    for (_, w) in affine_weights(network) {
        weight_decay += half_square_sum(w, lambda);
    }
    weight_decay
}

/// Add `λ·W` to the gradient of every Affine W (`grads` per layer, as backward returned them).
pub fn add_to_grads(network: &Network, grads: &mut [Vec<Grad>], lambda: f64) {
    if lambda == 0.0 {
        return;
    }
    for (i, w) in affine_weights(network) {
        let Some(layer_grads) = grads.get_mut(i) else {
            continue;
        };
        for g in layer_grads.iter_mut().filter(|g| g.param == Param::Weights) {
            g.value.scaled_add(lambda, w);
        }
    }
}

/// Put weight decay on a recorded run of `network` (nothing for λ = 0). At the end of the loss
/// layer's forward steps (`MultiLayerNet.loss`) a step per Affine W adds its `0.5·λ·ΣW²` to
/// `weight_decay` and one adds `weight_decay` to the loss; right after each Affine's backward
/// steps one adds `λ·W` to its `dW` (`MultiLayerNet.gradient`). The run's loss, objective and
/// gradients then include the decay. Steps stay forward then backward, each in layer order.
pub fn record(run: &mut Run, network: &Network, lambda: f64) -> Result<()> {
    if lambda == 0.0 {
        return Ok(());
    }
    let (Some(last), Some(loss)) = (network.layers.len().checked_sub(1), run.loss) else {
        return Ok(());
    };
    let loss_layer = &network.layers[last];
    let lam = short(lambda);
    let mut forward = Tape::new();
    forward.enter(
        Phase::Forward,
        last,
        &loss_layer.name,
        loss_layer.layer.kind(),
    );
    let mut total = Matrix::zeros((1, 1));
    for (k, (i, w)) in affine_weights(network).enumerate() {
        let before = total.clone();
        let term = half_square_sum(w, lambda);
        total[[0, 0]] += term;
        let key = format!("W{}", k + 1);
        forward.record(|| {
            StepDraft::new(
                Op::Decay(Decay::Term { lambda }),
                &format!("weight_decay += 0.5·λ·Σ {key}²"),
                &format!("weight_decay ← weight_decay + 0.5·λ·Σ {key}²"),
            )
            .read(Kind::Temp(0), "weight_decay", &before)
            .read(Kind::Param(Param::Weights), &key, w)
            .writes(Kind::Temp(0), "weight_decay", &total)
            .numpy(format!(
                "W = self.params['{key}']; weight_decay += 0.5 * self.weight_decay_lambda * np.sum(W ** 2)"
            ))
            .note(crate::msg!(
                "ch6c-decay-term-note",
                lambda = lam.as_str(),
                layer = network.layers[i].name.as_str(),
                key = key.as_str(),
                shape = shape(w),
                term = n4(term),
                total = n4(total[[0, 0]])
            ))
        });
    }
    let with_decay = loss + total[[0, 0]];
    forward.record(|| {
        StepDraft::new(
            Op::Decay(Decay::Loss),
            "L + weight_decay",
            "L ← L + weight_decay",
        )
        .read(Kind::Loss, "L", &Matrix::from_elem((1, 1), loss))
        .read(Kind::Temp(0), "weight_decay", &total)
        .writes(Kind::Loss, "L", &Matrix::from_elem((1, 1), with_decay))
        .numpy("return self.last_layer.forward(y, t) + weight_decay")
        .note(crate::msg!(
            "ch6c-decay-loss-note",
            loss = n4(loss),
            decay = n4(total[[0, 0]]),
            total = n4(with_decay)
        ))
    });
    let at = run.layers.get(last).map_or(0, |l| l.forward_steps.end);
    insert(run, at, last, Phase::Forward, forward.steps);
    run.loss = Some(with_decay);
    run.objective = with_decay;
    for (k, (i, w)) in affine_weights(network).enumerate() {
        let name = &network.layers[i].name;
        let Some(layer) = run.layers.get_mut(i) else {
            continue;
        };
        let Some(g) = layer.grads.iter_mut().find(|g| g.param == Param::Weights) else {
            continue;
        };
        let before = g.value.clone();
        g.value.scaled_add(lambda, w);
        let after = g.value.clone();
        let at = layer.backward_steps.end;
        let mut backward = Tape::new();
        backward.enter(Phase::Backward, i, name, LayerKind::Affine);
        backward.record(|| {
            StepDraft::new(
                Op::Decay(Decay::Grad { lambda }),
                "dW + λ·W",
                "dW ← dW + λ·W",
            )
            .read(Kind::Grad(Param::Weights), "dW", &before)
            .read(Kind::Param(Param::Weights), "W", w)
            .writes(Kind::Grad(Param::Weights), "dW", &after)
            .numpy(format!(
                "grads['W{n}'] = self.layers['Affine{n}'].dW + self.weight_decay_lambda * self.layers['Affine{n}'].W",
                n = k + 1
            ))
            .note(crate::msg!(
                "ch6c-decay-grad-note",
                lambda = lam.as_str(),
                layer = name.as_str(),
                before = first(&before),
                w = w.first().map_or_else(String::new, |&v| operand(v)),
                after = first(&after)
            ))
        });
        insert(run, at, i, Phase::Backward, backward.steps);
    }
    Ok(())
}

/// Put `steps` into the tape at `at`, the end of layer `owner`'s `phase` steps: that range grows
/// by them, every range after `at` moves on. (Only forward steps are cached for later steps, and
/// these go in after them, so no step's reference changes.)
fn insert(run: &mut Run, at: usize, owner: usize, phase: Phase, steps: Vec<Step>) {
    let n = steps.len();
    run.tape.steps.splice(at..at, steps);
    for (i, l) in run.layers.iter_mut().enumerate() {
        for (range, p) in [
            (&mut l.forward_steps, Phase::Forward),
            (&mut l.backward_steps, Phase::Backward),
        ] {
            if i == owner && p == phase {
                range.end += n;
            } else if range.start >= at {
                *range = range.start + n..range.end + n;
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use ndarray::array;

    use super::*;
    use crate::engine::layer::{Affine, SoftmaxWithLoss};
    use crate::engine::network::{Inputs, NamedLayer, Targets};

    /// Affine (W = [[1, −2], [3, 0.5]], b = 0) then Softmax-with-Loss on x = [[1, 0]], t = 0.
    fn tiny() -> (Network, Inputs) {
        let network = Network {
            layers: vec![
                NamedLayer {
                    name: "Affine1".into(),
                    layer: Layer::Affine(Affine {
                        w: array![[1.0, -2.0], [3.0, 0.5]],
                        b: Matrix::zeros((1, 2)),
                    }),
                },
                NamedLayer {
                    name: "SoftmaxWithLoss".into(),
                    layer: Layer::SoftmaxWithLoss(SoftmaxWithLoss),
                },
            ],
        };
        let inputs = Inputs {
            x: array![[1.0, 0.0]],
            image: None,
            t: Some(Targets::Labels(vec![0])),
            dout: None,
        };
        (network, inputs)
    }

    #[test]
    fn the_decay_joins_loss_and_gradient_with_hand_computed_numbers() {
        let (network, inputs) = tiny();
        // ΣW² = 1 + 4 + 9 + 0.25 = 14.25; 0.5·0.1·14.25 = 0.7125
        assert_eq!(penalty(&network, 0.1), 0.7125);
        let mut run = network.run(&inputs).unwrap();
        let plain = run.clone();
        record(&mut run, &network, 0.1).unwrap();
        // scores [1, −2]: y0 = 1/(1 + e⁻³) = 0.9525741268; L = −ln(y0 + 1e-7) + 0.7125
        let y0 = 1.0 / (1.0 + (-3.0f64).exp());
        let want = -(y0 + 1e-7).ln() + 0.7125;
        assert!((run.loss.unwrap() - want).abs() < 1e-12, "{:?}", run.loss);
        assert_eq!(run.objective, run.loss.unwrap());
        // dW = xᵀ·(y − t) + λ·W = [[y0 − 1, 1 − y0], [0, 0]] + [[0.1, −0.2], [0.3, 0.05]]
        let dw = &run.layers[0].grads[0].value;
        let want = array![[y0 - 1.0 + 0.1, 1.0 - y0 - 0.2], [0.3, 0.05]];
        assert!((dw - &want).iter().all(|d| d.abs() < 1e-12), "{dw}");
        assert_eq!(
            run.layers[0].grads[1], plain.layers[0].grads[1],
            "db has no decay"
        );
        // three new steps: two at the end of the loss layer's forward, one after Affine1's backward
        assert_eq!(run.tape.len(), plain.tape.len() + 3);
        let loss_fwd = run.layers[1].forward_steps.clone();
        let ops: Vec<&Op> = run.tape.steps[loss_fwd.end - 2..loss_fwd.end]
            .iter()
            .map(|s| &s.op)
            .collect();
        assert_eq!(
            ops,
            [
                &Op::Decay(Decay::Term { lambda: 0.1 }),
                &Op::Decay(Decay::Loss)
            ]
        );
        let last = &run.tape.steps[run.layers[0].backward_steps.end - 1];
        assert_eq!(last.op, Op::Decay(Decay::Grad { lambda: 0.1 }));
        assert_eq!(&last.writes.value, dw);
        assert_eq!(
            last.numpy,
            "grads['W1'] = self.layers['Affine1'].dW + self.weight_decay_lambda * self.layers['Affine1'].W"
        );
        // forward then backward, each in layer order; every range still points at its steps
        let first_back = run.tape.first_backward();
        assert_eq!(first_back, loss_fwd.end);
        assert!(
            run.tape.steps[first_back..]
                .iter()
                .all(|s| s.phase == Phase::Backward)
        );
        for l in &run.layers {
            for s in l.forward_steps.clone().chain(l.backward_steps.clone()) {
                assert_eq!(run.tape.steps[s].layer_name, l.name);
            }
        }
        // λ = 0: nothing changes
        let mut same = plain.clone();
        record(&mut same, &network, 0.0).unwrap();
        assert_eq!(same.tape.len(), plain.tape.len());
        assert_eq!(same.loss, plain.loss);
    }

    #[test]
    fn the_loop_adds_lambda_w_to_every_affine_w_only() {
        let (network, inputs) = tiny();
        let resolved = network.validate(&inputs).unwrap();
        let (_, mut grads) = network.param_gradients(&inputs, &resolved).unwrap();
        let plain = grads.clone();
        add_to_grads(&network, &mut grads, 0.5);
        let w = array![[1.0, -2.0], [3.0, 0.5]];
        assert_eq!(grads[0][0].value, &plain[0][0].value + &(&w * 0.5));
        assert_eq!(grads[0][1], plain[0][1]);
    }
}
