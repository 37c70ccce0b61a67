//! Notes the gradient check adds when a relative error can be large although backprop is right.
//!
//! Three causes, all facts about the network at these numbers rather than bugs:
//! - **a kink**: a layer without a derivative at some input value (ReLU at 0, see
//!   [`LayerKind::kinks`]) has input cells within h of it. A central difference across the kink
//!   measures a mix of the two sides' slopes, which is no derivative; backward uses the
//!   one-sided slope (ReLU: 0 for x ≤ 0, 1 for x > 0).
//! - **a constant column in BatchNorm**: a column with one value in every row (every column of
//!   a one-row batch) has var = 0, so only the book's 10e-7 stands between x̂ and 0/0.
//! - **the loss's guard**: Softmax-with-Loss computes `−log(y + 1e-7)` but backward's
//!   `(y − t)/N` is the derivative of `−log y`; for a tiny target probability y the two differ by
//!   `1e-7/(y + 1e-7)` in relative terms.
//!
//! Pure: the notes are found from the run and worded here, so the CLI (text and JSON) and the
//! explorer print the same sentences.

use crate::engine::layer::{BN_EPS, Kink, LOG_EPSILON, LayerKind};
use crate::engine::network::Run;
use crate::engine::operand::Kind;
use crate::i18n::format::{num, sci};

/// The smallest step [`KinkNote::suggested_h`] suggests: below it, rounding in f64 starts to
/// swamp the central difference itself (at the book's size, h = 1e-6 already shows relative
/// errors near 1e-3 from rounding alone).
pub const SMALLEST_SUGGESTED_H: f64 = 1e-8;

/// How much room the suggested step leaves: a perturbation moves the kinked layer's input by
/// the step times the factor it is multiplied by on the way (an input of the affine before it,
/// a weight), so the step is a quarter of the nearest distance, rounded down to a power of ten.
const SUGGESTED_H_MARGIN: f64 = 4.0;

/// Cells of one layer's input that lie within h of one of its kinks.
#[derive(Debug, Clone, PartialEq)]
pub struct KinkNote {
    /// Layer index (node index in a graph).
    pub layer: usize,
    /// Layer name.
    pub layer_name: String,
    /// Layer kind (which says what the kink is).
    pub kind: LayerKind,
    /// The kink.
    pub kink: Kink,
    /// Input cells with |x − kink| < h.
    pub near: usize,
    /// Input cells in all.
    pub cells: usize,
    /// Of `near`, the cells exactly at the kink, which no step avoids.
    pub exact: usize,
    /// The smallest non-zero distance to the kink among the `near` cells.
    pub nearest: Option<f64>,
    /// A step that clears every cell not exactly at the kink (a quarter of `nearest`, rounded
    /// down to a power of ten), unless that is below [`SMALLEST_SUGGESTED_H`].
    pub suggested_h: Option<f64>,
    /// How far rounding can move one evaluation of L (δL of [`super::rounding`]): at the
    /// suggested step the numerical gradient is only good to δL / step.
    pub rounding: f64,
    /// The check's tolerance, for the floor at the suggested step.
    pub tolerance: f64,
}

impl KinkNote {
    /// The floor of the relative error at the suggested step (see [`super::error_floor`]).
    pub fn suggested_floor(&self) -> Option<f64> {
        self.suggested_h
            .map(|s| super::error_floor(self.rounding, s, self.tolerance))
    }
}

/// Columns of a BatchNorm's input with one value in every row (all of them in a one-row batch).
#[derive(Debug, Clone, PartialEq)]
pub struct ConstantColumnNote {
    /// Layer index (node index in a graph).
    pub layer: usize,
    /// Layer name.
    pub layer_name: String,
    /// Rows of the batch.
    pub rows: usize,
    /// The constant columns.
    pub columns: Vec<usize>,
    /// Columns in all.
    pub of: usize,
    /// std there: √(0 + 10e-7).
    pub std: f64,
}

