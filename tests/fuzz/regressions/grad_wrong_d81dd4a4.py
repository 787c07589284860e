"""Fuzz regression: grad wrong (seed 5260, program 79, shrunk in 467 tries).

wrong: grad for x: got np.float64(nan), finite differences np.float64(0.0) (tolerance 1.75e-10,
1 of 1 elements off)
"""

import math


def f(x):
    xs14 = [1.5, math.pow(abs(x), 0.5), 1.0, 1.0]
    xs14.sort()
    c15 = xs14[-1]
    return c15


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": None,
    "seed": [5260, 79, 0, 0],
    "params": [['x', 'float', [], None]],
    "inputs": [0.0],
    "found": ('wrong: grad for x: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 1.75e-10, 1 of 1 elements off)'),
}
