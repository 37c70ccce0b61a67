//! From TOML text to a network and its inputs, with line numbers in every error we can place.

use anyhow::{Result, anyhow, bail, ensure};
use serde::Deserialize;
use toml::{Spanned, Value};

use super::fields::Fields;
use super::matrix::{Vector, matrix, tensor};
use crate::engine::layer::{
    BatchNorm, Convolution, Dropout, Exp, Log, Pooling, Reciprocal, Relu, Sigmoid, Softmax,
    SoftmaxWithLoss, Tanh,
};
use crate::engine::{Inputs, Layer, LayerKind, Matrix, NamedLayer, Network, Targets};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPreset {
    title: Option<String>,
    description: Option<String>,
    x: Option<Spanned<Value>>,
    t: Option<Spanned<Value>>,
    dout: Option<Spanned<Value>>,
    #[serde(default)]
    layers: Vec<Spanned<std::collections::BTreeMap<String, Spanned<Value>>>>,
    train: Option<super::train::RawTrain>,
    compare: Option<super::compare::RawCompare>,
}

/// A `[[layers]]` table: its `type` and `name`, every other field kept with its position.
pub(super) struct RawLayer {
    pub(super) kind: Spanned<String>,
    pub(super) name: Option<String>,
    pub(super) fields: std::collections::BTreeMap<String, Spanned<Value>>,
}

/// What a preset file says, before validation against shapes.
pub struct Parsed {
    pub title: Option<String>,
    pub description: Option<String>,
    pub network: Network,
    /// `None` when the file has no `x` (a `[train]` preset that names a data set).
    pub inputs: Option<Inputs>,
    /// The `[train]` section, checked, before command-line overrides.
    pub train: Option<super::train::TrainSection>,
    /// The `[compare]` section, checked.
    pub compare: Option<super::compare::Vary>,
}

/// `line L, column C` of a byte offset.
pub(super) fn position(text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    format!("line {line}, column {column}")
}

pub(super) fn field<T>(text: &str, v: &Spanned<T>) -> String {
    position(text, v.span().start)
}

/// Parse preset text; `init` (from `--init`) draws every Affine W that way, before the
/// `[train] init`. Errors carry the line and column where they can.
pub fn parse(text: &str, init: Option<super::Init>) -> Result<Parsed> {
    let raw: RawPreset = toml::from_str(text).map_err(|e| {
        let msg = e.message().to_string();
        match e.span() {
            Some(span) => {
                let why = oversized_integer(text, span.start)
                    .or_else(|| overflowed_float(text, span.start, &msg))
                    .unwrap_or_else(|| explain_toml(&msg));
                anyhow!("{}: {why}", position(text, span.start))
            }
            None => anyhow!("{}", explain_toml(&msg)),
        }
    })?;
    let train = match &raw.train {
        Some(t) => Some(t.resolve(&|span| position(text, span.start))?),
        None => None,
    };
    let compare = match &raw.compare {
        Some(c) => Some(c.resolve(&|span| position(text, span.start))?),
        None => None,
    };
    let x = match &raw.x {
        Some(x) => Some(
            tensor(x.get_ref(), "x", Vector::Reject)
                .map_err(|e| anyhow!("{}: {e}", field(text, x)))?,
        ),
        None => {
            ensure!(
                train.is_some(),
                "missing field `x`: give the input batch, like x = [[1.0, 2.0]] (only a preset whose [train] section names a data set may leave it out)"
            );
            ensure!(
                raw.t.is_none() && raw.dout.is_none(),
                "t or dout is given but x is not: give x too"
            );
            None
        }
    };
    let (t, dout) = targets_and_dout(text, raw.t.as_ref(), raw.dout.as_ref())?;
    ensure!(
        !raw.layers.is_empty(),
        "the preset has no layers: add at least one [[layers]] table with a type"
    );
    let raw_layers = raw
        .layers
        .iter()
        .enumerate()
        .map(|(i, l)| raw_layer(text, i, l))
        .collect::<Result<Vec<RawLayer>>>()?;
    let kinds: Vec<Option<LayerKind>> = raw_layers
        .iter()
        .map(|l| LayerKind::parse(l.kind.get_ref()))
        .collect();
    let mut layers = Vec::with_capacity(raw_layers.len());
    let mut counters = std::collections::HashMap::new();
    for (i, l) in raw_layers.into_iter().enumerate() {
        let at = field(text, &l.kind);
        let kind = kinds[i].ok_or_else(|| {
            let valid: Vec<&str> = LayerKind::ALL.iter().map(|k| k.as_str()).collect();
            anyhow!(
                "{at}: unknown layer type \"{}\": valid types are {}",
                l.kind.get_ref(),
                valid.join(", ")
            )
        })?;
        let mut fields = Fields::new(text, at.clone(), kind.as_str(), l.fields)
            .with_init(init.or(train.as_ref().and_then(|t| t.init)));
        let layer = build_layer(kind, &mut fields)
            .and_then(|layer| fields.finish().map(|()| layer))
            .map_err(|e| anyhow!("layer {} ({}): {e}", i + 1, kind.as_str()))?;
        let name = match &l.name {
            Some(n) => {
                ensure!(
                    !n.trim().is_empty(),
                    "{at}: layer {} has an empty name",
                    i + 1
                );
                n.clone()
            }
            None => {
                let same = kinds.iter().filter(|k| **k == Some(kind)).count();
                let c = counters.entry(kind).or_insert(0);
                *c += 1;
                if same > 1 || kind.numbered() {
                    format!("{}{}", kind.display(), c)
                } else {
                    kind.display().to_string()
                }
            }
        };
        ensure!(
            !layers.iter().any(|n: &NamedLayer| n.name == name),
            "{at}: two layers are named \"{name}\": give each a unique name"
        );
        layers.push(NamedLayer { name, layer });
    }
    let mut network = Network { layers };
    let image = x.as_ref().and_then(|(_, image)| *image);
    if x.is_some() {
        network.resolve_images(image)?;
    }
    Ok(Parsed {
        title: raw.title,
        description: raw.description,
        network,
        inputs: x.map(|(x, image)| Inputs { x, image, t, dout }),
        train,
        compare,
    })
}

