//! The Jacobian view: the full matrix ∂out/∂in of one layer, and the check that backprop's
//! shortcut is `dout · J` without ever building J.
//!
//! J is computed by central differences on the layer's *forward* only (it never calls backward),
//! so agreeing with the run's `dx` is real evidence. Rows are the flattened outputs, columns the
//! flattened inputs, both row-major: row `i·C + j` is `out[i,j]`. For Softmax-with-Loss the output
//! is the scalar loss L, so J has one row. For Affine, Mul and Add, J is taken with respect to x
//! (the parameters stay fixed). Layers with more than [`JACOBIAN_MAX_CELLS`] cells in or out are
//! refused with an error: the matrix would not fit on a screen.

use anyhow::{Context, Result, ensure};

use crate::engine::Matrix;
use crate::engine::format::{count, num, short};
use crate::engine::layer::{Kink, LayerKind};
use crate::engine::linalg::matmul;
use crate::engine::network::{Network, Run};
use crate::engine::tape::NoRecord;

/// The most cells the input or the output of a layer may have for the Jacobian view.
pub const JACOBIAN_MAX_CELLS: usize = 64;

/// The step of the central differences.
pub const JACOBIAN_H: f64 = 1e-5;

/// One layer's Jacobian and the vector–Jacobian product check.
#[derive(Debug, Clone)]
pub struct JacobianView {
    /// Layer index.
    pub layer: usize,
    /// Layer name.
    pub layer_name: String,
    /// Layer kind.
    pub kind: LayerKind,
    /// What is differentiated: `out`, or `L` for Softmax-with-Loss.
    pub of: &'static str,
    /// Shape of the input x.
    pub in_shape: (usize, usize),
    /// Shape of the output (1×1 for the loss).
    pub out_shape: (usize, usize),
    /// J: one row per output cell, one column per input cell, row-major flattening.
    pub matrix: Matrix,
    /// The gradient that arrived at the layer in the run (`[[1]]` for the loss).
    pub dout: Matrix,
    /// `dout` flattened times J, reshaped like x.
    pub vjp: Matrix,
    /// The `dx` the layer's backward computed in the run.
    pub dx: Matrix,
    /// max |vjp − dx| over the cells of x away from the layer's kinks.
    pub max_abs_diff: f64,
    /// Cells of x within h of a kink of the layer (ReLU's 0), where the layer has no derivative:
    /// their column of J is a central difference across the kink, not a derivative, so they are
    /// left out of `max_abs_diff`.
    pub kink_cells: Vec<(usize, usize)>,
    /// What happens at those cells, in words (`None` when there are none).
    pub kink_note: Option<String>,
    /// What structure J has and how the layer's shortcut uses it.
    pub structure: String,
    /// The central-difference step used.
    pub h: f64,
}

impl JacobianView {
    /// The largest |J\[i,j\]| off the diagonal (i ≠ j); 0 for a diagonal Jacobian.
    pub fn off_diagonal_max(&self) -> f64 {
        self.matrix
            .indexed_iter()
            .filter(|((i, j), _)| i != j)
            .map(|(_, v)| v.abs())
            .fold(0.0, f64::max)
    }

    /// Label of row `i`: `out[r,c]`, or `L`.
    pub fn row_label(&self, i: usize) -> String {
        if self.of == "L" {
            return "L".to_string();
        }
        let c = self.out_shape.1.max(1);
        format!("out[{},{}]", i / c, i % c)
    }

    /// Label of column `j`: `x[r,c]`.
    pub fn col_label(&self, j: usize) -> String {
        let c = self.in_shape.1.max(1);
        format!("x[{},{}]", j / c, j % c)
    }
}

/// The Jacobian view of the layer that step `step` of the run belongs to.
pub fn jacobian_for_step(net: &Network, run: &Run, step: usize) -> Result<JacobianView> {
    let s = run.tape.steps.get(step).with_context(|| {
        format!(
            "step {} does not exist: the tape has {}",
            step + 1,
            count(run.tape.len(), "step")
        )
    })?;
    jacobian(net, run, s.layer)
}

