//! The pieces of an iteration shared by [`Trainer`](super::Trainer) and the explorer: updating
//! every parameter, recording that update on the tape, and the test-time copy of a network.

use anyhow::{Context, Result};

use crate::engine::Grad;
use crate::engine::layer::Layer;
use crate::engine::network::{Inputs, Network, Run};
use crate::engine::optim::{Optimizer, ParamRef, UpdateDraft};
use crate::engine::tape::{Phase, Recorder};

/// Forward, backward and the update phase: [`Network::run`], weight decay λ when it is not 0
/// ([`super::decay::record`]), then every parameter's update by (a copy of) `optimizer`
/// recorded as [`Phase::Update`] steps. The network does not change.
pub fn run_with_update(
    network: &Network,
    inputs: &Inputs,
    optimizer: &Optimizer,
    weight_decay: f64,
) -> Result<Run> {
    let mut run = network.run(inputs)?;
    super::decay::record(&mut run, network, weight_decay)?;
    let grads: Vec<Vec<Grad>> = run.layers.iter().map(|l| l.grads.clone()).collect();
    let drafts = apply(&mut network.clone(), &mut optimizer.clone(), &grads, true)?;
    for d in drafts {
        let Some(l) = network.layers.get(d.layer) else {
            continue;
        };
        run.tape
            .enter(Phase::Update, d.layer, &l.name, l.layer.kind());
        run.tape.record(|| d.step);
    }
    Ok(run)
}

/// True when a layer behaves differently in training and at test time (Dropout, BatchNorm).
pub(super) fn has_modes(network: &Network) -> bool {
    network
        .layers
        .iter()
        .any(|l| matches!(l.layer, Layer::Dropout(_) | Layer::BatchNorm(_)))
}

/// The network as the book's `predict(x, train_flg=False)` runs it: Dropout off, BatchNorm on
/// its running statistics (a copy only when some layer has a mode).
pub(super) fn test_mode(network: &Network) -> std::borrow::Cow<'_, Network> {
    if !has_modes(network) {
        return std::borrow::Cow::Borrowed(network);
    }
    let mut n = network.clone();
    for l in &mut n.layers {
        match &mut l.layer {
            Layer::Dropout(d) => d.train = false,
            Layer::BatchNorm(b) => b.train = false,
            _ => {}
        }
    }
    std::borrow::Cow::Owned(n)
}

/// One optimizer update of every parameter of `network` with `grads` (per layer, as backward
/// returned them), in layer order.
pub(super) fn apply(
    network: &mut Network,
    optimizer: &mut Optimizer,
    grads: &[Vec<Grad>],
    record: bool,
) -> Result<Vec<UpdateDraft>> {
    let count = grads.iter().map(Vec::len).sum();
    optimizer.begin(count)?;
    let mut drafts = Vec::new();
    let mut index = 0;
    for (layer, (l, g)) in network.layers.iter_mut().zip(grads).enumerate() {
        for grad in g {
            let value = l.layer.param_mut(grad.name).with_context(|| {
                crate::t!(
                    "err-no-parameter",
                    layer = l.name.as_str(),
                    name = grad.name
                )
            })?;
            let mut p = ParamRef {
                layer,
                param: grad.param,
                value,
                grad: &grad.value,
            };
            drafts.extend(optimizer.update_one(index, &mut p, record)?);
            index += 1;
        }
    }
    Ok(drafts)
}
