//! The command line: `backstep [--preset P]`, `presets`, `trace`, `check`, `train`, `compare`,
//! `histogram`, `search`.
//!
//! Parsing is clap's; each subcommand writes to a `Write` so tests can read it. Errors are
//! returned to `main`, which prints them and exits with code 2 (a failed check exits 1).

pub mod compare;
pub mod help;
pub mod histogram;
pub mod search;
pub mod train;
pub mod usage;

/// Why a command line was not run: help or the version to print (clap's, exit 0), or a usage
/// error's text in the current language (exit 2).
#[derive(Debug)]
pub enum ParseError {
    /// `--help`, `--version`: clap prints them.
    Display(clap::Error),
    /// A usage error, written out whole.
    Usage(String),
}

use std::io::Write;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::engine::check::{DEFAULT_H, DEFAULT_TOLERANCE};
use crate::i18n::format::{self, given};
use crate::preset::{BUILTINS, LAB_BUILTINS, Preset, TRAIN_BUILTINS};
use crate::report::{graph_report, json, markdown, text};
use crate::t;

/// Step through backpropagation, one matrix operation at a time.
///
/// Every flag belongs to the command it applies to: `--preset` before a subcommand, or on
/// `presets`, which takes none, is a usage error rather than silently ignored.
#[derive(Debug, Parser)]
#[command(
    name = "backstep",
    version,
    about,
    long_about = None,
    after_help = "Without a command, opens the explorer on the preset (default: two-layer); press ? there for every key."
)]
pub struct Cli {
    /// The explorer's preset.
    #[command(flatten)]
    pub preset: PresetArg,
    /// The explorer's threads.
    #[command(flatten)]
    pub threads: ThreadsArg,
    /// The language of everything backstep writes (default: BACKSTEP_LANG, else the locale's
    /// LC_ALL, LC_MESSAGES or LANG, else English).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
    /// What to do; without a command, open the explorer.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--preset NAME|PATH`, on each command that reads a preset.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct PresetArg {
    /// A built-in preset name (see `backstep presets`) or the path of a .toml preset file.
    #[arg(long, short, value_name = "NAME|PATH")]
    pub preset: Option<String>,
}

impl PresetArg {
    /// A built-in or file preset by this name; the default preset when none was given.
    pub fn load(&self) -> Result<Preset> {
        load_preset(self.preset.as_deref())
    }
}

/// `--lang en|zh|ja`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// 中文 (简体).
    Zh,
    /// 日本語.
    Ja,
}

impl From<LangArg> for crate::i18n::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::En => crate::i18n::Lang::En,
            LangArg::Zh => crate::i18n::Lang::Zh,
            LangArg::Ja => crate::i18n::Lang::Ja,
        }
    }
}

impl Cli {
    /// Parse the command line (exiting with clap's usage error, code 2, when it is wrong). Only
    /// `--lang` goes before a command: the explorer's `--preset` and `--threads` given with a
    /// command belong after it (`backstep trace --preset relu`), and saying so beats ignoring them.
    pub fn parse_args() -> Cli {
        // help and usage errors are written in the language, so it is chosen before clap reads
        // the arguments (a bad BACKSTEP_LANG is reported by `apply_lang`, after)
        let flag = help::lang_in_args(std::env::args_os());
        crate::i18n::set(
            crate::i18n::detect(flag, |name| std::env::var(name).ok())
                .unwrap_or(crate::i18n::Lang::En),
        );
        match Cli::parse_from_args(std::env::args_os()) {
            Ok(cli) => cli,
            Err(ParseError::Display(e)) => e.exit(),
            Err(ParseError::Usage(text)) => {
                eprint!("{text}");
                std::process::exit(2)
            }
        }
    }