/// Target probabilities small enough that the loss's `+ 1e-7` shows in the check.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEpsilonNote {
    /// Layer index of the Softmax-with-Loss (node index in a graph).
    pub layer: usize,
    /// Its name.
    pub layer_name: String,
    /// Target cells (t ≠ 0) where the gap `1e-7/(y + 1e-7)` exceeds the tolerance.
    pub cells: usize,
    /// Row of the smallest target probability.
    pub row: usize,
    /// The smallest target probability y.
    pub smallest: f64,
    /// The relative gap there, `1e-7/(y + 1e-7)`.
    pub gap: f64,
}

/// Pooling windows whose two largest cells lie within h of each other: max has a corner there
/// (chapter 7), like ReLU's at 0.
#[derive(Debug, Clone, PartialEq)]
pub struct TieNote {
    /// Layer index.
    pub layer: usize,
    /// Layer name.
    pub layer_name: String,
    /// Windows (one per channel) whose largest two cells are within h.
    pub near: usize,
    /// Of `near`, the windows with an exact tie, which no step avoids.
    pub exact: usize,
    /// Windows in all.
    pub windows: usize,
}

/// Why a relative error can be large although backprop is right.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckNote {
    /// A pooling window's maximum is tied (or nearly) with another cell.
    Tie(TieNote),
    /// A layer's kink lies within h of some of its input cells.
    Kink(KinkNote),
    /// The loss's `log(y + 1e-7)` guard shows for tiny target probabilities.
    LogEpsilon(LogEpsilonNote),
    /// A BatchNorm column with var = 0: only the 10e-7 keeps x̂ from 0/0.
    ConstantColumn(ConstantColumnNote),
}

/// Every note that applies to `run` (of a chain, or a graph's chain-shaped view) with step `h`,
/// `tolerance` and the objective's rounding δL.
pub fn find(run: &Run, h: f64, tolerance: f64, rounding: f64) -> Vec<CheckNote> {
    let mut notes = Vec::new();
    for (i, lr) in run.layers.iter().enumerate() {
        let kind = lr.kind;
        for kink in kind.kinks() {
            if let Some(mut note) = kink_note(i, &lr.name, kind, *kink, &lr.input, h) {
                note.rounding = rounding;
                note.tolerance = tolerance;
                notes.push(CheckNote::Kink(note));
            }
        }
        // zeros from a ReLU before it cannot rise without crossing ReLU's kink (noted there)
        let after_relu = i > 0 && run.layers[i - 1].kind == LayerKind::Relu;
        if let Some(note) = tie_note(i, &lr.name, run, lr.forward_steps.clone(), h, after_relu) {
            notes.push(CheckNote::Tie(note));
        }
        // BatchNorm on the batch's own statistics: at test time the running variance is used
        // and a constant column is nothing special
        let batch_statistics = !run.tape.steps[lr.forward_steps.clone()]
            .iter()
            .any(|s| s.reads.iter().any(|o| matches!(o.kind, Kind::Running(_))));
        if kind == LayerKind::BatchNorm
            && (batch_statistics || lr.forward_steps.is_empty())
            && let Some(note) = constant_column_note(i, &lr.name, &lr.input)
        {
            notes.push(CheckNote::ConstantColumn(note));
        }
        if kind == LayerKind::SoftmaxWithLoss
            && let Some(t) = &run.t
            && let Some(note) = log_epsilon_note(i, &lr.name, &lr.out, t, tolerance)
        {
            notes.push(CheckNote::LogEpsilon(note));
        }
    }
    notes
}

fn kink_note(
    layer: usize,
    name: &str,
    kind: LayerKind,
    kink: Kink,
    input: &crate::engine::Matrix,
    h: f64,
) -> Option<KinkNote> {
    let distances: Vec<f64> = input
        .iter()
        .map(|&x| (x - kink.at).abs())
        .filter(|&d| d < h)
        .collect();
    if distances.is_empty() {
        return None;
    }
    let exact = distances.iter().filter(|&&d| d == 0.0).count();
    let nearest = distances
        .iter()
        .copied()
        .filter(|&d| d > 0.0)
        .min_by(f64::total_cmp);
    let suggested_h = nearest
        .map(|d| 10f64.powi((d / SUGGESTED_H_MARGIN).log10().floor() as i32))
        .filter(|&s| s >= SMALLEST_SUGGESTED_H);
    Some(KinkNote {
        layer,
        layer_name: name.to_string(),
        kind,
        kink,
        near: distances.len(),
        cells: input.len(),
        exact,
        nearest,
        suggested_h,
        rounding: 0.0,
        tolerance: 0.0,
    })
}

