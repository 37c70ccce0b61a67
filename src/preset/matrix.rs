//! Matrices in a preset: literals (`[[1, 2], [3, 4]]`, `[1, 2]`, `2.5`) and generators
//! (`{ random = "normal", shape = [2, 3], scale = 0.01, seed = 7 }`, or `init = "xavier" | "he"`
//! in place of `scale`: see [`Init`]), and the label generator
//! of `t` (`{ random = "labels", classes = 10, shape = [100], seed = 3 }`).
//!
//! The generators use a small, fixed PRNG (SplitMix64, Box–Muller for normals) so a seed gives the
//! same matrix on every machine and every version of backstep.

use anyhow::{Result, bail, ensure};
use toml::Value;

use super::Init;
use crate::engine::Matrix;
pub use crate::engine::rng::SplitMix64;
use crate::engine::tensor::ImageShape;
use crate::t;

/// The largest number of cells one matrix may have.
pub const MAX_CELLS: usize = 1_000_000;
/// The largest number of rows or columns.
pub const MAX_DIM: usize = 100_000;

/// How a 1-D literal is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vector {
    /// As one row (1×N): biases.
    Row,
    /// Not allowed: the field needs rows.
    Reject,
}

/// A TOML value's type in words (`a string`, `a list`), for errors.
pub fn type_words(v: &Value) -> String {
    match v {
        Value::String(_) => t!("perr-type-string"),
        Value::Integer(_) => t!("perr-type-integer"),
        Value::Float(_) => t!("perr-type-float"),
        Value::Boolean(_) => t!("perr-type-boolean"),
        Value::Datetime(_) => t!("perr-type-datetime"),
        Value::Array(_) => t!("perr-type-array"),
        Value::Table(_) => t!("perr-type-table"),
    }
}

fn number(v: &Value, what: &str) -> Result<f64> {
    let x = match v {
        Value::Float(f) => *f,
        Value::Integer(i) => *i as f64,
        other => bail!(t!(
            "perr-not-a-number",
            what = what,
            found = type_words(other)
        )),
    };
    ensure!(
        x.is_finite(),
        t!(
            "perr-value-not-finite",
            what = what,
            why = crate::i18n::format::not_finite(x)
        )
    );
    Ok(x)
}

/// A TOML value as the user would write it: `1e30`, not thirty-one digits.
pub(super) fn shown(v: &Value) -> String {
    match v {
        Value::Float(f) if f.abs() >= 1e16 || (*f != 0.0 && f.abs() < 1e-4) => format!("{f:e}"),
        other => other.to_string(),
    }
}

fn check_size(r: usize, c: usize, field: &str) -> Result<()> {
    ensure!(r > 0 && c > 0, t!("perr-matrix-empty", field = field));
    ensure!(
        r <= MAX_DIM && c <= MAX_DIM,
        t!(
            "perr-matrix-too-wide",
            field = field,
            shape = format!("{r}×{c}"),
            max = MAX_DIM.to_string()
        )
    );
    ensure!(
        r.saturating_mul(c) <= MAX_CELLS,
        t!(
            "perr-matrix-too-many-cells",
            field = field,
            shape = format!("{r}×{c}"),
            cells = r.saturating_mul(c).to_string(),
            max = MAX_CELLS.to_string()
        )
    );
    Ok(())
}

/// Read a matrix field.
pub fn matrix(v: &Value, field: &str, vector: Vector) -> Result<Matrix> {
    match v {
        Value::Table(t) => generated(t, field, vector),
        Value::Float(_) | Value::Integer(_) => Ok(Matrix::from_elem((1, 1), number(v, field)?)),
        Value::Array(rows) => {
            ensure!(!rows.is_empty(), t!("perr-matrix-empty", field = field));
            if rows.iter().all(|r| !matches!(r, Value::Array(_))) {
                ensure!(
                    vector == Vector::Row,
                    t!("perr-matrix-not-rows", field = field)
                );
                let cells: Vec<f64> = rows
                    .iter()
                    .enumerate()
                    .map(|(j, x)| number(x, &format!("{field}[{j}]")))
                    .collect::<Result<_>>()?;
                check_size(1, cells.len(), field)?;
                return Ok(Matrix::from_shape_vec((1, cells.len()), cells)?);
            }
            let width = match &rows[0] {
                Value::Array(r) => r.len(),
                _ => 0,
            };
            check_size(rows.len(), width, field)?;
            let mut cells = Vec::with_capacity(rows.len() * width);
            for (i, row) in rows.iter().enumerate() {
                let Value::Array(row) = row else {
                    bail!(t!(
                        "perr-matrix-row-not-list",
                        field = field,
                        row = i.to_string(),
                        found = type_words(row)
                    ));
                };
                ensure!(
                    row.len() == width,
                    t!(
                        "perr-matrix-ragged",
                        field = field,
                        width = width,
                        row = i.to_string(),
                        len = row.len()
                    )
                );
                for (j, x) in row.iter().enumerate() {
                    cells.push(number(x, &format!("{field}[{i}][{j}]"))?);
                }
            }
            Ok(Matrix::from_shape_vec((rows.len(), width), cells)?)
        }
        other => bail!(t!(
            "perr-matrix-type",
            field = field,
            found = type_words(other)
        )),
    }
}

