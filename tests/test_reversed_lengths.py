"""Loops that run backwards count their sequence once (passes/desugar_loops.py): ``for v in
reversed(xs)`` is ``_len = len(xs)`` before ``for _i in range(_len): v = xs[_len - 1 - _i]``, as
Python's ``reversed`` reads a list from its length at the start.  Before, each step counted the
list again: a body appending to it read an item twice and another never (a silently wrong
value and gradient), and the hvp of every gradient with a loop called ``len`` at each step.
Each row's value and gradient against the function's own value and central differences (the
hvp goldens show the loop counted once)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish.passes.desugar import desugar
from tangentish.syntax.parse import parse_function
from tangentish.syntax.printer import function_text


def appended_while_reversed(x):  # Python reads xs[1], then xs[0]: not the items appended
    xs = [x[0], x[1] * 3.0]
    s = 0.0
    for v in reversed(xs):
        xs.append(v * 2.0)
        s = s * v + v
    return s + xs[-1]


def counted_while_reversed(x):  # enumerate's counter runs up, the items down
    xs = [x[0], x[1], x[0] * x[1]]
    s = 0.0
    for i, v in enumerate(reversed(xs)):
        xs.append(v)
        s = s + (i + 1.0) * v * v
    return s


def zipped_reversed(x):  # each sequence's own length: the list counted, the array not
    ys = [x[0], x[1]]
    s = 0.0
    for a, b in zip(reversed(ys), x, strict=False):
        ys.append(b)
        s = s + a * np.sin(b)
    return s


ROWS = [appended_while_reversed, counted_while_reversed, zipped_reversed]


@pytest.mark.parametrize("f", ROWS, ids=lambda f: f.__name__)
def test_reversed_reads_what_python_reads(f):
    x = np.array([0.6, -0.9])
    value, gradient = tangentish.value_and_grad(f)(x)
    assert value == f(x)
    np.testing.assert_allclose(gradient, numeric_grad(f, [x]), rtol=1e-6, atol=1e-8)


def test_the_length_is_counted_once_before_the_loop():
    info = parse_function(appended_while_reversed)
    desugar(info)
    text = function_text(info.node)
    loop = text.index("for _i in range(_len):")
    assert text.count("len(") == 1 and text.index("_len = len(xs)") < loop, text
