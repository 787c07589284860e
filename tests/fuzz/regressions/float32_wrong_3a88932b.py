"""Fuzz regression: float32 wrong (seed 6901, program 28, shrunk in 576 tries).

wrong: float32 jvp tangent: a float32 of dtype float32 for an output ndarray of dtype float32
"""

import numpy as np


def f(A):
    buf6 = np.zeros(2)
    Z7 = np.reshape(A, (2, 4))
    v8 = Z7[:, 1]
    v8 *= np.cos(buf6)
    Z9 = Z7
    res10 = np.where(1.0, Z9[0, 0], 1.0)
    return res10


FUZZ_CASE = {
    "mode": 'float32',
    "wrt": [['A', 'name']],
    "many": False,
    "second": None,
    "seed": [6901, 28, 0, 7],
    "params": [['A', 'array', [2, 4], None]],
    "inputs": [[[-1.440582933906502, 1.4359666826932278, -0.23551348074886858, -1.3646836276641348],
                [0.036861336211947204, 1.0917834686721521, 1.2224001260883854, 1.223536809949731]]],
    "found": ('wrong: float32 jvp tangent: a float32 of dtype float32 for an output ndarray of '
              'dtype float32'),
}
