//! Each layer against hand-computed values, the printed results of the learner's note and the book's numbers.

use backstep::engine::layer::{
    Affine, Relu, Sigmoid, Softmax, SoftmaxWithLoss, Tanh, cross_entropy, softmax_rows,
};
use backstep::engine::{Layer, Matrix, NoRecord, Op, Phase, Tape};
use ndarray::array;

fn close(a: &Matrix, b: &Matrix, tol: f64) {
    assert_eq!(a.dim(), b.dim(), "shapes differ: {a} vs {b}");
    for (x, y) in a.iter().zip(b.iter()) {
        assert!((x - y).abs() <= tol, "{a}\n!=\n{b}");
    }
}

#[test]
fn relu_seed_example() {
    // x = np.array([[1.0, -0.5], [-2.0, 3.0]]); Relu().forward(x) -> [[1. 0.] [0. 3.]]
    let x = array![[1.0, -0.5], [-2.0, 3.0]];
    let (out, cache) = Layer::Relu(Relu).forward(&x, None, &mut NoRecord).unwrap();
    assert_eq!(out, array![[1.0, 0.0], [0.0, 3.0]]);
    let (dx, grads) = Layer::Relu(Relu)
        .backward(&cache, &array![[1.0, 2.0], [3.0, 4.0]], &mut NoRecord)
        .unwrap();
    assert_eq!(dx, array![[1.0, 0.0], [0.0, 4.0]]);
    assert!(grads.is_empty());
}

#[test]
fn boolean_mask_seed_example() {
    // a = [[1,2,-3],[2,3,4]]; c = (a <= 0) -> [[False False True] [False False False]]; b[c] = 0
    let a = array![[1.0, 2.0, -3.0], [2.0, 3.0, 4.0]];
    let mut tape = Tape::new();
    let (out, _) = Layer::Relu(Relu).forward(&a, None, &mut tape).unwrap();
    assert_eq!(
        tape.steps[0].op,
        Op::Mask(backstep::engine::MaskRule::AtMostZero)
    );
    assert_eq!(
        tape.steps[0].writes.value,
        array![[0.0, 0.0, 1.0], [0.0, 0.0, 0.0]]
    );
    assert_eq!(out, array![[1.0, 2.0, 0.0], [2.0, 3.0, 4.0]]);
}

#[test]
fn relu_notes_count_the_true_cells_the_learner_sees() {
    let says = |tape: &Tape, step: usize, text: &str| {
        let note = &tape.steps[step].note;
        assert!(note.to_string().contains(text), "step {step}: {note}");
    };
    // one True cell of six: singular wording, and the small output written out
    let a = array![[1.0, 2.0, -3.0], [2.0, 3.0, 4.0]];
    let mut tape = Tape::new();
    let (_, cache) = Layer::Relu(Relu).forward(&a, None, &mut tape).unwrap();
    says(&tape, 0, "1 of 6 cells is ≤ 0 and becomes True;");
    says(&tape, 1, "copy x and zero the True cells: out = ");
    Layer::Relu(Relu)
        .backward(&cache, &ndarray::Array2::from_elem((2, 3), 1.0), &mut tape)
        .unwrap();
    says(&tape, 2, "its gradient is 0: 1 of 6 cells blocked");
    // 3 of 20 (a 4×5 input, over 16 cells: the count instead of the matrix), plural wording
    let b = ndarray::Array2::from_shape_fn((4, 5), |(r, c)| {
        if [0, 7, 13].contains(&(r * 5 + c)) {
            -1.0
        } else {
            1.0
        }
    });
    let mut tape = Tape::new();
    Layer::Relu(Relu).forward(&b, None, &mut tape).unwrap();
    says(&tape, 0, "3 of 20 cells are ≤ 0 and become True;");
    says(&tape, 1, "copy x and zero the 3 True cells");
}

#[test]
fn softmax_note_writes_row_0_of_y_up_to_six_columns() {
    // the book's a = [0.3, 2.9, 4.0]: y = [0.01821127, 0.24519181, 0.73659691]
    let note = |x: ndarray::Array2<f64>| {
        let mut tape = Tape::new();
        Layer::Softmax(Softmax)
            .forward(&x, None, &mut tape)
            .unwrap();
        tape.steps.last().unwrap().note.to_string()
    };
    let n = note(array![[0.3, 2.9, 4.0]]);
    assert!(n.contains("row 0 of y = [0.0182, 0.2452, 0.7366];"), "{n}");
    let n = note(ndarray::Array2::zeros((2, 6)));
    assert!(
        n.contains("row 0 of y = [0.1667, 0.1667, 0.1667, 0.1667, 0.1667, 0.1667];"),
        "{n}"
    );
    let n = note(ndarray::Array2::zeros((1, 7)));
    assert!(n.contains("row 0 of y = (7 values);"), "{n}");
}

