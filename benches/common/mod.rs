//! What the benches share: the book's TwoLayerNet (784 → 50 → 10) and a batch of its inputs.

use backstep::engine::layer::{Affine, Relu, SoftmaxWithLoss};
use backstep::engine::rng::SplitMix64;
use backstep::engine::{Inputs, Layer, Matrix, NamedLayer, Network, Targets};

/// The book's TwoLayerNet: weights 0.01·N(0,1) drawn from `rng`, zero biases.
pub fn two_layer_net(rng: &mut SplitMix64) -> Network {
    let mut normal =
        |r: usize, c: usize| Matrix::from_shape_simple_fn((r, c), || 0.01 * rng.normal());
    let layer = |name: &str, layer| NamedLayer {
        name: name.into(),
        layer,
    };
    Network {
        layers: vec![
            layer(
                "Affine1",
                Layer::Affine(Affine {
                    w: normal(784, 50),
                    b: Matrix::zeros((1, 50)),
                }),
            ),
            layer("ReLU", Layer::Relu(Relu)),
            layer(
                "Affine2",
                Layer::Affine(Affine {
                    w: normal(50, 10),
                    b: Matrix::zeros((1, 10)),
                }),
            ),
            layer("Softmax-with-Loss", Layer::SoftmaxWithLoss(SoftmaxWithLoss)),
        ],
    }
}

/// The net (weights from seed 42) and `batch` rows of x uniform in [0, 1) (seed 7), labels
/// 0, 1, …, 9, 0, … .
#[allow(dead_code)] // the training bench draws its own data
pub fn two_layer(batch: usize) -> (Network, Inputs) {
    let net = two_layer_net(&mut SplitMix64(42));
    let mut rng = SplitMix64(7);
    let x = Matrix::from_shape_simple_fn((batch, 784), || rng.uniform());
    let t = Targets::Labels((0..batch).map(|n| n % 10).collect());
    (
        net,
        Inputs {
            image: None,
            x,
            t: Some(t),
            dout: None,
        },
    )
}
