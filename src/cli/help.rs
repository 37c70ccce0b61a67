//! clap's help in the learner's language.
//!
//! The derive in [`super`] gives the command line its structure; this module gives every about,
//! argument help and heading of `--help` from the catalogs. The language must be known before
//! clap reads the arguments, so `--lang` is found in them first ([`lang_in_args`]).

use clap::Command;

use crate::i18n::Lang;
use crate::t;

/// The language `--lang ja` or `--lang=ja` names in `args` (the program's name first), before
/// clap parses them; `None` without one, or with a value that names no language (clap reports
/// that).
pub fn lang_in_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<Lang> {
    let mut args = args
        .into_iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            return args.next().and_then(|v| Lang::from_code(&v));
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Lang::from_code(value);
        }
    }
    None
}

/// `cmd` with every about, argument help and heading in the current language.
pub fn localize(mut cmd: Command) -> Command {
    // clap adds --help, --version and the help subcommand when it builds the command: build it
    // first, so they are there to be given their words
    cmd.build();
    localize_command(cmd, true)
}

fn localize_command(cmd: Command, root: bool) -> Command {
    let name = cmd.get_name().to_string();
    // the language's own spacing: `Usage: backstep …`, `用法：backstep …`
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}\n\n{{all-args}}{{after-help}}",
        t!("cli-usage-line", usage = "{usage}")
    );
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(t!("cli-commands-heading"))
        .long_about(None::<&str>)
        .mut_args(|arg| {
            let help = arg_help(&name, arg.get_id().as_str()).map(|help| {
                match arg.get_default_values().first() {
                    // the default in words of the language, not clap's `[default: …]`
                    Some(value) if arg.get_action().takes_values() => t!(
                        "cli-arg-default",
                        help = help,
                        value = value.to_string_lossy()
                    ),
                    _ => help,
                }
            });
            let arg = arg.help_heading(t!("cli-options-heading"));
            match help {
                Some(help) => arg
                    .help(help)
                    .long_help(None::<&str>)
                    .hide_possible_values(true)
                    .hide_default_value(true),
                None => arg,
            }
        });
    if let Some(about) = about(&name, root) {
        cmd = cmd.about(about);
    }
    if root {
        cmd = cmd.after_help(t!("cli-after-help"));
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subcommands {
        cmd = cmd.mut_subcommand(sub, |c| localize_command(c, false));
    }
    cmd
}

/// What a command is for.
fn about(name: &str, root: bool) -> Option<String> {
    Some(match name {
        _ if root => t!("cli-about"),
        "presets" => t!("cli-presets-about"),
        "trace" => t!("cli-trace-about"),
        "check" => t!("cli-check-about"),
        "train" => t!("cli-train-about"),
        "compare" => t!("ch6b-compare-about"),
        "histogram" => t!("hist-about"),
        "search" => t!("search-about"),
        "help" => t!("cli-help-about"),
        _ => return None,
    })
}

/// The help of argument `id` of command `command`; `None` leaves clap's (an argument this table
/// does not know yet: a test lists every argument without one).
pub fn arg_help(command: &str, id: &str) -> Option<String> {
    Some(match (command, id) {
        (_, "help") => t!("cli-arg-help"),
        (_, "version") => t!("cli-arg-version"),
        (_, "preset") => t!("cli-arg-preset"),
        (_, "threads") => t!("cli-arg-threads"),
        (_, "lang") => t!("cli-arg-lang"),
        ("trace", "format") => t!("cli-arg-trace-format"),
        ("check", "format") => t!("cli-arg-check-format"),
        ("train", "format") => t!("cli-arg-train-format"),
        ("compare", "format") => t!("ch6b-arg-compare-format"),
        ("compare", "vary") => t!("ch6b-arg-vary"),
        ("histogram", "format") => t!("hist-arg-format"),
        ("search", "format") => t!("search-arg-format"),
        ("search", "trials") => t!("search-arg-trials"),
        ("search", "epochs") => t!("search-arg-epochs"),
        ("search", "lr") => t!("search-arg-lr"),
        ("search", "weight_decay") => t!("search-arg-weight-decay"),
        ("search", "seed") => t!("search-arg-seed"),
        (_, "eps") => t!("cli-arg-eps"),
        (_, "tol") => t!("cli-arg-tol"),
        (_, "data") => t!("cli-arg-data"),
        (_, "iters") => t!("cli-arg-iters"),
        (_, "batch") => t!("cli-arg-batch"),
        (_, "lr") => t!("cli-arg-lr"),
        (_, "optimizer") => t!("cli-arg-optimizer"),
        (_, "seed") => t!("cli-arg-seed"),
        (_, "all_epochs") => t!("cli-arg-all-epochs"),
        (_, "init") => t!("cli-arg-init"),
        (_, "weight_decay") => t!("ch6c-arg-weight-decay"),
        _ => return None,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<std::ffi::OsString> {
        v.iter().map(Into::into).collect()
    }

    #[test]
    fn lang_is_found_before_clap_reads_the_arguments() {
        assert_eq!(
            lang_in_args(args(&["backstep", "--lang", "ja"])),
            Some(Lang::Ja)
        );
        assert_eq!(
            lang_in_args(args(&["backstep", "trace", "--lang=zh", "--help"])),
            Some(Lang::Zh)
        );
        assert_eq!(lang_in_args(args(&["backstep", "--lang", "fr"])), None);
        assert_eq!(
            lang_in_args(args(&["backstep", "--", "--lang", "ja"])),
            None
        );
        assert_eq!(lang_in_args(args(&["--lang"])), None);
    }

    #[test]
    fn every_argument_of_every_command_has_its_words() {
        use clap::CommandFactory;
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        let mut commands = vec![cmd];
        while let Some(c) = commands.pop() {
            for arg in c.get_arguments() {
                if arg_help(c.get_name(), arg.get_id().as_str()).is_none() {
                    missing.push(format!("{} {}", c.get_name(), arg.get_id()));
                }
            }
            if about(c.get_name(), c.get_name() == "backstep").is_none() {
                missing.push(c.get_name().to_string());
            }
            commands.extend(c.get_subcommands().cloned());
        }
        assert!(missing.is_empty(), "no words for {missing:?}");
    }
}
