//! Presets: the TOML format (README.md, "Writing a preset"), the built-in presets, and building a network from one.
//!
//! Parsing and validation live here; nothing panics on bad input. Every error names the file
//! (or the built-in preset), and where it can, the line and column, and says what to do.

mod builtin;
pub mod compare;
pub mod data;
mod fields;
pub mod file;
mod graph;
pub mod histogram;
mod init;
mod matrix;
mod parse;
pub mod train;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use std::sync::Arc;

use crate::engine::graph::Graph;

use crate::engine::data::Labeled;
use crate::engine::optim::Optimizer;
use crate::engine::train::{Trainer, run_with_update};
use crate::engine::{
    CheckReport, Inputs, Layer, NamedLayer, Network, Run, Targets, gradient_check,
};

pub use train::{TrainOverrides, TrainSection, Training};

pub use builtin::{BUILTINS, Builtin, LAB_BUILTINS, TRAIN_BUILTINS, builtin_source};
pub use init::Init;
pub use matrix::{MAX_CELLS, MAX_DIM, SplitMix64};

/// The largest preset file read, in bytes (64 MiB); a longer file or stream is an error.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Where a preset came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A built-in preset, by name.
    Builtin(String),
    /// A file on disk.
    File(PathBuf),
}

impl Source {
    /// How error messages name the source: `built-in preset "relu"` or the path.
    pub fn describe(&self) -> String {
        match self {
            Source::Builtin(name) => crate::t!("preset-builtin-source", name = name),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// A loaded, validated preset: a network and its inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Preset {
    /// Short name: the built-in's name or the file stem.
    pub name: String,
    /// Where it came from.
    pub source: Source,
    /// Shown in the header.
    pub title: String,
    /// One line.
    pub description: String,
    /// The layers.
    pub network: Network,
    /// x, t, dout; for a training preset, its first mini-batch.
    pub inputs: Inputs,
    /// The training setup of a preset with a `[train]` section.
    pub training: Option<Training>,
    /// For a graph preset (`[[nodes]]`): the graph. Then `network` holds one layer per node as it
    /// ran (a `mul` node as a Mul layer whose `w` is its second input) and `inputs.x` the first
    /// input, so views that show a layer's operands work unchanged; [`Preset::run`] runs the graph.
    pub graph: Option<Graph>,
    /// The `[compare]` section: what `backstep compare` varies when `--vary` is absent.
    pub compare: Option<compare::Vary>,
}

impl Preset {
    /// Parse and validate preset text; `source` names it in errors.
    pub fn from_toml(text: &str, source: Source) -> Result<Preset> {
        Preset::from_toml_with(text, source, &TrainOverrides::default())
    }

    /// [`Preset::from_toml`] with command-line flags overriding its `[train]` values (ignored
    /// by a preset without one).
    pub fn from_toml_with(
        text: &str,
        source: Source,
        overrides: &TrainOverrides,
    ) -> Result<Preset> {
        let label = source.describe();
        let name = match &source {
            Source::Builtin(n) => n.clone(),
            Source::File(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "preset".into()),
        };
        if graph::is_graph(text) {
            return Preset::from_graph_toml(text, source, name);
        }
        let parsed =
            parse::parse(text, overrides.init).map_err(|e| said(&label, format!("{e}")))?;
        let mut network = parsed.network;
        let (inputs, training) = match parsed.train {
            None => match parsed.inputs {
                Some(inputs) => (inputs, None),
                None => return Err(said(&label, crate::t!("perr-no-x"))),
            },
            Some(section) => {
                let first = parsed.first_weights.as_ref();
                training(
                    &name,
                    &mut network,
                    first,
                    parsed.inputs,
                    &section,
                    overrides,
                )
                .map_err(|e| said(&label, format!("{e:#}")))?
            }
        };
        let (title, description) = own_words(&source, text, parsed.title, parsed.description);
        network
            .resolve_images(inputs.image)
            .map_err(|e| said(&label, format!("{e:#}")))?;
        let preset = Preset {
            name,
            title: title.unwrap_or_else(|| label.clone()),
            description: description.unwrap_or_default(),
            network,
            inputs,
            training,
            graph: None,
            compare: parsed.compare,
            source,
        };
        preset
            .network
            .validate(&preset.inputs)
            .map_err(|e| said(&label, format!("{e:#}")))?;
        Ok(preset)
    }

    /// A graph preset: parse, validate and run it once (a node's layer needs its inputs' values).
    fn from_graph_toml(text: &str, source: Source, name: String) -> Result<Preset> {
        let label = source.describe();
        let parsed = graph::parse_graph(text).map_err(|e| said(&label, format!("{e}")))?;
        let run = parsed
            .graph
            .run()
            .map_err(|e| said(&label, format!("{e:#}")))?;
        let g = parsed.graph;
        let network = Network {
            layers: run
                .nodes
                .iter()
                .map(|n| NamedLayer {
                    name: n.name.clone(),
                    layer: n.layer.clone(),
                })
                .collect(),
        };
        let x = g.inputs.first().map(|(_, m)| m.clone()).unwrap_or_default();
        let (title, description) = own_words(&source, text, parsed.title, parsed.description);
        Ok(Preset {
            name,
            title: title.unwrap_or_else(|| label.clone()),
            description: description.unwrap_or_default(),
            network,
            inputs: Inputs {
                x,
                image: None,
                t: g.t.clone(),
                dout: g.dout.clone(),
            },
            training: None,
            graph: Some(g),
            compare: None,
            source,
        })
    }

    /// Load a preset file.
    ///
    /// Only a regular file is read: a directory, a named pipe (FIFO), a socket or a device is an
    /// error naming its kind, found without blocking (see [`file::read_regular`]). At most
    /// [`MAX_FILE_BYTES`] bytes are read, so a `/proc` file whose reported size is meaningless
    /// cannot fill memory either.
    pub fn from_file(path: &Path) -> Result<Preset> {
        Preset::from_file_with(path, &TrainOverrides::default())
    }

    /// [`Preset::from_file`] with command-line flags overriding its `[train]` values.
    pub fn from_file_with(path: &Path, overrides: &TrainOverrides) -> Result<Preset> {
        let bytes = file::read_regular(path, file::Noun::Preset, MAX_FILE_BYTES)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(crate::t!(
                "perr-not-utf8",
                path = path.display().to_string(),
                offset = e.utf8_error().valid_up_to().to_string()
            ))
        })?;
        Preset::from_toml_with(&text, Source::File(path.to_path_buf()), overrides)
    }

