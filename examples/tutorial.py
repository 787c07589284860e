"""The tutorial cases people learn automatic differentiation with, end to end.

Run with:  python examples/tutorial.py
"""

import numpy as np

import tangentish


def polynomial(x):
    return 2 * x ** 2 + 3 * x + 1


def matrix_sum(x):
    """sum(x^2 + 2x + 1) over a matrix: its gradient is 2x + 2, element by element."""
    return np.sum(x ** 2 + 2 * x + 1)


def mse(w, b, x, y):
    prediction = x @ w + b
    return np.mean((prediction - y) ** 2)


def train(steps: int = 200, learning_rate: float = 0.1) -> tuple[np.ndarray, float, float]:
    """Linear regression by gradient descent.  value_and_grad returns fresh gradients on every
    call: there is nothing to zero between steps."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(100, 3))
    true_w, true_b = np.array([1.5, -2.0, 0.5]), 0.3
    y = x @ true_w + true_b + 0.01 * rng.normal(size=100)
    w, b = np.zeros(3), 0.0
    step = tangentish.value_and_grad(mse, wrt=("w", "b"))
    loss = float("nan")
    for _ in range(steps):
        loss, (w_bar, b_bar) = step(w, b, x, y)
        w, b = w - learning_rate * w_bar, b - learning_rate * b_bar
    return w, b, float(loss)


def main() -> None:
    print("d/dx (2x^2 + 3x + 1) at x = 2:", tangentish.grad(polynomial)(2.0))
    x = np.arange(6.0).reshape(2, 3)
    print("gradient of sum(x^2 + 2x + 1) for a 2x3 matrix:")
    print(tangentish.grad(matrix_sum)(x))
    w, b, loss = train()
    print(f"linear regression: w = {np.round(w, 3)}, b = {b:.3f}, final loss = {loss:.6f}")
    print()
    print(tangentish.source(mse, wrt=("w", "b"), mode="value_and_grad"))


if __name__ == "__main__":
    main()
