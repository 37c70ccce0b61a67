//! The training screen: pure rendering of a [`TrainView`], a plain snapshot of where a training
//! run stands.
//!
//! The App fills a [`TrainView`] from the worker's progress messages; everything here only reads
//! it. The screen is a status header, the loss curve and the accuracy per epoch on the left, and
//! on the right either the decision-boundary map (2-D data) or the test images with their
//! predictions and the first layer's weights drawn as images (image data). Nothing relies on
//! colour alone: classes have glyphs, wrong predictions a `✗`, images shade characters under
//! `NO_COLOR`. Nothing here runs the engine.

mod accuracy;
mod boundary;
mod filters;
mod images;
mod loss;
mod status;

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

pub use accuracy::AccuracyChart;
pub use boundary::{BoundaryMap, POINT_GLYPHS, REGION_GLYPHS, grid_size};
pub use filters::{ConvPanel, FiltersNow, scale_each, scale_together, shade};
pub use images::{ImageGrid, WeightImages};
pub use loss::LossChart;
pub use status::StatusLines;

use crate::t;
use crate::tui::theme::Theme;

/// The smallest terminal the training screen draws in.
pub const MIN_SIZE: (u16, u16) = (60, 18);

/// Where training stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RunState {
    /// The worker is running iterations.
    Running,
    /// Waiting for `Space` (or one step at a time).
    #[default]
    Paused,
    /// Every iteration has run.
    Finished,
    /// An iteration failed (e.g. the loss became NaN); the message says what to do.
    Failed(String),
}

/// Train and test accuracy measured at an epoch boundary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochPoint {
    /// The iteration after whose update it was measured (from 0).
    pub iter: usize,
    /// Accuracy on the training rows, 0–1.
    pub train_acc: f64,
    /// Accuracy on the test rows, 0–1, when there is a test set.
    pub test_acc: Option<f64>,
}

/// The final evaluation once every iteration has run: `backstep train`'s `final` (the last
/// recorded loss, accuracy on the whole train and test sets after the last update).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FinalPoint {
    /// Iterations run (all of them).
    pub iterations: usize,
    /// The last recorded loss (one mini-batch, after its update).
    pub loss: Option<f64>,
    /// Accuracy on the training rows, 0–1.
    pub train_acc: f64,
    /// Accuracy on the test rows, 0–1, when there is a test set.
    pub test_acc: Option<f64>,
}

impl FinalPoint {
    /// `final after 2000 iterations`: what the accuracies beside it are.
    pub fn label(&self) -> String {
        t!("train-final-after", n = self.iterations)
    }
}

/// One data point of a 2-D set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanePoint {
    /// First feature.
    pub x: f64,
    /// Second feature.
    pub y: f64,
    /// Its class (the true label).
    pub class: usize,
}

/// The predicted class on a regular grid over the plane, row 0 at the top (largest y).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClassGrid {
    /// Grid points per row.
    pub cols: usize,
    /// Rows of grid points.
    pub rows: usize,
    /// `rows × cols` predicted classes, row by row.
    pub classes: Vec<usize>,
}

impl ClassGrid {
    /// The class at grid point `(col, row)`, if the grid has it.
    pub fn at(&self, col: usize, row: usize) -> Option<usize> {
        if col >= self.cols || row >= self.rows {
            return None;
        }
        self.classes.get(row * self.cols + col).copied()
    }
}

/// A 2-D data set and the network's predictions over its plane.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlaneView {
    /// The x range drawn (left to right).
    pub x: (f64, f64),
    /// The y range drawn (bottom to top).
    pub y: (f64, f64),
    /// Number of classes.
    pub classes: usize,
    /// The training points, drawn on top with their class glyph.
    pub points: Vec<PlanePoint>,
    /// Predicted classes over the plane (empty before the first prediction).
    pub grid: ClassGrid,
}

/// One test image and what the network made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageSample {
    /// `side × side` pixels, row by row, 0 (black) to 1 (white).
    pub pixels: Vec<f64>,
    /// The predicted class.
    pub predicted: usize,
    /// The true class.
    pub truth: usize,
}

