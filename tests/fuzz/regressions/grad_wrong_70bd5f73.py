"""Fuzz regression: grad wrong (seed 4701, program 194, shrunk in 1367 tries; b * b
for b by hand, for a point the reference accepts).  The loop lost the support of parts2:
singular_fed stopped at np.median of a singular value, whose support a loop must carry too.

wrong: grad for x: got np.float64(nan), finite differences np.float64(0.0) (tolerance 1.00e-13,
1 of 1 elements off)
"""

import numpy as np


def h1(a, b):
    parts2 = []
    for i3 in range(3):
        parts2.append(np.median(np.sqrt((b * b, [1.0, 0.0]))))
    e1 = sum(parts2)
    y4 = np.zeros(2)
    r5 = y4
    r5[1] -= e1
    return y4[0]


def f(x, v):
    return h1(2.0, x * v)


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['x', 'name']],
    "many": True,
    "second": None,
    "seed": [4701, 194, 0, 0],
    "params": [['x', 'float', [], None], ['v', 'array', [2], None]],
    "inputs": [0.0, [-0.04593116006272169, 0.5326052444183045]],
    "found": ('wrong: grad for x: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 1.00e-13, 1 of 1 elements off)'),
}
