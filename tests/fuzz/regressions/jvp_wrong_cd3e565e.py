"""Fuzz regression: jvp wrong (seed 0, program 905, shrunk in 68 tries).

wrong: jvp tangent: shape (3,), expected ()
"""

import numpy as np


def f(v, u):
    return np.inner(u, u if 1.0 < 0.2 else v)


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['u', 'name']],
    "many": False,
    "second": None,
    "seed": [0, 905, 0, 2],
    "params": [['v', 'array', [3], None], ['u', 'array', [3], None]],
    "inputs": [[-0.34686490732412034, -0.5047026100110227, -1.2739924103134297],
               [-1.03820319902065, 0.816496131831081, 0.19197042534898223]],
    "found": 'wrong: jvp tangent: shape (3,), expected ()',
}
