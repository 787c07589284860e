"""A derivative's quotient that a mask drops divides only where the mask holds
(``passes/masked_ratios.py``, ``_rt.divided``): a program whose primal is silent at a point where
a singular partial is infinite but unused (a square root at 0 on the branch ``np.where`` did not
take, a clip's bound, a distance on a diagonal left out) runs every derivative without a
RuntimeWarning, and its value matches the differences (one-sided at a singular point).  Before,
``np.where(c, g / (2.0 * sqrt_x), 0.0)`` divided 0 by 0 where ``c`` was False (the idioms zoos'
``morse_pairs``, ``debye_huckel``, ``transit_light_curve`` under ``-W error::RuntimeWarning``),
and so did ``_rt.chosen(g / (2.0 * sqrt_u), w)``, a clip's or a maximum's weight ``w`` 0 there
(also where the quotient was another statement's adjoint, or summed with another: ``y =
np.maximum(x, 0.0)`` then ``s = np.sqrt(y)``, until stop 56).
The other side: a quotient the result uses still warns, and the user's own ``np.where(x > 0,
1.0 / x, 0.0)`` warns in the derivative as in the primal.

Forward mode's quotient of a value selected *after* its singular step (a distance matrix's
diagonal left out by ``r[i, j]`` or overwritten by ``np.fill_diagonal``), where the tangent is 0
by value (``2 d . d_dot`` at ``d = 0``), not by structure, divides only where that one read keeps
it (:mod:`tangentish.passes.read_quotients`).  Left: ``hvp`` of those rows (the tangent is read
again by the adjoint, under its own mask) and a zero row's norm replaced by ``np.where(n > 0, n,
1.0)`` (read through an ``np.where``): they check reverse mode (and ``jvp``) only."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from helpers import one_sided_jacobian

import tangentish
from tangentish.runtime import divided


def double_where_sqrt(x):  # (the "double where": the inner one keeps sqrt's value finite)
    inside = x > 0.25
    return np.sum(np.where(inside, np.sqrt(np.where(inside, x, 0.0)), 0.0))


def where_else_arcsin(x):
    c = np.abs(x) < 0.9
    return np.sum(np.where(~c, 0.5, np.arcsin(np.where(c, x, 1.0)) * x))


def clip_sqrt(x):  # (a transit's limb darkening: sqrt of a clipped 1 - z**2)
    return np.sum(np.sqrt(np.clip(1.0 - x ** 2, 0.0, 1.0)) * x)


def clamped_roots(x):  # (a maximum's and an fmax's weight: 0 where x < 0, sqrt'(0) unused)
    return np.sum(np.sqrt(np.maximum(x, 0.0)) + np.cbrt(np.fmax(x, 0.0)) * x)


def zero_rows_normalized(v):  # (a zero row's norm is 0: divided by 1 instead; n ** 2 smooth)
    n = np.sqrt(np.sum(v * v, axis=1))
    return np.sum(np.where(n > 0, n ** 3 / np.where(n > 0, n, 1.0), 0.0))


def pair_distances(pos):  # (morse_pairs: the diagonal's 0 distances are never read)
    r = np.sqrt(np.sum((pos[:, None] - pos[None, :]) ** 2, axis=-1))
    i, j = np.triu_indices(pos.shape[0], 1)
    return np.sum(np.exp(-r[i, j]))


def filled_diagonal(pos):  # (debye_huckel: the diagonal overwritten before it is divided by)
    d = np.sqrt(((pos[:, None] - pos[None]) ** 2).sum(axis=-1))
    np.fill_diagonal(d, 1.0)
    return np.sum(np.exp(-d) / d)


def apart_roots(x):  # (the weight's statement apart from the root's, the root's adjoint summed)
    y = np.maximum(x, 0.0)
    s = np.sqrt(y)
    z = np.clip(x, 0.0, None)
    return np.sum(s * x + np.sqrt(z) + np.log1p(z))


X = np.array([-1.5, 0.0, 0.1, 0.5, 0.75, 1.25])
POS = np.array([[0.0, 0.0], [1.0, 0.3], [0.2, 1.1]])
V = np.array([[0.0, 0.0], [3.0, 4.0], [-1.0, 0.5]])
ALL, REVERSE, FIRST = ("grad", "vjp", "jvp", "hvp"), ("grad", "vjp"), ("grad", "vjp", "jvp")
ROWS = [(double_where_sqrt, X, ALL), (where_else_arcsin, np.array([-1.0, 0.3, 0.95, 1.0]), ALL),
        (clip_sqrt, X, ALL), (clamped_roots, np.array([-1.5, -0.2, 0.5, 2.0]), ALL),
        (apart_roots, np.array([-1.5, -0.2, 0.5, 2.0]), REVERSE),  # (reverse mode: its own)
        (zero_rows_normalized, V, REVERSE), (pair_distances, POS, FIRST),
        (filled_diagonal, POS, FIRST)]


def _run(mode, fn, x, v):
    if mode == "grad":
        return tangentish.grad(fn)(x)
    if mode == "vjp":
        return tangentish.vjp(fn)(x)[1](1.0)
    if mode == "jvp":
        made = tangentish.jvp(fn)
        return made(x, **{made.record.tangents[made.wrt[0]]: v})[1]
    return tangentish.hvp(fn)(x, v)


@pytest.mark.parametrize("row", ROWS, ids=[row[0].__name__ for row in ROWS])
def test_masked_quotients_divide_only_where_used(row):
    fn, x, modes = row
    v = np.random.default_rng(22).uniform(0.5, 1.5, x.shape)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        fn(x)  # (the primal is silent)
        got = {mode: _run(mode, fn, x, v) for mode in modes}
    gradient = one_sided_jacobian(fn, x)
    expected = {"grad": gradient, "vjp": gradient, "jvp": np.sum(gradient * v)}
    if "hvp" in modes:
        made = tangentish.grad(fn)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # (differences across the points)
            expected["hvp"] = one_sided_jacobian(lambda t: made(x + t * v), np.array(0.0))
    for mode in modes:
        np.testing.assert_allclose(got[mode], expected[mode], rtol=1e-5, atol=1e-6, err_msg=mode)
    assert "divided" in tangentish.grad(fn).record.runtime  # (what an export copies)


def users_quotient(x):
    return np.sum(np.where(x > 0, 1.0 / x, 0.0) + np.sqrt(x))


@pytest.mark.parametrize("mode", ["grad", "vjp", "jvp"])
def test_warnings_of_used_quotients_and_of_the_users_code_stay(mode):
    """At x = 0 the user's ``1.0 / x`` warns (the primal's own statement, run as written in
    every mode), and sqrt's partial there is used: inf, with NumPy's warning."""
    x = np.array([0.0, 4.0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = _run(mode, users_quotient, x, np.array([1.0, 1.0]))
    said = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert said.count("divide by zero encountered in divide") >= 2, said
    assert np.isinf(got if np.ndim(got) == 0 else got[0])


@pytest.mark.parametrize("c, a, b", [
    (np.array([True, False, True]), np.float32([1.0, 0.0, 2.0]), np.float32([2.0, 0.0, 4.0])),
    (np.array([[True], [False]]), np.array([1.0, 2.0]), np.array([[0.5], [0.0]])),
    (False, 0.0, 0.0), (True, 3.0, np.float32(2.0)), (np.array(True), np.array(1.0), 4),
    (np.array([False, True]), np.array([1 + 1j, 2.0]), np.array([0.0, 1j])),
    (np.array([True, False]), np.array([1.0, np.inf]), np.array([2.0, np.inf])),
])
def test_divided_is_the_where_it_replaces(c, a, b):
    """Value, shape, dtype and type of ``np.where(c, a / b, 0.0)``, without its warnings where
    ``c`` is False (where it is True, ``b`` is never 0 here)."""
    with np.errstate(all="ignore"):
        expected = np.where(c, np.divide(a, b), 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        got = divided(c, a, b)
    assert type(got) is type(expected) and got.dtype == expected.dtype
    np.testing.assert_array_equal(got, expected)


def antidiagonal_read(pos):  # (3 points: r[1, 1], a 0 distance, read: jvp's 0 / 0 there)
    r = np.sqrt(np.sum((pos[:, None] - pos[None, :]) ** 2, axis=-1))
    k = np.arange(pos.shape[0])
    return np.sum(r[k, k[::-1]])


def test_a_tangent_quotient_read_where_singular_still_warns():
    """The forward quotient moved to its one read ``r[k, k[::-1]]`` keeps the positions read:
    at ``r[1, 1]`` it is ``0 / 0``, and warns as before (read_quotients narrows, never hides)."""
    made = tangentish.jvp(antidiagonal_read)
    assert "_rt.reads(r, (k, " in made.source
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        made(POS, pos_dot=V)
    said = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert "invalid value encountered in divide" in said, said
