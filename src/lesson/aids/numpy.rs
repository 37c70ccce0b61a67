//! The NumPy line: for each step of the tape, the line of NumPy that does the same thing, in the
//! names of the book's companion code (`self.mask`, `self.W`, `self.x`, `self.out`, `self.y`,
//! `self.t`, `batch_size`).
//!
//! The book writes some operations as one line (`out = np.dot(x, self.W) + self.b`); the tape
//! splits them into elementary steps, so the line is split the same way and the intermediate gets
//! the name the tape gives it (`xw`, `e`, `s`, `u`, `g`, …). Each layer writes its steps' lines
//! in its own file (the step carries it); a step without one still gets a generic line built
//! from its [`Op`](crate::engine::Op) (see [`generic_line`]), and a test makes sure no built-in preset needs it.

use crate::engine::tape::Step;

/// The NumPy line for `step`, in the book's names.
///
/// ```
/// use backstep::lesson::aids::numpy_line;
/// use backstep::preset::Preset;
///
/// let preset = Preset::builtin("relu").unwrap();
/// let run = preset.network.run(&preset.inputs).unwrap();
/// assert_eq!(numpy_line(&run.tape.steps[0]), "self.mask = (x <= 0)");
/// ```
pub fn numpy_line(step: &Step) -> String {
    if step.numpy.trim().is_empty() {
        generic_line(step)
    } else {
        step.numpy.clone()
    }
}

/// A line built from the step's [`Op`](crate::engine::Op) and operand names alone, for steps that carry no book
/// line: the op's own NumPy form ([`Op::numpy`](crate::engine::Op::numpy)) with names turned into Python identifiers
/// (`X·W` → `X_W`).
pub fn generic_line(step: &Step) -> String {
    let args: Vec<String> = step.reads.iter().map(|o| ident(&o.name)).collect();
    format!("{} = {}", ident(&step.writes.name), step.op.numpy(&args))
}

