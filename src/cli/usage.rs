//! Usage errors (a flag clap does not know, a value it cannot take) in the learner's language.
//!
//! clap writes its own errors in English; this module writes them from the catalogs instead,
//! from what clap's error carries (the flag, the value, the valid values, the usage line), so
//! `--lang zh` covers `backstep --frobnicate` as well as `--help`. Help and `--version` stay
//! clap's (their words are already the catalogs', see [`super::help`]).

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::t;

/// A string value of `error`'s context `kind`.
fn text(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What went wrong, in one sentence, with clap's hints after it.
fn sentence(error: &clap::Error) -> String {
    let arg = text(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = text(error, ContextKind::InvalidValue).unwrap_or_default();
    let mut out = match error.kind() {
        ErrorKind::UnknownArgument => t!("cli-err-unknown-arg", arg = arg),
        ErrorKind::InvalidSubcommand => t!(
            "cli-err-unknown-command",
            name = text(error, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => t!("cli-err-value-required", arg = arg),
        ErrorKind::InvalidValue => t!("cli-err-invalid-value", arg = arg, value = value),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error)
                .map(|s| match s.downcast_ref::<std::num::ParseIntError>() {
                    Some(e) => whole_number_reason(e),
                    None => s.to_string(),
                })
                .unwrap_or_default();
            t!(
                "cli-err-invalid-value-why",
                arg = arg,
                value = value,
                why = why
            )
        }
        ErrorKind::TooManyValues => t!("cli-err-too-many-values", arg = arg, value = value),
        ErrorKind::ArgumentConflict => match text(error, ContextKind::PriorArg) {
            Some(prior) if prior != arg => t!("cli-err-conflict", arg = arg, other = prior),
            _ => t!("cli-err-twice", arg = arg),
        },
        ErrorKind::MissingRequiredArgument => t!("cli-err-missing-arg", arg = arg),
        ErrorKind::NoEquals => t!("cli-err-no-equals", arg = arg),
        _ => t!("cli-err-usage"),
    };
    // clap lists the valid values of a flag that has none as an empty list
    if let Some(valid) = text(error, ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        out.push_str(&format!(
            " {}",
            t!("cli-err-possible-values", values = valid)
        ));
    }
    let suggested = text(error, ContextKind::SuggestedArg)
        .or_else(|| text(error, ContextKind::SuggestedSubcommand))
        .or_else(|| text(error, ContextKind::SuggestedValue));
    if let Some(similar) = suggested {
        out.push_str(&format!(
            "\n\n  {}",
            t!("cli-err-similar", similar = similar)
        ));
    }
    out
}

/// Why a whole-number flag (`--iters`, `--seed`) could not be read.
fn whole_number_reason(e: &std::num::ParseIntError) -> String {
    use std::num::IntErrorKind;
    match e.kind() {
        IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => t!("cli-err-whole-too-large"),
        _ => t!("cli-err-whole"),
    }
}

/// The whole text of a usage error: the sentence, the usage line and where to find more.
pub fn render(error: &clap::Error) -> String {
    with_usage(&sentence(error), text(error, ContextKind::Usage).as_deref())
}

/// `message` as a usage error: `error: …`, the usage line (clap's `Usage: …`, its heading in
/// the language), and the `--help` hint.
pub fn with_usage(message: &str, usage: Option<&str>) -> String {
    let mut out = t!("cli-err-prefix", message = message);
    if let Some(usage) = usage {
        let usage = usage.trim();
        let line = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str(&format!("\n\n{}", t!("cli-usage-line", usage = line)));
    }
    out.push_str(&format!("\n\n{}\n", t!("cli-err-more")));
    out
}

/// True for what clap reports through an error but is not one: `--help`, `--version`, help
/// for a command given no arguments.
pub fn is_display(error: &clap::Error) -> bool {
    matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    )
}
