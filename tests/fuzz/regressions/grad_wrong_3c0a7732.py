"""Fuzz regression: grad wrong (grammar seed 7732, program 4, varied by hand).

wrong: grad for v[0]: got nan, finite differences 0.0 (the adjoint of ``c`` in the list display
``[c + 1.0]`` joined by ``np.concatenate``, ``pieces_bar[0][0]``, had no support: the join's
reader ``z[1]`` never reads it, but sqrt's infinite partial at the computed 0 met its 0)
"""

import numpy as np


def f(v):
    c = np.sum(np.sqrt(v * v)[:1])
    z = np.concatenate(([c + 1.0], np.exp(-v[1:])))
    return z[1]


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['v', 'name']],
    "many": False,
    "second": None,
    "seed": [7732, 4, 0, 0],
    "params": [['v', 'array', [2], None]],
    "inputs": [[0.0, 1.121231413288629]],
    "found": 'wrong: grad for v[0]: got np.float64(nan), finite differences np.float64(0.0)',
}
