"""The same work in NumPy, the way the book's code does it, for the README's comparison.

Run: python3 benches/numpy_reference.py [--quick] [--skip-loop | --loop-only] [--float64]
(needs numpy)
1. one forward + backward of TwoLayerNet on a 100×784 batch, 784 → 50 → 10;
2. the book's numerical_gradient (an element-by-element loop, central differences, h = 1e-4)
   for 3 samples, 784 → 50 → 10 (39,760 parameters);
3. the book's training loop (ch05/train_neuralnet.py) at MNIST shape on random data: 60,000 × 784
   training rows, 10,000 test rows, 10,000 iterations of batch 100 (np.random.choice), SGD with
   lr 0.1, the loss after each update, and train and test accuracy every 600 iterations (an epoch).
   The images are float32, the type the book's `load_mnist(normalize=True)` returns (NumPy turns
   them into float64 in each `np.dot` with the float64 weights); `--float64` gives it float64
   images instead.
   `--quick` runs 1,200 iterations (3 evaluations) and prints the per-iteration and per-evaluation
   figures, which the whole loop's total is made of.
"""
import sys
import time
from collections import OrderedDict

import numpy as np


def softmax(x):
    x = x - x.max(axis=1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=1, keepdims=True)


def loss_and_grads(x, t, W1, b1, W2, b2):
    a1 = x @ W1 + b1
    mask = a1 <= 0
    z1 = a1.copy()
    z1[mask] = 0
    a2 = z1 @ W2 + b2
    y = softmax(a2)
    n = x.shape[0]
    loss = -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n
    dy = y.copy()
    dy[np.arange(n), t] -= 1
    dy /= n
    dW2 = z1.T @ dy
    db2 = dy.sum(axis=0)
    dz1 = dy @ W2.T
    dz1[mask] = 0
    dW1 = x.T @ dz1
    db1 = dz1.sum(axis=0)
    dx = dz1 @ W1.T
    return loss, (dx, dW1, db1, dW2, db2)


def loss_only(x, t, W1, b1, W2, b2):
    z1 = np.maximum(x @ W1 + b1, 0)
    y = softmax(z1 @ W2 + b2)
    n = x.shape[0]
    return -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f()
        x[idx] = tmp - h
        fxh2 = f()
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp
        it.iternext()
    return grad


# --- The book's layers and TwoLayerNet (common/layers.py, ch05/two_layer_net.py) ---


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = None
        self.dW = self.db = None

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx


class SoftmaxWithLoss:
    def __init__(self):
        self.loss = self.y = self.t = None

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        if self.t.size == self.y.size:
            return (self.y - self.t) / batch_size
        dx = self.y.copy()
        dx[np.arange(batch_size), self.t] -= 1
        return dx / batch_size


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {
            "W1": weight_init_std * np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }
        self.layers = OrderedDict()
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
        self.layers["Relu1"] = Relu()
        self.layers["Affine2"] = Affine(self.params["W2"], self.params["b2"])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.lastLayer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return np.sum(y == t) / float(x.shape[0])

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.lastLayer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        return {
            "W1": self.layers["Affine1"].dW,
            "b1": self.layers["Affine1"].db,
            "W2": self.layers["Affine2"].dW,
            "b2": self.layers["Affine2"].db,
        }


def train_loop(iters_num, dtype):
    """ch05/train_neuralnet.py on random data of MNIST's shape (one-hot labels, like the book).

    Returns (total seconds, seconds in evaluations, number of evaluations)."""
    np.random.seed(0)
    x_train = np.random.rand(60000, 784).astype(dtype)
    t_train = np.eye(10)[np.random.randint(0, 10, 60000)]
    x_test = np.random.rand(10000, 784).astype(dtype)
    t_test = np.eye(10)[np.random.randint(0, 10, 10000)]
    network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
    train_size = x_train.shape[0]
    batch_size = 100
    learning_rate = 0.1
    train_loss_list, train_acc_list, test_acc_list = [], [], []
    iter_per_epoch = max(train_size / batch_size, 1)
    eval_time = 0.0
    start = time.perf_counter()
    for i in range(iters_num):
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch = x_train[batch_mask]
        t_batch = t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= learning_rate * grad[key]
        loss = network.loss(x_batch, t_batch)
        train_loss_list.append(loss)
        if i % iter_per_epoch == 0:
            e = time.perf_counter()
            train_acc = network.accuracy(x_train, t_train)
            test_acc = network.accuracy(x_test, t_test)
            train_acc_list.append(train_acc)
            test_acc_list.append(test_acc)
            eval_time += time.perf_counter() - e
    return time.perf_counter() - start, eval_time, len(train_acc_list)


def main():
    quick = "--quick" in sys.argv
    if "--loop-only" in sys.argv:
        run_loop(quick)
        return
    rng = np.random.default_rng(0)
    W1, b1 = 0.01 * rng.standard_normal((784, 50)), np.zeros(50)
    W2, b2 = 0.01 * rng.standard_normal((50, 10)), np.zeros(10)
    x = rng.random((100, 784))
    t = np.arange(100) % 10
    times = []
    for _ in range(300 if quick else 2000):
        start = time.perf_counter()
        loss_and_grads(x, t, W1, b1, W2, b2)
        times.append(time.perf_counter() - start)
    print(f"numpy forward+backward 100x784-50-10: median {np.median(times) * 1e3:.3f} ms")
    if not quick:
        xs, ts = x[:3].copy(), t[:3]
        f = lambda: loss_only(xs, ts, W1, b1, W2, b2)
        start = time.perf_counter()
        for p in (W1, b1, W2, b2):
            numerical_gradient(f, p)
        print(f"numpy numerical gradient 3x784-50-10 (39,760 params): {time.perf_counter() - start:.3f} s")
    if "--skip-loop" in sys.argv:
        return
    run_loop(quick)


def run_loop(quick):
    iters = 1200 if quick else 10000
    dtype = np.float64 if "--float64" in sys.argv else np.float32
    total, evals, n_evals = train_loop(iters, dtype)
    train = total - evals
    print(
        f"numpy training loop ({np.dtype(dtype).name} data) {iters} iters of batch 100 on 60000x784, {n_evals} evaluations: "
        f"{total:.2f} s ({train / iters * 1e3:.3f} ms per iteration, "
        f"{evals / n_evals * 1e3:.1f} ms per evaluation of 60000 + 10000 rows)"
    )


if __name__ == "__main__":
    main()