/// An image data set: test images with predictions, and the first layer's weights.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImagesView {
    /// Width and height of one image in pixels (8 for digits, 28 for MNIST).
    pub side: usize,
    /// Test images with their predicted and true labels.
    pub samples: Vec<ImageSample>,
    /// Each first-layer hidden unit's `side × side` weights (a column of W1), row by row.
    pub weights: Vec<Vec<f64>>,
    /// A convolution first: its filters and the selected test image's feature maps.
    pub conv: Option<Box<ConvView>>,
}

/// A set of same-sized small images: filters, or the feature maps of one layer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SmallImages {
    /// The layer they belong to (`Conv1`, `Pool1`).
    pub layer: String,
    /// Rows of each image.
    pub h: usize,
    /// Columns of each image.
    pub w: usize,
    /// Each image's `h × w` values, row by row.
    pub images: Vec<Vec<f64>>,
}

/// One test image's feature maps after the first layer (a convolution) and the first pooling.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FeatureMaps {
    /// Which of the test images shown (an index into [`ImagesView::samples`]).
    pub sample: usize,
    /// After the convolution: one map per filter.
    pub conv: SmallImages,
    /// After the first pooling layer, when the network has one.
    pub pool: Option<SmallImages>,
}

/// What the body of the screen shows for a convolution first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConvShow {
    /// The charts and the test images, as for any image data.
    #[default]
    Charts,
    /// The first layer's filters before and after learning (the book's Fig. 7-24).
    Filters,
    /// The selected test image's feature maps after the convolution and the pooling.
    Maps,
}

impl ConvShow {
    /// The view after this one: charts → filters → feature maps → charts.
    pub fn next(self) -> ConvShow {
        match self {
            ConvShow::Charts => ConvShow::Filters,
            ConvShow::Filters => ConvShow::Maps,
            ConvShow::Maps => ConvShow::Charts,
        }
    }
}

/// A convolution first on the training screen: its filters and one test image's feature maps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConvView {
    /// The filters of the preset's initial W (iteration 0), each C×FH×FW with its channels
    /// side by side.
    pub before: SmallImages,
    /// The filters now.
    pub after: SmallImages,
    /// Channels of each filter (C).
    pub channels: usize,
    /// The selected test image's feature maps (none until the worker sends them).
    pub maps: Option<FeatureMaps>,
    /// The test image selected (an index into [`ImagesView::samples`]).
    pub selected: usize,
    /// What the body shows.
    pub show: ConvShow,
}

/// What the right half of the screen shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Picture {
    /// Neither 2-D nor image data: the charts take the whole width.
    #[default]
    None,
    /// 2-D data: the decision-boundary map.
    Plane(PlaneView),
    /// Image data: test images and first-layer weights.
    Images(ImagesView),
}

/// Everything the training screen shows, as plain values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrainView {
    /// The preset's title, e.g. `Spiral, 3 classes`.
    pub title: String,
    /// The preset's name, e.g. `train-spiral`.
    pub preset: String,
    /// The data set, e.g. `spiral`.
    pub data: String,
    /// Training rows.
    pub train_rows: usize,
    /// Test rows (0 without a test set).
    pub test_rows: usize,
    /// Running, paused, finished or failed.
    pub state: RunState,
    /// Iterations run so far (the index of the next one).
    pub iteration: usize,
    /// Iterations to run in all.
    pub iters: usize,
    /// Rows per mini-batch.
    pub batch: usize,
    /// Recent speed in iterations per second (0 when paused).
    pub per_second: f64,
    /// Time spent running (pauses excluded).
    pub elapsed: Duration,
    /// The optimizer's name: `sgd`, `momentum`, `adagrad`, `adam`.
    pub optimizer: String,
    /// The learning rate.
    pub lr: f64,
    /// The seed of this run's mini-batch order.
    pub seed: u64,
    /// The loss of every iteration so far (after its update).
    pub losses: Vec<f64>,
    /// Accuracy at each epoch boundary so far.
    pub epochs: Vec<EpochPoint>,
    /// The final evaluation, once the run has finished.
    pub final_eval: Option<FinalPoint>,
    /// The iterations-per-second limit the keys set (`None`: full speed).
    pub speed: Option<f64>,
    /// The boundary map or the images.
    pub picture: Picture,
}