/// The Jacobian of layer `layer` at the input it received in `run`.
pub fn jacobian(net: &Network, run: &Run, layer: usize) -> Result<JacobianView> {
    let named = net.layers.get(layer).with_context(|| {
        format!(
            "layer {layer} does not exist: the network has {}",
            count(net.layers.len(), "layer")
        )
    })?;
    let lr = run.layers.get(layer).with_context(|| {
        format!("layer {layer} is not in this run: was it made by another network?")
    })?;
    let kind = named.layer.kind();
    let is_loss = kind.is_loss();
    let x = &lr.input;
    let in_shape = x.dim();
    let out_shape = if is_loss { (1, 1) } else { lr.out.dim() };
    let (n_in, n_out) = (x.len(), out_shape.0 * out_shape.1);
    ensure!(
        n_in <= JACOBIAN_MAX_CELLS && n_out <= JACOBIAN_MAX_CELLS,
        "the Jacobian view needs at most {JACOBIAN_MAX_CELLS} cells in and out; this layer ({}) has {}×{} = {n_in} in and {}×{} = {n_out} out",
        named.name,
        in_shape.0,
        in_shape.1,
        out_shape.0,
        out_shape.1
    );
    let t = run.t.as_ref();
    let eval = |x: &Matrix| -> Result<Vec<f64>> {
        let (out, cache) = named.layer.forward(x, t, &mut NoRecord)?;
        Ok(match cache.loss() {
            Some(loss) => vec![loss],
            None => out.iter().copied().collect(),
        })
    };
    let h = JACOBIAN_H;
    let mut j = Matrix::zeros((n_out, n_in));
    for col in 0..n_in {
        let (r, c) = (col / in_shape.1, col % in_shape.1);
        let mut plus = x.clone();
        plus[[r, c]] += h;
        let mut minus = x.clone();
        minus[[r, c]] -= h;
        let (fp, fm) = (eval(&plus)?, eval(&minus)?);
        ensure!(
            fp.len() == n_out && fm.len() == n_out,
            "the layer's output changed shape when x moved"
        );
        for (row, (a, b)) in fp.iter().zip(fm.iter()).enumerate() {
            j[[row, col]] = (a - b) / (2.0 * h);
        }
    }
    ensure!(
        lr.dout.len() == n_out,
        "dout has {} cells but the output has {n_out}",
        lr.dout.len()
    );
    let dout_row = Matrix::from_shape_vec((1, n_out), lr.dout.iter().copied().collect())?;
    let vjp = matmul(dout_row.view(), j.view()).into_shape_with_order(in_shape)?;
    ensure!(lr.dx.dim() == in_shape, "dx and x differ in shape");
    let kinks = kind.kinks();
    let kink_cells: Vec<(usize, usize)> = x
        .indexed_iter()
        .filter(|(_, v)| kinks.iter().any(|k| (*v - k.at).abs() < h))
        .map(|(ix, _)| ix)
        .collect();
    let max_abs_diff = (&vjp - &lr.dx)
        .indexed_iter()
        .filter(|(ix, _)| !kink_cells.contains(ix))
        .map(|(_, v)| v.abs())
        .fold(0.0, f64::max);
    let kink_note = kink_note(&named.name, kinks, x, &kink_cells, h);
    Ok(JacobianView {
        layer,
        layer_name: named.name.clone(),
        kind,
        of: if is_loss { "L" } else { "out" },
        in_shape,
        out_shape,
        matrix: j,
        dout: lr.dout.clone(),
        vjp,
        dx: lr.dx.clone(),
        max_abs_diff,
        kink_cells,
        kink_note,
        structure: named.layer.jacobian_structure(in_shape, lr.out.dim()),
        h,
    })
}

