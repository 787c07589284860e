"""Fuzz regression: hessian wrong (seed 4, program 5742, shrunk in 653 tries).

wrong: hessian: got np.float64(6.111999013873323e-13), finite differences
np.float64(-1.7520873640449066e-13) (tolerance 7.72e-13, 1 of 1 elements off)
"""

import math

import numpy as np


def f(x):
    x -= np.arccos(0.5 * x) / (1.0 + 0.5) + (1.0 + math.sqrt(1.0 + 0.5))
    e9 = sum([0.5 * x, x, x, x])
    return np.tanh(np.max([e9 * np.ones(4), e9 * np.ones(4)]))


FUZZ_CASE = {
    "mode": 'hessian',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": None,
    "seed": [4, 5742, 0, 5],
    "params": [['x', 'float', [], None]],
    "inputs": [-1.1051114814381091],
    "found": ('wrong: hessian: got np.float64(6.111999013873323e-13), finite differences '
              'np.float64(-1.7520873640449066e-13) (tolerance 7.72e-13, 1 of 1 elements off)'),
}
