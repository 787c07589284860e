"""Reductions of proven arrays called as their methods in a derivative specialized to float64
arguments (passes/reduction_methods.py): ``np.sum(g, axis=0)`` is ``g.sum(axis=0)``, the same
number bit for bit with less Python per call; a list, a number or a value of unproven kind keeps
``np.sum``.  Each row's gradients (generic first call, specialized later ones) against central
finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad, specialized_calls

import tangentish

RNG = np.random.default_rng(3100)


def bias_tanh(x, b):  # the adjoint of broadcasting b: a sum over the rows
    return np.sum(np.tanh(x + b) ** 2)


def softmax_rows(x, w):  # max, sum with keepdims, in the primal and the adjoint
    s = x * w
    e = np.exp(s - np.max(s, axis=1, keepdims=True))
    p = e / np.sum(e, axis=1, keepdims=True)
    return np.sum(p * x) + np.mean(p, axis=0)[0]


def list_of_parts(x, w):  # a list and a number: np.sum stays for them
    parts = [np.sum(x * w), np.sum(x) * 2.0]
    return np.sum(parts) + np.max(np.sum(x))


def recurrent(w, b, h):  # a name bound once inside a loop: the bias's adjoint summed per step
    for _ in range(3):
        h = np.tanh(h @ w + b)
    return np.sum(h * h)


def softmax_xent(w, x):  # z_bar bound once, then += (the MLP's): still an array
    z = x @ w
    z = z - np.max(z, axis=1, keepdims=True)
    logp = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    return -np.sum(x * logp) / x.shape[0]


ROWS = [
    (bias_tanh, (RNG.normal(size=(4, 3)), RNG.normal(size=3)), ".sum(axis=0)"),
    (softmax_rows, (RNG.normal(size=(3, 4)), RNG.normal(size=4)), ".sum(axis=1, keepdims=True)"),
    (list_of_parts, (RNG.normal(size=5), RNG.normal(size=5)), "np.sum(parts)"),
    (recurrent, (RNG.normal(size=(3, 3)) / 3, RNG.normal(size=3), RNG.normal(size=(4, 3))),
     ".sum(axis=0)"),
    (softmax_xent, (RNG.normal(size=(3, 3)), RNG.normal(size=(4, 3))),
     "= -z_1_bar.sum(axis=1, keepdims"),  # (the column negated, not the array)
]


@pytest.mark.parametrize("fn, args, form", ROWS, ids=[row[0].__name__ for row in ROWS])
def test_reductions_of_arrays_are_methods(fn, args, form):
    derivative = tangentish.grad(fn, wrt=(0, 1))
    got = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    source = derivative.source_for(*args)
    assert form in source, source
    if fn is list_of_parts:
        assert "np.max(" in source and "parts.sum(" not in source, source
    else:
        assert "np.sum(" not in "\n".join(
            line for line in source.splitlines() if not line.strip().startswith("#")), source
    for gradients in got:
        for position, gradient in zip((0, 1), gradients, strict=True):
            np.testing.assert_allclose(gradient, numeric_grad(fn, args, position), rtol=1e-6,
                                       atol=1e-8)


@pytest.mark.parametrize("shape", [(7,), (3, 4), (2, 3, 5), (1, 6)])
def test_the_method_is_the_function_bit_for_bit(shape):
    """What the rewrite relies on, for the NumPy it runs with: the function and the method of an
    ndarray give the same bits, axes and keepdims alike."""
    a = np.random.default_rng(len(shape)).normal(size=shape) * 1e3
    for name in ("sum", "mean", "max", "min"):
        for axis in (None, 0, -1):
            for keepdims in (False, True):
                kw = {"axis": axis, "keepdims": keepdims}
                assert np.array_equal(getattr(np, name)(a, **kw), getattr(a, name)(**kw))


def gauss_nll(mu, log_sigma, x):  # -x * y / s and -(x / s) summed: the negations outside
    sigma = np.exp(log_sigma)
    return np.sum(0.5 * ((x - mu) / sigma) ** 2 + log_sigma)


def spread(mu, x):  # a negated sum added in place: subtracted
    return np.sum(((x - mu) / np.exp(mu)) ** 2) + np.mean(-(x * mu))


NEGATED = [
    (gauss_nll, (RNG.normal(size=3), RNG.normal(size=3), RNG.normal(size=(5, 3)))),
    (spread, (RNG.normal(size=3), RNG.normal(size=(5, 3)))),
]


@pytest.mark.parametrize("fn, args", NEGATED, ids=[row[0].__name__ for row in NEGATED])
def test_a_negated_term_s_sum_is_the_negated_sum(fn, args):
    """``(-x * y).sum(axis=0)`` is ``-(x * y).sum(axis=0)``: the reduced row negated, not the
    whole array; ``v += -s`` is ``v -= s``."""
    wrt = (0, 1) if fn is gauss_nll else 0
    derivative = tangentish.grad(fn, wrt=wrt)
    got = specialized_calls(derivative, args, 3)  # generic, then specialized twice
    code = "\n".join(line for line in derivative.source_for(*args).splitlines()
                     if not line.strip().startswith("#"))
    assert "(-" not in code and "+= -" not in code, code
    assert "= -(" in code, code
    expected = numeric_grad(fn, args, wrt)
    for gradients in got:
        for gradient, want in zip(gradients if wrt == (0, 1) else (gradients,),
                                  expected if wrt == (0, 1) else (expected,), strict=True):
            np.testing.assert_allclose(gradient, want, rtol=1e-6, atol=1e-8)
        for gradient, first in zip(gradients if wrt == (0, 1) else (gradients,),
                                   got[0] if wrt == (0, 1) else (got[0],), strict=True):
            np.testing.assert_allclose(gradient, first, rtol=1e-15, atol=0)  # (same values)


@pytest.mark.parametrize("axis", [None, 0, -1])
def test_the_sum_of_negated_terms_is_the_negated_sum(axis):
    """What the rewrite relies on: the same additions in the same order, each rounded
    symmetrically in sign (a zero's sign aside)."""
    a = np.random.default_rng(3101).normal(size=(6, 1001)) * 10.0 ** np.arange(-3, 3)[:, None]
    for name in ("sum", "mean"):
        kw = {"axis": axis}
        got, want = getattr(-a, name)(**kw), -getattr(a, name)(**kw)
        assert np.array_equal(got, want)
