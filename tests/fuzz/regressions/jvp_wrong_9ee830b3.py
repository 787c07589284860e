"""Fuzz regression: jvp wrong (seed 5583, program 22, shrunk in 1400 tries).

wrong: jvp tangent: got np.float64(nan), finite differences np.float64(-0.0022903686919621366)
(tolerance 3.24e-10, 1 of 1 elements off)
"""

import numpy as np


def pair(a, b, d, *, scale=1.0):
    buf2 = np.zeros(4)
    np.copyto(buf2, b, where=b > 0.0)
    return (1.0, np.sqrt(np.concatenate((buf2, [1.0, 0.0]))))


def f(v):
    acc17, y18 = pair(1.0, b=v - 0.125, d=1.0)
    return np.mean(y18)


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['v', 'index']],
    "many": False,
    "second": None,
    "seed": [5583, 22, 0, 2],
    "params": [['v', 'array', [4], None]],
    "inputs": [[0.0, -0.06424992974713306, 1.4547633434102178, -1.2868214776466966]],
    "found": ('wrong: jvp tangent: got np.float64(nan), finite differences '
              'np.float64(-0.0022903686919621366) (tolerance 3.24e-10, 1 of 1 elements off)'),
}
