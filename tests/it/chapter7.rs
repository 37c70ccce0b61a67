//! Chapter 7: Convolution and Pooling against NumPy running the book's code, finite differences,
//! the book's printed shapes, 4-D presets, JSON, and the digits convnet's accuracy.

use std::io::Write;
use std::process::{Command, Stdio};

use backstep::engine::layer::{Convolution, Pooling};
use backstep::engine::tensor::{ImageShape, Window};
use backstep::engine::{Inputs, Layer, Matrix, NamedLayer, Network, gradient_check};
use backstep::preset::{Preset, SplitMix64};
use serde_json::Value;

/// The book's `common/util.py` `im2col`/`col2im` and `common/layers.py` `Convolution` and
/// `Pooling` (forward and backward), line for line, run on the cases given as JSON on stdin.
const BOOK: &str = r#"
import json, sys
import numpy as np

def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    out_h = (H + 2*pad - filter_h)//stride + 1
    out_w = (W + 2*pad - filter_w)//stride + 1
    img = np.pad(input_data, [(0,0), (0,0), (pad, pad), (pad, pad)], 'constant')
    col = np.zeros((N, C, filter_h, filter_w, out_h, out_w))
    for y in range(filter_h):
        y_max = y + stride*out_h
        for x in range(filter_w):
            x_max = x + stride*out_w
            col[:, :, y, x, :, :] = img[:, :, y:y_max:stride, x:x_max:stride]
    col = col.transpose(0, 4, 5, 1, 2, 3).reshape(N*out_h*out_w, -1)
    return col

def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = (H + 2*pad - filter_h)//stride + 1
    out_w = (W + 2*pad - filter_w)//stride + 1
    col = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((N, C, H + 2*pad + stride - 1, W + 2*pad + stride - 1))
    for y in range(filter_h):
        y_max = y + stride*out_h
        for x in range(filter_w):
            x_max = x + stride*out_w
            img[:, :, y:y_max:stride, x:x_max:stride] += col[:, :, y, x, :, :]
    return img[:, :, pad:H + pad, pad:W + pad]

class Convolution:
    def __init__(self, W, b, stride=1, pad=0):
        self.W, self.b, self.stride, self.pad = W, b, stride, pad
    def forward(self, x):
        FN, C, FH, FW = self.W.shape
        N, C, H, W = x.shape
        out_h = 1 + int((H + 2*self.pad - FH) / self.stride)
        out_w = 1 + int((W + 2*self.pad - FW) / self.stride)
        col = im2col(x, FH, FW, self.stride, self.pad)
        col_W = self.W.reshape(FN, -1).T
        out = np.dot(col, col_W) + self.b
        out = out.reshape(N, out_h, out_w, -1).transpose(0, 3, 1, 2)
        self.x, self.col, self.col_W = x, col, col_W
        return out
    def backward(self, dout):
        FN, C, FH, FW = self.W.shape
        dout = dout.transpose(0,2,3,1).reshape(-1, FN)
        self.db = np.sum(dout, axis=0)
        self.dW = np.dot(self.col.T, dout)
        self.dW = self.dW.transpose(1, 0).reshape(FN, C, FH, FW)
        dcol = np.dot(dout, self.col_W.T)
        return col2im(dcol, self.x.shape, FH, FW, self.stride, self.pad)

class Pooling:
    def __init__(self, pool_h, pool_w, stride=1, pad=0):
        self.pool_h, self.pool_w, self.stride, self.pad = pool_h, pool_w, stride, pad
    def forward(self, x):
        N, C, H, W = x.shape
        out_h = int(1 + (H - self.pool_h) / self.stride)
        out_w = int(1 + (W - self.pool_w) / self.stride)
        col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad)
        col = col.reshape(-1, self.pool_h*self.pool_w)
        arg_max = np.argmax(col, axis=1)
        out = np.max(col, axis=1)
        out = out.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)
        self.x, self.arg_max = x, arg_max
        return out
    def backward(self, dout):
        dout = dout.transpose(0, 2, 3, 1)
        pool_size = self.pool_h * self.pool_w
        dmax = np.zeros((dout.size, pool_size))
        dmax[np.arange(self.arg_max.size), self.arg_max.flatten()] = dout.flatten()
        dmax = dmax.reshape(dout.shape + (pool_size,))
        dcol = dmax.reshape(dmax.shape[0] * dmax.shape[1] * dmax.shape[2], -1)
        return col2im(dcol, self.x.shape, self.pool_h, self.pool_w, self.stride, self.pad)

