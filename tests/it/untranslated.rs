//! Every word a learner meets in the terminal UI comes from a catalog: the explorer at every step
//! of every built-in preset, every popup and key context, and the training screen, rendered in
//! `Lang::Pseudo` (every catalog message wrapped in `⟦…⟧`), leave no word outside the markers.

use crate::support::driver::{press, screen};
use crate::support::temp::TempDir;
use crate::support::words::{NOT_TRANSLATED, untranslated_except};

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use backstep::i18n::{self, Lang};
use backstep::preset::{BUILTINS, LAB_BUILTINS, Preset, TRAIN_BUILTINS};
use backstep::tui::app::{App, Mode, session_for};
use backstep::tui::keymap::Context;
use backstep::tui::ui::train::Picture;
use backstep::tui::{Action, finish_jobs, to_action};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The sizes every screen is read at.
const SIZES: [(u16, u16); 2] = [(120, 36), (80, 24)];

/// Untranslated words, each with how often and where it was first met.
#[derive(Default)]
struct Findings {
    words: BTreeMap<String, (usize, String)>,
}

impl Findings {
    /// Read one frame of `app` at `size`; `place` says where it was, `names` are the preset's own.
    fn read(&mut self, app: &App, size: (u16, u16), place: &str, names: &[String]) {
        let text = screen(app, size.0, size.1);
        self.check(
            &text,
            &text,
            &format!("{place} at {}×{}", size.0, size.1),
            names,
        );
    }

    /// Read a frame with a popup over `under` (the frame before the popup opened, the same
    /// size): the popup's box, and around it only the cells that changed (see
    /// [`changed_spans`]), so the words it cuts in half underneath (`Affine1` showing as `Af`)
    /// are not taken for words of their own.
    fn read_over(
        &mut self,
        app: &App,
        under: &str,
        size: (u16, u16),
        place: &str,
        names: &[String],
    ) {
        let text = screen(app, size.0, size.1);
        let changed = changed_spans(under, &text);
        self.check(
            &changed,
            &text,
            &format!("{place} at {}×{}", size.0, size.1),
            names,
        );
    }

    /// Read the frame `over` where it differs from `under` (see [`Findings::read_over`]).
    fn read_pair(&mut self, over: &str, under: &str, place: &str, names: &[String]) {
        self.check(&changed_spans(under, over), over, place, names);
    }

    /// Read a piece of a frame (one row).
    fn read_text(&mut self, text: &str, place: &str, names: &[String]) {
        self.check(text, text, place, names);
    }

    fn check(&mut self, read: &str, shown: &str, place: &str, names: &[String]) {
        let read = readable(read, names);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        for word in untranslated_except(&read, &names) {
            if is_code(&word) {
                continue;
            }
            let entry = self
                .words
                .entry(word)
                .or_insert_with(|| (0, format!("{place}:\n{shown}")));
            entry.0 += 1;
        }
    }

    fn assert_none(&self) {
        if self.words.is_empty() {
            return;
        }
        let list: Vec<String> = self
            .words
            .iter()
            .map(|(w, (n, _))| format!("{w} ({n}×)"))
            .collect();
        // UNTRANSLATED_DUMP=1 lists every word with the frame where it was first met
        if std::env::var_os("UNTRANSLATED_DUMP").is_some() {
            for (w, (n, place)) in &self.words {
                eprintln!("@@ {w} ({n}×) in {place}\n");
            }
        }
        let (first, (_, place)) = self.words.iter().next().unwrap_or_else(|| unreachable!());
        panic!(
            "{} words a learner would meet in English: {}\n\nthe first, {first:?}, in {place}",
            list.len(),
            list.join(", ")
        );
    }
}

/// The content of one row of a `TestBackend` frame (without its quotes and its note on wide
/// characters), and how to put a changed content back.
fn row_content(raw: &str) -> Option<&str> {
    let quoted = raw.strip_prefix('"')?;
    Some(match quoted.rfind("\" Hidden by multi-width symbols") {
        Some(end) => &quoted[..end],
        None => quoted.strip_suffix('"').unwrap_or(quoted),
    })
}

/// One row's content as cells by the column each starts at: a character with the zero-width
/// ones after it (`x̂` is one cell), a wide character (CJK) taking two columns (the second one
/// `None`, as `TestBackend` hides it).
fn cells(content: &str) -> Vec<Option<String>> {
    use unicode_width::UnicodeWidthChar;
    let mut out: Vec<Option<String>> = Vec::new();
    for c in content.chars() {
        let width = c.width().unwrap_or(0);
        if width == 0
            && let Some(Some(last)) = out.iter_mut().rev().find(|cell| cell.is_some())
        {
            last.push(c);
            continue;
        }
        out.push(Some(c.to_string()));
        out.extend(std::iter::repeat_n(None, width.saturating_sub(1)));
    }
    out
}

