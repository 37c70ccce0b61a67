//! The built-in presets, embedded in the binary so it runs from any directory.

/// A built-in preset: its name and the TOML text; its one-line summary is the message
/// `presets-summary-NAME` of the catalogs.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// The name given to `--preset`.
    pub name: &'static str,
    /// The TOML text.
    pub text: &'static str,
}

impl Builtin {
    /// One line for `backstep presets` and the picker, in the learner's language.
    pub fn summary(&self) -> String {
        crate::i18n::render(&format!("presets-summary-{}", self.name), &[])
    }
}

macro_rules! builtin {
    ($name:literal) => {
        Builtin {
            name: $name,
            text: include_str!(concat!("../../assets/presets/", $name, ".toml")),
        }
    };
}

/// Every built-in preset, the default (`two-layer`) first.
pub const BUILTINS: &[Builtin] = &[
    builtin!("two-layer"),
    builtin!("mask"),
    builtin!("relu"),
    builtin!("sigmoid"),
    builtin!("bias-sum"),
    builtin!("affine"),
    builtin!("softmax"),
    builtin!("softmax-loss"),
    builtin!("apple"),
    builtin!("apple-orange"),
    builtin!("fan-out"),
    builtin!("sigmoid-graph"),
    builtin!("apple-fee"),
    builtin!("dropout"),
    builtin!("batchnorm"),
    builtin!("conv"),
    builtin!("conv-stride-pad"),
    builtin!("pooling"),
    builtin!("convnet"),
];

/// The built-in training presets (a `[train]` section; their first mini-batch is a big tape, so
/// they are kept apart from the small presets above). The last one, `train-mnist`, needs a data
/// set from outside (`--data mnist:DIR`): loading it without one is an error that says how.
pub const TRAIN_BUILTINS: &[Builtin] = &[
    builtin!("train-spiral"),
    builtin!("train-xor"),
    builtin!("train-digits"),
    builtin!("train-mnist"),
    builtin!("train-convnet-digits"),
    builtin!("train-convnet-mnist"),
];

/// The labs of chapter 6: the book's figures at their full size, so they are kept apart from the
/// training presets, whose every step the sweeps of the explorer walk. `lab-*` have a `[train]` and
/// a `[compare]` section, for `backstep compare`; `init-*` are the 1,000 inputs and five hidden
/// layers of `weight_init_activation_histogram.py`, for `backstep histogram`.
pub const LAB_BUILTINS: &[Builtin] = &[
    builtin!("lab-optimizers"),
    builtin!("lab-init"),
    builtin!("lab-batchnorm"),
    builtin!("lab-weight-decay"),
    builtin!("lab-dropout"),
    builtin!("init-sigmoid"),
    builtin!("init-tanh"),
    builtin!("init-relu"),
];

/// The TOML text of the built-in called `name`.
pub fn builtin_source(name: &str) -> Option<&'static str> {
    BUILTINS
        .iter()
        .chain(TRAIN_BUILTINS)
        .chain(LAB_BUILTINS)
        .find(|b| b.name == name)
        .map(|b| b.text)
}