/// `shape = [rows, columns]` (or `[n]` for a row vector) of a generator table, checked.
fn shape_of(t: &toml::Table, field: &str, vector: Vector) -> Result<(i64, i64)> {
    let shape: Vec<i64> = match t.get("shape") {
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_integer()
                    .ok_or_else(|| anyhow::anyhow!(t!("perr-shape-whole", field = field)))
            })
            .collect::<Result<_>>()?,
        _ => bail!(t!("perr-shape-missing", field = field)),
    };
    let (r, c) = match (shape.as_slice(), vector) {
        ([r, c], _) => (*r, *c),
        ([c], Vector::Row) => (1, *c),
        _ => bail!(t!("perr-shape-two", field = field)),
    };
    ensure!(
        r > 0 && c > 0,
        t!(
            "perr-shape-positive",
            field = field,
            shape = format!("[{r}, {c}]")
        )
    );
    check_size(r as usize, c as usize, field)?;
    Ok((r, c))
}

/// `{ fill = v, shape = [...] }`: every cell `v`.
fn filled(t: &toml::Table, field: &str, vector: Vector) -> Result<Matrix> {
    for key in t.keys() {
        ensure!(
            ["fill", "shape"].contains(&key.as_str()),
            t!("perr-fill-unknown-key", field = field, key = key.as_str())
        );
    }
    let v = match t.get("fill") {
        Some(v) => number(v, &format!("{field}.fill"))?,
        None => 0.0,
    };
    let (r, c) = shape_of(t, field, vector)?;
    Ok(Matrix::from_elem((r as usize, c as usize), v))
}

fn generated(t: &toml::Table, field: &str, vector: Vector) -> Result<Matrix> {
    if t.contains_key("fill") {
        return filled(t, field, vector);
    }
    random(t, field, vector, None)
}

/// An Affine W: like [`matrix`], but with `init` (from `[train] init` or `--init`) its generator
/// draws normal numbers with that init's scale, keeping its shape and random seed. A literal W (or a
/// fill) then is an error: there is no seed to keep.
pub fn weights(v: &Value, field: &str, init: Option<Init>) -> Result<Matrix> {
    match (v, init) {
        (_, None) => matrix(v, field, Vector::Reject),
        (Value::Table(t), Some(init)) if !t.contains_key("fill") => {
            random(t, field, Vector::Reject, Some(init))
        }
        (_, Some(init)) => bail!(t!(
            "ch6a-init-needs-generator",
            field = field,
            init = init.to_string()
        )),
    }
}

/// `{ random = "normal" | "uniform", shape, scale, init, seed }`; `over` replaces its init
/// (and makes it normal).
fn random(t: &toml::Table, field: &str, vector: Vector, over: Option<Init>) -> Result<Matrix> {
    for key in t.keys() {
        ensure!(
            ["random", "shape", "scale", "seed", "init"].contains(&key.as_str()),
            t!("perr-random-unknown-key", field = field, key = key.as_str())
        );
    }
    let kind = match t.get("random") {
        Some(Value::String(s)) if s == "normal" || s == "uniform" => s.clone(),
        Some(other) => bail!(t!("perr-random-kind", field = field, found = shown(other))),
        None => bail!(t!("perr-random-missing", field = field)),
    };
    let (r, c) = shape_of(t, field, vector)?;
    let scale = match t.get("scale") {
        Some(v) => number(v, &format!("{field}.scale"))?,
        None => 1.0,
    };
    let init = match t.get("init") {
        None => None,
        Some(Value::String(s)) if s == "std" => None,
        Some(Value::String(s)) if s == "xavier" => Some(Init::Xavier),
        Some(Value::String(s)) if s == "he" => Some(Init::He),
        Some(other) => bail!(t!(
            "ch6a-generator-init-unknown",
            field = field,
            value = shown(other)
        )),
    };
    if let Some(init) = init {
        ensure!(
            !t.contains_key("scale"),
            t!(
                "ch6a-generator-init-scale",
                field = field,
                init = init.to_string()
            )
        );
        ensure!(
            kind == "normal",
            t!(
                "ch6a-generator-init-normal",
                field = field,
                init = init.to_string()
            )
        );
    }
    let (normal, scale) = match over.or(init) {
        Some(init) => (true, init.scale(r as usize)),
        None => (kind == "normal", scale),
    };
    let seed = seed_of(t, field)?;
    let mut rng = SplitMix64(seed);
    Ok(Matrix::from_shape_simple_fn(
        (r as usize, c as usize),
        || {
            scale
                * if normal {
                    rng.normal()
                } else {
                    2.0 * rng.uniform() - 1.0
                }
        },
    ))
}

/// A generator's `seed` (default 0), checked.
fn seed_of(t: &toml::Table, field: &str) -> Result<u64> {
    Ok(match t.get("seed") {
        Some(Value::Integer(s)) if *s >= 0 => *s as u64,
        Some(other) => bail!(t!(
            "perr-seed-range",
            field = field,
            max = i64::MAX.to_string(),
            found = shown(other)
        )),
        None => 0,
    })
}

