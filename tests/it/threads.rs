//! `--threads N` and `BACKSTEP_THREADS`: how many cores share the work, on every command that
//! computes, with the same numbers whatever the count.

use std::process::{Command, Output};

fn backstep(args: &[&str], env: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backstep"));
    cmd.args(args).env_remove("BACKSTEP_THREADS");
    if let Some(v) = env {
        cmd.env("BACKSTEP_THREADS", v);
    }
    cmd.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn one_thread_gives_the_same_numbers_as_every_core() {
    let args = [
        "train",
        "--preset",
        "train-digits",
        "--iters",
        "300",
        "--format",
        "json",
    ];
    let all = backstep(&args, None);
    assert!(all.status.success(), "{}", text(&all.stderr));
    let mut one_args = args.to_vec();
    one_args.extend(["--threads", "1"]);
    let one = backstep(&one_args, None);
    assert!(one.status.success(), "{}", text(&one.stderr));
    assert_eq!(text(&one.stdout), text(&all.stdout));
    let by_env = backstep(&args, Some("1"));
    assert_eq!(text(&by_env.stdout), text(&all.stdout));
    // check and trace take it too
    for cmd in [
        &["check", "--preset", "two-layer", "--threads", "2"][..],
        &["trace", "--preset", "relu", "--threads", "1"],
    ] {
        let o = backstep(cmd, None);
        assert!(o.status.success(), "{cmd:?}: {}", text(&o.stderr));
    }
}

#[test]
fn a_bad_thread_count_is_a_usage_error_naming_it() {
    for bad in ["0", "-1", "many", "5000"] {
        let o = backstep(&["check", "--threads", bad], None);
        assert_eq!(o.status.code(), Some(2), "--threads {bad}");
        assert!(text(&o.stderr).contains("--threads"), "{}", text(&o.stderr));
    }
    let o = backstep(&["check"], Some("lots"));
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("BACKSTEP_THREADS=lots") && err.contains("1 to 1024"),
        "{err}"
    );
    // presets computes nothing: the flag does not apply there
    let o = backstep(&["presets", "--threads", "2"], None);
    assert_eq!(o.status.code(), Some(2));
}
