"""passes/zeroed_writes.py: the first addition into an item of an adjoint made zero right before
a loop over ``range``, at the loop's counter, is a write (``x_bar[i] = g``: no item read and
added per step), and only where every step's item is its own and starts at zero."""

from __future__ import annotations

import textwrap

import gast
import numpy as np
import pytest
from helpers import assert_both_orders, assert_reverse_modes, numeric_grad, specialize
from test_restored_items import listacc

import tangentish
from tangentish import ir
from tangentish.passes.dataflow import statements
from tangentish.passes.zeroed_writes import write_first_items
from tangentish.syntax.printer import function_text


def rows(x):  # a row's adjoint written whole
    total = 0.0
    for row in x:
        total = total + np.sum(np.tanh(row * 1.5))
    return total


def two_reads(x):  # two additions at the counter: the first a write, the second an addition
    out = np.zeros(len(x))
    for i in range(len(x)):
        out[i] = np.sin(x[i]) * x[i]
    return np.sum(out * out)


def skipped(x):  # a step that adds nothing (continue) leaves the zero
    s = 0.0
    for i in range(len(x)):
        if x[i] < 0.3:
            continue
        s = s + x[i] ** 3
    return s


def nested(x):  # the zero array made once, the inner loop run three times: additions stay
    s = 0.0
    for k in range(3):
        for i in range(len(x)):
            s = s + np.sin(x[i]) * (k + 1)
    return s


def shifted(x):  # range of two arguments (from 1): left as it is
    s = 0.0
    for i in range(1, len(x)):
        s = s + x[i] * x[i - 1]
    return s


