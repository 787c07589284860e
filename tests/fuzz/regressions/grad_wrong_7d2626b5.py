"""Fuzz regression: grad wrong (seed 5974, program 86, shrunk in 210 tries).

wrong: grad for v[1]: got np.float64(nan), finite differences np.float64(0.0) (tolerance
1.29e-09, 1 of 2 elements off)
"""

import numpy as np


def f(v, w):
    zc3 = np.sqrt((v * v, w))
    y4 = zc3.real
    return np.trace(y4)


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['w', 'name'], ['v', 'negative']],
    "many": True,
    "second": None,
    "seed": [5974, 86, 0, 0],
    "params": [['v', 'array', [2], None], ['w', 'array', [2], None]],
    "inputs": [[-1.2705216632688567, 0.0], [0.39821510977158003, 1.4497114762993641]],
    "found": ('wrong: grad for v[1]: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 1.29e-09, 1 of 2 elements off)'),
}
