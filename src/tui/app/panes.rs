//! The matrix panes shown at a step: which matrices, under which names, in which row.
//!
//! A [`Pane`] names where its matrix lives in the run ([`Source`]) instead of copying it, so
//! building the panes costs nothing for a 1000×1000 preset.

use crate::engine::graph::{Graph, GraphNode, NodeOp};
use crate::engine::tensor::ImageShape;
use crate::engine::{Kind, Matrix, Op, Phase, Run};
use crate::preset::Preset;
use crate::t;

/// Where a pane's matrix lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The input of layer `l` (for layer 0, the network's x).
    Input(usize),
    /// Parameter `name` of layer `l`.
    Param(usize, &'static str),
    /// The one-hot targets.
    Targets,
    /// The forward output of layer `l`.
    LayerOut(usize),
    /// The gradient that arrived at layer `l`'s output in backward.
    Dout(usize),
    /// The matrix written by tape step `s`.
    StepWrite(usize),
    /// Read operand `i` of tape step `s` (an update step's parameter, gradient and state).
    StepRead(usize, usize),
}

/// The row of the pane grid a pane sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// The layer's input and parameters (or targets).
    Inputs,
    /// Forward results.
    Forward,
    /// Backward gradients.
    Backward,
}

/// One matrix pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pane {
    /// The name shown in its title, the same name the step's operands use (`X`, `dY`, `mask`).
    pub title: String,
    /// What the matrix is (input, parameter, mask, …): panes are matched to a step's operands
    /// by kind, never by title.
    pub kind: Kind,
    /// Where it comes from, in words (`input`, `param`, `from ReLU`, `step 3`).
    pub caption: String,
    /// Where the matrix lives.
    pub source: Source,
    /// Its row in the grid.
    pub band: Band,
    /// True when the current step wrote it.
    pub written: bool,
    /// The index of the current step's read operand it shows, if any.
    pub read: Option<usize>,
    /// The sample shape (C, H, W) when the matrix is a 4-D tensor N×C×H×W (one sample a row):
    /// the pane draws each sample's channels as grids and the cursor moves in (n, c, h, w).
    pub image: Option<ImageShape>,
}

/// The most step results shown per band (older ones drop out on the left).
const MAX_STEP_PANES: usize = 3;

/// The panes for step `index` of `run`.
pub fn panes(preset: &Preset, run: &Run, index: usize) -> Vec<Pane> {
    let Some(step) = run.tape.steps.get(index) else {
        return Vec::new();
    };
    let l = step.layer;
    let Some(layer) = run.layers.get(l) else {
        return Vec::new();
    };
    if step.phase == Phase::Update {
        return update_panes(step, index);
    }
    if matches!(step.op, Op::Decay(_)) {
        return decay_panes(step, index);
    }
    let mut out = Vec::new();
    // A graph's node names its inputs by their sources, as the figure does; a Mul or Add node's
    // second input is one of them, not a parameter.
    let node = preset
        .graph
        .as_ref()
        .filter(|g| !g.chain)
        .and_then(|g| g.nodes.get(l).map(|n| (g, n)));
    let two_inputs = node.is_some_and(|(_, n)| matches!(n.op, NodeOp::Mul | NodeOp::Add));
    // Mul, Add and the one-input primitives (exp, log, reciprocal) write the node's own name.
    let named_out = node.is_some_and(|(_, n)| n.op.names_operands());
    let (input_title, input_caption) = match node {
        Some((g, n)) => graph_input_label(g, n, 0),
        None => input_label(run, l),
    };
    out.push(pane(
        &input_title,
        Kind::Input,
        input_caption,
        Source::Input(l),
        Band::Inputs,
    ));
    if let Some(named) = preset.network.layers.get(l) {
        for (param, _) in named.layer.param_list() {
            let (title, caption) = match node {
                Some((g, n)) if two_inputs => graph_input_label(g, n, 1),
                _ => (param.key().to_string(), t!("explorer-pane-param")),
            };
            out.push(pane(
                &title,
                Kind::Param(param),
                caption,
                Source::Param(l, param.key()),
                Band::Inputs,
            ));
        }
    }
    if layer.kind.is_loss() && run.t.is_some() {
        out.push(pane(
            "t",
            Kind::Targets,
            t!("explorer-pane-targets"),
            Source::Targets,
            Band::Inputs,
        ));
    }
    let step_panes = |range: std::ops::Range<usize>, band: Band| {
        let start = range.start.max((index + 1).saturating_sub(MAX_STEP_PANES));
        (start..=index)
            .filter(|s| range.contains(s))
            .filter_map(|s| {
                let written = &run.tape.steps.get(s)?.writes;
                Some(pane(
                    &written.name,
                    written.kind,
                    t!("explorer-pane-step", k = s + 1),
                    Source::StepWrite(s),
                    band,
                ))
            })
            .collect::<Vec<_>>()
    };
    match step.phase {
        Phase::Forward => out.extend(step_panes(layer.forward_steps.clone(), Band::Forward)),
        Phase::Update => {}
        Phase::Backward => {
            let out_title = match node {
                Some((_, n)) if named_out => n.name.as_str(),
                _ => layer.kind.output_name(),
            };
            out.push(pane(
                out_title,
                Kind::Output,
                t!("explorer-pane-forward"),
                Source::LayerOut(l),
                Band::Forward,
            ));
            if !layer.kind.is_loss() {
                let caption = match node {
                    Some((g, n)) => {
                        let users: Vec<&str> = g
                            .nodes
                            .iter()
                            .filter(|m| m.inputs.contains(&n.name))
                            .map(|m| m.name.as_str())
                            .collect();
                        match users.as_slice() {
                            [] => t!("explorer-pane-starting-gradient"),
                            [one] => t!("explorer-pane-from", source = *one),
                            many => t!("explorer-pane-sum-from", sources = many.join(", ")),
                        }
                    }
                    None => match run.layers.get(l + 1) {
                        Some(next) => t!("explorer-pane-from", source = next.name.as_str()),
                        None => t!("explorer-pane-starting-gradient"),
                    },
                };
                out.push(pane(
                    layer.kind.dout_name(),
                    Kind::Dout,
                    caption,
                    Source::Dout(l),
                    Band::Forward,
                ));
            }
            out.extend(step_panes(layer.backward_steps.clone(), Band::Backward));
        }
    }
    for p in &mut out {
        p.image = image(preset, run, &p.source);
        p.written = p.source == Source::StepWrite(index);
        p.read = if p.written {
            None
        } else {
            step.reads.iter().position(|r| r.kind == p.kind)
        };
    }
    out
}

