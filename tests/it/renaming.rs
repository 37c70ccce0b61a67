//! Renaming every step label and every operand's display name changes nothing but that text:
//! views, aids and exports decide by typed roles and kinds, never by a name.

use backstep::engine::Run;
use backstep::lesson::aids::{numpy_line, quiz_question, shape_algebra};
use backstep::preset::{BUILTINS, Preset};
use backstep::report::json::trace_json;
use backstep::report::markdown::step_markdown;
use backstep::tui::App;
use backstep::tui::ui::pane_view;

const MARK: char = '‹';

/// Every label and operand name gets a mark appended (so `mask` is now `mask‹`, `X` is `X‹`).
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
fn renaming_labels_and_operands_changes_only_their_text() {
    let mut steps = 0;
    for b in BUILTINS {
        let preset = Preset::builtin(b.name).unwrap();
        let run = preset.network.run(&preset.inputs).unwrap();
        let other = renamed(&run);
        assert_ne!(run.tape.steps[0].label, other.tape.steps[0].label);
        for (k, (s, t)) in run.tape.steps.iter().zip(&other.tape.steps).enumerate() {
            let at = format!("{} step {k} ({})", b.name, s.label);
            assert_eq!(numpy_line(s), numpy_line(t), "{at}");
            assert_eq!(
                shape_algebra(&run.tape.steps, k),
                shape_algebra(&other.tape.steps, k),
                "{at}"
            );
            assert_eq!(
                strip(format!("{:?}", quiz_question(&run, k, 7))),
                strip(format!("{:?}", quiz_question(&other, k, 7))),
                "{at}"
            );
            for ((r, c), _) in s.writes.value.indexed_iter() {
                assert_eq!(
                    strip(format!("{:?}", s.explain(r, c))),
                    strip(format!("{:?}", t.explain(r, c))),
                    "{at} cell {r},{c}"
                );
            }
            assert_eq!(
                step_markdown(&preset, &run, k).unwrap(),
                strip(step_markdown(&preset, &other, k).unwrap()),
                "{at}"
            );
            steps += 1;
        }
        assert_eq!(
            trace_json(&preset, &run).to_string(),
            strip(trace_json(&preset, &other).to_string()),
            "{}",
            b.name
        );
    }
    assert!(steps > 60, "only {steps} steps compared");
}

#[test]
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
        b.replace_run(renamed(a.run()));
        for k in 0..a.run().tape.len() {
            a.go_to(k);
            b.go_to(k);
            assert_eq!(
                format!("{:?}", a.panes()),
                strip(format!("{:?}", b.panes())),
                "{name} step {k}"
            );
            for i in 0..a.panes().len() {
                let (va, vb) = (pane_view(&a, i).unwrap(), pane_view(&b, i).unwrap());
                assert_eq!(
                    format!("{:?}", (va.cells, va.highlight, va.written, va.anchor)),
                    format!("{:?}", (vb.cells, vb.highlight, vb.written, vb.anchor)),
                    "{name} step {k} pane {i} ({})",
                    a.panes()[i].title
                );
            }
        }
    }
}
