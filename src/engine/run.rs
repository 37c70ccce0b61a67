//! Running a chain. The recorded run ([`Network::run`]) hands the chain to the graph engine as a
//! graph with one path ([`Graph::run_with`]): chains and graphs share one engine and one tape.
//! The unrecorded passes here ([`Network::gradients`], [`Network::param_gradients`],
//! [`Network::objective`]) call the same layer code with [`NoRecord`], without the graph's
//! bookkeeping and without keeping a copy of any matrix nobody reads (training's path; tests
//! check them against the recorded run on every built-in preset).

use std::borrow::Cow;

use anyhow::{Context, Result};
use ndarray::ArrayView2;

use super::Matrix;
use super::graph::{Graph, GraphShapes, Ref};
use super::layer::Layer;
use super::layer::{Cache, ConvReluPool, FusedCache, Grad};
use super::linalg::{splits, team_if};
use super::network::{Inputs, Network, OutputNudge, Resolved, Run, layer_who};
use super::pool;
use super::tape::NoRecord;
use super::tensor::ImageShape;
use crate::i18n::format;

/// Give each layer of a run, and each operand of its steps, the sample shape of the 4-D tensor it
/// holds (`images[i]` is layer i's input's, `images[i + 1]` its output's): x and dx take the
/// input's, out and dout the output's, and for a layer that keeps the shape (ReLU, BatchNorm…)
/// every operand as wide as a sample. What a layer set itself (im2col's x, a filter) stays.
fn annotate_images(run: &mut Run, images: &[Option<ImageShape>]) {
    use super::operand::Kind;
    for (i, layer) in run.layers.iter_mut().enumerate() {
        let (input, out) = (
            images.get(i).copied().flatten(),
            images.get(i + 1).copied().flatten(),
        );
        layer.input_image = input;
        layer.out_image = out;
        if input.is_none() && out.is_none() {
            continue;
        }
        let steps = layer
            .forward_steps
            .clone()
            .chain(layer.backward_steps.clone());
        for s in steps {
            let Some(step) = run.tape.steps.get_mut(s) else {
                continue;
            };
            for o in step
                .reads
                .iter_mut()
                .chain(std::iter::once(&mut step.writes))
            {
                if o.image.is_some() {
                    continue;
                }
                let candidate = match o.kind {
                    Kind::Input | Kind::Dx => input,
                    Kind::Output | Kind::Dout => out,
                    _ if input == out => input,
                    _ => None,
                };
                o.image = candidate.filter(|img| img.fits(o.value.ncols()));
            }
        }
    }
}

/// What an unrecorded forward pass produced.
struct ForwardPass {
    caches: Vec<Kept>,
    objective: f64,
}

/// What an unrecorded forward pass kept of one layer for backward.
enum Kept {
    /// A layer run on its own: its cache.
    Layer(Cache),
    /// A convolution run with the ReLU and the pooling after it as one ([`ConvReluPool`]).
    Fused(FusedCache),
    /// The ReLU or the pooling of such a run: nothing of its own.
    Inside,
}

impl Kept {
    fn recycle(self) {
        match self {
            Kept::Layer(c) => c.recycle(),
            Kept::Fused(f) => f.recycle(),
            Kept::Inside => {}
        }
    }

    fn cache(&self) -> Option<&Cache> {
        match self {
            Kept::Layer(c) => Some(c),
            _ => None,
        }
    }
}

impl Network {
    /// Forward then backward, recording every step.
    pub fn run(&self, inputs: &Inputs) -> Result<Run> {
        self.run_nudged(inputs, None)
    }

    /// [`Network::run`], with one cell of one layer's output moved by h (see [`OutputNudge`]).
    pub fn run_nudged(&self, inputs: &Inputs, nudge: Option<OutputNudge>) -> Result<Run> {
        let resolved = self.validate(inputs)?;
        let (graph, shapes) = self.as_graph(inputs, &resolved);
        let mut run = graph.run_with(shapes, nudge)?.run;
        annotate_images(&mut run, &resolved.images);
        Ok(run)
    }

    /// The graph this chain is, with the shapes its validation resolved: input `x`, then each
    /// layer on the one before it.
    fn as_graph(&self, inputs: &Inputs, resolved: &Resolved) -> (Graph, GraphShapes) {
        let refs = (0..self.layers.len())
            .map(|i| {
                vec![if i == 0 {
                    Ref::Input(0)
                } else {
                    Ref::Node(i - 1)
                }]
            })
            .collect();
        let shapes = GraphShapes {
            refs,
            shapes: resolved.shapes.clone(),
            t: resolved.t.clone(),
            dout: resolved.dout.clone(),
        };
        (Graph::from_chain(self, inputs), shapes)
    }