/// An update step's panes: the parameter (or state) before, the gradient and the optimizer's
/// state it reads, then the new value it wrote.
fn update_panes(step: &crate::engine::Step, index: usize) -> Vec<Pane> {
    let mut out: Vec<Pane> = step
        .reads
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (caption, band) = match r.kind {
                Kind::Grad(_) => (t!("explorer-pane-from-backward"), Band::Forward),
                Kind::State(_) if i > 0 => (t!("explorer-pane-optimizer-state"), Band::Forward),
                _ => (t!("explorer-pane-before-update"), Band::Inputs),
            };
            let mut p = pane(&r.name, r.kind, caption, Source::StepRead(index, i), band);
            p.read = Some(i);
            p
        })
        .collect();
    let mut written = pane(
        &step.writes.name,
        step.writes.kind,
        t!("explorer-pane-new-value", k = index + 1),
        Source::StepWrite(index),
        Band::Backward,
    );
    written.written = true;
    out.push(written);
    out
}

/// A weight-decay step's panes: what it reads (the decay term so far or the data loss, a W, a
/// dW from backward), then what it wrote.
fn decay_panes(step: &crate::engine::Step, index: usize) -> Vec<Pane> {
    let mut out: Vec<Pane> = step
        .reads
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (caption, band) = match r.kind {
                Kind::Param(_) => (t!("explorer-pane-param"), Band::Inputs),
                Kind::Grad(_) => (t!("explorer-pane-from-backward"), Band::Forward),
                Kind::Loss => (t!("ch6c-pane-data-loss"), Band::Forward),
                _ => (t!("ch6c-pane-so-far"), Band::Forward),
            };
            let mut p = pane(&r.name, r.kind, caption, Source::StepRead(index, i), band);
            p.read = Some(i);
            p
        })
        .collect();
    let mut written = pane(
        &step.writes.name,
        step.writes.kind,
        t!("explorer-pane-step", k = index + 1),
        Source::StepWrite(index),
        Band::Backward,
    );
    written.written = true;
    out.push(written);
    out
}

/// The title and caption of layer `l`'s input. Layer 0 reads the network's input, `x` (`X` for
/// an Affine) with the caption `input`. A later layer reads the output of the layer before it:
/// that is titled by its source, `Affine2 out` (as the nudge names its cells), with the caption
/// `read as x`, so a layer's input never takes the network input's name on screen.
pub fn input_label(run: &Run, l: usize) -> (String, String) {
    let Some(layer) = run.layers.get(l) else {
        return ("x".into(), t!("explorer-pane-input"));
    };
    match l.checked_sub(1).and_then(|p| run.layers.get(p)) {
        Some(prev) => (
            format!("{} out", prev.name),
            t!("explorer-pane-read-as", name = layer.kind.input_name()),
        ),
        None => (
            layer.kind.input_name().to_string(),
            t!("explorer-pane-input"),
        ),
    }
}