    /// Forward and backward on the preset's own inputs (for a training preset: its first
    /// mini-batch, then the update phase of the first iteration). An error found while running (an
    /// output, gradient or loss that overflows f64) names the preset, like a parse error.
    ///
    /// A graph preset runs its graph and is seen as one layer per node.
    pub fn run(&self) -> Result<Run> {
        match (&self.graph, &self.training) {
            (Some(g), _) => g.run().map(|r| r.run),
            (None, Some(t)) => match &t.optimizer {
                Some(opt) => {
                    run_with_update(&self.network, &self.inputs, opt, t.config.weight_decay)
                }
                None => Optimizer::new(t.config.optimizer).and_then(|opt| {
                    run_with_update(&self.network, &self.inputs, &opt, t.config.weight_decay)
                }),
            },
            (None, None) => self.network.run(&self.inputs),
        }
        .with_context(|| self.source.describe())
    }

    /// A trainer at iteration 0 for a preset with a `[train]` section.
    pub fn trainer(&self) -> Result<Trainer> {
        let Some(t) = &self.training else {
            bail!(crate::t!(
                "perr-no-train-section",
                preset = self.source.describe()
            ));
        };
        Trainer::new(self.network.clone(), t.data.clone(), t.config)
            .with_context(|| self.source.describe())
    }

    /// The gradient check of the preset with step `h` and `tolerance`; errors name the preset.
    pub fn check(&self, h: f64, tolerance: f64) -> Result<CheckReport> {
        match &self.graph {
            Some(g) => g.gradient_check(h, tolerance),
            None => gradient_check(&self.network, &self.inputs, h, tolerance),
        }
        .with_context(|| self.source.describe())
    }

