//! The `backstep` binary: parse the command line, run a headless command, the explorer or the
//! training screen.

use std::process::ExitCode;

use backstep::cli::{Cli, Command, Outcome, error_text, is_closed_pipe, run_command};
use backstep::tui::Ended;

/// mimalloc keeps freed memory for reuse: with the system allocator every pass at the book's
/// MNIST shape gave its 627 KB matrices back to the kernel and paid page faults to get them again
/// (README, "Performance").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How the explorer or the training screen ended, as a command's outcome.
fn outcome(ended: Ended) -> Outcome {
    match ended {
        Ended::Quit => Outcome::Success,
        Ended::Signal(signal) => Outcome::Signalled(signal),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse_args();
    let threads = std::env::var("BACKSTEP_THREADS").ok();
    let result = cli
        .apply_lang(|name| std::env::var(name).ok())
        .and_then(|_| cli.threads().apply(threads.as_deref()))
        .and_then(|_| run(&cli));
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::CheckFailed) => ExitCode::from(1),
        // SIGTERM or SIGHUP ended the explorer after it restored the terminal: 143 or 129.
        Ok(Outcome::Signalled(signal)) => {
            ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX))
        }
        // The reader of our output went away (`| head`): nothing to report, as Unix tools do.
        Err(e) if is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", error_text(&e));
            ExitCode::from(2)
        }
    }
}

/// The command, the explorer or the training screen.
fn run(cli: &Cli) -> anyhow::Result<Outcome> {
    match &cli.command {
        // `train` without --format on a terminal opens the training screen (loaded first, so a
        // bad preset prints and exits 2 before the terminal is touched).
        Some(Command::Train(args)) if args.wants_screen() => args
            .load()
            .and_then(backstep::tui::run_training)
            .map(outcome),
        // `compare` without --format on a terminal opens the compare screen (the runs are loaded
        // first, so a bad --vary prints and exits 2 before the terminal is touched).
        Some(Command::Compare(args)) if args.wants_screen() => args
            .load()
            .and_then(|(vary, runs)| {
                let runs = runs.into_iter().map(|r| (r.value, r.preset)).collect();
                backstep::tui::run_compare(vary.key.as_str(), runs)
            })
            .map(outcome),
        // `histogram` without --format on a terminal opens the histogram screen, computed first.
        Some(Command::Histogram(args)) if args.wants_screen() => args
            .compute()
            .and_then(|(preset, h)| {
                let mut view = backstep::tui::app::HistogramView::of(&preset, args.init, h);
                // a file's text, read once here, lets `i` redraw it without touching the file
                if let backstep::preset::Source::File(path) = &preset.source
                    && let Ok(text) = std::fs::read_to_string(path)
                {
                    view = view.with_text(&preset, text);
                }
                backstep::tui::run_histogram(preset, view)
            })
            .map(outcome),
        // `search` without --format on a terminal opens the search screen (the flags and the
        // preset are checked first, so a bad range prints and exits 2 before the terminal is
        // touched).
        Some(Command::Search(args)) if args.wants_screen() => args
            .load()
            .and_then(|(preset, spec)| {
                let rows = preset.training.as_ref().map_or(0, |t| t.data.train.rows());
                let validation = backstep::cli::search::validation_rows(rows);
                backstep::tui::run_search(preset, spec, validation)
            })
            .map(outcome),
        Some(command) => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            run_command(command, &mut lock)
        }
        // The preset is loaded before the terminal is touched: a bad one prints and exits 2.
        None => cli.preset.load().and_then(backstep::tui::run).map(outcome),
    }
}
