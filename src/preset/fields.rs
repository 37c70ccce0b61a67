//! The fields of one `[[layers]]` table, read by name with their line and column in every error.
//!
//! A layer's parser arm asks for the fields it takes (`matrix`, `vector`, `number`, `seed`,
//! `flag`); [`Fields::finish`] then refuses any field nobody asked for, naming the ones the
//! layer takes.

use std::collections::BTreeMap;

use anyhow::{Result, anyhow, bail, ensure};
use toml::{Spanned, Value};

use super::Init;
use super::matrix::{MAX_DIM, Vector, matrix, shown, tensor, weights};
use crate::engine::Matrix;
use crate::engine::tensor::ImageShape;
use crate::t;

/// The remaining fields of one layer table.
pub(super) struct Fields<'a> {
    text: &'a str,
    /// `line L, column C` of the table's `type`.
    at: String,
    kind: &'a str,
    map: BTreeMap<String, Spanned<Value>>,
    asked: Vec<&'static str>,
    /// `[train] init` or `--init`: how every Affine W is drawn.
    init: Option<Init>,
}

impl<'a> Fields<'a> {
    /// The fields of a layer of type `kind` whose `type` is at `at`.
    pub(super) fn new(
        text: &'a str,
        at: String,
        kind: &'a str,
        map: BTreeMap<String, Spanned<Value>>,
    ) -> Self {
        Fields {
            text,
            at,
            kind,
            map,
            asked: Vec::new(),
            init: None,
        }
    }

    /// The same fields, with every Affine W drawn with `init` (see [`Fields::weights`]).
    pub(super) fn with_init(mut self, init: Option<Init>) -> Self {
        self.init = init;
        self
    }

    fn pos(&self, v: &Spanned<Value>) -> String {
        super::parse::position(self.text, v.span().start)
    }

    fn take(&mut self, key: &'static str) -> Option<Spanned<Value>> {
        self.asked.push(key);
        self.map.remove(key)
    }

    fn read(&self, v: &Spanned<Value>, key: &str, vector: Vector) -> Result<Matrix> {
        matrix(v.get_ref(), key, vector).map_err(|e| anyhow!("{}: {e}", self.pos(v)))
    }

    fn missing(&self, what: &str) -> anyhow::Error {
        anyhow!(
            "{}: {}",
            self.at,
            t!("perr-layer-needs", kind = self.kind, what = what)
        )
    }

