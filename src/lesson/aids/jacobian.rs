//! The Jacobian view: the full matrix ∂out/∂in of one layer, and the check that backprop's
//! shortcut is `dout · J` without ever building J.
//!
//! J is computed by central differences on the layer's *forward* only (it never calls backward),
//! so agreeing with the run's `dx` is real evidence. Rows are the flattened outputs, columns the
//! flattened inputs, both row-major: row `i·C + j` is `out[i,j]`. For Softmax-with-Loss the output
//! is the scalar loss L, so J has one row. For Affine, Mul and Add, J is taken with respect to x
//! (the parameters stay fixed). For a layer with more than [`JACOBIAN_MAX_CELLS`] cells in or out
//! the view holds one block of J instead (see [`JacobianBlock`]): a batch row's `out[n,·]` against
//! `x[n,·]` (the loss: L against `x[n,·]`), or for BatchNorm in training a column's — J is zero
//! outside those blocks, so one block shows its structure at any size (the book-size net's
//! Affine1 is a 50×784 block of a 5000×78400 J) and `dout · block` is that row's `dx`. A block is
//! computed with the layer's forward-only fast path (the gradient check's), the loss by forward.

use anyhow::{Context, Result, ensure};

use crate::engine::Matrix;
use crate::engine::check::Delta;
use crate::engine::layer::{Kink, Layer, LayerKind};
use crate::engine::linalg::matmul;
use crate::engine::network::{Network, Run};
use crate::engine::tape::NoRecord;
use crate::i18n::format::{num, short};

/// The most cells the input or the output of a layer may have for the Jacobian view to show
/// all of J; a larger layer shows one block.
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
    /// Which part of J `matrix` holds.
    pub block: JacobianBlock,
    /// The cells of x that are the columns of `matrix`, in order.
    pub in_cells: Vec<(usize, usize)>,
    /// The cells of the output (or `(0, 0)` for L) that are the rows of `matrix`, in order.
    pub out_cells: Vec<(usize, usize)>,
    /// J (or its block): one row per output cell, one column per input cell.
    pub matrix: Matrix,
    /// The gradient that arrived at the block's output cells in the run (`[[1]]` for the loss).
    pub dout: Matrix,
    /// `dout` flattened times J, laid out like x (or like the block: a row 1×C, a column N×1).
    pub vjp: Matrix,
    /// The `dx` the layer's backward computed in the run, laid out like `vjp`.
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
        let (r, c) = self.out_cells.get(i).copied().unwrap_or_default();
        format!("out[{r},{c}]")
    }

    /// Label of column `j`: `x[r,c]`.
    pub fn col_label(&self, j: usize) -> String {
        let (r, c) = self.in_cells.get(j).copied().unwrap_or_default();
        format!("x[{r},{c}]")
    }

    /// How many blocks J has along its batch rows (or columns), when the view holds one.
    pub fn blocks(&self) -> usize {
        match self.block {
            JacobianBlock::Whole => 1,
            JacobianBlock::Row(_) => self.in_shape.0,
            JacobianBlock::Column(_) => self.in_shape.1,
        }
    }
}

/// Which part of J a view holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JacobianBlock {
    /// All of J (the layer has at most [`JACOBIAN_MAX_CELLS`] cells in and out).
    Whole,
    /// The block of batch row n: `out[n,·]` (or L) against `x[n,·]`. A row-wise layer's J is
    /// zero outside these blocks; for the loss, the rest of its one row belongs to other rows.
    Row(usize),
    /// The block of column j: `out[·,j]` against `x[·,j]` (BatchNorm in training, whose J is
    /// zero outside these blocks).
    Column(usize),
}

/// The Jacobian view of the layer that step `step` of the run belongs to; for a layer over
/// [`JACOBIAN_MAX_CELLS`] cells, the block that holds cell `cell` of the layer's output.
pub fn jacobian_for_step(
    net: &Network,
    run: &Run,
    step: usize,
    cell: (usize, usize),
) -> Result<JacobianView> {
    let s = run.tape.steps.get(step).with_context(|| {
        crate::t!(
            "err-no-step",
            step = (step + 1).to_string(),
            steps = run.tape.len()
        )
    })?;
    jacobian_at(net, run, s.layer, cell)
}

