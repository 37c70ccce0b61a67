"""The same work in NumPy, the way the book's code does it, for the README's comparison.

Run: python3 benches/numpy_reference.py   (needs numpy)
1. one forward + backward of TwoLayerNet on a 100×784 batch, 784 → 50 → 10;
2. the book's numerical_gradient (an element-by-element loop, central differences, h = 1e-4)
   for 3 samples, 784 → 50 → 10 (39,760 parameters).
"""
import time

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


def main():
    rng = np.random.default_rng(0)
    W1, b1 = 0.01 * rng.standard_normal((784, 50)), np.zeros(50)
    W2, b2 = 0.01 * rng.standard_normal((50, 10)), np.zeros(10)
    x = rng.random((100, 784))
    t = np.arange(100) % 10
    times = []
    for _ in range(300):
        start = time.perf_counter()
        loss_and_grads(x, t, W1, b1, W2, b2)
        times.append(time.perf_counter() - start)
    print(f"numpy forward+backward 100x784-50-10: median {np.median(times) * 1e3:.3f} ms")
    xs, ts = x[:3].copy(), t[:3]
    f = lambda: loss_only(xs, ts, W1, b1, W2, b2)
    start = time.perf_counter()
    for p in (W1, b1, W2, b2):
        numerical_gradient(f, p)
    print(f"numpy numerical gradient 3x784-50-10 (39,760 params): {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
