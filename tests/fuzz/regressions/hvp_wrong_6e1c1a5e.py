"""Fuzz regression: hvp wrong (calls seed 635, program 32, its class in two dimensions).

wrong: the Hessian of the nuclear norm of a 3x4 matrix of rank 2 applied to a vector, 1e12 where
differences of the gradient say 12 (its zero singular value is 1.8e-16, not 0: ``s == 0`` let it
through, and ``_rt.nuclear_curvature`` divided by it)
"""

import numpy as np


def f(a):
    return np.sin(np.linalg.norm(np.concatenate([a, a], axis=1), 'nuc'))


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['a', 'name']],
    "many": False,
    "second": None,
    "seed": [635, 32, 0, 4],
    "params": [['a', 'array', [3, 2], None]],
    "inputs": [[[1.0, 2.0], [0.5, -1.0], [0.3, 0.7]]],
    "found": 'wrong: hvp of the nuclear norm at a rounded zero singular value gave 1e12',
}
