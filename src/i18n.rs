//! The learner's language: English, 中文 or 日本語, from embedded message catalogs.
//!
//! Every sentence a person reads is a message with an id (`presets-summary-relu`), looked up in
//! the catalog of the current language (`assets/i18n/{en,zh,ja}.ftl`, Project Fluent's format,
//! compiled in) with its arguments filled in: `{ $name }` is the argument, and
//! `{ $n -> [one] … *[other] … }` picks the plural form by each language's own rules (CLDR's,
//! through `fluent-bundle`). Numbers are written by backstep's rules ([`format`]) before they are
//! shown, so every language shows the same digits. A message missing from a catalog falls back to
//! English. [`t!`](crate::t) writes a message now; [`msg!`](crate::msg) keeps it as a [`Msg`]
//! (what the engine records in a step) to be written in the language of the moment it is shown.
//!
//! The language is chosen once, before anything is written ([`set`], from `--lang`,
//! `BACKSTEP_LANG` or the locale: [`detect`]); [`scoped`] overrides it on one thread, for tests.
//! This module sits below every other: it imports nothing from the crate.

pub mod format;

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::atomic::{AtomicU8, Ordering};
use unic_langid::LanguageIdentifier;

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
                "lang-unknown",
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

/// The catalogs' sources, compiled in: Fluent files (`assets/i18n/{en,zh,ja}.ftl`).
pub const CATALOGS: [(Lang, &str); 3] = [
    (Lang::En, include_str!("../assets/i18n/en.ftl")),
    (Lang::Zh, include_str!("../assets/i18n/zh.ftl")),
    (Lang::Ja, include_str!("../assets/i18n/ja.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang, source: &str) -> Bundle {
    let id: LanguageIdentifier = match lang {
        Lang::Zh => "zh",
        Lang::Ja => "ja",
        Lang::En | Lang::Pseudo => "en",
    }
    .parse()
    .unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // the placeholders' text is never right-to-left: no Unicode isolation marks around it
    bundle.set_use_isolating(false);
    // a catalog that does not parse keeps the messages that do (a test parses each one clean,
    // so a broken one cannot ship)
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(res, _)| res);
    let _ = bundle.add_resource(resource);
    bundle
}

fn bundles() -> &'static [Bundle; 3] {
    static BUNDLES: OnceLock<[Bundle; 3]> = OnceLock::new();
    BUNDLES.get_or_init(|| CATALOGS.map(|(lang, src)| bundle(lang, src)))
}

fn bundle_of(lang: Lang) -> &'static Bundle {
    let all = bundles();
    match lang {
        Lang::Zh => &all[1],
        Lang::Ja => &all[2],
        Lang::En | Lang::Pseudo => &all[0],
    }
}

/// Every message id of a catalog's source with the arguments (`$name`) its text uses, or the
/// first syntax error (tests check the catalogs with it).
pub fn catalog_entries(source: &str) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    use fluent_syntax::ast;
    fn walk_pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &p.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                walk_expression(expression, out);
            }
        }
    }
    fn walk_inline(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => walk_expression(expression, out),
            _ => {}
        }
    }
    fn walk_expression(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                walk_inline(selector, out);
                for v in variants {
                    walk_pattern(&v.value, out);
                }
            }
            ast::Expression::Inline(inline) => walk_inline(inline, out),
        }
    }
    let resource = fluent_syntax::parser::parse(source)
        .map_err(|(_, errors)| errors.first().map(|e| format!("{e:?}")).unwrap_or_default())?;
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut args = BTreeSet::new();
            if let Some(p) = &m.value {
                walk_pattern(p, &mut args);
            }
            if out.insert(m.id.name.to_string(), args).is_some() {
                return Err(format!("{} is defined twice", m.id.name));
            }
        }
    }
    Ok(out)
}

/// An argument of a message: a text as it is, an integer (which also chooses a plural form) or a
/// number, written by backstep's rule ([`format::short`]: `2.2`, `110`, `-0.5`, `4.8e-5`).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, shown as it is (a name, a cell, a formatted matrix).
    Text(String),
    /// A count: shown as its digits and used to pick `[one]` or `*[other]`.
    Int(i64),
    /// A number, shown by [`format::short`].
    Num(f64),
    /// Another message, written in the language of the moment when this one is (a clause a
    /// note appends, such as a graph node's partial derivative).
    Msg(Box<Msg>),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(v.to_string())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(v.clone())
    }
}
impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(v: std::borrow::Cow<'_, str>) -> Arg {
        Arg::Text(v.into_owned())
    }
}
impl From<f64> for Arg {
    fn from(v: f64) -> Arg {
        Arg::Num(v)
    }
}
impl From<Msg> for Arg {
    fn from(v: Msg) -> Arg {
        Arg::Msg(Box::new(v))
    }
}
macro_rules! int_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::Int(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_args!(usize, u64, u32, u16, u8, i64, i32, isize);

impl Arg {
    fn value(&self) -> FluentValue<'_> {
        match self {
            Arg::Text(s) => FluentValue::from(s.as_str()),
            Arg::Int(n) => FluentValue::from(*n),
            Arg::Num(v) => FluentValue::from(format::short(*v)),
            Arg::Msg(m) => FluentValue::from(m.render()),
        }
    }
}