/// The sentence for the cells of x that sit within h of a kink: no derivative there, what the
/// central difference measured and what backprop uses instead.
fn kink_note(
    layer: &str,
    kinks: &[Kink],
    x: &Matrix,
    cells: &[(usize, usize)],
    h: f64,
) -> Option<String> {
    let &(r, c) = cells.first()?;
    let v = x[[r, c]];
    let kink = kinks
        .iter()
        .min_by(|a, b| (v - a.at).abs().total_cmp(&(v - b.at).abs()))?;
    let mut named: Vec<String> = cells
        .iter()
        .take(3)
        .map(|&(r, c)| format!("x[{r},{c}] = {}", short(x[[r, c]])))
        .collect();
    if cells.len() > 3 {
        named.push(format!("{} more", cells.len() - 3));
    }
    let (sit, cell) = if cells.len() == 1 {
        ("sits", "it is")
    } else {
        ("sit", "they are")
    };
    Some(format!(
        "{} {sit} on {layer}'s kink at {}, where {layer} has no derivative: the central difference \
         (h = {h:.0e}) gives {} there, between the side slopes {} and {}, and backprop uses {}; \
         {cell} left out of the comparison.",
        named.join(", "),
        num(kink.at, 0),
        num(kink.straddled_slope(v, h), 2),
        num(kink.slopes.0, 0),
        num(kink.slopes.1, 0),
        num(kink.backward_slope, 0),
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::preset::{BUILTINS, Preset};

    fn view(preset: &str, layer: usize) -> JacobianView {
        let p = Preset::builtin(preset).unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        jacobian(&p.network, &run, layer).unwrap()
    }

    #[test]
    fn vjp_equals_dx_on_every_builtin_layer_that_fits() {
        let mut checked = 0;
        for b in BUILTINS {
            let p = Preset::builtin(b.name).unwrap();
            let run = p.network.run(&p.inputs).unwrap();
            for l in 0..p.network.layers.len() {
                let v = jacobian(&p.network, &run, l).unwrap();
                let scale = v.dx.iter().fold(1.0_f64, |m, x| m.max(x.abs()));
                assert!(
                    v.max_abs_diff <= 1e-6 * scale,
                    "{} layer {l}: |dout·J − dx| = {:e}",
                    b.name,
                    v.max_abs_diff
                );
                checked += 1;
            }
        }
        assert!(checked >= 14, "only {checked} layers checked");
    }

    #[test]
    fn relu_and_sigmoid_are_exactly_diagonal() {
        let relu = view("relu", 0);
        assert_eq!(relu.matrix.dim(), (4, 4));
        assert_eq!(relu.off_diagonal_max(), 0.0);
        // x = [[1, −0.5], [−2, 3]]: the diagonal is the mask's negation.
        let diag: Vec<f64> = (0..4).map(|i| relu.matrix[[i, i]]).collect();
        for (got, want) in diag.iter().zip([1.0, 0.0, 0.0, 1.0]) {
            assert!((got - want).abs() < 1e-9, "{diag:?}");
        }
        let sig = view("sigmoid", 0);
        assert_eq!(sig.off_diagonal_max(), 0.0);
        // x[0,1] = 0: y = 0.5, so the diagonal entry is 0.25.
        assert!((sig.matrix[[1, 1]] - 0.25).abs() < 1e-9);
        let two = view("two-layer", 1);
        assert_eq!(two.off_diagonal_max(), 0.0);
    }

    #[test]
    fn softmax_is_block_diagonal_and_the_loss_is_one_row() {
        let soft = view("softmax", 0);
        assert_eq!(soft.matrix.dim(), (6, 6));
        // Row 0's outputs do not depend on row 1's inputs.
        for i in 0..3 {
            for j in 3..6 {
                assert_eq!(soft.matrix[[i, j]], 0.0);
                assert_eq!(soft.matrix[[j, i]], 0.0);
            }
        }
        // Within a block: diag(y) − y·yᵀ, so J[0,0] = y0(1 − y0) and J[0,1] = −y0·y1.
        let p = Preset::builtin("softmax").unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        let y = &run.layers[0].out;
        assert!((soft.matrix[[0, 0]] - y[[0, 0]] * (1.0 - y[[0, 0]])).abs() < 1e-8);
        assert!((soft.matrix[[0, 1]] + y[[0, 0]] * y[[0, 1]]).abs() < 1e-8);
        // the largest off-diagonal entry is the largest y_i·y_j of a row's pairs
        let pairs = [(0, 1), (0, 2), (1, 2)];
        let largest = (0..2)
            .flat_map(|n| pairs.iter().map(move |&(i, j)| y[[n, i]] * y[[n, j]]))
            .fold(0.0, f64::max);
        assert!(largest > 0.01);
        assert!((soft.off_diagonal_max() - largest).abs() < 1e-8);
        let loss = view("softmax-loss", 0);
        assert_eq!(loss.matrix.dim(), (1, 6));
        assert_eq!(loss.of, "L");
        // Row 0: (y − t)/N = (0.3, −0.8, 0.5)/2.
        for (j, want) in [0.15, -0.4, 0.25].into_iter().enumerate() {
            assert!((loss.matrix[[0, j]] - want).abs() < 1e-6);
        }
    }

    #[test]
    fn affine_holds_copies_of_w_transposed() {
        let v = view("affine", 0);
        assert_eq!(v.matrix.dim(), (8, 12));
        // ∂out[1,0]/∂x[1,2] = W[2,0] = −0.3; ∂out[0,0]/∂x[1,0] = 0.
        assert!((v.matrix[[2, 5]] + 0.3).abs() < 1e-9);
        assert_eq!(v.matrix[[0, 3]], 0.0);
        assert_eq!(v.row_label(3), "out[1,1]");
        assert_eq!(v.col_label(5), "x[1,2]");
    }

    #[test]
    fn relu_at_zero_has_no_derivative_and_backprop_uses_0() {
        let text = "x = [[0.0, -0.5], [2.0, 0.0]]\n[[layers]]\ntype = \"relu\"\n";
        let p = Preset::from_toml(text, crate::preset::Source::Builtin("kink".into())).unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        let v = jacobian(&p.network, &run, 0).unwrap();
        // the central difference across the corner is half of each side …
        assert_eq!(v.matrix[[0, 0]], 0.5);
        // … backprop's dx is 0 there; that is no mismatch, and the rest agrees exactly
        assert_eq!(v.dx[[0, 0]], 0.0);
        assert_eq!(v.kink_cells, [(0, 0), (1, 1)]);
        assert!(v.max_abs_diff < 1e-9, "{}", v.max_abs_diff);
        assert_eq!(
            v.kink_note.as_deref(),
            Some(
                "x[0,0] = 0, x[1,1] = 0 sit on ReLU's kink at 0, where ReLU has no derivative: the \
                 central difference (h = 1e-5) gives 0.50 there, between the side slopes 0 and 1, and \
                 backprop uses 0; they are left out of the comparison."
            )
        );
        // a cell exactly h away is not on the kink; three cells are named, a fourth counted
        let kinked = |x: &str| {
            let text = format!("x = [{x}]\n[[layers]]\ntype = \"relu\"\n");
            let p =
                Preset::from_toml(&text, crate::preset::Source::Builtin("kink".into())).unwrap();
            let run = p.network.run(&p.inputs).unwrap();
            jacobian(&p.network, &run, 0).unwrap()
        };
        let v = kinked("[0.0, 0.0, 1e-5, 0.0, 3.0]");
        assert_eq!(v.kink_cells, [(0, 0), (0, 1), (0, 3)]);
        let note = v.kink_note.unwrap();
        assert!(
            note.starts_with("x[0,0] = 0, x[0,1] = 0, x[0,3] = 0 sit on ReLU's kink"),
            "{note}"
        );
        let note = kinked("[0.0, 0.0, 0.0, 0.0]").kink_note.unwrap();
        assert!(
            note.starts_with("x[0,0] = 0, x[0,1] = 0, x[0,2] = 0, 1 more sit on ReLU's kink"),
            "{note}"
        );
        // smooth layers, and ReLU away from 0, have no note
        assert!(view("relu", 0).kink_note.is_none());
        assert!(view("sigmoid", 0).kink_note.is_none());
    }

    #[test]
    fn large_layers_are_refused_with_their_size() {
        let text = r#"
x = { random = "normal", shape = [10, 8], seed = 1 }
[[layers]]
type = "relu"
"#;
        let p = Preset::from_toml(text, crate::preset::Source::Builtin("big".into())).unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        let err = jacobian(&p.network, &run, 0).unwrap_err().to_string();
        assert!(err.contains("at most 64 cells"), "{err}");
        assert!(err.contains("10×8 = 80 in"), "{err}");
        assert!(jacobian_for_step(&p.network, &run, 99).is_err());
    }
}
