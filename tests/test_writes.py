"""Arrays changed through calls: a method (``c.fill``), a NumPy writer (``np.copyto``,
``np.fill_diagonal``, ``np.add.at``, ``out=``) or a user's helper.  Each function is either
differentiated right in every mode (checked against central differences) or refused with an
error naming the call; the arguments are never changed."""

from __future__ import annotations

import sys

import numpy as np
import pytest
import writes_zoo as zoo

import tangentish
from tangentish.errors import UnsupportedConstructError

X = np.array([0.3, -0.7, 1.1])

WORKS = [zoo.fill_after_use, zoo.copyto_after_use, zoo.fill_diagonal_after_use,
         zoo.put_place_putmask, zoo.ufunc_at_after_use, zoo.sort_after_use, zoo.out_statement,
         zoo.fill_in_loop, zoo.list_reverse, zoo.helper_copies_first,
         zoo.helper_rebinds_a_number, zoo.constant_writes_in_loop_after_use,
         zoo.masked_writes_in_loop_after_use, zoo.copyto_active,
         # (a small helper writing into an argument the call names is inlined, the write made on
         # the caller's array: passes/inline_helpers.py, passes/helper_writes.py)
         zoo.helper_writes_argument, zoo.helper_writes_through_a_helper,
         zoo.helper_sorts_a_list_of_its_parameters,
         # (`buf += 4.0` on the parameter itself, no loop: inlined, under the test that the
         # caller's value is an ndarray: refuse31)
         zoo.helper_rebinds_an_array]

REFUSED = {
    zoo.helper_writes_a_slice_argument: (UnsupportedConstructError,
                                         "_fill_first() changes its argument"),
    zoo.out_inside_expression: (UnsupportedConstructError, "`out=` of `np.multiply` writes"),
    zoo.copyto_global: (UnsupportedConstructError, "not a local variable"),
    # (inlined: xs.insert(0, a) is a join of slices, whose items aliases.py follows; a join of a
    # join was taken for arithmetic, so c's change was lost: silently wrong before)
    zoo.helper_changes_an_item_of_its_list: (UnsupportedConstructError,
                                             "'xs[0]' is changed in place at writes_zoo.py"),
}


def _differences(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in range(x.size):
        step = np.zeros_like(x)
        step[i] = eps
        grad[i] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad


def _modes(f, x):
    """The gradient as each transform computes it."""
    direction = np.eye(x.size)
    jvps = [tangentish.jvp(f)(x, x_dot=d)[1] for d in direction]
    value, pullback = tangentish.vjp(f)(x)
    return {
        "grad": tangentish.grad(f)(x),
        "value_and_grad": tangentish.value_and_grad(f)(x)[1],
        "jvp": np.array(jvps),
        "vjp": pullback(1.0),
        "vjp again": pullback(1.0),
    }


@pytest.mark.parametrize("f", WORKS, ids=lambda f: f.__name__)
def test_changes_through_calls_are_followed(f):
    x = X.copy()
    expected = _differences(f, X.copy())
    for mode, got in _modes(f, x).items():
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-8, err_msg=mode)
    np.testing.assert_array_equal(x, X)


@pytest.mark.parametrize("f", sorted(REFUSED, key=lambda f: f.__name__), ids=lambda f: f.__name__)
@pytest.mark.parametrize("mode", ["grad", "jvp"])
def test_changes_that_cannot_be_followed_are_refused(f, mode):
    error, text = REFUSED[f]
    before = zoo.CONSTANT.copy()
    x = X.copy()
    with pytest.raises(error, match=".*".join(map(_escape, text.split("*")))):
        if mode == "grad":
            tangentish.grad(f)(x)
        else:
            tangentish.jvp(f)(x, x_dot=np.ones(3))
    np.testing.assert_array_equal(x, X)
    np.testing.assert_array_equal(zoo.CONSTANT, before)


def _escape(text: str) -> str:
    import re

    return re.escape(text)


def test_a_refused_helper_names_the_line_that_writes():
    with pytest.raises(UnsupportedConstructError) as caught:
        tangentish.grad(zoo.helper_writes_a_slice_argument)(X.copy())
    message = str(caught.value)
    assert "writes_zoo.py:" in message and "_fill_first(c[1:])" in message
    assert "buf = buf.copy()" in message


def test_numpy_random_shuffle_is_a_writer_without_importing_numpy_random_first():
    """``np.random`` is imported by NumPy on first use; its ``shuffle`` is still known to write
    into its argument once it is (the table does not import it itself)."""
    from tangentish.passes.writes import written_position

    assert written_position(np.random.shuffle) == (0, "x")
    assert written_position(np.sort) is None


def _derivative_of_a_helper(p):
    return tangentish.grad(_square_sum)(p)


def _square_sum(p):
    return np.sum(np.sin(p) * p)


def _uses_a_derivative(p):
    return np.sum(_derivative_of_a_helper(p) ** 2)


def test_a_callee_that_does_not_resolve_writes_nothing_while_np_random_is_not_imported(
        monkeypatch):
    """A helper calling ``tangentish.grad(h)(p)`` (a callee known only when it runs) was taken for
    ``np.random.shuffle(p)`` while ``numpy.random`` was not imported (the unresolved callee, None,
    ``is`` the missing module's attribute), so ``p`` counted as written and the second derivative
    was refused (fuzz seed 4809 program 82); a real writer still counts."""
    from tangentish.passes import helper_changes, writes

    monkeypatch.delitem(sys.modules, "numpy.random", raising=False)
    assert writes.written_position(None) is None
    assert helper_changes.changed_parameters(_derivative_of_a_helper) == {}
    p = np.array([0.3, -1.2, 0.8])
    hessian_rows = tangentish.jacobian(_derivative_of_a_helper)(p)
    expected = np.diag(2.0 * np.cos(p) - p * np.sin(p))
    np.testing.assert_allclose(hessian_rows, expected, rtol=1e-12, atol=1e-12)
    step, e = 1e-6, np.eye(3)
    central = [(_uses_a_derivative(p + step * e[i]) - _uses_a_derivative(p - step * e[i]))
               / (2 * step) for i in range(3)]
    np.testing.assert_allclose(tangentish.grad(_uses_a_derivative)(p), central, rtol=1e-6)
