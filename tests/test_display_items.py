"""An item of a tuple display read at a constant index is the item (passes/display_items.py).

A helper returning a tuple, unpacked by its caller, used to build the tuple's adjoint item by item
(``_rt.unindex``, ``_rt.add_at``) only to read the items back.  The generated code now reads the
items themselves; where a loop binds an item's name again before the read, the read stays.  Every
derivative is compared with central differences.
"""

from __future__ import annotations

import textwrap

import gast
import numpy as np
import pytest
from helpers import assert_both_orders, assert_every_mode

import tangentish
from tangentish.passes.display_items import forward_display_items
from tangentish.syntax import printer


def pair(a, b):
    return a * b, np.sum(a + b)


def unpacks_helper(x):
    p, q = pair(x, np.cos(x))
    return np.sum(p * q)


def reads_items(x):
    t = (np.sin(x), 2.0, x)
    return np.sum(t[0] * t[1] + t[-1] ** 2)


def item_bound_again_in_loop(x):
    a = x * 1.0
    t = (a, 3.0)
    for _ in range(2):
        a = a * x
    c = t[0]
    return np.sum(c * a)


def read_in_loop(x):
    a = x * 1.0
    t = (a, 3.0)
    s = 0.0
    for _ in range(3):
        s = s + t[0] * a
        a = a * x
    return np.sum(s)


def item_bound_again_after_display(x):
    a = x * 1.0
    s = 0.0
    for _ in range(2):
        t = (a, 1.0)
        a = a * x
        s = s + t[0] * a
    return np.sum(s)


def item_bound_again_in_branch(x, flag=True):
    a = np.sin(x)
    t = (a, x)
    if flag:
        a = a * 3.0
    b, c = t
    return np.sum(a * b + c)


def _code(source: str) -> str:
    """``source`` without its provenance comments (which quote the user's line)."""
    return "\n".join(line for line in source.splitlines() if not line.strip().startswith("#"))


X = np.array([0.3, -0.7, 1.1])
DIRECTION = np.array([0.5, -1.0, 0.25])


@pytest.mark.parametrize("fn", [unpacks_helper, reads_items, item_bound_again_in_loop,
                                read_in_loop, item_bound_again_after_display,
                                item_bound_again_in_branch])
def test_every_mode_matches_differences(fn):
    assert_every_mode(fn, X, DIRECTION)


@pytest.mark.parametrize("fn", [unpacks_helper, reads_items])
def test_second_order(fn):
    assert_both_orders(fn, X)


@pytest.mark.parametrize("mode", ["grad", "value_and_grad", "vjp", "jvp"])
@pytest.mark.parametrize("fn", [unpacks_helper, reads_items])
def test_the_tuple_is_not_built(fn, mode):
    """The items are read as themselves: no tuple, and no adjoint of one."""
    source = _code(getattr(tangentish, mode)(fn).source)
    for text in ("_rt.add_at", "_rt.unindex", "_t1[", "t[0]"):
        assert text not in source, (text, source)


def test_the_pass_keeps_reads_it_cannot_prove():
    """On code that binds a name twice (the normalizer's own output never does between a display
    and its read, generated code differentiated again might): a read after ``a`` is bound again,
    a read in a nested block, a read before the display and a display bound twice stay."""
    text = textwrap.dedent("""\
        def f(x, c):
            t = (a, b, 2.0)
            p = t[0]
            q = t[-1]
            a = x
            r = t[0]
            s = t[1]
            if c:
                u = t[1]
            w = t[3]
            v = u[0]
            u = (x, x)
            u = (a, a)
            z = u[0]
    """)
    body = gast.parse(text).body[0].body
    forward_display_items(body)
    printed = [printer.statement_lines(stmt)[0] for stmt in body]
    assert printed[:6] == ["t = (a, b, 2.0)", "p = a", "q = 2.0", "a = x", "r = t[0]", "s = b"]
    assert printer.statement_lines(body[6].body[0])[0] == "u = t[1]"
    assert printed[7:] == ["w = t[3]", "v = u[0]", "u = (x, x)", "u = (a, a)", "z = u[0]"]