out = []
for case in json.load(sys.stdin):
    x = np.array(case["x"]).reshape(case["x_shape"])
    if case["kind"] == "conv":
        W = np.array(case["W"]).reshape(case["W_shape"])
        layer = Convolution(W, np.array(case["b"]), case["stride"], case["pad"])
    else:
        layer = Pooling(case["pool_h"], case["pool_w"], case["stride"])
    y = layer.forward(x)
    dout = np.array(case["dout"]).reshape(y.shape)
    dx = layer.backward(dout)
    r = {"out": y.flatten().tolist(), "out_shape": list(y.shape), "dx": dx.flatten().tolist(),
         "col": im2col(x, case["fh"], case["fw"], case["stride"], case.get("pad", 0)).shape}
    if case["kind"] == "conv":
        r["dW"] = layer.dW.flatten().tolist()
        r["db"] = layer.db.flatten().tolist()
    out.append(r)
print(json.dumps(out))
"#;

/// Run the book's code on `cases`, or `None` (with the reason printed) without python3 and NumPy.
fn numpy(cases: &Value) -> Option<Vec<Value>> {
    let child = Command::new("python3")
        .args(["-c", BOOK])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("skipped: python3 is not installed");
        return None;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(cases.to_string().as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    if !o.status.success() {
        let err = String::from_utf8_lossy(&o.stderr);
        if err.contains("No module named 'numpy'") {
            eprintln!("skipped: numpy is not installed");
            return None;
        }
        panic!("the book's code failed: {err}");
    }
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    Some(v.as_array().unwrap().clone())
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn random(rng: &mut SplitMix64, n: usize) -> Vec<f64> {
    (0..n).map(|_| rng.normal()).collect()
}

fn close(a: &[f64], b: &[f64], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: lengths");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() <= 1e-10 * (1.0 + y.abs()),
            "{what}[{i}]: {x} vs NumPy {y}"
        );
    }
}

/// A random case: the layer, its input and dout, and the JSON NumPy gets.
struct Case {
    layer: Layer,
    x: Matrix,
    image: ImageShape,
    dout: Matrix,
    json: Value,
}

fn conv_case(rng: &mut SplitMix64) -> Case {
    let pick = |rng: &mut SplitMix64, lo: usize, hi: usize| lo + rng.below(hi - lo + 1);
    let (n, c) = (pick(rng, 1, 3), pick(rng, 1, 3));
    let (fh, fw) = (pick(rng, 1, 4), pick(rng, 1, 4));
    let pad = pick(rng, 0, 2);
    let stride = pick(rng, 1, 3);
    let (h, w) = (pick(rng, fh.max(2), 8), pick(rng, fw.max(2), 8));
    let fnum = pick(rng, 1, 4);
    let image = ImageShape::new(c, h, w);
    let filter = ImageShape::new(c, fh, fw);
    let x = random(rng, n * image.len());
    let wv = random(rng, fnum * filter.len());
    let b = random(rng, fnum);
    let mut conv = Convolution::new(
        Matrix::from_shape_vec((fnum, filter.len()), wv.clone()).unwrap(),
        Matrix::from_shape_vec((1, fnum), b.clone()).unwrap(),
        filter,
        stride,
        pad,
    );
    conv.input = image;
    let out = conv.out_image();
    let dout = random(rng, n * out.len());
    Case {
        layer: Layer::Convolution(conv),
        x: Matrix::from_shape_vec((n, image.len()), x.clone()).unwrap(),
        image,
        dout: Matrix::from_shape_vec((n, out.len()), dout.clone()).unwrap(),
        json: serde_json::json!({
            "kind": "conv", "x": x, "x_shape": [n, c, h, w], "W": wv, "W_shape": [fnum, c, fh, fw],
            "b": b, "stride": stride, "pad": pad, "dout": dout, "fh": fh, "fw": fw
        }),
    }
}

