#![allow(clippy::expect_used, clippy::unwrap_used, missing_docs)]
use std::hint::black_box;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use backstep::engine::layer::{Affine, Relu, SoftmaxWithLoss};
use backstep::engine::{Inputs, Layer, Matrix, NamedLayer, Network, Targets};
use backstep::preset::SplitMix64;

fn two_layer(batch: usize) -> (Network, Inputs) {
    let mut rng = SplitMix64(42);
    let mut normal =
        |r: usize, c: usize| Matrix::from_shape_simple_fn((r, c), || 0.01 * rng.normal());
    let w1 = normal(784, 50);
    let w2 = normal(50, 10);
    let nl = |name: &str, layer| NamedLayer {
        name: name.into(),
        layer,
    };
    let net = Network {
        layers: vec![
            nl(
                "Affine1",
                Layer::Affine(Affine {
                    w: w1,
                    b: Matrix::zeros((1, 50)),
                }),
            ),
            nl("ReLU", Layer::Relu(Relu)),
            nl(
                "Affine2",
                Layer::Affine(Affine {
                    w: w2,
                    b: Matrix::zeros((1, 10)),
                }),
            ),
            nl("Softmax-with-Loss", Layer::SoftmaxWithLoss(SoftmaxWithLoss)),
        ],
    };
    let mut rng = SplitMix64(7);
    let x = Matrix::from_shape_simple_fn((batch, 784), || rng.uniform());
    let t = Targets::Labels((0..batch).map(|n| n % 10).collect());
    (
        net,
        Inputs {
            x,
            t: Some(t),
            dout: None,
        },
    )
}

fn main() {
    let (net, inputs) = two_layer(100);
    let resolved = net.validate(&inputs).expect("valid");
    let reps: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(3000);
    let which = std::env::args().nth(2).unwrap_or_default();
    let run = || {
        if which == "params" {
            black_box(net.param_gradients(black_box(&inputs), &resolved).unwrap());
        } else {
            black_box(net.gradients(black_box(&inputs), &resolved).unwrap());
        }
    };
    for _ in 0..100 {
        run();
    }
    let mut ts = Vec::with_capacity(reps);
    for _ in 0..reps {
        let s = Instant::now();
        run();
        ts.push(s.elapsed().as_secs_f64() * 1e6);
    }
    ts.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{which}: min {:.0} us, p10 {:.0}, median {:.0} us",
        ts[0],
        ts[reps / 10],
        ts[reps / 2]
    );
}
