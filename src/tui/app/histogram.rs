//! The histogram screen's state and keys (`backstep histogram` on a terminal): the histograms of
//! every hidden activation layer, computed before the screen opens. `i` redraws every Affine W
//! with the next initial weights (the preset's own, std 0.01, Xavier, He: Figs. 6-10 to 6-14 one
//! key apart) and counts again; `?` shows the keys; `Esc` and `q` leave.

use super::{App, Mode};
use crate::engine::histogram::LayerHistogram;
use crate::preset::histogram::Histograms;
use crate::preset::{Init, Preset, Source, TrainOverrides, builtin_source};
use crate::t;
use crate::tui::action::Action;

/// The initial weights `i` steps through, in order: the preset's own, then the book's three.
pub const INITS: [Option<Init>; 4] = [
    None,
    Some(Init::Std(0.01)),
    Some(Init::Xavier),
    Some(Init::He),
];

/// The preset's text and where it came from, so `i` can read it again with another `--init`
/// without touching a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Reload {
    /// The TOML text.
    pub text: String,
    /// Where it came from (errors name it).
    pub source: Source,
}

/// Everything the histogram screen shows, as plain values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistogramView {
    /// The preset's name, e.g. `init-sigmoid`.
    pub preset: String,
    /// The preset's title.
    pub title: String,
    /// `--init`, when given.
    pub init: Option<Init>,
    /// Input rows sent through the network.
    pub samples: usize,
    /// One per hidden activation layer, in order.
    pub layers: Vec<LayerHistogram>,
    /// The preset's text for `i`; `None` for a preset with `[train]` (its data would be loaded
    /// again) or one whose text is not at hand.
    pub reload: Option<Reload>,
}

impl HistogramView {
    /// The view of `histograms`, made from `preset` drawn with `init`. A built-in without
    /// `[train]` can be redrawn with `i`; give a file's text with [`HistogramView::with_text`].
    pub fn of(preset: &Preset, init: Option<Init>, histograms: Histograms) -> HistogramView {
        let reload = match &preset.source {
            Source::Builtin(name) if preset.training.is_none() => {
                builtin_source(name).map(|text| Reload {
                    text: text.to_string(),
                    source: preset.source.clone(),
                })
            }
            _ => None,
        };
        HistogramView {
            preset: preset.name.clone(),
            title: preset.title.clone(),
            init,
            samples: histograms.samples,
            layers: histograms.layers,
            reload,
        }
    }

    /// The view with the preset file's `text`, so `i` can redraw it (ignored for a preset with
    /// `[train]`).
    pub fn with_text(mut self, preset: &Preset, text: String) -> HistogramView {
        if preset.training.is_none() {
            self.reload = Some(Reload {
                text,
                source: preset.source.clone(),
            });
        }
        self
    }
}

/// The init after `now` in [`INITS`].
pub fn next_init(now: Option<Init>) -> Option<Init> {
    let at = INITS.iter().position(|i| *i == now).map_or(0, |k| k + 1);
    INITS[at % INITS.len()]
}

impl App {
    /// Open the histogram screen on `view`.
    pub fn open_histogram(&mut self, view: HistogramView) {
        self.histogram = Some(Box::new(view));
        self.mode = Mode::Histogram;
    }

    /// The histogram view, when the histogram screen (or the help over it) is up.
    pub fn histogram_view(&self) -> Option<&HistogramView> {
        let over = match &self.mode {
            Mode::Histogram => true,
            Mode::Help(view) => view.over == Some(crate::tui::keymap::Context::Histogram),
            _ => false,
        };
        over.then_some(self.histogram.as_deref()).flatten()
    }

    /// An action on the histogram screen: `i` redraws with the next initial weights, `?` opens
    /// the help, `Esc` leaves (there is nothing behind this screen), anything else is ignored.
    pub(super) fn histogram_key(&mut self, action: Action) {
        self.mode = Mode::Histogram;
        match action {
            Action::NextInit => self.next_histogram_init(),
            Action::Help => self.open_help(),
            Action::Back => self.mode = Mode::Quit,
            _ => {}
        }
    }

    /// Read the preset again with the next init and count again; an error (a W written out as
    /// numbers has no generator to redraw) is shown and nothing changes.
    fn next_histogram_init(&mut self) {
        let Some(view) = self.histogram.as_mut() else {
            return;
        };
        let Some(reload) = view.reload.clone() else {
            self.status = Some(t!(
                "hist-no-reload",
                key = crate::tui::keymap::key_for(
                    crate::tui::keymap::Context::Histogram,
                    &Action::NextInit
                )
            ));
            return;
        };
        let init = next_init(view.init);
        let overrides = TrainOverrides {
            init,
            ..TrainOverrides::default()
        };
        let redrawn = Preset::from_toml_with(&reload.text, reload.source.clone(), &overrides)
            .and_then(|p| p.histograms().map(|h| (p, h)));
        match redrawn {
            Ok((preset, h)) => {
                **view = HistogramView::of(&preset, init, h);
                view.reload = Some(reload);
                self.status = Some(match init {
                    Some(i) => t!("hist-init-flag", init = i.to_string()),
                    None => t!("hist-init-preset"),
                });
            }
            Err(e) => self.status = Some(format!("{e:#}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn i_steps_through_the_books_inits_and_back() {
        assert_eq!(next_init(None), Some(Init::Std(0.01)));
        assert_eq!(next_init(Some(Init::Std(0.01))), Some(Init::Xavier));
        assert_eq!(next_init(Some(Init::Xavier)), Some(Init::He));
        assert_eq!(next_init(Some(Init::He)), None);
        // an init given on the command line that is not in the list starts it over
        assert_eq!(next_init(Some(Init::Std(2.0))), None);
    }
}
