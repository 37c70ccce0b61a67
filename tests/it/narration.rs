//! The narration in 中文 and 日本語: cell explanations (and the steps' notes) of several presets
//! carry the same numbers, in the same order, as the English, and no English sentence is left.

use backstep::engine::Step;
use backstep::engine::tape::Said;
use backstep::i18n::{Lang, scoped};
use backstep::preset::{BUILTINS, Preset, Source, TRAIN_BUILTINS, builtin_source};

const PRESETS: [&str; 15] = [
    "softmax",
    "relu",
    "sigmoid",
    "sigmoid-graph",
    "apple",
    "fan-out",
    "apple-fee",
    "mask",
    "affine",
    "two-layer",
    "dropout",
    "batchnorm",
    "softmax-loss",
    "bias-sum",
    "apple-orange",
];

/// Presets whose steps' notes are all messages of the catalogs (every one of them now: the
/// last test below sweeps every built-in preset and optimizer for an English note).
const NOTES_IN_CATALOGS: [&str; 15] = [
    "batchnorm",
    "dropout",
    "softmax",
    "relu",
    "sigmoid",
    "sigmoid-graph",
    "apple",
    "apple-orange",
    "fan-out",
    "apple-fee",
    "mask",
    "affine",
    "bias-sum",
    "two-layer",
    "softmax-loss",
];

/// The numbers of a text in order: runs of digits (with a sign, a point, an exponent) that do
/// not belong to a name (`W1`, `x2`, `lr_t`).
pub fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            && !(i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'));
        if !starts {
            i += 1;
            continue;
        }
        let negative = i > 0 && chars[i - 1] == '-';
        let mut j = i;
        while j < chars.len()
            && (chars[j].is_ascii_digit()
                || (chars[j] == '.' && chars.get(j + 1).is_some_and(char::is_ascii_digit))
                || (chars[j] == 'e'
                    && chars
                        .get(j + 1)
                        .is_some_and(|c| c.is_ascii_digit() || *c == '-')))
        {
            j += if chars[j] == 'e' && chars.get(j + 1) == Some(&'-') {
                2
            } else {
                1
            };
        }
        let n: String = chars[i..j].iter().collect();
        out.push(if negative { format!("-{n}") } else { n });
        i = j;
    }
    out
}

/// Three or more English words in a row (`the bias was`): a sentence a catalog did not translate.
pub fn english_run(text: &str) -> Option<String> {
    let mut run: Vec<&str> = Vec::new();
    for word in text.split([' ', '(', ')', ',', ';', ':']) {
        let w = word.trim_matches(|c: char| matches!(c, '\'' | '.' | '"'));
        if w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic()) {
            run.push(w);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else if !w.is_empty() {
            run.clear();
        }
    }
    None
}

/// What a learner reads about a step in a language: its note and, for a few cells, the
/// explanation's expansion and remark (the rule is a formula, the same in every language).
fn narration(step: &Step, lang: Lang) -> Vec<String> {
    scoped(lang, || {
        let mut out = vec![step.note.to_string()];
        let (rows, cols) = step.writes.value.dim();
        for (r, c) in [(0, 0), (rows.saturating_sub(1), cols.saturating_sub(1))] {
            if let Some(ex) = step.explain(r, c) {
                out.extend(ex.lines(4).into_iter().skip(1));
            }
        }
        out
    })
}

