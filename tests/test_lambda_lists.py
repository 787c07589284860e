"""Lists of lambdas made by a comprehension, each with its own defaults
(``tangentish/passes/lambda_lists.py``): ``fs = [lambda x, k=k: k * x for k in range(3)]`` called
item by item in a loop, a comprehension or by index.  Each was refused before ("a `lambda` used as
a value"); every program is checked in every mode against central differences, and to second
order.  Where the list is used any other way the refusal stays."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_both_orders

import tangentish

X = np.array([0.4, -1.1, 0.8])


def looped(x):
    fs = [lambda v, k=k: k * np.sin(v) for k in range(3)]
    total = 0.0
    for f in fs:
        total = total + np.sum(f(x))
    return total


def summed_generator(x):
    fs = [lambda v, k=k, p=2: np.cos(k * v) ** p for k in (0.5, 1.5)]
    return np.sum(sum(f(x) for f in fs)) + np.sum(np.stack([f(x, 3) for f in fs]))


def by_index(x):
    fs = [lambda v, k=k: np.tanh(k + v) for k in range(4) if k != 2]
    out = np.sum(fs[0](x)) + np.sum(fs[-1](x, 0.5))
    for i in range(len(fs)):
        out = out + np.sum(fs[i](x * x))
    return out


def active_defaults(x):  # (the defaults hold differentiated values)
    ws = [x[0], x[1] * 2.0, np.sum(x)]
    fs = [lambda v, w=w: np.sin(w * v) for w in ws]
    return sum(np.sum(f(x) * f(x[::-1])) for f in fs)


def reads_late(x):  # (the body reads `scale` when called, as the lambda's does)
    scale = 1.0
    fs = [lambda v, k=k: k * v * scale for k in (1.0, 2.0)]
    scale = x[0] ** 2
    total = 0.0
    for f in fs:
        total = total + np.sum(f(x))
    return total


PROGRAMS = [looped, summed_generator, by_index, active_defaults, reads_late]


@pytest.mark.parametrize("f", PROGRAMS, ids=[f.__name__ for f in PROGRAMS])
def test_lambda_lists_in_every_mode(f):
    assert_both_orders(f, X.copy())


def late_bound_variable(x):  # every lambda reads the last k (2): refused, not guessed
    fs = [lambda v: k * v for k in range(3)]  # noqa: B023 (the late binding under test)
    return np.sum(fs[0](x))


def handed_on(x):
    fs = [lambda v, k=k: k * v for k in range(3)]
    return np.sum(np.stack([g(x) for g in list(fs)]))


def used_after_the_loop(x):
    fs = [lambda v, k=k: k * v for k in range(3)]
    for f in fs:
        x = f(x)
    return np.sum(f(x))  # noqa: B023


def enumerated_used_after_the_loop(x):
    fs = [lambda v, k=k: k * v for k in range(3)]
    for i, f in enumerate(fs):
        x = f(x) + i
    return np.sum(f(x))  # noqa: B023


def enumerated_item_handed_on(x):
    fs = [lambda v, k=k: k * v for k in range(3)]
    return sum(np.sum(np.apply_along_axis(f, 0, x)) for i, f in enumerate(fs))


def rebound(x):
    fs = [lambda v, k=k: k * v for k in range(3)]
    fs = fs[:2]
    return np.sum(fs[0](x))


@pytest.mark.parametrize("f", [late_bound_variable, handed_on, used_after_the_loop, rebound,
                               enumerated_used_after_the_loop, enumerated_item_handed_on])
def test_other_uses_stay_refused(f):
    with pytest.raises(tangentish.UnsupportedConstructError, match="lambda"):
        tangentish.grad(f)(X.copy())
