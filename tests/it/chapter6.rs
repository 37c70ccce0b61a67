//! Chapter 6's Dropout and Batch Normalization against numbers computed independently with NumPy
//! (the book's `Dropout` and `BatchNormalization` code; the script is in each test's comment).

use backstep::engine::layer::{BatchNorm, Dropout};
use backstep::engine::{Kind, Layer, MaskSense, Matrix, Param, Phase, Run};
use backstep::preset::{Preset, Source};
use backstep::report::json::trace_json;
use ndarray::array;

fn close(got: &Matrix, want: &Matrix, tol: f64) {
    assert_eq!(got.dim(), want.dim());
    for (g, w) in got.iter().zip(want.iter()) {
        assert!((g - w).abs() <= tol, "got {got}\nwant {want}");
    }
}

fn run(name: &str) -> (Preset, Run) {
    let p = Preset::builtin(name).unwrap();
    let r = p.network.run(&p.inputs).unwrap();
    (p, r)
}

fn grad(run: &Run, layer: usize, param: Param) -> Matrix {
    run.layers[layer]
        .grads
        .iter()
        .find(|g| g.param == param)
        .unwrap()
        .value
        .clone()
}

// NumPy (SplitMix64 re-implemented in Python, seed 0, uniform = (z >> 11) / 2**53):
//   h = x @ W1 + b1; r = rand(0, h.shape); mask = r > 0.5; d = h * mask; s = d @ W2 + b2
//   ds = (softmax(s) - t) / 2; dh = (ds @ W2.T) * mask; dW1 = x.T @ dh; dx = dh @ W1.T
#[test]
fn dropout_draws_its_mask_from_the_seed_and_blocks_those_gradients() {
    let (_, run) = run("dropout");
    let l = &run.layers[1];
    assert_eq!(l.name, "Dropout1");
    let mask_step = &run.tape.steps[l.forward_steps.start];
    assert_eq!(mask_step.reads[0].kind, Kind::Random);
    close(
        &mask_step.reads[0].value,
        &array![
            [
                0.8833108082136426,
                0.43152799704850997,
                0.02643377159259774,
                0.9708819781538285
            ],
            [
                0.10634669156721244,
                0.32732576421812576,
                0.17386786595968284,
                0.771546556331567
            ]
        ],
        1e-15,
    );
    assert_eq!(mask_step.writes.kind, Kind::Mask(MaskSense::TrueKeeps));
    assert_eq!(
        mask_step.writes.value,
        array![[1.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]]
    );
    assert_eq!(run.mask_step(1), Some(l.forward_steps.start));
    close(
        &l.out,
        &array![[0.11, 0.0, 0.0, 0.24], [0.0, 0.0, 0.0, 0.47]],
        1e-15,
    );
    close(
        &l.dx,
        &array![
            [0.06800786380215855, 0.0, 0.0, -0.11334643967026423],
            [0.0, 0.0, 0.0, 0.1457438635502999]
        ],
        1e-15,
    );
    assert!((run.loss.unwrap() - 0.7393108624037427).abs() < 1e-15);
    close(
        &grad(&run, 0, Param::Weights),
        &array![
            [0.06800786380215855, 0.0, 0.0, -0.40483416677086403],
            [0.03400393190107927, 0.0, 0.0, 0.38055837081576754],
            [-0.02040235914064756, 0.0, 0.0, 0.04857831825610926]
        ],
        1e-15,
    );
    close(
        &run.dx,
        &array![
            [
                0.00113346439670264,
                -0.00226692879340528,
                0.06800786380215854
            ],
            [
                0.00728719317751499,
                0.02914877271005998,
                -0.04372315906508997
            ]
        ],
        1e-15,
    );
    // Backward reads the mask forward cached, and explains a dropped cell as blocked.
    let back = &run.tape.steps[l.backward_steps.start];
    let mask = back.read(Kind::Mask(MaskSense::TrueKeeps)).unwrap();
    assert_eq!(mask.cached_at, Some(l.forward_steps.start));
    assert!(
        back.note
            .to_string()
            .contains("uses the mask cached at forward step 3"),
        "{}",
        back.note
    );
    let e = back.explain(0, 1).unwrap();
    // NumPy: (ds @ W2.T)[0, 1] = -0.15868501553836992, dropped by mask[0, 1] = False
    assert_eq!(e.terms[0].numbers.to_string(), "dropped → 0 (was -0.1587)");
    assert_eq!(back.numpy, "dx = dout * self.mask");
    // The notes count what the learner sees in the mask.
    assert!(
        mask_step
            .note
            .to_string()
            .starts_with("3 of 8 uniform numbers are > 0.5 and become True: those cells are kept (the reverse of ReLU's mask"),
        "{}",
        mask_step.note
    );
    let apply = &run.tape.steps[l.forward_steps.start + 1];
    assert!(
        apply
            .note
            .to_string()
            .starts_with("keep the True cells and zero the 5 False ones"),
        "{}",
        apply.note
    );
    assert!(
        back.note
            .to_string()
            .contains("its gradient is 0: 5 of 8 cells blocked"),
        "{}",
        back.note
    );
}

