"""Values a specialized ``grad`` computed only for their shape (``t`` in ``_rt.unreduce(g, t)``)
read from a parameter proven of that shape instead, and no longer computed
(passes/shape_donors.py): where a parameter lends its shape and where none may, each gradient
against central finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish


def selected_squares(w, x):  # the where's value is read only for its shape
    return np.sum(np.where(x > w, (x - w) ** 2, 0.0))


def huber(w, X, y):
    r = X @ w - y
    a = np.abs(r)
    return np.sum(np.where(a < 1.0, 0.5 * r * r, a - 0.5))


def shifted(w, x):  # x is bound again: it lends no shape (w, the other parameter, may)
    x = x[1:]
    return np.sum(np.where(x > w[1:], (x - w[1:]) ** 2, 0.0))


def horner(c, x):  # y carried around the loop keeps x's shape: the loop is not run at all
    y = np.zeros_like(x)
    for k in range(c.shape[0]):
        y = y * x + c[k]
    return np.sum(y)


def last_power(c, x):  # the loop's variable is read after it: the loop stays
    y = np.zeros_like(x)
    for k in range(c.shape[0]):
        y = y * x + c[k]
    return np.sum(y) * k


def picked_log_softmax(W, X, y):  # logp read for its shape alone: z, computed before, lends it
    z = X @ W
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    return -np.mean(logp[np.arange(X.shape[0]), y])


def picked_in_branch(W, X, y):  # logp is read for its value too: it stays, read as it is
    z = X @ W
    logp = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    return -np.mean(logp[np.arange(X.shape[0]), y]) + 0.1 * np.sum(logp ** 2)


RNG = np.random.default_rng(7)
# (function, wrt, arguments, text the specialized source must not hold, text it must hold)
CASES = [
    (selected_squares, 0, (RNG.normal(size=5), RNG.normal(size=5)),
     "x_minus_w ** 2, 0.0)", "_rt.unreduce(1.0, w)"),
    (selected_squares, 1, (RNG.normal(size=(4, 3)), RNG.normal(size=(4, 3))),
     "x_minus_w ** 2, 0.0)", "_rt.unreduce(1.0, w)"),
    # w of shape (1, 3): its shape is not the where's, x's is
    (selected_squares, 0, (RNG.normal(size=(1, 3)), RNG.normal(size=(4, 3))),
     "_rt.unreduce(1.0, w)", "_rt.unreduce(1.0, x)"),
    # (the view y lends its shape to is spread by the np.where reading it: passes/spread.py;
    # its two weights then one selection: passes/merged_selections.py)
    (huber, 0, (RNG.normal(size=3), RNG.normal(size=(6, 3)), 2 * RNG.normal(size=6)),
     "where_t1 = ", "np.where(_t1, r, np.sign(r))"),
    # y of shape (1,): broadcast against X @ w, it is not r's shape (nothing lends one; the
    # np.where spreads the view of where_t1 itself, so where_t1 is not computed either)
    (huber, 0, (RNG.normal(size=3), RNG.normal(size=(6, 3)), 2 * RNG.normal(size=1)),
     "_rt.unreduce(1.0, y)", "np.where(_t1, r, np.sign(r))"),
    (shifted, 0, (RNG.normal(size=5), RNG.normal(size=5)), "unreduce(1.0, x)", "w"),
    (horner, 0, (RNG.normal(size=4), RNG.normal(size=6)), "y_1 = ", "_rt.unreduce(1.0, x)"),
    (last_power, 0, (RNG.normal(size=4), RNG.normal(size=6)), "y_1 = ", "for k_2 in range_"),
    # c's rows (not numbers) added: y may grow from x's shape (1,) to a row's (3,)
    (horner, 0, (RNG.normal(size=(4, 3)), RNG.normal(size=1)), "unreduce(1.0, x)", "y_1 = "),
    (horner, 1, (RNG.normal(size=(4, 3)), RNG.normal(size=3)), "unreduce(1.0, x)", "y_1 = "),
    # a value bound once at the top level before it, of its shape class (no log computed)
    (picked_log_softmax, 0, (RNG.normal(size=(3, 4)), RNG.normal(size=(6, 3)),
                             RNG.integers(0, 4, size=6)), "= np.log(", "logp_item = exp_z_1["),
    (picked_in_branch, 0, (RNG.normal(size=(3, 4)), RNG.normal(size=(6, 3)),
                           RNG.integers(0, 4, size=6)), "unindex(logp_item_bar, exp_z",
     "logp_item = logp["),
]


@pytest.mark.parametrize("fn, wrt, args, absent, present", CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_a_parameter_lends_its_shape_where_it_is_proven_the_same(fn, wrt, args, absent, present):
    derivative = tangentish.grad(fn, wrt=wrt)
    got = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    source = derivative.source_for(*args)
    assert absent not in source, source
    assert present in source, source
    expected = numeric_grad(fn, args, wrt)
    for gradient in got:
        assert np.shape(gradient) == np.shape(args[wrt])
        assert np.asarray(gradient).dtype == np.float64
        np.testing.assert_allclose(gradient, expected, rtol=1e-6, atol=1e-8)


def test_float32_arguments_keep_the_generic_reads():
    """Not proven float64: the shape read stays on the value (its dtype is the gradient's)."""
    w, x = RNG.normal(size=4).astype(np.float32), RNG.normal(size=4)
    derivative = tangentish.grad(selected_squares)
    got = specialized_calls(derivative, (w, x), 3)
    assert "_rt.unreduce(1.0, w)" not in derivative.source_for(w, x)
    for gradient in got:
        assert gradient.dtype == np.float32
        np.testing.assert_allclose(gradient, numeric_grad(selected_squares, (w.astype(float), x)),
                                   rtol=2e-5, atol=1e-5)
