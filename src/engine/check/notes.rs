//! Notes the gradient check adds when a relative error can be large although backprop is right.
//!
//! Two causes, both facts about the network at these numbers rather than bugs:
//! - **a kink**: a layer without a derivative at some input value (ReLU at 0, see
//!   [`LayerKind::kinks`]) has input cells within h of it. A central difference across the kink
//!   measures a mix of the two sides' slopes, which is no derivative; backward uses the slope
//!   the layer picks there (ReLU: 0).
//! - **the loss's guard**: Softmax-with-Loss computes `−log(y + 1e-7)` but backward's
//!   `(y − t)/N` is the derivative of `−log y`; for a tiny target probability y the two differ by
//!   `1e-7/(y + 1e-7)` in relative terms.
//!
//! Pure: the notes are found from the run and worded here, so the CLI (text and JSON) and the
//! explorer print the same sentences.

use crate::engine::format::{count, num, sci};
use crate::engine::layer::{Kink, LOG_EPSILON, LayerKind};
use crate::engine::network::Run;

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
    /// In a graph preset: the text says "node", not "layer".
    pub in_graph: bool,
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
}

/// Target probabilities small enough that the loss's `+ 1e-7` shows in the check.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEpsilonNote {
    /// Layer index of the Softmax-with-Loss (node index in a graph).
    pub layer: usize,
    /// In a graph preset: the text says "node", not "layer".
    pub in_graph: bool,
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

/// Why a relative error can be large although backprop is right.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckNote {
    /// A layer's kink lies within h of some of its input cells.
    Kink(KinkNote),
    /// The loss's `log(y + 1e-7)` guard shows for tiny target probabilities.
    LogEpsilon(LogEpsilonNote),
}

/// Every note that applies to `run` (of a chain, or a graph's chain-shaped view) with step `h`
/// and `tolerance`.
pub fn find(run: &Run, h: f64, tolerance: f64) -> Vec<CheckNote> {
    let mut notes = Vec::new();
    for (i, lr) in run.layers.iter().enumerate() {
        let kind = lr.kind;
        for kink in kind.kinks() {
            if let Some(note) = kink_note(i, &lr.name, kind, *kink, &lr.input, h) {
                notes.push(CheckNote::Kink(note));
            }
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
        in_graph: false,
        layer_name: name.to_string(),
        kind,
        kink,
        near: distances.len(),
        cells: input.len(),
        exact,
        nearest,
        suggested_h,
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
        in_graph: false,
        layer_name: name.to_string(),
        cells,
        row,
        smallest,
        gap: gap(smallest),
    })
}

impl CheckNote {
    /// The same note, worded for a graph preset ("node 2", not "layer 2").
    pub fn in_graph(mut self) -> CheckNote {
        match &mut self {
            CheckNote::Kink(k) => k.in_graph = true,
            CheckNote::LogEpsilon(e) => e.in_graph = true,
        }
        self
    }

    /// A short kind for JSON: `kink` or `log_epsilon`.
    pub fn kind(&self) -> &'static str {
        match self {
            CheckNote::Kink(_) => "kink",
            CheckNote::LogEpsilon(_) => "log_epsilon",
        }
    }

    /// The note as sentences, with the numbers of this check (`h` is its step).
    pub fn text(&self, h: f64) -> String {
        match self {
            CheckNote::Kink(k) => kink_text(k, h),
            CheckNote::LogEpsilon(e) => log_epsilon_text(e),
        }
    }
}

