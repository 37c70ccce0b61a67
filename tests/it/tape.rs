//! The tape explains itself: cached reads point at forward steps, notes carry the learner's
//! numbers, and every cell's explanation adds up to the value the step wrote.

use backstep::engine::op::{Decay, broadcast_index};
use backstep::engine::{
    BinOp, Combine, Kind, Layer, MaskRule, MaskSense, Matrix, Op, Phase, Run, Step,
};
use backstep::preset::{BUILTINS, Preset};
use ndarray::Axis;

fn run(name: &str) -> Run {
    let p = Preset::builtin(name).unwrap();
    p.network.run(&p.inputs).unwrap()
}

/// Every built-in's run, and Dropout and BatchNorm at test time (`train = false`: no mask, the
/// running statistics), whose steps no built-in records.
fn every_run() -> Vec<(String, Run)> {
    let mut runs: Vec<(String, Run)> = BUILTINS
        .iter()
        .map(|b| (b.name.to_string(), run(b.name)))
        .collect();
    for name in ["dropout", "batchnorm"] {
        let text = backstep::preset::builtin_source(name)
            .unwrap()
            .replace(
                "# running_mean = [0.0, 0.0, 0.0]",
                "running_mean = [0.5, 0.5, 0.5]",
            )
            .replace(
                "# running_var = [1.0, 1.0, 1.0]",
                "running_var = [2.0, 1.0, 0.5]",
            )
            .replace("# train = false", "train = false");
        assert!(text.contains("\ntrain = false"), "{name}");
        let p = Preset::from_toml(&text, backstep::preset::Source::Builtin(name.into())).unwrap();
        runs.push((
            format!("{name} at test time"),
            p.network.run(&p.inputs).unwrap(),
        ));
    }
    // weight decay's steps, on a training preset's first iteration (updates included)
    let overrides = backstep::preset::TrainOverrides {
        weight_decay: Some(0.1),
        ..Default::default()
    };
    let p = Preset::resolve_with("train-xor", &overrides).unwrap();
    runs.push(("train-xor with weight decay".into(), p.run().unwrap()));
    runs
}

#[test]
fn every_cell_of_every_step_is_explained_and_adds_up() {
    for (name, run) in every_run() {
        for (k, step) in run.tape.steps.iter().enumerate() {
            let (rows, cols) = step.writes.value.dim();
            for r in 0..rows {
                for c in 0..cols {
                    let e = step
                        .explain(r, c)
                        .unwrap_or_else(|| panic!("{} step {k} cell {r},{c}", name));
                    assert_eq!(e.value, step.writes.value[[r, c]]);
                    assert!(!e.terms.is_empty());
                    let sum: f64 = e.terms.iter().map(|t| t.value).sum();
                    // Every term's value is recomputed from the operands, so a term that read
                    // the wrong cell (every bias cell from b[0,0]) makes the sum disagree.
                    let combined = match e.combine {
                        Combine::Sum | Combine::Single => sum,
                        Combine::Mean => sum / e.terms.len() as f64,
                        Combine::NegSum => -sum,
                    };
                    if e.combine == Combine::Single {
                        assert_eq!(e.terms.len(), 1);
                    }
                    assert!(
                        (combined - e.value).abs() <= 1e-12 * (1.0 + e.value.abs()),
                        "{} step {k} ({}) cell {r},{c}: {combined} vs {}",
                        name,
                        step.label,
                        e.value
                    );
                    assert!(e.rule.starts_with(&e.target));
                }
            }
            assert!(step.explain(rows, 0).is_none());
            // And the written matrix itself, recomputed here from the operands.
            let again = recompute(step);
            assert_eq!(again.dim(), step.writes.value.dim(), "{} step {k}", name);
            for (a, w) in again.iter().zip(step.writes.value.iter()) {
                assert!(
                    (a - w).abs() <= 1e-12 * (1.0 + w.abs()),
                    "{} step {k} ({}): recomputed {a} but the tape wrote {w}",
                    name,
                    step.label
                );
            }
        }
    }
}