/// The message for a whole number too large for TOML (beyond 64 bits) written at byte `start`,
/// or `None` when the text there is something else. The TOML parser rejects such a literal with
/// an internal type error; this reads the literal itself and names the key it belongs to.
fn oversized_integer(text: &str, start: usize) -> Option<String> {
    let rest = text.get(start..)?;
    let literal: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'))
        .collect();
    let digits = literal.replace('_', "");
    let unsigned = digits.trim_start_matches(['+', '-']);
    let (radix, body) = match unsigned.get(..2) {
        Some("0x") => (16, &unsigned[2..]),
        Some("0o") => (8, &unsigned[2..]),
        Some("0b") => (2, &unsigned[2..]),
        _ => (10, unsigned),
    };
    let overflows = matches!(
        i64::from_str_radix(body, radix).map_err(|e| *e.kind()),
        Err(std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow)
    );
    if !overflows || body.is_empty() {
        return None;
    }
    let key = text[..start]
        .rsplit_once('=')
        .map(|(before, _)| {
            before
                .trim_end()
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '"')))
                .next()
                .unwrap_or("")
                .trim_matches('"')
        })
        .filter(|k| !k.is_empty());
    let range = format!("{} to {}", i64::MIN, i64::MAX);
    Some(match key {
        Some(SEED_KEY) => format!(
            "seed = {literal} is out of range: a seed must be a whole number from 0 to {}",
            i64::MAX
        ),
        Some(key) => format!(
            "{key}: {literal} is out of range for a whole number ({range}); write a float, like 1e21, if you mean a value"
        ),
        None => format!(
            "{literal} is out of range for a whole number ({range}); write a float, like 1e21, if you mean a value"
        ),
    })
}

/// The TOML parser's message for a float beyond f64 (`1e309`).
const FLOAT_OVERFLOW: &str = "floating-point number overflowed";

/// The message for a float too large for f64 written at byte `start` (`1e309`: the TOML parser
/// says "floating-point number overflowed"), naming the literal; `None` for any other error.
fn overflowed_float(text: &str, start: usize, msg: &str) -> Option<String> {
    if msg.trim() != FLOAT_OVERFLOW {
        return None;
    }
    let literal: String = text
        .get(start..)?
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-' | '.'))
        .collect();
    Some(format!(
        "{literal} is {}: give a finite number",
        crate::i18n::format::not_finite(f64::INFINITY)
    ))
}

/// The key of a generator's seed.
const SEED_KEY: &str = "seed";

pub(super) fn explain_toml(msg: &str) -> String {
    let msg = msg.trim();
    if msg == FLOAT_OVERFLOW {
        format!(
            "a number here is {}: give a finite number",
            crate::i18n::format::not_finite(f64::INFINITY)
        )
    } else if msg.starts_with("unknown field") {
        format!(
            "{msg} (a preset has title, description, x, t, dout and [[layers]]; a layer has type, name and its own fields)"
        )
    } else {
        msg.to_string()
    }
}

/// Split a `[[layers]]` table into its type, its name and the rest.
pub(super) fn raw_layer(
    text: &str,
    i: usize,
    table: &Spanned<std::collections::BTreeMap<String, Spanned<Value>>>,
) -> Result<RawLayer> {
    let mut fields = table.get_ref().clone();
    let at = field(text, table);
    let kind = match fields.remove("type") {
        Some(v) => match v.get_ref() {
            Value::String(s) => Spanned::new(v.span(), s.clone()),
            other => bail!(
                "{}: layer {}: type must be a string like \"relu\", found {}",
                field(text, &v),
                i + 1,
                other.type_str()
            ),
        },
        None => bail!("{at}: layer {}: missing field `type`", i + 1),
    };
    let name = match fields.remove("name") {
        Some(v) => match v.get_ref() {
            Value::String(s) => Some(s.clone()),
            other => bail!(
                "{}: layer {}: name must be a string, found {}",
                field(text, &v),
                i + 1,
                other.type_str()
            ),
        },
        None => None,
    };
    Ok(RawLayer { kind, name, fields })
}

