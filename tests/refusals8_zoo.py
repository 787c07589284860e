"""Programs whose constructs refusals8 lifted (``test_refusals8.py``): ``itertools.pairwise`` and
``itertools.product``, ``**kw`` handed on by a helper."""

import itertools
from itertools import pairwise as pw
from itertools import product as prod

import numpy as np

# --- itertools.pairwise and itertools.product over differentiated values ---


def pairwise_loop(x):
    s = 0.0
    for a, b in itertools.pairwise(x):
        s = s + a * np.sin(b)
    return s


def pairwise_of_rows(m):
    return sum(np.sum(np.tanh(u) * v) for u, v in pw(m))


def pairwise_of_a_list(x):
    xs = [x[0] * 2.0, np.cos(x[1]), x[2] ** 2]
    return sum([(b - a) ** 2 for a, b in pw(xs)])


def shifted_zip(x):
    s = 0.0
    for a, b in zip(x[:-1], x[1:], strict=False):
        s = s + (b - a) ** 2 * a
    return s


def product_loop(x, y):
    s = 0.0
    for a, b in itertools.product(x, y):
        if a > b:
            continue
        s = s + np.sin(a) * b
    return s


def product_repeat(x):
    s = 0.0
    for t in prod(x, repeat=2):  # (one name for the pair)
        s = s + t[0] * np.exp(-t[1] ** 2)
    return s


def product_of_a_changing_list(x):
    xs = [x[0], x[1]]
    s = 0.0
    for a, b in prod(xs, xs):  # (product takes xs whole first: the appends are not visited)
        xs.append(a * b)
        s = s + a * b
    return s + xs[-1] * xs[-3]


def product_of_computed_factors(x):
    s = 0.0
    for i, a, b in prod(range(2), np.sin(x), x[1:]):
        s = s + x[i] * a * b
    return s


def product_comprehension(x):
    return sum([np.sin(a) * b for a, b in prod(x, x[1:]) if b > a])


def product_three_nested(x):
    total = 0.0
    for a in x:
        for b, c, d in prod(x[:2], [a, 1.0], x[1:]):
            total = total + a * b * c * d
    return total


# --- refused: a product loop that breaks (the nested form would leave only the inner loop) ---


def product_with_break(x):
    s = 0.0
    for a, b in prod(x, x):
        if a * b > 0.5:
            break
        s = s + a * b
    return s


# --- **kw handed on by a helper not inlined ---


def dense(x, w=1.0, b=0.0):
    return np.tanh(w * x + b)


def layer(x, **kw):
    return dense(x, **kw)


def kw_forwarded(x, w):
    h = layer(x, w=w, b=0.3)
    for _ in range(2):
        h = layer(h, w=w)
    return np.sum(h ** 2)
