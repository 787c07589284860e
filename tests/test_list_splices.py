"""A slice of a list the function made, assigned (``xs[i:j] = v``), is the join it leaves,
``xs = xs[:i] + list(v) + xs[i:][len(xs[i:j]):]`` (``passes/list_methods.py``; it was refused):
Python's slice assignment for bounds of every kind (negative, past the end, ``j`` before ``i``,
missing, names), a value of another length (the list grows or shrinks), a tuple, an array or a
list held by a name.  Each splice's value and gradient against central differences (the value
bit for bit, which also checks the list's length through ``len``); a few in every mode and at
second order; a splice of a list from outside the function stays refused."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_both_orders, module_from_text, numeric_grad

import tangentish
from tangentish.errors import UnsupportedConstructError

TEMPLATE = '''import numpy as np


def f(x):
    i, j = 1, 3
    xs = [x[0] * 1.0, np.sin(x[1]), x[2] * x[0], x[1] ** 2]
    pair = [x[2] * 3.0, np.cos(x[0])]
    xs[{bounds}] = {value}
    return sum(v * (k + 1.0) for k, v in enumerate(xs)) + len(xs)
'''
SPLICES = [  # (bounds, value)
    ("1:3", "[np.tanh(x[1]), x[0] * x[2]]"), ("1:3", "[x[2]]"), ("0:0", "(x[1] * 5.0, x[2])"),
    ("-3:-1", "pair"), ("3:1", "[x[0] ** 3]"), ("-1:", "x[:2] * 2.0"), (":2", "[]"),
    ("2:", "pair"), ("5:9", "[x[1]]"), ("-9:1", "pair"), ("i:j", "[x[0] * x[1]]"),
    ("j:i", "pair"), (":", "[x[2] * 2.0]")]
X = np.array([0.7, -0.4, 1.3])


@pytest.mark.parametrize("bounds, value", SPLICES, ids=[f"[{b}]={v}" for b, v in SPLICES])
def test_a_splice_is_the_list_python_leaves(tmp_path, bounds, value):
    name = "splice_" + "".join(c if c.isalnum() else "_" for c in bounds + value)
    f = module_from_text(tmp_path, name, TEMPLATE.format(bounds=bounds, value=value)).f
    got, gradient = tangentish.value_and_grad(f)(X)
    assert got == f(X)
    np.testing.assert_allclose(gradient, numeric_grad(f, [X]), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("bounds, value", [SPLICES[1], SPLICES[10]], ids=["shorter", "names"])
def test_splices_in_every_mode_and_at_second_order(tmp_path, bounds, value):
    name = f"splice_modes_{len(bounds)}"
    f = module_from_text(tmp_path, name, TEMPLATE.format(bounds=bounds, value=value)).f
    assert_both_orders(f, X)


def spliced_in_loops(x):  # (the loops carry the list each splice binds again)
    xs = [x[0], 2.0 * x[1]]
    for _ in range(2):
        xs[0:1] = [xs[0] * x[2], np.sin(xs[-1])]
    while len(xs) < 6:
        xs[1:1] = [xs[0] * x[1]]
    return sum(v * (k + 1.0) for k, v in enumerate(xs))


def test_splices_in_loops_in_every_mode_and_at_second_order():
    assert_both_orders(spliced_in_loops, X)


W = np.array([[1.0], [2.0], [3.0]])


def spliced_argument(x, xs):
    xs[0:1] = [x, x]
    return np.sum(np.stack(xs) * W)


def copied_then_spliced(x, xs):
    xs = list(xs)
    xs[0:1] = [x, x]
    return np.sum(np.stack(xs) * W)


def constant_spliced_in(x, xs):  # (the value written does not vary: the items move all the same)
    xs[1] = x * 1.0
    xs[0:1] = [np.ones(3), np.ones(3)]
    return np.sum(np.stack(xs) * W)


@pytest.mark.parametrize("fn", [spliced_argument, constant_spliced_in])
@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.vjp])
def test_a_splice_of_a_list_the_caller_passed_is_refused_when_it_runs(transform, fn):
    """The derivative wrote it as an array's slice: the gradient was 2 where it is 3 (x at rows
    1 and 2 of the stack, or at row 3 after a constant spliced in before it), silently; now
    refused naming the line (an array's slice, which keeps its length, is differentiated as
    before); a copy made in the function is a splice above."""
    with pytest.raises(UnsupportedConstructError, match="a slice of a list the caller") as info:
        transform(fn)(X, [X, X])
    assert "xs[0:1] = [" in str(info.value) and "hint:" in str(info.value)
    np.testing.assert_allclose(tangentish.grad(copied_then_spliced)(X, [X, X]), 3.0 + 0.0 * X)
