"""Fuzz regression: vjp wrong (seed 4600, program 461, shrunk in 164 tries; np.sqrt(w * w) by
hand, for a point the reference accepts).  np.hstack of one array: the support of its adjoint
(_rt.unjoin(g, w, 'hstack')) was np.any of g's, not g's mask cut the same way.

wrong: pullback(-1.63) for w[2]: got np.float64(nan), finite differences np.float64(-0.0)
(tolerance 2.64e-09, 1 of 3 elements off)
"""

import numpy as np


def f(w):
    w = np.sqrt(w * w)
    z6 = np.hstack(w)
    return z6[-2]


FUZZ_CASE = {
    "mode": 'vjp',
    "wrt": [['w', 'index']],
    "many": True,
    "second": None,
    "seed": [4600, 461, 0, 3],
    "params": [['w', 'array', [3], None]],
    "inputs": [[0.5028703521612976, 0.09996929375220942, 0.0]],
    "found": ('wrong: pullback(-1.63) for w[2]: got np.float64(nan), finite differences '
              'np.float64(-0.0) (tolerance 2.64e-09, 1 of 3 elements off)'),
}