fn kink_text(k: &KinkNote, h: f64) -> String {
    let at = num(k.kink.at, 0);
    let (left, right) = (num(k.kink.slopes.0, 0), num(k.kink.slopes.1, 0));
    let used = num(k.kink.backward_slope, 0);
    let nearest = match k.nearest {
        Some(d) => format!(" (the nearest {} away)", sci(d)),
        None => String::new(),
    };
    let mut text = format!(
        "{name} ({unit} {layer}): {near} of {cells} {lie} within h = {h} of its kink at {at}{nearest}, \
         where {name} has no derivative: a central difference across the kink measures a slope \
         between {left} and {right}, which is not a derivative, while backprop uses {used} there. \
         {those}, not backprop, can explain a large error.",
        those = if k.near == 1 {
            "That cell"
        } else {
            "Those cells"
        },
        name = k.layer_name,
        layer = k.layer,
        unit = if k.in_graph { "node" } else { "layer" },
        near = k.near,
        lie = if k.near == 1 { "lies" } else { "lie" },
        cells = count(k.cells, "input cell"),
        h = sci(h),
    );
    if k.exact > 0 {
        let mid = k.kink.straddled_slope(k.kink.at, h);
        text.push_str(&format!(
            " {} exactly at {at}: no step avoids the kink there (the central difference gives {}, backprop {used}).",
            if k.exact == 1 {
                "1 sits".to_string()
            } else {
                format!("{} sit", k.exact)
            },
            num(mid, 1)
        ));
    }
    match k.suggested_h {
        Some(s) => text.push_str(&format!(
            " A smaller step avoids {}: check with --eps {s:e}.",
            match (k.exact, k.near - k.exact) {
                (0, 1) => "it",
                (0, _) => "them",
                (_, 1) => "the other",
                _ => "the others",
            }
        )),
        None if k.exact < k.near => text.push_str(
            " The others are too close for any step f64 can resolve: their errors are the kink's.",
        ),
        None => {}
    }
    text
}

fn log_epsilon_text(e: &LogEpsilonNote) -> String {
    let others = if e.cells > 1 {
        format!(
            " ({} have a gap above the tolerance)",
            count(e.cells, "target cell")
        )
    } else {
        String::new()
    };
    format!(
        "{name} ({unit} {layer}): the target probability of row {row} is y = {y}{others}. The loss is \
         −log(y + 1e-7), the book's guard against log 0, but backward's (y − t)/N is the derivative \
         of −log y: the two differ by 1e-7/(y + 1e-7) = {gap} in relative terms. That gap is the \
         book's 1e-7, not a bug in backprop.",
        name = e.layer_name,
        layer = e.layer,
        unit = if e.in_graph { "node" } else { "layer" },
        row = e.row,
        y = sci(e.smallest),
        gap = sci(e.gap),
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
        let k = kink_note(1, "ReLU", LayerKind::Relu, relu_kink(), &x, 1e-4).unwrap();
        assert_eq!((k.near, k.cells, k.exact), (3, 6, 1));
        assert_eq!(k.nearest, Some(3.2e-7));
        assert_eq!(k.suggested_h, Some(1e-8));
        let text = CheckNote::Kink(k).text(1e-4);
        assert_eq!(
            text,
            "ReLU (layer 1): 3 of 6 input cells lie within h = 1.00e-4 of its kink at 0 (the nearest \
             3.20e-7 away), where ReLU has no derivative: a central difference across the kink \
             measures a slope between 0 and 1, which is not a derivative, while backprop uses 0 \
             there. Those cells, not backprop, can explain a large error. 1 sits exactly at 0: no \
             step avoids the kink there (the central difference gives 0.5, backprop 0). A smaller \
             step avoids the others: check with --eps 1e-8."
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
        let k = kink_note(
            2,
            "ReLU",
            LayerKind::Relu,
            relu_kink(),
            &array![[2e-6, 3.0]],
            1e-4,
        )
        .unwrap();
        assert_eq!(
            CheckNote::Kink(k).text(1e-4),
            "ReLU (layer 2): 1 of 2 input cells lies within h = 1.00e-4 of its kink at 0 (the \
             nearest 2.00e-6 away), where ReLU has no derivative: a central difference across the \
             kink measures a slope between 0 and 1, which is not a derivative, while backprop uses \
             0 there. That cell, not backprop, can explain a large error. A smaller step avoids \
             it: check with --eps 1e-7."
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
