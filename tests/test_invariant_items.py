"""passes/invariant_items.py: an item of a small array made before a loop, read in every step
where nothing changes it, is read once before the loop; the gradient stays the function's."""

from __future__ import annotations

import gast
import numpy as np
import pytest
from helpers import specialized_calls

import tangentish
from tangentish.passes.derivative import Derivative
from tangentish.passes.invariant_items import hoist_invariant_items
from tangentish.syntax.naming import Namer
from tangentish.syntax.printer import function_text


def listacc(x, w):
    acc = [0.0, 0.0]
    for i in range(x.shape[0]):
        v = w * x[i]
        acc[0] += v
        acc[1] += v * v
    return acc[1] - acc[0] ** 2 / x.shape[0]


def listacc_grad(x, w):
    """d/dx of sum(v^2) - (sum v)^2 / n with v = w x (closed form)."""
    v = w * x
    return w * (2.0 * v - 2.0 * np.sum(v) / x.shape[0])


@pytest.mark.parametrize("size", (1, 3, 40))
def test_the_items_adjoints_are_read_once_before_the_loop(size):
    x, w = np.random.default_rng(size).normal(size=size), 0.7
    df = tangentish.grad(listacc)
    first, second = specialized_calls(df, (x, w), 2)  # (the generic derivative, then the specialized one)
    lines = df.source_for(x, w).splitlines()
    loop = next(i for i, line in enumerate(lines) if line.strip().startswith("for i in reversed"))
    reads = [i for i, line in enumerate(lines) if "= acc_bar[" in line]
    assert len(reads) == 2 and all(i < loop for i in reads), "\n".join(lines)
    np.testing.assert_allclose(second, listacc_grad(x, w), rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(second, first)


def _hoisted(text: str) -> str:
    node = gast.parse(text).body[0]
    hoist_invariant_items(Derivative(node.name, node.args, node.body, Namer(set())))
    return function_text(node)


HOISTED = """
def f(x, s):
    a_bar = np.array([s, 0.0])
    x_bar = np.zeros_like(x)
    for i in range(3):
        g = a_bar[-2]
        x_bar[i] = g * x[i]
    return x_bar
"""

LEFT = {  # each a change of HOISTED that must keep the read in the loop
    "written in the loop": ("x_bar[i] = g * x[i]", "x_bar[i] = g * x[i]\n        a_bar[0] += 1.0"),
    "another name for it": ("return x_bar", "b = a_bar\n    return x_bar"),
    "passed to a call": ("return x_bar", "h(a_bar)\n    return x_bar"),
    "a slice of it": ("return x_bar", "b = a_bar[0:1]\n    return x_bar"),
    "out of range": ("a_bar[-2]", "a_bar[2]"),
    "no number among the items": ("[s, 0.0]", "[s, s]"),
    "not an array display": ("np.array([s, 0.0])", "np.array(s)"),
    "bound twice": ("x_bar = np.zeros_like(x)", "x_bar = np.zeros_like(x)\n    a_bar = s"),
    "read before it in the loop": ("for i in range(3):", "for i in range(3):\n        x_bar[0] = g"),
    "read after the loop": ("return x_bar", "return x_bar, g"),
    "bound again": ("x_bar[i] = g * x[i]", "x_bar[i] = g * x[i]\n        g = 1.0"),
}


def test_an_invariant_item_read_moves_before_its_loop():
    text = _hoisted(HOISTED)
    assert text.index("g = a_bar[-2]") < text.index("for i in range(3):"), text


@pytest.mark.parametrize("case", list(LEFT))
def test_a_read_that_may_change_or_fail_stays(case):
    old, new = LEFT[case]
    assert old in HOISTED
    text = _hoisted(HOISTED.replace(old, new))
    assert text.index("g = a_bar[") > text.index("for i in range(3):"), text
