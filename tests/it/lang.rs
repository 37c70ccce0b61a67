//! The learner's language: `--lang`, `BACKSTEP_LANG` and the locale choose it, and the catalogs
//! agree with each other and with the code.

use std::collections::BTreeSet;
use std::process::{Command, Output};

use backstep::i18n::{CATALOGS, Lang, catalog_entries};
use backstep::preset::{BUILTINS, LAB_BUILTINS, TRAIN_BUILTINS};

fn backstep(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backstep"));
    cmd.args(args);
    for var in ["BACKSTEP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd.output().unwrap()
}

fn out(o: &Output) -> String {
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

#[test]
fn the_locale_the_variable_and_the_flag_choose_the_language() {
    let en = out(&backstep(&["presets"], &[]));
    assert!(en.contains("the book's ReLU example"), "{en}");
    let zh = out(&backstep(&["presets"], &[("LANG", "zh_CN.UTF-8")]));
    assert!(zh.contains("书中的 ReLU 例子"), "{zh}");
    let ja = out(&backstep(
        &["--lang", "ja", "presets"],
        &[("LANG", "zh_CN.UTF-8")],
    ));
    assert!(
        ja.contains("本書の ReLU の例"),
        "the flag wins over the locale: {ja}"
    );
    let by_var = out(&backstep(
        &["presets"],
        &[("BACKSTEP_LANG", "ja"), ("LANG", "zh_CN")],
    ));
    assert_eq!(by_var, ja, "BACKSTEP_LANG wins over the locale");
    let after = out(&backstep(&["presets", "--lang", "zh"], &[]));
    assert_eq!(after, zh, "--lang also goes after the command");
    // the same presets, the same numbers, line by line
    for (e, z) in en.lines().zip(zh.lines()) {
        assert_eq!(numbers(e), numbers(z), "{e} / {z}");
    }
    for (e, j) in en.lines().zip(ja.lines()) {
        assert_eq!(numbers(e), numbers(j), "{e} / {j}");
    }
}

#[test]
fn an_unknown_language_is_a_usage_error_listing_the_three() {
    let o = backstep(&["--lang", "fr", "presets"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("en, zh, ja") && err.contains("'fr'"), "{err}");
    let o = backstep(&["presets"], &[("BACKSTEP_LANG", "fr")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("BACKSTEP_LANG=fr") && err.contains("en, zh, ja"),
        "{err}"
    );
    // an unknown locale is English, not an error
    let o = backstep(&["presets"], &[("LANG", "fr_FR.UTF-8")]);
    assert!(o.status.success());
    assert!(out(&o).contains("the book's ReLU example"));
}

#[test]
fn every_catalog_has_every_message_with_the_same_arguments() {
    let parsed: Vec<(Lang, _)> = CATALOGS
        .iter()
        .map(|(lang, src)| {
            (
                *lang,
                catalog_entries(src).unwrap_or_else(|e| panic!("{lang:?}: {e}")),
            )
        })
        .collect();
    let (_, en) = &parsed[0];
    let mut problems = Vec::new();
    for (lang, cat) in &parsed[1..] {
        for id in en.keys().filter(|id| !cat.contains_key(*id)) {
            problems.push(format!("{lang:?} lacks {id}"));
        }
        for id in cat.keys().filter(|id| !en.contains_key(*id)) {
            problems.push(format!("{lang:?} has {id}, which English does not"));
        }
        for (id, args) in cat {
            if let Some(english) = en.get(id)
                && english != args
            {
                problems.push(format!(
                    "{lang:?} {id}: arguments {args:?}, English {english:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_catalogs_keep_their_areas_in_the_same_order() {
    let areas = |src: &str| -> Vec<String> {
        src.lines()
            .filter_map(|l| l.strip_prefix("## area:"))
            .map(|a| a.trim().to_string())
            .collect()
    };
    let en = areas(CATALOGS[0].1);
    assert!(en.len() > 2, "{en:?}");
    for (lang, src) in &CATALOGS[1..] {
        assert_eq!(areas(src), en, "{lang:?}");
    }
}

/// Every id quoted by `t!(`, `msg!(`, `message(` or `render(` in the sources.
fn ids_in_sources() -> BTreeSet<String> {
    let mut files = Vec::new();
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                // the code only: not the tests beside it, nor comments and docs
                let text = std::fs::read_to_string(path).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                let lines: Vec<&str> = code
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect();
                files.push(lines.join("\n"));
            }
        }
    }
    let mut ids = BTreeSet::new();
    for text in &files {
        for opener in ["t!(", "msg!(", "message(", "render("] {
            for (at, _) in text.match_indices(opener) {
                // a whole name: `t!(`, not `format!(`; `message(`, not `error_message(`
                let before = text[..at].chars().next_back().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' {
                    continue;
                }
                let rest = text[at + opener.len()..].trim_start();
                if let Some(quoted) = rest.strip_prefix('"')
                    && let Some((id, _)) = quoted.split_once('"')
                {
                    ids.insert(id.to_string());
                }
            }
        }
    }
    ids
}

#[test]
fn every_message_is_used_and_every_used_message_exists() {
    let en = catalog_entries(CATALOGS[0].1).unwrap();
    let mut used = ids_in_sources();
    // the keymap's rows hold the ids of their descriptions, labels and headings
    for b in backstep::tui::keymap::BINDINGS {
        used.insert(b.help.to_string());
        used.extend(b.footer.map(str::to_string));
        used.insert(b.group.to_string());
    }
    used.remove("");
    // the presets' summaries, titles and descriptions are looked up by name
    for b in BUILTINS.iter().chain(TRAIN_BUILTINS).chain(LAB_BUILTINS) {
        used.insert(format!("presets-summary-{}", b.name));
        used.insert(format!("presets-title-{}", b.name));
        used.insert(format!("presets-description-{}", b.name));
    }
    let missing: Vec<_> = used.iter().filter(|id| !en.contains_key(*id)).collect();
    let unused: Vec<_> = en.keys().filter(|id| !used.contains(*id)).collect();
    assert!(missing.is_empty(), "used but not in en.ftl: {missing:#?}");
    assert!(unused.is_empty(), "in en.ftl but never used: {unused:#?}");
}