fn pool_case(rng: &mut SplitMix64) -> Case {
    let pick = |rng: &mut SplitMix64, lo: usize, hi: usize| lo + rng.below(hi - lo + 1);
    let (n, c) = (pick(rng, 1, 3), pick(rng, 1, 3));
    let (ph, pw) = (pick(rng, 1, 3), pick(rng, 1, 3));
    let stride = pick(rng, 1, 3);
    let (h, w) = (pick(rng, ph, 7), pick(rng, pw, 7));
    let image = ImageShape::new(c, h, w);
    // whole numbers in a small range: ties happen, and np.argmax takes the first
    let x: Vec<f64> = (0..n * image.len()).map(|_| rng.below(5) as f64).collect();
    let mut pool = Pooling::new(ph, pw, stride);
    pool.input = image;
    let out = pool.out_image();
    let dout = random(rng, n * out.len());
    Case {
        layer: Layer::Pooling(pool),
        x: Matrix::from_shape_vec((n, image.len()), x.clone()).unwrap(),
        image,
        dout: Matrix::from_shape_vec((n, out.len()), dout.clone()).unwrap(),
        json: serde_json::json!({
            "kind": "pool", "x": x, "x_shape": [n, c, h, w], "pool_h": ph, "pool_w": pw,
            "stride": stride, "dout": dout, "fh": ph, "fw": pw
        }),
    }
}

fn net(layer: Layer) -> Network {
    Network {
        layers: vec![NamedLayer {
            name: layer.kind().display().to_string(),
            layer,
        }],
    }
}

#[test]
fn convolution_and_pooling_match_the_books_numpy_code_on_random_shapes() {
    let mut rng = SplitMix64(7);
    let cases: Vec<Case> = (0..40)
        .map(|i| {
            if i % 2 == 0 {
                conv_case(&mut rng)
            } else {
                pool_case(&mut rng)
            }
        })
        .collect();
    let json = Value::Array(cases.iter().map(|c| c.json.clone()).collect());
    let Some(book) = numpy(&json) else {
        return;
    };
    for (k, (case, want)) in cases.iter().zip(&book).enumerate() {
        let inputs = Inputs {
            x: case.x.clone(),
            image: Some(case.image),
            t: None,
            dout: Some(case.dout.clone()),
        };
        let run = net(case.layer.clone()).run(&inputs).unwrap();
        let lr = &run.layers[0];
        let what = |s: &str| format!("case {k} ({}) {s}", case.json);
        close(
            &lr.out.iter().copied().collect::<Vec<_>>(),
            &floats(&want["out"]),
            &what("out"),
        );
        let dims = lr.out_image.unwrap().dims(case.x.nrows());
        let shape: Vec<usize> = floats(&want["out_shape"])
            .iter()
            .map(|&v| v as usize)
            .collect();
        assert_eq!(dims.to_vec(), shape, "{}", what("out shape"));
        close(
            &run.dx.iter().copied().collect::<Vec<_>>(),
            &floats(&want["dx"]),
            &what("dx"),
        );
        // im2col's shape, from the step that wrote col
        let col = &run.tape.steps[0].writes.value;
        let col_shape = floats(&want["col"]);
        assert_eq!(
            (col.nrows() as f64, col.ncols() as f64),
            (col_shape[0], col_shape[1]),
            "{}",
            what("col")
        );
        if let Layer::Convolution(_) = case.layer {
            let dw = &lr.grads[0].value;
            close(
                &dw.iter().copied().collect::<Vec<_>>(),
                &floats(&want["dW"]),
                &what("dW"),
            );
            close(
                &lr.grads[1].value.iter().copied().collect::<Vec<_>>(),
                &floats(&want["db"]),
                &what("db"),
            );
        }
    }
}

#[test]
fn im2col_gives_the_books_printed_shapes() {
    // ch07: x1 = np.random.rand(1, 3, 7, 7); im2col(x1, 5, 5, stride=1, pad=0).shape → (9, 75);
    // x2 = np.random.rand(10, 3, 7, 7) → (90, 75)
    let w = Window {
        input: ImageShape::new(3, 7, 7),
        fh: 5,
        fw: 5,
        stride: 1,
        pad: 0,
    };
    assert_eq!(w.im2col(&Matrix::zeros((1, 147))).dim(), (9, 75));
    assert_eq!(w.im2col(&Matrix::zeros((10, 147))).dim(), (90, 75));
}