def halves(x):  # the same item at two steps (an index computed from the counter)
    s = 0.0
    for i in range(len(x)):
        s = s + np.cos(x[i // 2]) * (i + 1)
    return s


def negative(x):  # negative indices: x[-1 - i], each item once, not the counter itself
    s = 0.0
    for i in range(len(x)):
        s = s + x[-1 - i] * (i + 1.5) ** 2
    return s


CASES = [rows, two_reads, skipped, nested, shifted, halves, negative]


@pytest.mark.parametrize("f", CASES, ids=[f.__name__ for f in CASES])
def test_gradients_are_right_in_every_mode(f):
    if f is rows:  # (a matrix: every reverse mode, then check_grads at second order)
        x = np.linspace(-1.0, 1.0, 12).reshape(4, 3)
        assert_reverse_modes(f, x)
        tangentish.check_grads(f, (x,), order=2, seed=1, warn=False)
    else:
        x = np.linspace(0.1, 1.3, 6)
        assert_both_orders(f, x)
    df = tangentish.grad(f)
    for _ in range(3):  # generic, then specialized twice
        np.testing.assert_allclose(df(x), numeric_grad(f, (x,)), rtol=1e-6, atol=1e-8)
        specialize(df, (x,))  # (what later calls run)


def test_listacc_gradient_writes_each_item_once():
    args = (np.linspace(0.2, 1.1, 5), 0.7)
    df = tangentish.grad(listacc, wrt=0)
    np.testing.assert_allclose(df(*args), numeric_grad(listacc, args, 0), rtol=1e-6, atol=1e-8)
    loop = df.source_for(*args)
    loop = loop[loop.index("for i in reversed("):]
    assert "x_bar[i] = v_bar * w" in loop and "x_bar[i] +=" not in loop, loop


@pytest.mark.parametrize("f, written, added", [
    (rows, 1, 0), (two_reads, 1, 1), (skipped, 1, 0), (nested, 0, 1), (shifted, 0, 2),
])
def test_only_first_additions_at_a_fresh_counter_become_writes(f, written, added):
    source = tangentish.grad(f).source
    adjoint = source[source.index("x_bar = np.zeros"):]
    lines = [line.strip() for line in adjoint.splitlines() if line.strip().startswith("x_bar[")]
    assert sum(" += " not in line for line in lines) == written, source
    assert sum(" += " in line for line in lines) == added, source


def _run(text: str, marked: bool = True, params: frozenset[str] = frozenset({"x"})) -> str:
    tree = gast.parse(textwrap.dedent(text)).body[0]
    for stmt in statements(tree.body):  # (as owned.py marks the updates it writes in place)
        if marked and stmt.__class__ is gast.AugAssign and stmt.target.__class__ is gast.Subscript:
            ir.note(stmt).updates, ir.note(stmt).summed = stmt.target.value.id, True
    write_first_items(tree.body, "np", set(params))
    return function_text(tree)


LOOP = """
    def f(x, v, n):
        r = range(n)
        x_bar = np.zeros_like(x)
        for i in reversed(r):
            x_bar[i] += v[i]
        return x_bar
"""


@pytest.mark.parametrize("text", [
    LOOP, LOOP.replace("reversed(r)", "range(n)"), LOOP.replace("reversed(r)", "r"),
    LOOP.replace("x_bar[i] += v[i]", "if v[i]:\n                x_bar[i] += v[i]\n"
                 "            x_bar[i] += 1.0"),
    LOOP.replace("x_bar[i] += v[i]", "x_bar[i] += v[i]\n            x_bar[i] += 1.0"),
], ids=["reversed", "range", "plain", "in_branch", "then_added"])
def test_the_first_addition_is_a_write(text):
    assert "x_bar[i] = v[i]" in _run(text)


@pytest.mark.parametrize("text, marked, params", [
    (LOOP, False, {"x"}),  # not owned.py's update
    (LOOP.replace("r = range(n)", "r = range(1, n)"), True, {"x"}),
    (LOOP.replace("r = range(n)", "r = range(n)\n        r = h(n)"), True, {"x"}),
    (LOOP, True, {"r"}),  # a parameter also named r: not only the range
    (LOOP.replace("np.zeros_like(x)", "np.ones_like(x)"), True, {"x"}),
    (LOOP.replace("x_bar = np.zeros_like(x)", "x_bar = np.zeros_like(x)\n        h(x_bar)"),
     True, {"x"}),
    (LOOP.replace("x_bar[i] += v[i]", "x_bar[i] += v[i]\n            i = 0"), True, {"x"}),
    (LOOP.replace("x_bar[i] += v[i]", "x_bar[i] += v[i] * x_bar[0]"), True, {"x"}),
    (LOOP.replace("x_bar[i] += v[i]", "y = x_bar[i]\n            x_bar[i] += v[i]"), True, {"x"}),
    (LOOP.replace("x_bar[i] += v[i]", "for j in v:\n                x_bar[i] += v[i]"),
     True, {"x"}),
    (LOOP.replace("x_bar[i] += v[i]", "if x_bar[0]:\n                x_bar[i] += v[i]"),
     True, {"x"}),
    (LOOP.replace("x_bar[i]", "x_bar[i // 2]"), True, {"x"}),
    (LOOP.replace("x_bar[i]", "x_bar[i, 0]"), True, {"x"}),
    (LOOP.replace("x_bar[i] += v[i]", "x_bar[i] -= 1.0\n            x_bar[i] += v[i]"),
     True, {"x"}),
    (LOOP.replace("for i in reversed(r):\n            x_bar[i] += v[i]",
                  "for k in r:\n            for i in reversed(r):\n"
                  "                x_bar[i] += v[i]"), True, {"x"}),
], ids=["unmarked", "two_arguments", "range_rebound", "range_parameter", "ones", "mentioned",
        "counter_rebound", "reads_itself", "read_first", "inner_loop", "tested", "computed_index",
        "tuple_index", "subtracted_first", "zeroed_outside_the_outer_loop"])
def test_an_addition_not_provably_into_a_fresh_zero_is_kept(text, marked, params):
    assert _run(text, marked, params) == function_text(gast.parse(textwrap.dedent(text)).body[0])
