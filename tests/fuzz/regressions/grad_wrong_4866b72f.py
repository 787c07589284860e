"""Fuzz regression: grad wrong (seed 0, program 282, shrunk in 688 tries).

wrong: grad for v[3]: got np.float64(nan), finite differences np.float64(0.0) (tolerance
1.02e-09, 1 of 4 elements off)
"""

import numpy as np


def h1(a):
    e1 = sum([1.0, np.arctan2(a - a, 3.0 - 3.0)])
    return e1


def f(v):
    w, v = (v, 1.0 * v)
    v[2] *= h1(a=w[3])
    return np.min(v)


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['v', 'negative']],
    "many": False,
    "second": None,
    "seed": [0, 282, 0, 0],
    "params": [['v', 'array', [4], None]],
    "inputs": [[0.8240033180920756, -0.3777899986654467, 0.9319539716381349, 0.1726854637090831]],
    "found": ('wrong: grad for v[3]: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 1.02e-09, 1 of 4 elements off)'),
}
