"""The output of a function ``vjp`` splits is returned by its forward half, read nowhere else.

``vjp(grad(f, wrt="w"), wrt="A")`` of ``f = np.sin(np.sum(w)) * np.sum(A * A)``: the gradient
returns ``w_bar = _rt.unreduce(g, w)``, a full reduction's adjoint, which no statement reads
but the forward's ``return``.  The pass spreading such views by broadcasting (passes/spread.py,
``_bound_views``) took every read of it as spread (there were none), bound ``w_bar`` to the
scalar ``g`` and dropped the statement: the forward raised ``NameError: name 'w_bar' is not
defined`` (fuzz seed 5517, program 36, the fuzzer's ``nested`` mode), and a kept statement would
have returned a scalar for a vector.  An output is now never rewritten there.

Each row: ``vjp`` of the gradient (its value, of ``w``'s shape, and two cotangents pulled back)
and ``jacobian`` (built on the pullback) against central differences (tests/helpers.py).
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad

import tangentish


def sum_of_w(A, w):
    return np.sin(np.sum(w)) * np.sum(A * A)


def mean_of_w(A, w):
    return np.mean(w) * np.sum(np.tanh(A))


def cholesky_logdet(A, w):
    S = A @ A.T / 4.5 + 2.0 * np.eye(4)
    L = np.linalg.cholesky(S)
    return np.sin(np.sum(w)) * np.sum(np.log(np.diag(L)))


def rows_of_w(A, w):
    return np.sum(np.exp(np.sum(w, axis=0)) * A[0])


CASES = [sum_of_w, mean_of_w, cholesky_logdet, rows_of_w]
A = np.array([[-1.36, 0.92], [1.49, 0.16], [0.15, 1.29], [1.12, -0.72]])
W = {rows_of_w: np.array([[0.3, -0.2], [0.1, 0.4]])}


@pytest.mark.parametrize("fn", CASES, ids=[fn.__name__ for fn in CASES])
def test_a_pullback_of_a_gradient_returns_its_value(fn):
    w = W.get(fn, np.array([0.0, 0.9]))
    gradient = tangentish.grad(fn, wrt="w")
    value, pullback = tangentish.vjp(gradient, wrt="A")(A, w)
    assert_grad_close(value, gradient(A, w), label="value")
    for u in (np.ones_like(w), np.linspace(-1.0, 2.0, w.size).reshape(w.shape)):
        expected = numeric_grad(lambda a, u=u: float(np.sum(u * gradient(a, w))), (A,))
        assert_grad_close(pullback(u), expected, label="pullback")
    jacobian = tangentish.jacobian(gradient, wrt="A", progress=False)(A, w)
    first = np.zeros_like(w)
    first.reshape(-1)[0] = 1.0
    expected = numeric_grad(lambda a: float(np.sum(first * gradient(a, w))), (A,))
    assert_grad_close(jacobian.reshape((w.size,) + A.shape)[0], expected, label="jacobian")