#[test]
fn a_loss_below_zero_says_it_comes_from_the_books_1e_7() {
    let mean_note = |x: ndarray::Array2<f64>, t: ndarray::Array2<f64>| {
        let mut tape = Tape::new();
        let (_, cache) = Layer::SoftmaxWithLoss(SoftmaxWithLoss)
            .forward(&x, Some(&t), &mut tape)
            .unwrap();
        (tape.steps.last().unwrap().note.to_string(), cache.loss())
    };
    // y is exactly [0, 1] in f64: L = −log(1 + 1e-7) ≈ −1e-7
    let (note, loss) = mean_note(array![[0.0, 800.0]], array![[0.0, 1.0]]);
    assert!(loss.unwrap() < 0.0, "{loss:?}");
    assert!(
        note.to_string()
            .contains("below 0 only because of the book's 1e-7"),
        "{note}"
    );
    // an ordinary loss (and one of exactly 0 cannot happen: y + 1e-7 ≠ 1 unless y is 1 − 1e-7)
    let (note, loss) = mean_note(array![[0.0, 0.0]], array![[0.0, 1.0]]);
    assert!(loss.unwrap() > 0.0);
    assert!(!note.to_string().contains("below 0"), "{note}");
}

#[test]
fn relu_zero_is_masked() {
    // the book's mask is x <= 0, so 0 itself is blocked
    let (out, cache) = Layer::Relu(Relu)
        .forward(&array![[0.0, 1e-12]], None, &mut NoRecord)
        .unwrap();
    assert_eq!(out, array![[0.0, 1e-12]]);
    let (dx, _) = Layer::Relu(Relu)
        .backward(&cache, &array![[5.0, 5.0]], &mut NoRecord)
        .unwrap();
    assert_eq!(dx, array![[0.0, 5.0]]);
}

#[test]
fn sigmoid_values_and_gradient() {
    let x = array![[0.0, 1.0, -2.0]];
    let (y, cache) = Layer::Sigmoid(Sigmoid)
        .forward(&x, None, &mut NoRecord)
        .unwrap();
    // 1/(1+e^0) = 0.5; 1/(1+e^-1) = 0.7310585786300049; 1/(1+e^2) = 0.11920292202211755
    close(
        &y,
        &array![[0.5, 0.7310585786300049, 0.11920292202211755]],
        1e-15,
    );
    let (dx, _) = Layer::Sigmoid(Sigmoid)
        .backward(&cache, &array![[1.0, 2.0, 1.0]], &mut NoRecord)
        .unwrap();
    // y(1-y): 0.25, 0.19661193324148185, 0.1049935854035065
    close(
        &dx,
        &array![[0.25, 2.0 * 0.19661193324148185, 0.1049935854035065]],
        1e-15,
    );
}

#[test]
fn sigmoid_extremes_stay_finite() {
    let x = array![[1e4, -1e4, 800.0, -800.0]];
    let (y, cache) = Layer::Sigmoid(Sigmoid)
        .forward(&x, None, &mut NoRecord)
        .unwrap();
    assert!(y.iter().all(|v| v.is_finite()), "{y}");
    assert_eq!(y, array![[1.0, 0.0, 1.0, 0.0]]);
    let (dx, _) = Layer::Sigmoid(Sigmoid)
        .backward(&cache, &array![[1.0, 1.0, 1.0, 1.0]], &mut NoRecord)
        .unwrap();
    assert!(dx.iter().all(|v| v.is_finite() && *v == 0.0), "{dx}");
}

