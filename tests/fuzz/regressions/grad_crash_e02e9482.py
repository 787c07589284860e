"""Fuzz regression: grad crash (calls seed 598, program 33, shrunk by hand).

crash: ValueError: cannot reshape array of size 1 into shape (4,) at numpy/_core/fromnumeric.py:54
(the support mask of ``np.vdot``'s adjoint, a scalar cotangent times an array, reshaped)
"""

import numpy as np


def f(p0):
    v0 = np.sin(p0)
    v3 = np.maximum(np.vdot(p0, v0), 0.0)
    return np.sin(v3) + np.nansum(v0)


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['p0', 'index']],
    "many": False,
    "second": None,
    "seed": [598, 33, 0, 0],
    "params": [['p0', 'array', [4], None]],
    "inputs": [[-0.22845162746823058, -1.1373993396221578, 0.6241959221331946, 0.184467613502212]],
    "found": 'crash: ValueError: cannot reshape array of size 1 into shape (4,) at fromnumeric.py:54',
}
