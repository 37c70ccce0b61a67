//! The learner's language: English, 中文 or 日本語, from embedded message catalogs.
//!
//! Every sentence a person reads is a message with an id (`presets.summary.relu`), looked up in
//! the catalog of the current language (`assets/i18n/{en,zh,ja}.toml`, compiled in) with its
//! arguments filled in: `{name}` is replaced by the argument's text, and `{name|one|other}` picks
//! `one` when the argument is 1 and `other` otherwise (English plurals; the Chinese and Japanese
//! catalogs have no need of it). Numbers are formatted by backstep's own rules before they are
//! passed in, so every language shows the same digits. A message missing from a catalog falls
//! back to English.
//!
//! The language is chosen once, before anything is written ([`set`], from `--lang`,
//! `BACKSTEP_LANG` or the locale: [`detect`]); [`scoped`] overrides it on one thread, for tests.
//! This module sits below every other: it imports nothing from the crate.

pub mod format;

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (the default).
    En,
    /// 简体中文, the words of 《深度学习入门：基于Python的理论与实现》.
    Zh,
    /// 日本語, the words of 『ゼロから作るDeep Learning』.
    Ja,
    /// Tests only: every message wrapped in `⟦…⟧`, so a test can find text that did not come
    /// from a catalog.
    Pseudo,
}

impl Lang {
    /// The languages a user can choose, in the order help lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Zh, Lang::Ja];

    /// The code used by `--lang` and `BACKSTEP_LANG`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Ja => "ja",
            Lang::Pseudo => "pseudo",
        }
    }

    /// The language of a code (`en`, `zh`, `ja`), case-insensitive.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The language a POSIX locale names: `zh_CN.UTF-8` → zh, `ja_JP` → ja, anything else → en.
    pub fn from_locale(locale: &str) -> Lang {
        let lower = locale.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Lang::Zh
        } else if lower.starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    fn index(self) -> u8 {
        match self {
            Lang::En => 0,
            Lang::Zh => 1,
            Lang::Ja => 2,
            Lang::Pseudo => 3,
        }
    }

    fn from_index(i: u8) -> Lang {
        match i {
            1 => Lang::Zh,
            2 => Lang::Ja,
            3 => Lang::Pseudo,
            _ => Lang::En,
        }
    }
}

/// Which language: the flag's, else `BACKSTEP_LANG`, else the first of `LC_ALL`, `LC_MESSAGES`
/// and `LANG` that is set and not empty (as POSIX orders them), else English. `env` reads a
/// variable. A `BACKSTEP_LANG` that names no language is an error (`lang.unknown`) listing the
/// three.
pub fn detect(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Result<Lang, String> {
    if let Some(lang) = flag {
        return Ok(lang);
    }
    let set = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    if let Some(v) = set("BACKSTEP_LANG") {
        return Lang::from_code(&v).ok_or_else(|| {
            message(
                "lang.unknown",
                &[
                    ("value", format!("BACKSTEP_LANG={v}")),
                    ("choices", Lang::ALL.map(Lang::code).join(", ")),
                ],
            )
        });
    }
    Ok(["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(set)
        .map_or(Lang::En, |v| Lang::from_locale(&v)))
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Make `lang` the language of everything written from now on.
pub fn set(lang: Lang) {
    CURRENT.store(lang.index(), Ordering::Relaxed);
}

/// The language in force on this thread.
pub fn current() -> Lang {
    OVERRIDE
        .with(Cell::get)
        .unwrap_or_else(|| Lang::from_index(CURRENT.load(Ordering::Relaxed)))
}

/// Run `work` with `lang` as this thread's language (tests render in several at once).
pub fn scoped<T>(lang: Lang, work: impl FnOnce() -> T) -> T {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            OVERRIDE.with(|o| o.set(self.0));
        }
    }
    let _restore = Restore(OVERRIDE.with(|o| o.replace(Some(lang))));
    work()
}

/// The catalogs' sources, compiled in.
pub const CATALOGS: [(Lang, &str); 3] = [
    (Lang::En, include_str!("../assets/i18n/en.toml")),
    (Lang::Zh, include_str!("../assets/i18n/zh.toml")),
    (Lang::Ja, include_str!("../assets/i18n/ja.toml")),
];

type Catalog = HashMap<String, String>;

/// Every message of `source`, keyed by its dotted id. A catalog that does not parse is empty
/// (a test parses each one, so this cannot ship).
pub fn parse_catalog(source: &str) -> Result<Catalog, String> {
    fn walk(prefix: &str, table: &toml::Table, out: &mut Catalog) -> Result<(), String> {
        for (key, value) in table {
            let id = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                toml::Value::String(s) => {
                    out.insert(id, s.clone());
                }
                toml::Value::Table(t) => walk(&id, t, out)?,
                other => return Err(format!("{id}: a message is a string, found {other}")),
            }
        }
        Ok(())
    }
    let table: toml::Table = source.parse().map_err(|e| format!("{e}"))?;
    let mut out = Catalog::new();
    walk("", &table, &mut out)?;
    Ok(out)
}