#[test]
fn tanh_values_and_gradient() {
    let x = array![[0.0, 1.0, -2.0]];
    let (y, cache) = Layer::Tanh(Tanh).forward(&x, None, &mut NoRecord).unwrap();
    // (e^x − e^−x)/(e^x + e^−x): 0, 0.7615941559557649, −0.964027580075817
    close(
        &y,
        &array![[0.0, 0.7615941559557649, -0.964027580075817]],
        1e-15,
    );
    let (dx, _) = Layer::Tanh(Tanh)
        .backward(&cache, &array![[1.0, 2.0, 1.0]], &mut NoRecord)
        .unwrap();
    // dout·(1 − y²): 1, 2·0.41997434161402614, 0.07065082485316443
    close(
        &dx,
        &array![[1.0, 0.8399486832280523, 0.07065082485316443]],
        1e-15,
    );
    // far out, y is ±1 and the gradient exactly 0, never NaN
    let (y, cache) = Layer::Tanh(Tanh)
        .forward(&array![[1e4, -800.0]], None, &mut NoRecord)
        .unwrap();
    assert_eq!(y, array![[1.0, -1.0]]);
    let (dx, _) = Layer::Tanh(Tanh)
        .backward(&cache, &array![[1.0, 1.0]], &mut NoRecord)
        .unwrap();
    assert_eq!(dx, array![[0.0, 0.0]]);
}

#[test]
fn affine_bias_column_sum_seed_example() {
    // X·W = [[0,0,0],[10,10,10]], B = [1,2,3] -> [[1 2 3] [11 12 13]]; dY = [[1,2,3],[4,5,6]] -> dB = [5 7 9]
    let layer = Layer::Affine(Affine {
        w: array![[10.0, 10.0, 10.0]],
        b: array![[1.0, 2.0, 3.0]],
    });
    let x = array![[0.0], [1.0]];
    let (y, cache) = layer.forward(&x, None, &mut NoRecord).unwrap();
    assert_eq!(y, array![[1.0, 2.0, 3.0], [11.0, 12.0, 13.0]]);
    let (dx, grads) = layer
        .backward(
            &cache,
            &array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
            &mut NoRecord,
        )
        .unwrap();
    assert_eq!(grads[1].name, "b");
    assert_eq!(grads[1].value, array![[5.0, 7.0, 9.0]]);
    // dX = dY·Wᵀ = [[10+20+30], [40+50+60]]
    assert_eq!(dx, array![[60.0], [150.0]]);
    // dW = Xᵀ·dY = 0·[1,2,3] + 1·[4,5,6]
    assert_eq!(grads[0].value, array![[4.0, 5.0, 6.0]]);
}

#[test]
fn affine_dw_is_x_transpose_dy_not_w_transpose() {
    // The learner's bug was dW = W.T·dout. With a non-square W that is not even the right shape,
    // and with a square one it is the wrong number: check against hand values.
    let w = array![[1.0, 2.0], [3.0, 4.0]];
    let x = array![[1.0, 0.0], [0.0, 2.0]];
    let layer = Layer::Affine(Affine {
        w: w.clone(),
        b: array![[0.0, 0.0]],
    });
    let (_, cache) = layer.forward(&x, None, &mut NoRecord).unwrap();
    let dy = array![[1.0, 1.0], [1.0, 0.0]];
    let (_, grads) = layer.backward(&cache, &dy, &mut NoRecord).unwrap();
    // Xᵀ·dY = [[1,0],[0,2]]ᵀ·[[1,1],[1,0]] = [[1,1],[2,0]]
    assert_eq!(grads[0].value, array![[1.0, 1.0], [2.0, 0.0]]);
    assert_ne!(grads[0].value, w.t().dot(&dy));
}

#[test]
fn affine_lean_forward_keeps_no_copy_of_x_and_is_given_it_back() {
    // The learner's example again, by training's path: the same Y, a cache without X, and with X
    // handed back the same dW and db; without it, the gradients of an empty X do not fit dY.
    let layer = Layer::Affine(Affine {
        w: array![[10.0, 10.0, 10.0]],
        b: array![[1.0, 2.0, 3.0]],
    });
    let x = array![[0.0], [1.0]];
    let dy = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
    let (y, lean) = layer.forward_lean(&x, None).unwrap();
    assert_eq!(y, array![[1.0, 2.0, 3.0], [11.0, 12.0, 13.0]]);
    let backstep::engine::layer::Cache::Affine(c) = &lean else {
        panic!("an Affine cache")
    };
    assert_eq!(c.x.len(), 0, "no copy of X");
    let grads = layer.param_grads(Some(&x), &lean, &dy).unwrap();
    assert_eq!(grads[0].value, array![[4.0, 5.0, 6.0]]);
    assert_eq!(grads[1].value, array![[5.0, 7.0, 9.0]]);
    assert!(layer.param_grads(None, &lean, &dy).is_err());
    let (_, full) = layer.forward(&x, None, &mut NoRecord).unwrap();
    assert_eq!(layer.param_grads(None, &full, &dy).unwrap(), grads);
    // a layer without the override keeps what forward keeps
    let (out, relu) = Layer::Relu(Relu).forward_lean(&x, None).unwrap();
    assert_eq!(out, x);
    assert!(
        layer.param_grads(Some(&x), &relu, &dy).is_err(),
        "another kind's cache"
    );
}

