//! The `backstep` binary: parse the command line, run a headless command or the explorer.

use std::process::ExitCode;

use backstep::cli::{Cli, Outcome, load_preset, run_command};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(command) => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            run_command(command, cli.preset.as_deref(), &mut lock)
        }
        // The preset is loaded before the terminal is touched: a bad one prints and exits 2.
        None => load_preset(cli.preset.as_deref())
            .and_then(backstep::tui::run)
            .map(|()| Outcome::Success),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::CheckFailed) => ExitCode::from(1),
        Err(e) => {
            eprintln!("backstep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
