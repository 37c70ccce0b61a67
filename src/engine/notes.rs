//! What the run adds to the tape's notes: what `dout` is when a layer's backward starts, as a
//! message with its numbers (the narration module writes it out).
//!
//! Only called when a recorder records (the closure passed to `prefix_next` never runs on the
//! fast path).

use super::Matrix;
use super::layer::LayerKind;
use crate::i18n::Msg;
use crate::i18n::format::{first, n4, shape};

/// The sentence that says what `dout` is when layer `name` (of `kind`) starts its backward;
/// `next` is the name of the layer after it, whose dx this is (none for the last layer). Layers
/// are named, never numbered: a person counts from 1 and the tape from 0.
///
/// A layer whose steps call the gradient something other than the book's `dout` (Affine's `dY`)
/// says once that it is the book's `dout`, so one screen uses one name.
pub fn dout_note(
    name: &str,
    kind: LayerKind,
    next: Option<&str>,
    dout: &Matrix,
    loss: Option<f64>,
) -> Msg {
    if kind.is_loss() {
        return crate::msg!("narr-dout-loss", loss = loss.map(n4).unwrap_or_default());
    }
    let (d, out) = (kind.dout_name(), kind.output_name());
    // a layer that calls dout by another name says once that it is the book's dout
    let book = if d == "dout" { "no" } else { "yes" };
    let Some(next) = next else {
        return crate::msg!(
            "narr-dout-start",
            d = d,
            shape = shape(dout),
            book = book,
            out = out,
            first = first(dout)
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
    crate::msg!(
        "narr-dout-arrives",
        d = d,
        book = book,
        out = out,
        name = name,
        shape = shape(dout),
        next = next,
        r = r,
        c = c,
        v = n4(v)
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
        let note = dout_note("ReLU", LayerKind::Relu, Some("Affine2"), &dout, None).render();
        assert_eq!(
            note,
            "dout = ∂L/∂out of ReLU (2×2) arrives from Affine2, the next layer, as its dx; dout[0,1] = -0.5000: nudge out[0,1] by h and L moves by about -0.5000·h."
        );
        // all zeros: the first cell
        let zeros = Matrix::zeros((1, 3));
        let note = dout_note("ReLU", LayerKind::Relu, Some("Affine2"), &zeros, None).render();
        assert!(note.contains("dout[0,0] = 0.0000"), "{note}");
    }

    #[test]
    fn affine_names_its_gradient_dy_and_says_once_it_is_the_books_dout() {
        let dy = Matrix::from_shape_vec((1, 2), vec![0.25, -0.5]).unwrap_or_default();
        let note = dout_note(
            "Affine2",
            LayerKind::Affine,
            Some("Softmax-with-Loss"),
            &dy,
            None,
        )
        .render();
        assert_eq!(
            note,
            "dY (the book's dout = ∂L/∂Y) of Affine2 (1×2) arrives from Softmax-with-Loss, the next layer, as its dx; dY[0,1] = -0.5000: nudge Y[0,1] by h and L moves by about -0.5000·h."
        );
    }
}