#[test]
fn softmax_book_example() {
    // a = np.array([0.3, 2.9, 4.0]); softmax(a) -> [0.01821127 0.24519181 0.73659691]
    let y = softmax_rows(&array![[0.3, 2.9, 4.0]]);
    close(&y, &array![[0.01821127, 0.24519181, 0.73659691]], 5e-9);
    let (y2, _) = Layer::Softmax(Softmax)
        .forward(&array![[0.3, 2.9, 4.0]], None, &mut NoRecord)
        .unwrap();
    assert_eq!(y, y2);
}

#[test]
fn softmax_overflow_guard() {
    let x = array![[1e4, 1e4 - 1.0, -1e4], [1010.0, 1000.0, 990.0]];
    let (y, cache) = Layer::Softmax(Softmax)
        .forward(&x, None, &mut NoRecord)
        .unwrap();
    assert!(y.iter().all(|v| v.is_finite()));
    // row 0: e^0 : e^-1 : 0
    let e = (-1.0f64).exp();
    close(
        &y.row(0).to_owned().insert_axis(ndarray::Axis(0)),
        &array![[1.0 / (1.0 + e), e / (1.0 + e), 0.0]],
        1e-15,
    );
    let (dx, _) = Layer::Softmax(Softmax)
        .backward(
            &cache,
            &array![[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]],
            &mut NoRecord,
        )
        .unwrap();
    assert!(dx.iter().all(|v| v.is_finite()));
}

#[test]
fn softmax_backward_matches_jacobian_by_hand() {
    // dx_i = Σ_k dout_k (y_k (δ_ik − y_i)) = y_i (dout_i − Σ_k dout_k y_k)
    let x = array![[1.0, 2.0, 0.5]];
    let (y, cache) = Layer::Softmax(Softmax)
        .forward(&x, None, &mut NoRecord)
        .unwrap();
    let dout = array![[0.3, -1.0, 2.0]];
    let (dx, _) = Layer::Softmax(Softmax)
        .backward(&cache, &dout, &mut NoRecord)
        .unwrap();
    for i in 0..3 {
        let expected: f64 = (0..3)
            .map(|k| dout[[0, k]] * y[[0, k]] * ((i == k) as u8 as f64 - y[[0, i]]))
            .sum();
        assert!((dx[[0, i]] - expected).abs() < 1e-15);
    }
}

#[test]
fn softmax_with_loss_book_example() {
    // t = (0,1,0), y = (0.3, 0.2, 0.5): y − t = (0.3, −0.8, 0.5); N = 1
    let x = array![[0.3f64.ln(), 0.2f64.ln(), 0.5f64.ln()]];
    let t = array![[0.0, 1.0, 0.0]];
    let mut tape = Tape::new();
    let (y, cache) = Layer::SoftmaxWithLoss(SoftmaxWithLoss)
        .forward(&x, Some(&t), &mut tape)
        .unwrap();
    close(&y, &array![[0.3, 0.2, 0.5]], 1e-15);
    let (dx, _) = Layer::SoftmaxWithLoss(SoftmaxWithLoss)
        .backward(&cache, &array![[1.0]], &mut tape)
        .unwrap();
    close(&dx, &array![[0.3, -0.8, 0.5]], 1e-15);
    // L = −log(0.2 + 1e-7) = 1.6094374124341003
    let loss = tape
        .steps
        .iter()
        .find(|s| s.label == "mean")
        .unwrap()
        .writes
        .value[[0, 0]];
    assert!((loss - 1.6094374124341003).abs() < 1e-12, "{loss}");
    assert!((cross_entropy(&y, &t) - loss).abs() < 1e-15);
}