/// The Jacobian of layer `layer` at the input it received in `run` (its first block when the
/// layer is over [`JACOBIAN_MAX_CELLS`] cells).
pub fn jacobian(net: &Network, run: &Run, layer: usize) -> Result<JacobianView> {
    jacobian_at(net, run, layer, (0, 0))
}

/// The Jacobian of layer `layer`: whole when the layer has at most [`JACOBIAN_MAX_CELLS`] cells
/// in and out, else the block of the row (or, for a column-coupled layer, the column) of
/// `cell`, so its structure can be seen at any size.
pub fn jacobian_at(
    net: &Network,
    run: &Run,
    layer: usize,
    cell: (usize, usize),
) -> Result<JacobianView> {
    let named = net.layers.get(layer).with_context(|| {
        crate::t!(
            "err-no-layer",
            layer = (layer + 1).to_string(),
            layers = net.layers.len()
        )
    })?;
    let lr = run
        .layers
        .get(layer)
        .with_context(|| crate::t!("err-layer-not-in-run", layer = (layer + 1).to_string()))?;
    let kind = named.layer.kind();
    let is_loss = kind.is_loss();
    let x = &lr.input;
    let in_shape = x.dim();
    let out_shape = if is_loss { (1, 1) } else { lr.out.dim() };
    let (n_in, n_out) = (x.len(), out_shape.0 * out_shape.1);
    ensure!(
        n_in > 0,
        crate::t!("err-empty-input", name = named.name.as_str())
    );
    let block = if n_in <= JACOBIAN_MAX_CELLS && n_out <= JACOBIAN_MAX_CELLS {
        JacobianBlock::Whole
    } else if column_coupled(&named.layer) {
        JacobianBlock::Column(cell.1.min(in_shape.1 - 1))
    } else {
        JacobianBlock::Row(cell.0.min(in_shape.0 - 1))
    };
    let cells = |(rows, cols): (usize, usize)| -> Vec<(usize, usize)> {
        match block {
            JacobianBlock::Whole => (0..rows * cols).map(|k| (k / cols, k % cols)).collect(),
            JacobianBlock::Row(n) => (0..cols).map(|c| (n, c)).collect(),
            JacobianBlock::Column(j) => (0..rows).map(|r| (r, j)).collect(),
        }
    };
    let in_cells = cells(in_shape);
    let out_cells = if is_loss {
        vec![(0, 0)]
    } else {
        cells(out_shape)
    };
    let t = run.t.as_ref();
    // The output cells of the view when x[r,c] is v: forward on the changed x for the loss; the
    // layer's forward-only fast path (the gradient check's) for the rest, so a block of a large
    // Affine costs one row, not the whole batch.
    let eval = |(r, c): (usize, usize), v: f64| -> Result<Vec<f64>> {
        if is_loss {
            let mut moved = x.clone();
            moved[[r, c]] = v;
            let (_, cache) = named.layer.forward(&moved, t, &mut NoRecord)?;
            return cache
                .loss()
                .map(|l| vec![l])
                .with_context(|| crate::t!("err-no-loss"));
        }
        let delta = named.layer.propagate(x, &lr.out, Delta::Cell(r, c, v));
        out_cells
            .iter()
            .map(|&ix| read(&delta, &lr.out, ix))
            .collect::<Option<Vec<f64>>>()
            .with_context(|| crate::t!("err-output-shape-changed"))
    };
    let h = JACOBIAN_H;
    let mut j = Matrix::zeros((out_cells.len(), in_cells.len()));
    for (col, &(r, c)) in in_cells.iter().enumerate() {
        let v = x[[r, c]];
        let (fp, fm) = (eval((r, c), v + h)?, eval((r, c), v - h)?);
        for (row, (a, b)) in fp.iter().zip(fm.iter()).enumerate() {
            j[[row, col]] = (a - b) / (2.0 * h);
        }
    }
    ensure!(
        lr.dout.len() == n_out,
        crate::t!(
            "err-dout-cells",
            cells = lr.dout.len(),
            out = n_out.to_string()
        )
    );
    let pick = |m: &Matrix, cells: &[(usize, usize)]| -> Result<Vec<f64>> {
        cells
            .iter()
            .map(|&ix| m.get(ix).copied())
            .collect::<Option<Vec<f64>>>()
            .with_context(|| crate::t!("err-block-cell"))
    };
    let dout_cells = if is_loss {
        vec![lr.dout.iter().copied().next().unwrap_or(1.0)]
    } else {
        pick(&lr.dout, &out_cells)?
    };
    ensure!(lr.dx.dim() == in_shape, crate::t!("err-dx-shape"));
    // A block is laid out as it sits in the layer: a row as 1×C, a column as N×1.
    let lay = |values: Vec<f64>, shape: (usize, usize)| -> Result<Matrix> {
        let shape = match block {
            JacobianBlock::Whole => shape,
            JacobianBlock::Row(_) => (1, values.len()),
            JacobianBlock::Column(_) => (values.len(), 1),
        };
        Ok(Matrix::from_shape_vec(shape, values)?)
    };
    let dout_row = Matrix::from_shape_vec((1, dout_cells.len()), dout_cells.clone())?;
    let vjp = lay(
        matmul(dout_row.view(), j.view()).iter().copied().collect(),
        in_shape,
    )?;
    let dx = lay(pick(&lr.dx, &in_cells)?, in_shape)?;
    let dout = if is_loss {
        lr.dout.clone()
    } else {
        lay(dout_cells, out_shape)?
    };
    let kinks = kind.kinks();
    let kink_cells: Vec<(usize, usize)> = in_cells
        .iter()
        .copied()
        .filter(|&ix| kinks.iter().any(|k| (x[ix] - k.at).abs() < h))
        .collect();
    let max_abs_diff = in_cells
        .iter()
        .zip(vjp.iter().zip(dx.iter()))
        .filter(|(ix, _)| !kink_cells.contains(ix))
        .map(|(_, (a, b))| (a - b).abs())
        .fold(0.0, f64::max);
    let kink_note = kink_note(&named.name, kinks, x, &kink_cells, h);
    Ok(JacobianView {
        layer,
        layer_name: named.name.clone(),
        kind,
        of: if is_loss { "L" } else { "out" },
        in_shape,
        out_shape,
        block,
        in_cells,
        out_cells,
        matrix: j,
        dout,
        vjp,
        dx,
        max_abs_diff,
        kink_cells,
        kink_note,
        structure: named.layer.jacobian_structure(in_shape, lr.out.dim()),
        h,
    })
}

