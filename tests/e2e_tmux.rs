//! End to end: the real binary in a real terminal (tmux). Start it, step, read the screen, quit
//! with `q`, and check that the process exited and left the shell a clean screen. Skipped, with
//! a notice, when tmux is not installed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_backstep");

fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux").args(args).output().expect("tmux runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Capture the pane until `needle` shows up (or give up after a few seconds).
fn wait_for(session: &str, needle: &str) -> String {
    wait_for_all(session, &[needle])
}

/// Capture the pane until every needle shows up: a frame can be caught half drawn, so wait for
/// everything the assertions need (or give up after ten seconds and let them report).
fn wait_for_all(session: &str, needles: &[&str]) -> String {
    let start = Instant::now();
    loop {
        let screen = tmux(&["capture-pane", "-p", "-t", session]);
        if needles.iter().all(|n| screen.contains(n)) || start.elapsed() > Duration::from_secs(10) {
            return screen;
        }
        sleep(Duration::from_millis(50));
    }
}

struct Session(String);

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.0])
            .output();
    }
}

#[test]
fn steps_reads_the_screen_and_quits() {
    if !have_tmux() {
        eprintln!("notice: tmux is not installed; skipping the end-to-end explorer test");
        return;
    }
    let session = Session(format!("backstep-e2e-{}", std::process::id()));
    let name = session.0.as_str();
    let command = format!("{BIN} --preset relu; echo \"backstep exited: $?\"; sleep 30");
    let status = Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "120",
            "-y",
            "36",
            &command,
        ])
        .status()
        .expect("tmux starts");
    assert!(status.success());

    let first = wait_for_all(name, &["step 1/3", "ReLU (relu)", "mask = x ≤ 0", "quit"]);
    assert!(first.contains("ReLU (relu)"), "{first}");
    assert!(first.contains("mask = x ≤ 0"), "{first}");

    tmux(&["send-keys", "-t", name, "Right"]);
    tmux(&["send-keys", "-t", name, "Right"]);
    let backward = wait_for_all(
        name,
        &[
            "step 3/3",
            "■ True",
            "uses the mask cached at forward step 1",
            "quit",
        ],
    );
    assert!(backward.contains("Backward"), "{backward}");
    assert!(
        backward.contains("■ True"),
        "the mask is on screen: {backward}"
    );
    assert!(
        backward.contains("uses the mask cached at forward step 1"),
        "{backward}"
    );

    tmux(&["send-keys", "-t", name, "q"]);
    let after = wait_for(name, "backstep exited:");
    assert!(after.contains("backstep exited: 0"), "{after}");
    assert!(
        !after.contains("step 3/3"),
        "the alternate screen is gone: {after}"
    );
}

#[test]
fn a_bad_preset_exits_2_before_touching_the_terminal() {
    let out = Command::new(BIN)
        .args(["--preset", "no-such-preset"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no preset named \"no-such-preset\""),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "nothing was drawn");
}

/// Kill the real binary with `signal` while it draws, and check the terminal is back to normal:
/// alternate screen off, mouse reporting off, cursor shown.
fn a_signal_restores_the_terminal(signal: &str) {
    if !have_tmux() {
        eprintln!("notice: tmux is not installed; skipping the end-to-end signal test");
        return;
    }
    let session = Session(format!(
        "backstep-e2e-{}-{}",
        signal.to_lowercase(),
        std::process::id()
    ));
    let name = session.0.as_str();
    let pid_file = std::env::temp_dir().join(format!("{name}.pid"));
    let command = format!(
        "sh -c 'echo $$ > {}; exec {BIN} --preset relu'; echo \"backstep exited: $?\"; sleep 30",
        pid_file.display()
    );
    let status = Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "100",
            "-y",
            "30",
            &command,
        ])
        .status()
        .expect("tmux starts");
    assert!(status.success());
    let drawn = wait_for_all(name, &["step 1/3", "quit"]);
    assert!(drawn.contains("step 1/3"), "{drawn}");
    let during = tmux(&[
        "display",
        "-p",
        "-t",
        name,
        "#{alternate_on} #{mouse_any_flag}",
    ]);
    assert_eq!(
        during.trim(),
        "1 1",
        "the explorer is on the alternate screen, mouse on"
    );
    let pid = std::fs::read_to_string(&pid_file).expect("pid file");
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), pid.trim()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let after = wait_for(name, "backstep exited:");
    assert!(after.contains("backstep exited:"), "{after}");
    assert!(
        !after.contains("step 1/3"),
        "the alternate screen is gone: {after}"
    );
    let state = tmux(&[
        "display",
        "-p",
        "-t",
        name,
        "#{alternate_on} #{mouse_any_flag} #{cursor_flag}",
    ]);
    assert_eq!(
        state.trim(),
        "0 0 1",
        "alternate screen off, mouse reporting off, cursor shown"
    );
    let _ = std::fs::remove_file(&pid_file);
}

#[test]
fn sigterm_restores_the_terminal() {
    a_signal_restores_the_terminal("TERM");
}

#[test]
fn sighup_restores_the_terminal() {
    a_signal_restores_the_terminal("HUP");
}

#[test]
fn the_apple_orange_graph_fills_in_715_and_650() {
    if !have_tmux() {
        eprintln!("notice: tmux is not installed; skipping the end-to-end graph test");
        return;
    }
    let session = Session(format!("backstep-e2e-graph-{}", std::process::id()));
    let name = session.0.as_str();
    let command = format!("{BIN} --preset apple-orange; echo \"backstep exited: $?\"; sleep 30");
    let status = Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "120",
            "-y",
            "36",
            &command,
        ])
        .status()
        .expect("tmux starts");
    assert!(status.success());

    let first = wait_for_all(name, &["step 1/12", "apple_num", "──▶", "quit"]);
    assert!(first.contains("Apples and oranges"), "{first}");
    assert!(!first.contains(" 650 "), "no gradient yet: {first}");

    tmux(&["send-keys", "-t", name, "End"]);
    let last = wait_for_all(name, &["step 12/12", "165", "quit"]);
    for number in ["715", "650", "2.2", "110", "3.3", "165"] {
        assert!(last.contains(number), "{number} on screen: {last}");
    }

    tmux(&["send-keys", "-t", name, "q"]);
    let after = wait_for(name, "backstep exited:");
    assert!(after.contains("backstep exited: 0"), "{after}");
}
