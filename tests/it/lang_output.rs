//! The learner's language in every CLI text output: `trace` (text and Markdown), `check`,
//! `train`, `presets` and the errors come from the catalogs (checked in the pseudo-language,
//! which wraps each message in ⟦…⟧), keep English's numbers in zh and ja, and JSON stays the
//! same bytes in every language.

use std::collections::BTreeSet;
use std::process::{Command as Process, Output};

use backstep::cli::{CheckFormat, Command, PresetArg, ThreadsArg, TraceFormat, run_command};
use backstep::i18n::{Lang, scoped};
use backstep::lesson::aids::numpy_line;
use backstep::preset::{BUILTINS, Preset};

use crate::support::temp::TempDir;
use crate::support::words::untranslated_except;

fn backstep(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Process::new(env!("CARGO_BIN_EXE_backstep"));
    cmd.args(args);
    for var in ["BACKSTEP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The numbers in `text`, in order: a translation keeps every one of them.
fn numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|t| t.trim_matches('.'))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

/// Line by line, the same numbers in `en` and `other` (lines for which `skip` holds, such as
/// timings, are left out).
fn assert_same_numbers(what: &str, en: &str, other: &str, skip: impl Fn(&str) -> bool) {
    let (e, o): (Vec<&str>, Vec<&str>) = (en.lines().collect(), other.lines().collect());
    assert_eq!(
        e.len(),
        o.len(),
        "{what}: lines differ\n{en}\n----\n{other}"
    );
    for (a, b) in e.iter().zip(&o) {
        if !skip(a) {
            assert_eq!(numbers(a), numbers(b), "{what}:\n{a}\n{b}");
        }
    }
}

fn trace(name: &str, format: TraceFormat) -> Command {
    Command::Trace {
        preset: PresetArg {
            preset: Some(name.to_string()),
        },
        format,
        threads: ThreadsArg::default(),
    }
}

fn check(name: &str) -> Command {
    Command::Check {
        preset: PresetArg {
            preset: Some(name.to_string()),
        },
        eps: backstep::engine::check::DEFAULT_H,
        tol: backstep::engine::check::DEFAULT_TOLERANCE,
        format: CheckFormat::Text,
        threads: ThreadsArg::default(),
    }
}

fn train_xor(iters: usize) -> Command {
    use clap::Parser;
    let iters = iters.to_string();
    let args = [
        "backstep",
        "train",
        "--preset",
        "train-xor",
        "--iters",
        &iters,
    ];
    let cli = backstep::cli::Cli::try_parse_from(args.into_iter().chain(["--format", "text"]));
    cli.unwrap().command.unwrap()
}

/// What `command` prints in `lang`, run in this process.
fn render(lang: Lang, command: &Command) -> String {
    scoped(lang, || {
        let mut out = Vec::new();
        run_command(command, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    })
}

/// The timing lines of `check`: their numbers differ from run to run.
fn timing(line: &str) -> bool {
    line.starts_with("numerical:") || line.starts_with("backprop:")
}

#[test]
fn the_locale_gives_chinese_presets_and_the_flag_japanese_traces() {
    let zh = stdout(&backstep(&["presets"], &[("LANG", "zh_CN.UTF-8")]));
    assert!(zh.contains("书中的 ReLU 例子"), "{zh}");
    let en = stdout(&backstep(&["trace", "--preset", "relu"], &[]));
    let ja = stdout(&backstep(
        &["--lang", "ja", "trace", "--preset", "relu"],
        &[],
    ));
    for words in [
        "== 順伝播 ==",
        "ステップ 1/3  順伝播",
        "読み取り",
        "== 結果 ==",
    ] {
        assert!(ja.contains(words), "{words}:\n{ja}");
    }
    assert!(!ja.contains("== FORWARD =="), "{ja}");
    assert_eq!(numbers(&en), numbers(&ja), "{en}\n----\n{ja}");
    assert_same_numbers("trace relu", &en, &ja, |_| false);
}

#[test]
fn trace_check_and_train_keep_englishs_numbers_in_zh_and_ja() {
    for lang in [Lang::Zh, Lang::Ja] {
        for b in BUILTINS {
            for format in [TraceFormat::Text, TraceFormat::Markdown] {
                let command = trace(b.name, format);
                let (en, other) = (render(Lang::En, &command), render(lang, &command));
                assert_ne!(en, other, "{lang:?} {} {format:?} is English", b.name);
                assert_same_numbers(b.name, &en, &other, |_| false);
            }
        }
        for name in ["relu", "two-layer", "apple-orange"] {
            let (en, other) = (render(Lang::En, &check(name)), render(lang, &check(name)));
            assert!(en.contains("gradient check"), "{en}");
            assert_same_numbers(name, &en, &other, timing);
        }
        // 100 iterations of 1 per epoch: 1 epoch in 5 is shown, and the note says so
        let (en, other) = (
            render(Lang::En, &train_xor(100)),
            render(lang, &train_xor(100)),
        );
        assert!(en.contains("showing 1 epoch in 5"), "{en}");
        assert_same_numbers("train-xor", &en, &other, |_| false);
    }
    let ja = render(Lang::Ja, &check("relu"));
    assert!(ja.starts_with("勾配確認 — relu"), "{ja}");
    let zh = render(Lang::Zh, &train_xor(3));
    assert!(
        zh.contains("数据 xor：训练数据 80 行，测试数据 20 行，2 个特征，2 个类别"),
        "{zh}"
    );
}

/// The tokens of `text` as the checker cuts them (runs of letters, digits and `-_'’.`, such as
/// `self.db`, `Σₙ` or `apple_num`), each also cut at those marks (`self`, `db`).
fn tokens(text: &str) -> Vec<String> {
    let marks = "-_'’.";
    let mut out = Vec::new();
    for token in text.split(|c: char| !(c.is_alphanumeric() || marks.contains(c))) {
        let token = token.trim_matches(|c: char| marks.contains(c));
        if token.is_empty() {
            continue;
        }
        out.push(token.to_string());
        out.extend(
            token
                .split(|c: char| marks.contains(c))
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
    }
    out
}

/// Words that are code in every language beyond the book's (`support::words::NOT_TRANSLATED`): the Markdown
/// fence's language.
const CODE_WORDS: &[&str] = &["python", "text"];

/// The code words of a preset's run: names, labels, formulas and NumPy lines.
fn code_words(preset: &Preset) -> BTreeSet<String> {
    let mut code: BTreeSet<String> = CODE_WORDS.iter().map(|w| w.to_string()).collect();
    let mut add = |s: &str| code.extend(tokens(s));
    add(&preset.name);
    if let Ok(run) = preset.run() {
        for s in &run.tape.steps {
            add(&s.layer_name);
            add(&s.label);
            add(&s.formula);
            add(&numpy_line(s));
            add(&s.writes.name);
            for o in &s.reads {
                add(&o.name);
            }
        }
        for l in &run.layers {
            add(&l.name);
            for g in &l.grads {
                add(g.name);
            }
        }
    }
    if let Some(g) = &preset.graph {
        for (name, _) in &g.inputs {
            add(name);
        }
        for n in &g.nodes {
            add(&n.name);
            add(n.op.kind().as_str());
        }
    }
    code
}

fn assert_all_from_catalogs(what: &str, text: &str, preset: Option<&Preset>) {
    let mut code: BTreeSet<String> = CODE_WORDS.iter().map(|w| w.to_string()).collect();
    if let Some(p) = preset {
        code.extend(code_words(p));
    }
    let code: Vec<&str> = code.iter().map(String::as_str).collect();
    let stray = untranslated_except(text, &code);
    assert!(
        stray.is_empty(),
        "{what}: words outside the catalogs: {stray:?}\n{text}"
    );
}

#[test]
fn every_cli_text_output_comes_from_the_catalogs() {
    for b in BUILTINS {
        let preset = scoped(Lang::Pseudo, || Preset::builtin(b.name)).unwrap();
        for format in [TraceFormat::Text, TraceFormat::Markdown] {
            let out = render(Lang::Pseudo, &trace(b.name, format));
            assert_all_from_catalogs(&format!("trace {} {format:?}", b.name), &out, Some(&preset));
        }
        let out = render(Lang::Pseudo, &check(b.name));
        assert_all_from_catalogs(&format!("check {}", b.name), &out, Some(&preset));
    }
    let xor = scoped(Lang::Pseudo, || Preset::builtin("train-xor")).unwrap();
    let out = render(Lang::Pseudo, &train_xor(100));
    assert_all_from_catalogs("train", &out, Some(&xor));
    let out = render(Lang::Pseudo, &Command::Presets);
    let names: BTreeSet<String> = BUILTINS
        .iter()
        .chain(backstep::preset::TRAIN_BUILTINS)
        .chain(backstep::preset::LAB_BUILTINS)
        .flat_map(|b| tokens(b.name))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let stray = untranslated_except(&out, &names);
    assert!(stray.is_empty(), "{stray:?}\n{out}");
}

/// `check --format json` without what differs from run to run (the timings) or by language (a
/// note's sentence, `text`): every other byte must be the same in every language.
fn check_json_without_sentences(text: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    for timing in ["numerical_seconds", "backprop_seconds"] {
        v[timing] = serde_json::Value::Null;
    }
    if let Some(notes) = v["notes"].as_array_mut() {
        for note in notes {
            assert!(note["text"].is_string(), "{note}");
            note["text"] = serde_json::Value::Null;
        }
    }
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn json_is_the_same_in_every_language_but_its_sentences() {
    let json = |lang: Lang, command: &Command| render(lang, command);
    for b in BUILTINS {
        let command = Command::Trace {
            preset: PresetArg {
                preset: Some(b.name.into()),
            },
            format: TraceFormat::Json,
            threads: ThreadsArg::default(),
        };
        let en = json(Lang::En, &command);
        for lang in [Lang::Zh, Lang::Ja, Lang::Pseudo] {
            assert_eq!(json(lang, &command), en, "trace {} in {lang:?}", b.name);
        }
        let command = Command::Check {
            preset: PresetArg {
                preset: Some(b.name.into()),
            },
            eps: backstep::engine::check::DEFAULT_H,
            tol: backstep::engine::check::DEFAULT_TOLERANCE,
            format: CheckFormat::Json,
            threads: ThreadsArg::default(),
        };
        let en = check_json_without_sentences(&json(Lang::En, &command));
        for lang in [Lang::Zh, Lang::Ja, Lang::Pseudo] {
            let other = check_json_without_sentences(&json(lang, &command));
            assert_eq!(other, en, "check {} in {lang:?}", b.name);
        }
    }
    // with h = 1.5, relu's cells lie within h of its kink at 0: a note, whose text is left out
    let command = Command::Check {
        preset: PresetArg {
            preset: Some("relu".into()),
        },
        eps: 1.5,
        tol: backstep::engine::check::DEFAULT_TOLERANCE,
        format: CheckFormat::Json,
        threads: ThreadsArg::default(),
    };
    let en = json(Lang::En, &command);
    assert!(en.contains("\"kink\""), "{en}");
    let en = check_json_without_sentences(&en);
    for lang in [Lang::Zh, Lang::Ja, Lang::Pseudo] {
        assert_eq!(check_json_without_sentences(&json(lang, &command)), en);
    }
    // the binary too, through the flag: train's JSON has no sentence at all
    let args = ["train", "--preset", "train-xor", "--iters", "5", "--format"];
    let en = stdout(&backstep(&[&args[..], &["json"]].concat(), &[]));
    assert!(en.contains("\"final\""), "{en}");
    for lang in ["zh", "ja"] {
        let other = stdout(&backstep(
            &[&args[..], &["json", "--lang", lang]].concat(),
            &[],
        ));
        assert_eq!(other, en, "train in {lang}");
    }
    let csv = |lang: &str| {
        stdout(&backstep(
            &[&args[..], &["csv", "--lang", lang]].concat(),
            &[],
        ))
    };
    assert_eq!(csv("ja"), csv("en"), "CSV is data");
}

#[test]
fn help_follows_the_flag_and_the_locale() {
    let en = stdout(&backstep(&["--help"], &[]));
    assert!(
        en.contains("Usage: backstep") && en.contains("Options:"),
        "{en}"
    );
    let zh = stdout(&backstep(&["--lang", "zh", "--help"], &[]));
    for words in [
        "用法：backstep [OPTIONS] [COMMAND]",
        "命令:",
        "选项:",
        "打印一个预设的正向传播和反向传播",
        "显示帮助",
    ] {
        assert!(zh.contains(words), "{words}:\n{zh}");
    }
    let ja = stdout(&backstep(&["check", "--help"], &[("LANG", "ja_JP.UTF-8")]));
    for words in [
        "使い方：backstep check [OPTIONS]",
        "中心差分の刻み幅 h（デフォルト：0.0001）",
        "ヘルプを表示",
    ] {
        assert!(ja.contains(words), "{words}:\n{ja}");
    }
    let short = stdout(&backstep(&["train", "-h", "--lang=ja"], &[]));
    assert!(short.contains("イテレーション数"), "{short}");
    // no English sentence is left in the translated help: only flags, values and names
    for (what, text) in [("zh", &zh), ("ja", &ja), ("ja train", &short)] {
        let english: Vec<&str> = text
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| {
                [
                    "the", "Print", "Usage", "Options", "Commands", "of", "and", "default",
                ]
                .contains(w)
            })
            .collect();
        assert!(english.is_empty(), "{what}: {english:?}\n{text}");
    }
}

/// A preset file in a fresh temporary folder.
fn preset_file(dir: &TempDir, name: &str, text: &str) -> String {
    dir.file(&format!("{name}.toml"), text)
        .to_string_lossy()
        .into_owned()
}

const BN: &str = "[[layers]]\ntype = \"batch_norm\"\ngamma = [1.0, 1.0]\nbeta = [0.0, 0.0]\n";

/// `check` with step `eps`.
fn check_at(preset: &str, eps: f64) -> Command {
    Command::Check {
        preset: PresetArg {
            preset: Some(preset.to_string()),
        },
        eps,
        tol: backstep::engine::check::DEFAULT_TOLERANCE,
        format: CheckFormat::Text,
        threads: ThreadsArg::default(),
    }
}

#[test]
fn the_gradient_checks_notes_come_from_the_catalogs_with_englishs_numbers() {
    let h = backstep::engine::check::DEFAULT_H;
    let dir = TempDir::new("lang-notes");
    let cases = [
        // BatchNorm: a one-row batch, one constant column, every column constant
        (
            preset_file(&dir, "bn-one", &format!("x = [[1.0, 2.0]]\n{BN}")),
            h,
            "constant_column",
        ),
        (
            preset_file(
                &dir,
                "bn-col",
                &format!("x = [[1.0, 2.0], [1.0, 3.0]]\n{BN}"),
            ),
            h,
            "constant_column",
        ),
        (
            preset_file(
                &dir,
                "bn-rows",
                &format!("x = [[1.0, 2.0], [1.0, 2.0]]\n{BN}"),
            ),
            h,
            "constant_column",
        ),
        // ReLU: cells within h of the kink, one exactly on it, and a smaller step suggested
        (
            preset_file(
                &dir,
                "relu-kink",
                "x = [[0.0, 1e-5, 2.0]]\n[[layers]]\ntype = \"relu\"\n",
            ),
            h,
            "kink",
        ),
        ("relu".to_string(), 1.5, "kink"),
        // pooling: a tie in a window
        ("pooling".to_string(), h, "tie"),
        // the loss's 1e-7 against a tiny target probability
        (
            preset_file(
                &dir,
                "tiny-y",
                "x = [[20.0, 0.0], [0.0, 20.0]]\nt = [1, 0]\n[[layers]]\ntype = \"softmax_with_loss\"\n",
            ),
            h,
            "log_epsilon",
        ),
    ];
    for (preset, eps, kind) in &cases {
        let p = scoped(Lang::Pseudo, || backstep::cli::load_preset(Some(preset))).unwrap();
        let report = p
            .check(*eps, backstep::engine::check::DEFAULT_TOLERANCE)
            .unwrap();
        assert!(
            report.notes.iter().any(|n| n.kind() == *kind),
            "{preset}: no {kind} note"
        );
        let command = check_at(preset, *eps);
        let out = render(Lang::Pseudo, &command);
        assert!(out.contains("⟦note:⟧") || out.contains("⟦note"), "{out}");
        assert_all_from_catalogs(&format!("check {preset}"), &out, Some(&p));
        let en = render(Lang::En, &command);
        for lang in [Lang::Zh, Lang::Ja] {
            let other = render(lang, &command);
            assert_same_numbers(preset, &en, &other, timing);
            for line in other.lines() {
                assert_eq!(
                    crate::narration::english_run(line),
                    None,
                    "{preset} in {lang:?}: {line}"
                );
            }
        }
    }
}

#[test]
fn the_jacobian_sentences_come_from_the_catalogs() {
    use backstep::lesson::aids::jacobian;
    let mut checked = 0;
    for b in BUILTINS {
        let preset = scoped(Lang::Pseudo, || Preset::builtin(b.name)).unwrap();
        let code: Vec<String> = code_words(&preset).into_iter().collect();
        let code: Vec<&str> = code.iter().map(String::as_str).collect();
        let run = preset.run().unwrap();
        let Some(net) = preset.graph.is_none().then_some(&preset.network) else {
            continue;
        };
        for layer in 0..net.layers.len() {
            let view = scoped(Lang::Pseudo, || jacobian(net, &run, layer)).unwrap();
            for text in std::iter::once(&view.structure).chain(&view.kink_note) {
                let stray = untranslated_except(text, &code);
                assert!(
                    stray.is_empty(),
                    "{} layer {layer}: {stray:?} in {text}",
                    b.name
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 25, "{checked} sentences");
    // the popup itself: its title, the block line, the verdict and the captions
    use crate::support::driver::{keys, screen};
    for name in ["relu", "two-layer", "batchnorm", "softmax-loss"] {
        let preset = scoped(Lang::Pseudo, || Preset::builtin(name)).unwrap();
        let code: Vec<String> = code_words(&preset).into_iter().collect();
        let mut code: Vec<&str> = code.iter().map(String::as_str).collect();
        // the matrix's own labels: out[0,1], x[1,0], dout·J
        code.extend(["out", "dout", "dx"]);
        scoped(Lang::Pseudo, || {
            let mut app = backstep::tui::app::App::new(preset.clone()).unwrap();
            keys(&mut app, "J");
            let s = screen(&app, 160, 48);
            // the popup's rows, from its title to its bottom border (the explorer around it is
            // checked elsewhere)
            let popup: Vec<&str> = s
                .lines()
                .skip_while(|l| !l.contains('∂'))
                .take_while(|l| !l.starts_with("\"  └"))
                .collect();
            assert!(popup.len() > 5, "{name}: no Jacobian popup\n{s}");
            let popup = popup.join("\n");
            let stray = untranslated_except(&popup, &code);
            assert!(stray.is_empty(), "{name}: {stray:?}\n{popup}");
        });
    }
}

#[test]
fn the_engines_errors_come_from_the_catalogs() {
    let dir = TempDir::new("lang-errors");
    let cases = [
        (
            "log-domain",
            "x = [[-1.0, 2.0]]\n[[layers]]\ntype = \"log\"\n",
        ),
        (
            "reciprocal-zero",
            "x = [[0.0, 2.0]]\n[[layers]]\ntype = \"reciprocal\"\n",
        ),
        (
            "label-range",
            "x = [[1.0, 2.0]]\nt = [5]\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        ),
        (
            "no-t",
            "x = [[1.0, 2.0]]\n[[layers]]\ntype = \"softmax_with_loss\"\n",
        ),
        (
            "affine-w",
            "x = [[1.0, 2.0]]\n[[layers]]\ntype = \"affine\"\nW = [[1.0], [2.0], [3.0]]\nb = [0.0]\n",
        ),
        (
            "loss-not-last",
            "x = [[1.0, 2.0]]\nt = [0]\n[[layers]]\ntype = \"softmax_with_loss\"\n[[layers]]\ntype = \"relu\"\n",
        ),
        ("overflow", "x = [[800.0]]\n[[layers]]\ntype = \"exp\"\n"),
    ];
    for (name, text) in cases {
        let path = preset_file(&dir, name, text);
        let err = scoped(Lang::Pseudo, || {
            backstep::cli::load_preset(Some(&path)).and_then(|p| p.run().map(|_| ()))
        })
        .expect_err(name);
        // the file is named by its path: only its file name is checked
        let said = scoped(Lang::Pseudo, || format!("{err:#}")).replace(&path, "p.toml");
        let stray = untranslated_except(&said, &["x", "t", "W"]);
        assert!(stray.is_empty(), "{name}: {stray:?} in {said}");
        // and in English it says what it said before, with the numbers it carries
        let en = format!(
            "{:#}",
            backstep::cli::load_preset(Some(&path))
                .and_then(|p| p.run().map(|_| ()))
                .expect_err(name)
        );
        let zh = scoped(Lang::Zh, || {
            format!(
                "{:#}",
                backstep::cli::load_preset(Some(&path))
                    .and_then(|p| p.run().map(|_| ()))
                    .expect_err(name)
            )
        });
        assert_ne!(en, zh, "{name}: {en}");
        assert_eq!(crate::narration::english_run(&zh), None, "{name}: {zh}");
    }
    // the data readers: a truncated IDX file
    let err = scoped(Lang::Pseudo, || {
        backstep::engine::data::idx::images(&[0, 0, 8, 3, 0, 0])
    })
    .expect_err("truncated");
    let said = scoped(Lang::Pseudo, || format!("{err:#}"));
    assert!(untranslated_except(&said, &["IDX"]).is_empty(), "{said}");
}
