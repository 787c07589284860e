"""Fuzz regression: grad wrong (seed 3802, program 15, shrunk in 878 tries).

wrong: grad for v[0]: got np.float64(nan), finite differences np.float64(0.0) (tolerance
2.33e-10, 4 of 4 elements off)
"""

import functools

import numpy as np


def h1(a, *, scale=1.0):
    g1 = np.zeros(4)
    v2 = g1
    v2 /= a
    r3 = g1
    r4 = r3
    r4[3] += np.amax(np.take(np.sqrt(np.concatenate((g1, [1.0, 0.0]))), np.arange(4)))
    return r4[0]


def f(v):
    pf6 = functools.partial(np.add, h1(v))
    t7 = pf6(1.0)
    pf10 = functools.partial(np.add, t7)
    acc11 = pf10(1.0)
    return acc11


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['v', 'name']],
    "many": False,
    "second": None,
    "seed": [3802, 15, 0, 0],
    "params": [['v', 'array', [4], None]],
    "inputs": [[-0.4376277864873983, -1.4245596791127721, -0.581647367276498, -0.1984467776985137]],
    "found": ('wrong: grad for v[0]: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 2.33e-10, 4 of 4 elements off)'),
}
