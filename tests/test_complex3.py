"""Complex idioms people write in real losses of real inputs (``passes/complex_paths.py``): each
row was refused before (``np.sqrt`` of a value that may be complex, ``np.emath``'s functions
without a rule, a second derivative through a dtype cast, a join, an element write or a loop's
tape of complex values); each is differentiated now, its gradient (and, where it says so, its
Hessian-vector product) against central differences (forward mode: the rule table's rows of the
same forms, tests/test_forward.py).  What stays refused is refused clearly."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad

import tangentish
from tangentish.errors import TangentishError

X = np.linspace(0.3, 1.7, 6)
V = np.cos(np.arange(6.0))


def sqrt_plus_0j(x):  # a negative radicand: the root is imaginary there
    return np.sum(np.abs(np.sqrt(x - 0.9 + 0j)) * x)


def sqrt_astype(x):  # (second order: the adjoint of a complex cast, `_rt.recast`, had no rule)
    return np.sum(np.sqrt((x - 0.9).astype(complex)).real * x)


def vdot_norm(x):
    z = np.exp(1j * x) * x
    return np.vdot(z, x + 2j).imag + np.linalg.norm(z) + np.vdot(z, z).real


def real_if_close_cumsum(x):
    z = np.exp(1j * x) * np.exp(-1j * x) * x
    return np.sum(np.real_if_close(z) ** 2) + np.sum(np.abs(np.cumsum(np.exp(1j * x))))


def polyval_roots(x):  # a real polynomial from complex roots; complex coefficients
    p = np.poly(np.array([1.0 + 2j, 1.0 - 2j]))
    return np.sum(np.polyval(p, x).real) + np.abs(np.polyval(x[:3] * (1 + 0.5j), 0.5 + 0.2j))


def phasor_loop(x):  # (second order: the loop's tape holds complex and real values)
    z = 0j
    for k in range(x.size):
        z = z + 1j * x[k] * np.exp(1j * k)
    return abs(z) ** 2


# (function, whether its second order is checked too)
# (np.emath's functions, np.log/np.sin/... of complex values, and joins and a complex slice
# written in place at second order have their rows in the rule table: tests/rules/numpy_fft.py's
# cx_holomorphic, cx_scimath, cx_joins, cx_sources)
LIFTED = [(sqrt_plus_0j, False), (sqrt_astype, True), (vdot_norm, False),
          (real_if_close_cumsum, False), (polyval_roots, False), (phasor_loop, True)]


@pytest.mark.parametrize("fn, second", LIFTED, ids=[fn.__name__ for fn, _ in LIFTED])
def test_lifted_complex_idioms_match_finite_differences(fn, second) -> None:
    expected = numeric_grad(fn, (X.copy(),))
    assert_grad_close(tangentish.grad(fn)(X.copy()), expected, label=f"{fn.__name__}: grad")
    if second:
        grad, h = tangentish.grad(fn), 1e-6
        reference = (grad(X + h * V) - grad(X - h * V)) / (2 * h)
        np.testing.assert_allclose(tangentish.hvp(fn)(X.copy(), V), reference, rtol=1e-5,
                                   atol=1e-6)


def kept_complex(x):  # np.real_if_close keeps the imaginary part: its value is complex
    return np.sum(np.abs(np.real_if_close(x * np.exp(1j * x))))


def norm_order(x):
    return np.linalg.norm(x * np.exp(1j * x), ord=1)


def real_write(x):
    z = np.zeros(x.size, dtype=complex)
    z.real = x
    return np.sum(np.abs(z))


@pytest.mark.parametrize("fn, match", [
    (kept_complex, "np.real_if_close .which kept the imaginary part"),
    (norm_order, "np.linalg.norm of a complex value with ord="),
    (real_write, "z.real")])  # (np.emath.power: lifted, refusals13_zoo)
def test_what_stays_refused_is_refused_clearly(fn, match) -> None:
    with pytest.raises(TangentishError, match=match):
        tangentish.grad(fn)(X.copy())