#[test]
fn explanations_in_zh_and_ja_carry_the_english_numbers_and_no_english_sentence() {
    let mut checked = 0;
    for name in PRESETS {
        let preset = Preset::builtin(name).unwrap();
        let run = preset.run().unwrap();
        let notes = NOTES_IN_CATALOGS.contains(&name);
        for (k, step) in run.tape.steps.iter().enumerate() {
            if notes {
                assert!(
                    !matches!(step.note.body, Said::English(_)),
                    "{name} step {k}: an English note"
                );
            }
            let en = narration(step, Lang::En);
            for lang in [Lang::Zh, Lang::Ja] {
                let other = narration(step, lang);
                assert_eq!(en.len(), other.len(), "{name} step {k}");
                // the note comes first; it is compared once its layer's notes are messages
                for (e, o) in en.iter().zip(&other).skip(if notes { 0 } else { 1 }) {
                    assert_eq!(
                        numbers(e),
                        numbers(o),
                        "{name} step {k} in {lang:?}:\n  en: {e}\n  {}: {o}",
                        lang.code()
                    );
                    assert_eq!(
                        english_run(o),
                        None,
                        "{name} step {k} in {lang:?} reads English: {o}"
                    );
                    if english_run(e).is_some() {
                        assert_ne!(e, o, "{name} step {k}: not translated into {lang:?}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 200, "{checked} lines compared");
}

#[test]
fn the_checks_find_numbers_and_english_runs() {
    assert_eq!(
        numbers("dW1[0,1] = 2.5000·(-0.1) − 4.8e-5, x2"),
        ["0", "1", "2.5000", "-0.1", "4.8e-5"]
    );
    assert_eq!(
        english_run("偏置 the bias was added"),
        Some("the bias was".into())
    );
    assert_eq!(english_run("1.0000 ≤ 0 为 True"), None);
}

/// The built-in presets that run without outside data, and train-xor with each of the book's
/// other three optimizers, so every update rule's step is on a tape.
fn every_builtin_and_optimizer() -> Vec<(String, Preset)> {
    let mut presets: Vec<(String, Preset)> = BUILTINS
        .iter()
        .chain(TRAIN_BUILTINS)
        .filter(|b| !b.name.ends_with("-mnist"))
        .map(|b| (b.name.to_string(), Preset::builtin(b.name).unwrap()))
        .collect();
    let xor = builtin_source("train-xor").unwrap();
    for kind in ["momentum", "adagrad", "adam"] {
        let text = xor.replace("optimizer = \"sgd\"", &format!("optimizer = \"{kind}\""));
        assert_ne!(text, xor, "train-xor names its optimizer");
        let name = format!("train-xor-{kind}");
        let preset = Preset::from_toml(&text, Source::Builtin(name.clone())).unwrap();
        presets.push((name, preset));
    }
    // weight decay's steps (6.4.2): a term per Affine W, the loss, a gradient per W
    let text = xor.replace(
        "optimizer = \"sgd\"",
        "optimizer = \"sgd\"\nweight_decay = 0.1",
    );
    let name = "train-xor-weight-decay".to_string();
    let preset = Preset::from_toml(&text, Source::Builtin(name.clone())).unwrap();
    presets.push((name, preset));
    presets
}

#[test]
fn every_note_of_every_builtin_and_optimizer_is_a_message_with_the_same_numbers() {
    let mut updates = 0;
    let mut decays = 0;
    for (name, preset) in every_builtin_and_optimizer() {
        let run = preset.run().unwrap();
        for (k, step) in run.tape.steps.iter().enumerate() {
            let said = [Some(&step.note.body), step.note.prefix.as_ref()];
            assert!(
                !said.iter().flatten().any(|s| matches!(s, Said::English(_))),
                "{name} step {k}: an English note: {}",
                step.note
            );
            updates += usize::from(matches!(step.op, backstep::engine::Op::Update(_)));
            if matches!(step.op, backstep::engine::Op::Decay(_)) {
                decays += 1;
                // and what `Enter` on a cell says, in every language
                let en = narration(step, Lang::En);
                for lang in [Lang::Zh, Lang::Ja] {
                    let other = narration(step, lang);
                    assert_eq!(en.len(), other.len(), "{name} step {k}");
                    for (e, o) in en.iter().zip(&other) {
                        assert_eq!(numbers(e), numbers(o), "{name} step {k}:\n  {e}\n  {o}");
                        assert_eq!(english_run(o), None, "{name} step {k}: {o}");
                    }
                }
            }
            let en = scoped(Lang::En, || step.note.to_string());
            for lang in [Lang::Zh, Lang::Ja] {
                let other = scoped(lang, || step.note.to_string());
                assert_eq!(
                    numbers(&en),
                    numbers(&other),
                    "{name} step {k} in {lang:?}:\n  en: {en}\n  {}: {other}",
                    lang.code()
                );
                assert_eq!(english_run(&other), None, "{name} step {k}: {other}");
            }
        }
    }
    // SGD (1 step per parameter), Momentum and AdaGrad (2), Adam (3) over train-xor's 4
    // parameters, and the other training presets' updates
    assert!(updates >= 4 * (1 + 2 + 2 + 3), "{updates} update steps");
    // train-xor's two Affine W: two terms, the loss, two gradients
    assert_eq!(decays, 5, "weight decay steps");
}
