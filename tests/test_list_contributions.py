"""Rules whose contribution to an adjoint is a list or tuple (``d[xs] = [..., ...]``, a helper that
returns one, np.choose's and np.select's choices): two contributions to the same list add item by
item, never join (``tangentish/syntax/listed_values.py``: each is settled in the adjoint's form);
and a user's elementwise function of lists, whose operands' tangents (lists) are summed as arrays.

Each program reads the list twice, so its adjoint is a sum; every mode (grad, value_and_grad, vjp,
jvp) is checked against central differences and the second order (hvp) by ``check_grads``.
"""

import numpy as np
import pytest
from helpers import assert_both_orders

from tangentish.extend import d, elementwise, linear, rule


def dot2(xs):
    return xs[0] * xs[1]


@rule(dot2)
class Dot2:  # (the contribution: a list display)
    def adjoint(r, xs):
        d[xs] = [d[r] * xs[1], d[r] * xs[0]]

    def tangent(r, xs):
        d[r] = d[xs][0] * xs[1] + xs[0] * d[xs][1]


def scaled_sum(ps):  # (a ragged tuple: a vector and a matrix)
    return np.sum(ps[0]) * ps[1]


@rule(scaled_sum)
class ScaledSum:  # (the contribution: a tuple of an array and a list, items of two shapes)
    def adjoint(r, ps):
        d[ps] = (np.full(np.shape(ps[0]), np.sum(d[r] * ps[1])),
                 [d[r][0] * np.sum(ps[0]), d[r][1] * np.sum(ps[0])])

    def tangent(r, ps):
        d[r] = np.sum(d[ps][0]) * ps[1] + np.sum(ps[0]) * np.stack(d[ps][1])


def pair(x):
    return [np.sin(x), x * x]


@rule(pair)
class Pair:  # (a list result: its adjoint read item by item)
    def adjoint(r, x):
        d[x] = d[r][0] * np.cos(x) + d[r][1] * 2.0 * x

    def tangent(r, x):
        d[r] = [d[x] * np.cos(x), d[x] * 2.0 * x]


def swap(ps):
    return (ps[1], ps[0])


def unswap(g):  # (the transpose: a helper of this module that returns a tuple)
    return (g[1], g[0])


linear(swap, transpose=unswap)


def add_weighted(a, b):
    return np.add(a, 2.0 * np.asarray(b))


# (of two lists: their tangents, lists, are added as arrays, not joined)
elementwise(add_weighted, lambda r, a, b: 1.0, lambda r, a, b: 2.0)


def user_rules(x):  # (each list read twice, or in a loop)
    xs = [x[:3], np.sin(x[:3])]
    total = np.sum(dot2(xs) + 3.0 * dot2(xs) ** 2)
    ps = (x[:3], x[3:].reshape(2, 2))
    total = total + np.sum(scaled_sum(ps) ** 2) + np.sum(np.sin(scaled_sum(ps)))
    p = pair(x[4:])
    a, b = swap(p)
    c, e = swap(p)
    total = total + np.sum(dot2(p)) + np.sum(a * e + b * c * c)
    qs = (x[:2], np.cos(x[5:]))
    for k in range(3):
        total = total + k * np.sum(dot2(qs))
    return total + np.sum(add_weighted([x[:3], np.sin(x[4:])], [x[4:], x[:3]])[1] ** 2)


PICKS = np.array([0, 1, 1, 0])


def choices_read_twice(x):  # (a built-in rule's list: np.choose's and np.select's choices)
    ch = [x, np.sin(x)]
    return np.sum(np.choose(PICKS, ch) * np.select([x > 0, x <= 0], ch) + np.choose(1 - PICKS, ch) ** 2)


@pytest.mark.parametrize("f, size", [(user_rules, 7), (choices_read_twice, 4)],
                         ids=lambda v: getattr(v, "__name__", str(v)))
def test_list_contributions_add_item_by_item(f, size):
    x = np.random.default_rng(size).uniform(-1.0, 1.0, size)
    assert_both_orders(f, x)