/// A popup's box on a frame, border included: rows `top..=bottom`, columns `left..=right`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Popup {
    top: usize,
    bottom: usize,
    left: usize,
    right: usize,
}

/// The boxes drawn on `over` that were not on `under`: a `┌` that `under` did not have there,
/// with its `│` sides, `└─┘` bottom and `┐` (a box inside another one is part of it).
fn popups(under: &[Vec<Option<String>>], over: &[Vec<Option<String>>]) -> Vec<Popup> {
    fn at(rows: &[Vec<Option<String>>], r: usize, c: usize) -> Option<&str> {
        rows.get(r)?.get(c)?.as_deref()
    }
    let mut found: Vec<Popup> = Vec::new();
    for (top, row) in over.iter().enumerate() {
        for left in 0..row.len() {
            if at(over, top, left) != Some("┌") || at(under, top, left) == Some("┌") {
                continue;
            }
            let Some(bottom) = (top + 1..over.len()).find(|&r| at(over, r, left) != Some("│"))
            else {
                continue;
            };
            if at(over, bottom, left) != Some("└") {
                continue;
            }
            let Some(right) =
                (left + 1..over[bottom].len()).find(|&c| at(over, bottom, c) != Some("─"))
            else {
                continue;
            };
            if at(over, bottom, right) == Some("┘") && at(over, top, right) == Some("┐") {
                found.push(Popup {
                    top,
                    bottom,
                    left,
                    right,
                });
            }
        }
    }
    let inside = |a: &Popup, b: &Popup| {
        a != b && b.top <= a.top && a.bottom <= b.bottom && b.left <= a.left && a.right <= b.right
    };
    found
        .iter()
        .filter(|a| !found.iter().any(|b| inside(a, b)))
        .copied()
        .collect()
}

/// `over` as the checker should read it over `under` (the frame before a popup opened, the same
/// size), cell by cell: a popup's box whole; outside it, each stretch of a row between popups
/// from the first to the last cell that differs from `under` — but not the text beside a popup
/// that continues under it (a message whose start the popup hides, `…ws the ro…`: a fragment,
/// read whole on `under`). The rest is blank.
fn changed_spans(under: &str, over: &str) -> String {
    let grid = |frame: &str| -> Vec<Vec<Option<String>>> {
        frame
            .lines()
            .map(|raw| row_content(raw).map(cells).unwrap_or_default())
            .collect()
    };
    let (before, now) = (grid(under), grid(over));
    let boxes = popups(&before, &now);
    let text = |cell: Option<&Option<String>>| {
        cell.and_then(|c| c.as_deref())
            .is_some_and(|c| c.chars().any(char::is_alphanumeric))
    };
    let border = |cell: Option<&Option<String>>| {
        cell.and_then(|c| c.as_deref())
            .is_some_and(|c| "│┃║┌┐└┘├┤┬┴┼".contains(c))
    };
    let mut out = Vec::new();
    for (r, (raw, row)) in over.lines().zip(&now).enumerate() {
        if row_content(raw).is_none() {
            out.push(raw.to_string());
            continue;
        }
        let was = before.get(r).map(Vec::as_slice).unwrap_or_default();
        let mut kept = vec![false; row.len()];
        let here: Vec<&Popup> = boxes
            .iter()
            .filter(|p| p.top <= r && r <= p.bottom)
            .collect();
        for p in &here {
            for k in kept.iter_mut().take(p.right + 1).skip(p.left) {
                *k = true;
            }
        }
        // the stretches of the row outside the popups, each with what hides text beside it
        let mut edges: Vec<usize> = vec![0];
        for p in &here {
            edges.extend([p.left, p.right + 1]);
        }
        edges.push(row.len());
        edges.sort_unstable();
        for pair in edges.chunks(2) {
            let (mut a, mut b) = (pair[0], pair.get(1).copied().unwrap_or(row.len()));
            // a popup that hides text where it meets this stretch cuts a fragment off: from the
            // popup to the nearest pane border
            let hides = |p: &Popup| (p.left..=p.right).any(|c| text(was.get(c)));
            if let Some(p) = here.iter().find(|p| p.right + 1 == a)
                && hides(p)
            {
                a = (a..b).find(|&c| border(row.get(c))).unwrap_or(b);
            }
            if let Some(p) = here.iter().find(|p| p.left == b)
                && hides(p)
            {
                b = (a..b)
                    .rev()
                    .find(|&c| border(row.get(c)))
                    .map_or(a, |c| c + 1);
            }
            let differs = |c: &usize| row.get(*c) != was.get(*c);
            if let (Some(first), Some(last)) = ((a..b).find(differs), (a..b).rev().find(differs)) {
                for k in &mut kept[first..=last] {
                    *k = true;
                }
            }
        }
        let line: String = row
            .iter()
            .zip(&kept)
            .filter_map(|(cell, &keep)| {
                let cell = cell.as_deref()?;
                Some(if keep {
                    cell.to_string()
                } else {
                    " ".repeat(unicode_width::UnicodeWidthStr::width(cell).max(1))
                })
            })
            .collect();
        out.push(format!("\"{line}\""));
    }
    out.join("\n")
}

