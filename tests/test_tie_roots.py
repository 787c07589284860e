"""Ties of a selection (``clip``, ``maximum``, ``fmin``...) where a tied operand's derivative is not
finite: a number only where it is the derivative, else NaN (README, "Ties and kinks").

Where ``a`` ties with ``b`` and ``min(a, b)`` has a derivative, it is that of every tied operand
that has one (``min(0, b - a)`` has a maximum there).  So ``a``'s is right where the derivative
exists, but where ``b``'s is inf or NaN whether it does is not known (``np.abs(x) ** 0.5`` and
``-np.abs(x) ** 0.5`` have the same NaN partial at 0): NaN then.  ``np.clip`` gave its tied
operand ``a`` the whole derivative and its bound none, so ``np.clip(x, np.abs(x) ** 0.5, 1.0)``
at 0 (``np.abs(x) ** 0.5`` there: no derivative) was 1 in every mode, silently.  References:
a closed form, or central differences.  ``sort``, ``partition`` and ``sorted()`` took the stable
order's one side of a tie (``x``'s 1 for the second sorted value of ``[x, -|x| ** 0.5]`` at 0,
which has no derivative); their tied values now share the derivative, as ``max``'s do."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (0 / 0 at the roots)

AT_0 = np.array([0.0, 0.3])
SLOPE = 0.5 / np.sqrt(0.3)  # (of np.abs(x) ** 0.5 at 0.3)


def roots(x):  # (no derivative at x[0] = 0: a bound, a cusp there, is returned on both sides)
    return np.sum(np.clip(x, np.abs(x) ** 0.5, 1.0)) + 2.0 * np.sum(np.clip(x, -1.0, -np.abs(x) ** 0.5))


def lower_smooth(x):  # (a kink: x's side, 1 at x[0] = 0, as before; the bound's derivative finite)
    return np.sum(np.clip(x, 2.0 * x, 1.0))


def unreached_root(x):  # (a bound whose derivative is inf where it is not returned: 0 there)
    return np.sum(np.clip(x[1], np.sqrt(x[0]) - 5.0, 1.0) ** 2)


def fmin_root(x):  # (derivative 1 at x[0] = 0, but fmin(x, -|x| ** 0.5) has none: NaN for both)
    return np.sum(np.fmin(x, np.abs(x) ** 0.5))


def with_root(x):  # (x[0], -|x[0]| ** 0.5 tie at 0, the smaller of them the second sorted value)
    return np.concatenate([x, -np.abs(x) ** 0.5])


def sort_root(x):  # (-|x| ** 0.5 on both sides: no derivative; the stable order took x's 1)
    return np.sort(with_root(x))[1]


def sorted_root(x):
    return sorted(with_root(x).tolist())[1]


def sorted_list_root(x):  # (-|x| on both sides; only s[0], x, read: the mask of its tied item
    return sorted([1.5, x[0], -np.sqrt(x[0] * x[0])])[0]  # joined, as the share reaches it)


def partition_root(x):
    return np.partition(with_root(x), 1)[1]


def running_root(x):  # (max(|x| ** 0.5, x) at 0: the root on both sides, no derivative; the
    head = x[:1]  # latest position reaching it took x's 1)
    return np.maximum.accumulate(np.concatenate([np.abs(head) ** 0.5, head]))[1]


def sort_kink(x):  # (min(x, 2 x) at 0: one-sided 2 and 1, shared as max shares: 1.5)
    return np.sort(np.concatenate([x, 2.0 * x]))[0]


ROWS = [(roots, [np.nan, -SLOPE]), (lower_smooth, [1.0, 2.0]),
        (unreached_root, [0.0, 0.6]), (fmin_root, [np.nan, 1.0]),
        (sort_root, [np.nan, 0.0]), (sorted_root, [np.nan, 0.0]),
        (sorted_list_root, [np.nan, 0.0]), (partition_root, [np.nan, 0.0]),
        (running_root, [np.nan, 0.0]), (sort_kink, [1.5, 0.0])]


@pytest.mark.parametrize("fn, expected", ROWS, ids=[fn.__name__ for fn, _ in ROWS])
def test_tie_with_a_singular_operand(fn, expected):
    gradient = tangentish.grad(fn)(AT_0)
    tangent = tangentish.jvp(fn)(AT_0, x_dot=np.array([1.0, 0.0]))[1]
    assert np.allclose(gradient, expected, equal_nan=True), gradient
    assert np.allclose(tangent, expected[0], equal_nan=True), tangent


def _shared_sort_gradient(x, w):  # (closed form: a sorted position's weight shared by equal values)
    s = np.sort(x)
    return np.array([np.mean(w[s == v]) for v in x])


def _shared_running_gradient(x, w):  # (brute force: output k's weight shared by the positions
    r, out = np.maximum.accumulate(x), np.zeros_like(x)  # reaching r[k] up to k)
    for k in range(x.size):
        members = [j for j in range(k + 1) if x[j] == r[k]]
        out[members] += w[k] / len(members)
    return out


@pytest.mark.parametrize("seed", range(4))
def test_ties_share_as_a_closed_form_says(seed):
    """Integer-valued arrays (many ties): grad and jvp of weighted sorts and running maxima
    against the even sharing computed directly."""
    rng = np.random.default_rng(seed)
    x, w, v = rng.integers(0, 4, 9).astype(float), rng.standard_normal(9), rng.standard_normal(9)
    for fn, expected in ((lambda x: np.sum(w * np.sort(x)), _shared_sort_gradient(x, w)),
                         (lambda x: np.sum(w * np.array(sorted(x.tolist()))), _shared_sort_gradient(x, w)),
                         (lambda x: np.sum(w * np.maximum.accumulate(x)), _shared_running_gradient(x, w))):
        np.testing.assert_allclose(tangentish.grad(fn)(x), expected, atol=1e-12)
        np.testing.assert_allclose(tangentish.jvp(fn)(x, x_dot=v)[1], expected @ v, atol=1e-12)
