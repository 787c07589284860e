"""Rule-table rows of the NumPy functions with no rule of their own, differentiated as the calls
they are lowered to (``tangentish/rule_gaps.py``'s ``LOWERED``): ``block``, ``linalg.cond``,
``apply_along_axis``, ``piecewise``, ``fromfunction``, ``linalg.tensorsolve``/``tensorinv``, and
the writers ``copyto``, ``fill_diagonal``, ``put``, ``place``, ``putmask`` and ``put_along_axis``
into a local array (a row's function must not change its arguments: the writers into a parameter
are checked in ``tests/test_in_place_calls.py``).
"""

from __future__ import annotations

import numpy as np

from .common import MASK34, W4, W5, W6, W23, W33, W34, Row

_rng = np.random.default_rng(1717)
W25 = _rng.standard_normal((2, 5))
W53 = _rng.standard_normal((5, 3))
W623 = _rng.standard_normal((6, 2, 3))
W236 = _rng.standard_normal((2, 3, 6))
EYE236 = 3.0 * np.eye(6).reshape(2, 3, 6)


def lw_block(a, b):
    return np.sum(np.block([[a, b]]) ** 2 * W25) + np.sum(np.block([a[0], b[1]]) * W5)


def lw_cond(a):
    return np.linalg.cond(a) + np.linalg.cond(a, "fro") * 0.5


def lw_apply_along_axis(a):
    return np.sum(np.apply_along_axis(lambda line: line ** 2 * line[0], 1, a) * W34)


def lw_piecewise(x):
    return np.sum(np.piecewise(x, [x < -0.5, x > 0.5], [np.sin, lambda t: t ** 3, 0.25]) * W5)


def lw_fromfunction(a, b):
    grid = np.fromfunction(lambda i, j: a * i + b[j] ** 2, (2, 3), dtype=int)
    return np.sum(np.sin(grid) * W23) + np.sum(np.fromfunction(lambda i: np.exp(a * i), (4,)) * W4)


def lw_tensorsolve(a, b):
    return (np.sum(np.linalg.tensorsolve(a, b) ** 2 * W6)
            + np.sum(np.linalg.tensorsolve(np.transpose(a, (2, 0, 1)), b, axes=(0,)) * W6))


def lw_tensorinv(a):
    return (np.sum(np.linalg.tensorinv(a) * W623)
            + np.sum(np.linalg.tensorinv(np.reshape(a, (6, 2, 3)), ind=1) ** 2 * W236))


def lw_copyto(a, v):
    b = np.zeros(4)
    np.copyto(b, a * v)
    c = a * 1.0
    np.copyto(c, v, where=W4 > 0.0)
    return np.sum(b ** 2 * W4) + np.sum(c ** 3 * W4)


def lw_fill_diagonal(a, v):
    b = a * 1.0
    np.fill_diagonal(b, v)
    c = np.zeros((5, 3))
    np.fill_diagonal(c, a[0], wrap=True)  # (a tall matrix: every square's diagonal, a[0] cycled)
    return np.sum(b ** 2 * W33) + np.sum(c * W53)


def lw_put(a, v):
    b = a * 1.0
    np.put(b, [0, 5, -1], v)
    return np.sum(b ** 2 * W34)


def lw_place_putmask(a, v):
    b = a * 2.0
    np.place(b, MASK34, v)  # (v cycled over the 7 elements chosen)
    c = a - 1.0
    np.putmask(c, MASK34, v * v)  # (v * v cycled over the whole array, then chosen)
    return np.sum(b * W34) + np.sum(c ** 2 * W34)


def lw_put_along_axis(a, v):
    b = a * 1.0
    np.put_along_axis(b, np.array([[1], [3], [0]]), v, axis=1)
    return np.sum(b ** 2 * W34)


def _conditioned(args):
    return [args[0] + EYE236, *args[1:]]


ROWS = [
    Row(lw_block, ((2, 2), (2, 3)), wrt=(0, 1)),
    Row(lw_cond, ((3, 3),), setup=lambda args: [args[0] + 3.0 * np.eye(3)]),
    Row(lw_apply_along_axis, ((3, 4),)),
    Row(lw_piecewise, ((5,),)),
    Row(lw_fromfunction, (float, (3,)), wrt=(0, 1), domain=((0.1, 0.5), (-1.0, 1.0))),
    Row(lw_tensorsolve, ((2, 3, 6), (2, 3)), wrt=(0, 1), setup=_conditioned),
    Row(lw_tensorinv, ((2, 3, 6),), setup=_conditioned),
    Row(lw_copyto, ((4,), float), wrt=(0, 1)),
    Row(lw_fill_diagonal, ((3, 3), float), wrt=(0, 1)),
    Row(lw_put, ((3, 4), (3,)), wrt=(0, 1)),
    Row(lw_place_putmask, ((3, 4), (3,)), wrt=(0, 1)),
    Row(lw_put_along_axis, ((3, 4), (3, 1)), wrt=(0, 1)),
]