    /// Parse `args` (the program's name first) in the current language: the command line, or
    /// help and version for clap to print, or a usage error's whole text.
    pub fn parse_from_args(
        args: impl IntoIterator<Item = std::ffi::OsString>,
    ) -> std::result::Result<Cli, ParseError> {
        use clap::{CommandFactory, FromArgMatches};
        let matches = match help::localize(Cli::command()).try_get_matches_from(args) {
            Ok(matches) => matches,
            Err(e) if usage::is_display(&e) => return Err(ParseError::Display(e)),
            Err(e) => return Err(ParseError::Usage(usage::render(&e))),
        };
        let cli =
            Cli::from_arg_matches(&matches).map_err(|e| ParseError::Usage(usage::render(&e)))?;
        if let Some(command) = &cli.command {
            let misplaced = [
                cli.preset.preset.is_some().then_some("--preset"),
                cli.threads.threads.is_some().then_some("--threads"),
            ];
            if let Some(flag) = misplaced.into_iter().flatten().next() {
                let name = match command {
                    Command::Presets => "presets",
                    Command::Trace { .. } => "trace",
                    Command::Check { .. } => "check",
                    Command::Train(_) => "train",
                    Command::Compare(_) => "compare",
                    Command::Histogram(_) => "histogram",
                    Command::Search(_) => "search",
                };
                let hint = if matches!(command, Command::Presets) {
                    t!("cli-misplaced-flag", command = name, flag = flag)
                } else {
                    t!("cli-misplaced-flag-before", command = name, flag = flag)
                };
                let usage = help::localize(Cli::command()).render_usage().to_string();
                return Err(ParseError::Usage(usage::with_usage(&hint, Some(&usage))));
            }
        }
        Ok(cli)
    }

    /// Choose the language (the flag, `BACKSTEP_LANG`, the locale; see [`crate::i18n::detect`])
    /// and make it current. `env` reads an environment variable.
    pub fn apply_lang(&self, env: impl Fn(&str) -> Option<String>) -> Result<crate::i18n::Lang> {
        let lang =
            crate::i18n::detect(self.lang.map(Into::into), env).map_err(anyhow::Error::msg)?;
        crate::i18n::set(lang);
        Ok(lang)
    }
}

/// `--threads N`, on each command that computes. A new command that computes flattens it
/// (`#[command(flatten)] threads: ThreadsArg`, or a field of its `Args` struct) and returns it
/// from its arm of [`Cli::threads`]; a test checks that every command but `presets` has it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::Args)]
pub struct ThreadsArg {
    /// Cores to share the work between (default: BACKSTEP_THREADS, else every available core).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = threads_number)]
    pub threads: Option<u16>,
}

impl Cli {
    /// The `--threads` of whichever command was given.
    pub fn threads(&self) -> ThreadsArg {
        match &self.command {
            None | Some(Command::Presets) => self.threads,
            Some(Command::Trace { threads, .. } | Command::Check { threads, .. }) => *threads,
            Some(Command::Train(args)) => args.threads,
            Some(Command::Compare(args)) => args.threads,
            Some(Command::Histogram(args)) => args.threads,
            Some(Command::Search(args)) => args.threads,
        }
    }
}

impl ThreadsArg {
    /// Set the number of threads shared work uses: the flag, else `BACKSTEP_THREADS` (`env`),
    /// else every available core. A `BACKSTEP_THREADS` that is not a whole number from 1 to
    /// 1024 is an error naming it.
    pub fn apply(self, env: Option<&str>) -> Result<usize> {
        let n = match (self.threads, env.map(str::trim).filter(|v| !v.is_empty())) {
            (Some(n), _) => usize::from(n),
            (None, Some(v)) => match v.parse::<usize>() {
                Ok(n) if (1..=1024).contains(&n) => n,
                _ => anyhow::bail!(t!("cli-bad-threads", value = v)),
            },
            (None, None) => 0,
        };
        crate::engine::linalg::set_threads(n);
        crate::engine::linalg::set_crowd_probe(running_threads);
        Ok(crate::engine::linalg::threads())
    }
}

/// How many threads the machine runs or has ready to run now, the caller included: the fourth
/// field of Linux's `/proc/loadavg` (`running/total`); `None` elsewhere, or if it cannot be read.
/// The team of cores lets its helpers wait spinning between calls only while this count leaves
/// them a core of their own (`engine::linalg::set_crowd_probe`).
pub fn running_threads() -> Option<usize> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    parse_running(&text)
}

