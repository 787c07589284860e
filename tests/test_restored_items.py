"""passes/restored_items.py: an adjoint's item zeroed, then given back what was read of it, is
left as it was (the adjoint of ``acc[k] += v`` in a loop: two NumPy item writes per step), and
only there."""

from __future__ import annotations

import textwrap

import gast
import numpy as np
import pytest
from helpers import numeric_grad, specialize
from test_owned import branch_items, counter_items, idioms_extra, running_products

import tangentish
from tangentish import ir
from tangentish.passes.restored_items import keep_restored_items
from tangentish.syntax.printer import function_text


def read_between(x, w):  # acc[1] read by acc[0]'s update: its adjoint is written in between
    acc = [0.5, 1.0]
    for i in range(x.shape[0]):
        acc[0] += acc[1] * x[i]
        acc[1] += w * x[i]
    return acc[0] * acc[1]


def by_counter(x, w):  # the index a name: the loop's counter
    acc = [0.0, 0.0, 0.0]
    for k in range(3):
        acc[k] += np.sum(np.sin(x * (k + 1))) * w
    return acc[0] * acc[1] - acc[2]


listacc = idioms_extra.listacc  # the idiom: acc[0] += v; acc[1] += v * v
CASES = [listacc, read_between, by_counter, running_products, counter_items, branch_items]


@pytest.mark.parametrize("f", CASES, ids=[f.__name__ for f in CASES])
def test_gradients_of_items_summed_into_are_right(f):
    args = (np.linspace(0.2, 1.1, 5), 0.7)
    df = tangentish.grad(f, wrt=(0, 1))
    expected = numeric_grad(f, args, (0, 1))
    for _ in range(3):  # generic, then specialized twice
        for value, want in zip(df(*args), expected, strict=True):
            np.testing.assert_allclose(value, want, rtol=1e-6, atol=1e-8)
        specialize(df, args)  # (what later calls run)


def test_the_idiom_s_loop_neither_zeroes_nor_adds_back_an_item():
    args = (np.linspace(0.2, 1.1, 5), 0.7)
    source = tangentish.grad(listacc, wrt=0).source_for(*args)
    loop = source[source.index("for i in reversed("):]
    assert "acc_bar[0] = 0.0" not in loop and "acc_bar[1] = 0.0" not in loop, source
    assert "acc_bar[0] +=" not in loop and "acc_bar[1] +=" not in loop, source


def _run(text: str, marked: tuple[int, ...], adjoint: bool = True) -> str:
    tree = gast.parse(textwrap.dedent(text)).body[0]
    for index in marked:  # (as owned.py marks the updates it writes in place)
        note = ir.note(tree.body[index])
        note.updates, note.adjoint = tree.body[index].targets[0].value.id if isinstance(
            tree.body[index], gast.Assign) else tree.body[index].target.value.id, adjoint
    keep_restored_items(tree.body)
    return function_text(tree)


RESTORED = """
    def f(v, a, i):
        g = a[i, 0]
        a[i, 0] = 0.0
        v_bar = 2 * (g * v)
        a[i, 0] += g
        return v_bar
"""


def test_a_restored_item_is_dropped():
    assert "a[i, 0] = 0.0" not in _run(RESTORED, (1, 3))


@pytest.mark.parametrize("text, marked, adjoint", [
    (RESTORED, (), True),  # not owned.py's updates
    (RESTORED, (1, 3), False),  # the primal's (normalize marks updates too)
    (RESTORED.replace("v_bar = 2 * (g * v)", "v_bar = 2 * (a[1, 0] * v)"), (1, 3), True),
    (RESTORED.replace("v_bar = 2 * (g * v)", "g = 2 * v"), (1, 3), True),
    (RESTORED.replace("v_bar = 2 * (g * v)", "i = 2"), (1, 3), True),
    (RESTORED.replace("v_bar = 2 * (g * v)", "h(a)"), (1, 3), True),
    (RESTORED.replace("a[i, 0]", "a[i:, 0]"), (1, 3), True),  # a view, not a number
    (RESTORED.replace("a[i, 0] += g", "a[i, 0] += v"), (1, 3), True),
    (RESTORED.replace("a[i, 0] = 0.0", "a[i, 0] = 1.0"), (1, 3), True),
], ids=["unmarked", "primal", "read_between", "held_rebound", "index_rebound", "passed",
        "slice", "other_value", "not_zero"])
def test_an_item_not_provably_restored_is_kept(text, marked, adjoint):
    assert _run(text, marked, adjoint) == function_text(gast.parse(textwrap.dedent(text)).body[0])