/// A message not yet written: its id and arguments. The engine keeps these in its steps, and
/// whoever shows one renders it ([`Display`](std::fmt::Display)) in the language of that moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    /// The message id in the catalogs (`presets-summary-relu`).
    pub id: Cow<'static, str>,
    /// The arguments by name.
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    /// A message with no arguments yet.
    pub fn new(id: impl Into<Cow<'static, str>>) -> Msg {
        Msg {
            id: id.into(),
            args: Vec::new(),
        }
    }

    /// This message with one more argument.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// The message in the current language.
    pub fn render(&self) -> String {
        render(&self.id, &self.args)
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

/// The message `id` in the current language with `args` filled in. A message missing from the
/// current catalog falls back to English, and one missing from every catalog shows its id (a
/// test checks that every id used exists).
pub fn render(id: &str, args: &[(&'static str, Arg)]) -> String {
    let lang = current();
    let found = bundle_of(lang)
        .get_message(id)
        .map(|m| (bundle_of(lang), m))
        .or_else(|| {
            let en = bundle_of(Lang::En);
            en.get_message(id).map(|m| (en, m))
        });
    let text = match found.and_then(|(b, m)| m.value().map(|p| (b, p))) {
        Some((bundle, pattern)) => {
            let mut fluent_args = FluentArgs::with_capacity(args.len());
            for (name, value) in args {
                fluent_args.set(*name, value.value());
            }
            let mut errors = Vec::new();
            bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned()
        }
        None => id.to_string(),
    };
    if lang == Lang::Pseudo {
        format!("⟦{text}⟧")
    } else {
        text
    }
}

/// The message `id` in the current language with text arguments (each written with `Display`).
pub fn message(id: &str, args: &[(&'static str, String)]) -> String {
    let args: Vec<(&'static str, Arg)> = args
        .iter()
        .map(|(k, v)| (*k, Arg::Text(v.clone())))
        .collect();
    render(id, &args)
}

/// A message of the current language as a `String`: `t!("presets-title")`, or with arguments
/// `t!("check-cells", cells = n, name = "dW")` (integers pick plurals, `f64`s are written by
/// backstep's rule, anything else is text: see [`Arg`]).
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::render($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::render($id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

/// A message kept to be written later (see [`Msg`]): `msg!("relu-mask-note", blocked = n)`.
#[macro_export]
macro_rules! msg {
    ($id:literal) => {
        $crate::i18n::Msg::new($id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Msg {
            id: ::std::borrow::Cow::Borrowed($id),
            args: vec![$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        }
    };
}

/// Why a file could not be read or written, in the current language: the common kinds of
/// [`std::io::Error`] (no such file, permission denied, a folder where a file was expected, a
/// file that ends too early…) from the catalogs; any other as the system words it, after a
/// lead in the language.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => crate::t!("perr-io-not-found"),
        K::PermissionDenied => crate::t!("perr-io-permission"),
        K::IsADirectory => crate::t!("perr-io-is-directory"),
        K::NotADirectory => crate::t!("perr-io-not-directory"),
        K::InvalidData => crate::t!("perr-io-invalid-data"),
        K::UnexpectedEof => crate::t!("perr-io-unexpected-eof"),
        K::FileTooLarge => crate::t!("perr-io-too-large"),
        K::InvalidFilename => crate::t!("perr-io-name-too-long"),
        K::ResourceBusy | K::ExecutableFileBusy | K::WouldBlock => crate::t!("perr-io-busy"),
        K::Interrupted => crate::t!("perr-io-interrupted"),
        K::StorageFull | K::QuotaExceeded => crate::t!("perr-io-storage-full"),
        K::ReadOnlyFilesystem => crate::t!("perr-io-read-only"),
        K::AlreadyExists => crate::t!("perr-io-exists"),
        K::OutOfMemory => crate::t!("perr-io-out-of-memory"),
        _ => crate::t!("perr-io-other", reason = e.to_string()),
    }
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_are_said_in_the_language_and_others_keep_the_systems_words() {
        use std::io::{Error, ErrorKind};
        scoped(Lang::Zh, || {
            let reason = |kind: ErrorKind| io_reason(&Error::from(kind));
            assert_eq!(reason(ErrorKind::IsADirectory), "这是文件夹，不是文件");
            assert_eq!(
                reason(ErrorKind::NotADirectory),
                "路径中有一部分是文件，不是文件夹"
            );
            assert_eq!(reason(ErrorKind::InvalidData), "文件的内容无效");
            assert_eq!(reason(ErrorKind::UnexpectedEof), "文件提前结束了");
            assert_eq!(reason(ErrorKind::NotFound), "没有这个文件或文件夹");
            assert_eq!(
                io_reason(&Error::other("disk on fire")),
                "系统报告：disk on fire"
            );
        });
    }

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
    fn arguments_and_plurals_are_filled_in_per_language() {
        let m = |lang, v| {
            scoped(lang, || {
                Msg::new("lang-unknown")
                    .arg("value", v)
                    .arg("choices", "en, zh, ja")
                    .render()
            })
        };
        assert_eq!(
            m(Lang::En, "fr"),
            "fr is not a language backstep speaks: use en, zh, ja"
        );
        assert!(m(Lang::Zh, "fr").contains("fr"), "{}", m(Lang::Zh, "fr"));
        // a number is written by backstep's rule; no isolation marks around arguments
        let n = crate::msg!("lang-unknown", value = 0.5, choices = 3usize).render();
        assert_eq!(n, "0.5 is not a language backstep speaks: use 3");
        assert!(!n.contains('\u{2068}'));
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
            scoped(Lang::Pseudo, || message("no-such-id", &[])),
            "⟦no-such-id⟧"
        );
    }
}