#[test]
fn softmax_with_loss_divides_by_batch() {
    let x = array![[0.3f64.ln(), 0.2f64.ln(), 0.5f64.ln()], [0.0, 0.0, 0.0]];
    let t = array![[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]];
    let (_, cache) = Layer::SoftmaxWithLoss(SoftmaxWithLoss)
        .forward(&x, Some(&t), &mut NoRecord)
        .unwrap();
    let (dx, _) = Layer::SoftmaxWithLoss(SoftmaxWithLoss)
        .backward(&cache, &array![[1.0]], &mut NoRecord)
        .unwrap();
    let third = 1.0 / 3.0;
    close(
        &dx,
        &array![
            [0.15, -0.4, 0.25],
            [(third - 1.0) / 2.0, third / 2.0, third / 2.0]
        ],
        1e-15,
    );
}

#[test]
fn softmax_with_loss_huge_logits_stay_finite() {
    let x = array![[1e4, -1e4, 0.0]];
    let t = array![[0.0, 1.0, 0.0]];
    let (y, cache) = Layer::SoftmaxWithLoss(SoftmaxWithLoss)
        .forward(&x, Some(&t), &mut NoRecord)
        .unwrap();
    assert!(y.iter().all(|v| v.is_finite()));
    // y for the target is 0, so L = −log(1e-7) = 16.118095650958317
    let backstep::engine::Cache::SoftmaxWithLoss(c) = &cache else {
        panic!("loss cache")
    };
    assert!((c.loss - 16.11809565095832).abs() < 1e-9, "{}", c.loss);
    let (dx, _) = Layer::SoftmaxWithLoss(SoftmaxWithLoss)
        .backward(&cache, &array![[1.0]], &mut NoRecord)
        .unwrap();
    close(&dx, &array![[1.0, -1.0, 0.0]], 1e-15);
}

#[test]
fn buy_apple_graph() {
    // apple 100 × count 2 × tax 1.1 = 220; backward from 1: d apple 2.2, d count 110, d tax 200
    let count = Layer::mul(array![[2.0]]);
    let tax = Layer::mul(array![[1.1]]);
    let (a, ca) = count
        .forward(&array![[100.0]], None, &mut NoRecord)
        .unwrap();
    let (price, ct) = tax.forward(&a, None, &mut NoRecord).unwrap();
    assert!((price[[0, 0]] - 220.0).abs() < 1e-12);
    let (dprice, dtax) = tax.backward(&ct, &array![[1.0]], &mut NoRecord).unwrap();
    assert!((dtax[0].value[[0, 0]] - 200.0).abs() < 1e-12);
    let (dapple, dcount) = count.backward(&ca, &dprice, &mut NoRecord).unwrap();
    assert!((dapple[[0, 0]] - 2.2).abs() < 1e-12);
    assert!((dcount[0].value[[0, 0]] - 110.0).abs() < 1e-12);
}

#[test]
fn buy_apples_and_oranges_graph() {
    // (100 × 2 + 150 × 3) × 1.1 = 715; d apple 2.2, d apple count 110, d orange 3.3,
    // d orange count 165, d tax 650. The add node is Add with b = the orange branch.
    let apples = Layer::mul(array![[2.0]]);
    let oranges = Layer::mul(array![[3.0]]);
    let (apple_price, c_apple) = apples
        .forward(&array![[100.0]], None, &mut NoRecord)
        .unwrap();
    let (orange_price, c_orange) = oranges
        .forward(&array![[150.0]], None, &mut NoRecord)
        .unwrap();
    let add = Layer::add(orange_price);
    let (total, c_add) = add.forward(&apple_price, None, &mut NoRecord).unwrap();
    let tax = Layer::mul(array![[1.1]]);
    let (price, c_tax) = tax.forward(&total, None, &mut NoRecord).unwrap();
    assert!((price[[0, 0]] - 715.0).abs() < 1e-9);
    let (dtotal, dtax) = tax.backward(&c_tax, &array![[1.0]], &mut NoRecord).unwrap();
    assert!((dtax[0].value[[0, 0]] - 650.0).abs() < 1e-9);
    let (dapple_price, dorange_price) = add.backward(&c_add, &dtotal, &mut NoRecord).unwrap();
    let (dapple, dapple_count) = apples
        .backward(&c_apple, &dapple_price, &mut NoRecord)
        .unwrap();
    let (dorange, dorange_count) = oranges
        .backward(&c_orange, &dorange_price[0].value, &mut NoRecord)
        .unwrap();
    for (got, want) in [
        (dapple[[0, 0]], 2.2),
        (dapple_count[0].value[[0, 0]], 110.0),
        (dorange[[0, 0]], 3.3),
        (dorange_count[0].value[[0, 0]], 165.0),
    ] {
        assert!((got - want).abs() < 1e-9, "{got} != {want}");
    }
}

