"""Quickstart: differentiate a small NumPy function and print its derivative's source.

Run with:  python examples/quickstart.py
"""

import numpy as np

import tangentish


def loss(w, x, y):
    """Mean squared error of a linear model with a tanh squashing."""
    prediction = np.tanh(x @ w)
    error = prediction - y
    return np.mean(error ** 2)


def main() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(5, 3))
    y = rng.normal(size=5)
    w = rng.normal(size=3)

    dloss = tangentish.grad(loss)  # gradient with respect to the first argument, w
    print("loss(w)      =", loss(w, x, y))
    print("d loss / d w =", dloss(w, x, y))
    print()
    print("Generated derivative source:")
    print(dloss.source)

    # The derivative of 2x^2 + 3x + 1 at x = 2 is 4*2 + 3 = 11.
    def poly(x):
        return 2 * x ** 2 + 3 * x + 1

    print("d/dx (2x^2 + 3x + 1) at 2 =", tangentish.grad(poly)(2.0))


if __name__ == "__main__":
    main()