/// The header's formula label (in `Lang::Pseudo`) and the op label after the formula.
const FORMULA: &str = "⟦formula⟧";
const OP: &str = "⟦op⟧";

/// A frame as the checker should read it: without the NumPy line (the book's code, never
/// translated), and with a name cut short at the edge of its room (`Affin…`, `train-mni…`) taken
/// out when what is left begins a name that is not translated.
fn readable(text: &str, names: &[String]) -> String {
    let kept: Vec<String> = text
        .lines()
        .map(|raw| match row_content(raw) {
            Some(content) if content.starts_with(" numpy › ") => String::from("\"\""),
            // the header's formula (never translated); the op label after it is read
            Some(content) if content.contains(FORMULA) => {
                let (head, formula) = content.split_at(content.find(FORMULA).unwrap_or(0));
                let formula = &formula[FORMULA.len()..];
                let (formula, op) = formula.split_at(formula.find(OP).unwrap_or(formula.len()));
                format!(
                    "\"{head}{}{}{op}\"",
                    " ".repeat(FORMULA.chars().count()),
                    " ".repeat(formula.chars().count())
                )
            }
            _ => raw.to_string(),
        })
        .collect();
    let text = kept.join("\n");
    let allowed = |cut: &str| {
        cut.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && NOT_TRANSLATED
                .iter()
                .copied()
                .chain(names.iter().map(String::as_str))
                .any(|name| name.len() > cut.len() && name.starts_with(cut))
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find('…') {
        let before = &rest[..at];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || "-_.".contains(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let cut = &before[start..];
        out.push_str(&before[..start]);
        if allowed(cut) {
            out.push_str(&" ".repeat(cut.chars().count()));
        } else {
            out.push_str(cut);
        }
        out.push('…');
        rest = &rest[at + '…'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// A token that is code or a formula, not a word of any language: an identifier with `_` or a
/// `.` inside (`batch_size`, `self.pad`, `x.shape`) or a digit inside (`dout2d`), or one written
/// with a Greek letter, a subscript or a superscript (`Σₖ`, `Xᵀ`, `dβ`, `std²`).
fn is_code(token: &str) -> bool {
    use unicode_width::UnicodeWidthChar;
    let stem = token.trim_end_matches(|c: char| c.is_ascii_digit());
    token.contains('_')
        || token.trim_matches('.').contains('.')
        || stem.contains(|c: char| c.is_ascii_digit())
        || token
            .chars()
            .any(|c| !c.is_ascii() && c.is_alphanumeric() && c.width() != Some(2))
}

/// The preset's own names, which no catalog translates: its keyword, the names of its layers,
/// nodes and inputs (`apple_num`), its data set's keyword (`data = "spiral"`), as written in its
/// TOML.
fn own_names(keyword: &str, text: &str) -> Vec<String> {
    let mut names = vec![keyword.to_string()];
    let Ok(table) = text.parse::<toml::Table>() else {
        return names;
    };
    if let Some(data) = table
        .get("train")
        .and_then(|t| t.get("data"))
        .and_then(|v| v.as_str())
    {
        names.push(data.to_string());
    }
    if let Some(inputs) = table.get("inputs").and_then(|v| v.as_table()) {
        names.extend(inputs.keys().cloned());
    }
    for list in ["layers", "nodes"] {
        for item in table
            .get(list)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(name) = item.get("name").and_then(|v| v.as_str()) {
                names.push(name.to_string());
            }
            for input in item
                .get("inputs")
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
            {
                names.extend(input.as_str().map(str::to_string));
            }
        }
    }
    // the words of a name (`×count` reads as `count`), and a name's gradient (`dapple_num`)
    let words: Vec<String> = names
        .iter()
        .flat_map(|n| n.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    names.extend(words.iter().map(|w| format!("d{w}")));
    names.extend(words);
    names
}

fn key(app: &mut App, code: KeyCode) {
    press(app, code);
}

/// Press a key without finishing the job it starts (a check shows its running state).
fn press_only(app: &mut App, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = to_action(app, event) {
        app.update(action);
    }
}

/// Close whatever is open, back to the explorer.
fn back_to_explorer(app: &mut App) {
    for _ in 0..4 {
        if app.context() == Context::Explore {
            return;
        }
        key(app, KeyCode::Esc);
    }
}

/// Every step of one built-in in the explorer, with the keys that open something at each step.
/// Each step's frame is read at both sizes; what opens from it (an explanation, a nudge, the
/// shapes, the Jacobian, the graph view) at one, the sizes taking turns from step to step, so
/// every kind of screen is read at both sizes without the walk doing every key twice.
fn walk_explorer(keyword: &str, text: &str, found: &mut Findings) {
    let names = own_names(keyword, text);
    let dir = TempDir::new(&format!("untranslated-{keyword}"));
    let preset = Preset::builtin(keyword).unwrap();
    let mut app = App::new(preset).unwrap();
    app.set_check_times(Duration::from_micros(750), Duration::from_micros(25));
    app.set_export_dir(dir.to_path_buf());
    let resize = |app: &mut App, size: (u16, u16)| {
        app.update(Action::Resize {
            width: size.0,
            height: size.1,
        })
    };
    let steps = app.run().tape.len();
    for k in 0..steps {
        let at = format!("{keyword} step {}", k + 1);
        let size = SIZES[k % 2];
        for s in SIZES {
            resize(&mut app, s);
            found.read(&app, s, &at, &names);
        }
        resize(&mut app, size);
        // each pane: explain its cell, nudge it
        for _ in 0..app.panes().len().max(1) {
            let under = screen(&app, size.0, size.1);
            key(&mut app, KeyCode::Enter);
            found.read_over(&app, &under, size, &format!("{at}, Enter"), &names);
            back_to_explorer(&mut app);
            key(&mut app, KeyCode::Char('u'));
            found.read(&app, size, &format!("{at}, u"), &names);
            key(&mut app, KeyCode::Char(']'));
            found.read(&app, size, &format!("{at}, u ]"), &names);
            key(&mut app, KeyCode::Esc);
            key(&mut app, KeyCode::Tab);
        }
        for (c, what) in [('s', "shapes"), ('N', "without NumPy")] {
            key(&mut app, KeyCode::Char(c));
            found.read(&app, size, &format!("{at}, {what}"), &names);
        }
        key(&mut app, KeyCode::Char('s'));
        key(&mut app, KeyCode::Char('N'));
        // an export writes a file: once per preset and size is enough to read its status line
        if k < SIZES.len() {
            key(&mut app, KeyCode::Char('x'));
            found.read(&app, size, &format!("{at}, export"), &names);
        }
        let under = screen(&app, size.0, size.1);
        key(&mut app, KeyCode::Char('J'));
        found.read_over(&app, &under, size, &format!("{at}, J"), &names);
        key(&mut app, KeyCode::PageDown);
        found.read_over(&app, &under, size, &format!("{at}, J PageDown"), &names);
        back_to_explorer(&mut app);
        key(&mut app, KeyCode::Char('v'));
        found.read(&app, size, &format!("{at}, graph view"), &names);
        key(&mut app, KeyCode::Tab);
        found.read(&app, size, &format!("{at}, graph view, Tab"), &names);
        let under = screen(&app, size.0, size.1);
        key(&mut app, KeyCode::Enter);
        found.read_over(
            &app,
            &under,
            size,
            &format!("{at}, graph view, Enter"),
            &names,
        );
        back_to_explorer(&mut app);
        key(&mut app, KeyCode::Char('v'));
        key(&mut app, KeyCode::Right);
    }
    for size in SIZES {
        resize(&mut app, size);
        walk_popups(&mut app, keyword, size, &names, found);
    }
}

/// The popups opened once per preset: help, the check (running, report, notes), the picker,
/// the edit prompt and its error, a quiz question and its answer.
fn walk_popups(
    app: &mut App,
    keyword: &str,
    size: (u16, u16),
    names: &[String],
    found: &mut Findings,
) {
    key(app, KeyCode::Home);
    // the explorer under every popup: a popup is read where it changed the frame
    let under = screen(app, size.0, size.1);
    key(app, KeyCode::Char('?'));
    for page in 0..12 {
        found.read_over(
            app,
            &under,
            size,
            &format!("{keyword} help page {page}"),
            names,
        );
        key(app, KeyCode::PageDown);
    }
    back_to_explorer(app);

    press_only(app, KeyCode::Char('c'));
    found.read_over(
        app,
        &under,
        size,
        &format!("{keyword} check running"),
        names,
    );
    finish_jobs(app);
    found.read_over(app, &under, size, &format!("{keyword} check"), names);
    for (code, what) in [
        (KeyCode::Tab, "Tab"),
        (KeyCode::Char('n'), "n"),
        (KeyCode::Char(']'), "]"),
        (KeyCode::Enter, "notes"),
        (KeyCode::PageDown, "notes PageDown"),
    ] {
        key(app, code);
        found.read_over(
            app,
            &under,
            size,
            &format!("{keyword} check, {what}"),
            names,
        );
    }
    back_to_explorer(app);

    // the picker lists every built-in by its keyword, which no catalog translates
    let mut listed = names.to_vec();
    listed.extend(
        BUILTINS
            .iter()
            .chain(TRAIN_BUILTINS)
            .chain(LAB_BUILTINS)
            .map(|b| b.name.to_string()),
    );
    key(app, KeyCode::Char('P'));
    found.read_over(app, &under, size, &format!("{keyword} picker"), &listed);
    key(app, KeyCode::End);
    found.read_over(
        app,
        &under,
        size,
        &format!("{keyword} picker, End"),
        &listed,
    );
    key(app, KeyCode::Enter);
    found.read_over(
        app,
        &under,
        size,
        &format!("{keyword} picker, a path"),
        names,
    );
    for c in "no-such.toml".chars() {
        key(app, KeyCode::Char(c));
    }
    key(app, KeyCode::Enter);
    found.read_over(
        app,
        &under,
        size,
        &format!("{keyword} picker, a missing file"),
        names,
    );
    back_to_explorer(app);

    key(app, KeyCode::Char('e'));
    found.read_over(app, &under, size, &format!("{keyword} edit"), names);
    // a graph preset refuses the edit (its status line says why): no prompt to type into
    if matches!(app.mode(), Mode::Prompt(_)) {
        for c in "abc".chars() {
            key(app, KeyCode::Char(c));
        }
        key(app, KeyCode::Enter);
        found.read_over(app, &under, size, &format!("{keyword} edit, abc"), names);
    }
    back_to_explorer(app);

    key(app, KeyCode::Char('Q'));
    found.read(app, size, &format!("{keyword} quiz on"), names);
    key(app, KeyCode::Char('b'));
    found.read(app, size, &format!("{keyword} quiz question"), names);
    if matches!(app.mode(), Mode::Quiz(_)) {
        for c in "abc".chars() {
            key(app, KeyCode::Char(c));
        }
        key(app, KeyCode::Enter);
        // what the learner typed is theirs
        let typed = [names, &["abc".to_string()]].concat();
        found.read(app, size, &format!("{keyword} quiz, abc"), &typed);
        for _ in 0..3 {
            key(app, KeyCode::Backspace);
        }
        for c in "12345".chars() {
            key(app, KeyCode::Char(c));
        }
        key(app, KeyCode::Enter);
        let answer = screen(app, size.0, size.1);
        key(app, KeyCode::Esc);
        // the answer's popup, over the explorer it closes to
        found.read_pair(
            &answer,
            &screen(app, size.0, size.1),
            &format!("{keyword} quiz answer at {}×{}", size.0, size.1),
            names,
        );
        key(app, KeyCode::Right);
        found.read(app, size, &format!("{keyword} quiz, next"), names);
        key(app, KeyCode::Esc);
        found.read(app, size, &format!("{keyword} quiz, skipped"), names);
    }
    back_to_explorer(app);
    key(app, KeyCode::Char('Q'));
    found.read(app, size, &format!("{keyword} quiz off"), names);
}

/// Run the training job the App asked for on a thread in the pseudo-language.
fn spawn_job(app: &mut App) -> Receiver<Action> {
    let job = app.take_training_job().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let tx = Mutex::new(tx);
        i18n::scoped(Lang::Pseudo, || {
            job.run(&|action| {
                if let Ok(tx) = tx.lock() {
                    let _ = tx.send(action);
                }
            });
        });
    });
    rx
}

fn iteration(app: &App) -> usize {
    app.training().map_or(0, |t| t.view.iteration)
}

/// Feed the worker's actions to the App until `done` holds.
fn pump_until(app: &mut App, rx: &Receiver<Action>, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(app) {
        assert!(start.elapsed() < Duration::from_secs(60), "gave up waiting");
        let action = rx.recv_timeout(Duration::from_secs(30)).unwrap();
        app.update(action);
    }
}

/// The training screen of a `[train]` built-in: paused, one iteration on, its help, the
/// iteration opened in the explorer, running. With `explorer` false, the opened iteration's
/// explorer screen is read only for the status line the training screen put there (its body is
/// the explorer's, read by the explorer's walk).
fn walk_training(keyword: &str, text: &str, explorer: bool, found: &mut Findings) {
    let names = own_names(keyword, text);
    let preset = Preset::builtin(keyword).unwrap();
    let mut app = App::new(preset.clone()).unwrap();
    let (session, view) = session_for(&preset).unwrap();
    app.start_training(preset, session, view, false);
    app.set_train_times(Duration::from_millis(20), 250.0);
    let rx = spawn_job(&mut app);
    let first = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    app.update(first);
    for size in SIZES {
        found.read(&app, size, &format!("{keyword} training, paused"), &names);
    }
    press(&mut app, KeyCode::Right);
    pump_until(&mut app, &rx, |a| iteration(a) == 1);
    for code in [KeyCode::Char('+'), KeyCode::Char('o'), KeyCode::Char(']')] {
        press(&mut app, code);
    }
    pump_until(&mut app, &rx, |a| {
        a.training().is_some_and(|t| t.view.optimizer != "sgd")
    });
    for size in SIZES {
        found.read(
            &app,
            size,
            &format!("{keyword} training, 1 iteration"),
            &names,
        );
    }
    // v: a convolution's filters, then the selected image's feature maps (a status line
    // otherwise); Tab: the next image's maps; v again: back to the charts
    let has_conv = |a: &App| match a.training().map(|t| &t.view.picture) {
        Some(Picture::Images(images)) => images.conv.is_some(),
        _ => false,
    };
    let maps_of = |a: &App, k: usize| match a.training().map(|t| &t.view.picture) {
        Some(Picture::Images(images)) => images
            .conv
            .as_ref()
            .is_none_or(|c| c.maps.as_ref().is_some_and(|m| m.sample == k)),
        _ => true,
    };
    for (code, view) in [
        (KeyCode::Char('v'), "filters"),
        (KeyCode::Char('v'), "feature maps"),
        (KeyCode::Tab, "feature maps of image 2"),
    ] {
        press(&mut app, code);
        let k = usize::from(code == KeyCode::Tab);
        pump_until(&mut app, &rx, |a| maps_of(a, k));
        for size in SIZES {
            found.read(&app, size, &format!("{keyword} training, {view}"), &names);
        }
    }
    if has_conv(&app) {
        press(&mut app, KeyCode::Char('v'));
    }
    press(&mut app, KeyCode::Char('?'));
    for size in SIZES {
        found.read(&app, size, &format!("{keyword} training help"), &names);
    }
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    for size in SIZES {
        found.read(&app, size, &format!("{keyword} training, opening"), &names);
    }
    // the explorer opens when the worker's recorded iteration arrives
    pump_until(&mut app, &rx, |a| a.context() == Context::Explore);
    let read_explorer = |found: &mut Findings, app: &App, place: &str| {
        for size in SIZES {
            if explorer {
                found.read(app, size, place, &names);
            } else {
                let frame = screen(app, size.0, size.1);
                let status = frame.lines().last().unwrap_or_default();
                found.read_text(status, place, &names);
            }
        }
    };
    read_explorer(found, &app, &format!("{keyword} training, Enter"));
    press(&mut app, KeyCode::End);
    read_explorer(found, &app, &format!("{keyword} training, Enter End"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Train, "Esc goes back to training");
    press(&mut app, KeyCode::Char(' '));
    pump_until(&mut app, &rx, |a| iteration(a) > 3);
    for size in SIZES {
        found.read(&app, size, &format!("{keyword} training, running"), &names);
    }
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('r'));
    pump_until(&mut app, &rx, |a| iteration(a) == 0);
    for size in SIZES {
        found.read(
            &app,
            size,
            &format!("{keyword} training, restarted"),
            &names,
        );
    }
}

/// The popup reader itself: a popup's box is read whole, the text beside it only where it
/// changed and is not a fragment of a message the popup hides; cells, not characters, line the
/// two frames up (`x̂` is one cell).
#[test]
fn a_popup_is_read_in_its_box_and_not_the_fragments_it_cuts() {
    let read = |under: &str, over: &str| untranslated_except(&changed_spans(under, over), &[]);
    let under = concat!(
        "\"┌⟦pane⟧──────────────────────┐┌────────┐\"\n",
        "\"│⟦mean x̂, the rows follow it…││        │\"\n",
        "\"│⟦more⟧                      ││        │\"\n",
        "\"└────────────────────────────┘└────────┘\"\n",
        "\" ⟦keys⟧                                 \"",
    );
    // a popup over the message, beside it the message's tail, unchanged, after an `x̂`
    let over = concat!(
        "\"┌⟦pane⟧─┌ ⟦pick⟧ ────┐───────┐┌────────┐\"\n",
        "\"│⟦mean x̂│ ⟦item⟧ x̂   │low it…││        │\"\n",
        "\"│⟦more⟧ └────────────┘       ││        │\"\n",
        "\"└────────────────────────────┘└────────┘\"\n",
        "\" ⟦keys⟧                                 \"",
    );
    assert!(
        read(under, over).is_empty(),
        "{}",
        changed_spans(under, over)
    );
    // the tail changed under the popup (a page scrolled): still a fragment, not words
    let scrolled = over.replace("│low it…││", "│ws the…││");
    assert!(
        read(under, &scrolled).is_empty(),
        "{}",
        changed_spans(under, &scrolled)
    );
    // English in the popup's box, past a pane border beside it, in the changed footer
    let english = over
        .replace("│ ⟦item⟧ x̂   │", "│ items x̂    │")
        .replace("││        │\"\n\"│⟦more", "││ words  │\"\n\"│⟦more")
        .replace(" ⟦keys⟧    ", " press a key");
    assert_eq!(
        read(under, &english),
        ["items", "words", "press", "key"],
        "{}",
        changed_spans(under, &english)
    );
}

/// The keys a learner reads — the footer under every step and popup, the help overlay page by
/// page, on the explorer and on the training screen — come from the catalogs.
#[test]
fn every_key_label_and_the_help_come_from_the_catalogs() {
    i18n::scoped(Lang::Pseudo, || {
        let mut found = Findings::default();
        // MNIST needs its files; the digits convnet's check popup (`c`) runs central differences
        // over 13,000 cells of a 100-image batch, minutes in a debug build
        let trainable = TRAIN_BUILTINS
            .iter()
            .filter(|b| !b.name.ends_with("-mnist") && b.name != "train-convnet-digits");
        for b in BUILTINS.iter().chain(trainable) {
            let names = own_names(b.name, b.text);
            let mut app = App::new(Preset::builtin(b.name).unwrap()).unwrap();
            for size in SIZES {
                app.update(Action::Resize {
                    width: size.0,
                    height: size.1,
                });
                let last = |app: &App| {
                    let text = screen(app, size.0, size.1);
                    text.lines().last().unwrap_or_default().to_string()
                };
                for code in [KeyCode::Char('c'), KeyCode::Char('P'), KeyCode::Char('J')] {
                    found.read_text(&last(&app), &format!("{} footer", b.name), &names);
                    key(&mut app, code);
                    found.read_text(&last(&app), &format!("{} footer {code:?}", b.name), &names);
                    back_to_explorer(&mut app);
                }
                key(&mut app, KeyCode::Char('?'));
                for page in 0..12 {
                    found.read(&app, size, &format!("{} help page {page}", b.name), &names);
                    key(&mut app, KeyCode::PageDown);
                }
                back_to_explorer(&mut app);
            }
        }
        found.assert_none();
    });
}

/// Every step of every built-in, every popup (`UNTRANSLATED_DUMP=1` lists each word found with
/// its frame).
#[test]
fn every_word_of_the_explorer_comes_from_a_catalog() {
    i18n::scoped(Lang::Pseudo, || {
        let mut found = Findings::default();
        for b in BUILTINS {
            walk_explorer(b.name, b.text, &mut found);
        }
        found.assert_none();
    });
}

/// The training screen of every `[train]` built-in but MNIST's (it needs its files): the
/// status rows, charts, picture, help and messages, paused, stepped, running and restarted.
#[test]
fn every_word_of_the_training_screen_comes_from_a_catalog() {
    i18n::scoped(Lang::Pseudo, || {
        let mut found = Findings::default();
        for b in TRAIN_BUILTINS
            .iter()
            .filter(|b| !b.name.ends_with("-mnist"))
        {
            walk_training(b.name, b.text, false, &mut found);
        }
        found.assert_none();
    });
}

/// The same walk reading the whole explorer screen of the iteration opened with `Enter`: its
/// update steps' notes and labels too.
#[test]
fn every_word_of_an_iteration_opened_from_training_comes_from_a_catalog() {
    i18n::scoped(Lang::Pseudo, || {
        let mut found = Findings::default();
        for b in TRAIN_BUILTINS
            .iter()
            .filter(|b| !b.name.ends_with("-mnist"))
        {
            walk_training(b.name, b.text, true, &mut found);
        }
        found.assert_none();
    });
}

/// The search screen (`backstep search` on a terminal) of train-digits: before any trial ends,
/// running, cancelling, cancelled with a trial picked, its help, and every message its keys give.
#[test]
fn every_word_of_the_search_screen_comes_from_a_catalog() {
    use backstep::engine::experiment::LogUniform;
    use backstep::engine::search::SearchSpec;
    i18n::scoped(Lang::Pseudo, || {
        let mut found = Findings::default();
        let keyword = "train-digits";
        let b = TRAIN_BUILTINS.iter().find(|b| b.name == keyword).unwrap();
        let names = own_names(keyword, b.text);
        let preset = Preset::builtin(keyword).unwrap();
        let mut app = App::new(preset.clone()).unwrap();
        let spec = SearchSpec {
            trials: 8,
            epochs: 6,
            lr: LogUniform::between(1e-2, 1.0).unwrap(),
            weight_decay: LogUniform::between(1e-8, 1e-4).unwrap(),
        };
        app.start_search(&preset, spec, 287);
        let read = |found: &mut Findings, app: &App, place: &str| {
            for size in SIZES {
                found.read(app, size, &format!("search: {place}"), &names);
            }
        };
        read(&mut found, &app, "nothing ran yet");
        let job = app.take_search_job().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let tx = Mutex::new(tx);
            i18n::scoped(Lang::Pseudo, || {
                job.run(&|action| {
                    if let Ok(tx) = tx.lock() {
                        let _ = tx.send(action);
                    }
                });
            });
        });
        let ended = |a: &App| a.search().map_or(0, |s| s.ranked.len());
        pump_until(&mut app, &rx, |a| {
            a.search().is_some_and(|s| s.epochs_done > 0)
        });
        read(&mut found, &app, "the first epoch");
        pump_until(&mut app, &rx, |a| ended(a) >= 2);
        press(&mut app, KeyCode::Down);
        read(&mut found, &app, "two trials ended, the second picked");
        press(&mut app, KeyCode::Char('?'));
        read(&mut found, &app, "help");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
        read(&mut found, &app, "cancelling");
        pump_until(&mut app, &rx, |a| a.search().is_some_and(|s| !s.running()));
        read(&mut found, &app, "cancelled");
        press(&mut app, KeyCode::Esc);
        read(&mut found, &app, "Esc with nothing to cancel");
        // a search that runs to its end
        let small = SearchSpec {
            trials: 2,
            epochs: 1,
            ..app.search().unwrap().spec.clone()
        };
        app.start_search(&preset, small, 287);
        let job = app.take_search_job().unwrap();
        let sent = Mutex::new(Vec::new());
        job.run(&|action| sent.lock().unwrap().push(action));
        for action in sent.into_inner().unwrap() {
            app.update(action);
        }
        read(&mut found, &app, "finished");
        found.assert_none();
    });
}

/// The histogram screen (`backstep histogram` on a terminal) of each `init-*` lab, with a
/// weight init given on the command line too, and its help.
#[test]
fn every_word_of_the_histogram_screen_comes_from_a_catalog() {
    use backstep::preset::Init;
    use backstep::preset::TrainOverrides;
    use backstep::tui::app::HistogramView;
    i18n::scoped(Lang::Pseudo, || {
        let mut found = Findings::default();
        for (keyword, init) in [
            ("init-sigmoid", None),
            ("init-tanh", Some("xavier")),
            ("init-relu", Some("he")),
        ] {
            let b = LAB_BUILTINS.iter().find(|b| b.name == keyword).unwrap();
            let names = own_names(keyword, b.text);
            let overrides = TrainOverrides {
                init: init.map(|i| Init::parse(i).unwrap()),
                ..TrainOverrides::default()
            };
            let p = Preset::resolve_with(keyword, &overrides).unwrap();
            let view = HistogramView::of(&p, overrides.init, p.histograms().unwrap());
            let mut app = App::new(p).unwrap();
            app.open_histogram(view);
            for size in SIZES {
                found.read(&app, size, &format!("{keyword} histograms"), &names);
            }
            press(&mut app, KeyCode::Char('?'));
            for size in SIZES {
                found.read(&app, size, &format!("{keyword} histograms, help"), &names);
            }
        }
        found.assert_none();
    });
}

/// The compare screen (`backstep compare` on a terminal) of lab-optimizers: paused, running to
/// the end, a run picked and hidden, its help, and the picked run's iteration opened as a tape.
#[test]
fn every_word_of_the_compare_screen_comes_from_a_catalog() {
    i18n::scoped(Lang::Pseudo, || {
        let mut found = Findings::default();
        let keyword = "lab-optimizers";
        let b = LAB_BUILTINS.iter().find(|b| b.name == keyword).unwrap();
        let names = own_names(keyword, b.text);
        let (mut app, rx, values) = crate::compare_screen::paused_with(keyword, None, 30);
        // the values varied are preset keywords (`optimizer = "adam"`), named as written
        let mut names = names;
        names.extend(values);
        let read = |found: &mut Findings, app: &App, place: &str| {
            for size in SIZES {
                found.read(app, size, &format!("{keyword} compare: {place}"), &names);
            }
        };
        read(&mut found, &app, "paused");
        press(&mut app, KeyCode::Char(' '));
        let start = Instant::now();
        let finished = |app: &App| {
            app.compare().is_some_and(|c| {
                c.runs.iter().all(|r| {
                    r.view.state == backstep::tui::ui::train::RunState::Finished
                        && r.view.final_eval.is_some()
                })
            })
        };
        while !finished(&app) {
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "gave up waiting"
            );
            app.update(rx.recv_timeout(Duration::from_secs(60)).unwrap());
        }
        read(&mut found, &app, "finished");
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Char('h'));
        read(&mut found, &app, "the second run picked and hidden");
        press(&mut app, KeyCode::Char('?'));
        read(&mut found, &app, "help");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('h'));
        press(&mut app, KeyCode::Enter);
        finish_jobs(&mut app);
        read(&mut found, &app, "the picked run's iteration as a tape");
        found.assert_none();
    });
}
