//! Chapter 7's fast path — what training runs when nothing records the steps: im2col and col2im
//! through slices and the team, Convolution's `+ b` and reshape in one pass, Pooling's maximum
//! and its backward straight from x and into dx — gives the numbers of the taped path, the book's
//! steps one by one, **to the bit**: it does the same floating-point operations on the same
//! numbers in the same order (the same products through the same `matmul`, each sum in the
//! book's order), and only moves data differently. So the comparisons are `==` on the bits, not a
//! tolerance: a change that reorders a sum fails here. Inside a team each pass first waits for a
//! helper to be ready (`await_helpers`), so that its work is really split between the cores.

use backstep::engine::layer::{Affine, Convolution, Pooling, Relu, SoftmaxWithLoss};
use backstep::engine::linalg::{await_helpers, team};
use backstep::engine::tape::NoRecord;
use backstep::engine::tensor::ImageShape;
use backstep::engine::train::predict_scores;
use backstep::engine::{Inputs, Layer, Matrix, NamedLayer, Network, Targets};
use backstep::preset::SplitMix64;

fn pick(rng: &mut SplitMix64, lo: usize, hi: usize) -> usize {
    lo + rng.below(hi - lo + 1)
}

fn normal(rng: &mut SplitMix64, shape: (usize, usize)) -> Matrix {
    Matrix::from_shape_simple_fn(shape, || rng.normal())
}

/// Every value of `a` and `b` the same bits (and the same shapes).
fn same_bits(a: &Matrix, b: &Matrix, what: &str) {
    assert_eq!(a.dim(), b.dim(), "{what}: shapes");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            x.to_bits() == y.to_bits(),
            "{what}[{i}]: fast {x:e} vs taped {y:e}"
        );
    }
}

/// A convolution of random shape, stride and pad, with its input shape set.
fn conv(rng: &mut SplitMix64, image: ImageShape) -> Convolution {
    let (fh, fw) = (pick(rng, 1, image.h.min(4)), pick(rng, 1, image.w.min(4)));
    let fnum = pick(rng, 1, 5);
    let filter = ImageShape::new(image.c, fh, fw);
    let mut c = Convolution::new(
        normal(rng, (fnum, filter.len())),
        normal(rng, (1, fnum)),
        filter,
        pick(rng, 1, 3),
        pick(rng, 0, 2),
    );
    c.input = image;
    c
}

/// Max pooling of random window and stride that fits `image`.
fn pool(rng: &mut SplitMix64, image: ImageShape) -> Pooling {
    let (ph, pw) = (pick(rng, 1, image.h.min(3)), pick(rng, 1, image.w.min(3)));
    let mut p = Pooling::new(ph, pw, pick(rng, 1, 3));
    p.input = image;
    p
}

/// Whole numbers in a small range: pooling windows hold ties, and the first maximum must win on
/// both paths.
fn small_whole(rng: &mut SplitMix64, shape: (usize, usize)) -> Matrix {
    Matrix::from_shape_simple_fn(shape, || rng.below(5) as f64 - 2.0)
}

/// Inputs of `image`s with the gradient `dout` given for the last output (no loss).
fn given_dout(x: &Matrix, image: ImageShape, dout: &Matrix) -> Inputs {
    Inputs {
        x: x.clone(),
        image: Some(image),
        t: None,
        dout: Some(dout.clone()),
    }
}

/// One layer's forward, backward and prediction without recording against its taped run.
fn layer_matches(layer: Layer, x: &Matrix, image: ImageShape, dout: &Matrix, what: &str) {
    let net = Network {
        layers: vec![NamedLayer {
            name: layer.kind().display().to_string(),
            layer: layer.clone(),
        }],
    };
    let inputs = given_dout(x, image, dout);
    let taped = net.run(&inputs).unwrap();
    assert!(
        !taped.tape.steps.is_empty(),
        "{what}: the taped path records"
    );
    let lr = &taped.layers[0];
    await_helpers();
    let (out, cache) = layer.forward(x, None, &mut NoRecord).unwrap();
    same_bits(&out, &lr.out, &format!("{what} out"));
    await_helpers();
    same_bits(
        &layer.infer(x.view()).unwrap(),
        &lr.out,
        &format!("{what} infer"),
    );
    await_helpers();
    let (dx, grads) = layer.backward(&cache, dout, &mut NoRecord).unwrap();
    same_bits(&dx, &lr.dx, &format!("{what} dx"));
    assert_eq!(grads.len(), lr.grads.len(), "{what}: gradients");
    for (g, want) in grads.iter().zip(&lr.grads) {
        same_bits(&g.value, &want.value, &format!("{what} d{}", g.name));
    }
    // the first layer of a training step: its parameter gradients without dx
    await_helpers();
    let (_, lean) = layer.forward_lean(x, None).unwrap();
    await_helpers();
    let params = layer.param_grads(Some(x), &lean, dout).unwrap();
    for (g, want) in params.iter().zip(&lr.grads) {
        same_bits(
            &g.value,
            &want.value,
            &format!("{what} d{} (params only)", g.name),
        );
    }
}

