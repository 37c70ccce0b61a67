//! Prose the run adds to the tape: what `dout` is when a layer's backward starts.
//!
//! Only called when a recorder records (the closure passed to `prefix_next` never runs on the
//! fast path).

use super::Matrix;
use super::format::{first, n4, shape};
use super::layer::LayerKind;

/// The sentence that says what `dout` is when layer `i` (called `name`, of `kind`) starts its
/// backward; `next` is the layer after it, whose dx this is (none for the last layer).
pub fn dout_note(
    i: usize,
    name: &str,
    kind: LayerKind,
    next: Option<&str>,
    dout: &Matrix,
    loss: Option<f64>,
) -> String {
    if kind.is_loss() {
        return format!(
            "Backward starts here, at the loss L = {}, from ∂L/∂L = 1.",
            loss.map(n4).unwrap_or_default()
        );
    }
    let Some(next) = next else {
        return format!(
            "dout ({}) is the starting gradient: with L = Σ dout ⊙ out, dout[0,0] = {} = ∂L/∂out[0,0].",
            shape(dout),
            first(dout)
        );
    };
    // Quote the cell with the largest gradient: it shows best what dout means.
    let (r, c, v) = dout
        .indexed_iter()
        .fold((0, 0, 0.0f64), |best, ((r, c), &v)| {
            if v.abs() > best.2.abs() {
                (r, c, v)
            } else {
                best
            }
        });
    format!(
        "dout = ∂L/∂out of {} ({}), arriving from layer {} ({}) as its dx; dout[{r},{c}] = {}: nudge out[{r},{c}] by h and L moves by about {}·h.",
        name,
        shape(dout),
        i + 1,
        next,
        n4(v),
        n4(v)
    )
}

#[cfg(test)]
mod tests {
    use super::dout_note;
    use crate::engine::Matrix;
    use crate::engine::layer::LayerKind;

    #[test]
    fn the_note_quotes_the_first_cell_of_largest_magnitude() {
        let dout = Matrix::from_shape_vec((2, 2), vec![0.1, -0.5, 0.5, 0.2]).unwrap_or_default();
        let note = dout_note(0, "ReLU", LayerKind::Relu, Some("Affine2"), &dout, None);
        assert_eq!(
            note,
            "dout = ∂L/∂out of ReLU (2×2), arriving from layer 1 (Affine2) as its dx; dout[0,1] = -0.5000: nudge out[0,1] by h and L moves by about -0.5000·h."
        );
        // all zeros: the first cell
        let zeros = Matrix::zeros((1, 3));
        let note = dout_note(0, "ReLU", LayerKind::Relu, Some("Affine2"), &zeros, None);
        assert!(note.contains("dout[0,0] = 0.0000"), "{note}");
    }
}