fn constant_column_note(
    layer: usize,
    name: &str,
    input: &crate::engine::Matrix,
) -> Option<ConstantColumnNote> {
    let columns: Vec<usize> = input
        .columns()
        .into_iter()
        .enumerate()
        .filter(|(_, c)| c.iter().all(|&v| v == c[0]))
        .map(|(j, _)| j)
        .collect();
    (!columns.is_empty()).then(|| ConstantColumnNote {
        layer,
        layer_name: name.to_string(),
        rows: input.nrows(),
        columns,
        of: input.ncols(),
        std: BN_EPS.sqrt(),
    })
}

fn log_epsilon_note(
    layer: usize,
    name: &str,
    y: &crate::engine::Matrix,
    t: &crate::engine::Matrix,
    tolerance: f64,
) -> Option<LogEpsilonNote> {
    let gap = |p: f64| LOG_EPSILON / (p + LOG_EPSILON);
    let targets: Vec<((usize, usize), f64)> = y
        .indexed_iter()
        .filter(|(ix, _)| t.get(*ix).is_some_and(|&q| q != 0.0))
        .map(|(ix, &p)| (ix, p))
        .collect();
    let cells = targets.iter().filter(|(_, p)| gap(*p) > tolerance).count();
    let ((row, _), smallest) = targets.into_iter().min_by(|a, b| a.1.total_cmp(&b.1))?;
    (cells > 0).then(|| LogEpsilonNote {
        layer,
        layer_name: name.to_string(),
        cells,
        row,
        smallest,
        gap: gap(smallest),
    })
}

/// The windows of a pooling layer (the rows its `arg_max` step read) whose two largest cells are
/// within `h`; after a ReLU, a window whose maximum is one of ReLU's zeros does not count.
fn tie_note(
    layer: usize,
    name: &str,
    run: &Run,
    steps: std::ops::Range<usize>,
    h: f64,
    after_relu: bool,
) -> Option<TieNote> {
    let step = run
        .tape
        .steps
        .get(steps)?
        .iter()
        .find(|s| s.op == crate::engine::Op::RowArgMax)?;
    let rows = &step.reads.first()?.value;
    let (mut near, mut exact) = (0, 0);
    for row in rows.rows() {
        let mut v: Vec<f64> = row.to_vec();
        v.sort_by(|a, b| b.total_cmp(a));
        if let [first, second, ..] = v.as_slice() {
            let gap = first - second;
            if gap <= h && !(after_relu && *first == 0.0) {
                near += 1;
                exact += usize::from(gap == 0.0);
            }
        }
    }
    (near > 0).then(|| TieNote {
        layer,
        layer_name: name.to_string(),
        near,
        exact,
        windows: rows.nrows(),
    })
}

impl CheckNote {
    /// A short kind for JSON: `kink`, `log_epsilon` or `constant_column`.
    pub fn kind(&self) -> &'static str {
        match self {
            CheckNote::Kink(_) => "kink",
            CheckNote::Tie(_) => "tie",
            CheckNote::LogEpsilon(_) => "log_epsilon",
            CheckNote::ConstantColumn(_) => "constant_column",
        }
    }

    /// The layer (node) index the note is about.
    pub fn layer(&self) -> usize {
        match self {
            CheckNote::Kink(k) => k.layer,
            CheckNote::Tie(t) => t.layer,
            CheckNote::LogEpsilon(e) => e.layer,
            CheckNote::ConstantColumn(c) => c.layer,
        }
    }

    /// The note as sentences, with the numbers of this check (`h` is its step), advising the
    /// command line's `--eps` where a smaller step helps.
    pub fn text(&self, h: f64) -> String {
        self.text_with(h, &|s| crate::t!("check-with-eps", eps = short_sci(s)))
    }

    /// [`CheckNote::text`], with `change(step)` saying how to check at another step (the
    /// explorer names its keys).
    pub fn text_with(&self, h: f64, change: &dyn Fn(f64) -> String) -> String {
        match self {
            CheckNote::Kink(k) => kink_text(k, h, change),
            CheckNote::Tie(t) => crate::t!(
                "pool-tie-note",
                name = t.layer_name.as_str(),
                near = t.near,
                windows = t.windows,
                exact = t.exact,
                h = sci(h)
            ),
            CheckNote::LogEpsilon(e) => log_epsilon_text(e),
            CheckNote::ConstantColumn(c) => constant_column_text(c),
        }
    }
}