#[test]
fn convolution_and_pooling_without_a_tape_give_the_taped_numbers_to_the_bit() {
    let mut rng = SplitMix64(22);
    for case in 0..60 {
        let n = pick(&mut rng, 1, 4);
        let image = ImageShape::new(
            pick(&mut rng, 1, 3),
            pick(&mut rng, 2, 9),
            pick(&mut rng, 2, 9),
        );
        let (layer, x) = if case % 2 == 0 {
            let c = conv(&mut rng, image);
            (Layer::Convolution(c), normal(&mut rng, (n, image.len())))
        } else {
            let p = pool(&mut rng, image);
            (Layer::Pooling(p), small_whole(&mut rng, (n, image.len())))
        };
        let out = layer.output_image(Some(image)).unwrap().unwrap();
        let dout = normal(&mut rng, (n, out.len()));
        let what = format!("case {case}: {layer:?} on {}", image.batch(n));
        layer_matches(layer, &x, image, &dout, &what);
    }
}

/// Conv → ReLU → Pool → Affine → ReLU → Affine → Softmax-with-Loss (the book's SimpleConvNet's
/// layers) of random sizes, strides and pads.
fn convnet(rng: &mut SplitMix64, image: ImageShape) -> Network {
    let c = conv(rng, image);
    let after_conv = c.out_image();
    let p = pool(rng, after_conv);
    let flat = p.out_image().len();
    let hidden = pick(rng, 2, 8);
    let layer = |name: &str, layer| NamedLayer {
        name: name.into(),
        layer,
    };
    let mut net = conv_relu_pool(c, p);
    net.layers.extend([
        layer(
            "Affine1",
            Layer::Affine(Affine {
                w: normal(rng, (flat, hidden)),
                b: normal(rng, (1, hidden)),
            }),
        ),
        layer("ReLU2", Layer::Relu(Relu)),
        layer(
            "Affine2",
            Layer::Affine(Affine {
                w: normal(rng, (hidden, 3)),
                b: normal(rng, (1, 3)),
            }),
        ),
        layer("Softmax-with-Loss", Layer::SoftmaxWithLoss(SoftmaxWithLoss)),
    ]);
    net
}

/// The gradients a training step uses, the loss after its update and the predictions against
/// the taped run of the same network, on `rows` rows of `image`.
fn net_matches(net: &Network, image: ImageShape, rows: usize, rng: &mut SplitMix64, what: &str) {
    let inputs = Inputs {
        x: normal(rng, (rows, image.len())),
        image: Some(image),
        t: Some(Targets::Labels((0..rows).map(|i| i % 3).collect())),
        dout: None,
    };
    let resolved = net.validate(&inputs).unwrap();
    let taped = net.run(&inputs).unwrap();
    await_helpers();
    let (loss, grads) = net.param_gradients(&inputs, &resolved).unwrap();
    assert_eq!(loss.to_bits(), taped.objective.to_bits(), "{what}: loss");
    await_helpers();
    let (_, dx, all) = net.gradients(&inputs, &resolved).unwrap();
    same_bits(&dx, &taped.dx, &format!("{what} dx"));
    for (l, lr) in taped.layers.iter().enumerate() {
        for (k, want) in lr.grads.iter().enumerate() {
            let name = format!("{what} {} d{}", lr.name, want.name);
            same_bits(&grads[l][k].value, &want.value, &name);
            same_bits(&all[l][k].value, &want.value, &name);
        }
    }
    await_helpers();
    let objective = net.objective(&inputs, &resolved).unwrap();
    assert_eq!(
        objective.to_bits(),
        taped.objective.to_bits(),
        "{what}: objective"
    );
    // prediction: the scores Softmax-with-Loss reads
    await_helpers();
    let scores = predict_scores(net, &inputs.x).unwrap();
    let before_loss = &taped.layers[taped.layers.len() - 2].out;
    same_bits(&scores, before_loss, &format!("{what} scores"));
}

