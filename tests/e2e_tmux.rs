//! End to end: the real binary in a real terminal (tmux). Start it, step, read the screen, quit
//! with `q`, and check that the process exited and left the shell a clean screen. Skipped, with
//! a notice, when tmux is not installed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_backstep");

/// Run tmux on the server of the session that `args` target (`-t NAME`): each test's session has
/// a server of its own (`-L NAME`), so tests running side by side never reach a shared server while
/// it starts or exits ("server exited unexpectedly").
fn tmux(args: &[&str]) -> String {
    let target = args
        .windows(2)
        .find(|w| w[0] == "-t")
        .map_or("default", |w| w[1]);
    let out = Command::new("tmux")
        .args(["-L", target])
        .args(args)
        .output()
        .expect("tmux runs");
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

/// Capture the pane until `needle` is no longer on it (or give up after ten seconds).
fn wait_until_gone(session: &str, needle: &str) -> String {
    let start = Instant::now();
    loop {
        let screen = tmux(&["capture-pane", "-p", "-t", session]);
        if !screen.contains(needle) || start.elapsed() > Duration::from_secs(10) {
            return screen;
        }
        sleep(Duration::from_millis(50));
    }
}

/// A session's name and its server's socket file (removed when the session is dropped).
struct Session(String, Option<std::path::PathBuf>);

impl Session {
    /// A detached tmux session `backstep-e2e-{label}-{pid}`, `width`×`height`, running `command`;
    /// `None`, with a notice, when tmux is not installed.
    fn start(label: &str, command: &str, width: u16, height: u16) -> Option<Session> {
        if !have_tmux() {
            eprintln!("notice: tmux is not installed; skipping the end-to-end {label} test");
            return None;
        }
        let mut session = Session(format!("backstep-e2e-{label}-{}", std::process::id()), None);
        let status = Command::new("tmux")
            .args(["-L", &session.0, "new-session", "-d", "-s", &session.0])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg(command)
            .status()
            .expect("tmux starts");
        assert!(status.success());
        let socket = tmux(&["display", "-p", "-t", &session.0, "#{socket_path}"]);
        session.1 = Some(socket.trim().into()).filter(|p: &std::path::PathBuf| p.is_absolute());
        Some(session)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.0, "kill-server"])
            .output();
        if let Some(socket) = &self.1 {
            let _ = std::fs::remove_file(socket);
        }
    }
}

