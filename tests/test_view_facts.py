"""The facts tangentish/passes/view_facts.py proves: a name's kind (always an array? of which
rank? an ndarray?) over all its bindings, int names, basic subscripts.  A claim must hold on every
run: a parameter, a list, a Python int and a name bound any other way stay unknown."""

from __future__ import annotations

import gast
import pytest
from helpers import source_module

from tangentish.passes.view_facts import Facts, Kind
from tangentish.syntax.parse import parse_function

KINDS = [  # (body binding `y`, the kind claimed for y)
    ("y = x * 1.0", Kind(True, None)),
    ("y = x * 2", Kind(False, None)),  # (x a list: `x * 2` repeats it)
    ("y = x.reshape(3, 4) * 1.0", Kind(True, 2)),
    ("y = np.reshape(x, (2, 6))", Kind(True, 2, True)),
    ("y = np.zeros((2, 3))\n    y += x", Kind(True, 2, True)),
    ("y = np.array(x)", Kind(True, None, True)),
    ("y = np.sin(x)", Kind(True, None)),
    ("y = x.copy()", Kind(False, None)),  # (a list's copy is a list)
    ("y = np.zeros(3)\n    if x[0] > 0:\n        y = [1.0]", Kind(False, None)),
    ("y = 2.0\n    y += x", Kind(True, None)),  # (a number plus a vector: a vector)
    ("y = x", Kind(False, None)),
    ("for y in x:\n        pass", Kind(False, None)),
    ("y = np.zeros(3)\n    y = y * x", Kind(True, None)),
    ("y = np.ones((2, 2))\n    for i in range(3):\n        y = y * 2.0", Kind(True, 2)),
    ("y, t = (x * 1.0, 2)", Kind(True, None)),  # (unpacked from a display: each item)
    ("t, y = [np.zeros((2, 3)), x.reshape(6) * 1.0]", Kind(True, 1)),
    ("y, t = (np.zeros(3), x)\n    t, y = (y, x)", Kind(False, None)),  # (y = x, a parameter)
    ("y, t = x", Kind(False, None)),  # (not a display: unknown)
    ("y, t = (x * 1.0, 2), 3.0", Kind(False, None)),  # (two items, the first a tuple)
    ("(y, t), u = ((x * 1.0, 2), 3.0)", Kind(False, None)),  # (nested targets: unknown)
    ("y, *t = (x * 1.0, 2.0, 3.0)", Kind(False, None)),  # (starred: unknown)
    ("y = np.log10(x)", Kind(True, None)),  # (any ufunc of one result: an array or raises)
    ("y = np.arcsin(np.zeros((2, 3)))", Kind(True, 2)),
    ("y = np.logaddexp(np.zeros((2, 3)), np.ones(3))", Kind(True, 2)),
    ("y = np.maximum(np.zeros(3), x)", Kind(True, None)),
    ("y = np.isnan(np.ones(3))", Kind(True, 1)),
    ("y = np.sin(2)", Kind(True, 0)),
    ("y = np.add(np.zeros(3), 1.0, out=x)", Kind(False, None)),  # (out=: whatever x is)
    ("y = np.modf(np.zeros(3))", Kind(False, None)),  # (two results: a tuple)
    ("y = np.log10(np.zeros(3))\n    y = np.log10(y)", Kind(True, 1)),
]


@pytest.mark.parametrize("body, expected", KINDS, ids=[k[0].split("\n")[0] for k in KINDS])
def test_kinds_hold_for_every_binding(tmp_path, body, expected):
    text = f"import numpy as np\n\n\ndef f(x):\n    {body}\n    return y\n"
    with source_module(tmp_path, "kinds", text) as module:
        facts = Facts(parse_function(module.f))
    got = facts.kind(gast.Name(id="y", ctx=gast.Load(), annotation=None, type_comment=None))
    assert got == expected


def test_ints_are_range_targets_and_their_arithmetic(tmp_path):
    text = """import numpy as np


def f(x, k):
    n = 3
    m = n + 1
    b = True
    w = k + 1
    for i in range(m):
        j = i * 2 - n
    for r in x:
        pass
    return x
"""
    with source_module(tmp_path, "ints", text) as module:
        facts = Facts(parse_function(module.f))
    assert facts.ints == {"n", "m", "i", "j"}  # (b a bool, k a parameter, r a row)


@pytest.mark.parametrize("index, basic", [
    ("y[1:3]", True), ("y[::-1]", True), ("y[i, n:]", True), ("y[i]", True), ("y[-1]", True),
    ("y[k]", False), ("y[[0, 1]]", False), ("y[None, 1]", False), ("y[..., 1]", False),
    ("y[True]", False), ("y[1:k]", True), ("y[1:k()]", False),
])
def test_basic_subscripts(tmp_path, index, basic):
    text = f"def f(y, k):\n    n = 2\n    for i in range(3):\n        t = {index}\n    return t\n"
    with source_module(tmp_path, "basic", text) as module:
        info = parse_function(module.f)
    facts = Facts(info)
    loop = info.node.body[1]
    assert (facts.basic(loop.body[0].value.slice) is not None) == basic


NESTING = ["-{}", "({} + 1.0)", "{}.T", "np.sin({})", "np.add({}, 1.0)", "{}.copy()",
           "{}.astype(float)", "np.copy({})", "np.zeros_like({})"]  # (every form kind recurses in)


@pytest.mark.parametrize("form", NESTING)
def test_kind_is_linear_in_the_expression(tmp_path, monkeypatch, form):
    """A kind asks each operand's kind once: 16 nested forms are a few dozen questions per
    round of the fixpoint (asked twice, they were 2 ** 16)."""
    expression = "(x * 1.0)"  # (an array: every form keeps it one)
    for _ in range(16):
        expression = form.format(expression)
    text = f"import numpy as np\n\n\ndef f(x):\n    y = {expression}\n    return y\n"
    asked = []
    kind = Facts.kind
    monkeypatch.setattr(Facts, "kind", lambda self, node: asked.append(node) or kind(self, node))
    with source_module(tmp_path, "nested", text) as module:
        facts = Facts(parse_function(module.f))
    nodes = sum(1 for _ in gast.walk(facts.info.node))
    assert 0 < len(asked) <= 3 * nodes  # (at most 3 rounds of one binding's value)