/// The running count of a `/proc/loadavg` line: `0.97 1.85 2.19 3/120 12345` gives 3.
fn parse_running(line: &str) -> Option<usize> {
    line.split_whitespace()
        .nth(3)?
        .split('/')
        .next()?
        .parse()
        .ok()
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the built-in presets, one line each.
    Presets,
    /// Print every forward and backward step of a preset.
    Trace {
        /// The preset to trace (default: two-layer).
        #[command(flatten)]
        preset: PresetArg,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = TraceFormat::Text)]
        format: TraceFormat,
        /// Threads.
        #[command(flatten)]
        threads: ThreadsArg,
    },
    /// Compare backprop's gradients with central differences; exit 1 when an error exceeds the tolerance.
    Check {
        /// The preset to check (default: two-layer).
        #[command(flatten)]
        preset: PresetArg,
        /// Step h of the central differences.
        #[arg(long, default_value_t = DEFAULT_H, allow_negative_numbers = true, value_parser = finite_number)]
        eps: f64,
        /// Largest relative error that passes.
        #[arg(long, default_value_t = DEFAULT_TOLERANCE, allow_negative_numbers = true, value_parser = finite_number)]
        tol: f64,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Threads.
        #[command(flatten)]
        threads: ThreadsArg,
    },
    /// Train a preset with a [train] section (the book's train_neuralnet.py loop) and print its progress.
    Train(train::TrainArgs),
    /// Train one run per value of a setting (optimizer, lr, dropout, batch_norm, batch) on the
    /// same data, initial weights and mini-batches, and compare them (the book's chapter 6).
    Compare(compare::CompareArgs),
    /// Send 1,000 inputs through a net and count each hidden activation layer's outputs into 30
    /// bins over [0, 1] (the book's chapter 6.2.2).
    Histogram(histogram::HistogramArgs),
    /// Draw learning rates and weight decays log-uniformly, train a trial of each on 80 % of the
    /// training rows and rank them by validation accuracy (the book's chapter 6.5).
    Search(search::SearchArgs),
}

/// Formats of `trace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TraceFormat {
    /// Human-readable steps.
    Text,
    /// JSON, the contract described in README.md under "trace --format json".
    Json,
    /// Study notes: every step with its formula, NumPy line and matrices as tables.
    Markdown,
}

/// Formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// A table.
    Text,
    /// JSON.
    Json,
}

/// What `backstep` writes to stderr for an error that ends a command with exit 2:
/// `backstep: error: …` in the current language, every cause after the first.
pub fn error_text(e: &anyhow::Error) -> String {
    t!("cli-error", message = format!("{e:#}"))
}

/// `--threads N`: a whole number from 1 to 1024.
pub fn threads_number(text: &str) -> std::result::Result<u16, String> {
    match text.trim().parse::<u16>() {
        Ok(n) if (1..=1024).contains(&n) => Ok(n),
        _ => Err(t!("cli-err-threads")),
    }
}

/// A number flag (`--lr`, `--eps`, `--tol`), finite: `--lr 1e309` is "too large for f64", not
/// silently inf.
pub fn finite_number(text: &str) -> std::result::Result<f64, String> {
    format::parse_finite(text)
}

/// Parse `--init` (`std:0.01`, `xavier`, `he`): clap's error names the flag and exits 2.
pub fn init_arg(text: &str) -> std::result::Result<crate::preset::Init, String> {
    crate::preset::Init::parse(text).map_err(|e| e.to_string())
}

/// How a headless command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: the gradient check failed.
    CheckFailed,
    /// Exit 128 + the signal: SIGTERM or SIGHUP (the number) ended the explorer or the training
    /// screen after it restored the terminal (143, 129, as shells and process managers expect).
    Signalled(i32),
}

/// Load the preset named on the command line, or the default.
pub fn load_preset(arg: Option<&str>) -> Result<Preset> {
    match arg {
        Some(p) => Preset::resolve(p),
        None => Preset::default_preset(),
    }
}

