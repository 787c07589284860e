"""Gradient checkers compared: verdicts and cost on a few functions.

The approaches other tools take are re-implemented here in a few lines each (no peer is
imported), so the comparison runs anywhere:

- ``fixed-step``: one central difference per element with an absolute step 1e-6 and fixed
  tolerances (rtol 1e-5, atol 1e-8): the classic recipe;
- ``full-jacobian``: every element by central differences, eps 1e-6, atol 1e-5, rtol 1e-3, run in
  the input's own dtype (the gradcheck recipe);
- ``random-direction``: one *unseeded* random direction, fixed tolerance 1e-6;
- ``norm-only``: the norm of the difference to forward differences, no verdict (what
  ``scipy.optimize.check_grad`` returns) - shown as the number;
- ``tangentish``: ``tangentish.check_grads`` (seeded projections, error-estimated differences in
  float64, kink detection, localisation on failure).

    python benchmarks/bench_checkers.py
"""

from __future__ import annotations

import sys
import warnings

import numpy as np

import tangentish


class Counted:
    def __init__(self, f):
        self.f, self.calls = f, 0

    def __call__(self, *args):
        self.calls += 1
        return self.f(*args)


def _central(f, x, i, h):
    up, down = x.copy(), x.copy()
    up.flat[i] += h
    down.flat[i] -= h
    return (f(up) - f(down)) / (2 * h)


def fixed_step(f, g, x):
    numeric = np.array([_central(f, x, i, 1e-6) for i in range(x.size)]).reshape(x.shape)
    return np.allclose(g(x), numeric, rtol=1e-5, atol=1e-8)


def full_jacobian(f, g, x):
    numeric = np.array([_central(f, x, i, x.dtype.type(1e-6)) for i in range(x.size)])
    return np.allclose(g(x), numeric.reshape(x.shape), rtol=1e-3, atol=1e-5)


def random_direction(f, g, x):
    u = np.random.default_rng().normal(size=x.shape)  # unseeded, as that recipe does
    numeric = (f(x + 1e-6 * u) - f(x - 1e-6 * u)) / 2e-6
    return abs(numeric - np.sum(g(x) * u)) < 1e-6


def norm_only(f, g, x):
    h = 1.5e-8
    numeric = np.array([(f(x + h * np.eye(x.size)[i].reshape(x.shape)) - f(x)) / h
                        for i in range(x.size)]).reshape(x.shape)
    return float(np.linalg.norm(g(x) - numeric))


def with_tangentish(f, g, x):
    report = tangentish.check_grads(f, (x,), grad=g, modes=("rev",), raise_on_failure=False,
                                    warn=False)
    if report.ok:
        return "kink" if report.kinks else True
    return False


def tanh_sq(x):
    return np.sum(np.tanh(x) ** 2)


def tanh_sq_grad(x):
    return 2 * np.tanh(x) * (1 - np.tanh(x) ** 2)


def relu_sum(x):
    return np.sum(np.maximum(x, 0.0))


def relu_grad(x):
    return (x > 0).astype(x.dtype)


def cases():
    rng = np.random.default_rng(0)
    x = rng.normal(size=50)
    kinked = x.copy()
    kinked[:5] = 0.0
    return [
        ("correct, float64", tanh_sq, tanh_sq_grad, x),
        ("correct, float32", tanh_sq, tanh_sq_grad, x.astype(np.float32)),
        ("correct, scale 1e6", lambda v: np.sum(np.sin(v / 1e6) * 1e6), lambda v: np.cos(v / 1e6),
         x * 1e6),
        ("correct, kinks at 0", relu_sum, relu_grad, kinked),
        ("wrong factor (x1.001)", tanh_sq, lambda v: 1.001 * tanh_sq_grad(v), x),
        ("wrong element", tanh_sq, lambda v: tanh_sq_grad(v) + (np.arange(v.size) == 7), x),
    ]


def main() -> int:
    checkers = [("fixed-step", fixed_step), ("full-jacobian", full_jacobian),
                ("random-direction", random_direction), ("norm-only", norm_only),
                ("tangentish", with_tangentish)]
    print(f"{'case':<24}" + "".join(f"{name:>20}" for name, _ in checkers))
    for label, f, g, x in cases():
        row = []
        for _, checker in checkers:
            counted = Counted(f)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                verdict = checker(counted, g, x)
            text = f"{verdict:.2e}" if isinstance(verdict, float) else \
                {True: "pass", False: "FAIL", "kink": "pass+kinks"}[verdict]
            row.append(f"{text} ({counted.calls})")
        print(f"{label:<24}" + "".join(f"{cell:>20}" for cell in row))
    print("(n) = evaluations of f; the expected verdicts: pass, pass, pass, pass, FAIL, FAIL")
    return 0


if __name__ == "__main__":
    sys.exit(main())
