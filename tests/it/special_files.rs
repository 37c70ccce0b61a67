//! A named pipe, a socket or a device given where a file is expected: refused by its kind, at
//! once, with exit 2 — never read, never waited on (issue 18, item 1).
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use backstep::tui::app::{App, Mode, Picker, PickerEntry};
use backstep::tui::{Action, finish_jobs};
use ratatui::crossterm::event::KeyCode;

use crate::support::driver::{keys, press, screen};
use crate::support::temp::TempDir;

/// A fresh folder under the system's temp folder.
fn temp_dir(label: &str) -> TempDir {
    TempDir::new(&format!("special-{label}"))
}

/// Make a named pipe at `path` with the system's `mkfifo`.
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Run the binary with `args`; a run that has not ended after ten seconds is killed and fails the
/// test (the bug was a hang).
fn backstep_within_10s(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("backstep starts");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("backstep {args:?} still runs after 10 s: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn a_named_pipe_as_a_preset_exits_2_naming_it_in_every_command() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("fifo.toml");
    mkfifo(&fifo);
    let path = fifo.display().to_string();
    for args in [
        vec!["check", "--preset", &path],
        vec!["trace", "--preset", &path],
        vec!["train", "--preset", &path, "--format", "text"],
        vec!["--preset", &path],
    ] {
        let out = backstep_within_10s(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr.trim_end(),
            format!(
                "backstep: error: {path}: is a named pipe (FIFO), not a preset file: give the path of a regular file"
            ),
            "{args:?}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_device_as_a_preset_is_refused_by_its_kind() {
    for (path, kind) in [
        ("/dev/null", "a character device"),
        ("/dev/zero", "a character device"),
    ] {
        let out = backstep_within_10s(&["check", "--preset", path]);
        assert_eq!(out.status.code(), Some(2), "{path}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{path}: is {kind}, not a preset file")),
            "{stderr}"
        );
    }
}

#[test]
fn a_socket_as_a_preset_is_refused_by_its_kind() {
    let dir = temp_dir("socket");
    let socket = dir.join("net.toml");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind a socket");
    let out = backstep_within_10s(&["check", "--preset", &socket.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("net.toml: is a socket, not a preset file"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_named_pipe_among_the_mnist_files_exits_2_naming_it() {
    let dir = temp_dir("mnist");
    let images = dir.join("train-images-idx3-ubyte.gz");
    mkfifo(&images);
    let data = format!("mnist:{}", dir.display());
    let out = backstep_within_10s(&[
        "train",
        "--preset",
        "train-mnist",
        "--data",
        &data,
        "--format",
        "text",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: is a named pipe (FIFO), not a data file: give the path of a regular file",
            images.display()
        )),
        "{stderr}"
    );
    // the folder itself a pipe: named as one, not "no such folder"
    let pipe_dir = dir.join("not-a-folder");
    mkfifo(&pipe_dir);
    let data = format!("mnist:{}", pipe_dir.display());
    let out = backstep_within_10s(&[
        "train",
        "--preset",
        "train-mnist",
        "--data",
        &data,
        "--format",
        "text",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not-a-folder: is a named pipe (FIFO), not a folder"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn explorer() -> App {
    App::new(backstep::preset::Preset::builtin("relu").expect("built-in")).expect("runs")
}

/// `P`, down to "type a path…", Enter.
fn type_a_path(a: &mut App) {
    press(a, KeyCode::Char('P'));
    while !matches!(a.mode(), Mode::Picker(Picker { entries, selected }) if entries[*selected] == PickerEntry::TypePath)
    {
        press(a, KeyCode::Down);
    }
    press(a, KeyCode::Enter);
    assert!(matches!(a.mode(), Mode::Prompt(_)), "{:?}", a.mode());
}

#[test]
fn a_named_pipe_typed_in_the_picker_is_an_error_naming_it() {
    let dir = temp_dir("picker");
    let fifo = dir.join("fifo.toml");
    mkfifo(&fifo);
    let mut a = explorer();
    type_a_path(&mut a);
    keys(&mut a, &fifo.display().to_string());
    // The read runs as the event loop's worker would run it; a hang would hang here.
    press(&mut a, KeyCode::Enter);
    let Mode::Error(message) = a.mode() else {
        panic!("an error, not {:?}", a.mode());
    };
    assert!(
        message.contains("fifo.toml: is a named pipe (FIFO), not a preset file"),
        "{message}"
    );
    assert!(screen(&a, 100, 30).contains("named pipe (FIFO)"));
    assert_eq!(a.preset().name, "relu", "the current preset is kept");
    // q still quits
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_explorer_reads_a_typed_file_on_a_worker_and_keeps_taking_keys() {
    let dir = temp_dir("worker");
    let file = dir.join("mine.toml");
    std::fs::write(
        &file,
        "title = \"mine\"\nx = [[1.0]]\n[[layers]]\ntype = \"relu\"\n",
    )
    .expect("write");
    let mut a = explorer();
    type_a_path(&mut a);
    for c in file.display().to_string().chars() {
        a.update(Action::Type(c));
    }
    // Enter hands the read to the event loop as a job: `update` itself reads nothing.
    a.update(Action::Confirm);
    assert!(matches!(a.mode(), Mode::Loading(_)), "{:?}", a.mode());
    let job = a.take_load().expect("a job for the loop's worker");
    assert!(a.take_load().is_none(), "taken once");
    let drawn = screen(&a, 100, 30);
    assert!(drawn.contains("reading "), "{drawn}");
    // Keys still work while it reads: Esc stops waiting and keeps the current preset.
    a.update(Action::Back);
    assert!(matches!(a.mode(), Mode::Explore), "{:?}", a.mode());
    assert!(
        a.status().is_some_and(|s| s.contains("stopped waiting")),
        "{:?}",
        a.status()
    );
    // The late reply of that read is dropped.
    let replies = std::sync::Mutex::new(Vec::new());
    job.run(&|action| replies.lock().expect("lock").push(action));
    for action in replies.into_inner().expect("replies") {
        a.update(action);
    }
    assert_eq!(a.preset().name, "relu");
    // Asked again and let finish, the file is loaded.
    type_a_path(&mut a);
    keys(&mut a, &file.display().to_string());
    press(&mut a, KeyCode::Enter);
    finish_jobs(&mut a);
    assert_eq!(a.preset().title, "mine", "{:?}", a.mode());
    let _ = std::fs::remove_dir_all(&dir);
}