#[test]
fn broadcast_scalar_gradients_are_summed() {
    let mul = Layer::mul(array![[3.0]]);
    let x = array![[1.0, 2.0], [3.0, 4.0]];
    let (out, cache) = mul.forward(&x, None, &mut NoRecord).unwrap();
    assert_eq!(out, array![[3.0, 6.0], [9.0, 12.0]]);
    let (dx, dw) = mul
        .backward(&cache, &array![[1.0, 1.0], [1.0, 2.0]], &mut NoRecord)
        .unwrap();
    assert_eq!(dx, array![[3.0, 3.0], [3.0, 6.0]]);
    assert_eq!(dw[0].value, array![[1.0 + 2.0 + 3.0 + 8.0]]);
    let add = Layer::add(array![[0.5]]);
    let (_, cache) = add.forward(&x, None, &mut NoRecord).unwrap();
    let (_, db) = add
        .backward(&cache, &array![[1.0, 1.0], [1.0, 2.0]], &mut NoRecord)
        .unwrap();
    assert_eq!(db[0].value, array![[5.0]]);
}

#[test]
fn shape_errors_are_errors_not_panics() {
    let layer = Layer::Affine(Affine {
        w: Matrix::zeros((3, 2)),
        b: Matrix::zeros((1, 2)),
    });
    let err = layer
        .forward(&Matrix::zeros((2, 4)), None, &mut NoRecord)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("W is 3×2 but the input has 4 columns"),
        "{err}"
    );
    let err = Layer::mul(Matrix::zeros((2, 2)))
        .forward(&Matrix::zeros((1, 3)), None, &mut NoRecord)
        .unwrap_err();
    assert!(err.to_string().contains("must be 1×3 or 1×1"), "{err}");
    let err = Layer::SoftmaxWithLoss(SoftmaxWithLoss)
        .forward(&Matrix::zeros((1, 3)), None, &mut NoRecord)
        .unwrap_err();
    assert!(err.to_string().contains("needs targets"), "{err}");
}

#[test]
fn tape_sub_steps_per_layer() {
    let cases: Vec<(Layer, Option<Matrix>, usize, usize)> = vec![
        (
            Layer::Affine(Affine {
                w: Matrix::ones((2, 2)),
                b: Matrix::zeros((1, 2)),
            }),
            None,
            2,
            3,
        ),
        (Layer::Relu(Relu), None, 2, 1),
        (Layer::Sigmoid(Sigmoid), None, 3, 3),
        (Layer::Softmax(Softmax), None, 4, 4),
        (
            Layer::SoftmaxWithLoss(SoftmaxWithLoss),
            Some(array![[1.0, 0.0]]),
            7,
            2,
        ),
        (Layer::mul(array![[2.0, 3.0]]), None, 1, 2),
        (Layer::mul(array![[2.0]]), None, 1, 3),
        (Layer::add(array![[2.0]]), None, 1, 2),
    ];
    for (layer, t, fwd, bwd) in cases {
        let mut tape = Tape::new();
        tape_enter(&mut tape, Phase::Forward, &layer);
        let (out, cache) = layer
            .forward(&array![[0.5, -1.0]], t.as_ref(), &mut tape)
            .unwrap();
        assert_eq!(tape.len(), fwd, "{:?} forward", layer.kind());
        tape_enter(&mut tape, Phase::Backward, &layer);
        layer
            .backward(&cache, &Matrix::ones(out.dim()), &mut tape)
            .unwrap();
        assert_eq!(tape.len() - fwd, bwd, "{:?} backward", layer.kind());
        // every backward step that reads a cached value points at a forward step
        for s in &tape.steps[fwd..] {
            for r in &s.reads {
                if let Some(at) = r.cached_at {
                    assert_eq!(tape.steps[at].phase, Phase::Forward);
                }
            }
        }
    }
}

fn tape_enter(tape: &mut Tape, phase: Phase, layer: &Layer) {
    use backstep::engine::Recorder;
    tape.enter(phase, 0, layer.kind().display(), layer.kind());
}