/// `{ random = "labels", classes = K, shape = [N], seed = S }`: N class labels, each uniform in
/// `0..K`, drawn from SplitMix64(S) as the high 64 bits of `next_u64() · K`. Errors name the
/// key (`t.classes`, `t.shape`, `t.seed`); the caller adds the line and column.
pub fn labels(t: &toml::Table, field: &str) -> Result<Vec<usize>> {
    for key in t.keys() {
        ensure!(
            ["random", "classes", "shape", "seed"].contains(&key.as_str()),
            t!("perr-labels-unknown-key", field = field, key = key.as_str())
        );
    }
    let classes = match t.get("classes") {
        Some(Value::Integer(k)) if (1..=MAX_DIM as i64).contains(k) => *k as usize,
        Some(other) => bail!(t!(
            "perr-labels-classes",
            field = field,
            max = MAX_DIM.to_string(),
            found = shown(other)
        )),
        None => bail!(t!("perr-labels-classes-missing", field = field)),
    };
    let rows = match t.get("shape") {
        Some(Value::Array(a)) => match a.as_slice() {
            [Value::Integer(n)] if (1..=MAX_DIM as i64).contains(n) => *n as usize,
            [Value::Integer(n)] => bail!(t!(
                "perr-labels-count",
                field = field,
                n = n.to_string(),
                max = MAX_DIM.to_string()
            )),
            _ => bail!(t!("perr-labels-shape", field = field)),
        },
        Some(other) => bail!(t!(
            "perr-labels-shape-found",
            field = field,
            found = shown(other)
        )),
        None => bail!(t!("perr-labels-shape-missing", field = field)),
    };
    let mut rng = SplitMix64(seed_of(t, field)?);
    Ok((0..rows).map(|_| rng.below(classes)).collect())
}

/// How many levels of lists a value nests (`[[1, 2]]` is 2, a number 0).
fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.first().map_or(0, depth),
        _ => 0,
    }
}

/// A field that may be a 4-D tensor N×C×H×W — a list nested four deep or a generator with a
/// four-number `shape` — or a matrix (see [`matrix`]). A tensor comes back as N rows of C·H·W
/// values (NumPy's order) with its sample shape C×H×W.
pub fn tensor(v: &Value, field: &str, vector: Vector) -> Result<(Matrix, Option<ImageShape>)> {
    match v {
        Value::Table(t) => {
            let dims: Option<Vec<i64>> = match t.get("shape") {
                Some(Value::Array(a)) if a.len() == 4 => a.iter().map(Value::as_integer).collect(),
                _ => None,
            };
            let Some(dims) = dims else {
                return Ok((matrix(v, field, vector)?, None));
            };
            ensure!(
                dims.iter().all(|&d| d > 0 && d as usize <= MAX_DIM),
                "{}",
                crate::t!("conv-tensor-shape", field = field)
            );
            let d: Vec<usize> = dims.iter().map(|&d| d as usize).collect();
            let image = ImageShape::new(d[1], d[2], d[3]);
            let mut flat = t.clone();
            flat.insert(
                "shape".into(),
                Value::Array(vec![
                    Value::Integer(dims[0]),
                    Value::Integer(image.len().min(i64::MAX as usize) as i64),
                ]),
            );
            Ok((matrix(&Value::Table(flat), field, vector)?, Some(image)))
        }
        Value::Array(outer) if depth(v) == 4 => {
            let mut image: Option<ImageShape> = None;
            let mut cells = Vec::new();
            for (n, sample) in outer.iter().enumerate() {
                let Value::Array(channels) = sample else {
                    bail!("{}", crate::t!("conv-tensor-ragged", field = field, n = n));
                };
                let mut values = Vec::new();
                let mut h = 0;
                let mut w = 0;
                for channel in channels {
                    let Value::Array(rows) = channel else {
                        bail!("{}", crate::t!("conv-tensor-ragged", field = field, n = n));
                    };
                    h = rows.len();
                    for row in rows {
                        let Value::Array(row) = row else {
                            bail!("{}", crate::t!("conv-tensor-ragged", field = field, n = n));
                        };
                        w = row.len();
                        for (j, x) in row.iter().enumerate() {
                            values.push(number(x, &format!("{field}[{n}][…][{j}]"))?);
                        }
                    }
                }
                let shape = ImageShape::new(channels.len(), h, w);
                ensure!(
                    shape.len() == values.len() && image.is_none_or(|s| s == shape),
                    "{}",
                    crate::t!("conv-tensor-ragged", field = field, n = n)
                );
                image = Some(shape);
                cells.extend(values);
            }
            let image = image.unwrap_or(ImageShape::new(0, 0, 0));
            check_size(outer.len(), image.len(), field)?;
            Ok((
                Matrix::from_shape_vec((outer.len(), image.len()), cells)?,
                Some(image),
            ))
        }
        Value::Array(_) if depth(v) > 2 => {
            bail!(
                "{}",
                crate::t!("conv-tensor-depth", field = field, depth = depth(v))
            )
        }
        _ => Ok((matrix(v, field, vector)?, None)),
    }
}