#[test]
fn dropout_masks_come_from_seed_plus_iteration_and_scale_by_one_minus_ratio() {
    let mut d = Dropout::new(0.25, 3, true).unwrap();
    d.iteration = 2;
    let (rand, mask) = d.mask((3, 5));
    assert_eq!(rand, backstep::engine::rng::uniform_matrix(5, (3, 5)));
    assert_eq!(mask, rand.mapv(|v| if v > 0.25 { 1.0 } else { 0.0 }));
    // Test time with ratio 0.25: out = 0.75·x, dx = 0.75·dout.
    let test = Layer::Dropout(Dropout::new(0.25, 3, false).unwrap());
    let x = array![[1.0, -2.0], [4.0, 0.5]];
    let (out, cache) = test
        .forward(&x, None, &mut backstep::engine::NoRecord)
        .unwrap();
    assert_eq!(out, array![[0.75, -1.5], [3.0, 0.375]]);
    let (dx, grads) = test
        .backward(
            &cache,
            &array![[2.0, 2.0], [1.0, -4.0]],
            &mut backstep::engine::NoRecord,
        )
        .unwrap();
    assert_eq!(dx, array![[1.5, 1.5], [0.75, -3.0]]);
    assert!(grads.is_empty());
    assert!(
        test.jacobian_structure((2, 2), (2, 2))
            .starts_with("diagonal: every ∂out[i]/∂x[i] is 1 − ratio = 0.75")
    );
    let train = Layer::Dropout(d);
    assert!(
        train
            .jacobian_structure((2, 2), (2, 2))
            .starts_with("diagonal: ∂out[i]/∂x[i] is 1 where the mask is True")
    );
}

#[test]
fn dropout_at_test_time_scales_instead_of_dropping() {
    let text = backstep::preset::builtin_source("dropout")
        .unwrap()
        .replace("# train = false", "train = false");
    let p = Preset::from_toml(&text, Source::Builtin("dropout-test".into())).unwrap();
    let run = p.network.run(&p.inputs).unwrap();
    // NumPy: h * (1 - 0.5)
    close(
        &run.layers[1].out,
        &array![[0.055, 0.08, 0.11, 0.12], [0.38, 0.76, -0.425, 0.235]],
        1e-15,
    );
    assert_eq!(run.mask_step(1), None);
    close(&run.layers[1].dx, &(&run.layers[1].dout * 0.5), 0.0);
    let r = backstep::engine::gradient_check(&p.network, &p.inputs, 1e-4, 1e-4).unwrap();
    assert!(r.passed(), "{}", r.max_rel_err());
}

#[test]
fn dropout_draws_a_new_mask_each_training_iteration() {
    let mut d = Dropout::new(0.5, 0, true).unwrap();
    let (_, first) = d.mask((4, 4));
    let mut layer = Layer::Dropout(d.clone());
    let (_, cache) = layer
        .forward(&Matrix::ones((4, 4)), None, &mut backstep::engine::NoRecord)
        .unwrap();
    layer.train_step(0, &cache);
    let Layer::Dropout(next) = &layer else {
        panic!("still dropout")
    };
    assert_eq!(next.iteration, 1);
    d.iteration = 1;
    assert_eq!(next.mask((4, 4)).1, d.mask((4, 4)).1);
    assert_ne!(next.mask((4, 4)).1, first);
    assert!(Dropout::new(1.0, 0, true).is_err());
}