/// The step's output computed from its operands with ndarray, independently of the engine's
/// explanations.
fn recompute(step: &Step) -> Matrix {
    let a = &step.reads[0].value;
    let b = || &step.reads[1].value;
    let bcast = |m: &Matrix, shape: (usize, usize)| {
        Matrix::from_shape_fn(shape, |(r, c)| m[broadcast_index(m, r, c)])
    };
    match &step.op {
        Op::MatMul {
            transpose_a,
            transpose_b,
        } => {
            let a = if *transpose_a { a.t() } else { a.view() };
            let b = if *transpose_b { b().t() } else { b().view() };
            a.dot(&b)
        }
        Op::Binary(op) => {
            let b = bcast(b(), a.dim());
            match op {
                BinOp::Add => a + &b,
                BinOp::Sub => a - &b,
                BinOp::Mul => a * &b,
                BinOp::Div => a / &b,
            }
        }
        Op::Unary(f) => a.mapv(|v| f.apply(v)),
        Op::ColumnSum => a.sum_axis(Axis(0)).insert_axis(Axis(0)),
        Op::RowSum => a.sum_axis(Axis(1)).insert_axis(Axis(1)),
        Op::SumAll => Matrix::from_elem((1, 1), a.sum()),
        Op::Mean => Matrix::from_elem((1, 1), a.mean().unwrap()),
        Op::Mask(MaskRule::AtMostZero) => a.mapv(|v| f64::from(u8::from(v <= 0.0))),
        Op::Mask(MaskRule::Above(r)) => a.mapv(|v| f64::from(u8::from(v > *r))),
        Op::ApplyMask => {
            let Kind::Mask(sense) = step.reads[1].kind else {
                panic!("{} applies a mask that is not a mask", step.label)
            };
            let mut out = a.clone();
            out.zip_mut_with(b(), |v, &m| {
                let keep = match sense {
                    MaskSense::TrueBlocks => m == 0.0,
                    MaskSense::TrueKeeps => m != 0.0,
                };
                if !keep {
                    *v = 0.0;
                }
            });
            out
        }
        Op::SubRowMax => {
            let mut out = a.clone();
            for mut row in out.rows_mut() {
                let max = row.fold(f64::NEG_INFINITY, |m, &v| m.max(v));
                row.mapv_inplace(|v| v - max);
            }
            out
        }
        Op::CrossEntropyRows => (-(a * b())).sum_axis(Axis(1)).insert_axis(Axis(1)),
        Op::Map(e) => e.eval_all(&step.reads, step.writes.value.dim()),
        Op::Decay(Decay::Term { lambda }) => {
            Matrix::from_elem((1, 1), a[[0, 0]] + 0.5 * lambda * b().mapv(|v| v * v).sum())
        }
        Op::Decay(Decay::Loss) => a + b(),
        Op::Decay(Decay::Grad { lambda }) => a + &(b() * *lambda),
        Op::Update(rule) => Matrix::from_shape_fn(step.writes.value.dim(), |(r, c)| {
            let cell = |i: usize| step.reads.get(i).map_or(0.0, |o| o.value[[r, c]]);
            rule.apply(cell(0), cell(1), cell(2))
        }),
        Op::ColumnReduce(e, reduce) => {
            let n = step.reads.iter().map(|o| o.value.nrows()).max().unwrap();
            Matrix::from_shape_fn((1, step.writes.value.ncols()), |(_, c)| {
                reduce.apply((0..n).map(|r| e.eval(&step.reads, r, c)))
            })
        }
        Op::Im2col(w) | Op::Col2im(w) => {
            // the book's loops: for each window (n, oy, ox) and each of its cells (c, ky, kx),
            // the cell of the zero-padded image at (oy·stride + ky, ox·stride + kx)
            let (h, wd) = (w.input.h as i64, w.input.w as i64);
            let oh = (w.input.h + 2 * w.pad - w.fh) / w.stride + 1;
            let ow = (w.input.w + 2 * w.pad - w.fw) / w.stride + 1;
            let im2col = matches!(step.op, Op::Im2col(_));
            let n = if im2col {
                a.nrows()
            } else {
                a.nrows() / (oh * ow)
            };
            let mut out = step.writes.value.clone();
            out.fill(0.0);
            for i in 0..n {
                for oy in 0..oh {
                    for ox in 0..ow {
                        for c in 0..w.input.c {
                            for ky in 0..w.fh {
                                for kx in 0..w.fw {
                                    let y = (oy * w.stride + ky) as i64 - w.pad as i64;
                                    let x = (ox * w.stride + kx) as i64 - w.pad as i64;
                                    let row = (i * oh + oy) * ow + ox;
                                    let col = (c * w.fh + ky) * w.fw + kx;
                                    if y < 0 || x < 0 || y >= h || x >= wd {
                                        continue;
                                    }
                                    let xi = (c as i64 * h + y) * wd + x;
                                    if im2col {
                                        out[[row, col]] = a[[i, xi as usize]];
                                    } else {
                                        out[[i, xi as usize]] += a[[row, col]];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            out
        }
        Op::MatMulBias => a.dot(b()) + &step.reads[2].value,
        Op::Transpose => a.t().to_owned(),
        Op::Reshape { rows, cols } => {
            Matrix::from_shape_vec((*rows, *cols), a.iter().copied().collect()).unwrap()
        }
        Op::ToImage { plane, channels } => {
            let flat: Vec<f64> = a.iter().copied().collect();
            let n = flat.len() / (plane * channels);
            // reshape(N, P, K).transpose(0, 2, 1)
            Matrix::from_shape_fn((n, channels * plane), |(i, j)| {
                flat[(i * plane + j % plane) * channels + j / plane]
            })
        }
        Op::FromImage { plane } => {
            let k = a.ncols() / plane;
            Matrix::from_shape_fn((a.nrows() * plane, k), |(r, c)| {
                a[[r / plane, c * plane + r % plane]]
            })
        }
        Op::RowMax | Op::RowArgMax => Matrix::from_shape_fn((a.nrows(), 1), |(r, _)| {
            let row = a.row(r);
            let max = row.fold(f64::NEG_INFINITY, |m, &v| m.max(v));
            if matches!(step.op, Op::RowMax) {
                max
            } else {
                row.iter().position(|&v| v == max).unwrap() as f64
            }
        }),
        Op::ScatterArgMax => {
            let flat: Vec<f64> = a.iter().copied().collect();
            let arg = b();
            Matrix::from_shape_fn(step.writes.value.dim(), |(r, c)| {
                if arg[[r, 0]] as usize == c {
                    flat[r]
                } else {
                    0.0
                }
            })
        }
    }
}

#[test]
fn dw_cell_is_a_sum_over_the_batch() {
    let run = run("two-layer");
    let dw = run
        .tape
        .steps
        .iter()
        .find(|s| s.label == "dW = Xᵀ·dY" && s.layer == 0)
        .unwrap();
    let e = dw.explain(0, 1).unwrap();
    assert_eq!(e.rule, "dW[0,1] = Σₙ X[n,0]·dY[n,1]");
    assert_eq!(e.terms.len(), 2);
    assert_eq!(e.terms[0].symbol, "X[0,0]·dY[0,1]");
    assert_eq!(e.terms[1].symbol, "X[1,0]·dY[1,1]");
    // X[0,0] = 1.0 and X[1,0] = −2.0 in the preset
    assert!(e.terms[0].numbers.to_string().starts_with("1.0000·"));
    assert!(e.terms[1].numbers.to_string().starts_with("-2.0000·"));
    assert!(e.expansion(8).starts_with("= 1.0000·"));
    // the cached X is the one the X·W step read
    let x = dw.read(Kind::Input).unwrap();
    let cached = &run.tape.steps[x.cached_at.unwrap()];
    assert_eq!(cached.label, "X·W");
    assert_eq!(cached.phase, Phase::Forward);
    assert_eq!(cached.reads[0].value, x.value);
}

#[test]
fn db_cell_is_the_column_it_summed() {
    let run = run("bias-sum");
    let db = run
        .tape
        .steps
        .iter()
        .find(|s| s.op == Op::ColumnSum)
        .unwrap();
    let e = db.explain(0, 1).unwrap();
    assert_eq!(e.value, 7.0);
    let values: Vec<f64> = e.terms.iter().map(|t| t.value).collect();
    assert_eq!(values, [2.0, 5.0]);
    assert_eq!(e.expansion(8), "= 2.0000 + 5.0000 = 7.0000");
    assert!(db.note.to_string().contains("[[5, 7, 9]]"), "{}", db.note);
}

#[test]
fn relu_cells_say_masked_or_passed() {
    let run = run("relu");
    let mask = &run.tape.steps[0];
    assert_eq!(mask.op, Op::Mask(MaskRule::AtMostZero));
    assert!(
        mask.explain(0, 1)
            .unwrap()
            .note
            .unwrap()
            .to_string()
            .starts_with("True")
    );
    assert!(
        mask.explain(0, 0)
            .unwrap()
            .note
            .unwrap()
            .to_string()
            .starts_with("False")
    );
    let back = run
        .tape
        .steps
        .iter()
        .find(|s| s.phase == Phase::Backward)
        .unwrap();
    assert_eq!(
        back.read(Kind::Mask(MaskSense::TrueBlocks))
            .unwrap()
            .cached_at,
        Some(0)
    );
    assert!(
        back.note
            .to_string()
            .contains("uses the mask cached at forward step 1"),
        "{}",
        back.note
    );
    assert_eq!(
        back.explain(0, 1).unwrap().terms[0].numbers.to_string(),
        "masked → 0 (was 2.0000)"
    );
    assert_eq!(
        back.explain(1, 1).unwrap().terms[0].numbers.to_string(),
        "passed → 4.0000"
    );
}

#[test]
fn notes_say_what_dout_is_and_where_it_came_from() {
    let run = run("two-layer");
    let first_back = |layer: usize| {
        run.tape
            .steps
            .iter()
            .find(|s| s.phase == Phase::Backward && s.layer == layer)
            .unwrap()
    };
    assert!(
        first_back(3)
            .note
            .to_string()
            .starts_with("Backward starts here, at the loss L = ")
    );
    let relu = first_back(1);
    assert!(
        relu.note.to_string().contains(
            "dout = ∂L/∂out of ReLU (2×4) arrives from Affine2, the next layer, as its dx"
        ),
        "{}",
        relu.note
    );
    // the note quotes the cell with the largest |dout|, with its value
    let d = &run.layers[1].dout;
    let ((r, c), v) = d.indexed_iter().fold(((0, 0), 0.0f64), |b, (ix, &v)| {
        if v.abs() > b.1.abs() { (ix, v) } else { b }
    });
    let quoted = format!(
        "dout[{r},{c}] = {}: nudge out[{r},{c}] by h and L moves by about {}·h",
        backstep::i18n::format::n4(v),
        backstep::i18n::format::n4(v)
    );
    assert!(relu.note.to_string().contains(&quoted), "{}", relu.note);
    let apple = self::run("apple");
    let last = apple
        .tape
        .steps
        .iter()
        .find(|s| s.phase == Phase::Backward)
        .unwrap();
    assert!(
        last.note.to_string().contains("is the starting gradient"),
        "{}",
        last.note
    );
}

#[test]
fn steps_come_forward_then_backward_in_layer_order() {
    for b in BUILTINS {
        let run = run(b.name);
        let first_back = run.tape.first_backward();
        assert!(first_back > 0 && first_back < run.tape.len(), "{}", b.name);
        let fwd: Vec<usize> = run.tape.steps[..first_back]
            .iter()
            .map(|s| s.layer)
            .collect();
        assert!(fwd.windows(2).all(|w| w[0] <= w[1]));
        assert!(
            run.tape.steps[first_back..]
                .iter()
                .all(|s| s.phase == Phase::Backward)
        );
        let bwd: Vec<usize> = run.tape.steps[first_back..]
            .iter()
            .map(|s| s.layer)
            .collect();
        assert!(bwd.windows(2).all(|w| w[0] >= w[1]));
        for l in &run.layers {
            assert!(!l.forward_steps.is_empty() && !l.backward_steps.is_empty());
        }
    }
}

#[test]
fn layer_kinds_name_the_operands_their_steps_record() {
    // The explorer finds a layer's output and incoming gradient on the tape by these names.
    for b in BUILTINS {
        let run = run(b.name);
        let preset = Preset::builtin(b.name).unwrap();
        for (i, l) in run.layers.iter().enumerate() {
            // A graph's Mul and Add nodes name their operands by their sources and their output
            // by the node (`apple`, `apple_num` → `apple_price`).
            let (want_out, want_in) = match &preset.network.layers[i].layer {
                Layer::Mul(m) => (m.names.out.clone(), m.names.x.clone()),
                Layer::Add(a) => (a.names.out.clone(), a.names.x.clone()),
                Layer::Exp(e) => (e.names.out.clone(), e.names.x.clone()),
                Layer::Log(g) => (g.names.out.clone(), g.names.x.clone()),
                Layer::Reciprocal(r) => (r.names.out.clone(), r.names.x.clone()),
                _ => (
                    l.kind.output_name().to_string(),
                    l.kind.input_name().to_string(),
                ),
            };
            let forward: Vec<&str> = l
                .forward_steps
                .clone()
                .map(|s| run.tape.steps[s].writes.name.as_str())
                .collect();
            assert!(
                forward.contains(&want_out.as_str()),
                "{} layer {i}: {forward:?}",
                b.name
            );
            let input = l
                .forward_steps
                .clone()
                .find_map(|s| run.tape.steps[s].read(Kind::Input))
                .unwrap_or_else(|| panic!("{} layer {i} never reads its input", b.name));
            assert_eq!(input.name, want_in, "{} layer {i}", b.name);
            assert_eq!(input.value, l.input, "{} layer {i}", b.name);
            if !l.kind.is_loss() {
                let reads_dout = l.backward_steps.clone().any(|s| {
                    run.tape.steps[s]
                        .read(Kind::Dout)
                        .is_some_and(|o| o.name == l.kind.dout_name())
                });
                assert!(
                    reads_dout,
                    "{} layer {i} never reads {}",
                    b.name,
                    l.kind.dout_name()
                );
            }
        }
    }
}