#[test]
fn a_convnets_training_gradients_are_the_taped_ones_to_the_bit() {
    let mut rng = SplitMix64(23);
    for case in 0..12 {
        let image = ImageShape::new(
            pick(&mut rng, 1, 2),
            pick(&mut rng, 6, 12),
            pick(&mut rng, 6, 12),
        );
        let mut net = convnet(&mut rng, image);
        net.resolve_images(Some(image)).unwrap();
        let rows = pick(&mut rng, 1, 6);
        net_matches(&net, image, rows, &mut rng, &format!("case {case}"));
    }
}

#[test]
fn the_fast_path_shared_by_a_team_gives_the_same_bits() {
    // Large enough that im2col, the reshapes and col2im are cut between the cores, and the
    // products too: 40 images of 1×28×28, 8 filters of 5×5 (23,040 × 25 · 25 × 8).
    let mut rng = SplitMix64(24);
    let image = ImageShape::new(1, 28, 28);
    let mut c = Convolution::new(
        normal(&mut rng, (8, 25)),
        normal(&mut rng, (1, 8)),
        ImageShape::new(1, 5, 5),
        1,
        0,
    );
    c.input = image;
    let x = normal(&mut rng, (40, image.len()));
    let layer = Layer::Convolution(c.clone());
    let dout = normal(&mut rng, (40, c.out_image().len()));
    team(|| layer_matches(layer, &x, image, &dout, "conv in a team"));
    let mut p = Pooling::new(2, 2, 2);
    p.input = ImageShape::new(30, 24, 24);
    let x = small_whole(&mut rng, (40, p.input.len()));
    let dout = normal(&mut rng, (40, p.out_image().len()));
    team(|| {
        layer_matches(
            Layer::Pooling(p.clone()),
            &x,
            p.input,
            &dout,
            "pool in a team",
        )
    });
}

/// Memory a pass without a tape reuses ([`backstep::engine::pool`]) holds what the last matrix
/// left there; filled with NaN first, none of it may show in any number of a pass: every cell of
/// a reused matrix is written before it is read.
#[test]
fn reused_memory_never_shows_in_a_pass() {
    use backstep::engine::pool;
    let poison = || {
        for cells in [40_000, 70_000, 150_000, 300_000, 600_000] {
            pool::give(Matrix::from_elem((cells / 100, 100), f64::NAN));
        }
    };
    let mut rng = SplitMix64(25);
    // large enough that im2col, the conv output, ReLU's mask and pooling's matrices are reused:
    // 3 channels 20×20 with pad 1 and stride 1, a batch of 1 and odd filters with stride 2 too
    for (case, (rows, c, stride, pad)) in [(12, 3, 1, 1), (1, 1, 1, 0), (9, 3, 2, 1), (16, 1, 1, 0)]
        .into_iter()
        .enumerate()
    {
        let image = ImageShape::new(c, 20, 20);
        let mut conv = Convolution::new(
            normal(&mut rng, (30, c * 9)),
            normal(&mut rng, (1, 30)),
            ImageShape::new(c, 3, 3),
            stride,
            pad,
        );
        conv.input = image;
        let mut net = convnet(&mut rng, image);
        net.layers[0].layer = Layer::Convolution(conv.clone());
        let mut p = Pooling::new(2, 2, 2);
        p.input = conv.out_image();
        net.layers[2].layer = Layer::Pooling(p.clone());
        if let Layer::Affine(a) = &mut net.layers[3].layer {
            a.w = normal(&mut rng, (p.out_image().len(), a.w.ncols()));
        }
        net.resolve_images(Some(image)).unwrap();
        for pass in 0..2 {
            poison();
            let what = format!("case {case} pass {pass}");
            net_matches(&net, image, rows, &mut rng, &what);
            poison();
            team(|| net_matches(&net, image, rows, &mut rng, &format!("{what} in a team")));
        }
        poison();
        let x = normal(&mut rng, (rows, image.len()));
        let dout = normal(&mut rng, (rows, conv.out_image().len()));
        layer_matches(Layer::Convolution(conv), &x, image, &dout, "conv");
        poison();
        let x = small_whole(&mut rng, (rows, p.input.len()));
        let dout = normal(&mut rng, (rows, p.out_image().len()));
        layer_matches(Layer::Pooling(p.clone()), &x, p.input, &dout, "pool");
        poison();
        let relu = Layer::Relu(Relu);
        layer_matches(relu, &x, p.input, &x, "relu");
    }
}

