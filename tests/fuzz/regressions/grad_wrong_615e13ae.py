"""Fuzz regression: grad wrong (seed 3, program 6765, shrunk in 256 tries).

wrong: grad for v[0]: got np.float64(-2.1897984810077062), finite differences
np.float64(-0.18979848100769914) (tolerance 9.04e-10, 1 of 2 elements off)
"""

import numpy as np


def f(v):
    y3 = v * 0.7
    c4 = np.trace(np.outer(y3, v))
    for col5 in v:
        y3[-2] -= 1.0
    return c4


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['v', 'negative']],
    "many": False,
    "second": None,
    "seed": [3, 6765, 0, 0],
    "params": [['v', 'array', [2], None]],
    "inputs": [[-0.1355703435769331, -0.502044798596608]],
    "found": ('wrong: grad for v[0]: got np.float64(-2.1897984810077062), finite differences '
              'np.float64(-0.18979848100769914) (tolerance 9.04e-10, 1 of 2 elements off)'),
}