/// A Python identifier for an operand name: letters, digits and `_`; anything else becomes `_`.
fn ident(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    while s.contains("__") {
        s = s.replace("__", "_");
    }
    let s = s.trim_matches('_').to_string();
    match s.chars().next() {
        None => "v".to_string(),
        Some(c) if c.is_ascii_digit() => format!("v_{s}"),
        Some(_) => s,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::preset::{BUILTINS, Preset};

    fn lines(name: &str) -> Vec<String> {
        let p = Preset::builtin(name).unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        run.tape.steps.iter().map(numpy_line).collect()
    }

    #[test]
    fn every_builtin_step_has_a_book_line() {
        for b in BUILTINS {
            let p = Preset::builtin(b.name).unwrap();
            let run = p.network.run(&p.inputs).unwrap();
            for (k, s) in run.tape.steps.iter().enumerate() {
                assert!(
                    !s.numpy.trim().is_empty(),
                    "{} step {k} ({:?} {:?} {}) has no book line",
                    b.name,
                    s.kind,
                    s.phase,
                    s.label
                );
            }
        }
    }

    #[test]
    fn two_layer_lines_are_the_books() {
        assert_eq!(
            lines("two-layer"),
            [
                "self.x = x; xw = np.dot(x, self.W)",
                "out = xw + self.b",
                "self.mask = (x <= 0)",
                "out = x.copy(); out[self.mask] = 0",
                "self.x = x; xw = np.dot(x, self.W)",
                "out = xw + self.b",
                "a = x - np.max(x, axis=1, keepdims=True)",
                "e = np.exp(a)",
                "s = np.sum(e, axis=1, keepdims=True)",
                "self.y = e / s",
                "log_y = np.log(self.y + 1e-7)",
                "l = -np.sum(self.t * log_y, axis=1)",
                "self.loss = np.sum(l) / batch_size  # = cross_entropy_error(self.y, self.t)",
                "d = self.y - self.t",
                "dx = d / batch_size  # batch_size = self.t.shape[0]: dx = (self.y - self.t) / batch_size",
                "dx = np.dot(dout, self.W.T)",
                "self.dW = np.dot(self.x.T, dout)",
                "self.db = np.sum(dout, axis=0)",
                "dout[self.mask] = 0; dx = dout",
                "dx = np.dot(dout, self.W.T)",
                "self.dW = np.dot(self.x.T, dout)",
                "self.db = np.sum(dout, axis=0)",
            ]
        );
    }

    #[test]
    fn sigmoid_softmax_and_nodes() {
        assert_eq!(
            lines("sigmoid"),
            [
                "e = np.exp(-x)",
                "s = 1 + e",
                "out = 1 / s; self.out = out",
                "u = 1.0 - self.out",
                "g = u * self.out",
                "dx = dout * g",
            ]
        );
        let soft = lines("softmax");
        assert_eq!(
            soft[4..],
            [
                "p = dout * self.y",
                "sum_p = np.sum(p, axis=1, keepdims=True)",
                "q = dout - sum_p",
                "dx = self.y * q"
            ]
        );
        // apple: x · count, x · tax; backward visits tax first.
        let apple = lines("apple");
        // The book's MulLayer / AddLayer lines (ch05/layer_naive.py), with what x and y are here.
        assert_eq!(
            apple[0],
            "self.x = x; self.y = y; out = x * y  # here y is w"
        );
        assert_eq!(
            apple[2..4],
            [
                "dx = dout * self.y  # here y is w",
                "dy = dout * self.x  # here dy is dw"
            ]
        );
        let fee = lines("apple-fee");
        assert!(fee.contains(&"out = x + y  # here y is b".to_string()));
        assert!(fee.contains(&"dx = dout * 1".to_string()));
        assert!(fee.contains(&"dy = dout * 1  # here dy is db".to_string()));
        // A graph's node: the book's lines, with the sources each book name stands for.
        let p = Preset::builtin("apple-orange").unwrap();
        let graph: Vec<String> = p.run().unwrap().tape.steps.iter().map(numpy_line).collect();
        assert_eq!(
            graph[0],
            "self.x = x; self.y = y; out = x * y  # here x is apple, y is apple_num, out is apple_price"
        );
        assert!(
            graph.contains(
                &"out = x + y  # here x is apple_price, y is orange_price, out is all_price"
                    .to_string()
            ),
            "{graph:?}"
        );
        assert!(
            graph.contains(&"dy = dout * self.x  # here dy is dtax, x is all_price".to_string()),
            "{graph:?}"
        );
    }

    #[test]
    fn generic_line_follows_the_op() {
        let p = Preset::builtin("affine").unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        let lines: Vec<String> = run.tape.steps.iter().map(generic_line).collect();
        assert_eq!(lines[0], "X_W = np.dot(X, W)");
        assert_eq!(lines[3], "dW = np.dot(X.T, dY)");
        assert_eq!(lines[4], "db = np.sum(dY, axis=0)");
        assert_eq!(ident("log y"), "log_y");
        assert_eq!(ident("ℓ"), "v");
    }

    #[test]
    fn identifiers_are_python_names() {
        assert_eq!(ident("X·W"), "X_W");
        assert_eq!(ident("y − t"), "y_t");
        assert_eq!(ident("2x"), "v_2x");
        assert_eq!(ident("·"), "v");
    }

    #[test]
    fn formulas_become_python_expressions() {
        let p = Preset::builtin("batchnorm").unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        let lines: Vec<String> = run
            .tape
            .steps
            .iter()
            .filter(|s| {
                matches!(
                    s.op,
                    crate::engine::Op::Map(_) | crate::engine::Op::ColumnReduce(..)
                )
            })
            .map(generic_line)
            .collect();
        for want in [
            "var = np.mean((xc * xc), axis=0)",
            "std = np.sqrt((var + 0.000001))",
            "dstd = -np.sum(((dx * xc) / (std * std)), axis=0)",
            "dvar = ((0.5 * dstd) / std)",
            "dxc = ((dx / std) + ((0.5 * xc) * dvar))",
        ] {
            assert!(lines.iter().any(|l| l == want), "{want} not in {lines:?}");
        }
    }
}
