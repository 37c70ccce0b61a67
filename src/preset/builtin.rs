//! The built-in presets, embedded in the binary so it runs from any directory.

/// A built-in preset: its name, one line, and the TOML text.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// The name given to `--preset`.
    pub name: &'static str,
    /// One line for `backstep presets` and the picker.
    pub summary: &'static str,
    /// The TOML text.
    pub text: &'static str,
}

macro_rules! builtin {
    ($name:literal, $summary:literal) => {
        Builtin {
            name: $name,
            summary: $summary,
            text: include_str!(concat!("../../assets/presets/", $name, ".toml")),
        }
    };
}

/// Every built-in preset, the default (`two-layer`) first.
pub const BUILTINS: &[Builtin] = &[
    builtin!(
        "two-layer",
        "Affine → ReLU → Affine → Softmax-with-Loss: the book's TwoLayerNet, small"
    ),
    builtin!(
        "mask",
        "a NumPy boolean mask, ReLU's tool: a = [[1,2,-3],[2,3,4]], mask = (a <= 0)"
    ),
    builtin!(
        "relu",
        "the book's ReLU example (ch. 5): x = [[1.0,-0.5],[-2.0,3.0]]"
    ),
    builtin!(
        "sigmoid",
        "Sigmoid forward in three steps; backward from the cached y"
    ),
    builtin!(
        "bias-sum",
        "the book's bias column-sum (ch. 5): dY = [[1,2,3],[4,5,6]] gives db = [5,7,9]"
    ),
    builtin!("affine", "one Affine layer on a batch of 4: dX, dW and db"),
    builtin!(
        "softmax",
        "plain Softmax with a given dout: the row-mixing backward"
    ),
    builtin!(
        "softmax-loss",
        "Softmax-with-Loss: the book's y = (0.3, 0.2, 0.5) gives y − t = (0.3, −0.8, 0.5)"
    ),
    builtin!(
        "apple",
        "buy apples: 100 × 2 × 1.1 = 220; d apple 2.2, d count 110, d tax 200"
    ),
    builtin!(
        "apple-orange",
        "the book's graph: (100 × 2 + 150 × 3) × 1.1 = 715; d apple 2.2, d orange 3.3, d tax 650"
    ),
    builtin!(
        "fan-out",
        "f = (x + y) × x: x is used twice, so its gradients add up (3 + 5 = 8)"
    ),
    builtin!(
        "apple-fee",
        "apples plus a delivery fee (an Add node): (100 × 2 + 50) × 1.1 = 275"
    ),
    builtin!(
        "dropout",
        "chapter 6's Dropout between two Affine layers: mask = rand > 0.5, rand from SplitMix64 seed 0 (not NumPy's)"
    ),
    builtin!(
        "batchnorm",
        "chapter 6's Batch Normalization: mean, centre, variance, std, x̂, γ ⊙ x̂ + β, and 8 backward sub-steps"
    ),
];

/// The built-in training presets (a `[train]` section; their first mini-batch is a big tape, so
/// they are kept apart from the small presets above). The last one, `train-mnist`, needs a data
/// set from outside (`--data mnist:DIR`): loading it without one is an error that says how.
pub const TRAIN_BUILTINS: &[Builtin] = &[
    builtin!(
        "train-spiral",
        "training: the CS231n net 2 → 100 → 3 on a 3-arm spiral, SGD lr 1.0"
    ),
    builtin!(
        "train-xor",
        "training: 2 → 8 → 2 learns XOR by full-batch gradient descent"
    ),
    builtin!(
        "train-digits",
        "training: the book's TwoLayerNet 64 → 50 → 10 on the built-in 8×8 digits"
    ),
    builtin!(
        "train-mnist",
        "training: ch05/train_neuralnet.py, 784 → 50 → 10 on MNIST (needs --data mnist:DIR)"
    ),
];

/// The TOML text of the built-in called `name`.
pub fn builtin_source(name: &str) -> Option<&'static str> {
    BUILTINS
        .iter()
        .chain(TRAIN_BUILTINS)
        .find(|b| b.name == name)
        .map(|b| b.text)
}
