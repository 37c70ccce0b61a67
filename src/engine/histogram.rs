//! Activation histograms (chapter 6.2.2, the book's `ch06/weight_init_activation_histogram.py`):
//! a batch of inputs goes forward through a network, and the outputs of each hidden activation
//! layer (ReLU, Sigmoid, Tanh) are counted into equal bins.
//!
//! The bins are those of the book's `plt.hist(a.flatten(), 30, range=(0,1))`, which is NumPy's
//! `np.histogram`: edges `np.linspace(0, 1, 31)`, each bin `[edge[k], edge[k+1])` except the last,
//! which holds its right edge too. Values outside the range are not drawn by the book; here they
//! are counted apart (`below`, `above`), so every value is accounted for.
//!
//! No I/O, no UI: the command line and the screen draw what [`activation_histograms`] returns.

use anyhow::{Result, bail, ensure};
use ndarray::ArrayView2;

use super::Matrix;
use super::layer::LayerKind;
use super::network::Network;

/// The book's number of bins.
pub const BINS: usize = 30;

/// The book's range of the bins, `range=(0,1)`.
pub const RANGE: (f64, f64) = (0.0, 1.0);

/// The counts of values in equal bins over a range, and of those outside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// `bins + 1` edges from the range's low to its high end, as `np.linspace(lo, hi, bins + 1)`.
    pub edges: Vec<f64>,
    /// Values in each bin: `[edge[k], edge[k+1])`, the last bin closed on the right.
    pub counts: Vec<u64>,
    /// Values below the first edge.
    pub below: u64,
    /// Values above the last edge.
    pub above: u64,
}

impl Histogram {
    /// Empty bins: `bins` (at least 1) equal bins over `lo..=hi` (`lo < hi`).
    pub fn new(bins: usize, lo: f64, hi: f64) -> Histogram {
        let bins = bins.max(1);
        // np.linspace: start + k · ((stop − start) / num), the last edge exactly stop
        let step = (hi - lo) / bins as f64;
        let mut edges: Vec<f64> = (0..bins).map(|k| lo + k as f64 * step).collect();
        edges.push(hi);
        Histogram {
            edges,
            counts: vec![0; bins],
            below: 0,
            above: 0,
        }
    }

    /// Count one value, in the bin `np.histogram` puts it in.
    pub fn add(&mut self, v: f64) {
        let bins = self.counts.len();
        let (lo, hi) = (self.edges[0], self.edges[bins]);
        if v < lo {
            self.below += 1;
            return;
        }
        if v > hi {
            self.above += 1;
            return;
        }
        // NumPy's fast path: the index from the position, then corrected against the edges
        let mut k = (((v - lo) / (hi - lo)) * bins as f64) as usize;
        k = k.min(bins - 1);
        if v < self.edges[k] {
            k = k.saturating_sub(1);
        }
        if k != bins - 1 && v >= self.edges[k + 1] {
            k += 1;
        }
        self.counts[k] += 1;
    }

    /// Every value counted: in the bins, below and above.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.below + self.above
    }
}

/// The histogram of one hidden activation layer's outputs.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerHistogram {
    /// The layer's name (`Sigmoid1`).
    pub name: String,
    /// Its kind.
    pub kind: LayerKind,
    /// Its position in the network.
    pub index: usize,
    /// Its outputs, counted.
    pub histogram: Histogram,
}

/// True for the activation layers whose outputs are drawn.
pub fn is_activation(kind: LayerKind) -> bool {
    matches!(kind, LayerKind::Relu | LayerKind::Sigmoid | LayerKind::Tanh)
}

/// Run `x` forward through `network` (at test time, as `predict`: no cache, no tape) and count
/// the outputs of every activation layer (ReLU, Sigmoid, Tanh) into [`BINS`] bins over
/// [`RANGE`]. Layers after the last activation are not run. An output that is not a finite
/// number is an error naming its layer.
pub fn activation_histograms(
    network: &Network,
    x: ArrayView2<'_, f64>,
) -> Result<Vec<LayerHistogram>> {
    let last = network
        .layers
        .iter()
        .rposition(|l| is_activation(l.layer.kind()));
    let Some(last) = last else {
        bail!(crate::t!("hist-no-activation"));
    };
    let mut out: Option<Matrix> = None;
    let mut histograms = Vec::new();
    for (index, l) in network.layers.iter().enumerate().take(last + 1) {
        let input = out.as_ref().map_or(x, |m| m.view());
        let y = l.layer.infer(input)?;
        let kind = l.layer.kind();
        if is_activation(kind) {
            let mut histogram = Histogram::new(BINS, RANGE.0, RANGE.1);
            for &v in &y {
                ensure!(
                    v.is_finite(),
                    crate::t!("hist-not-finite", layer = l.name.as_str())
                );
                histogram.add(v);
            }
            histograms.push(LayerHistogram {
                name: l.name.clone(),
                kind,
                index,
                histogram,
            });
        }
        out = Some(y);
    }
    Ok(histograms)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn edges_are_numpy_linspace_and_the_last_bin_holds_its_right_edge() {
        let h = Histogram::new(30, 0.0, 1.0);
        assert_eq!(h.edges.len(), 31);
        // np.linspace(0, 1, 31)[1] and [10]
        assert_eq!(h.edges[1], 0.03333333333333333);
        assert_eq!(h.edges[10], 0.3333333333333333);
        assert_eq!(h.edges[30], 1.0);
        let mut h = h;
        for v in [0.0, 1.0, -1e-300, 1.0 + 1e-15, 0.5, h.edges[3], 0.999_999] {
            h.add(v);
        }
        assert_eq!(h.counts[0], 1, "0 is in the first bin");
        assert_eq!(h.counts[29], 2, "1 and 0.999999 are in the last");
        assert_eq!(h.counts[15], 1, "0.5 = 15/30 starts bin 15");
        assert_eq!(h.counts[3], 1, "an edge starts its bin");
        assert_eq!((h.below, h.above), (1, 1));
        assert_eq!(h.total(), 7);
    }

    #[test]
    fn values_just_below_an_edge_stay_in_the_bin_before_it() {
        // 0.1 · 30 = 3.0000000000000004 in floating point: NumPy's correction puts 0.1 in bin 3
        // only when it is ≥ edge[3] = 0.1; the value just below lands in bin 2.
        let mut h = Histogram::new(30, 0.0, 1.0);
        let below_edge = f64::from_bits(h.edges[3].to_bits() - 1);
        h.add(below_edge);
        h.add(h.edges[3]);
        assert_eq!((h.counts[2], h.counts[3]), (1, 1));
    }
}