#[test]
fn every_conv_and_pool_case_passes_finite_differences() {
    let mut rng = SplitMix64(11);
    for k in 0..12 {
        let case = if k % 2 == 0 {
            conv_case(&mut rng)
        } else {
            pool_case(&mut rng)
        };
        // pooling on distinct values: a tie is a corner of max (the check notes it)
        let x = match case.layer {
            Layer::Pooling(_) => Matrix::from_shape_fn(case.x.dim(), |(r, c)| {
                (r * 1000 + c) as f64 * 0.01 + case.x[[r, c]]
            }),
            _ => case.x.clone(),
        };
        let inputs = Inputs {
            x,
            image: Some(case.image),
            t: None,
            dout: Some(case.dout.clone()),
        };
        let report = gradient_check(&net(case.layer.clone()), &inputs, 1e-5, 1e-6).unwrap();
        assert!(report.passed(), "case {k}: {}", report.max_rel_err());
    }
}

#[test]
fn a_size_that_does_not_fit_or_a_channel_mismatch_names_the_layer_and_both_shapes() {
    let err = |toml: &str| {
        let path = std::env::temp_dir().join(format!("backstep-conv-{}.toml", std::process::id()));
        std::fs::write(&path, toml).unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_backstep"))
            .args(["trace", "--preset", path.to_str().unwrap()])
            .output()
            .unwrap();
        let _ = std::fs::remove_file(&path);
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).to_string(),
        )
    };
    let toml = |x: &str, w: &str| {
        format!(
            "x = {{ random = \"uniform\", shape = {x}, seed = 1 }}\n[[layers]]\ntype = \"convolution\"\nW = {{ random = \"normal\", shape = {w}, seed = 2 }}\nb = [0.0]\n"
        )
    };
    let p = Preset::from_toml(
        &toml("[1, 1, 4, 4]", "[1, 2, 3, 3]"),
        backstep::preset::Source::File("c.toml".into()),
    );
    let e = format!("{:#}", p.unwrap_err());
    assert!(
        e.contains("layer 1 (Conv1)") && e.contains("1×2×3×3") && e.contains("1×4×4"),
        "{e}"
    );
    let p = Preset::from_toml(
        &toml("[1, 1, 2, 2]", "[1, 1, 3, 3]"),
        backstep::preset::Source::File("c.toml".into()),
    );
    let e = format!("{:#}", p.unwrap_err());
    assert!(
        e.contains("layer 1 (Conv1)") && e.contains("1×1×3×3") && e.contains("1×2×2"),
        "{e}"
    );
    // from the command line: exit 2
    let (code, stderr) = err(&toml("[1, 1, 2, 2]", "[1, 1, 3, 3]"));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("does not fit"), "{stderr}");
}

