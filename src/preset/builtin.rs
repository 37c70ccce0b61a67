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
        "the seed's boolean mask: a = [[1,2,-3],[2,3,4]], mask = (a <= 0)"
    ),
    builtin!(
        "relu",
        "the seed's ReLU example: x = [[1.0,-0.5],[-2.0,3.0]]"
    ),
    builtin!(
        "sigmoid",
        "Sigmoid forward in three steps; backward from the cached y"
    ),
    builtin!(
        "bias-sum",
        "the seed's bias column-sum: dY = [[1,2,3],[4,5,6]] gives db = [5,7,9]"
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
        "apple-fee",
        "apples plus a delivery fee (an Add node): (100 × 2 + 50) × 1.1 = 275"
    ),
    builtin!(
        "dropout",
        "chapter 6's Dropout between two Affine layers: mask = rand > 0.5 from seed 0"
    ),
    builtin!(
        "batchnorm",
        "chapter 6's Batch Normalization: mean, centre, variance, std, x̂, γ ⊙ x̂ + β, and 8 backward sub-steps"
    ),
];

/// The TOML text of the built-in called `name`.
pub fn builtin_source(name: &str) -> Option<&'static str> {
    BUILTINS.iter().find(|b| b.name == name).map(|b| b.text)
}
