"""Fuzz regression: jvp wrong (seed 1, program 609, shrunk in 471 tries).

wrong: jvp tangent: got np.float64(-0.00885079475984111), finite differences np.float64(0.0)
(tolerance 1.00e-13, 1 of 1 elements off)
"""

import numpy as np


def pair(a, b=0.5, *, scale=0.5):
    e2 = a
    return (np.std(0.3 * np.ones((3, 2)) - e2), 0.25)


def f(x):
    s5, t6 = pair(np.prod(x * np.ones((2, 3))) + 0.5, 1.0)
    return s5


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['x', 'index']],
    "many": False,
    "second": None,
    "seed": [1, 609, 0, 2],
    "params": [['x', 'float', [], None]],
    "inputs": [-0.2693313181197825],
    "found": ('wrong: jvp tangent: got np.float64(-0.00885079475984111), finite differences '
              'np.float64(0.0) (tolerance 1.00e-13, 1 of 1 elements off)'),
}