#[test]
fn trace_json_writes_4d_tensors_nested_and_b_flat() {
    let o = Command::new(env!("CARGO_BIN_EXE_backstep"))
        .args(["trace", "--preset", "convnet", "--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let dims = |v: &Value| {
        let mut d = Vec::new();
        let mut cur = v;
        while let Some(a) = cur.as_array() {
            d.push(a.len());
            cur = &a[0];
        }
        d
    };
    let conv = &v["layers"][0];
    assert_eq!(conv["type"], "convolution");
    assert_eq!(dims(&conv["out"]), [1, 10, 8, 8]);
    assert_eq!(dims(&conv["dx"]), [1, 1, 10, 10]);
    assert_eq!(dims(&conv["grads"]["W"]), [10, 1, 3, 3]);
    assert_eq!(dims(&conv["grads"]["b"]), [10]);
    let pool = &v["layers"][2];
    assert_eq!(dims(&pool["out"]), [1, 10, 4, 4]);
    // the Affine after the 4-D tensor hands dx back in 4-D (the book's original_x_shape)
    let affine = &v["layers"][3];
    assert_eq!(affine["type"], "affine");
    assert_eq!(dims(&affine["dx"]), [1, 10, 4, 4]);
    assert_eq!(dims(&affine["out"]), [1, 10]);
    assert_eq!(dims(&v["dx"]), [1, 1, 10, 10]);
    // steps keep their own shape: col is 2-D (64 windows × 9), the reshape writes 4-D
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(dims(&steps[0]["value"]), [64, 9]);
    assert_eq!(dims(&steps[3]["value"]), [1, 10, 8, 8]);
}

#[test]
fn every_cell_of_col_and_of_dx_explains_itself() {
    let p = Preset::builtin("conv-stride-pad").unwrap();
    let run = p.network.run(&p.inputs).unwrap();
    let im2col = &run.tape.steps[0];
    let mut padding = 0;
    for ((r, c), v) in im2col.writes.value.indexed_iter() {
        let e = im2col.explain(r, c).unwrap();
        let note = e.note.unwrap().to_string();
        if note.contains("0 from padding") {
            padding += 1;
            assert_eq!(*v, 0.0);
        } else {
            assert!(note.contains("a copy of x[0,"), "{note}");
        }
    }
    assert!(padding > 0);
    // col2im: a dx cell is the sum of every dcol cell copied from it, each named
    let col2im = run.tape.steps.last().unwrap();
    assert_eq!(col2im.label, "col2im");
    let e = col2im.explain(0, 6).unwrap(); // x[0,0,1,1]
    assert_eq!(e.target, "dx[0,0,1,1]");
    assert!(e.terms.iter().all(|t| t.symbol.starts_with("dcol[")));
    let sum: f64 = e.terms.iter().map(|t| t.value).sum();
    assert!((sum - e.value).abs() < 1e-12);
    // the conv preset's out[0,0] is Σ col·col_W + b with the window's numbers: 1·2 + 2·0 + 0·1 + 1·(−1) + 0.5
    let p = Preset::builtin("conv").unwrap();
    let run = p.network.run(&p.inputs).unwrap();
    let product = &run.tape.steps[2];
    let e = product.explain(0, 0).unwrap();
    assert_eq!(e.value, 1.5);
    assert_eq!(e.terms.len(), 5);
    assert_eq!(e.terms[4].symbol, "b[0]");
}

#[test]
fn pooling_sends_dout_to_the_first_maximum_of_a_tie() {
    let p = Preset::builtin("pooling").unwrap();
    let run = p.network.run(&p.inputs).unwrap();
    // top-left window: 1, 3 / 3, 0 — the first 3 (x[0,0,0,1]) gets dout 1, the second none
    assert_eq!(run.dx[[0, 1]], 1.0);
    assert_eq!(run.dx[[0, 4]], 0.0);
    assert_eq!(run.out.row(0).to_vec(), [3.0, 4.0, 6.0, 0.5]);
    let argmax = run
        .tape
        .steps
        .iter()
        .find(|s| s.op == backstep::engine::Op::RowArgMax)
        .unwrap();
    let e = argmax.explain(0, 0).unwrap();
    assert!(
        e.note.unwrap().to_string().contains("tie"),
        "the tie is named"
    );
}

#[test]
fn the_digits_convnet_reaches_97_percent() {
    // 1,000 iterations in about half a minute of a debug build: the fast path's inner loops index
    // slices (quick unoptimised too); per-epoch accuracies on 100 rows, the final on all
    let text = backstep::preset::builtin_source("train-convnet-digits")
        .unwrap()
        .replace("iters = 1000", "iters = 1000\neval_samples = 100");
    let p = Preset::from_toml(&text, backstep::preset::Source::File("d.toml".into())).unwrap();
    assert_eq!(p.inputs.image, Some(ImageShape::new(1, 8, 8)));
    let mut trainer = p.trainer().unwrap();
    while !trainer.finished() {
        trainer.step().unwrap();
    }
    let f = trainer.final_report().unwrap();
    assert!(f.test_acc.unwrap() >= 0.97, "{f:?}");
}

#[test]
fn eval_samples_measures_epochs_on_the_first_rows_and_final_on_all() {
    let text = backstep::preset::builtin_source("train-convnet-digits")
        .unwrap()
        .replace("iters = 1000", "iters = 30\neval_samples = 100");
    let p = Preset::from_toml(&text, backstep::preset::Source::File("e.toml".into())).unwrap();
    let mut trainer = p.trainer().unwrap();
    while !trainer.finished() {
        trainer.step().unwrap();
    }
    for e in trainer.epochs() {
        // 100 rows: every accuracy is a whole number of percent
        let pct = e.train_acc * 100.0;
        assert!((pct - pct.round()).abs() < 1e-9, "{e:?}");
    }
    let f = trainer.final_report().unwrap();
    let rows = (f.train_acc * 1437.0).round();
    assert!((f.train_acc * 1437.0 - rows).abs() < 1e-6, "{f:?}");
}