    /// A built-in preset by name.
    pub fn builtin(name: &str) -> Result<Preset> {
        match builtin_source(name) {
            Some(text) => Preset::from_toml(text, Source::Builtin(name.to_string())),
            None => bail!(crate::t!(
                "perr-no-builtin",
                name = name,
                names = builtin_names()
            )),
        }
    }

    /// A built-in name or a path to a `.toml` file.
    pub fn resolve(arg: &str) -> Result<Preset> {
        Preset::resolve_with(arg, &TrainOverrides::default())
    }

    /// [`Preset::resolve`] with command-line flags overriding the `[train]` values.
    pub fn resolve_with(arg: &str, overrides: &TrainOverrides) -> Result<Preset> {
        if let Some(text) = builtin_source(arg) {
            return Preset::from_toml_with(text, Source::Builtin(arg.to_string()), overrides);
        }
        let path = Path::new(arg);
        if path.exists() || arg.ends_with(".toml") || arg.contains(std::path::MAIN_SEPARATOR) {
            return Preset::from_file_with(path, overrides);
        }
        bail!(crate::t!(
            "perr-no-preset",
            name = arg,
            names = builtin_names()
        ))
    }

    /// The default preset (`two-layer`).
    pub fn default_preset() -> Result<Preset> {
        Preset::builtin("two-layer")
    }
}

/// Resolve a `[train]` section: apply the flags, build the data set, fit the first layer to its
/// width (a generated first Affine W takes as many rows as the data has features), check that
/// the network fits it, and take the first mini-batch as the explorer's inputs.
fn training(
    name: &str,
    network: &mut Network,
    first_weights: Option<&toml::Value>,
    own: Option<Inputs>,
    section: &TrainSection,
    overrides: &TrainOverrides,
) -> Result<(Inputs, Option<Training>)> {
    let section = section.with(overrides)?;
    let own = match (&section.data, own) {
        (train::DataSpec::Preset, Some(inputs)) => {
            let resolved = network.validate(&inputs)?;
            let t = resolved
                .t
                .with_context(|| crate::t!("perr-data-preset-needs-t"))?;
            Some(Labeled { x: inputs.x, t })
        }
        (train::DataSpec::Preset, None) => None,
        (spec, Some(_)) => bail!(crate::t!("perr-data-own-rows", data = spec.name())),
        (_, None) => None,
    };
    let mut config = section.config()?;
    let data = Arc::new(section.dataset(own, name)?);
    if let (Some(table), false) = (first_weights, section.data == train::DataSpec::Preset) {
        let features = data.features();
        if let Some(Layer::Affine(a)) = network.layers.first_mut().map(|l| &mut l.layer)
            && a.w.nrows() != features
        {
            a.w = parse::refit_weights(table, features, section.init)?;
        }
    }
    config.iters = section.iters_for(&data)?;
    let trainer = Trainer::new(network.clone(), data.clone(), config)?;
    let first = trainer.next_batch();
    let inputs = Inputs {
        image: trainer.image(),
        x: first.x,
        t: Some(Targets::OneHot(first.t)),
        dout: None,
    };
    Ok((
        inputs,
        Some(Training {
            section,
            config,
            data,
            optimizer: None,
        }),
    ))
}

/// A preset's title and description: a file's as written, a built-in's in the learner's
/// language (the messages `presets-title-NAME` and `presets-description-NAME`; the TOML's English
/// is the same text). Text under a built-in's name that is not the built-in's keeps its own.
fn own_words(
    source: &Source,
    text: &str,
    title: Option<String>,
    description: Option<String>,
) -> (Option<String>, Option<String>) {
    match source {
        Source::Builtin(name) if builtin_source(name) == Some(text) => (
            title.map(|_| crate::i18n::render(&format!("presets-title-{name}"), &[])),
            description.map(|_| crate::i18n::render(&format!("presets-description-{name}"), &[])),
        ),
        _ => (title, description),
    }
}

fn builtin_names() -> String {
    BUILTINS
        .iter()
        .chain(TRAIN_BUILTINS)
        .chain(LAB_BUILTINS)
        .map(|b| b.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `error` said of `who` (a preset's label), with the language's colon (`err-who-said`).
fn said(who: &str, error: String) -> anyhow::Error {
    anyhow::anyhow!(crate::t!(
        "err-who-said",
        who = who.to_string(),
        error = error
    ))
}