/// Conv → ReLU → Pool with a given dout for the pooled output: the three layers a pass without
/// a tape runs as one ([`ConvReluPool`]).
fn conv_relu_pool(conv: Convolution, pool: Pooling) -> Network {
    let layer = |name: &str, layer| NamedLayer {
        name: name.into(),
        layer,
    };
    Network {
        layers: vec![
            layer("Conv1", Layer::Convolution(conv)),
            layer("ReLU1", Layer::Relu(Relu)),
            layer("Pool1", Layer::Pooling(pool)),
        ],
    }
}

/// Whole numbers in a small range for a convolution: its outputs hold ties (at 0, where ReLU
/// blocks them, and above), and the first maximum must win on both paths.
fn small_conv(
    rng: &mut SplitMix64,
    image: ImageShape,
    fnum: usize,
    f: (usize, usize),
    stride: usize,
    pad: usize,
) -> Convolution {
    let filter = ImageShape::new(image.c, f.0, f.1);
    let mut c = Convolution::new(
        small_whole(rng, (fnum, filter.len())),
        small_whole(rng, (1, fnum)),
        filter,
        stride,
        pad,
    );
    c.input = image;
    c
}

/// dx, the gradients and the objective of a pass without a tape against the taped run, and the
/// parameter gradients of a training step.
fn pass_matches(net: &Network, x: &Matrix, dout: &Matrix, image: ImageShape, what: &str) {
    let inputs = given_dout(x, image, dout);
    let resolved = net.validate(&inputs).unwrap();
    let taped = net.run(&inputs).unwrap();
    await_helpers();
    let (objective, dx, grads) = net.gradients(&inputs, &resolved).unwrap();
    assert_eq!(
        objective.to_bits(),
        taped.objective.to_bits(),
        "{what}: objective"
    );
    same_bits(&dx, &taped.dx, &format!("{what} dx"));
    await_helpers();
    let (_, params) = net.param_gradients(&inputs, &resolved).unwrap();
    for (l, lr) in taped.layers.iter().enumerate() {
        assert_eq!(
            grads[l].len(),
            lr.grads.len(),
            "{what}: {} gradients",
            lr.name
        );
        for (k, want) in lr.grads.iter().enumerate() {
            let name = format!("{what} {} d{}", lr.name, want.name);
            same_bits(&grads[l][k].value, &want.value, &name);
            same_bits(&params[l][k].value, &want.value, &name);
            assert_eq!(grads[l][k].vector, want.vector, "{name}: vector");
        }
    }
    await_helpers();
    let before = net.objective(&inputs, &resolved).unwrap();
    assert_eq!(
        before.to_bits(),
        taped.objective.to_bits(),
        "{what}: objective alone"
    );
}

