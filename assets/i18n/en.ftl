# backstep's messages in English (Project Fluent syntax: https://projectfluent.org/fluent/guide/).
# Each message has an id; `{ $name }` is an argument, `{ $n -> [one] … *[other] … }` a plural.
# zh.ftl and ja.ftl have the same ids with the same arguments (a test checks). Each area of the
# program has a section opened by a `## area:` comment, in the same order in every file.

## area: lang
lang-unknown = { $value } is not a language backstep speaks: use { $choices }

## area: presets
presets-summary-two-layer = Affine → ReLU → Affine → Softmax-with-Loss: the book's TwoLayerNet, small
presets-summary-mask = a NumPy boolean mask, ReLU's tool: a = [[1,2,-3],[2,3,4]], mask = (a <= 0)
presets-summary-relu = the book's ReLU example (ch. 5): x = [[1.0,-0.5],[-2.0,3.0]]
presets-summary-sigmoid = Sigmoid forward in three steps; backward from the cached y
presets-summary-bias-sum = the book's bias column-sum (ch. 5): dY = [[1,2,3],[4,5,6]] gives db = [5,7,9]
presets-summary-affine = one Affine layer on a batch of 4: dX, dW and db
presets-summary-softmax = plain Softmax with a given dout: the row-mixing backward
presets-summary-softmax-loss = Softmax-with-Loss: the book's y = (0.3, 0.2, 0.5) gives y − t = (0.3, −0.8, 0.5)
presets-summary-apple = buy apples: 100 × 2 × 1.1 = 220; d apple 2.2, d count 110, d tax 200
presets-summary-apple-orange = the book's graph: (100 × 2 + 150 × 3) × 1.1 = 715; d apple 2.2, d orange 3.3, d tax 650
presets-summary-fan-out = f = (x + y) × x: x is used twice, so its gradients add up (3 + 5 = 8)
presets-summary-sigmoid-graph = Fig. 5-19, Sigmoid from nodes ×(−1), exp, +1, /: x = −2 gives y = 0.1192, dx = 0.105 = y(1 − y)
presets-summary-apple-fee = apples plus a delivery fee (an Add node): (100 × 2 + 50) × 1.1 = 275
presets-summary-dropout = chapter 6's Dropout between two Affine layers: mask = rand > 0.5, rand from SplitMix64 seed 0 (not NumPy's)
presets-summary-batchnorm = chapter 6's Batch Normalization: mean, centre, variance, std, x̂, γ ⊙ x̂ + β, and 8 backward sub-steps
presets-summary-train-spiral = training: the CS231n net 2 → 100 → 3 on a 3-arm spiral, SGD lr 1.0
presets-summary-train-xor = training: 2 → 8 → 2 learns XOR by full-batch gradient descent
presets-summary-train-digits = training: the book's TwoLayerNet 64 → 50 → 10 on the built-in 8×8 digits
presets-summary-train-mnist = training: ch05/train_neuralnet.py, 784 → 50 → 10 on MNIST (needs --data mnist:DIR)
presets-title-two-layer = Two-layer net
presets-title-mask = Boolean mask
presets-title-relu = ReLU
presets-title-sigmoid = Sigmoid
presets-title-bias-sum = Bias column-sum
presets-title-affine = Affine on a batch
presets-title-softmax = Softmax
presets-title-softmax-loss = Softmax-with-Loss
presets-title-apple = Buy apples
presets-title-apple-orange = Apples and oranges
presets-title-fan-out = A value used twice
presets-title-sigmoid-graph = Sigmoid as a graph
presets-title-apple-fee = Apples plus delivery
presets-title-dropout = Dropout
presets-title-batchnorm = Batch Normalization
presets-title-train-spiral = Spiral, 3 classes
presets-title-train-xor = XOR
presets-title-train-digits = Digits, 8×8
presets-title-train-mnist = MNIST
presets-title-lab-optimizers = Lab: the four optimizers (Fig. 6-9)
presets-title-lab-batchnorm = Lab: Batch Normalization (Fig. 6-19)
presets-title-lab-dropout = Lab: Dropout against overfitting (Fig. 6-23)
presets-description-two-layer = Affine → ReLU → Affine → Softmax-with-Loss: the book's TwoLayerNet, with 2 samples, 3 inputs, 4 hidden units, 3 classes
presets-description-mask = A NumPy boolean mask, the tool ReLU uses: a = [[1,2,-3],[2,3,4]], c = (a <= 0), b[c] = 0
presets-description-relu = The book's ReLU example (chapter 5) x = [[1.0, -0.5], [-2.0, 3.0]]: forward gives [[1, 0], [0, 3]]; backward reuses the mask
presets-description-sigmoid = y = 1/(1 + exp(−x)) in three steps; backward dx = dout ⊙ y ⊙ (1 − y) needs only the cached y
presets-description-bias-sum = The book's example (chapter 5, the batch Affine layer): X·W = [[0,0,0],[10,10,10]], b = [1,2,3]; dY = [[1,2,3],[4,5,6]] gives db = [5,7,9], the sum over rows (axis=0)
presets-description-affine = Y = X·W + b for a batch of 4 samples: dX = dY·Wᵀ, dW = Xᵀ·dY, db = Σ of dY over rows (axis=0)
presets-description-softmax = Row-wise softmax (max subtracted first); backward dx = y ⊙ (dout − Σ dout ⊙ y) mixes each row
presets-description-softmax-loss = Softmax then cross-entropy; backward is (y − t)/N. Row 0 gives the book's y = (0.3, 0.2, 0.5)
presets-description-apple = The book's computational graph: apple 100 × count 2 × tax 1.1 = 220; backward from 1
presets-description-apple-orange = The book's graph (Fig. 5-17): (100 × 2 + 150 × 3) × 1.1 = 715; backward from 1: d apple 2.2, d apple_num 110, d orange 3.3, d orange_num 165, d tax 650
presets-description-fan-out = f = (x + y) × x with x = 3, y = 2: x feeds two nodes, so its gradients add up: ∂f/∂x = 3 + 5 = 8, ∂f/∂y = 3
presets-description-sigmoid-graph = The book's Fig. 5-19: y = 1/(1 + exp(−x)) from primitive nodes ×(−1), exp, +1 and /; backward gives dx = y(1 − y), the Sigmoid layer's
presets-description-apple-fee = An Add node: (apple 100 × count 2 + fee 50) × tax 1.1 = 275; the add node passes its gradient through
presets-description-dropout = Affine → Dropout → Affine → Softmax-with-Loss: chapter 6's Dropout, its mask drawn by backstep's own generator (SplitMix64, seed 0), not np.random.seed(0)
presets-description-batchnorm = BatchNorm → Affine → Softmax-with-Loss: chapter 6's BatchNormalization on a batch of 4, backward in 8 sub-steps
presets-description-train-spiral = the CS231n two-layer net (2 → 100 → 3) trained on a 3-arm spiral
presets-description-train-xor = a 2 → 8 → 2 net learns XOR by plain gradient descent (every row, every iteration)
presets-description-train-digits = the book's TwoLayerNet (64 → 50 → 10) on the 1,797 handwritten digits built into backstep
presets-description-train-mnist = ch05/train_neuralnet.py: TwoLayerNet 784 → 50 → 10 on MNIST (needs --data mnist:DIR)
presets-description-lab-optimizers = optimizer_compare_mnist.py on the digits: five Affine layers (four hidden of 100, ReLU, He weights), SGD, Momentum, AdaGrad and Adam at the book's defaults
presets-description-lab-batchnorm = batch_norm_test.py on the digits: six Affine layers (five hidden of 100, ReLU), weights 0.01·N(0, 1), 1,000 training rows, SGD lr 0.01, 20 epochs; without and with a BatchNorm after every hidden Affine
presets-description-lab-dropout = overfit_dropout.py on the digits: seven Affine layers (six hidden of 100, ReLU, He weights), 300 training rows, SGD lr 0.01, 301 epochs; without and with a Dropout of 0.2 after every hidden ReLU
presets-summary-lab-optimizers = lab (Fig. 6-9): SGD, Momentum, AdaGrad and Adam on a 5-layer ReLU net, digits; backstep compare
presets-summary-lab-batchnorm = lab (Fig. 6-19): a 6-layer net started at W ~ 0.01·N(0, 1), without and with BatchNorm, digits; backstep compare
presets-summary-lab-dropout = lab (Fig. 6-23): a 7-layer net on 300 training rows overfits; Dropout 0.2 narrows the train–test gap; backstep compare

## area: narr
narr-expansion-elided = { $head } + … ({ $n } terms) … { $last }
narr-matmul-note = { $n } terms: { $a_line ->
        [column] column
       *[row] row
    } { $r } of { $a } times { $b_line ->
        [row] row
       *[column] column
    } { $c } of { $b }
narr-broadcast-note = { $name } is { $shape }: the same { $cell } is used for every { $every ->
        [cell] cell
        [row] row
       *[column] column
    }
narr-sum-columns-note = the bias was added to { $rows ->
        [1] the one row
        [2] both rows
       *[other] all { $rows } rows
    }, so its gradient sums column { $c } of { $name }
narr-sum-rows-note = the sum of row { $r } of { $name }
narr-sum-all-note = a 1×1 operand was broadcast to every cell, so its gradient sums them all
narr-mean-note = the loss is the mean over the batch
narr-mask-test = { $value } { $rule } is { $truth }
narr-mask-relu-true = True: this cell is masked — ReLU outputs 0 here and blocks its gradient
narr-mask-relu-false = False: this cell passes — ReLU outputs x and lets its gradient through
narr-mask-dropout-true = True: this cell is kept — Dropout outputs x here and lets its gradient through
narr-mask-dropout-false = False: this cell is dropped — Dropout outputs 0 here and blocks its gradient
narr-apply-mask-numbers = { $happened ->
        [masked] masked → 0 (was { $value })
        [dropped] dropped → 0 (was { $value })
        [kept] kept → { $value }
       *[passed] passed → { $value }
    }
narr-apply-mask-note = { $happened ->
        [masked] masked
        [dropped] dropped
        [kept] kept
       *[passed] passed
    }: { $cell } is { $truth }
narr-sub-row-max-note = row { $r }'s max is { $cell }; subtracting it keeps exp from overflowing and does not change softmax
narr-cross-entropy-note = only the target class has t = 1, so this is −log y of the right answer
narr-column-reduce-note = { $n } terms, one per row n of column { $c }: the same value was used for every row in forward, so its gradient (or statistic) gathers them all
narr-adam-step-note = lr_t = { $lr_t } is this iteration's learning rate after bias correction
narr-adagrad-step-note = cells whose gradients have been large (big h) take smaller steps
narr-cached-read = { $mask ->
        [yes] the { $name }
       *[no] { $name }
    } cached at forward step { $step }
narr-cached-and = { $first } and { $then }
narr-uses-cached = ; uses { $reads }
narr-dout-loss = Backward starts here, at the loss L = { $loss }, from ∂L/∂L = 1.
narr-dout-start = { $d } ({ $shape }{ $book ->
        [yes] , the book's dout
       *[no] {""}
    }) is the starting gradient: with L = Σ { $d } ⊙ { $out }, { $d }[0,0] = { $first } = ∂L/∂{ $out }[0,0].
