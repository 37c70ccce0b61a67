//! How far rounding in f64 can move the objective L, and so the numerical gradient.
//!
//! Every operation of the forward pass rounds its result to within a relative ε = 2.2e-16
//! (`f64::EPSILON`). To first order, an error e in a value v moves L by ∂L/∂v · e, and backprop
//! has just computed ∂L/∂v for every layer's output (its `dout`). So one evaluation of L is off by
//! at most about δL = ε · (4·|L| + Σ over layers of Σ |dout| ⊙ e), where e bounds what each
//! layer's own arithmetic adds to its output cells ([`LayerType::rounding`]: a dot product's
//! terms for Affine, the cancelling `x − μ` for BatchNorm, `x − max` for Softmax), plus the sum
//! Σ dout ⊙ out when the chain ends without a loss. A central difference divides two such
//! evaluations' difference by 2h, so it is good to about δL / h: a difference between backprop
//! and the numerical gradient below that is rounding, not a wrong gradient.
//!
//! [`LayerType::rounding`]: crate::engine::layer::LayerType::rounding

use crate::engine::layer::Layer;
use crate::engine::network::Run;

/// f64's machine epsilon, the relative rounding of one operation (2.2e-16).
pub const EPSILON: f64 = f64::EPSILON;

/// What an element-wise operation adds, for a node that is not a layer (a graph's `mul`,
/// `add`): 4·Σ |dout ⊙ out|, in units of ε.
pub fn elementwise(out: &crate::engine::Matrix, dout: &crate::engine::Matrix) -> f64 {
    if out.dim() != dout.dim() {
        return 0.0;
    }
    4.0 * out
        .iter()
        .zip(dout)
        .map(|(o, g)| (o * g).abs())
        .sum::<f64>()
}

/// δL for `run`, whose layers are `layers` in order (`None` for a graph's `mul`/`add` node).
pub fn objective_rounding<'a>(run: &Run, layers: impl Iterator<Item = Option<&'a Layer>>) -> f64 {
    let mut units = 4.0 * run.objective.abs();
    if let (Some(dout), Some(last)) = (&run.dout, run.layers.last()) {
        // Σ dout ⊙ out: a sum of as many terms as cells
        units += last.out.len() as f64 * elementwise(&last.out, dout) / 4.0;
    }
    for (lr, layer) in run.layers.iter().zip(layers) {
        units += match layer {
            Some(l) => l.rounding(&lr.input, &lr.out, &lr.dout, &lr.dx),
            None => elementwise(&lr.out, &lr.dout),
        };
    }
    EPSILON * units
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::preset::{Preset, Source};

    #[test]
    fn batch_norm_on_a_constant_column_rounds_a_thousand_times_more() {
        // x = [[1, 2], [1, 2]], γ = 1, β = 0: out is 0 and L = Σ out = 0, yet x − μ keeps
        // ε·(|x| + |μ|) of rounding, which x̂ = xc/std multiplies by 1/√1e-6 = 1000:
        // 2·1000·(2 + 2 + 4 + 4) = 24,000 ε, plus nothing from the zero output.
        let preset = Preset::from_toml(
            "x = [[1.0, 2.0], [1.0, 2.0]]\n[[layers]]\ntype = \"batch_norm\"\ngamma = [1.0, 1.0]\nbeta = [0.0, 0.0]\n",
            Source::File("bn.toml".into()),
        )
        .expect("preset");
        let run = preset.network.run(&preset.inputs).expect("runs");
        let got = objective_rounding(&run, preset.network.layers.iter().map(|l| Some(&l.layer)));
        let want = EPSILON * 24_000.0;
        assert!((got - want).abs() < 1e-3 * want, "{got} vs {want}");
    }

    #[test]
    fn a_loss_is_good_to_a_few_epsilon_times_its_size() {
        let preset = Preset::builtin("two-layer").expect("built-in");
        let run = preset.network.run(&preset.inputs).expect("runs");
        let got = objective_rounding(&run, preset.network.layers.iter().map(|l| Some(&l.layer)));
        // at least 4·|L|·ε, and not orders of magnitude more for a 2-row, 3-feature net
        assert!(got >= 4.0 * run.objective * EPSILON, "{got}");
        assert!(got < 100.0 * EPSILON, "{got}");
    }
}