/// `1e-8`, the way `--eps` takes it.
pub fn short_sci(v: f64) -> String {
    format!("{v:e}")
}

fn kink_text(k: &KinkNote, h: f64, change: &dyn Fn(f64) -> String) -> String {
    let at = num(k.kink.at, 0);
    let (left, right) = (num(k.kink.slopes.0, 0), num(k.kink.slopes.1, 0));
    let used = num(k.kink.backward_slope, 0);
    let nearest = match k.nearest {
        Some(d) => crate::t!("check-kink-nearest", d = sci(d)),
        None => String::new(),
    };
    // backward's slope at the kink itself is one side's: say which side owns the kink
    let (le, gt) = if k.kink.backward_slope == k.kink.slopes.1 {
        ("<", "≥")
    } else {
        ("≤", ">")
    };
    let exact = if k.exact > 0 {
        let mid = k.kink.straddled_slope(k.kink.at, h);
        crate::t!(
            "check-kink-exact",
            exact = k.exact,
            at = at.as_str(),
            mid = num(mid, 1),
            used = used.as_str()
        )
    } else {
        String::new()
    };
    let step = match (k.suggested_h, k.suggested_floor()) {
        (Some(s), Some(floor)) => crate::t!(
            "check-kink-smaller-step",
            which = match (k.exact, k.near - k.exact) {
                (0, 1) => "it",
                (0, _) => "them",
                (_, 1) => "other",
                _ => "others",
            },
            change = change(s),
            s = sci(s),
            good = sci(k.rounding / s),
            floor = sci(floor),
        ),
        _ if k.exact < k.near => crate::t!("check-kink-too-close"),
        _ => String::new(),
    };
    crate::t!(
        "check-kink",
        name = k.layer_name.as_str(),
        near = k.near,
        cells = k.cells,
        h = sci(h),
        at = at,
        nearest = nearest,
        left = left,
        right = right,
        le = le,
        gt = gt,
        exact = exact,
        step = step,
    )
}

fn log_epsilon_text(e: &LogEpsilonNote) -> String {
    let others = if e.cells > 1 {
        crate::t!("check-log-epsilon-others", cells = e.cells)
    } else {
        String::new()
    };
    crate::t!(
        "check-log-epsilon",
        name = e.layer_name.as_str(),
        row = e.row,
        y = sci(e.smallest),
        others = others,
        gap = sci(e.gap),
    )
}

