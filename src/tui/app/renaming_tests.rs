//! Renaming every step label and operand name changes nothing in the explorer's panes and marks
//! (the engine's half of this test is `tests/renaming.rs`).

use super::App;
use crate::engine::Run;
use crate::preset::Preset;
use crate::tui::ui::pane_view;

const MARK: char = '‹';

fn renamed(run: &Run) -> Run {
    let mut run = run.clone();
    for s in &mut run.tape.steps {
        s.label.push(MARK);
        for o in s.reads.iter_mut().chain(std::iter::once(&mut s.writes)) {
            o.name.push(MARK);
        }
    }
    run
}

fn strip(s: impl AsRef<str>) -> String {
    s.as_ref().replace(MARK, "")
}

#[test]
#[allow(clippy::unwrap_used)]
fn the_explorer_panes_and_marks_ignore_names() {
    for name in [
        "two-layer",
        "mask",
        "relu",
        "sigmoid",
        "softmax-loss",
        "apple",
        "dropout",
        "batchnorm",
    ] {
        let preset = Preset::builtin(name).unwrap();
        let mut a = App::new(preset.clone()).unwrap();
        let mut b = App::new(preset).unwrap();
        b.run = renamed(&a.run);
        for k in 0..a.run().tape.len() {
            a.go_to(k);
            b.go_to(k);
            assert_eq!(
                format!("{:?}", a.panes),
                strip(format!("{:?}", b.panes)),
                "{name} step {k}"
            );
            for i in 0..a.panes.len() {
                let (va, vb) = (pane_view(&a, i).unwrap(), pane_view(&b, i).unwrap());
                assert_eq!(
                    format!("{:?}", (va.cells, va.highlight, va.written, va.anchor)),
                    format!("{:?}", (vb.cells, vb.highlight, vb.written, vb.anchor)),
                    "{name} step {k} pane {i} ({})",
                    a.panes[i].title
                );
            }
        }
    }
}