/// One arm per layer type: read its fields (each error carries the field's line and column).
pub(super) fn build_layer(kind: LayerKind, f: &mut Fields<'_>) -> Result<Layer> {
    Ok(match kind {
        LayerKind::Affine => {
            let w = f.weights(&["W", "w"], "W (a D×H matrix)")?;
            Layer::affine(w, f.vector("b", "b (H values)")?)
        }
        LayerKind::Mul => Layer::mul(f.matrix("w", "w (x's shape or 1×1)", Vector::Reject)?),
        LayerKind::Add => Layer::add(f.matrix("b", "b (x's shape or 1×1)", Vector::Reject)?),
        LayerKind::Relu => Layer::Relu(Relu),
        LayerKind::Sigmoid => Layer::Sigmoid(Sigmoid),
        LayerKind::Tanh => Layer::Tanh(Tanh),
        LayerKind::Exp => Layer::Exp(Exp::default()),
        LayerKind::Log => Layer::Log(Log::default()),
        LayerKind::Reciprocal => Layer::Reciprocal(Reciprocal::default()),
        LayerKind::Softmax => Layer::Softmax(Softmax),
        LayerKind::SoftmaxWithLoss => Layer::SoftmaxWithLoss(SoftmaxWithLoss),
        LayerKind::Dropout => Layer::Dropout(Dropout::new(
            f.number("ratio", 0.5)?,
            f.seed("seed", 0)?,
            f.flag("train", true)?,
        )?),
        LayerKind::Convolution => {
            let (w, filter) = f.tensor("W", "W (FN×C×FH×FW)")?;
            let b = f.vector("b", "b (FN values)")?;
            Layer::Convolution(Convolution::new(
                w,
                b,
                filter,
                f.count("stride", 1)?,
                f.count("pad", 0)?,
            ))
        }
        LayerKind::Pooling => Layer::Pooling(Pooling::new(
            f.size("pool_h", "pool_h (the window's height)")?,
            f.size("pool_w", "pool_w (the window's width)")?,
            f.count("stride", 1)?,
        )),
        LayerKind::BatchNorm => {
            let gamma = f.vector("gamma", "gamma (one value per column)")?;
            let beta = f.vector("beta", "beta (one value per column)")?;
            let d = gamma.ncols();
            Layer::BatchNorm(BatchNorm {
                momentum: f.number("momentum", 0.9)?,
                running_mean: f
                    .opt_vector("running_mean")?
                    .unwrap_or_else(|| Matrix::zeros((1, d))),
                running_var: f
                    .opt_vector("running_var")?
                    .unwrap_or_else(|| Matrix::ones((1, d))),
                train: f.flag("train", true)?,
                gamma,
                beta,
            })
        }
    })
}

/// The top-level `t` and `dout` of a chain or a graph preset, errors at their line.
pub(super) fn targets_and_dout(
    text: &str,
    t: Option<&Spanned<Value>>,
    dout: Option<&Spanned<Value>>,
) -> Result<(Option<Targets>, Option<Matrix>)> {
    let t = match t {
        Some(t) => Some(targets(t.get_ref()).map_err(|e| anyhow!("{}: {e}", field(text, t)))?),
        None => None,
    };
    let dout = match dout {
        Some(d) => Some(
            tensor(d.get_ref(), "dout", Vector::Reject)
                .map(|(m, _)| m)
                .map_err(|e| anyhow!("{}: {e}", field(text, d)))?,
        ),
        None => None,
    };
    Ok((t, dout))
}

pub(super) fn targets(v: &Value) -> Result<Targets> {
    if let Value::Table(t) = v {
        return match t.get("random") {
            Some(Value::String(kind)) if kind == "labels" => {
                Ok(Targets::Labels(super::matrix::labels(t, "t")?))
            }
            Some(Value::String(kind)) if kind == "normal" || kind == "uniform" => bail!(
                "t: random = \"{kind}\" draws numbers, not class labels: generate labels with {{ random = \"labels\", classes = 10, shape = [100], seed = 3 }}, or list them"
            ),
            _ => bail!(
                "t: a generator of labels is {{ random = \"labels\", classes = 10, shape = [100], seed = 3 }}"
            ),
        };
    }
    let Value::Array(items) = v else {
        bail!(
            "t must be a list of class labels like [1, 0], one-hot rows like [[0, 1], [1, 0]], or a label generator like {{ random = \"labels\", classes = 10, shape = [100], seed = 3 }}"
        )
    };
    ensure!(!items.is_empty(), "t is empty: give one label per row of x");
    if items.iter().all(|i| matches!(i, Value::Array(_))) {
        return Ok(Targets::OneHot(matrix(v, "t", Vector::Reject)?));
    }
    let labels = items
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::Integer(k) if *k >= 0 => Ok(*k as usize),
            _ => bail!("t[{i}] is {v}: as a flat list, t holds class labels (whole numbers from 0); for one-hot rows write [[0, 1], [1, 0]]"),
        })
        .collect::<Result<Vec<usize>>>()?;
    Ok(Targets::Labels(labels))
}