#[test]
fn convolution_relu_and_pooling_run_as_one_give_the_taped_numbers_to_the_bit() {
    use backstep::engine::layer::ConvReluPool;
    let mut rng = SplitMix64(26);
    // (input, filters, filter size, stride, pad, pooling window and stride): windows that
    // leave the last row and column out, a stride past the window, 1×1 windows, several
    // channels, and the book's 2×2 stride 2
    let cases = [
        (ImageShape::new(1, 9, 9), 3, (3, 3), 1, 0, (2, 2, 2)),
        (ImageShape::new(2, 8, 8), 4, (2, 2), 1, 1, (2, 3, 3)),
        (ImageShape::new(3, 10, 7), 5, (3, 3), 2, 1, (1, 1, 1)),
        (ImageShape::new(1, 12, 12), 2, (5, 5), 1, 0, (4, 4, 4)),
        (ImageShape::new(1, 28, 28), 30, (5, 5), 1, 0, (2, 2, 2)),
    ];
    for (case, (image, fnum, f, stride, pad, (ph, pw, ps))) in cases.into_iter().enumerate() {
        let conv = small_conv(&mut rng, image, fnum, f, stride, pad);
        let mut pool = Pooling::new(ph, pw, ps);
        pool.input = conv.out_image();
        let net = conv_relu_pool(conv, pool.clone());
        let [a, b, c] = &net.layers[..] else {
            unreachable!()
        };
        let fused = ConvReluPool::of(&a.layer, &b.layer, &c.layer);
        assert!(fused.is_some(), "case {case}: run as one");
        for rows in [1, 5] {
            let x = small_whole(&mut rng, (rows, image.len()));
            let mut dout = normal(&mut rng, (rows, pool.out_image().len()));
            // −0 must come out as col2im's 0 + (−0) = +0, and an exact 0 stays one
            dout.row_mut(0).fill(-0.0);
            if rows > 1 {
                dout.row_mut(1).iter_mut().step_by(3).for_each(|v| *v = 0.0);
            }
            let what = format!("case {case}, {rows} rows");
            // the pass itself, not the layers one by one it falls back to: pooling's output
            let pooled = &net.run(&given_dout(&x, image, &dout)).unwrap().layers[2].out;
            if let Some(f) = &fused {
                await_helpers();
                let (out, _) = f.forward(x.view()).expect("finite: runs as one");
                same_bits(&out, pooled, &format!("{what} forward"));
                await_helpers();
                let out = f.infer(x.view()).expect("finite: runs as one");
                same_bits(&out, pooled, &format!("{what} infer"));
            }
            pass_matches(&net, &x, &dout, image, &what);
            team(|| pass_matches(&net, &x, &dout, image, &format!("{what} in a team")));
        }
    }
    // windows that overlap add up in col2im: those run layer by layer
    let conv = small_conv(&mut rng, ImageShape::new(1, 9, 9), 2, (3, 3), 1, 0);
    let mut pool = Pooling::new(3, 3, 2);
    pool.input = conv.out_image();
    let (relu, conv, pool) = (
        Layer::Relu(Relu),
        Layer::Convolution(conv),
        Layer::Pooling(pool),
    );
    assert!(ConvReluPool::of(&conv, &relu, &pool).is_none());
    assert!(ConvReluPool::of(&conv, &pool, &relu).is_none());
    // where a maximum sat is kept in 7 bits: a window of more cells runs layer by layer
    let conv = small_conv(&mut rng, ImageShape::new(1, 14, 14), 1, (3, 3), 1, 0);
    let fits = |size: usize| {
        let mut pool = Pooling::new(size, size, size);
        pool.input = conv.out_image();
        let conv = Layer::Convolution(conv.clone());
        ConvReluPool::of(&conv, &relu, &Layer::Pooling(pool)).is_some()
    };
    assert!(fits(11), "121 cells");
    assert!(!fits(12), "144 cells");
}

#[test]
fn a_number_that_is_not_finite_is_named_as_the_layers_one_by_one_name_it() {
    let mut rng = SplitMix64(27);
    let image = ImageShape::new(1, 6, 6);
    let mut conv = small_conv(&mut rng, image, 2, (3, 3), 1, 0);
    let mut pool = Pooling::new(2, 2, 2);
    pool.input = conv.out_image();
    let x = small_whole(&mut rng, (3, image.len())).mapv(|v| v + 3.0);
    let dout = normal(&mut rng, (3, pool.out_image().len()));
    let run = |net: &Network, dout: &Matrix| {
        let inputs = given_dout(&x, image, dout);
        let resolved = net.validate(&inputs).unwrap();
        let errors = [
            net.gradients(&inputs, &resolved).map(|_| ()),
            net.param_gradients(&inputs, &resolved).map(|_| ()),
            net.objective(&inputs, &resolved).map(|_| ()),
        ];
        errors.map(|e| e.err().map(|e| e.to_string()).unwrap_or_default())
    };
    // a convolution whose output overflows: its output names it
    conv.w.fill(1e308);
    conv.b.fill(1e308);
    let net = conv_relu_pool(conv, pool);
    for e in run(&net, &dout) {
        assert!(e.starts_with("layer 1 (Conv1) output became inf"), "{e}");
    }
}
