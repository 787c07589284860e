"""Fuzz regression: jvp wrong (seed 4870, program 264, shrunk in 690 tries).

wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0) (tolerance 1.00e-13,
1 of 1 elements off)
"""

import math

import numpy as np


def f(x, A):
    if 1.0:
        s3 = x + x - x / 0.5
    if 1.0 < 0.2:
        s3 /= A
    hs27 = [s3]
    c26 = np.sum(hs27)
    return math.pow(c26, 0.5)


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['A', 'name']],
    "many": False,
    "second": None,
    "seed": [4870, 264, 0, 2],
    "params": [['x', 'float', [], None], ['A', 'array', [2, 4], None]],
    "inputs": [0.0,
               [[-1.4322118822820666, 0.6867156534016949, -0.6979282879965073, 0.6515463342347565],
                [0.5876228538833033, 0.12390164785505409, 0.5704151231345769, 1.1827310785689105]]],
    "found": ('wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 1.00e-13, 1 of 1 elements off)'),
}
