"""A table of alias patterns (tests/alias_table_zoo.py): a view of a local, a view in a list, a
list of views of an array made from a module-level one, copies; each of WORKS right in grad,
value_and_grad, jvp and vjp (against central differences) and in hvp (against central
differences of the checked gradient), its argument unchanged; each of REFUSED refused at its
marked line in grad and jvp with the words of the aliasing refusal; a write into what may be a
module-level array (MODULE_WRITES) checked where it runs: right where it is not that array,
refused where it is."""

from __future__ import annotations

import alias_table_zoo as zoo
import numpy as np
import pytest
from helpers import numeric_grad
from test_list_views import check_refused
from test_view_writes import MODES, X

import tangentish
from tangentish.errors import UnsupportedConstructError

MODULE = (zoo.M.copy(), zoo.V.copy())


def _gradients(mode: str, f, x: np.ndarray, x0: np.ndarray) -> np.ndarray:
    if mode == "grad":
        return tangentish.grad(f)(x)
    if mode == "jvp":
        return np.array([tangentish.jvp(f)(x, x_dot=d)[1] for d in np.eye(x.size)])
    value, gradient = tangentish.value_and_grad(f)(x) if mode == "value_and_grad" else \
        (lambda pair: (pair[0], pair[1](1.0)))(tangentish.vjp(f)(x))
    np.testing.assert_allclose(value, f(x0.copy()), rtol=1e-12)
    return gradient


def _check(f, x0: np.ndarray) -> None:
    """Every first-order mode, then hvp (or, for SECOND_ORDER_REFUSED, its clear refusal)."""
    expected = numeric_grad(f, [x0.copy()])
    for mode in MODES:
        x = x0.copy()
        np.testing.assert_allclose(_gradients(mode, f, x, x0), expected, rtol=1e-6, atol=1e-8,
                                   err_msg=mode)
        np.testing.assert_array_equal(x, x0)
    gradient, h, v = tangentish.grad(f), 1e-5, np.cos(np.arange(x0.size))
    if f in zoo.SECOND_ORDER_REFUSED:
        with pytest.raises(UnsupportedConstructError, match="cannot follow a change made"):
            tangentish.hvp(f)(x0.copy(), v)
    else:
        reference = (gradient(x0 + h * v) - gradient(x0 - h * v)) / (2 * h)
        np.testing.assert_allclose(tangentish.hvp(f)(x0.copy(), v), reference, rtol=1e-4,
                                   atol=1e-5)
    np.testing.assert_array_equal(zoo.M, MODULE[0])
    np.testing.assert_array_equal(zoo.V, MODULE[1])


@pytest.mark.parametrize("f", zoo.WORKS, ids=lambda f: f.__name__)
def test_alias_patterns_are_differentiated_right(f):
    _check(f, X)


@pytest.mark.parametrize("mode", ["grad", "jvp"])
@pytest.mark.parametrize("f", zoo.REFUSED, ids=lambda f: f.__name__)
def test_what_cannot_be_proven_stays_refused(f, mode):
    check_refused(f, mode, "alias_table_zoo.py")
    with pytest.raises(UnsupportedConstructError, match="cannot follow a change made through "
                       "another name"):
        tangentish.grad(f)(X.copy())


@pytest.mark.parametrize("f", zoo.MODULE_WRITES, ids=lambda f: f.__name__)
def test_a_write_that_may_reach_a_module_array_is_checked_where_it_runs(f):
    _check(f, -X)  # (x[0] > 0: a new array)
    if f is zoo.module_row_or_new:
        for mode in ("grad", "jvp"):
            check_refused(f, mode, "alias_table_zoo.py")  # (x[0] < 0: M's row)
        with pytest.raises(UnsupportedConstructError, match="module-level value 'M'"):
            tangentish.grad(f)(X.copy())
    else:
        _check(f, X)
    np.testing.assert_array_equal(zoo.M, MODULE[0])
