//! From TOML text to a network and its inputs, with line numbers in every error we can place.

use anyhow::{Result, anyhow, bail, ensure};
use serde::Deserialize;
use toml::{Spanned, Value};

use super::fields::Fields;
use super::matrix::{Vector, matrix, tensor, type_words};
use crate::engine::layer::{
    BatchNorm, Convolution, Dropout, Exp, Log, Pooling, Reciprocal, Relu, Sigmoid, Softmax,
    SoftmaxWithLoss, Tanh,
};
use crate::engine::{Inputs, Layer, LayerKind, Matrix, NamedLayer, Network, Targets};
use crate::t;

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
    /// The first layer's W when that layer is an Affine whose W is a table (a generator or a
    /// fill): a data set of another width redraws it with as many rows ([`refit_weights`]).
    pub first_weights: Option<Value>,
}

/// A first Affine's W table redrawn for `rows` inputs: the same columns, random numbers (from its
/// seed) and init (He's √(2/n) follows the new n; a fixed `scale` stays).
pub fn refit_weights(table: &Value, rows: usize, init: Option<super::Init>) -> Result<Matrix> {
    let mut t = table.clone();
    if let Value::Table(map) = &mut t {
        let cols = match map.get("shape") {
            Some(Value::Array(a)) => a.get(1).cloned(),
            _ => None,
        };
        if let Some(cols) = cols {
            let rows = i64::try_from(rows).unwrap_or(i64::MAX);
            map.insert(
                "shape".into(),
                Value::Array(vec![Value::Integer(rows), cols]),
            );
        }
    }
    super::matrix::weights(&t, "W", init)
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
    t!(
        "perr-at",
        line = line.to_string(),
        column = column.to_string()
    )
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
                    .unwrap_or_else(|| explain_toml(&msg, false));
                anyhow!("{}: {why}", position(text, span.start))
            }
            None => anyhow!("{}", explain_toml(&msg, false)),
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
            ensure!(train.is_some(), t!("perr-x-missing"));
            ensure!(
                raw.t.is_none() && raw.dout.is_none(),
                t!("perr-x-missing-with-t")
            );
            None
        }
    };
    let (t, dout) = targets_and_dout(text, raw.t.as_ref(), raw.dout.as_ref())?;
    ensure!(!raw.layers.is_empty(), t!("perr-no-layers"));
    let raw_layers = raw
        .layers
        .iter()
        .enumerate()
        .map(|(i, l)| raw_layer(text, i, l, false))
        .collect::<Result<Vec<RawLayer>>>()?;
    let kinds: Vec<Option<LayerKind>> = raw_layers
        .iter()
        .map(|l| LayerKind::parse(l.kind.get_ref()))
        .collect();
    let first_weights = raw_layers
        .first()
        .filter(|_| kinds.first().copied().flatten() == Some(LayerKind::Affine))
        .and_then(|l| l.fields.get("W").or_else(|| l.fields.get("w")))
        .map(|v| v.get_ref().clone())
        .filter(Value::is_table);
    let mut layers = Vec::with_capacity(raw_layers.len());
    let mut counters = std::collections::HashMap::new();
    for (i, l) in raw_layers.into_iter().enumerate() {
        let at = field(text, &l.kind);
        let kind = kinds[i].ok_or_else(|| {
            let valid: Vec<&str> = LayerKind::ALL.iter().map(|k| k.as_str()).collect();
            anyhow!(
                "{at}: {}",
                t!(
                    "perr-layer-type-unknown",
                    kind = l.kind.get_ref().as_str(),
                    valid = valid.join(", ")
                )
            )
        })?;
        let mut fields = Fields::new(text, at.clone(), kind.as_str(), l.fields)
            .with_init(init.or(train.as_ref().and_then(|t| t.init)));
        let layer = build_layer(kind, &mut fields)
            .and_then(|layer| fields.finish().map(|()| layer))
            .map_err(|e| {
                anyhow!(
                    "{}: {e}",
                    t!(
                        "perr-layer-which",
                        n = (i + 1).to_string(),
                        kind = kind.as_str()
                    )
                )
            })?;
        let name = match &l.name {
            Some(n) => {
                ensure!(
                    !n.trim().is_empty(),
                    "{at}: {}",
                    t!("perr-layer-empty-name", n = (i + 1).to_string())
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
            "{at}: {}",
            t!("perr-layer-same-name", name = name.as_str())
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
        first_weights,
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
    let (min, max) = (i64::MIN.to_string(), i64::MAX.to_string());
    Some(match key {
        Some(SEED_KEY) => t!("perr-seed-out-of-range", literal = literal, max = max),
        Some(key) => format!(
            "{key}: {}",
            t!(
                "perr-integer-out-of-range",
                literal = literal,
                min = min,
                max = max
            )
        ),
        None => t!(
            "perr-integer-out-of-range",
            literal = literal,
            min = min,
            max = max
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
    Some(t!(
        "perr-not-finite",
        name = literal,
        why = crate::i18n::format::not_finite(f64::INFINITY)
    ))
}

/// The key of a generator's seed.
const SEED_KEY: &str = "seed";

pub(super) fn explain_toml(msg: &str, graph: bool) -> String {
    let msg = msg.trim();
    // the first `quoted` name in a serde message: unknown field `foo`
    let quoted = |rest: &str| rest.split('`').nth(1).unwrap_or_default().to_string();
    if msg == FLOAT_OVERFLOW {
        return t!(
            "perr-number-overflow",
            why = crate::i18n::format::not_finite(f64::INFINITY)
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown field") {
        return if graph {
            t!("perr-toml-unknown-field-graph", field = quoted(rest))
        } else {
            t!("perr-toml-unknown-field", field = quoted(rest))
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field") {
        return t!("perr-toml-missing-field", field = quoted(rest));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return t!(
            "perr-toml-invalid-type",
            found = serde_kind(found),
            expected = serde_kind(expected)
        );
    }
    // the parser's own errors: `description, expected …`
    let description = msg.split_once(", expected ").map_or(msg, |(d, _)| d);
    match description.lines().next().unwrap_or_default().trim() {
        "duplicate key" => t!("perr-toml-duplicate-key"),
        "string values must be quoted" => t!("perr-toml-unquoted"),
        "missing assignment between key-value pairs" | "key with no value" => {
            t!("perr-toml-no-assignment")
        }
        "missing value" | "missing value for key" => t!("perr-toml-no-value"),
        "missing comma between array elements" => t!("perr-toml-no-comma"),
        "missing comma between key-value pairs" => t!("perr-toml-no-comma-table"),
        "unclosed array" => t!("perr-toml-unclosed-array"),
        "unclosed inline table" => t!("perr-toml-unclosed-inline-table"),
        "unclosed table" | "unclosed array table" => t!("perr-toml-unclosed-table"),
        "invalid key" | "invalid unquoted key" => t!("perr-toml-invalid-key"),
        "extra comma in inline table" | "extra comma in array" => t!("perr-toml-extra-comma"),
        _ => t!("perr-toml-syntax", detail = msg),
    }
}

/// What serde names in a type error (`integer `1``, `a sequence`, `f64`) in the words of
/// [`type_words`]; anything else as serde wrote it.
fn serde_kind(text: &str) -> String {
    let text = text.trim();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["string"]) {
        t!("perr-type-string")
    } else if has(&["floating point", "f64", "f32", "float"]) {
        t!("perr-type-float")
    } else if has(&["integer", "i64", "u64", "usize", "i32", "u32"]) {
        t!("perr-type-integer")
    } else if has(&["bool"]) {
        t!("perr-type-boolean")
    } else if has(&["sequence", "array"]) {
        t!("perr-type-array")
    } else if has(&["map", "struct", "table"]) {
        t!("perr-type-table")
    } else {
        text.to_string()
    }
}

/// Split a `[[layers]]` table into its type, its name and the rest.
pub(super) fn raw_layer(
    text: &str,
    i: usize,
    table: &Spanned<std::collections::BTreeMap<String, Spanned<Value>>>,
    node: bool,
) -> Result<RawLayer> {
    let mut fields = table.get_ref().clone();
    let at = field(text, table);
    let which = || {
        let n = (i + 1).to_string();
        if node {
            t!("perr-node-n", n = n)
        } else {
            t!("perr-layer-n", n = n)
        }
    };
    let kind = match fields.remove("type") {
        Some(v) => match v.get_ref() {
            Value::String(s) => Spanned::new(v.span(), s.clone()),
            other => bail!(
                "{}: {}: {}",
                field(text, &v),
                which(),
                t!("perr-type-not-string", found = type_words(other))
            ),
        },
        None => bail!("{at}: {}: {}", which(), t!("perr-type-missing")),
    };
    let name = match fields.remove("name") {
        Some(v) => match v.get_ref() {
            Value::String(s) => Some(s.clone()),
            other => bail!(
                "{}: {}: {}",
                field(text, &v),
                which(),
                t!("perr-name-not-string", found = type_words(other))
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
            let w = f.weights(&["W", "w"], &t!("perr-what-affine-w"))?;
            Layer::affine(w, f.vector("b", &t!("perr-what-affine-b"))?)
        }
        LayerKind::Mul => Layer::mul(f.matrix("w", &t!("perr-what-mul-w"), Vector::Reject)?),
        LayerKind::Add => Layer::add(f.matrix("b", &t!("perr-what-add-b"), Vector::Reject)?),
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
            let (w, filter) = f.tensor("W", &t!("perr-what-conv-w"))?;
            let b = f.vector("b", &t!("perr-what-conv-b"))?;
            Layer::Convolution(Convolution::new(
                w,
                b,
                filter,
                f.count("stride", 1)?,
                f.count("pad", 0)?,
            ))
        }
        LayerKind::Pooling => Layer::Pooling(Pooling::new(
            f.size("pool_h", &t!("perr-what-pool-h"))?,
            f.size("pool_w", &t!("perr-what-pool-w"))?,
            f.count("stride", 1)?,
        )),
        LayerKind::BatchNorm => {
            let gamma = f.vector("gamma", &t!("perr-what-gamma"))?;
            let beta = f.vector("beta", &t!("perr-what-beta"))?;
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
            Some(Value::String(kind)) if kind == "normal" || kind == "uniform" => {
                bail!(t!("perr-t-random-numbers", kind = kind.as_str()))
            }
            _ => bail!(t!("perr-t-generator")),
        };
    }
    let Value::Array(items) = v else {
        bail!(t!("perr-t-type"))
    };
    ensure!(!items.is_empty(), t!("perr-t-empty"));
    if items.iter().all(|i| matches!(i, Value::Array(_))) {
        return Ok(Targets::OneHot(matrix(v, "t", Vector::Reject)?));
    }
    let labels = items
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::Integer(k) if *k >= 0 => Ok(*k as usize),
            _ => bail!(t!(
                "perr-t-label",
                i = i.to_string(),
                found = super::matrix::shown(v)
            )),
        })
        .collect::<Result<Vec<usize>>>()?;
    Ok(Targets::Labels(labels))
}
