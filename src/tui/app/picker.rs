//! The preset picker (`P`): the built-ins, the `.toml` files in the current directory and "type
//! a path…". The list scrolls; "type a path…" stays in view below it.
//!
//! A file (picked or typed) is read on a worker thread, never by the event loop: the App hands
//! the loop a [`LoadJob`] ([`App::take_load`]) and shows [`Mode::Loading`] until the preset comes
//! back as [`Action::Loaded`]. `Esc` stops waiting; `q` quits even while a read hangs.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{App, Mode, Prompt};
use crate::preset::{BUILTINS, Preset, TRAIN_BUILTINS};
use crate::tui::action::{Action, LoadOutcome};

/// Rows the picker's box takes around its list: borders, the hint line, "type a path…".
pub const PICKER_CHROME: u16 = 4;

/// One row of the preset picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerEntry {
    /// A built-in preset: name and one line.
    Builtin {
        /// The name.
        name: String,
        /// What it shows.
        summary: String,
    },
    /// A `.toml` file in the current directory (shown as `./name.toml`).
    File(PathBuf),
    /// "Type a path…".
    TypePath,
}

impl PickerEntry {
    /// True for a file whose name (without `.toml`) is also a built-in's: the picker says so.
    pub fn shadows_builtin(&self) -> bool {
        match self {
            PickerEntry::File(path) => {
                path.file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|stem| {
                        BUILTINS
                            .iter()
                            .chain(TRAIN_BUILTINS)
                            .any(|b| b.name == stem)
                    })
            }
            _ => false,
        }
    }
}

/// The open picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// Built-ins, `.toml` files here, and "type a path" last.
    pub entries: Vec<PickerEntry>,
    /// The highlighted entry.
    pub selected: usize,
}

/// A preset being read on a worker thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loading {
    /// Which load; its [`Action::Loaded`] carries the same id.
    pub job: u64,
    /// What the user picked or typed: a path, or a built-in's name.
    pub name: String,
    /// The job, until the event loop takes it.
    pending: Option<LoadJob>,
}

/// A preset to read and run on a worker thread: a built-in's name or a path, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadJob {
    /// Which load.
    pub id: u64,
    /// The name or path, resolved like `--preset`.
    name: String,
}

impl LoadJob {
    /// Read, parse and run the preset, then send the outcome through `send`.
    pub fn run(self, send: &(dyn Fn(Action) + Sync)) {
        let result = Preset::resolve(&self.name)
            .and_then(|p| {
                let run = p.run()?;
                Ok((p, run))
            })
            .map_err(|e| format!("{e:#}"));
        send(Action::Loaded {
            job: self.id,
            outcome: LoadOutcome(Arc::new(result)),
        });
    }
}

/// Ids of loads: a reply to a load the user stopped waiting for is told apart from the next.
static NEXT_LOAD: AtomicU64 = AtomicU64::new(1);

/// How many entries of the list fit on a screen `height` rows tall ("type a path…" has its own
/// row under them).
pub fn visible_entries(height: u16) -> usize {
    height.saturating_sub(2 + PICKER_CHROME).max(1) as usize
}

/// The `.toml` files of `dir` (not Cargo.toml), sorted; as `./name` paths in the current
/// directory, so a file named like a built-in reads as a path.
fn preset_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
                .filter(|p| p.file_name().is_some_and(|n| n != "Cargo.toml"))
                .filter_map(|p| p.file_name().map(|n| dir.join(n)))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

impl App {
    /// Open the picker: built-ins, then `.toml` files in the picker's directory (the current
    /// one unless a test points elsewhere), then a path.
    pub(super) fn open_picker(&mut self) {
        let mut entries: Vec<PickerEntry> = BUILTINS
            .iter()
            .chain(TRAIN_BUILTINS)
            .map(|b| PickerEntry::Builtin {
                name: b.name.into(),
                summary: b.summary(),
            })
            .collect();
        entries.extend(
            preset_files(&self.picker_dir)
                .into_iter()
                .map(PickerEntry::File),
        );
        entries.push(PickerEntry::TypePath);
        let selected = entries
            .iter()
            .position(
                |e| matches!(e, PickerEntry::Builtin { name, .. } if *name == self.preset.name),
            )
            .unwrap_or(0);
        self.mode = Mode::Picker(Picker { entries, selected });
    }

    /// Choose with ↑/↓ (pages, `Home`/`End`), load with `Enter`, close with `Esc`.
    pub(super) fn picker(&mut self, mut picker: Picker, action: Action) {
        let n = picker.entries.len().max(1);
        let page = visible_entries(self.size.1);
        let s = picker.selected;
        picker.selected = match action {
            Action::Back => return,
            Action::Up => (s + n - 1) % n,
            Action::Down => (s + 1) % n,
            Action::PageUp => s.saturating_sub(page),
            Action::PageDown => (s + page).min(n - 1),
            Action::FirstStep => 0,
            Action::LastStep => n - 1,
            Action::Confirm => {
                match picker.entries.get(s) {
                    Some(PickerEntry::Builtin { name, .. }) => self.load(Preset::builtin(name)),
                    Some(PickerEntry::File(path)) => self.start_load(&path.display().to_string()),
                    Some(PickerEntry::TypePath) => {
                        self.mode = Mode::Prompt(Prompt {
                            label: crate::t!("views-picker-path"),
                            input: String::new(),
                            target: None,
                        })
                    }
                    None => self.mode = Mode::Picker(picker),
                }
                return;
            }
            _ => s,
        };
        self.mode = Mode::Picker(picker);
    }
}

impl App {
    /// Read the preset `name` (a path, or a built-in's name) on a worker thread.
    pub(super) fn start_load(&mut self, name: &str) {
        let id = NEXT_LOAD.fetch_add(1, Ordering::Relaxed);
        self.mode = Mode::Loading(Loading {
            job: id,
            name: name.to_string(),
            pending: Some(LoadJob {
                id,
                name: name.to_string(),
            }),
        });
    }

    /// The preset read the event loop should start on a worker thread, if `update` asked for
    /// one.
    pub fn take_load(&mut self) -> Option<LoadJob> {
        match &mut self.mode {
            Mode::Loading(loading) => loading.pending.take(),
            _ => None,
        }
    }

    /// Keys while a preset is read: `Esc` (or `Enter`) stops waiting and keeps the current
    /// preset; a late reply is then dropped.
    pub(super) fn loading(&mut self, loading: Loading, action: Action) {
        if matches!(action, Action::Back | Action::Confirm) {
            self.status = Some(crate::t!(
                "views-picker-stopped",
                name = loading.name.as_str()
            ));
        } else {
            self.mode = Mode::Loading(loading);
        }
    }

    /// The worker's reply: show the preset, or why not. A reply to an older load is dropped.
    pub(super) fn loaded(&mut self, job: u64, outcome: LoadOutcome) {
        if matches!(&self.mode, Mode::Loading(loading) if loading.job == job) {
            self.show_loaded(Arc::unwrap_or_clone(outcome.0));
        }
    }
}