/// True for a layer whose outputs mix the rows of a column (BatchNorm in training): its J is
/// made of column blocks, not row blocks.
fn column_coupled(layer: &Layer) -> bool {
    matches!(layer, Layer::BatchNorm(bn) if bn.train)
}

/// Cell `ix` of the output a [`Delta`] describes against the base output `base`.
fn read(delta: &Delta, base: &Matrix, (r, c): (usize, usize)) -> Option<f64> {
    match delta {
        Delta::Cell(dr, dc, v) if (*dr, *dc) == (r, c) => Some(*v),
        Delta::Row(n, values) if *n == r => values.get(c).copied(),
        Delta::Col(j, values) if *j == c => values.get(r).copied(),
        Delta::Full(m) => m.get((r, c)).copied(),
        _ => base.get((r, c)).copied(),
    }
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
        named.push(crate::t!("jac-kink-more", n = cells.len() - 3));
    }
    Some(crate::t!(
        "jac-kink-note",
        cells = named.join(crate::t!("check-list-comma").as_str()),
        count = cells.len(),
        layer = layer,
        at = num(kink.at, 0),
        h = format!("{h:.0e}"),
        mid = num(kink.straddled_slope(v, h), 2),
        left = num(kink.slopes.0, 0),
        right = num(kink.slopes.1, 0),
        used = num(kink.backward_slope, 0),
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
                // a pooling window's tie is a corner of max: central differences give each tied
                // cell half, backward all to the first (np.argmax); the check says so
                // (ReLU's zeros tie too, in the convnet's pooling windows)
                let tied = run.tape.steps[run.layers[l].forward_steps.clone()]
                    .iter()
                    .filter(|s| s.op == crate::engine::Op::RowArgMax)
                    .flat_map(|s| s.reads[0].value.rows().into_iter().map(|r| r.to_vec()))
                    .any(|mut row| {
                        row.sort_by(|a, b| b.total_cmp(a));
                        row.len() > 1 && row[0] - row[1] <= JACOBIAN_H
                    });
                if tied {
                    continue;
                }
                assert!(b.name != "pooling", "the pooling preset's tie is found");
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
    fn a_large_layer_shows_the_block_of_the_selected_row() {
        // 10×8 through ReLU: 80 cells, over the whole-J limit. The block of row 3 is
        // out[3,·] × x[3,·], diagonal (1 where x > 0), and dout · block is dx[3,·].
        let text = r#"
x = { random = "normal", shape = [10, 8], seed = 1 }
[[layers]]
type = "relu"
"#;
        let p = Preset::from_toml(text, crate::preset::Source::Builtin("big".into())).unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        let v = jacobian_at(&p.network, &run, 0, (3, 5)).unwrap();
        assert_eq!(v.block, JacobianBlock::Row(3));
        assert_eq!(v.matrix.dim(), (8, 8));
        assert_eq!(v.blocks(), 10);
        assert_eq!(v.row_label(2), "out[3,2]");
        assert_eq!(v.col_label(7), "x[3,7]");
        assert_eq!(v.off_diagonal_max(), 0.0);
        let x = &run.layers[0].input;
        for c in 0..8 {
            let want = if x[[3, c]] > 0.0 { 1.0 } else { 0.0 };
            assert!((v.matrix[[c, c]] - want).abs() < 1e-9, "{c}");
        }
        assert_eq!(v.dx.dim(), (1, 8));
        assert_eq!(v.dx.row(0), run.layers[0].dx.row(3));
        assert!(v.max_abs_diff < 1e-9, "{}", v.max_abs_diff);
        // A row past the end is the last block; a missing step is an error.
        assert_eq!(
            jacobian_at(&p.network, &run, 0, (99, 0)).unwrap().block,
            JacobianBlock::Row(9)
        );
        assert!(jacobian_for_step(&p.network, &run, 99, (0, 0)).is_err());
    }

    #[test]
    fn blocks_of_the_book_size_net_match_dx_and_batch_norm_is_column_blocks() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/book-size.toml"
        ))
        .unwrap();
        let p = Preset::from_toml(&text, crate::preset::Source::Builtin("book".into())).unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        // Affine1 (100×784 → 100×50): row 7's block is W1ᵀ, 50×784.
        let a = jacobian_at(&p.network, &run, 0, (7, 0)).unwrap();
        assert_eq!(a.block, JacobianBlock::Row(7));
        assert_eq!(a.matrix.dim(), (50, 784));
        let w = p.network.layers[0].layer.params()[0].1.clone();
        assert!((a.matrix[[3, 100]] - w[[100, 3]]).abs() < 1e-8);
        assert!(a.max_abs_diff < 1e-8, "{}", a.max_abs_diff);
        // The loss: L's columns for x[7,·] are (y − t)[7,·]/N.
        let l = jacobian_at(&p.network, &run, 3, (7, 0)).unwrap();
        assert_eq!(l.matrix.dim(), (1, 10));
        assert_eq!(l.col_label(2), "x[7,2]");
        for c in 0..10 {
            assert!((l.matrix[[0, c]] - run.layers[3].dx[[7, c]]).abs() < 1e-7);
        }
        // BatchNorm in training couples the rows of a column: its blocks are columns.
        let text = r#"
x = { random = "normal", shape = [20, 5], seed = 1 }
[[layers]]
type = "batch_norm"
gamma = [1.0, 1.0, 1.0, 1.0, 1.0]
beta = [0.0, 0.0, 0.0, 0.0, 0.0]
"#;
        let p = Preset::from_toml(text, crate::preset::Source::Builtin("bn".into())).unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        let b = jacobian_at(&p.network, &run, 0, (0, 2)).unwrap();
        assert_eq!(b.block, JacobianBlock::Column(2));
        assert_eq!(b.matrix.dim(), (20, 20));
        assert_eq!(b.row_label(4), "out[4,2]");
        assert!(b.off_diagonal_max() > 1e-3, "the block is dense");
        assert!(b.max_abs_diff < 1e-6, "{}", b.max_abs_diff);
    }
}