/// The rectangles of the training screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrainAreas {
    /// The two status lines.
    pub status: Rect,
    /// The loss curve.
    pub loss: Rect,
    /// Accuracy per epoch.
    pub accuracy: Rect,
    /// The boundary map or the test images (empty without a picture).
    pub picture: Rect,
    /// The first layer's weights (image data only).
    pub weights: Rect,
    /// The keys.
    pub footer: Rect,
}

impl TrainAreas {
    /// Split a `area` for `picture`; `None` when the area is below [`MIN_SIZE`].
    pub fn compute(area: Rect, picture: &Picture) -> Option<TrainAreas> {
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            return None;
        }
        let status = Rect { height: 2, ..area };
        let footer = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let body = Rect {
            y: area.y + 2,
            height: area.height - 3,
            ..area
        };
        let left_width = match picture {
            Picture::None => body.width,
            Picture::Plane(_) => body.width / 2,
            Picture::Images(_) => body.width * 2 / 5,
        };
        let left = Rect {
            width: left_width,
            ..body
        };
        let right = Rect {
            x: body.x + left_width,
            width: body.width - left_width,
            ..body
        };
        let loss_height = body.height * 3 / 5;
        let loss = Rect {
            height: loss_height,
            ..left
        };
        let accuracy = Rect {
            y: left.y + loss_height,
            height: left.height - loss_height,
            ..left
        };
        let (picture, weights) = match picture {
            Picture::Images(_) => {
                let top = right.height * 3 / 5;
                (
                    Rect {
                        height: top,
                        ..right
                    },
                    Rect {
                        y: right.y + top,
                        height: right.height - top,
                        ..right
                    },
                )
            }
            _ => (right, Rect { height: 0, ..right }),
        };
        Some(TrainAreas {
            status,
            loss,
            accuracy,
            picture,
            weights,
            footer,
        })
    }
}

/// The whole training screen: status, charts, picture and the footer line it is given.
#[derive(Debug, Clone)]
pub struct TrainScreen<'a> {
    /// What to draw.
    pub view: &'a TrainView,
    /// Colours (or none).
    pub theme: Theme,
    /// The key line, built from the keymap by the caller.
    pub footer: Line<'a>,
}

impl Widget for TrainScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(areas) = TrainAreas::compute(area, &self.view.picture) else {
            super::too_small(area, MIN_SIZE, buf);
            return;
        };
        let (view, theme) = (self.view, self.theme);
        StatusLines { view, theme }.render(areas.status, buf);
        // a convolution's filters or feature maps take the whole body, charts and all
        if let Picture::Images(images) = &view.picture
            && let Some(conv) = &images.conv
            && conv.show != ConvShow::Charts
        {
            let body = Rect {
                y: areas.loss.y,
                height: areas.footer.y.saturating_sub(areas.loss.y),
                ..area
            };
            ConvPanel {
                conv,
                images,
                iteration: view.iteration,
                theme,
            }
            .render(body, buf);
            self.footer.render(areas.footer, buf);
            return;
        }
        LossChart { view, theme }.render(areas.loss, buf);
        AccuracyChart { view, theme }.render(areas.accuracy, buf);
        match &view.picture {
            Picture::None => {}
            Picture::Plane(plane) => BoundaryMap { plane, theme }.render(areas.picture, buf),
            Picture::Images(images) => {
                ImageGrid { images, theme }.render(areas.picture, buf);
                match &images.conv {
                    Some(conv) => FiltersNow { conv, theme }.render(areas.weights, buf),
                    None => WeightImages { images, theme }.render(areas.weights, buf),
                }
            }
        }
        self.footer.render(areas.footer, buf);
    }
}

/// A percentage at a fixed width: ` 97.1 %`.
pub fn percent(v: f64) -> String {
    format!("{:5.1} %", v * 100.0)
}

/// Rows of text a widget draws into a `width`×`height` buffer, for the screen's tests.
#[cfg(test)]
fn drawn_rows(widget: impl Widget, width: u16, height: u16) -> Vec<String> {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    widget.render(buf.area, &mut buf);
    (0..height)
        .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}
