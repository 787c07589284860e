"""The NumPy functions with no rule of their own, lowered to the calls they are made of
(``tangentish/rule_gaps.py``'s ``LOWERED``), and the rules of ``np.arange`` and ``np.polydiv``:
every lowered function is called by a row of the rule table (which checks it against finite
differences in both modes and at second order), the lowered code computes NumPy's values bit for
bit, and what is not differentiated is refused with the project's errors, naming it."""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest
from rules import TABLE

import tangentish
from tangentish.rule_gaps import LOWERED


def test_every_lowered_function_is_called_by_a_row():
    called = "\n".join(inspect.getsource(row.fn) for row in TABLE)
    for dotted in LOWERED:
        assert re.search(re.escape(dotted) + r"\(", called), f"no rule-table row calls {dotted}"


def tensors(a, b):
    return (np.linalg.tensorsolve(a, b), np.linalg.tensorsolve(np.transpose(a, (2, 0, 1)), b,
                                                               axes=(0,)),
            np.linalg.tensorinv(a), np.linalg.tensorinv(np.reshape(a, (6, 2, 3)), ind=1))


def grids(a):
    return np.fromfunction(lambda i, j: a * i - j ** 2, (2, 3)), np.fromfunction(
        lambda i: np.exp(a * i), [4], dtype=np.float32)


def tensors_total(a, b):
    first, second, third, fourth = tensors(a, b)
    return np.sum(first) + np.sum(second) * 2.0 + np.sum(third) * 3.0 + np.sum(fourth) * 4.0


def grids_total(a):
    first, second = grids(a)
    return np.sum(first) + np.sum(second) * 2.0


def test_the_lowered_code_gives_numpys_values():
    """``value_and_grad`` runs the lowered code: its value is what NumPy's own calls give, to
    the bit."""
    rng = np.random.default_rng(1717)
    a, b = rng.standard_normal((2, 3, 6)) + 3.0 * np.eye(6).reshape(2, 3, 6), \
        rng.standard_normal((2, 3))
    for fn, args in ((tensors_total, (a, b)), (grids_total, (0.7,))):
        value, _ = tangentish.value_and_grad(fn)(*args)
        assert value == fn(*args)


def arange_stop(x):
    return np.sum(np.arange(0.5, x, 0.25) ** 2)


def arange_one(x):
    return np.sum(np.arange(x))


def arange_keyword_stop(x):
    return np.sum(np.arange(0.5, stop=x))


@pytest.mark.parametrize("fn", [arange_stop, arange_one, arange_keyword_stop])
def test_arange_in_its_stop_is_refused_in_both_modes(fn):
    with pytest.raises(tangentish.UnsupportedConstructError, match="np.arange in its stop"):
        tangentish.grad(fn)(2.1)
    with pytest.raises(tangentish.UnsupportedConstructError, match="np.arange in its stop"):
        tangentish.jvp(fn)(2.1, x_dot=1.0)


def arange_from(start, n):
    return np.sum(np.arange(start, n) ** 2) + np.sum(np.arange(n) * start)


def test_arange_with_a_stop_held_constant():
    """The integer ``n`` held constant (its derivative is not asked): the start is
    differentiated, against a closed form (``sum(2 (start + i)) + sum(i)``)."""
    gradient = tangentish.grad(arange_from)(0.25, 4)
    assert gradient == pytest.approx(sum(2.0 * (0.25 + i) for i in range(4)) + 6.0)


def fromfunction_shape_variable(a):
    shape = (2, 3)
    return np.sum(np.fromfunction(lambda i, j: a * i, shape))


def tensorsolve_keyword(a, b):
    return np.sum(np.linalg.tensorsolve(a, b, axis=0))


@pytest.mark.parametrize("fn, args, error, match", [
    (fromfunction_shape_variable, (0.5,), tangentish.UnsupportedConstructError,
     "shape written in the call"),
    (tensorsolve_keyword, (np.eye(4).reshape(2, 2, 4), np.ones((2, 2))),
     tangentish.UnsupportedConstructError, "tensorsolve"),
])
def test_forms_not_differentiated_are_refused(fn, args, error, match):
    with pytest.raises(error, match=match):
        tangentish.grad(fn)(*args)