// NumPy, the book's BatchNormalization.__forward / __backward:
//   mu = x.mean(axis=0); xc = x - mu; var = np.mean(xc**2, axis=0); std = np.sqrt(var + 10e-7)
//   xn = xc / std; out = gamma * xn + beta
//   dbeta = dout.sum(axis=0); dgamma = np.sum(xn * dout, axis=0); dxn = gamma * dout
//   dxc = dxn / std; dstd = -np.sum((dxn * xc) / (std * std), axis=0); dvar = 0.5 * dstd / std
//   dxc += (2.0 / N) * xc * dvar; dmu = np.sum(dxc, axis=0); dx = dxc - dmu / N
#[test]
fn batch_norm_matches_the_books_code() {
    let (_, run) = run("batchnorm");
    let l = &run.layers[0];
    assert_eq!(l.name, "BatchNorm1");
    let written = |phase: Phase, i: usize| {
        let range = if phase == Phase::Forward {
            l.forward_steps.clone()
        } else {
            l.backward_steps.clone()
        };
        run.tape.steps[range][i].writes.value.clone()
    };
    close(
        &written(Phase::Forward, 0),
        &array![[0.5, 0.625, 0.375]],
        1e-15,
    );
    close(
        &written(Phase::Forward, 2),
        &array![[1.625, 1.171875, 1.171875]],
        1e-15,
    );
    close(
        &l.out,
        &array![
            [0.4922321495895714, 0.4350850251390355, -2.540340100556142],
            [0.1, -0.9505550297097691, -0.6928200274244024],
            [-1.4689285983582854, -0.2577350022853669, 3.0022201188390767],
            [
                1.2766964487687142,
                -0.02679499314389941,
                0.23094000914146745
            ]
        ],
        1e-14,
    );
    assert!((run.loss.unwrap() - 0.39040731037541054).abs() < 1e-14);
    let names: Vec<&str> = run.tape.steps[l.backward_steps.clone()]
        .iter()
        .map(|s| s.writes.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["dβ", "dγ", "dx̂", "dstd", "dvar", "dxc", "dmu", "dx"]
    );
    close(
        &grad(&run, 0, Param::Gamma),
        &array![[
            -0.06672385536752268,
            -0.08451358227536546,
            0.05101426624738802
        ]],
        1e-14,
    );
    close(
        &grad(&run, 0, Param::Beta),
        &array![[
            0.02136651635316834,
            0.01281990981190101,
            -0.04700633597697036
        ]],
        1e-14,
    );
    close(
        &written(Phase::Backward, 3),
        &array![[
            0.05234248243941416,
            0.03903513492650212,
            -0.09424988090813635
        ]],
        1e-14,
    );
    close(
        &written(Phase::Backward, 4),
        &array![[
            0.02053040440206581,
            0.01802954883352963,
            -0.04353213671701445
        ]],
        1e-14,
    );
    close(
        &written(Phase::Backward, 6),
        &array![[
            0.0167612692768879,
            0.00592126017830642,
            -0.08684514928182735
        ]],
        1e-14,
    );
    close(
        &run.dx,
        &array![
            [
                -0.0032005363154091,
                0.00945146409634599,
                0.07310482131796334
            ],
            [0.0563138433924724, 0.00524500513812737, -0.2836165899909894],
            [
                -0.0232200536321402,
                -0.0020770202416222,
                -0.02143398396951753
            ],
            [
                -0.0298932534449231,
                -0.01261944899285117,
                0.23194575264254358
            ]
        ],
        1e-14,
    );
    // Each backward sub-step explains its cells from its operands, e.g. dxc[1,2].
    let dxc = &run.tape.steps[l.backward_steps.start + 5];
    let e = dxc.explain(1, 2).unwrap();
    assert_eq!(e.target, "dxc[1,2]");
    assert_eq!(
        e.rule,
        "dxc[1,2] = (dx̂[1,2] ÷ std[0,2]) + ((2/N · xc[1,2]) · dvar[0,2])"
    );
    assert!((e.terms[0].value - e.value).abs() < 1e-15);
    let note = |phase: Phase, i: usize| {
        let range = if phase == Phase::Forward {
            l.forward_steps.clone()
        } else {
            l.backward_steps.clone()
        };
        run.tape.steps[range][i].note.to_string()
    };
    assert!(note(Phase::Forward, 0).contains("batch of 4: μ = [[0.5, 0.625, 0.375]]"));
    assert!(note(Phase::Forward, 2).contains("var = [[1.625, 1.1719, 1.1719]]"));
    assert!(
        note(Phase::Forward, 5).contains("γ = [[1, 0.5, 2]] and shift by β = [[0.1, -0.2, 0]]")
    );
    assert!(note(Phase::Backward, 0).ends_with(
        "dout summed over its rows (axis=0): one total per column, [[0.0214, 0.0128, -0.047]]"
    ));
    assert!(note(Phase::Backward, 1).contains("[[-0.0667, -0.0845, 0.051]]"));
    assert!(note(Phase::Backward, 5).contains("with N = 4"));
    let p = Preset::builtin("batchnorm").unwrap();
    assert!(
        p.network.layers[0]
            .layer
            .jacobian_structure((4, 3), (4, 3))
            .starts_with("column-coupled: out[n,j] depends on the whole column j of x (through μ and var), never on another column; J has 3 dense 4×4 blocks")
    );
    let dgamma = &run.tape.steps[l.backward_steps.start + 1];
    assert_eq!(dgamma.explain(0, 0).unwrap().terms.len(), 4);
    assert_eq!(dgamma.numpy, "dgamma = np.sum(self.xn * dout, axis=0)");
}

