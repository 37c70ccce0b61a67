//! Operands: the named matrices a step reads and writes, each with a typed [`Kind`].
//!
//! The name (`X`, `dY`, `mask`, …) is for people; the kind is for code. Views, aids and exports
//! decide what an operand is by its kind (the layer's input, a parameter, a mask, the arriving
//! gradient …), never by its name, so renaming an operand changes only the text on screen.

use super::Matrix;
use super::tensor::ImageShape;

/// A trainable parameter of a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Param {
    /// Affine's weights `W` (D×H).
    Weights,
    /// Affine's bias `b` (1×H, one value per column) or an Add node's `b`.
    Bias,
    /// A Mul node's other factor `w`.
    Factor,
    /// BatchNorm's scale `gamma` (1×H).
    Gamma,
    /// BatchNorm's shift `beta` (1×H).
    Beta,
}

impl Param {
    /// Every parameter.
    pub const ALL: [Param; 5] = [
        Param::Weights,
        Param::Bias,
        Param::Factor,
        Param::Gamma,
        Param::Beta,
    ];

    /// The parameter whose key is `key` (`W`, `b`, …).
    pub fn from_key(key: &str) -> Option<Param> {
        Param::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The key in presets, JSON and the gradient check: `W`, `b`, `w`, `gamma`, `beta`.
    pub fn key(self) -> &'static str {
        match self {
            Param::Weights => "W",
            Param::Bias => "b",
            Param::Factor => "w",
            Param::Gamma => "gamma",
            Param::Beta => "beta",
        }
    }
}

/// Whether a True cell of a mask lets the value through or blocks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaskSense {
    /// True blocks the cell (ReLU's `mask = x ≤ 0`).
    TrueBlocks,
    /// True keeps the cell (Dropout's `mask = rand > ratio`).
    TrueKeeps,
}

impl MaskSense {
    /// True when a mask cell holding `v` (1.0 = True, 0.0 = False) blocks its value.
    pub fn blocks(self, v: f64) -> bool {
        let is_true = v != 0.0;
        match self {
            MaskSense::TrueBlocks => is_true,
            MaskSense::TrueKeeps => !is_true,
        }
    }
}

/// What an operand is, whatever it is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The layer's input (`x`, `X`).
    Input,
    /// A parameter of the layer.
    Param(Param),
    /// The layer's forward output (`Y`, `y`, `out`).
    Output,
    /// The gradient arriving at the layer's output (`dY`, `dout`).
    Dout,
    /// The gradient for the layer's input (`dX`, `dx`).
    Dx,
    /// The gradient of a parameter (`dW`, `db`, …).
    Grad(Param),
    /// A boolean mask, 1.0 = True, 0.0 = False.
    Mask(MaskSense),
    /// Uniform random numbers in [0, 1) (Dropout draws its mask from them).
    Random,
    /// The targets `t`.
    Targets,
    /// The loss `L`.
    Loss,
    /// A running statistic kept for test time (BatchNorm's running mean and variance).
    Running(Stat),
    /// An intermediate value, numbered in the order its layer names them (0, 1, …).
    Temp(u8),
    /// A matrix the optimizer keeps for a parameter between iterations (Momentum's `v`, …).
    State(OptState),
}

/// Which optimizer state (the book's `common/optimizer.py` names in brackets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OptState {
    /// Momentum's velocity (`v`).
    Velocity,
    /// AdaGrad's sum of squared gradients (`h`).
    History,
    /// Adam's first moment (`m`).
    FirstMoment,
    /// Adam's second moment (`v`).
    SecondMoment,
}

impl OptState {
    /// The book's name: `v`, `h`, `m`, `v`.
    pub fn name(self) -> &'static str {
        match self {
            OptState::Velocity | OptState::SecondMoment => "v",
            OptState::History => "h",
            OptState::FirstMoment => "m",
        }
    }
}

/// Which running statistic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stat {
    /// The running mean.
    Mean,
    /// The running variance.
    Var,
}

impl Kind {
    /// True for a mask.
    pub fn is_mask(self) -> bool {
        matches!(self, Kind::Mask(_))
    }
}

/// A named matrix a step read or wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Operand {
    /// Display name, e.g. `X`, `W`, `dY`, `mask`.
    pub name: String,
    /// What it is, for code that must know (views, aids, exports).
    pub kind: Kind,
    /// The value at the time of the step.
    pub value: Matrix,
    /// For a value the backward pass reads from the forward cache: the index of the forward
    /// step that wrote it. This is why forward must run before backward.
    pub cached_at: Option<usize>,
    /// For a 4-D tensor (N×C×H×W, chapter 7): the shape of one sample; `value` holds it as
    /// N rows of C·H·W columns. `None` for an ordinary matrix.
    pub image: Option<ImageShape>,
}

impl Operand {
    /// An operand that is not read from the forward cache.
    pub fn new(kind: Kind, name: impl Into<String>, value: &Matrix) -> Self {
        Operand {
            name: name.into(),
            kind,
            value: value.clone(),
            cached_at: None,
            image: None,
        }
    }

    /// The same operand, as a 4-D tensor of samples shaped `image` (or a plain matrix for `None`).
    pub fn with_image(mut self, image: Option<ImageShape>) -> Self {
        self.image = image;
        self
    }

    /// [N, C, H, W] for a 4-D operand.
    pub fn dims4(&self) -> Option<[usize; 4]> {
        self.image.map(|s| s.dims(self.value.nrows()))
    }

    /// An operand read from the cache written by forward step `step`.
    pub fn cached(
        kind: Kind,
        name: impl Into<String>,
        value: &Matrix,
        step: Option<usize>,
    ) -> Self {
        Operand {
            cached_at: step,
            ..Operand::new(kind, name, value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cached_sentence_names_each_cached_operand() {
        let m = Matrix::zeros((1, 1));
        let reads = [
            Operand::new(Kind::Dout, "dout", &m),
            Operand::cached(Kind::Mask(MaskSense::TrueBlocks), "mask", &m, Some(2)),
        ];
        assert_eq!(reads[1].cached_at, Some(2));
        assert!(MaskSense::TrueBlocks.blocks(1.0) && !MaskSense::TrueBlocks.blocks(0.0));
        assert!(MaskSense::TrueKeeps.blocks(0.0) && !MaskSense::TrueKeeps.blocks(1.0));
        assert_eq!(Param::Gamma.key(), "gamma");
    }

    #[test]
    fn a_4d_operand_carries_its_sample_shape() {
        let m = Matrix::zeros((2, 18));
        let plain = Operand::new(Kind::Input, "x", &m);
        assert_eq!((plain.image, plain.dims4()), (None, None));
        let x = plain.with_image(Some(ImageShape::new(2, 3, 3)));
        assert_eq!(x.dims4(), Some([2, 2, 3, 3]));
    }
}
