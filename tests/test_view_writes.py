"""Writes through a view or another name of a local array (tangentish/passes/view_writes.py):
each function of the zoo's WORKS is differentiated right in every mode (against central
differences), its argument unchanged; each of REFUSED stays refused at its marked line."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
import view_writes_zoo as zoo
from helpers import numeric_grad

import tangentish
from tangentish.errors import UnsupportedConstructError

X = np.linspace(-0.9, 1.3, 12)
MODES = ("grad", "value_and_grad", "jvp", "vjp")


def _gradient(mode: str, f, x: np.ndarray) -> np.ndarray:
    if mode == "grad":
        return tangentish.grad(f)(x)
    if mode == "value_and_grad":
        value, gradient = tangentish.value_and_grad(f)(x)
        np.testing.assert_allclose(value, f(X.copy()), rtol=1e-12)
        return gradient
    if mode == "jvp":
        return np.array([tangentish.jvp(f)(x, x_dot=d)[1] for d in np.eye(x.size)])
    value, pullback = tangentish.vjp(f)(x)
    np.testing.assert_allclose(value, f(X.copy()), rtol=1e-12)
    return pullback(1.0)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("f", zoo.WORKS, ids=lambda f: f.__name__)
def test_writes_through_views_are_followed(f, mode):
    x = X.copy()
    got = _gradient(mode, f, x)
    np.testing.assert_allclose(got, numeric_grad(f, [X.copy()]), rtol=1e-6, atol=1e-8)
    np.testing.assert_array_equal(x, X)


# The gradient of a function writing in a loop into an array its tape holds changes what the tape
# holds (rebound_at_the_end_of_a_loop): differentiated again, those writes are new values
# (passes/functional_writes.py; it was refused).  (One writing into its argument's memory, as `A =
# x.reshape(3, 4); A[1] *= 2.0`, is differentiated again: its gradient reads its copy of `x` after
# the write only through `np.shape`, which reads no value the write changes.)


@pytest.mark.parametrize("f", zoo.WORKS, ids=lambda f: f.__name__)
def test_hessians_through_views(f):
    """Columns against central differences of the gradient (checked above)."""
    x = X.copy()
    got = np.asarray(tangentish.hessian(f)(x))
    gradient, h = tangentish.grad(f), 1e-5
    columns = [(gradient(X + h * e) - gradient(X - h * e)) / (2 * h) for e in np.eye(X.size)]
    np.testing.assert_allclose(got, np.stack(columns, axis=-1), rtol=1e-4, atol=1e-5)
    np.testing.assert_array_equal(x, X)


def _marked_line(f) -> int:
    lines, first = inspect.getsourcelines(f)
    return first + next(i for i, line in enumerate(lines) if "# refused" in line)


def _arguments(f) -> list:
    return [X.copy(), 1][:len(inspect.signature(f).parameters)]


@pytest.mark.parametrize("mode", ["grad", "jvp"])
@pytest.mark.parametrize("f", zoo.REFUSED, ids=lambda f: f.__name__)
def test_what_cannot_be_proven_stays_refused(f, mode):
    args = _arguments(f)
    with pytest.raises(UnsupportedConstructError) as caught:
        if mode == "grad":
            tangentish.grad(f)(*args)
        else:
            tangentish.jvp(f)(*args, x_dot=np.ones(X.size))
    assert f"view_writes_zoo.py\", line {_marked_line(f)}," in str(caught.value)
    np.testing.assert_array_equal(args[0], X)


def test_a_write_into_a_view_the_target_makes_is_followed():
    """``y.reshape(3, 4)[1, 2] = e``: the view named, then written on ``y``
    (passes/view_targets.py; refused before as an item of an item); grad and hvp."""
    f, x, v = zoo.written_through_a_reshape, X.copy(), np.linspace(1.0, -1.0, X.size)
    np.testing.assert_allclose(tangentish.grad(f)(x), numeric_grad(f, [X.copy()]), rtol=1e-6,
                               atol=1e-8)
    gradient, h = tangentish.grad(f), 1e-5
    expected = (gradient(X + h * v) - gradient(X - h * v)) / (2 * h)
    np.testing.assert_allclose(tangentish.hvp(f)(x, v), expected, rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(x, X)


def test_an_alias_of_a_number_is_rebound_alone():
    """``z = y; z += e`` on floats changes ``z`` only: not rewritten, differentiated as such."""
    got = tangentish.grad(zoo.alias_of_unproven_kind)(0.7)
    assert np.isclose(got, numeric_grad(zoo.alias_of_unproven_kind, [0.7]), rtol=1e-7)


@pytest.mark.parametrize("n", range(5))
def test_composed_positions_match_numpy(n):
    """The composed index ``range(n)[s][k]`` names the element ``a[s][k]`` of every slice ``s``
    and int ``k``, or raises IndexError exactly when NumPy does."""
    a = np.arange(n)
    bounds = [None, -7, -3, -1, 0, 1, 2, 6]
    for s in [slice(lo, hi, st) for lo in bounds for hi in bounds for st in (None, -2, -1, 1, 3)]:
        for k in range(-n - 2, n + 2):
            try:
                expected = a[s][k]
            except IndexError:
                with pytest.raises(IndexError):
                    range(n)[s][k]
                continue
            assert range(n)[s][k] == expected, (s, k)


@pytest.mark.parametrize("n", range(5))
def test_closed_forms_match_numpy(n):
    """The shortcuts of ``_element``: ``v[k]`` of ``v = a[::-1]`` is ``a[-1 - k]``, of
    ``v = a[s:]`` or ``a[s:t]`` (``0 <= s``, ``0 <= k < t - s``) is ``a[s + k]``, each raising
    exactly where NumPy does."""
    a = np.arange(n)
    cases = [(slice(None, None, -1), k, -1 - k) for k in range(-n - 2, n + 2)]
    cases += [(slice(s, None), k, s + k) for s in range(n + 2) for k in range(n + 2)]
    cases += [(slice(s, t), k, s + k) for s in range(n + 2) for t in range(-2, n + 3)
              for k in range(max(t - s, 0))]
    for part, k, composed in cases:
        try:
            expected = a[part][k]
        except IndexError:
            with pytest.raises(IndexError):
                a[composed]
            continue
        assert a[composed] == expected, (part, k)
