"""Fuzz regression: jvp wrong (seed 4701, program 148, shrunk in 706 tries; p * p
for p by hand, for a point the reference accepts).

wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0) (tolerance 1.00e-13,
1 of 1 elements off)
"""

import numpy as np


def f(p):
    z5 = np.zeros(2)
    r6 = z5[0::2]
    r6 += p[2]
    acc10 = np.sqrt(np.concatenate((z5, p * p)))[:2].min()
    s7 = acc10
    t13 = s7
    e14 = t13
    return e14


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['p', 'negative']],
    "many": True,
    "second": None,
    "seed": [4701, 148, 0, 2],
    "params": [['p', 'array', [4], None]],
    "inputs": [[0.5873651730825289, -0.11392294126528557, 0.9598820909783861, -1.0791221071710697]],
    "found": ('wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 1.00e-13, 1 of 1 elements off)'),
}