#[test]
fn batch_norm_uses_the_running_statistics_at_test_time_and_updates_them_in_training() {
    let text = backstep::preset::builtin_source("batchnorm")
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
    let p = Preset::from_toml(&text, Source::Builtin("bn-test".into())).unwrap();
    let run = p.network.run(&p.inputs).unwrap();
    // NumPy: gamma * (x - running_mean) / np.sqrt(running_var + 10e-7) + beta
    close(
        &run.layers[0].out,
        &array![
            [0.45355330220495926, 0.5499996250002812, -4.242636444484962],
            [0.1, -0.9499996250002811, -1.4142121481616539],
            [-1.3142132088198368, -0.2, 4.242636444484962],
            [1.1606599066148777, 0.04999987500009373, 0.0]
        ],
        1e-14,
    );
    let r = backstep::engine::gradient_check(&p.network, &p.inputs, 1e-4, 1e-4).unwrap();
    assert!(r.passed(), "{}", r.max_rel_err());

    // One training step: running = 0.9·running + 0.1·batch statistic.
    let p = Preset::builtin("batchnorm").unwrap();
    let resolved = p.network.validate(&p.inputs).unwrap();
    let caches = p.network.forward_caches(&p.inputs, &resolved).unwrap();
    let mut layer = p.network.layers[0].layer.clone();
    layer.train_step(0, &caches[0]);
    // a second step moves from where the first left them (not from zeros)
    let mut twice = layer.clone();
    twice.train_step(1, &caches[0]);
    let Layer::BatchNorm(second) = twice else {
        panic!("still batch norm")
    };
    close(
        &second.running_mean,
        &array![[0.095, 0.11875, 0.07125]],
        1e-15,
    );
    close(
        &second.running_var,
        &array![[1.11875, 1.03265625, 1.03265625]],
        1e-15,
    );
    let Layer::BatchNorm(BatchNorm {
        running_mean,
        running_var,
        ..
    }) = layer
    else {
        panic!("still batch norm")
    };
    close(&running_mean, &array![[0.05, 0.0625, 0.0375]], 1e-15);
    close(&running_var, &array![[1.0625, 1.0171875, 1.0171875]], 1e-15);

    // At test time a step leaves the running statistics alone (the book: train_flg=False).
    let mut frozen = p.network.layers[0].layer.clone();
    if let Layer::BatchNorm(b) = &mut frozen {
        b.train = false;
    }
    let before = frozen.clone();
    frozen.train_step(0, &caches[0]);
    assert_eq!(frozen, before);
}

#[test]
fn json_reports_gamma_and_beta_as_flat_arrays() {
    let (p, run) = run("batchnorm");
    let json = trace_json(&p, &run);
    let grads = &json["layers"][0]["grads"];
    assert_eq!(json["layers"][0]["type"], "batch_norm");
    assert_eq!(json["layers"][0]["name"], "BatchNorm1");
    assert_eq!(grads["gamma"].as_array().unwrap().len(), 3);
    assert!(grads["gamma"][0].is_f64());
    assert!((grads["beta"][2].as_f64().unwrap() + 0.04700633597697036).abs() < 1e-14);
}

#[test]
fn chapter_6_fields_are_checked_with_their_line() {
    let err = |text: &str| {
        Preset::from_toml(text, Source::Builtin("t".into()))
            .err()
            .map(|e| format!("{e:#}"))
            .unwrap_or_default()
    };
    let x = "x = [[1.0, 2.0], [3.0, 4.0]]\n[[layers]]\n";
    let e = err(&format!("{x}type = \"dropout\"\nratio = 1.0\n"));
    assert!(e.contains("ratio is 1") && e.contains("below 1"), "{e}");
    let e = err(&format!("{x}type = \"dropout\"\nrate = 0.5\n"));
    assert!(e.contains("line 4") && e.contains("no field `rate`"), "{e}");
    assert!(e.contains("ratio, seed, train"), "{e}");
    let e = err(&format!(
        "{x}type = \"batch_norm\"\ngamma = [1.0]\nbeta = [0.0]\n"
    ));
    assert!(
        e.contains("gamma has 1 value but the input has 2 columns"),
        "{e}"
    );
    let e = err(&format!("{x}type = \"batch_norm\"\nbeta = [0.0, 0.0]\n"));
    assert!(e.contains("needs gamma"), "{e}");
    let e = err(&format!(
        "{x}type = \"batch_norm\"\ngamma = [1.0, 1.0]\nbeta = [0.0, 0.0]\ntrain = 1\n"
    ));
    assert!(
        e.contains("line 6") && e.contains("train must be true or false"),
        "{e}"
    );
}
