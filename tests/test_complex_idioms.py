"""Complex idioms people write with NumPy in a real loss of real inputs (``passes/complex_paths.py``'s
convention), each against central differences (grad and jvp): phasors, ``np.abs(z) ** 2``,
``np.angle``, ``z.conj() * z``, ``np.vdot``, ``(z * w).real.sum()``, a complex parameter made of two
real ones, ``np.real_if_close`` (``np.fft``'s transforms and spectral losses, in-place updates of
a complex array and the idioms' second order have theirs elsewhere: the rule table's ``ff_*`` and
``cx_*`` rows, tests/rules/numpy_fft.py; tests/test_complex3.py, tests/test_complex_paths.py).

And the zeros of complex values that are 0 by structure (``passes/complex_parts.py``,
``passes/supports_apart.py``, ``passes/supports_joins.py``): an element the output never reads of a
complex array (7732/4: ``z[0] += c`` then ``z.real[1]``), the imaginary part of a value that varies
along the reals only (7995/2), a real operand that feeds only the part nobody reads
(``complex(a, b).imag``), a selection's zero tangent through complex forms.  Each had a NaN
where the derivative is finite, behind ``np.sqrt``'s infinite partial at 0 (``np.sqrt(v * v)`` at
``v = 0``, unread): all of them on 45768134 in grad and vjp, the tangents' in jvp.  (Small
functions: a transform's cost grows faster than its length.)"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad

import tangentish

T = np.array([0.3, -0.7, 1.1, 0.5, -1.3, 0.9])
D = np.array([0.4, 1.0, -0.6, 0.2, 0.8, -0.3])
V0 = np.array([0.0, 1.1, -0.4, 0.7])  # (element 0: the unread 0 of np.sqrt(v * v))
D0 = np.array([0.7, -0.4, 0.3, 0.5])


def phasors(t):
    z = np.exp(1j * t) * (t + 2.0)
    return np.sum(np.abs(z) ** 2) + np.sum(np.angle(z + 0.3) * t) + np.sum(np.angle(z, deg=True)) / 90.0


def products(t):
    z, w = np.exp(1j * t) * (t + 2.0), (2.0 - 1j) * t
    return np.sum((z.conj() * z).real) + (z * w).real.sum() + np.vdot(z, np.exp(-2j * t)).real


def two_reals(t):  # a complex parameter made of two real ones
    pair = t[:3] + 1j * t[3:]
    close = np.real_if_close(np.exp(1j * t) * np.exp(-1j * t) * t)
    return np.sum(np.abs(pair ** 2 + 1.0)) + np.sum(close ** 2) + np.sum(pair.imag * pair.real)


def unread_items(v):  # (7732/4: z.real[1], .conj(), np.imag, abs read elements 1 and 2 only)
    z = np.exp(1j * v)
    z[0] += np.sum(np.sqrt(v * v)[:1])  # |v[0]|: no derivative at 0, read by nothing below
    joined = np.concatenate([np.exp(1j * v), np.sqrt(v * v) + 0j])  # (only [1] read)
    return z.real[1] + z.conj().imag[1] + np.imag(np.conj(z))[2] + np.abs(z)[1] + joined[1].real


def unread_parts(v):  # (7995/2: s.imag does not vary; a real operand of the part nobody reads)
    s = np.where(v > 0.5, complex(0.5, 1.5), np.max(v))
    return (np.sum(np.sqrt(s.imag ** 2)) + np.sqrt(v[0] * v[0]).imag
            + np.sum((np.exp(1j * v) + np.sqrt(v * v)[0]).imag)
            + complex(np.sqrt(v[0] * v[0]), v[1]).imag)


def unread_choices(v):  # (a complex where's branch not taken, a complex display's item not read)
    z = np.where(v > 0.5, np.exp(1j * np.sqrt(v * v)), 1j)
    return np.sum(z.real) + np.array([np.sqrt(v[0] * v[0]) + 0j, np.exp(1j * v[1])])[1].imag


def unread_tangents(v):  # (0 at element 0: its tangent too, through the complex forms)
    u = np.where(v > 0.5, v, 0.0)
    return np.sum(np.sqrt(np.abs(np.exp(1j * u) - 1.0))) + np.sum(np.sqrt((u + 0j).real ** 2)) + \
        np.sum(np.sqrt(np.abs((u + 1j * u).conj())))


def like_branches(t):  # (np.zeros_like, ones_like, empty_like of a complex value: values of none)
    z = np.fft.rfft(t)
    w = np.zeros_like(z) if t[0] > 5.0 else z * np.exp(1j * t[:4])
    buffer = np.empty_like(z)
    buffer[:] = w * (np.ones_like(z) + 0.5j)
    return np.sum(np.abs(w) ** 2) + np.sum(np.fft.irfft(buffer, 6) * t)


ROWS = [(phasors, T, D), (products, T, D), (two_reals, T, D),
        (unread_items, V0, D0), (unread_parts, V0, D0), (unread_choices, V0, D0),
        (unread_tangents, V0, D0), (like_branches, T, D)]


@pytest.mark.parametrize("fn, x, direction", ROWS, ids=[row[0].__name__ for row in ROWS])
def test_complex_idioms_match_finite_differences(fn, x, direction) -> None:
    expected = numeric_grad(fn, (x.copy(),))
    with np.errstate(divide="ignore", invalid="ignore"):  # (a partial's inf computed, then dropped)
        assert_grad_close(tangentish.grad(fn)(x.copy()), expected, label=f"{fn.__name__}: grad")
        value, tangent = tangentish.jvp(fn)(x.copy(), **{f"{fn.__code__.co_varnames[0]}_dot": direction})
    np.testing.assert_allclose(value, fn(x.copy()), rtol=1e-12)
    np.testing.assert_allclose(tangent, expected @ direction, rtol=1e-6, atol=1e-7)


def unread_twice(v):  # (at second order: the first derivative's masks are real, not complex)
    z = np.where(v > 0.5, np.exp(1j * np.sqrt(v * v)), 1j)
    return (np.sum(z.real) + np.sum((np.exp(1j * v) + np.sqrt(v * v)[0]).imag)) * v[1]


def low_pass_returning_early(v):  # (the branch's join: X_bar = np.zeros_like(X), X complex)
    X = np.fft.fft(v)
    if np.sum(np.abs(v)) > 1e300:
        return 0.0
    X[2:-1] = 0.0
    return np.sum((np.fft.ifft(X).real - v) ** 2)


def masked_partial_cast(v):  # (a mask recast with a complex value: np.where's condition)
    y = np.cos(np.reciprocal(v + 2.0)) * v
    z = np.array(np.fft.ifft(np.exp(1j * y)) * np.cbrt(y * y + 1.0), dtype=complex)
    r = z.real
    return 2.0 * r[-1]


@pytest.mark.parametrize("fn", [unread_twice, low_pass_returning_early, masked_partial_cast])
def test_complex_zeros_second_order(fn) -> None:
    """One joint direction: the hvp against differences of the gradient, itself checked against
    central differences (``unread_twice``: a NaN on 45768134, a refusal before the masks were
    taken for real; ``low_pass_returning_early``: refused, its gradient's code applying
    ``np.zeros_like`` to a complex adjoint at the early return's join, mutation seed 290;
    ``masked_partial_cast``: refused, the mask of where ``np.reciprocal``'s partial is read,
    recast by ``np.array(..., dtype=complex)``'s adjoint, taken to make the ``np.where`` it
    chooses by complex, grammar fuzz seed 11415 program 9)."""
    x, direction = V0, D0
    grad, h = tangentish.grad(fn), 1e-6
    with np.errstate(divide="ignore", invalid="ignore"):
        assert_grad_close(grad(x.copy()), numeric_grad(fn, (x.copy(),)), label="grad")
        reference = (grad(x + h * direction) - grad(x - h * direction)) / (2 * h)
        np.testing.assert_allclose(tangentish.hvp(fn)(x.copy(), direction), reference, rtol=1e-5,
                                   atol=1e-6)


@pytest.mark.skipif(not hasattr(np, "cumulative_sum"), reason="np.cumulative_sum is NumPy >= 2.1")
def test_an_initial_element_reads_nothing() -> None:
    """The same blind spot in a real helper: ``np.cumulative_sum(..., include_initial=True)``'s
    adjoint drops the initial element's cotangent (``_rt.initial_dropped``), which the support
    analysis read as opaque: sqrt's partial at an unread 0 made NaN (``supports_apart``)."""
    def f(v):
        return np.sum(np.cumulative_sum(np.sqrt(v * v), include_initial=True)[:1]) + v[1] ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        assert_grad_close(tangentish.grad(f)(V0.copy()), numeric_grad(f, (V0.copy(),)), label="grad")