narr-dout-arrives = { $book ->
        [yes] { $d } (the book's dout = ∂L/∂{ $out })
       *[no] dout = ∂L/∂{ $out }
    } of { $name } ({ $shape }) arrives from { $next }, the next layer, as its dx; { $d }[{ $r },{ $c }] = { $v }: nudge { $out }[{ $r },{ $c }] by h and L moves by about { $v }·h.
narr-dout-graph-output = Backward starts here, at the output { $name }, from dout = ∂{ $of }/∂{ $of } = 1.
narr-dout-graph-start = dout ({ $shape }) is the starting gradient at the output { $name }: with L = Σ dout ⊙ out, dout = ∂L/∂{ $name } = { $value }.
narr-dout-graph-one = dout = ∂{ $of }/∂{ $name } = { $value }, arriving from { $from } (its gradient for this input).
narr-dout-graph-sum = dout = ∂{ $of }/∂{ $name } = { $value }: { $name } feeds { $n } nodes ({ $from }), so its gradient is the sum of theirs.
narr-relu-mask = { $k } of { $n ->
        [one] { $n } cell
       *[other] { $n } cells
    } { $k ->
        [one] is ≤ 0 and becomes
       *[other] are ≤ 0 and become
    } True; the mask is kept for backward
narr-relu-apply-small = copy x and zero the True cells: out = { $out }
narr-relu-apply = copy x and zero the { $k } True cells
narr-relu-backward = a cell that forward set to 0 does not move when x moves, so its gradient is 0: { $k } of { $n ->
        [one] { $n } cell
       *[other] { $n } cells
    } blocked
narr-affine-xw = X ({ $x }) · W ({ $w }) → { $xw }: each cell is a row of X dotted with a column of W, e.g. (X·W)[0,0] = { $first }; X is kept for backward
narr-affine-add-b = b = { $b } is added to { $rows ->
        [1] the one row
        [2] both rows
       *[other] all { $rows } rows
    } (broadcast); that is why backward sums dY over rows. b is shown as 1×{ $h }; NumPy's self.b has shape ({ $h },)
narr-affine-dx = dY ({ $dy }) · Wᵀ ({ $wt }) → dX ({ $dx }): X[n,i] fed Y[n,·] through row i of W, so its gradient collects dY[n,·]·W[i,·]; dX[0,0] = { $first }
narr-affine-dw = Xᵀ ({ $xt }) · dY ({ $dy }) → dW ({ $dw }), the shape of W; W[i,j] met X[n,i] in every row n, so dW[i,j] sums X[n,i]·dY[n,j] over the batch (dY is the book's dout)
narr-affine-db = b was added to { $rows ->
        [1] the one row
        [2] both rows
       *[other] all { $rows } rows
    }, so db is dY summed over its rows (axis=0): one total per column, { $db }. db is shown as 1×{ $h }; NumPy's np.sum(dout, axis=0) (dY is the book's dout) has shape ({ $h },)
narr-softmax-sub-max = subtract each row's largest score: exp can no longer overflow, and softmax is unchanged
narr-softmax-exp = every cell is now in (0, 1], the row's max cell exactly 1
narr-softmax-row-sum = one sum per row (an N×1 column): s[0] = { $first }
narr-softmax-div = each row now sums to 1: row 0 of y = { $row }; y is kept for backward
narr-softmax-back-p = every output of a row depends on every input of that row, so the row's gradients mix
narr-softmax-back-sum = sum_p[n] = Σₖ dout[n,k]·y[n,k], the part shared by the whole row; sum_p[0] = { $first }
narr-softmax-back-sub = subtract the row's shared part from each cell
narr-softmax-back-dx = the Jacobian diag(y) − y·yᵀ applied to dout, without building it; dx[0,0] = { $first }
narr-loss-log = the 1e-7 keeps log(0) = −inf away
narr-loss-rows = t picks the log-probability of the right class in each row: ℓ = { $l }; shown as { $n }×1, NumPy's l has shape ({ $n },)
narr-loss-mean = the loss averages { $rows ->
        [1] the one row
        [2] both rows
       *[other] all { $rows } rows
    }: L = { $loss }{ $below_zero ->
        [yes] {" "}(below 0 only because of the book's 1e-7: when y is 1, −log(y + 1e-7) = −log(1.0000001) ≈ −1e-7)
       *[no] {""}
    }; shown as 1×1, NumPy's self.loss is a scalar
narr-loss-back-error = softmax and cross-entropy together simplify to y − t: the error of each probability
narr-loss-back-div = L is a mean over N = { $n ->
        [one] { $n } row
       *[other] { $n } rows
    }, so each row's gradient is divided by N
narr-node-partial = { $shared ->
        [yes] ; ∂{ $of }/∂{ $name } through { $node } (one path) = { $v }: { $name } feeds other nodes too, and its total adds every path
       *[no] ; ∂{ $of }/∂{ $name } = { $v }
    }
narr-sigmoid-exp = e[0,0] = { $expr } = { $first }
narr-sigmoid-add-one = add 1 to every cell
narr-sigmoid-out = y = 1/(1 + exp(−x)), between 0 and 1; y[0,0] = { $first }; y is kept for backward
narr-sigmoid-back-u = backward needs only the output y, not x
narr-sigmoid-back-g = the local derivative ∂y/∂x = y(1 − y), at most 0.25 (at x = 0); g[0,0] = { $first }
narr-sigmoid-back-dx = chain rule, cell by cell: dx = dout · ∂y/∂x; dx[0,0] = { $dout } · { $g } = { $first }
narr-tanh-out = y = tanh(x), between −1 and 1; y[0,0] = { $expr } = { $first }; y is kept for backward
narr-tanh-back = ∂tanh(x)/∂x = 1 − tanh(x)² = 1 − y², at most 1 (at x = 0); dx[0,0] = { $dout } · (1 − { $y }²) = { $first }
narr-exp-out = { $out }[0,0] = { $expr } = { $first }; { $out } is kept for backward, since exp is its own derivative
narr-exp-back = ∂exp({ $x })/∂{ $x } = exp({ $x }) = { $out }, so { $dx } = dout · { $out }; { $dx }[0,0] = { $dout } · { $kept } = { $first }{ $partial }
narr-log-out = the natural logarithm; { $out }[0,0] = { $expr } = { $first }; { $x } is kept for backward
narr-log-back = ∂log({ $x })/∂{ $x } = 1/{ $x }, so { $dx } = dout / { $x }; { $dx }[0,0] = { $dout } / { $kept } = { $first }{ $partial }
narr-reciprocal-out = { $out }[0,0] = { $expr } = { $first }; { $out } is kept for backward
narr-reciprocal-back = ∂(1/{ $x })/∂{ $x } = −1/{ $x }² = −{ $out }², so { $dx } = −dout · { $out }²; { $dx }[0,0] = −{ $dout } · { $y }² = { $first }{ $partial }
narr-mul-out = { $x0 } × { $y0 } = { $first }; { $x } is kept for backward ({ $dy } needs it)
narr-mul-back-dx = a multiply node swaps its inputs: the gradient for { $x } is dout times the other factor { $y }: { $dout } × { $y0 } = { $first }{ $partial }
narr-mul-back-dy = and the gradient for { $y } is dout times { $x }: { $dout } × { $x0 } = { $first }{ $partial }
narr-mul-back-sum = { $y } is 1×1 and was used for every cell, so its gradient sums them: { $dy } = { $value }{ $partial }
narr-add-out = { $x0 } + { $y0 } = { $first }
narr-add-back-dx = an add node passes the gradient through unchanged: ∂{ $sum }/∂{ $x } = 1{ $partial }
narr-add-back-sum = { $y } is 1×1 and was added to every cell, so its gradient sums dout: { $value }{ $partial }
narr-add-back-dy = and to { $y } as well: ∂{ $sum }/∂{ $y } = 1{ $partial }
narr-fan-in-total = { $name } feeds { $n } nodes, so its gradient adds up what each path sends back: total ∂{ $of }/∂{ $name } = { $terms } = { $total }
narr-fan-in-so-far = { $name } feeds { $n } nodes, so its gradient adds up what each path sends back: { $acc } + { $g } = { $total } so far
narr-dropout-test = at test time nothing is dropped; every cell is scaled by 1 − { $ratio } = { $keep }, the share training kept on average
narr-dropout-mask = { $k } of { $n } uniform numbers are > { $ratio } and become True: those cells are kept (the reverse of ReLU's mask, where True marks a zeroed cell). The numbers come from backstep's own generator, SplitMix64 with seed { $seed }, not np.random.seed({ $seed }): NumPy would draw others. The mask is kept for backward
narr-dropout-apply = keep the True cells and zero the { $k } False ones
narr-dropout-back-test = forward scaled every cell by 1 − ratio, so backward scales every gradient by the same
narr-dropout-back = a dropped cell did not reach the output, so its gradient is 0: { $k } of { $n } cells blocked

## area: explorer
keys-explore-next-step = next step
keys-short-step = step
keys-explore-prev-step = previous step
keys-explore-first-step = first step
keys-explore-last-step = last step
keys-explore-forward-start = jump to the start of the forward pass
keys-explore-backward-start = jump to the start of the backward pass
keys-short-backward = backward
keys-explore-focus-next = focus the next matrix pane
keys-short-pane = pane
keys-explore-focus-prev = focus the previous matrix pane
keys-explore-up = cell cursor up
keys-explore-down = cell cursor down
keys-explore-left = cell cursor left
keys-explore-right = cell cursor right
keys-short-cell = cell
keys-explore-confirm = explain the selected cell (every term and its value)
keys-short-explain = explain
keys-explore-more-decimals = one more decimal place
keys-explore-fewer-decimals = one fewer decimal place
keys-explore-toggle-graph = graph view: the graph, or this layer as the book's figure; Tab picks an edge, Enter explains it
keys-short-graph = graph
keys-explore-check = gradient check: backprop vs numerical, and what each costs (runs in the background; Esc cancels)
keys-short-check = check
keys-explore-page-up = cell cursor a page up in the focused matrix
keys-explore-page-down = cell cursor a page down in the focused matrix
keys-explore-row-start = cell cursor to the first column of its row
keys-explore-row-end = cell cursor to the last column of its row
keys-explore-edit = edit the selected cell of x, W, b, w, t or dout (on a one-hot t: type the class); everything is recomputed
keys-short-edit = edit
keys-explore-open-picker = pick a preset: built-in, a .toml here, or a typed path
keys-short-presets = presets
keys-explore-nudge = nudge the selected cell of x, W, b, w or a forward output by h: actual change vs gradient × h
keys-short-nudge = nudge
keys-explore-nudge-smaller = nudge: h ÷ 10 and rerun
keys-explore-nudge-larger = nudge: h × 10 and rerun
keys-explore-quiz = quiz mode: type a cell of each backward step before it is shown
keys-short-quiz = quiz
keys-explore-toggle-shapes = shape algebra on Affine steps: which product fits the shapes
keys-short-shapes = shapes
keys-explore-jacobian = the Jacobian ∂out/∂x of this layer, and dout·J beside dx
keys-short-jacobian = Jacobian
keys-explore-toggle-numpy = show or hide the NumPy line of each step
keys-explore-open-training = the training screen of this preset (one with a [train] section); back where training was if it ran already
keys-explore-export = write this step as Markdown to backstep-<preset>-step-<k>.md here (never over an existing file: -2, -3, …)
keys-short-export = export
keys-any-help = this help
keys-short-help = help
keys-explore-back = clear the nudge, else back to the training screen that opened this iteration (Esc never quits)
keys-any-quit = quit
keys-short-quit = quit
keys-train-run-pause = run or pause training
keys-short-run-pause = run/pause
keys-train-one-iteration = run one iteration (pauses first)
keys-train-lr-up = learning rate up one step of 1-2-5 (0.1 → 0.2 → 0.5 → 1)
keys-short-lr = lr
keys-train-lr-down = learning rate down one step of 1-2-5
keys-train-slower = slower, to watch the boundary form: full speed → 1000 → 100 → 10 → 1 iterations a second
keys-train-faster = faster: 1 → 10 → 100 → 1000 iterations a second → full speed
keys-short-speed = speed
keys-train-next-optimizer = next optimizer (SGD → Momentum → AdaGrad → Adam); its state starts from zeros and its learning rate is SGD 0.1 (train_neuralnet.py's; the SGD class's own default is 0.01), Momentum and AdaGrad 0.01, Adam 0.001 (common/optimizer.py's defaults)
keys-short-optimizer = optimizer
keys-train-restart = restart from iteration 0 with the initial weights and the next seed (paused)
keys-short-restart = restart
keys-train-confirm = open the iteration about to run in the explorer: its mini-batch and current weights, forward, backward and update (Esc comes back here)
keys-short-explore = explore
keys-train-back = back to the explorer, when the explorer opened this screen (training pauses where it is)
keys-quiz-confirm = answer (right within 1e-3 relative)
keys-short-answer = answer
keys-quiz-back = skip the question
keys-short-skip = skip
keys-any-backspace = delete a character
keys-prompt-confirm = apply what you typed
keys-short-apply = apply
keys-prompt-back = cancel
keys-short-cancel = cancel
keys-picker-up = previous entry
keys-short-choose = choose
keys-picker-down = next entry
keys-any-page-up = a page up
keys-any-page-down = a page down
keys-picker-first-step = first entry
keys-short-first-last = first/last
keys-picker-last-step = last entry (type a path…)
keys-picker-confirm = load the preset
keys-short-load = load
keys-picker-back = close the picker
keys-check-focus-next = next tensor, its matrices at its worst cell
keys-short-tensor = tensor
keys-check-focus-prev = previous tensor, its matrices at its worst cell
keys-check-up = cell up in the matrices (on the notes: scroll up)
keys-check-down = cell down in the matrices (on the notes: scroll down)
keys-check-left = cell left in the matrices
keys-check-right = cell right in the matrices
keys-check-page-up = a page up in the matrices (or the notes)
keys-check-page-down = a page down in the matrices (or the notes)
keys-check-next-over-tolerance = next cell whose relative error is over the tolerance (all tensors, in order)
keys-short-next-over = next over
keys-check-nudge-smaller = h ÷ 10 and rerun the check
keys-short-h = h
keys-check-nudge-larger = h × 10 and rerun the check
keys-check-confirm = show the notes (what the numbers mean, why an error can be large, the cost of each method) or the matrices
keys-short-notes = notes
keys-check-back = close the check
keys-short-close = close
keys-checking-back = cancel the running check
keys-jacobian-up = scroll J up
keys-short-scroll = scroll
keys-jacobian-down = scroll J down
keys-jacobian-left = scroll J left
keys-jacobian-right = scroll J right
keys-jacobian-page-down = the next block of J (a layer over 64 cells shows one row's block)
keys-short-block = block
keys-jacobian-page-up = the previous block of J
keys-jacobian-back = close the Jacobian
keys-help-up = scroll up
keys-help-down = scroll down
keys-help-back = close the help
keys-note-back = close and see the step
keys-group-step = Step through the recorded steps
keys-group-look = Look closer
keys-group-move = Move in a big matrix
keys-group-change = Change the numbers
keys-group-aids = Learning aids
keys-group-general = General
keys-context-explore = Explorer
keys-context-quiz = In a quiz question
keys-context-prompt = In a prompt (edit a cell, type a path)
keys-context-picker = In the preset picker
keys-context-help = In this help
keys-context-check = In the gradient check
keys-context-checking = While the check runs
keys-context-jacobian = In the Jacobian view
keys-context-note = In an explanation, an answer or an error
keys-context-train = On the training screen
keys-mouse = click a cell: focus its pane and move the cursor there
keys-in-a-popup = In a popup
# a line of the help: a popup's name, then its keys
keys-popup-line = { $context }: { $keys }
# the help's keys column for the mouse
keys-mouse-key = mouse
explorer-graph-keys = { $edge } edge  { $explain } explain  { $matrices } matrices
# the help overlay's title: the word, then its keys
explorer-help-title = keys — { $keys }
explorer-quiz-score = score { $score }
explorer-quiz-stays-on = { $keys } (quiz stays on; { $quiz } turns it off)
explorer-picker-builtin = built-in · { $summary }
explorer-picker-file-shadows = file here (the built-in of this name is above)
explorer-picker-file = file here
explorer-picker-type-path = type a path…
explorer-picker-title-window = presets { $first }–{ $last } of { $listed }
explorer-picker-title = presets
explorer-edit-title = edit
explorer-loading-reading = reading { $name }…
explorer-loading-close = closing this stops waiting; the current preset stays
explorer-loading-title = loading
explorer-error-title = error
explorer-no-steps = there are no recorded steps
explorer-phase-forward = Forward
explorer-phase-backward = Backward
explorer-phase-update = Update
explorer-header-step = step { $k }/{ $n }
explorer-header-layer = layer
explorer-header-quiz-on = quiz on
explorer-header-quiz-off = quiz off
# a nudge in progress: the cell moved and by how much (h, as 1e-4)
explorer-header-nudge = nudge { $target } by { $h }
explorer-header-formula = formula
explorer-header-op = op
# pane captions: where a matrix comes from
explorer-pane-param = param
explorer-pane-targets = targets
explorer-pane-step = step { $k }
explorer-pane-forward = forward
explorer-pane-starting-gradient = starting gradient
explorer-pane-from = from { $source }
explorer-pane-sum-from = sum from { $sources }
explorer-pane-from-backward = from backward
explorer-pane-optimizer-state = optimizer state
explorer-pane-before-update = before the update
explorer-pane-new-value = step { $k } new value
explorer-pane-input = input
explorer-pane-read-as = read as { $name }
explorer-pane-node-output = node output
explorer-pane-written = written
# which rows and columns of a big matrix a pane shows
explorer-window-rows-cols = rows { $rows } cols { $cols }
explorer-window-rows = rows { $rows }
explorer-window-cols = cols { $cols }

## area: report
# trace: text and Markdown
report-phase = { $phase ->
    [forward] forward
    [backward] backward
   *[update] update
}
report-phase-heading = { $phase ->
    [forward] FORWARD
    [backward] BACKWARD
   *[update] UPDATE
}
report-md-phase = { $phase ->
    [forward] Forward pass
    [backward] Backward pass
   *[update] Update pass
}
report-graph-pipeline = nodes in order: { $nodes }
report-result-heading = RESULT
report-loss = loss L = { $loss }
report-loss-before-update = loss L = { $loss } (before the update)
report-trace-loss-meaning = L is this mini-batch's loss before the update steps below; `backstep train` records each mini-batch's loss after its update (the book's train_loss_list), so its loss at iteration 0 differs
report-step = step { $step }/{ $total }  { $phase }
report-operand-cached = { $name } { $shape } (cached at forward step { $step })
report-reads = reads  { $operands }
report-writes = writes { $name } { $shape } =
report-no-such-step = step { $step } does not exist: there { $steps ->
    [one] is 1 step
   *[other] are { $steps } steps
}
report-md-results = Results
report-md-loss = Loss L = { $loss }
report-md-loss-before-update = Loss L = { $loss } (before the update)
report-md-pipeline = Pipeline: { $pipeline }
report-md-step = Step { $step }/{ $total }
report-md-formula = Formula:
report-md-reads = Reads:
report-md-writes = Writes:
report-md-shapes = Shapes:
report-md-cached = , cached at forward step { $step }
report-md-graph = The graph
report-md-graph-legend = Forward values above each edge, gradients below (after the backward pass):
report-graph-after-backward = the graph after backward (values above the edges, gradients below):
report-graph-input-grads = gradients of { $of } for each input, summed over every path (d NAME = ∂{ $of }/∂NAME):
report-graph-edge-partials = partials along each edge (value → node: ∂{ $of }/∂value through that node only):
report-graph-one-path = ∂{ $of }/∂{ $input } through { $node } (one path)
report-graph-param-grads = parameter gradients (∂{ $of }/∂parameter):

# check: text
report-check-title = gradient check — { $preset } (h = { $h }, tolerance { $tolerance })
report-check-legend-relative = relative error = |a − n| / max(|a|, |n|, floor), a = backprop, n = numerical
report-check-legend-floor = floor = { $floor }: L = { $loss } is computed to about ±{ $rounding } (rounding, ε = 2.2e-16 per operation), so at h = { $h } a central difference is good to about ±{ $noise }; gradients below { $floor } are compared by absolute difference at this h (|a − n| ≤ { $noise } passes: rounding alone can make that)
report-check-col-tensor = tensor
report-check-col-shape = shape
report-check-col-abs = max |a − n|
report-check-col-rel = max rel err
report-check-col-worst = worst cell
report-check-ok = ok
report-check-fail = FAIL
report-check-numerical = numerical: { $cells ->
    [one] 1 cell
   *[other] { $cells } cells
} × 2 = { $passes ->
    [one] 1 forward pass
   *[other] { $passes } forward passes
} in { $time }
report-check-backprop = backprop:  1 forward + 1 backward in { $time }, { $speed }
report-check-faster = { $times }× faster than the numerical gradient
report-check-as-fast = about as fast as the numerical gradient
report-check-slower = { $times }× slower than the numerical gradient (at this size, fixed costs dominate)
report-check-pass = PASS: every relative error ≤ { $tolerance }
report-check-failed = FAIL: max relative error { $error } > tolerance { $tolerance }
report-check-note = note:

# train: text
report-train-data = data { $name }: { $train ->
    [one] 1 training row
   *[other] { $train } training rows
}, { $test ->
    [one] 1 test row
   *[other] { $test } test rows
}, { $features ->
    [one] 1 feature
   *[other] { $features } features
}, { $classes ->
    [one] 1 class
   *[other] { $classes } classes
}
report-train-settings = { $optimizer } lr { $lr }, batch { $batch }, { $iters ->
    [one] 1 iteration
   *[other] { $iters } iterations
} ({ $per_epoch } per epoch), seed { $seed }
report-train-all-rows = { $rows } (all rows)
report-train-loss-meaning = loss = one mini-batch's loss after its update (the book's train_loss_list)
report-train-epoch = iter { $iter }  loss { $loss }  train acc, test acc | { $train }, { $test }
report-train-final = final  loss { $loss } (last mini-batch, after its update)  train acc { $train }  test acc { $test }
report-train-epochs-shown = showing 1 epoch in { $stride } and the last of { $total }; --all-epochs shows each
report-train-rate = { $rate } it/s  about { $left } left
report-train-no-rate = – it/s
report-train-seconds = { $s } s
report-train-minutes = { $min } min { $s } s
report-train-hours = { $h } h { $min } min
report-train-bar-unit = iterations

# command line and preset errors
preset-builtin-source = built-in preset "{ $name }"
cli-not-positive = { $flag } must be a positive number, got { $value }
cli-bad-threads = BACKSTEP_THREADS={ $value } is not a number of threads: give a whole number from 1 to 1024, or unset it to use every core
cli-misplaced-flag = the subcommand '{ $command }' cannot be used with '{ $flag }'
cli-misplaced-flag-before = the subcommand '{ $command }' cannot be used with '{ $flag }' before it; it goes after: backstep { $command } { $flag } …
cli-nothing-to-train = { $preset } has no [train] section, so there is nothing to train: use train-spiral, train-xor, train-digits, train-mnist or a preset with [train]
# learning aids: shape algebra
lesson-shapes-forward = X (N×D) · W (D×H) → Y (N×H); here X ({ $n }×{ $d }) · W ({ $d }×{ $h }) → Y ({ $n }×{ $h })
lesson-shapes-product = X (N×D) · W (D×H) → Y (N×H): the inner sizes D must agree and disappear
lesson-shapes-bias = X·W (N×H) + b (1×H) → Y (N×H): b is broadcast, added to each of the N rows
lesson-shapes-bias-here = X·W ({ $n }×{ $h }) + b (1×{ $h }) → Y ({ $n }×{ $h }): b is used { $n ->
    [one] { $n } time
   *[other] { $n } times
}
lesson-shapes-db = Y = X·W + b added the same b (1×H) to each of the N rows of Y (N×H)
lesson-shapes-db-here = db must be 1×H like b = 1×{ $h }; dY is N×H = { $n }×{ $h }, so sum dY over its N rows
lesson-shapes-must-be = { $target } must be { $sym } like { $of } ({ $size }): a gradient has the shape of what it is the gradient of
lesson-shapes-at-hand = dY is N×H; the only other matrices at hand are X (N×D) and W (D×H)
lesson-shapes-none-fits = no product fits (this should not happen)
lesson-shapes-only-fit = the only product that fits is { $product }: { $target } = { $product }
lesson-shapes-many-fit = here some sizes coincide, so shapes alone allow { $products }; with distinct N, D, H only { $used } fits
lesson-shapes-mistake = a common mistake: dW = W.T · dout
lesson-shapes-inner = { $product }: inner sizes { $sizes } ({ $dims })
lesson-shapes-gives = { $product } gives { $got } but { $target } must be { $want }
lesson-shapes-fits = fits: { $product } → { $got }, { $sym } like { $of }
lesson-shapes-sum-fits = fits: 1×{ $h }, 1×H like b
lesson-shapes-sum-gives = gives { $got } but db must be 1×{ $h }
# clap's help
cli-about = Step through backpropagation, one matrix operation at a time
cli-after-help = Without a command, opens the explorer on the preset (default: two-layer); press ? there for every key.
cli-usage-line = Usage: { $usage }
cli-options-heading = Options
cli-commands-heading = Commands
cli-presets-about = List the built-in presets, one line each
cli-trace-about = Print every forward and backward step of a preset
cli-check-about = Compare backprop's gradients with central differences; exit 1 when an error exceeds the tolerance
cli-train-about = Train a preset with a [train] section (the book's train_neuralnet.py loop) and print its progress
cli-help-about = Print this message or the help of the given subcommand(s)
cli-arg-help = Print help
cli-arg-version = Print version
cli-arg-preset = A built-in preset name (see `backstep presets`) or the path of a .toml preset file
cli-arg-threads = Cores to share the work between (default: BACKSTEP_THREADS, else every available core)
cli-arg-lang = The language of everything backstep writes: en, zh or ja (default: BACKSTEP_LANG, else the locale's LC_ALL, LC_MESSAGES or LANG, else English)
cli-arg-trace-format = Output format: text (every step), json (the contract in docs/cli.md) or markdown (study notes)
cli-arg-check-format = Output format: text (a table) or json
cli-arg-train-format = Output format: text, json or csv, which runs it headless. Without it: the training screen when stdout is a terminal, else text
cli-arg-eps = Step h of the central differences
cli-arg-tol = Largest relative error that passes
cli-arg-data = The data set: digits, spiral, xor, circles, moons, mnist:DIR or preset
cli-arg-iters = Iterations (in place of the preset's iters or epochs)
cli-arg-batch = Rows per mini-batch (at least the training rows: every row, in order, each iteration)
cli-arg-lr = Learning rate (default: the preset's, else the optimizer's)
cli-arg-optimizer = Optimizer: sgd, momentum, adagrad or adam
cli-arg-seed = Random seed of the data, the split and the mini-batch order
cli-arg-all-epochs = Text output: print every epoch's line (by default about 20 evenly spaced epochs and the last; JSON and CSV always hold every one)
cli-arg-default = { $help } (default: { $value })
cli-arg-init = Initial weights of every Affine W (std:0.01, xavier or he), each keeping its shape and random seed

## area: ch6a
ch6a-init-unknown = { $value } is not an initial weight: use std:S (a standard deviation above 0, like std:0.01), xavier (√(1/n)) or he (√(2/n))
ch6a-init-needs-generator = init = { $init } draws every Affine W from its generator, keeping its shape and random seed, but this { $field } is written out: make it a generator, like { "{" } random = "normal", shape = [D, H], seed = 1 { "}" }
ch6a-generator-init-unknown = { $field }.init is { $value }: use "std" (with scale), "xavier" (√(1/n)) or "he" (√(2/n))
ch6a-generator-init-scale = { $field }: init = "{ $init }" sets the scale itself (from n, the rows of W): remove scale, or use init = "std" with it
ch6a-generator-init-normal = { $field }: init = "{ $init }" scales normal numbers, as the book's np.random.randn: use random = "normal"

## area: ch6c
ch6c-decay-term-note = λ = { $lambda }: { $layer }'s weights { $key } ({ $shape }) add half of λ times the sum of their squares, { $term }, to the decay term: weight_decay = { $total }
ch6c-decay-loss-note = the loss the network reports is the data loss { $loss } plus the decay term { $decay }: { $total }. Large weights now cost loss, so training pulls them toward 0
ch6c-decay-grad-note = the decay term's gradient with respect to W is λ·W, so { $layer }'s dW gains { $lambda } times W: dW[0,0] = { $before } + { $lambda }·{ $w } = { $after }; the update then moves every weight a little toward 0
ch6c-decay-term-explain = each of the { $cells } cells of W adds 0.5·λ·W[i,j]² (λ = { $lambda })
ch6c-decay-loss-explain = the loss with weight decay: the data loss plus the decay term
ch6c-decay-grad-explain = ∂(0.5·λ·W²)/∂W = λ·W joins the gradient backprop found (λ = { $lambda })
ch6c-weight-decay-bad = { $key } is { $value }: a weight decay λ is a number from 0 (no decay) up, like 0.1
ch6c-arg-weight-decay = Weight decay λ: the loss adds 0.5·λ·ΣW² over every Affine W and each dW adds λ·W (default: the preset's, else 0)
ch6c-train-weight-decay = weight decay λ = { $lambda }: the loss adds 0.5·λ·ΣW² over every Affine W, each dW adds λ·W
ch6c-pane-so-far = so far
ch6c-pane-data-loss = data loss
ch6c-epochs-and-iters = iters and epochs are both given: give one of them (epochs = E trains E × iter_per_epoch iterations)
ch6c-epochs-too-many = { $epochs } epochs of { $per_epoch } iterations are more than { $max } iterations: give fewer epochs
ch6c-train-rows-too-many = train_rows is { $n } but { $data } has { $rows } training rows: give at most { $rows }
ch6c-vary-expects-init = std:S (a standard deviation above 0, like std:0.01), xavier or he
ch6c-vary-expects-weight-decay = a weight decay λ from 0 (none), like 0.1
presets-title-lab-init = Lab: initial weights (Fig. 6-15)
presets-title-lab-weight-decay = Lab: weight decay against overfitting (Fig. 6-21)
presets-description-lab-init = weight_init_compare.py on the digits: five Affine layers (four hidden of 100, ReLU), SGD lr 0.01, batch 128, 2,000 iterations; every W drawn with std 0.01, Xavier and He from the same random numbers
presets-description-lab-weight-decay = overfit_weight_decay.py on the digits: seven Affine layers (six hidden of 100, ReLU, He weights), 300 training rows, SGD lr 0.01, batch 100, 201 epochs; without and with weight decay λ = 0.1
presets-summary-lab-init = lab (Fig. 6-15): a 5-layer ReLU net started with std 0.01, Xavier and He weights; std 0.01 stays near ln 10, He learns; backstep compare
presets-summary-lab-weight-decay = lab (Fig. 6-21): a 7-layer net on 300 training rows overfits; weight decay λ = 0.1 narrows the train–test gap; backstep compare

## area: ch6b
ch6b-hold-out-too-few = { $data } has { $rows } training rows: too few to hold { $fraction } of them out for validation
ch6b-vary-unknown-key = unknown key "{ $key }": vary one of { $keys }
ch6b-vary-expects-optimizer = sgd, momentum, adagrad or adam
ch6b-vary-expects-lr = a learning rate above 0, like 0.01
ch6b-vary-expects-dropout = a Dropout ratio from 0 (none) to below 1, like 0.2
ch6b-vary-expects-batch-norm = on or off
ch6b-vary-expects-batch = a whole number of rows from 1, like 100
ch6b-vary-bad-value = "{ $value }" is not a value of this key: give { $expects }
ch6b-vary-empty = no values for { $key }: list them after =, like { $key }=V1,V2
ch6b-vary-empty-value = an empty value in the list: separate the values of { $key } with single commas
ch6b-vary-twice = { $value } is given twice: list each value once
ch6b-vary-no-equals = "{ $given }" has no =: write KEY=V1,V2,…, like optimizer=sgd,adam
ch6b-compare-no-vary = { $preset } has no [compare] section: say what to vary with --vary KEY=V1,V2,…
ch6b-compare-no-train = { $preset } has no [train] section, so there is nothing to compare: use a lab (lab-optimizers, …) or a preset with [train]
ch6b-compare-header = varying { $key } over { $runs ->
        [one] one run
       *[other] { $runs } runs
    } · data { $data }: { $train } training rows, { $test } test rows · { $iters ->
        [one] one iteration
       *[other] { $iters } iterations
    } each · seed { $seed }
ch6b-col-final-loss = final loss
ch6b-col-train-acc = train acc
ch6b-col-test-acc = test acc
ch6b-search-no-trials = run at least one trial
ch6b-search-no-epochs = train each trial for at least one epoch
ch6b-search-bad-range = give two numbers above 0, the lower first, like { $example }
ch6b-search-no-train = { $preset } has no [train] section, so there is nothing to search: use a training preset (train-digits, …) or add one
ch6b-search-header = { $trials ->
        [one] one trial
       *[other] { $trials } trials
    } of { $epochs ->
        [one] one epoch
       *[other] { $epochs } epochs
    }; { $validation } training rows held out for validation; best first
ch6b-search-line = Best-{ $rank } (val acc: { $acc }) | lr: { $lr }, weight decay: { $decay }
ch6b-search-chance = No trial did better than guessing (1 in { $classes }): { $preset } itself trains with lr { $lr }, outside the range searched. Search around it: --lr { $lo },{ $hi }
ch6b-compare-about = Train one run per value of a setting (optimizer, lr, init, weight_decay, dropout, batch_norm, batch) on the same data, initial weights and mini-batches, and compare them (the book's chapter 6)
ch6b-arg-vary = What to vary and its values, like optimizer=sgd,adam (default: the preset's [compare] section)
ch6b-arg-compare-format = Output format: text, json or csv, which runs it headless. Without it: the compare screen when stdout is a terminal, else text

## area: conv
conv-inline-matrix = ({ $shape } matrix)
presets-title-conv = Convolution
presets-title-conv-stride-pad = Convolution, stride 2, pad 1
presets-title-pooling = Max pooling
presets-title-convnet = SimpleConvNet, gradient check
presets-title-train-convnet-digits = Convnet on digits, 1×8×8
presets-title-train-convnet-mnist = SimpleConvNet on MNIST
presets-description-conv = chapter 7's Convolution through im2col: one 1×4×4 image (Fig. 7-7's input), one 2×2 filter
presets-description-conv-stride-pad = two input channels, two filters, stride 2 and pad 1: OH = (5 + 2·1 − 3) / 2 + 1 = 3
presets-description-pooling = 2×2 windows, stride 2: out is each window's maximum; the top-left window has a tie, and np.argmax takes the first
presets-description-convnet = ch07/gradient_check.py: SimpleConvNet on one 1×10×10 input, 10 filters 3×3, pooling 2×2 stride 2, hidden 10
presets-description-train-convnet-digits = a small SimpleConvNet on the 1,797 handwritten digits built into backstep, fed as 1×8×8 images
presets-description-train-convnet-mnist = ch07/train_convnet.py: SimpleConvNet (Conv 30 filters 5×5, Pool 2×2, Affine 100, Affine 10) on MNIST with Adam (needs --data mnist:DIR)
presets-summary-conv = chapter 7's convolution through im2col: one 1×4×4 image, one 2×2 filter, every step small enough to read
presets-summary-conv-stride-pad = convolution with 2 channels, stride 2 and pad 1: windows that skip cells and windows that read the padding
presets-summary-pooling = max pooling with 2×2 windows and stride 2, with a tie: np.argmax takes the first maximum
presets-summary-convnet = ch07/gradient_check.py: 1×10×10 → Conv (10 filters 3×3) → ReLU → Pool 2×2 → Affine 10 → ReLU → Affine 10; check passes
presets-summary-train-convnet-digits = training: a small convnet on the built-in digits as 1×8×8 images
presets-summary-train-convnet-mnist = training: the book's SimpleConvNet and train_convnet.py on MNIST, Adam, 20 epochs (needs --data mnist:DIR)
conv-layer-who = layer { $number } ({ $name })
conv-w-shape = W is { $w } (FN×C×FH×FW): every filter needs at least one cell
conv-b-shape = b has { $values ->
        [one] one value
       *[other] { $values } values
    } but W is { $w }: b needs one value per filter, { $filters }
conv-stride-zero = stride is 0: the windows must move by at least 1
conv-needs-image = a convolution needs a 4-D input N×C×H×W but gets a plain matrix (W is { $w }): give x as N×C×H×W (lists nested four deep, or shape = [N, C, H, W])
conv-channels = W is { $w } (FN×C×FH×FW) but its input is { $x } (C×H×W): the filters have { $filter } channels and the input { $input }; they must match
conv-too-small = W is { $w } (FN×C×FH×FW) but its input is { $x } (C×H×W): the filter does not fit in the input with pad = { $pad } (stride { $stride }); use a smaller filter or more padding
conv-resolved = the input is { $x } but the layer was set up for { $was }
conv-columns = the input has { $d } columns but a { $x } image has { $cells } cells
conv-count = { $key } must be a whole number from 0, found { $found }
conv-size = { $key } must be a whole number from 1, found { $found }
conv-tensor-shape = { $field }: a 4-D shape is four positive whole numbers, [N, C, H, W]
conv-tensor-ragged = { $field }: sample { $n } does not have the shape of the others; every sample needs C lists of H rows of W numbers
conv-tensor-depth = { $field } nests lists { $depth } deep: give a matrix (two deep) or a 4-D tensor N×C×H×W (four deep)
conv-w-not-4d = { $key } is { $shape }: a convolution's { $key } is 4-D, FN×C×FH×FW (lists nested four deep, or shape = [FN, C, FH, FW])
conv-im2col-note = im2col lays every { $fh }×{ $fw } window of x ({ $x }, stride { $stride }, pad { $pad }) out as a row: { $oh }×{ $ow } windows per image, so col is { $rows }×{ $cols } and the convolution becomes one matrix product
conv-col-w-note = W ({ $w }) becomes col_W ({ $rows }×{ $cols }): each filter flattened into one column, so col · col_W applies every filter to every window
conv-product-note = col · col_W + b → { $rows }×{ $cols }: each cell is one window dotted with one filter ({ $terms } products) plus that filter's b, an Affine layer on the rows of col; out2d[0,0] = { $first }
conv-to-image-note = the rows (n, oh, ow) and columns (one per filter) go back to the book's N×C×H×W order: out is { $out }
conv-dout-2d-note = dout goes back to the layout of col · col_W: one row per window ({ $rows }), one column per filter ({ $cols })
conv-db-note = b was added to every window's row, so db sums dout2d over its { $rows } rows: one total per filter ({ $filters })
conv-dw-note = colᵀ · dout: filter f met every window's row of col, so its gradient sums col[r,·]·dout[r,f] over all { $windows } windows
conv-dw-reshape-note = transposed and reshaped back to W's shape, { $w }
conv-dcol-note = dout · col_Wᵀ → dcol ({ $rows }×{ $cols }): the gradient of every cell of col, one row per window
conv-col2im-note = col2im adds each cell of dcol back into the x cell it was copied from; a cell under several windows collects all their gradients: dx is { $x }
conv-jacobian = sparse and repeating: out[n,f,i,j] depends only on the { $channels }×{ $fh }×{ $fw } window of x under it, through filter f; the shortcut dx = col2im(dout · col_Wᵀ) applies every window's filter at once
conv-col-place = row { $row } of col is the window at ({ $oy }, { $ox }) of image { $n }; column { $col } is channel { $channel }, window cell ({ $ky }, { $kx })
conv-col-copy = { $place }: a copy of { $source }
conv-col-pad = { $place }: it falls in the padding (pad = { $pad }), so it is 0 from padding
conv-out-cell = row { $row } of col (one window) dotted with column { $filter } of col_W (filter { $filter }): { $terms ->
        [one] one product
       *[other] { $terms } products
    }, plus b[{ $filter }]
conv-transpose-cell = a transpose: this cell comes from { $source }
conv-reshape-cell = reshape keeps NumPy's order: this is value { $index }, { $source }
conv-to-image-cell = image { $n }, channel { $channel }, position { $position }: from { $source }
conv-from-image-cell = row { $row } (one window position), channel { $channel }: from { $source }
conv-col2im-cell = { $target } was copied into { $count ->
        [one] one cell
       *[other] { $count } cells
    } of col, one per window that covers it; col2im adds their gradients ({ $nonzero } not 0)
conv-col2im-none = no window covers { $target } (the stride skips it), so its gradient is 0
pool-zero = pool_h, pool_w and stride must be at least 1
pool-needs-image = pooling needs a 4-D input N×C×H×W but gets a plain matrix: put it after a convolution, or give x as N×C×H×W
pool-too-small = the { $window } window does not fit in the input { $x } (C×H×W) with stride { $stride }
pool-rows-note = col reshaped to one row per window and channel: { $rows }×{ $cols }
pool-argmax-note = where each row's maximum sits (np.argmax takes the first of equal values); kept for backward, like ReLU's mask
pool-max-note = the maximum of each of the { $rows } rows: what max pooling outputs
pool-dout-note = dout in the order of the rows of col: { $rows }×{ $cols }, one value per window and channel
pool-dmax-note = dmax ({ $rows }×{ $cols }): each row holds its window's dout at the argmax and 0 elsewhere; only the maximum passes the gradient on, as with ReLU's mask
pool-dcol-note = dmax reshaped to the layout of col: { $rows }×{ $cols }
pool-col2im-note = col2im adds each dcol cell back into the x cell it came from: a cell of x gets the dout of every window where it was the maximum, and 0 otherwise; dx is { $x }
pool-jacobian = a selection: each output cell copies one cell of its { $window } window (the first maximum), so dx holds dout at the argmax cells and 0 elsewhere
pool-max-cell = the first maximum is at column { $col }
pool-max-tie = { $ties } cells tie for the maximum; np.argmax takes the first, column { $col }
pool-dmax-hit = column { $col } is where row { $row }'s window had its maximum, so it gets the window's dout, { $source }
pool-dmax-miss = not the maximum of row { $row }'s window (that is column { $argmax }): 0
pool-tie-note = { $name }: { $near } of { $windows } windows have their two largest cells within h = { $h } of each other ({ $exact } exactly tied), where max has no derivative: a central difference moves the maximum to the other cell and measures a share of dout, while backprop gives all of it to the first maximum (np.argmax) and 0 to the rest. Those windows, not backprop, can explain a large error.

## area: convui
convui-im2col-heading = im2col: row { $row } of col is the { $fh }×{ $fw } window outlined on x (stride { $stride }, pad { $pad }; a dashed edge is padding); it follows the row
convui-col2im-heading = col2im: › marks the copies in dcol of the selected dx cell, one per window over it, and dx is their sum; { $key } to dcol outlines a row's window on dx
convui-pool-heading = max pooling: ■ in x marks each window's maximum (np.argmax: the first of a tie); backward sends dout only there, like ReLU's mask

## area: bn
bn-mean = the mean of each column over the batch of { $n }: μ = { $mu } (shown as 1×{ $d }; NumPy's x.mean(axis=0) has shape ({ $d },))
bn-center = centre each column: every column of xc now has mean 0; xc is kept for backward
bn-var = the variance of each column: var = { $var }
bn-std = the standard deviation; the book's 10e-7 (= 1e-6) keeps a constant column from dividing by 0; std is kept for backward
bn-test-center = at test time the running mean from training replaces the batch mean
bn-test-std = at test time the running variance replaces the batch's; the book's 10e-7 (= 1e-6) keeps a constant column from dividing by 0
bn-normalize = each column now has mean 0 and variance about 1; x̂ is kept for backward
bn-scale-shift = scale by γ = { $gamma } and shift by β = { $beta }, learned like W and b
bn-back-beta = β was added to every row like a bias, so dβ is dout summed over its rows (axis=0): one total per column, { $dbeta }
bn-back-gamma = γ multiplied every row of x̂, so dγ sums x̂ ⊙ dout over the batch: { $dgamma }
bn-back-xn = through the multiply node: the gradient for x̂ is dout times γ
bn-back-test = at test time μ and std are constants, so x only passes through the division
bn-back-std = x̂ = xc / std: the division node sends −xc/std² times dx̂ to std, summed over the rows that shared it
bn-back-var = std = √(var + ε), whose derivative is 1 / (2·std)
bn-back-xc = xc reached the loss two ways, through x̂ and through var (var = mean of xc², ∂/∂xc = 2·xc/N with N = { $n }): the two gradients add
bn-back-mu = the book's dmu = Σ dxc = −∂L/∂μ: xc = x − μ subtracted the same μ from every row, so ∂L/∂μ = −Σₙ dxc[n,·]; the book sums without the minus, and the minus appears in the next step, dx = dxc − dmu / N
bn-back-x = x reached the loss directly (through xc) and through μ = mean of x: each row gets ∂L/∂μ / N = −dmu / N of it, with N = { $n }

## area: optim
optim-sgd = lr = { $lr }: every cell moves against its gradient
optim-velocity = the velocity keeps α = { $momentum } of itself and adds −lr·d{ $key }
optim-add-velocity = { $key } moves by the velocity v
optim-adagrad-history = h sums every squared gradient of { $key } so far
optim-adagrad-step = lr = { $lr } divided by √h: a cell with a large history takes small steps
optim-adam-m = m follows d{ $key } with β1 = { $beta1 } (momentum)
optim-adam-v = v follows d{ $key }² with β2 = { $beta2 } (the AdaGrad-like scale)
optim-adam-step = update t = { $t }: lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ) = { $lr }·√(1 − { $beta2 }^{ $t })/(1 − { $beta1 }^{ $t }) = { $lr_t }
optim-first-cell = { $note }; { $name }[0,0]: { $before } → { $after }
optim-moment-note = the book's { $book }, regrouped: { $beta } of the old value plus 1 − { $beta } of { $grad }

## area: gradcheck
check-with-eps = check with --eps { $eps }
check-kink = { $name }: { $near } of { $cells ->
        [one] { $cells } input cell
       *[other] { $cells } input cells
    } { $near ->
        [one] lies
       *[other] lie
    } within h = { $h } of its kink at { $at }{ $nearest }, where { $name } has no derivative: a central difference across the kink measures a slope between { $left } and { $right }, which is not a derivative, while backprop uses the one-sided slope, { $left } for x { $le } { $at } and { $right } for x { $gt } { $at }. { $near ->
        [one] That cell
       *[other] Those cells
    }, not backprop, can explain a large error.{ $exact }{ $step }
check-kink-nearest = {" "}(the nearest { $d } away)
check-kink-exact = {" "}{ $exact ->
        [one] { $exact } sits
       *[other] { $exact } sit
    } exactly at { $at }: no step avoids the kink there (the central difference gives { $mid }, backprop { $used }).
check-kink-smaller-step = {" "}A smaller step avoids { $which ->
        [it] it
        [them] them
        [other] the other
       *[others] the others
    }: { $change }. Rounding then weighs more: at h = { $s } the numerical gradient is only good to ±{ $good }, so gradients below { $floor } are compared by absolute difference only, and their relative errors go unchecked.
check-kink-too-close = {" "}The others are too close for any step f64 can resolve: their errors are the kink's.
check-log-epsilon = { $name }: the target probability of row { $row } is y = { $y }{ $others }. The loss is −log(y + 1e-7), the book's guard against log 0, but backward's (y − t)/N is the derivative of −log y: the two differ by 1e-7/(y + 1e-7) = { $gap } in relative terms. That gap is the book's 1e-7, not a bug in backprop.
check-log-epsilon-others = {" "}({ $cells ->
        [one] { $cells } target cell has
       *[other] { $cells } target cells have
    } a gap above the tolerance)
check-list-comma = {", "}
check-list-and = { $rest } and { $last }
check-constant-one-row = { $name }: the batch has one row, so μ = x and xc = x − μ = 0 whatever x is: x̂ = 0/√(0 + 10e-7) = 0 and out = β. Only the book's 10e-7 keeps this from 0/0, and the layer passes nothing of x on (dx = 0, dγ = 0). Normalizing needs a batch of at least two different rows.
check-constant-columns = { $name }: { $which ->
        [every] every column of its input has
        [one] column { $cols } of its input has
       *[some] columns { $cols } of its input have
    } the same value in every row, so var = 0 there: xc = x − μ = 0, x̂ = 0 and out = β. Only the book's 10e-7 keeps this from 0/0: std = √(0 + 10e-7) = { $std }, so the layer multiplies any difference between rows by γ/std = { $gain }·γ — and so the rounding of x − μ, which is what the check sees there.

## area: jacobian
jac-add = the identity: ∂({ $x } + { $y })/∂{ $x } = 1 on the diagonal. The shortcut passes dout through unchanged
jac-affine = block-diagonal: out[n,·] depends only on x[n,·], through Wᵀ ({ $k }×{ $d }); J holds { $n ->
        [one] { $n } copy
       *[other] { $n } copies
    } of Wᵀ. The shortcut dx = dout · Wᵀ applies them all at once
jac-bn-train = column-coupled: out[n,j] depends on the whole column j of x (through μ and var), never on another column; J has { $d } dense { $n }×{ $n } { $d ->
        [one] block
       *[other] blocks interleaved
    }. The sub-steps dstd, dvar, dxc, dmu apply them without building J
jac-bn-test = diagonal at test time: ∂out[n,j]/∂x[n,j] = γ[j] / std[j], since the running statistics do not depend on x
jac-dropout-train = diagonal: ∂out[i]/∂x[i] is 1 where the mask is True (kept) and 0 where it dropped the cell; every other entry is 0. The shortcut dout ⊙ mask applies this diagonal cell by cell
jac-dropout-test = diagonal: every ∂out[i]/∂x[i] is 1 − ratio = { $keep } at test time; every other entry is 0
jac-exp = diagonal: ∂{ $out }[i]/∂{ $x }[i] = exp({ $x }[i]) = { $out }[i], every other entry 0. The shortcut { $dx } = dout ⊙ { $out } multiplies by this diagonal cell by cell
jac-log = diagonal: ∂{ $out }[i]/∂{ $x }[i] = 1/{ $x }[i], every other entry 0. The shortcut { $dx } = dout / { $x } divides by this diagonal cell by cell
jac-mul = diagonal: ∂({ $x } ⊙ { $y })[i]/∂{ $x }[i] = { $y }[i] (the other factor). The shortcut { $dx } = dout ⊙ { $y } multiplies by it cell by cell
jac-reciprocal = diagonal: ∂{ $out }[i]/∂{ $x }[i] = −1/{ $x }[i]² = −{ $out }[i]², every other entry 0. The shortcut { $dx } = −dout ⊙ { $out }² multiplies by this diagonal cell by cell
jac-relu = diagonal: ∂out[i]/∂x[i] is 1 where x > 0 and 0 where the mask is True; every other entry is 0. The shortcut dout[mask] = 0 applies this diagonal cell by cell
jac-sigmoid = diagonal: ∂y[i]/∂x[i] = y(1 − y), every other entry 0. The shortcut dx = dout ⊙ y ⊙ (1 − y) multiplies by this diagonal cell by cell
jac-softmax = block-diagonal: one dense { $d }×{ $d } block diag(y) − y·yᵀ per row ({ $n ->
        [one] { $n } block
       *[other] { $n } blocks
    }), zero between rows: a row's outputs depend on all of that row's inputs and nothing else. The shortcut dx = y ⊙ (dout − Σ dout ⊙ y) applies each block without building it
jac-softmax-loss = one row (L is a scalar): ∂L/∂x = (y − t)/N with N = { $n }. The shortcut writes that row directly, never forming softmax's { $d }×{ $d } blocks
jac-tanh = diagonal: ∂y[i]/∂x[i] = 1 − y[i]², every other entry 0. The shortcut dx = dout ⊙ (1 − y²) multiplies by this diagonal cell by cell
jac-kink-note = { $cells } { $count ->
        [one] sits
       *[other] sit
    } on { $layer }'s kink at { $at }, where { $layer } has no derivative: the central difference (h = { $h }) gives { $mid } there, between the side slopes { $left } and { $right }, and backprop uses { $used }; { $count ->
        [one] it is
       *[other] they are
    } left out of the comparison.
jac-kink-more = { $n } more
jac-title = Jacobian ∂{ $of }/∂x of { $name }
jac-equal = ✓ equal
jac-equal-away = ✓ equal away from the kink
jac-differ = ✗ differ
jac-verdict = dout·J vs the layer's dx: max |dout·J − dx| = { $diff } { $verdict }
jac-how = (J: central differences of forward, h = { $h })
jac-caption-vjp = dout flattened × J
jac-caption-dx = the layer's backward
jac-caption-dout = arriving
jac-block-keys = { $next }/{ $prev } the next/previous block
jac-block-whole = J: { $rows }×{ $cols }, one row per cell of { $of }, one column per cell of x (flattened row by row); · is exactly 0
jac-block-loss = J is 1×{ $in_n }; shown: its { $cols } columns for x[{ $n },·], batch row { $n } (rows 0–{ $last }); the other rows' columns hold their own (y − t)/N · { $keys }
jac-block-row = J is { $out_n }×{ $in_n }; shown: the block of batch row { $n } (rows 0–{ $last }), { $of }[{ $n },·] × x[{ $n },·] ({ $rows }×{ $cols }); J is 0 outside the row blocks, · is exactly 0 · { $keys }
jac-block-column = J is { $out_n }×{ $in_n }; shown: the block of column { $j } (columns 0–{ $last }), { $of }[·,{ $j }] × x[·,{ $j }] ({ $rows }×{ $cols }); J is 0 outside the column blocks, · is exactly 0 · { $keys }
jac-position = rows { $r0 }–{ $r1 }/{ $rows } cols { $c0 }–{ $c1 }/{ $cols }
jac-status-whole = J is shown whole: it has no other block
jac-status-last = this is the last block of { $blocks }
jac-status-first = this is the first block of { $blocks }

## area: errors
err-log-domain = log is defined only above 0, but its input { $at } = { $v }
err-reciprocal-domain = 1 / 0 is not a number, and its input { $at } = { $v }
err-outside-domain = { $at } = { $v } is outside { $layer }'s domain
err-overflow = { $what } became { $value }: the numbers are { $inf }; use smaller values
err-overflow-training = iteration { $iter }: { $what } became { $value }: the numbers grew { $inf }; lower the learning rate (lr is { $lr })
err-iteration = iteration { $iter }
err-what-output = { $who } output
err-what-objective = the objective
err-what-loss = the loss L
err-what-the-loss = the loss
err-what-scalar = L = Σ dout ⊙ out (the scalar backward differentiates)
err-what-dx = the gradient dx of { $who }
err-what-grad = the gradient d{ $name } of { $who }
err-node-who = node { $number } ({ $name })
err-nudge-outside = cell { $cell } is outside the output of { $name }, which is { $shape }
err-graph-shapes = the graph has no nodes, or its shapes were resolved for another graph
err-t-labels = t has { $labels ->
        [one] { $labels } label
       *[other] { $labels } labels
    } but the batch has { $n ->
        [one] { $n } row
       *[other] { $n } rows
    }: give one label per row
err-label-range = label { $label } (row { $row }) is out of range: the output has { $k ->
        [one] { $k } class
       *[other] { $k } classes
    }, so labels go from 0 to { $last }
err-t-shape = t is { $t } but the output is { $out }: one row per sample, one column per class
err-t-negative = t row { $row } has a negative value: targets are one-hot rows (or probabilities)
err-t-sum = t row { $row } sums to { $sum }: each row of t must sum to 1 (one-hot, like [0, 1, 0]), because backward's (y − t)/N assumes it
err-no-layers = the network has no layers: add at least one [[layers]] table
err-x-empty = x is empty: give at least one row with one value
err-loss-not-last = { $who } is { $kind } but is not the last layer: the loss must end the chain
err-shape-x = shape mismatch: x is { $shape } but { $who } cannot take it
err-shape-layer = shape mismatch: { $from } outputs { $shape } but { $who } cannot take it
err-too-many-cells = the layers' outputs total { $cells } cells; at most { $max } are allowed, so that every recorded step fits in memory: use fewer layers or smaller matrices
err-needs-t = the last layer is softmax_with_loss, so the preset needs targets t (class labels or one-hot rows)
err-dout-with-loss = dout is given but the chain ends in a loss, where backward starts from ∂L/∂L = 1: remove dout
err-t-unread = t is given but the chain does not end in softmax_with_loss, so nothing reads it: remove t or add a softmax_with_loss layer
err-dout-shape = dout is { $dout } but the last output is { $out }: they must match
err-graph-no-nodes = the graph has no nodes: add at least one [[nodes]] table with a name, a type and inputs
err-input-empty-name = input { $number } has an empty name
err-input-empty = input "{ $name }" is empty: give at least one value
err-input-twice = two inputs are named "{ $name }": give each a unique name
err-node-empty-name = node { $number } has an empty name
err-node-input-name = { $who } has the name of an input: give nodes and inputs different names
err-node-twice = two nodes are named "{ $name }": give each a unique name
err-node-arity = { $who } is a { $kind } node and takes { $arity ->
        [one] { $arity } input
       *[other] { $arity } inputs
    }, but inputs lists { $given }: { $hint }
err-node-arity-two = mul and add take two names, like inputs = ["apple", "apple_num"]
err-node-arity-one = a layer node takes one name (its parameters go inline)
err-node-self = { $who } uses itself as an input: that is a cycle; a node may only use inputs and earlier nodes
err-node-later = { $who } uses "{ $name }", which is node { $later }, defined later: a node may only use inputs and earlier nodes (so the graph has no cycles); move node { $later } ({ $name }) before it
err-node-unknown = { $who } uses "{ $name }", which is neither an input nor a node: the inputs are { $inputs }
err-input-unused = input "{ $name }" is not used by any node: remove it or name it in a node's inputs
err-node-unused = { $who } is not used by any later node, but only the last node ({ $last }) may be the output: use it in a later node's inputs or remove it
err-node-loss-not-last = { $who } is softmax_with_loss but is not the output: the loss must be the last node
err-node-shapes = shape mismatch: { $who } ({ $kind }) gets { $a } { $a_shape } and { $b } { $b_shape }: the second input must have the first's shape or be 1×1 (a number)
err-node-shape = shape mismatch: { $who } gets { $input } { $shape } and cannot take it
err-graph-too-many-cells = the nodes' outputs total { $cells } cells; at most { $max } are allowed: use smaller matrices
err-graph-needs-t = the output node ({ $name }) is softmax_with_loss, so the preset needs targets t
err-graph-dout-with-loss = dout is given but the graph ends in a loss, where backward starts from ∂L/∂L = 1: remove dout
err-graph-t-unread = t is given but the output node ({ $name }) is not softmax_with_loss, so nothing reads it
err-graph-dout-shape = dout is { $dout } but the output node ({ $name }) is { $out }: they must match
err-affine-b = b has { $values ->
        [one] { $values } value
       *[other] { $values } values
    } but W is { $w }: b needs one value per column of W, { $cols }
err-affine-w = W is { $w } but the input has { $d ->
        [one] { $d } column
       *[other] { $d } columns
    }: W needs { $d ->
        [one] { $d } row
       *[other] { $d } rows
    }
err-loss-needs-t = Softmax-with-Loss needs targets t
err-loss-t-shape = t is { $t } but the scores are { $x }
err-factor-shape = { $name } is { $shape } but the input is { $input }: { $name } must be { $input } or 1×1
err-dropout-ratio = ratio is { $ratio }: the share of dropped cells must be at least 0 and below 1, like 0.5
err-bn-param = { $name } has { $values ->
        [one] { $values } value
       *[other] { $values } values
    } but the input has { $d ->
        [one] { $d } column
       *[other] { $d } columns
    }: give one value per column
err-dout-expected = { $name } is { $shape }, expected { $want }
err-cache-kind = the cache given to { $layer }'s backward came from another kind of layer
err-data-labels = { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    } but { $labels ->
        [one] { $labels } label
       *[other] { $labels } labels
    }: give one label per row
err-data-label-range = label { $label } (row { $row }) is out of range: there { $classes ->
        [one] is { $classes } class
       *[other] are { $classes } classes
    }
err-test-fraction = test_fraction is { $value }: it must be at least 0 and below 1 (0.2 keeps a fifth of the rows for testing)
err-test-fraction-all = { $name } has { $n ->
        [one] { $n } row
       *[other] { $n } rows
    } and test_fraction = { $value } leaves none for training: use a smaller test_fraction or more points
err-digits-damaged = the embedded digits data is damaged (cannot decompress it): rebuild backstep
err-digits-numbers = digits line { $line }: not a list of numbers
err-digits-values = digits line { $line }: { $values ->
        [one] { $values } value
       *[other] { $values } values
    }, expected { $pixels } pixels and a label
err-gzip-damaged = the file looks gzipped but cannot be decompressed (truncated or damaged)
err-idx-header = truncated: { $bytes ->
        [one] { $bytes } byte
       *[other] { $bytes } bytes
    }, too short for the { $header }-byte IDX header
err-idx-magic = wrong magic number { $found }: an IDX { $what ->
        [image] image
       *[label] label
    } file starts with { $want } ({ $decimal })
err-idx-images-truncated = truncated: the header promises { $count ->
        [one] { $count } image
       *[other] { $count } images
    } of { $size } = { $need } bytes but only { $found ->
        [one] { $found } follows
       *[other] { $found } follow
    }
err-idx-no-images = the file holds no images ({ $count } of { $size })
err-idx-labels-truncated = truncated: the header promises { $count ->
        [one] { $count } label
       *[other] { $count } labels
    } but only { $found ->
        [one] { $found } byte follows
       *[other] { $found } bytes follow
    }
err-gen-points = { $name }: points is { $points } but must be from 1 to { $max } (points per class)
err-gen-spiral-classes = spiral: classes is { $classes } but a spiral has from 2 to 10 arms
err-gen-classes = { $name }: classes is { $classes } but { $name } has exactly 2 classes; remove classes or set it to 2
err-gen-noise = { $name }: noise is { $noise } but must be a number ≥ 0
err-iters-zero = iters is 0: train for at least one iteration
err-iters-max = iters is { $iters }: at most { $max } are allowed (the book trains 10000; the loss of every iteration is kept)
err-batch-zero = batch is 0: a mini-batch needs at least one row
err-train-needs-loss = training needs a loss: end the layers with softmax_with_loss
err-no-training-rows = the data set { $name } has no training rows
err-network-data = the network does not fit the data set { $name } ({ $features ->
        [one] { $features } feature
       *[other] { $features } features
    }, { $classes ->
        [one] { $classes } class
       *[other] { $classes } classes
    }): { $error }
err-boundary-features = a decision-boundary map needs 2 features; { $name } has { $features }
err-no-parameter = { $layer } has no parameter { $name } to update
err-no-rows-to-predict = there are no rows to predict
err-accuracy-no-rows = accuracy of no rows
err-no-tensor = no such tensor
err-h-positive = h must be a positive number, got { $h }
err-check-worker = a worker thread of the gradient check failed
err-lr-positive = the learning rate is { $lr } but must be a positive number
err-optim-range = { $name } is { $value } but must be at least 0 and below 1
err-optim-count = the optimizer was made for { $made ->
        [one] { $made } parameter
       *[other] { $made } parameters
    } but got { $count }
err-optim-index = parameter { $index } is beyond the { $count } this update began with
err-optim-shape = the gradient of { $key } is { $grad } but the parameter is { $value }
err-check-cancelled = the gradient check was cancelled
err-no-step = step { $step } does not exist: there { $steps ->
        [one] is { $steps } step
       *[other] are { $steps } steps
    }
err-no-layer = layer { $layer } does not exist: the network has { $layers ->
        [one] { $layers } layer
       *[other] { $layers } layers
    }
err-layer-not-in-run = layer { $layer } is not in this run: was it made by another network?
err-empty-input = { $name } has an empty input
err-no-loss = the loss layer gave no loss
err-output-shape-changed = the layer's output changed shape when x moved
err-dout-cells = dout has { $cells ->
        [one] { $cells } cell
       *[other] { $cells } cells
    } but the output has { $out }
err-block-cell = a cell of the block is outside its matrix
err-dx-shape = dx and x differ in shape
err-who-said = { $who }: { $error }
err-not-a-number = not a number
err-too-large = too large for f64 (about { $max } at most)
## area: views
# the inspector: the mask, its caption (a formula, then the step that wrote it)
views-insp-mask-caption = { $rule }, step { $k }
views-insp-relu-out = x with True cells set to 0
views-insp-dropout-out = x with False cells set to 0
views-insp-relu-heading = ReLU mask: True (■) where x ≤ 0 — those cells output 0
views-insp-dropout-heading = Dropout mask: True (■) where rand > ratio — those cells are kept, the rest output 0
views-insp-arriving = arriving
views-insp-relu-dx = dout with masked (True) cells 0
views-insp-dropout-dx = dout with dropped (False) cells 0
views-insp-relu-backward = Backward reuses forward's mask: × marks the gradients it blocks, the masked (True) cells
views-insp-dropout-backward = Backward reuses forward's mask: × marks the gradients it blocks, the dropped (False) cells (Dropout's True keeps a cell, ReLU's True zeroes it)
views-insp-db-caption = Σ of each column ↓ = db
views-insp-db-heading = db = Σₙ dY[n,·], the sum over rows (axis=0): one total per column, since b was added to every row
views-insp-cached-by-forward = cached by forward
views-insp-sigmoid-heading = dx = dout ⊙ y ⊙ (1 − y): only the cached y is needed, not x
views-insp-softmax = softmax
views-insp-one-hot = one-hot
views-insp-swl-forward = Softmax-with-Loss: y = softmax(x), L = mean of −log y[right class]; backward will need only y and t
views-insp-swl-backward = Softmax-with-Loss: dx = (y − t) / N, the error of each probability over the batch
views-insp-cached-at = cached at forward step { $k }
views-insp-read = read
# a step's operands: its label, what it reads, what it writes
views-insp-reads-writes = { $label }: reads { $reads } → writes { $writes }
views-insp-many-terms = { $cell } = { $value } combines { $terms } terms: press { $key } on it to see them
# the note line while a quiz question is open
views-note-after-answer = the note on this step is shown once you have answered
# the quiz panel: the hidden cell, the keys, the heading (step, layer, op label, cell)
views-quiz-hidden = { $name } is hidden (?): • marks { $cell }, › the cells it is made from. Type its value.
views-quiz-hidden-unnamed = The written matrix is hidden (?): • marks { $cell }, › the cells it is made from. Type its value.
views-quiz-keys = { $keys } · right within 1e-3 relative · score { $score }
views-quiz-heading = quiz — step { $k } ({ $layer } { $label }): what is { $cell }?
views-quiz-heading-bare = quiz — step { $k }: what is { $cell }?
# the nudge panel
views-nudge-this-step = this step: { $name } moved in { $moved } of { $cells ->
    [one] 1 cell
   *[other] { $cells } cells
} (Δ)
views-nudge-still = this step: { $name } did not move
views-nudge-ratio = ratio actual / predicted = { $ratio }
views-nudge-no-ratio = the prediction is 0: no ratio
views-nudge-cell = { $cell } = { $after }, before the nudge { $before }
views-nudge-actual = actual
views-nudge-predicted = predicted
views-nudge-actual-line = { $name }: { $base } → { $nudged }, moved by { $change }
views-nudge-predicted-line = gradient × h = { $gradient } × { $h } = { $change }
views-nudge-gap = { $ratio }, relative gap { $gap } (first order: shrinks with h)
views-nudge-source = gradient from { $source }
views-nudge-keys = { $this_step } · { $steps ->
    [one] 1 step
   *[other] { $steps } steps
} moved in all · { $smaller } h÷10  { $larger } h×10  { $clear } clears
views-nudge-heading = Δ nudge { $name } by h = { $h }
views-nudge-from-dx = dx of the run (∂L/∂x)
views-nudge-from-grad = d{ $name } of { $layer }
views-nudge-from-loss = ∂L/∂y = −t/(N·(y + 1e-7)) of the cross-entropy; the layer's backward never forms it (it goes straight to (y − t)/N)
views-nudge-from-dout = dout arriving at { $layer } (∂L/∂out)
# the shape algebra panel
views-shapes-used = used
views-shapes-heading = shape algebra — { $target } from the shapes alone ({ $key } hides)
# the gradient check popup (its table's columns and the costs are the CLI's: report-check-*)
views-check-running = gradient check — running
views-check-progress = numerical gradient at h = { $h }: { $done } of { $total ->
    [one] 1 cell
   *[other] { $total_text } cells
} (2 forward passes each)
views-check-title-pass = gradient check — PASS at h = { $h }
views-check-title-fail = gradient check — FAIL at h = { $h }
views-check-notes-window = notes, lines { $first }–{ $last } of { $total } ({ $key }: the matrices)
views-check-rel = rel = |a − n| / max(|a|, |n|, floor); a = backprop, n = numerical
views-check-floor = floor { $floor }: gradients below it are compared by absolute difference at this h (|a − n| ≤ { $noise } passes: rounding of L alone can make that)
views-check-notes-count = { $n ->
    [0] no notes
    [one] 1 note
   *[other] { $n } notes
} ({ $key }: the notes and what each method costs)
views-check-pane-backprop = a: backprop
views-check-pane-numerical = n: numerical
views-check-worst = worst { $cell }: rel { $rel } · { $over } of { $cells ->
    [one] 1 cell
   *[other] { $cells_text } cells
} over { $tolerance } · at { $at }: a = { $a }, n = { $n }, rel { $rel_here }
views-check-rerun = press { $key }{ $times ->
    [one] {""}
   *[other] {" "}{ $times } times
} to rerun the check at h = { $h }
views-check-gap-grows = numerical needs 2 passes per cell, so the gap grows with every parameter
views-check-book-scale = book scale: TwoLayerNet 784→50→10 has { $params } parameters, so { $passes } forward passes per gradient; backprop: 1 + 1
# the quiz: verdicts, the score, status lines
views-quiz-right = right: { $typed } (the value is { $answer })
views-quiz-wrong = not quite: you said { $typed }, the value is { $answer } (off by { $off })
views-quiz-score = { $right }/{ $asked } right
views-quiz-empty = type a number, e.g. 0.25 or -1.5e-2
views-quiz-not-a-number = "{ $typed }" is not a number: type e.g. 0.25 or -1.5e-2
views-quiz-not-finite = { $typed } is not a finite number: type e.g. 0.25
views-quiz-too-large = { $typed } is too large for f64 (about ±1.8e308 at most): type e.g. 0.25
views-quiz-on = quiz on: each backward step from the next one asks for a cell before it is shown · score { $score }
views-quiz-off = quiz off · score { $score }
views-quiz-skipped = skipped { $cell } · score { $score }
# a cell's explanation (Enter): its title, and a cell no step computed
views-cell-step-title = { $cell } — step { $k } ({ $layer } { $label })
views-explain-part-of = { $cell } is { $target } of step { $k }:
views-explain-outside = { $cell } is outside the matrix
views-explain-input = { $cell } = { $value }: an input of the network, given by the preset.
views-explain-press-edit = Press { $key } to change it; every step is recomputed.
views-explain-param = { $cell } = { $value }: a parameter of { $layer }.
views-explain-param-grad-at = Its gradient d{ $name } is written at backward step { $k }.
views-explain-param-grad = Its gradient is d{ $name }.
views-explain-target = { $cell } = { $value }: the target, 1 for the right class of the row.
views-explain-target-use = Softmax-with-Loss compares y with t; backward starts from y − t.
views-explain-dout = { $cell } = { $value }: the gradient that starts the backward pass.
views-explain-dout-meaning = With L = Σ { $d } ⊙ { $out }, { $d }[i,j] = ∂L/∂{ $out }[i,j]. Press { $key } to change it.
# status lines of the explorer
views-nudge-cleared = nudge cleared
views-nothing-to-close = nothing to close · { $key } quits
views-exported = exported step { $k } to { $file }
views-exported-kept = exported step { $k } to { $file } ({ $existing } exists and was kept)
views-export-failed = could not write { $path }: { $error }
views-shapes-on = shape algebra on: shown on every Affine step ({ $key } hides it)
views-shapes-on-elsewhere = shape algebra on: it appears on Affine steps (this step is not one)
views-shapes-off = shape algebra off
# the graph view: status lines and an edge's explanation
views-graph-none = this step's layer has no graph to draw
views-graph-no-edit = edit and nudge work on chain presets; change a graph preset's [inputs] in its file
views-graph-cell-of = { $value } at { $at } of { $matrix }
views-graph-value = value: { $name } = { $value }
views-graph-gradient = gradient: { $value }
views-graph-gradient-later = gradient: not known yet; the backward pass reaches this edge at step { $k }
views-graph-no-gradient = no gradient flows back along this edge
views-graph-edge-title = { $label } — edge { $k } of { $n }
# the nudge's status lines
views-nudge-refused = { $name } cannot be nudged: focus the network's input x, W, b, w or a forward output (Y, out, y) with { $focus }, then press { $nudge }
views-nudge-refused-pane = This pane cannot be nudged: focus the network's input x, W, b, w or a forward output (Y, out, y) with { $focus }, then press { $nudge }
views-nudge-none = no nudge yet: press { $key } on a cell of the network's input x, W, b or a forward output
views-nudge-smallest = h = { $h } is already the smallest nudge ({ $lo } to { $hi }); { $key } makes it larger
views-nudge-largest = h = { $h } is already the largest nudge ({ $lo } to { $hi }); { $key } makes it smaller
# the edit prompt and its errors
views-edit-computed = { $name } is computed, not given: edit the network's input x, a parameter (W, b, w), t or the starting dout, and it is recomputed.
views-edit-class = class of row { $row } of t, 0 to { $last } (now { $now }): the row becomes one-hot
views-edit-value = new value for { $cell } (now { $now })
views-edit-not-a-number = "{ $typed }" is not a number: type e.g. 0.5 or -2
views-edit-not-finite = { $typed } is not a finite number: type e.g. 0.5 or -2
views-edit-too-large = { $typed } is too large for f64 (about ±1.8e308 at most): type e.g. 0.5 or -2
views-edit-outside = the cell is outside the matrix
views-edit-no-input = no such node input
views-edit-node-computed = { $name } is computed by a node, not given: edit a graph input
views-edit-no-layer = no such layer
views-edit-no-param = no such parameter
views-edit-no-dout = this preset starts from a loss, not a dout
views-edit-no-targets = this preset has no targets
views-edit-not-a-class = "{ $typed }" is not a class: type a whole number from 0 to { $last }
views-edit-row-outside = the row is outside t
# the picker's prompt and the check's status lines
views-picker-path = path of a .toml preset (./name for a file named like a built-in)
views-picker-stopped = stopped waiting for { $name }; the current preset is unchanged
views-check-cancelled = gradient check cancelled
views-check-h-stays = h stays { $h }: the check's keys reach { $lo } to { $hi }
views-check-all-within = every cell is within the tolerance
# the graph view's figures: titles, a node's label, each edge's explanation
views-fig-sigmoid-title = { $layer } as a graph (Fig. 5-19), cell { $cell }
views-fig-affine-title = { $layer } as a graph (Fig. 5-25): shapes on the edges
views-fig-swl-title = { $layer } as a graph (Fig. 5-30), cell { $cell }
views-fig-cell-title = { $layer } as a graph, cell { $cell }
views-fig-title = { $layer } as a graph
# the node of Fig. 5-29/5-30 (the book's figures write it in English)
views-fig-cross-entropy = Cross Entropy
views-fig-edge-gradient = the gradient flowing back along { $value } is { $grad } (the book's figure, computed from the recorded steps' values)
views-fig-loss-start = d L = ∂L/∂L = 1: backward starts at the loss
views-fig-dout-start = d { $out } = { $value }: backward starts from dout (default: ones), the gradient of L = Σ dout ⊙ { $out }
views-fig-one-path = ∂{ $of }/∂{ $name } through { $node } (one path)
views-fig-mul-partial-summed = { $partial } = dout × { $other } = { $dout } × { $value } = { $grad } (summed over every cell)
views-fig-mul-swaps = a Mul node swaps its inputs: the gradient for { $name } is dout ({ $dout }, from { $node }) times the other input, { $other } = { $value }
views-fig-add-partial-summed = { $partial } = Σ dout = { $grad } ({ $name } was added to every cell)
views-fig-add-passes = an Add node passes dout ({ $dout }, from { $node }) on unchanged: ∂({ $a } + { $b })/∂{ $name } = 1
views-fig-loss-layer-backward = { $node } (softmax with loss: (y − t)/N) backward: from dout = { $dout }; step through its backward steps to see each product
views-fig-layer-backward = { $node } ({ $kind }) backward: from dout = { $dout }; step through its backward steps to see each product
views-fig-fan-out = { $name } feeds { $n } nodes: total ∂{ $of }/∂{ $name } = { $paths } = { $total } (every path)
# a terminal smaller than the explorer needs
views-too-small = terminal too small: need { $need } (now { $now })
views-terminal-signals = cannot listen for SIGTERM and SIGHUP
views-terminal-setup = cannot set up the terminal (is this a terminal?)
views-terminal-read = cannot read the terminal
# the nudge's errors (a cell or layer that is not there)
views-nudge-bad-h = the nudge h must be a non-zero number, got { $h }
views-nudge-no-param = { $layer } has no parameter { $name }; its parameters: { $available }
views-nudge-no-grad = the run has no gradient for { $layer }.{ $name }
views-nudge-no-targets = the loss layer has no targets
views-nudge-no-layer = layer { $k } does not exist: the network has { $n ->
    [one] 1 layer
   *[other] { $n } layers
}
views-nudge-outside = cell { $cell } is outside the { $shape } matrix
views-nudge-outside-of = cell { $cell } is outside { $name }, which is { $shape }
views-nudge-step-count = the nudged run has { $nudged } steps but the base run has { $base }
views-nudge-shape-changed = step { $k } changed shape under the nudge
# under the error of a preset that could not be loaded
views-load-unchanged = The current preset is unchanged.


## area: train
train-state-running = ▶ running
train-state-paused = ‖ paused
train-state-finished = ■ finished
train-state-failed = ✗ failed
train-iteration = iteration { $i }/{ $n }
train-speed = { $rate } it/s
train-speed-avg = { $rate } it/s avg
train-speed-limit = { $measured } (max { $limit })
train-elapsed = elapsed { $clock }
train-lr = { $optimizer } lr { $lr }
train-batch = batch { $batch }
train-seed = seed { $seed }
train-data = { $data } { $train } train / { $test } test
train-loss = loss { $loss }
train-acc-train = train { $acc }
train-acc-test = test { $acc }
train-final-after = final after { $n ->
    [one] 1 iteration
   *[other] { $n } iterations
}
train-final-at = final@{ $n }
train-loss-title = loss per iteration
train-loss-title-last = loss per iteration: { $loss }
train-no-iterations = no iterations yet
train-axis-iteration = iteration
train-axis-iter = iter
train-accuracy-title = accuracy per epoch
train-accuracy-empty = measured after iteration 0 and each epoch
train-legend-train = train
train-legend-test = test
train-boundary-title = decision boundary
train-images-title = test images
train-images-wrong = { $wrong } of { $n } wrong ✗(true)
train-weights-title = first layer W
train-weights-units = { $n ->
    [one] 1 unit
   *[other] { $n } units
} as { $side }
train-worker-stopped = the training worker stopped; { $key } restarts it
train-speed-status = speed: { $speed } · { $slower } slower · { $faster } faster
train-speed-full = full
train-speed-at-most = { $s } it/s at most
train-opening = opening iteration { $i } in the explorer…
train-nothing-to-close = nothing to close · { $key } quits
train-opened = iteration { $i }: its mini-batch and weights, at the update · { $forward } forward · { $backward } backward · { $back } back to training
train-no-steps = the recorded iteration has no steps

## area: preset-errors
perr-kind-directory = a directory
perr-kind-fifo = a named pipe (FIFO)
perr-kind-socket = a socket
perr-kind-char-device = a character device
perr-kind-block-device = a block device
perr-kind-special = a special file
perr-kind-file = a file
perr-noun-preset = preset file
perr-noun-data = data file
perr-not-regular = { $path }: is { $kind }, not a { $noun }: give the path of a regular file
perr-bytes = { $n ->
    [one] 1 byte
   *[other] { $n } bytes
}
perr-cannot-read = { $path }: cannot read the { $noun }
perr-too-long = { $path }: the file holds more than { $size }; a { $noun } is limited to { $size }
perr-io-not-found = no such file or folder
perr-io-permission = permission denied
perr-io = { $what }: { $why }
perr-io-is-directory = it is a folder, not a file
perr-io-not-directory = a part of the path is a file, not a folder
perr-io-invalid-data = the file's contents are not valid
perr-io-unexpected-eof = the file ends too early
perr-io-too-large = the file is too large
perr-io-name-too-long = the file name is too long
perr-io-busy = the file is busy; try again
perr-io-interrupted = reading was interrupted; try again
perr-io-storage-full = the disk is full
perr-io-read-only = the file system is read-only
perr-io-exists = the file already exists
perr-io-out-of-memory = not enough memory
perr-io-other = the system says: { $reason }
perr-mnist-hint = the book's dataset/mnist.py downloads train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz into its dataset/ folder (run `python -c "import mnist; mnist.init_mnist()"` there); pass that folder as --data mnist:DIR (gzipped or not)
perr-mnist-no-folder = data "{ $data }" names no folder: write mnist:DIR, e.g. mnist:dataset
perr-data-unknown = unknown data set "{ $data }": use one of { $names }
perr-mnist-not-folder = { $path }: is { $kind }, not a folder; { $hint }
perr-mnist-no-such-folder = { $path }: no such folder; { $hint }
perr-mnist-missing = { $path }: missing (nor is there { $name }); { $hint }
perr-mnist-label-count = { $path }: { $labels } labels for { $images } images; the image and label files must belong together
perr-mnist-label-range = { $path }: a label is above 9; MNIST labels are the digits 0–9
perr-mnist-sizes = { $path }: test images are { $test } but training images { $train }
perr-mnist-needs-folder = { $preset } trains on MNIST, which is not built in: pass the folder that holds its four files with --data mnist:DIR, e.g. `backstep train --preset { $preset } --data mnist:dataset`; { $hint }
perr-at-least = { $name } is { $n } but must be at least { $min }
perr-too-large = { $name } = { $n } is too large
perr-iters-too-many = iters is { $n } but must be at most { $max } (the book trains 10000)
perr-not-finite = { $name } is { $why }: give a finite number
perr-optimizer-unknown = unknown optimizer "{ $optimizer }": use one of { $names }
perr-flag-iters-zero = --iters is 0: train for at least one iteration
perr-flag-iters-too-many = --iters is { $n } but must be at most { $max } (the book trains 10000; the loss of every iteration is kept)
perr-flag-batch-zero = --batch is 0: a mini-batch needs at least one row
perr-generated-only = { $what } applies to the generated sets (spiral, xor, circles, moons), not to { $data }
perr-data-preset-none = [train] data = "preset" trains on the preset's own x and t, but it has none: add x and t, or name a data set ({ $names })
perr-type-string = a string
perr-type-integer = a whole number
perr-type-float = a number
perr-type-boolean = true or false
perr-type-datetime = a date
perr-type-array = a list
perr-type-table = a table
perr-not-a-number = { $what } must be a number, found { $found }
perr-value-not-finite = { $what } is { $why }: every value must be a finite number
perr-matrix-empty = { $field } is empty: give at least one row with one value
perr-matrix-too-wide = { $field } is { $shape }: at most { $max } rows or columns are allowed
perr-matrix-too-many-cells = { $field } is { $shape } = { $cells } cells: at most { $max } cells are allowed per matrix
perr-matrix-not-rows = { $field } must be a list of rows, like [[1.0, 2.0], [3.0, 4.0]]
perr-matrix-row-not-list = { $field } row { $row } is { $found }, not a list: every row must be [..]
perr-matrix-ragged = { $field } is ragged: row 0 has { $width ->
    [one] 1 value
   *[other] { $width } values
} but row { $row } has { $len }; every row needs the same length
perr-matrix-type = { $field } must be a matrix (a list of rows) or a generator table, found { $found }
perr-shape-whole = { $field }: shape must list whole numbers, like [2, 3]
perr-shape-missing = { $field }: a generator needs shape = [rows, columns]
perr-shape-two = { $field }: shape must be [rows, columns]
perr-shape-positive = { $field }: shape { $shape } must be positive
perr-fill-unknown-key = { $field }: unknown key "{ $key }" in a fill generator; use fill and shape, like {"{"} fill = 0.0, shape = [3] {"}"}
perr-random-unknown-key = { $field }: unknown key "{ $key }" in a generator; use random, shape, scale, seed, init (or fill = v with shape)
perr-random-kind = { $field }: random must be "normal" or "uniform", found { $found }
perr-random-missing = { $field }: a generator table needs random = "normal" or "uniform"
perr-seed-range = { $field }: seed must be a whole number from 0 to { $max }, found { $found }
perr-labels-unknown-key = { $field }: unknown key "{ $key }" in a label generator; use random = "labels", classes, shape and seed, like {"{"} random = "labels", classes = 10, shape = [100], seed = 3 {"}"}
perr-labels-classes = { $field }.classes must be a whole number from 1 to { $max } (how many classes; the last layer's width), found { $found }
perr-labels-classes-missing = { $field }: a label generator needs classes = K, how many classes (the last layer's width), like classes = 10
perr-labels-count = { $field }.shape = [{ $n }]: the number of labels must be from 1 to { $max }
perr-labels-shape = { $field }.shape must be [N], one whole number: the number of labels (one per row of x), like [100]
perr-labels-shape-found = { $field }.shape must be [N], the number of labels (one per row of x), like [100]; found { $found }
perr-labels-shape-missing = { $field }: a label generator needs shape = [N], the number of labels (one per row of x), like [100]
perr-layer-needs = { $kind ->
    [affine] an
    [add] an
    [exp] an
   *[other] a
} { $kind } layer needs { $what }
perr-not-both = give { $a } or { $b }, not both
perr-one-row = { $key } must be one row of values, like [0.1, 0.2]
perr-whole-from-0 = { $key } must be a whole number from 0, found { $found }
perr-flag = { $key } must be true or false, found { $found }
perr-layer-takes-nothing = no fields besides type and name
perr-layer-no-field = { $kind ->
    [affine] an
    [add] an
    [exp] an
   *[other] a
} { $kind } layer has no field `{ $key }`; it takes { $takes }
perr-at = line { $line }, column { $column }
perr-x-missing = missing field `x`: give the input batch, like x = [[1.0, 2.0]] (only a preset whose [train] section names a data set may leave it out)
perr-x-missing-with-t = t or dout is given but x is not: give x too
perr-no-layers = the preset has no layers: add at least one [[layers]] table with a type
perr-layer-type-unknown = unknown layer type "{ $kind }": valid types are { $valid }
perr-layer-which = layer { $n } ({ $kind })
perr-layer-empty-name = layer { $n } has an empty name
perr-layer-same-name = two layers are named "{ $name }": give each a unique name
perr-seed-out-of-range = seed = { $literal } is out of range: a seed must be a whole number from 0 to { $max }
perr-integer-out-of-range = { $literal } is out of range for a whole number ({ $min } to { $max }); write a float, like 1e21, if you mean a value
perr-layer-n = layer { $n }
perr-type-not-string = type must be a string like "relu", found { $found }
perr-type-missing = missing field `type`
perr-name-not-string = name must be a string, found { $found }
perr-t-random-numbers = t: random = "{ $kind }" draws numbers, not class labels: generate labels with {"{"} random = "labels", classes = 10, shape = [100], seed = 3 {"}"}, or list them
perr-t-generator = t: a generator of labels is {"{"} random = "labels", classes = 10, shape = [100], seed = 3 {"}"}
perr-t-type = t must be a list of class labels like [1, 0], one-hot rows like [[0, 1], [1, 0]], or a label generator like {"{"} random = "labels", classes = 10, shape = [100], seed = 3 {"}"}
perr-t-empty = t is empty: give one label per row of x
perr-t-label = t[{ $i }] is { $found }: as a flat list, t holds class labels (whole numbers from 0); for one-hot rows write [[0, 1], [1, 0]]
perr-number-overflow = a number here is { $why }: give a finite number
perr-toml-unknown-field = unknown field `{ $field }` (a preset has title, description, x, t, dout and [[layers]]; a layer has type, name and its own fields)
perr-toml-unknown-field-graph = unknown field `{ $field }` (a graph preset has title, description, [inputs], t, dout and [[nodes]]; a node has name, type, inputs and a layer's parameters)
perr-toml-missing-field = missing field `{ $field }`
perr-toml-invalid-type = expected { $expected }, found { $found }
perr-toml-duplicate-key = this key is given twice: keep one
perr-toml-unquoted = a text value must be in quotes, like type = "relu"
perr-toml-no-assignment = a key needs = and a value, like lr = 0.1
perr-toml-no-value = a value is missing after =
perr-toml-no-comma = a comma is missing between the values of a list, like [1.0, 2.0]
perr-toml-no-comma-table = a comma is missing between the keys of an inline table, like {"{"} fill = 0.0, shape = [3] {"}"}
perr-toml-unclosed-array = a list is not closed: end it with ]
perr-toml-unclosed-inline-table = an inline table is not closed: end it with {"}"}
perr-toml-unclosed-table = a table header is not closed: write [train] or [[layers]]
perr-toml-invalid-key = not a key: a key is letters, digits, _ and -, like test_fraction
perr-toml-extra-comma = a comma with no value after it: take it out
perr-toml-syntax = not valid TOML here (the TOML parser says: { $detail })
perr-node-n = node { $n }
perr-node-no-name = node { $n } has no name: give every node a name = "…"
perr-node-which = node { $n } ({ $name })
perr-node-two-inputs = { $kind ->
    [add] an
   *[other] a
} { $kind } node takes its two values as inputs, not `{ $key }`
perr-node-no-inputs = it has no inputs: give inputs = ["…"], the names it reads
perr-node-inputs-list = inputs must be a list of names, like inputs = ["apple", "apple_num"]
perr-node-inputs-names = inputs holds { $found }, but it lists names (strings) of inputs or earlier nodes
perr-no-x = the preset has no x: give the input batch
perr-not-utf8 = { $path }: cannot read the preset file: it is not UTF-8 text (invalid byte at offset { $offset })
perr-no-train-section = { $preset } has no [train] section: pick a training preset (train-spiral, train-xor, train-digits, train-mnist) or add one
perr-no-builtin = no built-in preset named "{ $name }": the built-ins are { $names }
perr-no-preset = no preset named "{ $name }": the built-ins are { $names }; or give the path of a .toml file
perr-data-preset-needs-t = data = "preset" trains on x and t: end the layers with softmax_with_loss and give t
perr-data-own-rows = [train] data = "{ $data }" brings its own rows, so x and t would be ignored: remove them, or set data = "preset" to train on them
format-count-cell = { $n ->
    [one] 1 cell
   *[other] { $n } cells
}
format-count-input-cell = { $n ->
    [one] 1 input cell
   *[other] { $n } input cells
}
format-count-target-cell = { $n ->
    [one] 1 target cell
   *[other] { $n } target cells
}
format-count-value = { $n ->
    [one] 1 value
   *[other] { $n } values
}
format-count-step = { $n ->
    [one] 1 step
   *[other] { $n } steps
}
format-count-layer = { $n ->
    [one] 1 layer
   *[other] { $n } layers
}
format-count-row = { $n ->
    [one] 1 row
   *[other] { $n } rows
}
format-count-column = { $n ->
    [one] 1 column
   *[other] { $n } columns
}
format-not-a-number = "{ $typed }" is not a number
format-not-finite = { $typed } is not a finite number
format-is = { $typed } is { $why }
cli-error = backstep: error: { $message }
cli-err-prefix = error: { $message }
cli-err-more = For more information, try '--help'.
cli-err-unknown-arg = unexpected argument '{ $arg }' found
cli-err-unknown-command = unrecognized subcommand '{ $name }'
cli-err-value-required = a value is required for '{ $arg }' but none was supplied
cli-err-invalid-value = invalid value '{ $value }' for '{ $arg }'
cli-err-invalid-value-why = invalid value '{ $value }' for '{ $arg }': { $why }
cli-err-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-err-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
cli-err-twice = the argument '{ $arg }' cannot be used multiple times
cli-err-missing-arg = the following required arguments were not provided: { $arg }
cli-err-no-equals = equal sign is needed when assigning values to '{ $arg }'
cli-err-usage = the command line is not one backstep understands
cli-err-possible-values = [possible values: { $values }]
cli-err-similar = tip: a similar one exists: '{ $similar }'
cli-err-whole = not a whole number from 0
cli-err-whole-too-large = too large for a whole number
cli-err-threads = give a whole number of cores from 1 to 1024
perr-what-affine-w = W (a D×H matrix)
perr-what-affine-b = b (H values)
perr-what-mul-w = w (x's shape or 1×1)
perr-what-add-b = b (x's shape or 1×1)
perr-what-conv-w = W (FN×C×FH×FW)
perr-what-conv-b = b (FN values)
perr-what-pool-h = pool_h (the window's height)
perr-what-pool-w = pool_w (the window's width)
perr-what-gamma = gamma (one value per column)
perr-what-beta = beta (one value per column)

## area: hist
hist-about = Send 1,000 inputs through a net and count each hidden activation layer's outputs into 30 bins over [0, 1] (the book's chapter 6.2.2)
hist-arg-format = Output format: text or json, which runs it headless. Without it: the histogram screen when stdout is a terminal, else text
hist-no-activation = the net has no activation layer (relu, sigmoid or tanh) whose outputs could be counted: use init-sigmoid, init-tanh, init-relu or a net with hidden layers
hist-not-finite = { $layer } puts out a number that is not finite (the weights are too large for f64): try a smaller --init, like std:0.01
hist-graph = { $preset } is a graph of nodes, not a chain of layers: histograms need layers, like init-sigmoid
hist-init-flag = W drawn with --init { $init }
hist-init-preset = W as the preset draws it
hist-header = { $samples ->
        [one] one input
       *[other] { $samples } inputs
    } · { $layers ->
        [one] one activation layer
       *[other] { $layers } activation layers
    } · { $init } · { $bins } bins over [{ $lo }, { $hi }], as plt.hist(a.flatten(), 30, range=(0,1))
hist-col-bin = bin
hist-below = below { $edge }
hist-above = above { $edge }
presets-title-init-sigmoid = Activation histograms: Sigmoid, W std 1
presets-title-init-tanh = Activation histograms: Tanh, W std 1
presets-title-init-relu = Activation histograms: ReLU, W std 1
presets-description-init-sigmoid = weight_init_activation_histogram.py: 1,000 inputs N(0, 1) of 100 features, five hidden layers of 100 nodes with Sigmoid, W = np.random.randn(100, 100) * 1, no bias (Fig. 6-10; --init std:0.01 gives Fig. 6-11, --init xavier Fig. 6-12)
presets-description-init-tanh = weight_init_activation_histogram.py: 1,000 inputs N(0, 1) of 100 features, five hidden layers of 100 nodes with tanh, W = np.random.randn(100, 100) * 1, no bias (--init xavier gives Fig. 6-13)
presets-description-init-relu = weight_init_activation_histogram.py: 1,000 inputs N(0, 1) of 100 features, five hidden layers of 100 nodes with ReLU, W = np.random.randn(100, 100) * 1, no bias (--init std:0.01, xavier and he give Fig. 6-14)
presets-summary-init-sigmoid = lab (Figs. 6-10 to 6-12): how Sigmoid's outputs spread over five layers as the initial weights change; backstep histogram
presets-summary-init-tanh = lab (Fig. 6-13): tanh's outputs over five layers, W std 1 or --init xavier; backstep histogram
presets-summary-init-relu = lab (Fig. 6-14): ReLU's outputs over five layers with std 0.01, Xavier or He; backstep histogram
hist-screen-header = { $samples ->
        [one] one input
       *[other] { $samples } inputs
    } · { $init } · one scale: longest bar { $most } values
hist-screen-more = { $about } · { $hidden ->
        [one] one more layer does not fit
       *[other] { $hidden } more layers do not fit
    }: widen the terminal or use --format text
hist-no-reload = { $key } redraws a preset without [train] (a built-in or a file); for this one pass --init on the command line
keys-histogram-next-init = redraw every W with the next initial weights and count again: the preset's own → std 0.01 → Xavier → He
keys-short-init = init
keys-context-histogram = On the histogram screen
keys-histogram-back = leave the histogram screen
keys-short-leave = leave

## area: cmpui
cmpui-no-runs = there are no runs to compare: give values with --vary KEY=V1,V2,…
cmpui-worker-stopped = { $runs ->
        [one] a run's training worker stopped
       *[other] { $runs } runs' training workers stopped
    }; r restarts them
cmpui-opening = opening iteration { $iteration } of { $value } in the explorer…
cmpui-nothing-to-close = nothing to close · { $quit } quits
cmpui-state-running = ▶ running
cmpui-state-paused = ‖ paused
cmpui-state-finished = ✓ finished
cmpui-state-failed = ✗ failed
cmpui-full-speed = full speed
cmpui-speed = at most { $speed } it/s
cmpui-status = { $state } · { $key }: { $runs ->
        [one] one run
       *[other] { $runs } runs
    } · iteration { $done }/{ $iters } (the slowest run) · { $speed }
cmpui-about = data { $data }: { $train } training rows, { $test } test rows · seed { $seed } · { $preset } — { $title }
cmpui-loss-title = loss per iteration (mean per column)
cmpui-no-iterations = no iterations yet
cmpui-test-acc-title = test accuracy per epoch
cmpui-train-acc-title = train accuracy per epoch
cmpui-no-epochs = no epoch has ended yet
cmpui-axis-iteration = iteration
cmpui-legend-title = runs: { $key }
cmpui-hidden = (hidden)
cmpui-run-detail = { $state } · { $iteration }/{ $iters } · { $optimizer } lr { $lr }
cmpui-legend-columns = each run: loss · acc
keys-context-compare = On the compare screen
keys-compare-run-pause = run or pause every run
keys-compare-one-iteration = run one iteration of every run (pauses first)
keys-compare-slower = slower: full speed → 1000 → 100 → 10 → 1 iterations a second, every run
keys-compare-faster = faster: 1 → 10 → 100 → 1000 iterations a second → full speed, every run
keys-compare-up = pick the run above (▸ in the legend)
keys-compare-down = pick the run below
keys-compare-toggle-run = hide or show the picked run's curves
keys-compare-restart = restart every run from iteration 0 with its initial weights and the next seed (paused)
keys-compare-confirm = open the picked run's next iteration in the explorer: its mini-batch and current weights, forward, backward and update (every run pauses; Esc comes back here)
keys-compare-back = nothing to close here; q quits
keys-short-pick = pick
keys-short-hide = show/hide

## area: search
search-about = Draw learning rates and weight decays log-uniformly, train a trial of each on 80 % of the training rows and rank them by validation accuracy (the book's chapter 6.5)
search-arg-format = Output format: text or json, which runs it headless. Without it: the search screen when stdout is a terminal, else text
search-arg-trials = Trials (the book runs 100), at most 10000
search-arg-epochs = Epochs each trial trains (the book's 50)
search-arg-lr = The learning rates to draw from, log-uniformly, as LO,HI (default: the book's 1e-6,1e-2)
search-arg-weight-decay = The weight decays λ to draw from, log-uniformly, as LO,HI (default: the book's 1e-8,1e-4)
search-arg-seed = Random seed of the data, the split, the validation rows, the draws and the mini-batch order
search-too-many-trials = run at most { $max } trials
search-too-many-epochs = each epoch is { $per_epoch ->
        [one] one iteration
       *[other] { $per_epoch } iterations
    } here and a trial trains at most { $max }: give at most { $most } epochs
srchui-cancelling = cancelling: the running trials stop at their next iteration; the ended ones stay listed
srchui-nothing-to-cancel = the search is not running: nothing to cancel · { $quit } quits
srchui-status-running = ▶ searching · { $done }/{ $trials } trials ended · epoch { $epochs_done }/{ $epochs } of all trials ({ $percent } %)
srchui-status-cancelling = … cancelling · { $done }/{ $trials } trials ended
srchui-status-finished = ✓ finished · { $trials ->
        [one] one trial
       *[other] { $trials } trials
    } of { $epochs ->
        [one] one epoch
       *[other] { $epochs } epochs
    }, ranked by final validation accuracy
srchui-status-cancelled = ✗ cancelled · { $done } of { $trials } trials ended; the others were not trained to the end
srchui-status-chance = ✓ finished · no trial beat guessing: try --lr { $lo },{ $hi } (the preset's lr is { $lr })
srchui-status-failed = ✗ failed: { $error }
srchui-about = { $preset } — { $title } · { $data }: { $train } training, { $validation } validation rows · seed { $seed }
srchui-ranges = lr { $lr_lo }…{ $lr_hi } and weight decay { $wd_lo }…{ $wd_hi } drawn log-uniformly · { $epochs ->
        [one] one epoch
       *[other] { $epochs } epochs
    } a trial
srchui-list-title = trials, best first
srchui-col-rank = Best
srchui-col-val-acc = val acc
srchui-col-lr = lr
srchui-col-weight-decay = weight decay
srchui-no-trials = no trial has ended yet
srchui-chart-title = validation accuracy, best { $best }
srchui-chart-title-empty = validation accuracy
srchui-no-curves = the curves appear as trials end
srchui-axis-epoch = epoch
srchui-detail = ▸ Best-{ $rank } (trial { $trial }) · lr { $lr } · weight decay { $decay } · { $glyph } val acc · { $dots } train acc
keys-context-search = On the search screen
keys-search-up = pick the trial above (▸ in the list)
keys-search-down = pick the trial below
keys-search-page-up = pick ten trials up
keys-search-page-down = pick ten trials down
keys-search-first = pick the best trial
keys-search-last = pick the worst trial
keys-search-back = cancel the running search: the trials that ended stay listed

## area: convtrain
keys-train-conv-view = a convolution first: charts → its filters before and after learning (the book's Fig. 7-24) → the selected test image's feature maps after the convolution and the pooling → charts
keys-train-next-image = a convolution first: the next test image's feature maps
keys-train-prev-image = a convolution first: the previous test image's feature maps
convtrain-no-conv = { $key }/Tab: no filters or feature maps, the first layer is not a convolution
convtrain-now-title = { $filters } now
convtrain-now-hint = { $key } more
convtrain-filters = { $layer }: { $n ->
    [one] 1 filter
   *[other] { $n } filters
} { $shape }
convtrain-filters-part = { $layer }: { $shown } of { $n } filters { $shape }
convtrain-filters-title = first layer's filters before and after learning (Fig. 7-24) · { $key } feature maps
convtrain-filters-legend = each filter scaled to its own range: min  ░▒▓█ max
convtrain-before = before learning
convtrain-after = after { $n ->
    [one] 1 iteration
   *[other] { $n } iterations
}
convtrain-maps-title = feature maps of test image { $image }/{ $n } ({ $label }) · { $next } next · { $key } charts
convtrain-maps = { $layer }: { $n ->
    [one] 1 map
   *[other] { $n } maps
} { $shape }
convtrain-maps-part = { $layer }: { $shown } of { $n } maps { $shape }
convtrain-reduced = { $shape }, { $k }×{ $k } a cell
convtrain-after-conv = after the convolution
convtrain-after-pool = after the pooling
convtrain-input = input
convtrain-maps-waiting = computing the feature maps…