/// Run a headless command, writing to `out`.
///
/// Output that cannot be written because the reader went away (`backstep trace | head -1`) is not an
/// error: the command ends quietly, and the outcome (a failed check still fails) stands.
pub fn run_command(command: &Command, out: &mut dyn Write) -> Result<Outcome> {
    match command {
        Command::Presets => {
            let width = BUILTINS
                .iter()
                .chain(TRAIN_BUILTINS)
                .chain(LAB_BUILTINS)
                .map(|b| b.name.len())
                .max()
                .unwrap_or(0);
            let written: Result<()> = BUILTINS
                .iter()
                .chain(TRAIN_BUILTINS)
                .chain(LAB_BUILTINS)
                .try_for_each(|b| {
                    writeln!(out, "{:width$}  {}", b.name, b.summary())?;
                    Ok(())
                });
            quiet_on_closed_pipe(written.and_then(|()| Ok(out.flush()?)))?;
            Ok(Outcome::Success)
        }
        Command::Trace { preset, format, .. } => {
            let preset = preset.load()?;
            if let Some(graph) = &preset.graph {
                return trace_graph(&preset, graph, *format, out);
            }
            let run = preset.run()?;
            let written = match format {
                TraceFormat::Text => text::trace_text(&preset, &run, out),
                TraceFormat::Json => write_json(out, &json::trace_json(&preset, &run)),
                TraceFormat::Markdown => out
                    .write_all(markdown::trace_markdown(&preset, &run).as_bytes())
                    .map_err(Into::into),
            };
            quiet_on_closed_pipe(written.and_then(|()| Ok(out.flush()?)))?;
            Ok(Outcome::Success)
        }
        Command::Check {
            preset,
            eps,
            tol,
            format,
            ..
        } => {
            anyhow::ensure!(
                eps.is_finite() && *eps > 0.0,
                t!("cli-not-positive", flag = "--eps", value = given(*eps))
            );
            anyhow::ensure!(
                tol.is_finite() && *tol > 0.0,
                t!("cli-not-positive", flag = "--tol", value = given(*tol))
            );
            let preset = preset.load()?;
            let report = preset.check(*eps, *tol)?;
            let written = match format {
                CheckFormat::Text => text::check_text(&preset, &report, out),
                CheckFormat::Json => write_json(out, &json::check_json(&preset, &report)),
            };
            quiet_on_closed_pipe(written.and_then(|()| Ok(out.flush()?)))?;
            Ok(if report.passed() {
                Outcome::Success
            } else {
                Outcome::CheckFailed
            })
        }
        Command::Train(args) => {
            // On a terminal without --format, main.rs opens the training screen instead.
            quiet_on_closed_pipe(train::run_train(args, out))?;
            Ok(Outcome::Success)
        }
        Command::Compare(args) => {
            quiet_on_closed_pipe(compare::run_compare(args, out))?;
            Ok(Outcome::Success)
        }
        Command::Histogram(args) => {
            // On a terminal without --format, main.rs opens the histogram screen instead.
            quiet_on_closed_pipe(histogram::run_histogram(args, out))?;
            Ok(Outcome::Success)
        }
        Command::Search(args) => {
            // On a terminal without --format, main.rs opens the search screen instead.
            quiet_on_closed_pipe(search::run(args, out))?;
            Ok(Outcome::Success)
        }
    }
}

/// Pretty JSON and a final newline.
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Whether `error` comes from writing into a pipe whose reader has gone (EPIPE), at any depth of
/// its chain (an `io::Error`, or one inside a `serde_json::Error`).
pub fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let io_kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        io_kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// A closed pipe is the reader saying "enough": not an error. Any other failure stays one.
fn quiet_on_closed_pipe(written: Result<()>) -> Result<()> {
    match written {
        Err(e) if is_closed_pipe(&e) => Ok(()),
        other => other,
    }
}

/// `trace` of a graph preset: its own JSON, and the figure in front of the text and Markdown.
fn trace_graph(
    preset: &Preset,
    graph: &crate::engine::graph::Graph,
    format: TraceFormat,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let run = graph.run().with_context(|| preset.source.describe())?;
    let written = match format {
        TraceFormat::Json => write_json(out, &graph_report::graph_json(preset, graph, &run)),
        TraceFormat::Text => text::trace_steps(preset, &run.run, out).and_then(|()| {
            writeln!(out, "\n== {} ==", t!("report-result-heading"))?;
            graph_report::graph_results(graph, &run)
                .iter()
                .try_for_each(|l| writeln!(out, "{l}"))?;
            writeln!(out, "\n{}\n", t!("report-graph-after-backward"))?;
            graph_report::graph_lines(preset, graph, &run)
                .iter()
                .try_for_each(|l| Ok(writeln!(out, "{l}")?))
        }),
        TraceFormat::Markdown => {
            let chain = markdown::trace_markdown_steps(preset, &run.run);
            out.write_all(graph_report::graph_markdown(preset, graph, &run, &chain).as_bytes())
                .map_err(Into::into)
        }
    };
    quiet_on_closed_pipe(written.and_then(|()| Ok(out.flush()?)))?;
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_running_count_is_the_fourth_field_of_loadavg() {
        assert_eq!(parse_running("0.97 1.85 2.19 3/120 12345\n"), Some(3));
        assert_eq!(parse_running("0.00 0.01 0.05 12/480 7"), Some(12));
        assert_eq!(parse_running("0.97 1.85 2.19"), None);
        assert_eq!(parse_running("0.97 1.85 2.19 x/120 1"), None);
    }

    #[test]
    fn every_command_that_computes_takes_threads() {
        let cli = Cli::command();
        assert!(
            cli.get_arguments().any(|a| a.get_id() == "threads"),
            "the explorer"
        );
        for command in cli.get_subcommands() {
            let takes = command.get_arguments().any(|a| a.get_id() == "threads");
            let computes = command.get_name() != "presets";
            assert_eq!(takes, computes, "backstep {}", command.get_name());
        }
    }
}
