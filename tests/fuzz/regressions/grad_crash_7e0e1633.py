"""Fuzz regression: grad crash (calls seed 633, program 24, shrunk by hand).

crash: ValueError: 'minlength' must not be negative (the adjoint of ``scipy.linalg.toeplitz`` of
a vector of length 0, ``np.diff`` of one value: a 0x0 matrix; hankel and toeplitz with a second
vector of length 0 raised too)
"""

import numpy as np
import scipy.linalg as sla


def f(p0):
    v3 = np.diff(np.ravel(np.sum(p0)))
    return np.sum(np.sin(sla.toeplitz(v3))) + np.sum(np.sin(sla.hankel(p0, v3))) + np.sum(p0 * p0)


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['p0', 'name']],
    "many": False,
    "second": None,
    "seed": [633, 24, 0, 0],
    "params": [['p0', 'array', [3], None]],
    "inputs": [[-0.7556187074328733, 0.08069529562227629, 0.5616190912293998]],
    "found": "crash: ValueError: 'minlength' must not be negative",
}