/// The title and caption of input `k` of a graph's node: the source's name (`apple`, `s`), with
/// `input` for a graph input or `node output` for an earlier node's.
fn graph_input_label(graph: &Graph, node: &GraphNode, k: usize) -> (String, String) {
    let name = node.inputs.get(k).cloned().unwrap_or_default();
    let caption = if graph.input_index(&name).is_some() {
        t!("explorer-pane-input")
    } else {
        t!("explorer-pane-node-output")
    };
    (name, caption)
}

fn pane(title: &str, kind: Kind, caption: String, source: Source, band: Band) -> Pane {
    Pane {
        title: title.to_string(),
        kind,
        caption,
        source,
        band,
        written: false,
        read: None,
        image: None,
    }
}

/// The sample shape of the matrix a source points at, when it is a 4-D tensor.
pub fn image(preset: &Preset, run: &Run, source: &Source) -> Option<ImageShape> {
    let shape = match source {
        Source::Input(l) => run.layers.get(*l)?.input_image,
        Source::LayerOut(l) | Source::Dout(l) => run.layers.get(*l)?.out_image,
        Source::StepWrite(s) => {
            let step = run.tape.steps.get(*s)?;
            step.writes.image.or_else(|| update_image(preset, step))
        }
        Source::StepRead(s, i) => {
            let step = run.tape.steps.get(*s)?;
            step.reads
                .get(*i)?
                .image
                .or_else(|| update_image(preset, step))
        }
        // A convolution's W is FN×C×FH×FW: FN filters, each drawn as its channels' grids.
        Source::Param(l, name) => preset
            .network
            .layers
            .get(*l)?
            .layer
            .param_image(crate::engine::Param::from_key(name)?),
        Source::Targets => None,
    }?;
    // A shape that does not fit the matrix is drawn as rows and columns.
    let cols = matrix(preset, run, source)?.ncols();
    shape.fits(cols).then_some(shape)
}

/// The 4-D shape of every operand of an update step of a convolution's W (the parameter, its
/// gradient, the optimizer's state and the new value all have W's shape).
fn update_image(preset: &Preset, step: &crate::engine::Step) -> Option<ImageShape> {
    if step.phase != Phase::Update {
        return None;
    }
    let param = std::iter::once(&step.writes)
        .chain(&step.reads)
        .find_map(|o| match o.kind {
            Kind::Param(p) | Kind::Grad(p) => Some(p),
            _ => None,
        })?;
    preset
        .network
        .layers
        .get(step.layer)?
        .layer
        .param_image(param)
}

/// The matrix a source points at, if the run has it.
pub fn matrix<'a>(preset: &'a Preset, run: &'a Run, source: &Source) -> Option<&'a Matrix> {
    match source {
        Source::Input(l) => run.layers.get(*l).map(|r| &r.input),
        Source::Param(l, name) => preset
            .network
            .layers
            .get(*l)?
            .layer
            .params()
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, m)| m),
        Source::Targets => run.t.as_ref(),
        Source::LayerOut(l) => run.layers.get(*l).map(|r| &r.out),
        Source::Dout(l) => run.layers.get(*l).map(|r| &r.dout),
        Source::StepWrite(s) => run.tape.steps.get(*s).map(|s| &s.writes.value),
        Source::StepRead(s, i) => run.tape.steps.get(*s)?.reads.get(*i).map(|o| &o.value),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn affine_backward_shows_dout_then_gradients() {
        let preset = Preset::builtin("two-layer").expect("built-in");
        let run = preset.network.run(&preset.inputs).expect("runs");
        // Step 18 (index 17) is Affine2's db step.
        let titles: Vec<String> = panes(&preset, &run, 17)
            .iter()
            .map(|p| p.title.clone())
            .collect();
        assert_eq!(titles, ["ReLU out", "W", "b", "Y", "dY", "dX", "dW", "db"]);
        assert_eq!(panes(&preset, &run, 17)[4].band, Band::Forward);
        let db = panes(&preset, &run, 17);
        assert!(db.iter().any(|p| p.title == "db" && p.written));
        assert!(db.iter().any(|p| p.title == "dY" && p.read == Some(0)));
    }

    #[test]
    fn relu_forward_reads_x_and_its_mask() {
        let preset = Preset::builtin("relu").expect("built-in");
        let run = preset.network.run(&preset.inputs).expect("runs");
        let apply = panes(&preset, &run, 1);
        let titles: Vec<&str> = apply.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["x", "mask", "out"]);
        assert_eq!(apply[0].read, Some(0));
        assert_eq!(apply[1].read, Some(1));
        assert!(apply[2].written);
    }
}
