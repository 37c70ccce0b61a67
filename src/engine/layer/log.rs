//! Log: the `log` node (the natural logarithm of the book's Fig. 5-29), `out = log(x)`,
//! element-wise.
//!
//! Forward keeps `x`: backward is `dx = dout / x`, one step reading the cached input. Unlike
//! Softmax-with-Loss's `log(y + 1e-7)` there is no guard: a cell ≤ 0 is an error naming the
//! cell, never a silent `-inf` or NaN. In a graph its steps name the input by its source and the
//! output by the node ([`NodeNames`]).

use anyhow::Result;

use super::{Grad, LayerType, NodeNames, OutOfDomain, ensure_dout};
use crate::engine::Matrix;
use crate::engine::check::{Delta, map_cells};
use crate::engine::op::{BinOp, Op, UnaryFn};
use crate::engine::operand::Kind;
use crate::engine::tape::{Recorder, StepDraft};
use crate::i18n::format::{first, first_operand, short};

/// `out = log(x)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Log {
    /// What the steps call the operands (`x`, `out` in a chain).
    pub names: NodeNames,
}

impl Default for Log {
    fn default() -> Self {
        Log {
            names: NodeNames::chain(""),
        }
    }
}

/// What Log's backward needs: its input.
#[derive(Debug, Clone)]
pub struct LogCache {
    /// The input of the forward pass.
    pub x: Matrix,
    /// The tape index of the forward step that read it.
    pub x_step: Option<usize>,
}

impl LayerType for Log {
    type Cache = LogCache;
    const TYPE: &'static str = "log";
    const DISPLAY: &'static str = "Log";

    fn forward<R: Recorder>(
        &self,
        x: &Matrix,
        _t: Option<&Matrix>,
        rec: &mut R,
    ) -> Result<(Matrix, LogCache)> {
        let n = &self.names;
        if let Some(((r, c), &v)) = x.indexed_iter().find(|(_, v)| v.is_nan() || **v <= 0.0) {
            return Err(OutOfDomain(format!(
                "log is defined only above 0, but its input {}[{r},{c}] = {}",
                n.x,
                short(v)
            ))
            .into());
        }
        let out = x.mapv(|v| UnaryFn::Log.apply(v));
        let x_step = rec.record(|| {
            StepDraft::new(
                Op::Unary(UnaryFn::Log),
                &format!("log({})", n.x),
                &format!("{} = log({})", n.out, n.x),
            )
            .read(Kind::Input, &n.x, x)
            .writes(Kind::Output, &n.out, &out)
            .numpy(format!(
                "self.x = x; out = np.log(x){}",
                n.here(&["x", "out"])
            ))
            .note(format!(
                "the natural logarithm; {}[0,0] = {} = {}; {} is kept for backward",
                n.out,
                UnaryFn::Log.show_value(x.get((0, 0)).copied().unwrap_or(f64::NAN)),
                first(&out),
                n.x
            ))
        });
        Ok((
            out,
            LogCache {
                x: x.clone(),
                x_step,
            },
        ))
    }

    fn backward<R: Recorder>(
        &self,
        cache: &LogCache,
        dout: &Matrix,
        rec: &mut R,
    ) -> Result<(Matrix, Vec<Grad>)> {
        ensure_dout(dout, cache.x.dim(), "dout")?;
        let dx = dout / &cache.x;
        let n = &self.names;
        let (x, dx_name) = (&n.x, n.grad(0));
        rec.record(|| {
            StepDraft::new(
                Op::Binary(BinOp::Div),
                &format!("dout / {x}"),
                &format!("{dx_name} = dout / {x}"),
            )
            .read(Kind::Dout, "dout", dout)
            .cached(Kind::Input, x, &cache.x, cache.x_step)
            .writes(Kind::Dx, &dx_name, &dx)
            .numpy(format!("dx = dout / self.x{}", n.here(&["dx", "x"])))
            .note(format!(
                "∂log({x})/∂{x} = 1/{x}, so {dx_name} = dout / {x}; {dx_name}[0,0] = {} / {} = {}{}",
                first(dout),
                first_operand(&cache.x),
                first(&dx),
                n.partial(0, &dx)
            ))
        });
        Ok((dx, vec![]))
    }

    fn jacobian(&self, _: (usize, usize), _: (usize, usize)) -> String {
        let (x, out, dx) = (&self.names.x, &self.names.out, self.names.grad(0));
        format!(
            "diagonal: ∂{out}[i]/∂{x}[i] = 1/{x}[i], every other entry 0. The shortcut {dx} = dout / {x} divides by this diagonal cell by cell"
        )
    }

    fn propagate(&self, _x: &Matrix, _y: &Matrix, delta: Delta) -> Delta {
        map_cells(delta, &|v, _| if v > 0.0 { v.ln() } else { f64::NAN })
    }
}
