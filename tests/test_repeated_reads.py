"""One read written twice has one shape (tangentish/passes/repeated_reads.py): ``x[i]`` and
``x[i]`` again, where nothing rebinds or changes ``x`` or ``i`` in between; and what the reverse
pass then leaves out.  Each gradient is checked against finite differences, on a list of arrays
of different shapes too (one ``i``, one item, whatever the items are)."""

import operator
from collections import Counter

import gast
import numpy as np
import pytest

import tangentish
from tangentish import ir
from tangentish.passes.desugar import desugar
from tangentish.passes.normalize import normalize
from tangentish.passes.repeated_reads import read_key
from tangentish.passes.shapes import analyze_shapes
from tangentish.syntax.parse import parse_function


def read_twice(x):
    out = np.zeros(len(x))
    for i in range(len(x)):
        out[i] = np.sin(x[i]) * x[i]
    return np.sum(out * out)


def ragged(xs, w):  # items of other shapes: per pass through the loop, one i and one item
    total = 0.0
    for i in range(len(xs)):
        total = total + np.sum(np.tanh(xs[i]) * xs[i] * w)
    return total


def replaced_between(xs, w):  # the list's item changes between the two reads
    a = xs[0]
    xs[0] = w * 2.0
    b = xs[0]
    return np.sum(a * b)


def other_index(x):
    return np.sum(x[0] * x[1:])


def rebound_index(x):  # j changes from pass to pass; within one pass it is one j (j_2)
    total = 0.0
    j = 0
    for i in range(3):
        total = total + np.sum(x[j] * x[j] * x[i])
        j = j + 1
    return total


def _classes(fn):
    info = parse_function(fn)
    desugar(info)
    return analyze_shapes(normalize(info))


@pytest.mark.parametrize("fn, name, other, same", [
    (read_twice, "x_item", "x_item_1", True), (read_twice, "sin_x_item", "_t1", True),
    (ragged, "xs_item", "xs_item_1", True), (ragged, "xs_item", "t1_times_w", False),
    (replaced_between, "a", "b", False), (other_index, "x0", "x_slice", False),
    (rebound_index, "x_item", "x_item_1", True), (rebound_index, "x_item", "x_item_2", False)])
def test_a_read_written_twice_has_one_shape(fn, name, other, same):
    assert _classes(fn).same(name, other) is same


def test_the_unbroadcasts_it_drops_and_the_gradients():
    source = tangentish.grad(read_twice).source
    assert "sin_x_item_bar = _t1_bar * x_item\n" in source  # (x[i] read once: test_common.py)
    assert "_rt.unbroadcast(_t1_bar * sin_x_item, x_item" not in source
    rng = np.random.default_rng(5)
    tangentish.check_grads(read_twice, (rng.standard_normal(4),))
    tangentish.check_grads(rebound_index, (rng.standard_normal((3, 2)),))
    w = rng.standard_normal(3)
    xs = [rng.standard_normal(3), rng.standard_normal((2, 3)), rng.standard_normal((1, 1))]
    expected = [np.zeros_like(v) for v in xs]
    for k, item in enumerate(xs):  # (central differences, item by item)
        for index in np.ndindex(item.shape):
            up = [v.copy() for v in xs]
            down = [v.copy() for v in xs]
            up[k][index] += 1e-6
            down[k][index] -= 1e-6
            expected[k][index] = (ragged(up, w) - ragged(down, w)) / 2e-6
    actual = tangentish.grad(ragged)(xs, w)
    for got, want in zip(actual, expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7)


def _key(text, bound=()):
    node = gast.parse(text).body[0].value
    op = ir.Op(operator.getitem, [node.value, node.slice], {}, "a read", node)
    return read_key(op, Counter(dict.fromkeys(bound, 2)), set())


@pytest.mark.parametrize("text, other, same", [
    ("x[i]", "x[i]", True), ("x[i, :]", "x[i, :]", True), ("x[1:-j:2]", "x[1:-j:2]", True),
    ("x[None, i]", "x[None, i]", True), ("x[i]", "y[i]", False), ("x[i]", "x[j]", False),
    ("x[i]", "x[-i]", False), ("x[i]", "x[i, :]", False), ("x[i]", "x[(i,)]", False),
    ("x[1:]", "x[:1]", False), ("x[:]", "x[None]", False), ("x[:]", "x[::]", True),
    ("x[0]", "x[-0]", False), ("x[i:]", "x[i:None]", False), ("x[1]", "x[2]", False)])
def test_two_reads_get_one_key_exactly_when_their_syntax_is_equal(text, other, same):
    assert _key(text) is not None and _key(other) is not None
    assert (_key(text) == _key(other)) is same


@pytest.mark.parametrize("text", ["x[0.5]", "x[True]", "x[f(i)]", "x[i + 1]", "x.a[i]", "x[i]"])
def test_a_read_of_anything_else_or_of_a_name_bound_twice_has_no_key(text):
    assert _key(text, bound=("i",) if text == "x[i]" else ()) is None