#[test]
fn infer_gives_forwards_output_for_every_layer_of_every_builtin_preset() {
    for b in backstep::preset::BUILTINS {
        let p = backstep::preset::Preset::builtin(b.name).unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        for (l, lr) in p.network.layers.iter().zip(&run.layers) {
            if l.layer.kind().is_loss() {
                continue;
            }
            let got = l.layer.infer(lr.input.view()).unwrap();
            assert_eq!(got, lr.out, "{}: {}", b.name, l.name);
        }
    }
}

#[test]
fn every_layer_names_its_parameters_in_order() {
    // what JSON, the check, the nudge and the explorer's panes list for each layer
    let want: &[(&str, &[&str])] = &[
        ("affine", &["W", "b"]),
        ("mul", &["w"]),
        ("add", &["b"]),
        ("batch_norm", &["gamma", "beta"]),
        ("relu", &[]),
        ("sigmoid", &[]),
        ("softmax", &[]),
        ("softmax_with_loss", &[]),
        ("dropout", &[]),
        ("exp", &[]),
        ("reciprocal", &[]),
        ("convolution", &["W", "b"]),
        ("pooling", &[]),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for b in backstep::preset::BUILTINS {
        let p = backstep::preset::Preset::builtin(b.name).unwrap();
        for l in &p.network.layers {
            let kind = l.layer.kind().as_str();
            let Some((_, names)) = want.iter().find(|(k, _)| *k == kind) else {
                panic!("{kind} is not in the list");
            };
            let got: Vec<&str> = l.layer.params().iter().map(|(n, _)| *n).collect();
            assert_eq!(&got, names, "{} in {}", l.name, b.name);
            // each name reaches its own matrix
            let mut layer = l.layer.clone();
            for (name, value) in l.layer.params() {
                assert_eq!(layer.param_mut(name).unwrap(), value, "{name}");
            }
            seen.insert(kind);
        }
    }
    assert_eq!(
        seen.len(),
        want.len(),
        "every kind is in some built-in: {seen:?}"
    );
}

#[test]
fn backward_refuses_a_dout_of_the_wrong_shape_on_every_layer() {
    for b in backstep::preset::BUILTINS {
        let p = backstep::preset::Preset::builtin(b.name).unwrap();
        if p.graph.is_some() {
            continue;
        }
        let resolved = p.network.validate(&p.inputs).unwrap();
        let caches = p.network.forward_caches(&p.inputs, &resolved).unwrap();
        for (l, cache) in p.network.layers.iter().zip(&caches) {
            if l.layer.kind().is_loss() {
                continue; // its dout is the 1×1 ∂L/∂L
            }
            let (rows, cols) = resolved.shapes[p
                .network
                .layers
                .iter()
                .position(|m| std::ptr::eq(m, l))
                .unwrap()];
            let wrong = Matrix::zeros((rows + 1, cols));
            let err = l.layer.backward(cache, &wrong, &mut NoRecord).unwrap_err();
            assert!(
                err.to_string()
                    .contains(&format!("is {}×{cols}, expected {rows}×{cols}", rows + 1)),
                "{} in {}: {err}",
                l.name,
                b.name
            );
            let err = l.layer.param_grads(None, cache, &wrong).unwrap_err();
            assert!(err.to_string().contains("expected"), "{err}");
        }
    }
}

#[test]
fn every_layer_says_what_its_jacobian_looks_like() {
    // The sentence the Jacobian popup (J) opens with, for each kind, with the shapes filled in.
    let want: &[(&str, &[&str])] = &[
        (
            "affine",
            &["block-diagonal", "through Wᵀ", "dx = dout · Wᵀ"],
        ),
        ("mul", &["diagonal", "[i] (the other factor)"]),
        ("add", &["the identity", "passes dout through unchanged"]),
        (
            "batch_norm",
            &["column-coupled", "dense", "dstd, dvar, dxc, dmu"],
        ),
        ("relu", &["diagonal", "1 where x > 0", "dout[mask] = 0"]),
        ("sigmoid", &["diagonal", "y(1 − y)"]),
        ("softmax", &["block-diagonal", "diag(y) − y·yᵀ"]),
        ("softmax_with_loss", &["one row", "(y − t)/N"]),
        ("dropout", &["diagonal", "mask"]),
        (
            "exp",
            &["diagonal", "∂e[i]/∂neg_x[i] = exp(neg_x[i]) = e[i]"],
        ),
        (
            "reciprocal",
            &["diagonal", "∂y[i]/∂s[i] = −1/s[i]² = −y[i]²"],
        ),
        (
            "convolution",
            &["sparse and repeating", "dx = col2im(dout · col_Wᵀ)"],
        ),
        (
            "pooling",
            &["a selection", "2×2 window", "the first maximum"],
        ),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for b in backstep::preset::BUILTINS {
        let p = backstep::preset::Preset::builtin(b.name).unwrap();
        let Ok(resolved) = p.network.validate(&p.inputs) else {
            continue; // a graph preset has no chain
        };
        let mut input = p.inputs.x.dim();
        for (l, &out) in p.network.layers.iter().zip(&resolved.shapes) {
            let kind = l.layer.kind().as_str();
            let text = l.layer.jacobian_structure(input, out);
            let (_, phrases) = want.iter().find(|(k, _)| *k == kind).unwrap();
            for phrase in *phrases {
                assert!(text.contains(phrase), "{kind} in {}: {text}", b.name);
            }
            seen.insert(kind);
            input = out;
        }
    }
    assert_eq!(seen.len(), want.len(), "{seen:?}");
    // A chain's Mul names its factor w; a graph's node names its inputs by their sources.
    let chain = Layer::mul(Matrix::ones((1, 1))).jacobian_structure((1, 1), (1, 1));
    assert!(
        chain.contains("∂(x ⊙ w)[i]/∂x[i] = w[i] (the other factor)"),
        "{chain}"
    );
    let graph = backstep::preset::Preset::builtin("apple-orange").unwrap();
    let node = graph.network.layers[0]
        .layer
        .jacobian_structure((1, 1), (1, 1));
    assert!(
        node.contains("∂(apple ⊙ apple_num)[i]/∂apple[i] = apple_num[i]"),
        "{node}"
    );
    // log is in no built-in: its sentence in a chain
    let log =
        Layer::Log(backstep::engine::layer::Log::default()).jacobian_structure((1, 1), (1, 1));
    assert!(
        log.contains("∂out[i]/∂x[i] = 1/x[i]") && log.contains("dx = dout / x"),
        "{log}"
    );
    // the shapes are the layer's own: the book's Affine at batch 2, 3 → 2
    let affine = Layer::Affine(Affine {
        w: Matrix::zeros((3, 2)),
        b: Matrix::zeros((1, 2)),
    });
    let text = affine.jacobian_structure((2, 3), (2, 2));
    assert!(text.contains("Wᵀ (2×3); J holds 2 copies"), "{text}");
}

#[test]
fn the_fast_numerical_gradient_carries_an_add_into_a_nonlinear_layer() {
    // x → + b → sigmoid: the fast path propagates x's nudge through Add; a wrong sign there
    // shifts sigmoid's input and changes the central difference.
    let net = backstep::engine::Network {
        layers: vec![
            backstep::engine::NamedLayer {
                name: "Add".into(),
                layer: Layer::add(array![[0.5, -1.0, 2.0], [-0.3, 0.8, 0.0]]),
            },
            backstep::engine::NamedLayer {
                name: "Sigmoid".into(),
                layer: Layer::Sigmoid(Sigmoid),
            },
        ],
    };
    let inputs = backstep::engine::Inputs {
        image: None,
        x: array![[0.3, 1.2, -0.7], [-2.0, 0.1, 0.9]],
        t: None,
        dout: Some(array![[1.0, -2.0, 0.5], [0.25, 1.5, -1.0]]),
    };
    let report = backstep::engine::check::gradient_check(&net, &inputs, 1e-5, 1e-6).unwrap();
    assert!(report.passed(), "{:?}", report.tensors);
    // and against the closed form: dx = dout ⊙ y(1 − y), y = σ(x + b)
    let x_grad = &report.tensors[0].numerical;
    for ((r, c), g) in x_grad.indexed_iter() {
        let b = [[0.5, -1.0, 2.0], [-0.3, 0.8, 0.0]][r][c];
        let y = 1.0 / (1.0 + (-(inputs.x[[r, c]] + b)).exp());
        let want = inputs.dout.as_ref().unwrap()[[r, c]] * y * (1.0 - y);
        assert!((g - want).abs() < 1e-8, "[{r},{c}] {g} vs {want}");
    }
}