    /// Forward only, without recording: the scalar that backward differentiates (the loss, or
    /// Σ dout ⊙ out). Every layer but the last runs its `infer` (no cache, no copy of its input:
    /// training computes the loss after each update this way); the last runs `forward`.
    pub fn objective(&self, inputs: &Inputs, resolved: &Resolved) -> Result<f64> {
        let Some((last, body)) = self.layers.split_last() else {
            return Ok(resolved.objective(None, &inputs.x));
        };
        let mut x: Cow<'_, Matrix> = Cow::Borrowed(&inputs.x);
        let mut i = 0;
        while let Some(l) = body.get(i) {
            // a convolution, ReLU and pooling as one when it can, else (or to say which
            // number is not finite) layer by layer
            if let Some(out) = self.fused_at(i, body.len()).and_then(|f| f.infer(x.view())) {
                give_back(std::mem::replace(&mut x, Cow::Owned(out)));
                i += 3;
                continue;
            }
            let out = l.layer.infer(x.view())?;
            if i == 0 || !l.layer.keeps_finite().0 {
                ensure_finite(&out, || {
                    crate::t!("err-what-output", who = layer_who(i, &l.name))
                })?;
            }
            give_back(std::mem::replace(&mut x, Cow::Owned(out)));
            i += 1;
        }
        let (out, cache) = last.layer.forward(&x, resolved.t.as_ref(), &mut NoRecord)?;
        give_back(x);
        let objective = resolved.objective(Some(&cache), &out);
        ensure_finite(ndarray::aview2(&[[objective]]), || {
            crate::t!("err-what-objective")
        })?;
        Ok(objective)
    }

    /// Forward and backward without recording: (objective, dx, gradients per layer).
    pub fn gradients(
        &self,
        inputs: &Inputs,
        resolved: &Resolved,
    ) -> Result<(f64, Matrix, Vec<Vec<Grad>>)> {
        team_if(self.splits_products(inputs.x.nrows()), || {
            // The first layer keeps no copy of x (627 KB at the book's MNIST batch): its
            // backward reads inputs.x.
            let fwd = self.forward_pass(inputs, resolved, true, true)?;
            let (grads, dx) =
                self.backward_pass(resolved, &fwd.caches, Some((&inputs.x, FirstLayer::Dx)))?;
            fwd.caches.into_iter().for_each(Kept::recycle);
            Ok((fwd.objective, dx, grads))
        })
    }

    /// Forward and backward without recording, stopping at the parameters: (objective,
    /// gradients per layer) — what the book's `TwoLayerNet.gradient` returns. The first layer's
    /// `dx` (∂L/∂x of the data, which training never reads) is not computed: for Affine that
    /// saves the `dY·Wᵀ` product, a third of the work at the book's MNIST shape.
    pub fn param_gradients(
        &self,
        inputs: &Inputs,
        resolved: &Resolved,
    ) -> Result<(f64, Vec<Vec<Grad>>)> {
        team_if(self.splits_products(inputs.x.nrows()), || {
            // The first layer keeps no copy of x: its parameter gradients read inputs.x.
            let fwd = self.forward_pass(inputs, resolved, true, true)?;
            let (grads, _) = self.backward_pass(
                resolved,
                &fwd.caches,
                Some((&inputs.x, FirstLayer::ParamsOnly)),
            )?;
            fwd.caches.into_iter().for_each(Kept::recycle);
            Ok((fwd.objective, grads))
        })
    }

    /// Whether a pass over `rows` rows has a product worth splitting across cores (an Affine
    /// layer's `X·W` at least [`linalg::SPLIT_WORK`](super::linalg::SPLIT_WORK) multiply-adds).
    pub fn splits_products(&self, rows: usize) -> bool {
        self.layers.iter().any(|l| match &l.layer {
            Layer::Affine(a) => splits(rows, a.w.nrows(), a.w.ncols()),
            _ => false,
        })
    }

    /// The forward caches of a pass without recording (for training hooks and tests).
    pub fn forward_caches(&self, inputs: &Inputs, resolved: &Resolved) -> Result<Vec<Cache>> {
        let fwd = self.forward_pass(inputs, resolved, false, false)?;
        Ok(fwd
            .caches
            .into_iter()
            .filter_map(|k| match k {
                Kept::Layer(c) => Some(c),
                _ => None,
            })
            .collect())
    }

