//! The inputs `backstep histogram` sends through a preset's network, and the histograms of its
//! activations ([`crate::engine::histogram`]).

use anyhow::{Context, Result};
use ndarray::{ArrayView2, Axis, Slice};

use super::Preset;
use crate::engine::histogram::{LayerHistogram, activation_histograms};

/// The most input rows a histogram uses: the book's `np.random.randn(1000, 100)`.
pub const SAMPLES: usize = 1000;

/// The histograms of a preset's activations and the rows that made them.
#[derive(Debug, Clone, PartialEq)]
pub struct Histograms {
    /// Input rows sent through the network.
    pub samples: usize,
    /// One per hidden activation layer, in order.
    pub layers: Vec<LayerHistogram>,
}

impl Preset {
    /// The rows a histogram sends through the network: a preset's own `x` (the `init-*`
    /// built-ins: 1,000 rows drawn from N(0, 1), as the book), or for a training preset the
    /// first [`SAMPLES`] rows of its training set.
    pub fn histogram_inputs(&self) -> ArrayView2<'_, f64> {
        match &self.training {
            Some(t) => {
                let x = &t.data.train.x;
                x.slice_axis(Axis(0), Slice::from(0..x.nrows().min(SAMPLES)))
            }
            None => self.inputs.x.view(),
        }
    }

    /// The histogram of every hidden activation layer's outputs for [`Preset::histogram_inputs`];
    /// errors name the preset.
    pub fn histograms(&self) -> Result<Histograms> {
        anyhow::ensure!(
            self.graph.is_none(),
            crate::t!("hist-graph", preset = self.source.describe())
        );
        let x = self.histogram_inputs();
        let layers =
            activation_histograms(&self.network, x).with_context(|| self.source.describe())?;
        Ok(Histograms {
            samples: x.nrows(),
            layers,
        })
    }
}
