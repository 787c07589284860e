"""Fuzz regression: grad wrong (seed 5540, program 37, shrunk in 845 tries).

wrong: grad for x: got np.float64(nan), finite differences np.float64(0.0) (tolerance 2.33e-10,
1 of 1 elements off)
"""

import numpy as np


def f(x):
    g21 = np.ones(3)
    g21[1:].fill(np.var(x))
    g21.sort()
    return np.sum(np.sqrt(np.concatenate((g21, [1.0, 0.0]))))


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": None,
    "seed": [5540, 37, 0, 0],
    "params": [['x', 'float', [], None]],
    "inputs": [-0.4000960957667279],
    "found": ('wrong: grad for x: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 2.33e-10, 1 of 1 elements off)'),
}