    /// Layers `i`, `i + 1` and `i + 2` (all before `end`) as one [`ConvReluPool`], when they
    /// are a convolution, a ReLU and a pooling that can run so.
    pub(crate) fn fused_at(&self, i: usize, end: usize) -> Option<ConvReluPool<'_>> {
        if i + 3 > end {
            return None;
        }
        let [a, b, c] = self.layers.get(i..i + 3)? else {
            return None;
        };
        ConvReluPool::of(&a.layer, &b.layer, &c.layer)
    }

    /// Forward through every layer without recording, keeping only the caches. With `lean` the
    /// first layer runs [`Layer::forward_lean`](super::layer::Layer::forward_lean): its cache
    /// holds no copy of x (627 KB at the book's MNIST shape), and backward must be given x.
    /// With `fuse` a convolution, ReLU and pooling run as one where they can ([`ConvReluPool`]).
    fn forward_pass(
        &self,
        inputs: &Inputs,
        resolved: &Resolved,
        lean: bool,
        fuse: bool,
    ) -> Result<ForwardPass> {
        let mut caches: Vec<Kept> = Vec::with_capacity(self.layers.len());
        let mut x: Cow<'_, Matrix> = Cow::Borrowed(&inputs.x);
        for (i, l) in self.layers.iter().enumerate() {
            if caches.len() > i {
                continue; // inside a fused run
            }
            // when a convolution's output is not finite, the layers one by one say which
            let fused = fuse
                .then(|| self.fused_at(i, self.layers.len()))
                .flatten()
                .and_then(|f| f.forward(x.view()));
            if let Some((out, cache)) = fused {
                caches.extend([Kept::Fused(cache), Kept::Inside, Kept::Inside]);
                give_back(std::mem::replace(&mut x, Cow::Owned(out)));
                continue;
            }
            let (out, cache) = if i == 0 && lean {
                l.layer.forward_lean(&x, resolved.t.as_ref())?
            } else {
                l.layer.forward(&x, resolved.t.as_ref(), &mut NoRecord)?
            };
            // a layer that keeps finite numbers finite (ReLU, max pooling) is not looked over
            // when what it read was; the first layer's input comes from outside
            if i == 0 || !l.layer.keeps_finite().0 {
                ensure_finite(&out, || {
                    crate::t!("err-what-output", who = layer_who(i, &l.name))
                })?;
            }
            caches.push(Kept::Layer(cache));
            give_back(std::mem::replace(&mut x, Cow::Owned(out)));
        }
        let last = caches.last().and_then(Kept::cache);
        let loss = last.and_then(Cache::loss);
        let objective = resolved.objective(last, &x);
        give_back(x);
        ensure_finite(ndarray::aview2(&[[objective]]), || match loss {
            Some(_) => crate::t!("err-what-loss"),
            None => crate::t!("err-what-scalar"),
        })?;
        Ok(ForwardPass { caches, objective })
    }

    /// Backward through every layer, last to first, from the caches of a forward pass: each
    /// layer's parameter gradients (in layer order) and ∂L/∂x. After a lean forward pass,
    /// `lean` gives its input x and what the first layer computes: with
    /// [`FirstLayer::ParamsOnly`] ∂L/∂x is left empty.
    fn backward_pass(
        &self,
        resolved: &Resolved,
        caches: &[Kept],
        lean: Option<(&Matrix, FirstLayer)>,
    ) -> Result<(Vec<Vec<Grad>>, Matrix)> {
        let mut dout = resolved
            .dout
            .clone()
            .unwrap_or_else(|| Matrix::ones((1, 1)));
        let mut grads_per_layer = Vec::with_capacity(self.layers.len());
        for (i, (l, kept)) in self.layers.iter().zip(caches).enumerate().rev() {
            let cache = match kept {
                Kept::Layer(cache) => cache,
                Kept::Inside => {
                    grads_per_layer.push(Vec::new());
                    continue;
                }
                Kept::Fused(cache) => {
                    let (dx, grads) = self.fused_backward(i, cache, &dout, lean)?;
                    grads_per_layer.push(grads);
                    pool::give(std::mem::replace(&mut dout, dx));
                    continue;
                }
            };
            let (dx, grads) = match (i, lean) {
                (0, Some((x, FirstLayer::ParamsOnly))) => (
                    Matrix::zeros((0, 0)),
                    l.layer.param_grads(Some(x), cache, &dout)?,
                ),
                (0, Some((x, FirstLayer::Dx))) => l.layer.backward_from(x, cache, &dout)?,
                _ => l.layer.backward(cache, &dout, &mut NoRecord)?,
            };
            // as forward: the last layer's dout comes from outside
            if i + 1 == self.layers.len() || !l.layer.keeps_finite().1 {
                ensure_finite(&dx, || {
                    crate::t!("err-what-dx", who = layer_who(i, &l.name))
                })?;
            }
            for g in &grads {
                ensure_finite(&g.value, || {
                    crate::t!("err-what-grad", name = g.name, who = layer_who(i, &l.name))
                })?;
            }
            grads_per_layer.push(grads);
            pool::give(std::mem::replace(&mut dout, dx));
        }
        grads_per_layer.reverse();
        Ok((grads_per_layer, dout))
    }
}

