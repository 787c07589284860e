"""One list read by two consumers: their adjoints add up item by item in the list's adjoint.

Every consumer's adjoint of a list comes in the sequence's one form (``runtime/items.py``), so the
generated ``rows_bar = rows_bar + ...`` adds item by item.  The adjoints of the joins used to be
Python lists, and ``list + list`` joined them: ``np.sum(np.hstack(rows)) + np.sum(np.vstack(rows))``
got the derivative of the first term alone, and a ragged list crashed.  Every pair of consumers,
on a list whose items stack and on a ragged one, against finite differences.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad, source_module

import tangentish

CONSUMERS = {
    "concatenate": "np.concatenate(rows)", "concatenate_none": "np.concatenate(rows, axis=None)",
    "hstack": "np.hstack(rows)", "vstack": "np.vstack(rows)", "stack": "np.stack(rows)",
    "stack1": "np.stack(rows, axis=1)", "array": "np.array(rows)",
    "column_stack": "np.column_stack(rows)", "dstack": "np.dstack(rows)", "sum": "sum(rows)",
    "first": "rows[0] * 3.0", "last": "rows[-1] * 2.0",
    "comprehension": "np.array([np.sum(r * r) for r in rows])",
}
# Consumers that need items of one shape.
_EVEN_ONLY = {"vstack", "stack", "stack1", "array", "column_stack", "dstack", "sum"}
LISTS = {"even": "[x[0:2], np.sin(x[2:4])]", "ragged": "[x[0:2], np.sin(x[2:5])]"}


def _cases():
    for (a, b), (kind, rows) in itertools.product(
            itertools.combinations_with_replacement(sorted(CONSUMERS), 2), LISTS.items()):
        if kind == "even" or not {a, b} & _EVEN_ONLY:
            yield f"{a}__{b}__{kind}", rows, CONSUMERS[a], CONSUMERS[b]


CASES = list(_cases())


@pytest.fixture(scope="module")
def module(tmp_path_factory):
    """The cases as functions of a module with a source file (as users write them)."""
    folder = tmp_path_factory.mktemp("sequence_adjoints")
    lines = ["import numpy as np", ""]
    for name, rows, first, second in CASES:
        lines += [f"def {name}(x):", f"    rows = {rows}",
                  f"    return np.sum({first} ** 2) + np.sum(np.cos({second}))", ""]
    with source_module(folder, "two_consumers", "\n".join(lines)) as module:
        yield module


X = np.array([0.3, -0.7, 1.2, 0.5, 0.9])


@pytest.mark.parametrize("name", [case[0] for case in CASES])
def test_two_consumers_of_one_list_add_up(module, name):
    f = getattr(module, name)
    assert_grad_close(tangentish.grad(f)(X), numeric_grad(f, (X,)), label=name)


@pytest.mark.parametrize("name", ["hstack__vstack__even", "concatenate__hstack__ragged",
                                  "column_stack__dstack__even", "concatenate_none__first__ragged"])
def test_two_consumers_of_one_list_in_the_other_modes(module, name):
    f = getattr(module, name)
    reference = numeric_grad(f, (X,))
    value, pullback = tangentish.vjp(f)(X)
    assert value == pytest.approx(f(X))
    assert_grad_close(pullback(1.0), reference, label=name)
    direction = np.linspace(-1.0, 1.0, X.size)
    _, tangent = tangentish.jvp(f, (X,), (direction,))
    assert tangent == pytest.approx(reference @ direction, rel=1e-6, abs=1e-9)
    hessian = tangentish.hessian(f)(X)
    for i in range(X.size):  # each row: finite differences of the gradient
        row = numeric_grad(lambda x, i=i: tangentish.grad(f)(x)[i], (X,))
        assert_grad_close(hessian[i], row, rtol=1e-4, atol=1e-6, label=f"{name} row {i}")


def nested_lists(x):
    m = [[x[0], x[1]], [np.sin(x[2]), x[3]]]
    return np.sum(np.array(m) ** 2) + np.sum(np.hstack(m) ** 3) + np.sum(np.vstack(m)[1])


def numbers_and_arrays(x):
    parts = [x[0] * 2.0, x[1:3], np.sin(x[3])]
    return np.sum(np.hstack(parts) ** 2) + np.sum(np.concatenate(parts[1:2]) * 3.0)


@pytest.mark.parametrize("f", [nested_lists, numbers_and_arrays], ids=lambda f: f.__name__)
def test_joins_of_lists_of_lists_and_numbers(f):
    """A list of lists of numbers, and numbers beside arrays: each item's adjoint keeps its form
    (the adjoint of an inner list of numbers used to be reshaped to a number and crashed)."""
    assert_grad_close(tangentish.grad(f)(X), numeric_grad(f, (X,)), label=f.__name__)
