//! The explorer in 中文 and 日本語 at 80×24 and 120×36: the main screens as snapshots (read
//! before accepting: the numbers are the English screens' numbers), and no wide character cut
//! in half on any of them.

use crate::support::driver::{press, screen};
use crate::support::words::{cut_characters, without_wide_notes};

use std::time::Duration;

use backstep::i18n::{self, Lang};
use backstep::preset::Preset;
use backstep::tui::app::App;
use backstep::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 36)];

/// The two-layer net at step `k` (1-based), without colour.
fn two_layer_at(k: usize) -> App {
    let mut app = App::new(Preset::builtin("two-layer").unwrap()).unwrap();
    app.set_theme(Theme { colour: false });
    app.set_check_times(Duration::from_micros(750), Duration::from_micros(25));
    for _ in 1..k {
        press(&mut app, KeyCode::Right);
    }
    app
}

/// Snapshot `app` in `lang` at both sizes under `name`, checking no character is cut.
fn snap(lang: Lang, name: &str, app: impl Fn() -> App) {
    i18n::scoped(lang, || {
        let app = app();
        for (w, h) in SIZES {
            let text = screen(&app, w, h);
            assert!(cut_characters(&text).is_empty(), "{name} {w}×{h}:\n{text}");
            insta::assert_snapshot!(
                format!("{name}_{}_{w}x{h}", lang.code()),
                without_wide_notes(&text)
            );
        }
    });
}

#[test]
fn the_explorer_in_chinese_and_japanese() {
    for lang in [Lang::Zh, Lang::Ja] {
        // a forward step (Affine1's X·W) and a backward step (ReLU's mask applied to dout)
        snap(lang, "two_layer_forward", || two_layer_at(1));
        snap(lang, "two_layer_backward", || two_layer_at(17));
        snap(lang, "two_layer_help", || {
            let mut app = two_layer_at(1);
            press(&mut app, KeyCode::Char('?'));
            app
        });
    }
}

/// The inspector on the relu preset's mask step, 80×24: its heading, the mask's caption and the
/// `out` caption in the learner's words, the numbers and True/False as in English.
#[test]
fn the_inspector_in_chinese_and_japanese() {
    for lang in [Lang::Zh, Lang::Ja] {
        i18n::scoped(lang, || {
            let mut app = App::new(Preset::builtin("relu").unwrap()).unwrap();
            app.set_theme(Theme { colour: false });
            let text = screen(&app, 80, 24);
            assert!(cut_characters(&text).is_empty(), "{lang:?}:\n{text}");
            // the inspector's heading is the catalog's, not English
            assert!(!text.contains("ReLU mask: True"), "{lang:?}:\n{text}");
            insta::assert_snapshot!(
                format!("relu_inspector_{}_80x24", lang.code()),
                without_wide_notes(&text)
            );
        });
    }
    // the English screen says it in English (the same frame, so the test can fail)
    let app = App::new(Preset::builtin("relu").unwrap()).unwrap();
    assert!(screen(&app, 80, 24).contains("ReLU mask: True (■) where x ≤ 0"));
}