impl Network {
    /// Backward through the convolution at `i` and the ReLU and pooling after it, run as one:
    /// its dx (empty for a first layer in training) and gradients, with the checks the layers
    /// one by one make (pooling's dx, the convolution's dx and gradients finite).
    fn fused_backward(
        &self,
        i: usize,
        cache: &FusedCache,
        dout: &Matrix,
        lean: Option<(&Matrix, FirstLayer)>,
    ) -> Result<(Matrix, Vec<Grad>)> {
        let fused = self
            .fused_at(i, self.layers.len())
            .with_context(|| crate::t!("err-cache-kind", layer = "Conv"))?;
        let (conv, pool_at) = (&self.layers[i], i + 2);
        let pooling = &self.layers[pool_at];
        // pooling's dx holds dout's numbers and zeros, ReLU's some of those: finite when dout is
        // (which the layer after pooling, or the objective, has checked)
        if pool_at + 1 == self.layers.len() || !pooling.layer.keeps_finite().1 {
            ensure_finite(dout, || {
                crate::t!("err-what-dx", who = layer_who(pool_at, &pooling.name))
            })?;
        }
        let want_dx = !matches!((i, lean), (0, Some((_, FirstLayer::ParamsOnly))));
        let (dx, grads) = fused.backward(cache, dout, want_dx)?;
        if want_dx && !conv.layer.keeps_finite().1 {
            ensure_finite(&dx, || {
                crate::t!("err-what-dx", who = layer_who(i, &conv.name))
            })?;
        }
        for g in &grads {
            ensure_finite(&g.value, || {
                crate::t!(
                    "err-what-grad",
                    name = g.name,
                    who = layer_who(i, &conv.name)
                )
            })?;
        }
        Ok((dx, grads))
    }
}

/// Give an output a pass is done with back for reuse ([`pool`]); a borrowed input stays.
fn give_back(x: Cow<'_, Matrix>) {
    if let Cow::Owned(m) = x {
        pool::give(m);
    }
}

/// What the first layer's backward computes after a lean forward pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FirstLayer {
    /// Its parameter gradients only: ∂L/∂x of the data is never read (training).
    ParamsOnly,
    /// ∂L/∂x as well (the gradient check, `gradients`).
    Dx,
}

/// f64 overflowed: `what` became `value` (±inf or NaN). Its message says to use smaller values;
/// training, where the learning rate is the usual cause, says to lower it instead
/// (`Trainer::step` recognises this type).
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    /// What became non-finite: `layer 2 (Affine2) output`, `the loss`.
    pub what: String,
    /// The first non-finite value: ±inf or NaN.
    pub value: f64,
}

impl std::fmt::Display for Overflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::t!(
            "err-overflow",
            what = self.what.as_str(),
            value = format::num(self.value, 0),
            inf = format::not_finite(f64::INFINITY)
        ))
    }
}

impl std::error::Error for Overflow {}

/// An error ([`Overflow`]) when `values` (a matrix, or one number) hold inf or NaN: f64
/// overflowed somewhere in `what`.
pub(crate) fn ensure_finite<'a>(
    values: impl Into<ArrayView2<'a, f64>>,
    what: impl FnOnce() -> String,
) -> Result<()> {
    let values = values.into();
    let finite = match values.as_slice_memory_order() {
        Some(s) => all_finite(s),
        None => values.iter().all(|v| v.is_finite()),
    };
    if finite {
        return Ok(());
    }
    let value = values
        .iter()
        .find(|v| !v.is_finite())
        .copied()
        .unwrap_or(f64::NAN);
    Err(Overflow {
        what: what(),
        value,
    }
    .into())
}