#[test]
fn steps_reads_the_screen_and_quits() {
    let command = format!("{BIN} --preset relu; echo \"backstep exited: $?\"; sleep 30");
    let Some(session) = Session::start("explorer", &command, 120, 36) else {
        return;
    };
    let name = session.0.as_str();

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

/// Kill the real binary with `signal` while it draws, and check the terminal is back to normal
/// (alternate screen off, mouse reporting off, cursor shown) and the exit code is `code`
/// (128 + the signal, as shells expect).
fn a_signal_restores_the_terminal(signal: &str, code: i32) {
    let label = format!("sig{}", signal.to_lowercase());
    let pid_file =
        std::env::temp_dir().join(format!("backstep-e2e-{label}-{}.pid", std::process::id()));
    let command = format!(
        "sh -c 'echo $$ > {}; exec {BIN} --preset relu'; echo \"backstep exited: $?\"; sleep 30",
        pid_file.display()
    );
    let Some(session) = Session::start(&label, &command, 100, 30) else {
        return;
    };
    let name = session.0.as_str();
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
    assert!(
        after.contains(&format!("backstep exited: {code}")),
        "SIG{signal} exits {code}: {after}"
    );
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
fn sigterm_restores_the_terminal_and_exits_143() {
    a_signal_restores_the_terminal("TERM", 143);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    a_signal_restores_the_terminal("HUP", 129);
}

#[test]
fn sigterm_on_the_training_screen_exits_143() {
    let label = "sigtrain";
    let pid_file =
        std::env::temp_dir().join(format!("backstep-e2e-{label}-{}.pid", std::process::id()));
    let command = format!(
        "sh -c 'echo $$ > {}; exec {BIN} train --preset train-xor'; echo \"backstep exited: $?\"; sleep 30",
        pid_file.display()
    );
    let Some(session) = Session::start(label, &command, 120, 36) else {
        return;
    };
    let name = session.0.as_str();
    let drawn = wait_for_all(name, &["loss per iteration", "run/pause"]);
    assert!(drawn.contains("loss per iteration"), "{drawn}");
    let pid = std::fs::read_to_string(&pid_file).expect("pid file");
    let killed = Command::new("kill")
        .args(["-TERM", pid.trim()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let after = wait_for(name, "backstep exited:");
    assert!(after.contains("backstep exited: 143"), "{after}");
    let state = tmux(&[
        "display",
        "-p",
        "-t",
        name,
        "#{alternate_on} #{mouse_any_flag} #{cursor_flag}",
    ]);
    assert_eq!(state.trim(), "0 0 1", "the terminal is restored");
    let _ = std::fs::remove_file(&pid_file);
}

/// The learner's path to the hang: `P`, "type a path…", a named pipe. The explorer says what it
/// is and still takes keys; `q` quits with 0 and a restored terminal.
#[cfg(unix)]
#[test]
fn a_named_pipe_typed_in_the_picker_does_not_freeze_the_explorer() {
    let dir = std::env::temp_dir().join(format!("backstep-e2e-fifo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let fifo = dir.join("fifo.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs")
            .success()
    );
    let command = format!(
        "cd {} && {BIN} --preset relu; echo \"backstep exited: $?\"; sleep 30",
        dir.display()
    );
    let Some(session) = Session::start("fifo", &command, 100, 30) else {
        return;
    };
    let name = session.0.as_str();
    wait_for_all(name, &["step 1/3", "quit"]);
    tmux(&["send-keys", "-t", name, "P"]);
    wait_for(name, "type a path…");
    tmux(&["send-keys", "-t", name, "End"]);
    tmux(&["send-keys", "-t", name, "Enter"]);
    wait_for(name, "path of a .toml preset");
    tmux(&["send-keys", "-t", name, "-l", "./fifo.toml"]);
    tmux(&["send-keys", "-t", name, "Enter"]);
    let refused = wait_for(name, "named pipe");
    assert!(
        refused.contains("./fifo.toml: is a named pipe (FIFO), not a preset file"),
        "{refused}"
    );
    tmux(&["send-keys", "-t", name, "Escape"]);
    let back = wait_until_gone(name, "named pipe");
    assert!(
        !back.contains("named pipe") && back.contains("step 1/3"),
        "Esc closed the error: {back}"
    );
    tmux(&["send-keys", "-t", name, "q"]);
    let after = wait_for(name, "backstep exited:");
    assert!(after.contains("backstep exited: 0"), "{after}");
    let state = tmux(&[
        "display",
        "-p",
        "-t",
        name,
        "#{alternate_on} #{mouse_any_flag} #{cursor_flag}",
    ]);
    assert_eq!(state.trim(), "0 0 1", "the terminal is restored");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_apple_orange_graph_fills_in_715_and_650() {
    let command = format!("{BIN} --preset apple-orange; echo \"backstep exited: $?\"; sleep 30");
    let Some(session) = Session::start("graph", &command, 120, 36) else {
        return;
    };
    let name = session.0.as_str();

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

#[test]
fn the_training_screen_draws_pauses_and_opens_the_explorer() {
    // Ten million iterations: still running when the test looks (10,000 took 1.6 s, and a fast
    // machine finished before Space could pause it).
    let command = format!(
        "{BIN} train --preset train-spiral --iters 10000000; echo \"backstep exited: $?\"; sleep 30"
    );
    let Some(session) = Session::start("train", &command, 120, 36) else {
        return;
    };
    let name = session.0.as_str();

    // the chart, the map and the footer are drawn, and training runs
    let running = wait_for_all(
        name,
        &[
            "▶ running",
            "loss per iteration:",
            "decision boundary",
            "run/pause",
        ],
    );
    assert!(running.contains("loss per iteration"), "{running}");
    assert!(
        running.contains("decision boundary ● 0 ▲ 1 ■ 2"),
        "{running}"
    );
    assert!(
        running
            .chars()
            .any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)),
        "the loss curve is drawn in braille: {running}"
    );

    // Space pauses: the iteration stops moving
    tmux(&["send-keys", "-t", name, "Space"]);
    let paused = wait_for(name, "‖ paused");
    assert!(paused.contains("‖ paused"), "{paused}");
    sleep(Duration::from_millis(300));
    let first = iteration_on(&tmux(&["capture-pane", "-p", "-t", name]));
    sleep(Duration::from_millis(500));
    let second = iteration_on(&tmux(&["capture-pane", "-p", "-t", name]));
    assert_eq!(first, second, "a paused run does not move");

    // Enter opens that iteration in the explorer, at its update; Esc comes back
    tmux(&["send-keys", "-t", name, "Enter"]);
    let explorer = wait_for_all(name, &["W ← W − lr·dW", "Esc back to training"]);
    assert!(explorer.contains("W ← W − lr·dW"), "{explorer}");
    assert!(
        explorer.contains(&format!("iteration {}", second.unwrap_or(0))),
        "{explorer}"
    );
    tmux(&["send-keys", "-t", name, "Escape"]);
    let back = wait_for(name, "‖ paused");
    assert_eq!(iteration_on(&back), second, "{back}");

    tmux(&["send-keys", "-t", name, "q"]);
    let after = wait_for(name, "backstep exited:");
    assert!(after.contains("backstep exited: 0"), "{after}");
}

/// The iteration the training screen's status line shows (`iteration 1234/10000`).
fn iteration_on(screen: &str) -> Option<usize> {
    let at = screen.find("iteration ")? + "iteration ".len();
    let digits: String = screen[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Capture the pane until `needle` shows up, for up to `secs` seconds.
fn wait_long(session: &str, needle: &str, secs: u64) -> String {
    let start = Instant::now();
    loop {
        let screen = tmux(&["capture-pane", "-p", "-t", session]);
        if screen.contains(needle) || start.elapsed() > Duration::from_secs(secs) {
            return screen;
        }
        sleep(Duration::from_millis(100));
    }
}

#[test]
fn headless_train_keeps_one_bar_below_its_lines_with_a_whole_rate_and_time_left() {
    let command = format!(
        "{BIN} train --preset train-xor --iters 4000 --format text; echo \"backstep exited: $?\"; sleep 60"
    );
    let Some(session) = Session::start("train-bar", &command, 100, 40) else {
        return;
    };
    let name = session.0.as_str();
    let bar_lines = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .filter(|l| l.contains('░') || l.contains('█') || l.contains(" iterations  "))
            .map(str::to_string)
            .collect()
    };

    // while it runs: one bar, below every epoch line, its rate a whole number and time left
    // in whole seconds
    let running = wait_long(name, "left", 60);
    if !running.contains("backstep exited") {
        let bars = bar_lines(&running);
        assert_eq!(bars.len(), 1, "one bar: {running}");
        let last_text = running.lines().rfind(|l| !l.trim().is_empty()).unwrap();
        assert_eq!(last_text, bars[0], "the bar is the last line: {running}");
        let message = bars[0].split(" iterations  ").nth(1).unwrap();
        let (rate, left) = message.split_once(" it/s  about ").unwrap();
        assert!(
            rate.chars().all(|c| c.is_ascii_digit()),
            "a whole rate: {message}"
        );
        assert!(left.ends_with(" s left"), "{message}");
        assert!(!left.starts_with("0 s"), "time is left: {message}");
    }

    // at the end: no bar anywhere, about 20 epoch lines and the last, then the final line
    let done = wait_long(name, "backstep exited:", 120);
    assert!(done.contains("backstep exited: 0"), "{done}");
    assert!(bar_lines(&done).is_empty(), "no stale bar: {done}");
    let epochs: Vec<&str> = done.lines().filter(|l| l.starts_with("iter ")).collect();
    assert_eq!(epochs.len(), 21, "{done}");
    assert!(epochs[1].starts_with("iter    200  "), "{done}");
    assert!(epochs[20].starts_with("iter   3999  "), "{done}");
    assert!(
        done.contains("showing 1 epoch in 200 and the last of 4000; --all-epochs shows each"),
        "{done}"
    );
}

#[test]
fn the_explorer_speaks_chinese_with_the_locale() {
    // no flag: the locale chooses (BACKSTEP_LANG and LC_ALL cleared so only LANG decides)
    let command = format!(
        "env -u BACKSTEP_LANG -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 {BIN} --preset relu; \
         echo \"backstep exited: $?\"; sleep 30"
    );
    let Some(session) = Session::start("zh", &command, 80, 24) else {
        return;
    };
    let name = session.0.as_str();
    let first = wait_for_all(name, &["步骤 1/3", "正向传播", "退出"]);
    assert!(first.contains("层 ReLU"), "{first}");
    tmux(&["send-keys", "-t", name, "End"]);
    let backward = wait_for_all(name, &["步骤 3/3", "反向传播", "■ True"]);
    assert!(
        !backward.contains("quit"),
        "the footer is Chinese: {backward}"
    );
    tmux(&["send-keys", "-t", name, "?"]);
    let help = wait_for_all(name, &["下一步", "按键"]);
    assert!(help.contains("按键"), "{help}");
    // Esc then q at once would read as Alt-q: wait for the help to close first
    tmux(&["send-keys", "-t", name, "Escape"]);
    wait_until_gone(name, "按键 —");
    tmux(&["send-keys", "-t", name, "q"]);
    let after = wait_for(name, "backstep exited:");
    assert!(after.contains("backstep exited: 0"), "{after}");
}

#[test]
fn the_histogram_screen_draws_five_layers_and_leaves_with_esc() {
    let command =
        format!("{BIN} histogram --preset init-sigmoid; echo \"backstep exited: $?\"; sleep 30");
    let Some(session) = Session::start("histogram", &command, 80, 24) else {
        return;
    };
    let name = session.0.as_str();
    let shown = wait_for_all(name, &["Sigmoid1", "Sigmoid5", "above 1", "Esc leave"]);
    assert!(shown.contains("1.0 ┤"), "{shown}");
    assert!(shown.contains('█'), "the bars are drawn: {shown}");
    tmux(&["send-keys", "-t", name, "?"]);
    let help = wait_for_all(
        name,
        &["On the histogram screen", "leave the histogram screen"],
    );
    assert!(help.contains("leave the histogram screen"), "{help}");
    tmux(&["send-keys", "-t", name, "Escape"]);
    wait_until_gone(name, "On the histogram screen");
    tmux(&["send-keys", "-t", name, "Escape"]);
    let after = wait_for(name, "backstep exited:");
    assert!(after.contains("backstep exited: 0"), "{after}");
}

#[test]
fn the_compare_screen_trains_every_run_and_opens_the_picked_one() {
    let command = format!(
        "{BIN} compare --preset train-digits --vary lr=0.05,0.5 --iters 10000000; echo \"backstep exited: $?\"; sleep 30"
    );
    let Some(session) = Session::start("compare", &command, 120, 36) else {
        return;
    };
    let name = session.0.as_str();
    let running = wait_for_all(name, &["▶ running", "runs: lr", "0.05", "0.5", "▲"]);
    assert!(running.contains("lr: 2 runs"), "{running}");
    tmux(&["send-keys", "-t", name, "Space"]);
    wait_for(name, "‖ paused");
    tmux(&["send-keys", "-t", name, "Down"]);
    tmux(&["send-keys", "-t", name, "Enter"]);
    let explorer = wait_for_all(name, &["W ← W − lr·dW", "back to training"]);
    assert!(explorer.contains("iteration "), "{explorer}");
    tmux(&["send-keys", "-t", name, "Escape"]);
    // the compare screen is redrawn over the explorer's frame: wait for the whole of it
    let back = wait_for_all(name, &["runs: lr", "▸▲ 0.5", "loss per iteration"]);
    assert!(
        back.contains("▸▲ 0.5"),
        "the second run stays picked: {back}"
    );
    tmux(&["send-keys", "-t", name, "q"]);
    let after = wait_for(name, "backstep exited:");
    assert!(after.contains("backstep exited: 0"), "{after}");
}
