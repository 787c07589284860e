"""Writes through an item of a list of views of a local array (tangentish/passes/list_views.py):
each function of the zoo's WORKS is differentiated right in every mode, hessians included
(against central differences), its argument unchanged; each of REFUSED stays refused at its
marked line."""

from __future__ import annotations

import list_views_zoo as zoo
import numpy as np
import pytest
from helpers import numeric_grad
from test_view_writes import MODES, X, _gradient, _marked_line

import tangentish
from tangentish.errors import UnsupportedConstructError


def check_every_mode(f) -> None:
    """grad, value_and_grad, jvp and vjp against central differences; the argument unchanged."""
    expected = numeric_grad(f, [X.copy()])
    for mode in MODES:
        x = X.copy()
        np.testing.assert_allclose(_gradient(mode, f, x), expected, rtol=1e-6, atol=1e-8,
                                   err_msg=mode)
        np.testing.assert_array_equal(x, X)


def check_second_order(f) -> None:
    """hessian and hvp against central differences of the gradient (checked first)."""
    gradient, h, x = tangentish.grad(f), 1e-5, X.copy()
    columns = [(gradient(X + h * e) - gradient(X - h * e)) / (2 * h) for e in np.eye(X.size)]
    expected = np.stack(columns, axis=-1)
    np.testing.assert_allclose(tangentish.hessian(f)(x), expected, rtol=1e-4, atol=1e-5)
    v = np.cos(np.arange(X.size))
    np.testing.assert_allclose(tangentish.hvp(f)(x, v), expected @ v, rtol=1e-4, atol=1e-5)
    np.testing.assert_array_equal(x, X)


@pytest.mark.parametrize("f", zoo.WORKS, ids=lambda f: f.__name__)
def test_writes_through_listed_views(f):
    check_every_mode(f)


@pytest.mark.parametrize("f", zoo.WORKS, ids=lambda f: f.__name__)
def test_hessians_through_listed_views(f):
    check_second_order(f)


def check_refused(f, mode: str, filename: str) -> None:
    """``f`` refused in ``mode`` (grad or jvp) at its line marked ``# refused`` of ``filename``,
    with a hint, its argument unchanged."""
    x = X.copy()
    with pytest.raises(UnsupportedConstructError) as caught:
        if mode == "grad":
            tangentish.grad(f)(x)
        else:
            tangentish.jvp(f)(x, x_dot=np.ones(X.size))
    assert f"{filename}\", line {_marked_line(f)}," in str(caught.value)
    assert "hint:" in str(caught.value)
    np.testing.assert_array_equal(x, X)


@pytest.mark.parametrize("mode", ["grad", "jvp"])
@pytest.mark.parametrize("f", zoo.REFUSED, ids=lambda f: f.__name__)
def test_what_cannot_be_proven_stays_refused(f, mode):
    check_refused(f, mode, "list_views_zoo.py")