/// Whether every value is finite, in one pass the compiler turns into SIMD: `v·0` is 0 for a
/// finite `v` and NaN for ±inf or NaN, and a NaN stays in its lane's sum.
fn all_finite(s: &[f64]) -> bool {
    let mut lanes = [0.0f64; 8];
    let chunks = s.chunks_exact(8);
    let rest = chunks.remainder();
    // eight named lanes, not a loop over them: as fast unoptimised (the tests' build) as it is
    // vectorised
    for c in chunks {
        lanes[0] += c[0] * 0.0;
        lanes[1] += c[1] * 0.0;
        lanes[2] += c[2] * 0.0;
        lanes[3] += c[3] * 0.0;
        lanes[4] += c[4] * 0.0;
        lanes[5] += c[5] * 0.0;
        lanes[6] += c[6] * 0.0;
        lanes[7] += c[7] * 0.0;
    }
    lanes.iter().chain(rest).all(|v| v.is_finite())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_objective_equals_the_forward_pass_on_every_builtin_preset() {
        use crate::preset::{BUILTINS, Preset, TRAIN_BUILTINS};
        let mut compared = 0;
        for b in BUILTINS.iter().chain(TRAIN_BUILTINS) {
            let Ok(p) = Preset::builtin(b.name) else {
                continue; // train-mnist needs the learner's files
            };
            compared += 1;
            let resolved = p.network.validate(&p.inputs).unwrap();
            let got = p.network.objective(&p.inputs, &resolved).unwrap();
            // layer by layer, and with a convolution, ReLU and pooling as one where they can
            for fuse in [false, true] {
                let pass = p
                    .network
                    .forward_pass(&p.inputs, &resolved, false, fuse)
                    .unwrap();
                assert_eq!(got.to_bits(), pass.objective.to_bits(), "{}", b.name);
            }
        }
        assert!(
            compared > BUILTINS.len(),
            "{compared}: the training presets too"
        );
    }

    #[test]
    fn the_unrecorded_passes_equal_the_recorded_run_on_every_builtin_chain() {
        use crate::preset::{BUILTINS, Preset, TRAIN_BUILTINS};
        let mut compared = 0;
        for b in BUILTINS.iter().chain(TRAIN_BUILTINS) {
            let Ok(p) = Preset::builtin(b.name) else {
                continue; // train-mnist needs the learner's files
            };
            if p.graph.is_some() {
                continue;
            }
            compared += 1;
            let run = p.network.run(&p.inputs).unwrap();
            let resolved = p.network.validate(&p.inputs).unwrap();
            let (objective, dx, grads) = p.network.gradients(&p.inputs, &resolved).unwrap();
            assert_eq!(objective.to_bits(), run.objective.to_bits(), "{}", b.name);
            assert_eq!(dx, run.dx, "{}", b.name);
            for (l, g) in run.layers.iter().zip(&grads) {
                assert_eq!(&l.grads, g, "{} {}", b.name, l.name);
            }
        }
        assert!(compared > BUILTINS.len() / 2, "{compared}");
    }

    #[test]
    fn only_nets_with_a_large_product_call_a_team() {
        use crate::preset::Preset;
        // train-digits: 100×64·64×50 = 320,000 multiply-adds per batch, under SPLIT_WORK; its
        // evaluation blocks of 1,437 rows are over it
        let digits = Preset::builtin("train-digits").unwrap().network;
        assert!(!digits.splits_products(100));
        assert!(digits.splits_products(1437));
        // the book's 784 → 50: 100×784·784×50 = 3.9 million
        let book = Preset::from_file(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book-size.toml"),
        )
        .unwrap()
        .network;
        assert!(book.splits_products(100));
        assert!(!book.splits_products(10));
        assert!(
            !Preset::builtin("two-layer")
                .unwrap()
                .network
                .splits_products(100)
        );
    }

    #[test]
    fn all_finite_finds_inf_and_nan_in_any_lane_and_in_the_remainder() {
        for len in [0, 1, 7, 8, 9, 16, 23] {
            let clean: Vec<f64> = (0..len).map(|i| i as f64 - 3.5).collect();
            assert!(all_finite(&clean), "{len}");
            // huge but finite values are finite: nothing may add them up and overflow
            assert!(all_finite(&vec![f64::MAX; len]), "{len}");
            for at in 0..len {
                for bad in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
                    let mut v = clean.clone();
                    v[at] = bad;
                    assert!(!all_finite(&v), "{len} {at} {bad}");
                }
            }
        }
    }

    #[test]
    fn ensure_finite_names_the_value_and_what_became_it() {
        let mut m = Matrix::zeros((3, 4));
        assert!(ensure_finite(&m, || "m".into()).is_ok());
        m[[2, 1]] = f64::NEG_INFINITY;
        let err = ensure_finite(&m, || "layer 1 (ReLU) output".into()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("layer 1 (ReLU) output became -inf:"),
            "{err}"
        );
        // a transposed (column-major) view and one number take the same path
        assert!(ensure_finite(m.t(), || "t".into()).is_err());
        assert!(ensure_finite(ndarray::aview2(&[[f64::NAN]]), || "L".into()).is_err());
    }
}
