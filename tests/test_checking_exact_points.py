"""The checker's finite differences sample exact points (checking/finite_diff.on_grid).

Found on autograd's own test of ``operator.sub`` with both arguments the same array: the
points ``x + t d`` were rounded to float64, the function cancelled its inputs (``a - b`` at
``a == b``), and the rounding (1e-16 of ``x``, divided by a step of 3e-6) came out as a 3e-11
error of a correct forward derivative, which the tolerance (measured on the output) did not
allow: a correct derivative reported as wrong.  The table below is linear functions that
cancel their inputs, checked in each mode alone over many seeds: every one must pass.
"""

import operator

import numpy as np
import pytest

import tangentish
from tangentish.checking.finite_diff import GRID_LEVELS, base_step, on_grid

V2 = np.random.default_rng(0).standard_normal(2)  # autograd's case: this cotangent, this point
V5 = np.random.default_rng(1).standard_normal(5)


def sub_projected(a, b):
    return np.sum(operator.sub(a, b) * V2)


def differences(x):
    return np.sum((x[1:] - x[:-1]) * V5[:4])


def sum_minus_sum(a, b):
    return np.sum(a) * 3.0 - np.sum(b) * 3.0 + a[0] - b[0]


def centred(x):
    return np.sum((x - np.mean(x)) * V5)


def scaled_sub(a, b):
    return np.dot(2.5 * a - 2.5 * b, V5)


POINT2 = np.array([0.19525402, 0.86075747])
POINT5 = np.array([0.41, 0.41, 0.4100000001, -3.7, 12.25])
CASES = {
    "sub_same": (sub_projected, (POINT2, POINT2), (0, 1)),
    "differences": (differences, (POINT5,), 0),
    "sum_minus_sum": (sum_minus_sum, (POINT5, POINT5.copy()), (0, 1)),
    "centred": (centred, (POINT5,), 0),
    "scaled_sub": (scaled_sub, (POINT5, POINT5 + 1e-9), (0, 1)),
}


POINTS = np.random.default_rng(2).uniform(-2.0, 2.0, (8, 5))


@pytest.mark.parametrize("mode", ["fwd", "rev"])
@pytest.mark.parametrize("name", ["differences", "centred", "scaled_sub"])
def test_cancelling_functions_at_random_points(name, mode):
    f, args, wrt = CASES[name]
    for point in POINTS:
        moved = tuple(point + (a - args[0]) for a in args)  # keep each case's offsets
        for seed in range(6):
            report = tangentish.check_grads(f, moved, wrt=wrt, modes=(mode,), seed=seed,
                                            warn=False, raise_on_failure=False)
            assert report.ok, (point, seed, report.summary())


@pytest.mark.parametrize("mode", ["fwd", "rev"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_cancelling_linear_functions_pass_in_each_mode(name, mode):
    f, args, wrt = CASES[name]
    for seed in range(24):
        report = tangentish.check_grads(f, args, wrt=wrt, modes=(mode,), seed=seed, warn=False,
                                        raise_on_failure=False)
        assert report.ok, (seed, report.summary())


def test_on_grid_points_are_exact():
    rng = np.random.default_rng(7)
    top = base_step(2.0**-52, 2.0**-52)
    for _ in range(200):
        x = rng.standard_normal(6) * 10.0 ** rng.integers(-8, 8, 6)
        d = rng.standard_normal(6) * np.maximum(np.abs(x), 1.0)
        g = on_grid(x, d)
        assert np.max(np.abs(g - d) / np.maximum(np.abs(x), 1.0)) < 1e-6
        for k in range(GRID_LEVELS):
            t = top / 2.0**k
            moved = x + t * g
            # exact unless the line leaves x's binade upwards (the docstring's exception)
            crosses = np.spacing(np.abs(x) + np.abs(top * g)) > np.spacing(np.abs(x))
            assert ((moved - x == t * g) | (crosses & (x != 0))).all()
            ordinary = np.abs(x) > 1e-3  # a line crosses a binade there only near a power of 2
            assert not (crosses & ordinary).any() or crosses[ordinary].mean() < 0.2