    fn not_both(&self, keys: &[&'static str; 2]) -> String {
        t!("perr-not-both", a = keys[0], b = keys[1])
    }

    /// A required matrix.
    pub(super) fn matrix(
        &mut self,
        key: &'static str,
        what: &str,
        vector: Vector,
    ) -> Result<Matrix> {
        let v = self.take(key).ok_or_else(|| self.missing(what))?;
        self.read(&v, key, vector)
    }

    /// A required matrix that may be spelled two ways (`W` or `w`), not both.
    pub(super) fn matrix_either(
        &mut self,
        keys: &[&'static str; 2],
        what: &str,
        vector: Vector,
    ) -> Result<Matrix> {
        match (self.take(keys[0]), self.take(keys[1])) {
            (Some(_), Some(_)) => bail!("{}: {}", self.at, self.not_both(keys)),
            (Some(v), None) => self.read(&v, keys[0], vector),
            (None, Some(v)) => self.read(&v, keys[1], vector),
            (None, None) => Err(self.missing(what)),
        }
    }

    /// An Affine's W (spelled `W` or `w`): drawn with the preset's init when it has one.
    pub(super) fn weights(&mut self, keys: &[&'static str; 2], what: &str) -> Result<Matrix> {
        let Some(init) = self.init else {
            return self.matrix_either(keys, what, Vector::Reject);
        };
        match (self.take(keys[0]), self.take(keys[1])) {
            (Some(_), Some(_)) => bail!("{}: {}", self.at, self.not_both(keys)),
            (Some(v), None) | (None, Some(v)) => {
                weights(v.get_ref(), "W", Some(init)).map_err(|e| anyhow!("{}: {e}", self.pos(&v)))
            }
            (None, None) => Err(self.missing(what)),
        }
    }

    /// A required 1-D parameter: one row of values, like `[0.1, 0.2]`.
    pub(super) fn vector(&mut self, key: &'static str, what: &str) -> Result<Matrix> {
        let v = self.take(key).ok_or_else(|| self.missing(what))?;
        self.row(&v, key)
    }

    /// An optional 1-D parameter.
    pub(super) fn opt_vector(&mut self, key: &'static str) -> Result<Option<Matrix>> {
        match self.take(key) {
            Some(v) => Ok(Some(self.row(&v, key)?)),
            None => Ok(None),
        }
    }

    fn row(&self, v: &Spanned<Value>, key: &str) -> Result<Matrix> {
        let m = self.read(v, key, Vector::Row)?;
        ensure!(
            m.nrows() == 1,
            "{}: {}",
            self.pos(v),
            t!("perr-one-row", key = key)
        );
        Ok(m)
    }

    /// A number, `default` when absent.
    pub(super) fn number(&mut self, key: &'static str, default: f64) -> Result<f64> {
        match self.take(key) {
            None => Ok(default),
            Some(v) => match v.get_ref() {
                Value::Float(f) if f.is_finite() => Ok(*f),
                Value::Integer(i) => Ok(*i as f64),
                Value::Float(f) => bail!(
                    "{}: {}",
                    self.pos(&v),
                    t!(
                        "perr-not-finite",
                        name = key,
                        why = crate::i18n::format::not_finite(*f)
                    )
                ),
                other => bail!(
                    "{}: {}",
                    self.pos(&v),
                    t!("perr-not-a-number", what = key, found = shown(other))
                ),
            },
        }
    }

    /// A seed (a whole number ≥ 0), `default` when absent.
    pub(super) fn seed(&mut self, key: &'static str, default: u64) -> Result<u64> {
        match self.take(key) {
            None => Ok(default),
            Some(v) => match v.get_ref() {
                Value::Integer(i) if *i >= 0 => Ok(*i as u64),
                other => bail!(
                    "{}: {}",
                    self.pos(&v),
                    t!("perr-whole-from-0", key = key, found = shown(other))
                ),
            },
        }
    }

    /// A required 4-D tensor (like a convolution's W, FN×C×FH×FW): FN rows of C·FH·FW values
    /// and the shape of one row.
    pub(super) fn tensor(&mut self, key: &'static str, what: &str) -> Result<(Matrix, ImageShape)> {
        let v = self.take(key).ok_or_else(|| self.missing(what))?;
        let (m, image) = tensor(v.get_ref(), key, Vector::Reject)
            .map_err(|e| anyhow!("{}: {e}", self.pos(&v)))?;
        match image {
            Some(image) => Ok((m, image)),
            None => bail!(
                "{}: {}",
                self.pos(&v),
                crate::t!(
                    "conv-w-not-4d",
                    key = key,
                    shape = format!("{}×{}", m.nrows(), m.ncols())
                )
            ),
        }
    }

    /// A whole number from 0 (a stride, a padding), `default` when absent.
    pub(super) fn count(&mut self, key: &'static str, default: usize) -> Result<usize> {
        match self.take(key) {
            None => Ok(default),
            Some(v) => match v.get_ref() {
                Value::Integer(i) if *i >= 0 && *i <= MAX_DIM as i64 => Ok(*i as usize),
                other => bail!(
                    "{}: {}",
                    self.pos(&v),
                    crate::t!("conv-count", key = key, found = other.to_string())
                ),
            },
        }
    }

    /// A required whole number from 1 (a window's size).
    pub(super) fn size(&mut self, key: &'static str, what: &str) -> Result<usize> {
        let v = self.take(key).ok_or_else(|| self.missing(what))?;
        match v.get_ref() {
            Value::Integer(i) if *i >= 1 && *i <= MAX_DIM as i64 => Ok(*i as usize),
            other => bail!(
                "{}: {}",
                self.pos(&v),
                crate::t!("conv-size", key = key, found = other.to_string())
            ),
        }
    }

    /// A true/false flag, `default` when absent.
    pub(super) fn flag(&mut self, key: &'static str, default: bool) -> Result<bool> {
        match self.take(key) {
            None => Ok(default),
            Some(v) => match v.get_ref() {
                Value::Boolean(b) => Ok(*b),
                other => bail!(
                    "{}: {}",
                    self.pos(&v),
                    t!("perr-flag", key = key, found = shown(other))
                ),
            },
        }
    }

    /// An error for the first field the layer did not ask for.
    pub(super) fn finish(self) -> Result<()> {
        if let Some((key, v)) = self.map.iter().next() {
            let takes = if self.asked.is_empty() {
                t!("perr-layer-takes-nothing")
            } else {
                format!("type, name, {}", self.asked.join(", "))
            };
            bail!(
                "{}: {}",
                self.pos(v),
                t!(
                    "perr-layer-no-field",
                    kind = self.kind,
                    key = key.as_str(),
                    takes = takes
                )
            );
        }
        Ok(())
    }
}