fn catalog(lang: Lang) -> &'static Catalog {
    static PARSED: OnceLock<[Catalog; 3]> = OnceLock::new();
    let all =
        PARSED.get_or_init(|| CATALOGS.map(|(_, src)| parse_catalog(src).unwrap_or_default()));
    match lang {
        Lang::Zh => &all[1],
        Lang::Ja => &all[2],
        Lang::En | Lang::Pseudo => &all[0],
    }
}

/// The message `id` in the current language with `args` filled in.
pub fn message(id: &str, args: &[(&str, String)]) -> String {
    let lang = current();
    let template = catalog(lang)
        .get(id)
        .or_else(|| catalog(Lang::En).get(id))
        .map_or(id, String::as_str);
    let text = fill(template, args);
    if lang == Lang::Pseudo {
        format!("⟦{text}⟧")
    } else {
        text
    }
}

/// `template` with `{name}` and `{name|one|other}` replaced from `args`; a name not in `args` is
/// left as written.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inside = &rest[open + 1..open + close];
        let mut parts = inside.split('|');
        let name = parts.next().unwrap_or_default();
        match args.iter().find(|(k, _)| *k == name) {
            Some((_, value)) => match (parts.next(), parts.next()) {
                (Some(one), Some(other)) => {
                    out.push_str(if value.trim() == "1" { one } else { other });
                }
                _ => out.push_str(value),
            },
            None => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// A message of the current language: `t!("presets.title")`, or with arguments
/// `t!("check.cells", cells = n, passes = 2 * n)` (each argument is written with `Display`).
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::message($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message($id, &[$((stringify!($name), ($value).to_string())),+])
    };
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_then_backstep_lang_then_the_locale_choose() {
        let env = |pairs: Vec<(&'static str, &'static str)>| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(detect(None, env(vec![])), Ok(Lang::En));
        assert_eq!(
            detect(None, env(vec![("LANG", "zh_CN.UTF-8")])),
            Ok(Lang::Zh)
        );
        assert_eq!(
            detect(None, env(vec![("LANG", "ja_JP.UTF-8")])),
            Ok(Lang::Ja)
        );
        assert_eq!(detect(None, env(vec![("LANG", "C.UTF-8")])), Ok(Lang::En));
        // LC_ALL before LC_MESSAGES before LANG; an empty one is skipped
        let all = [
            ("LC_ALL", "ja_JP"),
            ("LC_MESSAGES", "zh_TW"),
            ("LANG", "en_US"),
        ];
        assert_eq!(
            detect(None, env(vec![all[0], all[1], all[2]])),
            Ok(Lang::Ja)
        );
        assert_eq!(
            detect(None, env(vec![("LC_ALL", ""), all[1], all[2]])),
            Ok(Lang::Zh)
        );
        assert_eq!(
            detect(None, env(vec![("BACKSTEP_LANG", "ja"), all[1]])),
            Ok(Lang::Ja)
        );
        assert_eq!(
            detect(Some(Lang::En), env(vec![("BACKSTEP_LANG", "ja")])),
            Ok(Lang::En)
        );
        let Err(err) = detect(None, env(vec![("BACKSTEP_LANG", "fr")])) else {
            panic!("BACKSTEP_LANG=fr was accepted")
        };
        assert!(
            err.contains("BACKSTEP_LANG=fr") && err.contains("en, zh, ja"),
            "{err}"
        );
    }

    #[test]
    fn arguments_and_english_plurals_are_filled_in() {
        let args = |n: &str| vec![("n", n.to_string()), ("name", "ReLU".to_string())];
        let t = "{name}: {n} {n|cell|cells} blocked";
        assert_eq!(fill(t, &args("1")), "ReLU: 1 cell blocked");
        assert_eq!(fill(t, &args("4")), "ReLU: 4 cells blocked");
        assert_eq!(fill("{missing} stays", &args("1")), "{missing} stays");
        assert_eq!(fill("unclosed {n", &args("1")), "unclosed {n");
    }

    #[test]
    fn scoped_sets_this_threads_language_and_puts_it_back() {
        assert_eq!(current(), Lang::En);
        let inside = scoped(Lang::Ja, || {
            (current(), scoped(Lang::Zh, current), current())
        });
        assert_eq!(inside, (Lang::Ja, Lang::Zh, Lang::Ja));
        assert_eq!(current(), Lang::En);
        assert_eq!(
            scoped(Lang::Pseudo, || message("no.such.id", &[])),
            "⟦no.such.id⟧"
        );
    }
}
