//! Naming and loading a training data set: `digits`, `spiral`, `xor`, `circles`, `moons`,
//! `mnist:DIR` and `preset`.
//!
//! This is where the files of `mnist:DIR` are read (the engine parses their bytes); every error
//! names the file and says where the book's `dataset/mnist.py` puts them.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail, ensure};

use crate::t;

use crate::engine::data::generated::Shape2D;
use crate::engine::data::{Dataset, Labeled, Layout, idx};

/// Which data set a `[train]` section or `--data` names.
#[derive(Debug, Clone, PartialEq)]
pub enum DataSpec {
    /// The embedded 8×8 digits.
    Digits,
    /// A generated 2-D set.
    Generated(Shape2D),
    /// MNIST from a folder; `None` until `--data mnist:DIR` says where.
    Mnist(Option<PathBuf>),
    /// The preset's own `x` and `t`.
    Preset,
}

/// Every spelling, for error messages.
pub const DATA_NAMES: &str = "digits, spiral, xor, circles, moons, mnist:DIR, preset";

/// The four files of the book's `dataset/mnist.py`: train images, train labels, test images,
/// test labels.
pub const MNIST_FILES: [&str; 4] = [
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
];

/// The largest MNIST file read, in bytes (1 GiB; the training images are 47 MB unzipped).
pub const MAX_MNIST_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// Where to get MNIST, said in every MNIST error.
fn mnist_hint() -> String {
    t!("perr-mnist-hint")
}

impl DataSpec {
    /// Parse a name: `digits`, `spiral`, …, `mnist`, `mnist:DIR`, `preset`.
    pub fn parse(s: &str) -> Result<DataSpec> {
        if let Some(dir) = s.strip_prefix("mnist:") {
            ensure!(!dir.trim().is_empty(), t!("perr-mnist-no-folder", data = s));
            return Ok(DataSpec::Mnist(Some(PathBuf::from(dir))));
        }
        Ok(match s {
            "digits" => DataSpec::Digits,
            "mnist" => DataSpec::Mnist(None),
            "preset" => DataSpec::Preset,
            other => match Shape2D::parse(other) {
                Some(shape) => DataSpec::Generated(shape),
                None => bail!(t!("perr-data-unknown", data = other, names = DATA_NAMES)),
            },
        })
    }

    /// The name in reports: `digits`, `spiral`, `mnist`, `preset`.
    pub fn name(&self) -> &'static str {
        match self {
            DataSpec::Digits => "digits",
            DataSpec::Generated(shape) => shape.as_str(),
            DataSpec::Mnist(_) => "mnist",
            DataSpec::Preset => "preset",
        }
    }
}

/// Read MNIST's four files from `dir` (each `NAME.gz` or `NAME`): 60,000 training and 10,000 test
/// images of 28×28, pixels / 255.
pub fn load_mnist(dir: &Path) -> Result<Dataset> {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(meta) => bail!(t!(
            "perr-mnist-not-folder",
            path = dir.display().to_string(),
            kind = super::file::special_kind(&meta).unwrap_or_else(|| t!("perr-kind-file")),
            hint = mnist_hint()
        )),
        Err(_) => bail!(t!(
            "perr-mnist-no-such-folder",
            path = dir.display().to_string(),
            hint = mnist_hint()
        )),
    }
    let read = |name: &str| -> Result<(PathBuf, Vec<u8>)> {
        let gz = dir.join(format!("{name}.gz"));
        let raw = dir.join(name);
        // The first name that exists is read: a pipe or a device there is refused by its kind
        // (never opened in a way that could block), not passed over for the other name.
        let path = if gz.exists() {
            gz
        } else if raw.exists() {
            raw
        } else {
            bail!(t!(
                "perr-mnist-missing",
                path = gz.display().to_string(),
                name = name,
                hint = mnist_hint()
            ))
        };
        let bytes =
            super::file::read_regular(&path, super::file::Noun::Data, MAX_MNIST_FILE_BYTES)?;
        Ok((path, bytes))
    };
    let images = |name: &str| -> Result<idx::Images> {
        let (path, bytes) = read(name)?;
        idx::images(&bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e:#}; {}", path.display(), mnist_hint()))
    };
    let labels = |name: &str, count: usize| -> Result<Vec<usize>> {
        let (path, bytes) = read(name)?;
        let labels = idx::labels(&bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e:#}; {}", path.display(), mnist_hint()))?;
        ensure!(
            labels.len() == count,
            t!(
                "perr-mnist-label-count",
                path = path.display().to_string(),
                labels = labels.len(),
                images = count
            )
        );
        ensure!(
            labels.iter().all(|&l| l < 10),
            t!("perr-mnist-label-range", path = path.display().to_string())
        );
        Ok(labels)
    };
    let [train_x, train_t, test_x, test_t] = MNIST_FILES;
    let train = images(train_x)?;
    let train_labels = labels(train_t, train.x.nrows())?;
    let test = images(test_x)?;
    let test_labels = labels(test_t, test.x.nrows())?;
    ensure!(
        (test.height, test.width) == (train.height, train.width),
        t!(
            "perr-mnist-sizes",
            path = dir.display().to_string(),
            test = format!("{}×{}", test.height, test.width),
            train = format!("{}×{}", train.height, train.width)
        )
    );
    let layout = Layout::Image {
        width: train.width,
        height: train.height,
    };
    Ok(Dataset {
        name: "mnist".into(),
        train: Labeled::from_labels(train.x, &train_labels, 10)?,
        test: Some(Labeled::from_labels(test.x, &test_labels, 10)?),
        classes: 10,
        layout,
    })
}

/// The error for MNIST without a folder.
pub fn mnist_needs_folder(preset: &str) -> anyhow::Error {
    anyhow::anyhow!(t!(
        "perr-mnist-needs-folder",
        preset = preset,
        hint = mnist_hint()
    ))
}
