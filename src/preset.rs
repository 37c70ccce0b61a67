//! Presets: the TOML format (README.md, "Writing a preset"), the built-in presets, and building a network from one.
//!
//! Parsing and validation live here; nothing panics on bad input. Every error names the file
//! (or the built-in preset), and where it can, the line and column, and says what to do.

mod builtin;
mod fields;
mod matrix;
mod parse;

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::engine::{CheckReport, Inputs, Network, Run, gradient_check};

pub use builtin::{BUILTINS, Builtin, builtin_source};
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
            Source::Builtin(name) => format!("built-in preset \"{name}\""),
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
    /// x, t, dout.
    pub inputs: Inputs,
}

impl Preset {
    /// Parse and validate preset text; `source` names it in errors.
    pub fn from_toml(text: &str, source: Source) -> Result<Preset> {
        let label = source.describe();
        let name = match &source {
            Source::Builtin(n) => n.clone(),
            Source::File(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "preset".into()),
        };
        let parsed = parse::parse(text).map_err(|e| anyhow::anyhow!("{label}: {e}"))?;
        let preset = Preset {
            name,
            title: parsed.title.unwrap_or_else(|| label.clone()),
            description: parsed.description.unwrap_or_default(),
            network: parsed.network,
            inputs: parsed.inputs,
            source,
        };
        preset
            .network
            .validate(&preset.inputs)
            .map_err(|e| anyhow::anyhow!("{label}: {e:#}"))?;
        Ok(preset)
    }

    /// Load a preset file.
    ///
    /// Reads at most [`MAX_FILE_BYTES`] bytes whatever the file system reports, so a special file
    /// (`/dev/zero`, a FIFO, `/proc/...`, whose reported size is 0 or meaningless) ends in an error,
    /// not in reading until memory runs out.
    pub fn from_file(path: &Path) -> Result<Preset> {
        let display = path.display();
        let file = std::fs::File::open(path)
            .with_context(|| format!("{display}: cannot read the preset file"))?;
        let meta = file
            .metadata()
            .with_context(|| format!("{display}: cannot read the preset file"))?;
        if meta.is_dir() {
            bail!("{display}: is a directory, not a preset file");
        }
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("{display}: cannot read the preset file"))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            bail!(
                "{display}: the file holds more than {} MiB; presets are limited to {} MiB \
                 (is it a device or a pipe rather than a .toml file?)",
                MAX_FILE_BYTES / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            );
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "{display}: cannot read the preset file: it is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        })?;
        Preset::from_toml(&text, Source::File(path.to_path_buf()))
    }

    /// Forward and backward on the preset's own inputs. An error found while running (an
    /// output, gradient or loss that overflows f64) names the preset, like a parse error.
    pub fn run(&self) -> Result<Run> {
        self.network
            .run(&self.inputs)
            .with_context(|| self.source.describe())
    }

    /// The gradient check of the preset with step `h` and `tolerance`; errors name the preset.
    pub fn check(&self, h: f64, tolerance: f64) -> Result<CheckReport> {
        gradient_check(&self.network, &self.inputs, h, tolerance)
            .with_context(|| self.source.describe())
    }

    /// A built-in preset by name.
    pub fn builtin(name: &str) -> Result<Preset> {
        match builtin_source(name) {
            Some(text) => Preset::from_toml(text, Source::Builtin(name.to_string())),
            None => bail!(
                "no built-in preset named \"{name}\": the built-ins are {}",
                builtin_names()
            ),
        }
    }

    /// A built-in name or a path to a `.toml` file.
    pub fn resolve(arg: &str) -> Result<Preset> {
        if builtin_source(arg).is_some() {
            return Preset::builtin(arg);
        }
        let path = Path::new(arg);
        if path.exists() || arg.ends_with(".toml") || arg.contains(std::path::MAIN_SEPARATOR) {
            return Preset::from_file(path);
        }
        bail!(
            "no preset named \"{arg}\": the built-ins are {}; or give the path of a .toml file",
            builtin_names()
        )
    }

    /// The default preset (`two-layer`).
    pub fn default_preset() -> Result<Preset> {
        Preset::builtin("two-layer")
    }
}

fn builtin_names() -> String {
    BUILTINS
        .iter()
        .map(|b| b.name)
        .collect::<Vec<_>>()
        .join(", ")
}
