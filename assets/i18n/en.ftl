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

## area: narr

## area: explorer

## area: report

## area: ch6a

## area: ch6b

## area: conv

## area: convui
