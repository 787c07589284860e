"""``a, b = zip(*pairs)`` is the tuples it unpacks to (syntax/unzip.py): every form of the
sequence in every first-order mode and second order, against central differences; Python's
ValueError where the items are too short or too long; other starred calls refused."""

import numpy as np
import pytest
from helpers import assert_both_orders, numeric_jacobian

import tangentish
from tangentish.errors import UnsupportedConstructError

PAIRS = [(0, 1), (1, 2), (2, 0)]


def comprehension(x):
    a, b = zip(*[(x[i], x[j] ** 2) for i, j in PAIRS])  # noqa: B905  (as people write it)
    return sum(ai * bi for ai, bi in zip(a, b, strict=True))


def appended(x):
    rows = []
    for v in x:
        rows.append((np.sin(v), v * v, 2.0))
    s, q, c = zip(*rows, strict=True)
    return np.dot(np.array(s), np.array(q)) * sum(c)


def array_rows(x):
    points = np.stack([x, np.cos(x)], axis=1)
    xs, ys = zip(*points, strict=False)
    return np.sum(np.array(xs) * np.array(ys) ** 2)


def in_a_loop(x):
    total = 0.0
    for k in range(2):
        [a, b] = zip(*[(x[0] * k, x[1]), (x[2], x[0] + k)], strict=True)
        total = total + a[0] * b[1] + a[1] * b[0]
    return total


def _columns(x):
    return [x[0], 2.0 * x[1], x[2] * x[0]], [np.sin(x[1]), x[0], 1.0 + x[2]], [x[2], x[1], x[0]]


def loop_over_a_call(x):
    s = 0.0
    for a, b, c in zip(*_columns(x)):  # noqa: B905  (as people write it)
        s = s + a * b * c
    return s


def loop_over_local_tuples(x):
    pairs = [(x[0], x[1], x[2]), (x[1] * 2.0, x[2], x[0])]
    s = 0.0
    for a, b in zip(*pairs, strict=True):
        s = s + a * np.cos(b)
    return s


def loop_over_array_rows(x):
    s = 0.0
    for [u, v] in zip(*np.stack([x, x ** 2]), strict=False):
        s = s + u * v
    return s


def loop_with_else(x):
    rows = []
    for v in x:
        rows.append(np.exp(v))
    s = 1.0
    for a, b, c in zip(*[rows, x, rows[::-1]]):  # noqa: B905
        s = s * (a + b * c)
    else:
        s = s + x[0]
    return s


def comprehension_over_rows(x):
    rows = [x[:2], x[1:] * 2.0]
    return np.sum(np.array([a * np.sin(b) for a, b in zip(*rows)]))  # noqa: B905


def generator_over_a_call(x):
    return sum(a * b * c for a, b, c in zip(*_columns(x)) if b != 0.0)  # noqa: B905


def comprehension_in_an_if(x):
    rows = [x, x ** 2]
    if sum([u - v for u, v in zip(*rows, strict=True)]) > 0.0:
        return np.sum(x ** 3)
    return np.prod(np.array([np.exp(u) + v for u, v in zip(*rows, strict=True)]))


def nested_comprehension(x):
    grid = [[x[0], x[1]], [x[2], x[0] * x[1]]]
    return sum([sum([u * b for u in (a, b)]) for a, b in zip(*grid)])  # noqa: B905


CASES = [comprehension, appended, array_rows, in_a_loop]
LOOPS = [loop_over_a_call, loop_over_local_tuples, loop_over_array_rows, loop_with_else,
         comprehension_over_rows, generator_over_a_call, comprehension_in_an_if,
         nested_comprehension]
POINTS = [np.array([0.3, -0.8, 1.2]), np.array([-0.9, 0.2, 0.4])]


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("point", [0, 1])
def test_every_mode_matches_differences(f, point):
    assert_both_orders(f, POINTS[point], seed=4)


@pytest.mark.parametrize("f", LOOPS, ids=lambda f: f.__name__)
def test_a_loop_over_the_transpose_matches_differences(f):
    assert_both_orders(f, POINTS[1], seed=4)


def too_long(x):
    a, b = zip(*[(x[0], x[1], x[2])], strict=True)
    return a[0] * b[0]


def too_short(x):
    a, b = zip(*[(x[0],), (x[1], x[2])], strict=False)
    return a[0] * b[0]


def empty(x):
    a, b = zip(*[], strict=True)
    return np.sum(x)


def uneven(x):
    a, b = zip(*[(x[0], x[1]), (x[2], x[0], x[1])], strict=True)
    return a[0] * b[0]


def loop_too_few(x):
    s = 0.0
    for a, b, c in zip(*[x, x]):  # noqa: B905
        s = s + a * b * c
    return s


@pytest.mark.parametrize("f", [too_long, too_short, empty, uneven, loop_too_few],
                         ids=lambda f: f.__name__)
def test_a_wrong_length_raises_as_python_does(f):
    with pytest.raises(ValueError):
        f(POINTS[0])
    with pytest.raises(ValueError, match="zip"):
        tangentish.grad(f)(POINTS[0])


def kept(x):
    columns = list(zip(*[(x[0], x[1]), (x[2], x[0])], strict=True))
    return columns[0][0] * columns[1][1]


def comprehension_too_few(x):
    return sum([a * b * c for a, b, c in zip(*[x, x])])  # noqa: B905


def test_a_comprehension_over_too_few_rows_raises_as_python_does():
    with pytest.raises(ValueError):
        comprehension_too_few(POINTS[0])
    with pytest.raises(ValueError, match="zip"):
        tangentish.grad(comprehension_too_few)(POINTS[0])


def only_when_chosen(x, flag):
    return x[0] if flag else sum([a * b for a, b in zip(*[x, x, x])])  # noqa: B905


def test_a_comprehension_not_always_evaluated_is_left_to_the_fence():
    """Under ``x if c else ...`` the check would run where Python never iterates: refused."""
    with pytest.raises(UnsupportedConstructError, match="star"):
        tangentish.grad(only_when_chosen)(POINTS[0], True)


def test_a_transpose_kept_as_a_list_is_its_columns():
    """(Refused until refusals6: ``list(zip(*rows))`` is the list of column tuples.)"""
    got = tangentish.grad(kept)(POINTS[0])
    np.testing.assert_allclose(got, numeric_jacobian(kept, [POINTS[0]], 0), rtol=1e-6,
                               atol=1e-8)