fn constant_column_text(c: &ConstantColumnNote) -> String {
    let cols = c.columns.iter().map(|j| j.to_string()).collect::<Vec<_>>();
    let cols = match cols.split_last() {
        Some((last, rest)) if !rest.is_empty() => crate::t!(
            "check-list-and",
            rest = rest.join(crate::t!("check-list-comma").as_str()),
            last = last.as_str()
        ),
        _ => cols.join(""),
    };
    if c.rows == 1 {
        return crate::t!("check-constant-one-row", name = c.layer_name.as_str());
    }
    crate::t!(
        "check-constant-columns",
        name = c.layer_name.as_str(),
        which = if c.columns.len() == c.of && c.of > 1 {
            "every"
        } else if c.columns.len() == 1 {
            "one"
        } else {
            "some"
        },
        cols = cols,
        std = sci(c.std),
        gain = num(1.0 / c.std, 0),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::engine::Matrix;
    use ndarray::array;

    fn relu_kink() -> Kink {
        LayerKind::Relu.kinks()[0]
    }

    #[test]
    fn relu_says_where_its_kink_is() {
        assert_eq!(relu_kink().at, 0.0);
        assert_eq!(relu_kink().slopes, (0.0, 1.0));
        assert_eq!(relu_kink().backward_slope, 0.0);
        assert!(LayerKind::Affine.kinks().is_empty());
        assert!(LayerKind::Sigmoid.kinks().is_empty());
        // a step centred on the kink sees half of each side
        assert_eq!(relu_kink().straddled_slope(0.0, 1e-4), 0.5);
        assert!((relu_kink().straddled_slope(5e-5, 1e-4) - 0.75).abs() < 1e-12);
        assert_eq!(relu_kink().straddled_slope(-3e-4, 1e-4), 0.0);
        // any two slopes, weighted by the share of the step on each side: a kink at 1 with
        // slopes 0.5 and 3, x = 1.05, h = 0.1: a quarter of [0.95, 1.15] lies left of it
        let k = Kink {
            at: 1.0,
            slopes: (0.5, 3.0),
            backward_slope: 0.5,
        };
        assert!((k.straddled_slope(1.05, 0.1) - (0.25 * 0.5 + 0.75 * 3.0)).abs() < 1e-12);
    }

    #[test]
    fn kink_cells_are_counted_and_a_step_suggested() {
        let x: Matrix = array![[3.2e-7, -0.5, 0.0], [-4e-5, 2.0, 1.0]];
        let mut k = kink_note(1, "ReLU", LayerKind::Relu, relu_kink(), &x, 1e-4).unwrap();
        assert_eq!((k.near, k.cells, k.exact), (3, 6, 1));
        assert_eq!(k.nearest, Some(3.2e-7));
        assert_eq!(k.suggested_h, Some(1e-8));
        // L good to ±2e-15: at h = 1e-8 a central difference is good to ±2e-7, so with a
        // tolerance of 1e-4 gradients below 2e-3 are compared by absolute difference
        (k.rounding, k.tolerance) = (2e-15, 1e-4);
        assert!((k.suggested_floor().unwrap() - 2e-3).abs() < 1e-12);
        let note = CheckNote::Kink(k);
        assert_eq!(
            note.text(1e-4),
            "ReLU: 3 of 6 input cells lie within h = 1.00e-4 of its kink at 0 (the nearest \
             3.20e-7 away), where ReLU has no derivative: a central difference across the kink \
             measures a slope between 0 and 1, which is not a derivative, while backprop uses the \
             one-sided slope, 0 for x ≤ 0 and 1 for x > 0. Those cells, not backprop, can explain \
             a large error. 1 sits exactly at 0: no step avoids the kink there (the central \
             difference gives 0.5, backprop 0). A smaller step avoids the others: check with \
             --eps 1e-8. Rounding then weighs more: at h = 1.00e-8 the numerical gradient is only \
             good to ±2.00e-7, so gradients below 2.00e-3 are compared by absolute difference \
             only, and their relative errors go unchecked."
        );
        // the explorer words the change of step its own way
        assert!(
            note.text_with(1e-4, &|s| format!("press [ to check at h = {s:e}"))
                .contains(
                    "A smaller step avoids the others: press [ to check at h = 1e-8. Rounding"
                )
        );
        // a kink whose slope at the point itself is the right-hand one says so
        let right = Kink {
            at: 0.0,
            slopes: (0.0, 1.0),
            backward_slope: 1.0,
        };
        let k = kink_note(0, "K", LayerKind::Relu, right, &array![[1e-5]], 1e-4).unwrap();
        assert!(
            CheckNote::Kink(k)
                .text(1e-4)
                .contains("the one-sided slope, 0 for x < 0 and 1 for x ≥ 0.")
        );
        // nothing within h: no note; a cell 1e-8 away: no step worth suggesting
        assert!(
            kink_note(
                1,
                "ReLU",
                LayerKind::Relu,
                relu_kink(),
                &array![[1.0, -1.0]],
                1e-4
            )
            .is_none()
        );
        let k = kink_note(1, "R", LayerKind::Relu, relu_kink(), &array![[1e-8]], 1e-4).unwrap();
        assert_eq!(k.suggested_h, None);
        assert!(
            CheckNote::Kink(k)
                .text(1e-4)
                .ends_with("too close for any step f64 can resolve: their errors are the kink's.")
        );
    }

    #[test]
    fn kink_edges_one_near_cell_and_all_cells_exactly_at_the_kink() {
        // a cell exactly h away is not within h
        assert!(kink_note(0, "R", LayerKind::Relu, relu_kink(), &array![[1e-4]], 1e-4).is_none());
        // distances are measured from the kink, wherever it sits
        let at_one = Kink {
            at: 1.0,
            slopes: (0.0, 1.0),
            backward_slope: 0.0,
        };
        let k = kink_note(
            0,
            "K",
            LayerKind::Relu,
            at_one,
            &array![[1.00001, 5.0]],
            1e-4,
        )
        .unwrap();
        assert_eq!((k.near, k.exact), (1, 0));
        // one cell near, none exactly at it: no "exactly at" sentence
        let mut k = kink_note(
            2,
            "ReLU",
            LayerKind::Relu,
            relu_kink(),
            &array![[2e-6, 3.0]],
            1e-4,
        )
        .unwrap();
        (k.rounding, k.tolerance) = (1e-15, 1e-3);
        assert_eq!(
            CheckNote::Kink(k).text(1e-4),
            "ReLU: 1 of 2 input cells lies within h = 1.00e-4 of its kink at 0 (the nearest \
             2.00e-6 away), where ReLU has no derivative: a central difference across the kink \
             measures a slope between 0 and 1, which is not a derivative, while backprop uses the \
             one-sided slope, 0 for x ≤ 0 and 1 for x > 0. That cell, not backprop, can explain a \
             large error. A smaller step avoids it: check with --eps 1e-7. Rounding then weighs \
             more: at h = 1.00e-7 the numerical gradient is only good to ±1.00e-8, so gradients \
             below 1.00e-5 are compared by absolute difference only, and their relative errors go \
             unchecked."
        );
        // every near cell exactly at the kink: nothing for a smaller step, and no "others"
        let k = kink_note(
            0,
            "R",
            LayerKind::Relu,
            relu_kink(),
            &array![[0.0, 0.0]],
            1e-4,
        )
        .unwrap();
        assert_eq!((k.exact, k.suggested_h), (2, None));
        let text = CheckNote::Kink(k).text(1e-4);
        assert!(
            text.ends_with("(the central difference gives 0.5, backprop 0)."),
            "{text}"
        );
        assert_eq!(
            CheckNote::Kink(
                kink_note(0, "R", LayerKind::Relu, relu_kink(), &array![[0.0]], 1e-4).unwrap()
            )
            .kind(),
            "kink"
        );
    }

    #[test]
    fn a_tiny_target_probability_gets_the_log_epsilon_note() {
        let y: Matrix = array![[6.1e-6, 0.99999, 3e-6], [0.3, 0.4, 0.3]];
        let t: Matrix = array![[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]];
        let e = log_epsilon_note(3, "Softmax-with-Loss", &y, &t, 1e-4).unwrap();
        assert_eq!((e.cells, e.row, e.smallest), (1, 0, 6.1e-6));
        assert!((e.gap - 1e-7 / (6.1e-6 + 1e-7)).abs() < 1e-15);
        assert!(CheckNote::LogEpsilon(e).text(1e-4).contains(
            "the target probability of row 0 is y = 6.10e-6. The loss is −log(y + 1e-7)"
        ));
        // two tiny target probabilities: the note quotes the smallest and counts both
        let y: Matrix = array![[6.1e-6, 0.9], [0.99, 3e-6]];
        let t: Matrix = array![[1.0, 0.0], [0.0, 1.0]];
        let e = log_epsilon_note(3, "L", &y, &t, 1e-4).unwrap();
        assert_eq!((e.cells, e.row, e.smallest), (2, 1, 3e-6));
        assert!(CheckNote::LogEpsilon(e).text(1e-4).contains(
            "of row 1 is y = 3.00e-6 (2 target cells have a gap above the tolerance). The loss"
        ));
        // ordinary probabilities: no note
        assert!(log_epsilon_note(3, "L", &array![[0.2, 0.8]], &array![[1.0, 0.0]], 1e-4).is_none());
        // a gap exactly at the tolerance is not above it
        let p = 1e-3;
        let at = LOG_EPSILON / (p + LOG_EPSILON);
        assert!(log_epsilon_note(0, "L", &array![[p]], &array![[1.0]], at).is_none());
        let e = log_epsilon_note(0, "L", &array![[p]], &array![[1.0]], at * 0.999).unwrap();
        assert_eq!(CheckNote::LogEpsilon(e).kind(), "log_epsilon");
    }
}
