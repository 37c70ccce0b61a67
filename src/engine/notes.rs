//! Prose the run adds to the tape: what `dout` is when a layer's backward starts.
//!
//! Only called when a recorder records (the closure passed to `prefix_next` never runs on the
//! fast path).

use super::Matrix;
use super::format::{first, n4, shape};
use super::network::Network;

/// The sentence that says what `dout` is when layer `i`'s backward starts.
pub fn dout_note(net: &Network, i: usize, dout: &Matrix, loss: Option<f64>) -> String {
    let l = &net.layers[i];
    if l.layer.kind().is_loss() {
        return format!(
            "Backward starts here, at the loss L = {}, from ∂L/∂L = 1.",
            loss.map(n4).unwrap_or_default()
        );
    }
    if i + 1 == net.layers.len() {
        return format!(
            "dout ({}) is the starting gradient: with L = Σ dout ⊙ out, dout[0,0] = {} = ∂L/∂out[0,0].",
            shape(dout),
            first(dout)
        );
    }
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
        l.name,
        shape(dout),
        i + 1,
        net.layers[i + 1].name,
        n4(v),
        n4(v)
    )
}
