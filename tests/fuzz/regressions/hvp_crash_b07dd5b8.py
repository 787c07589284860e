"""Fuzz regression: hvp crash (seed 0, program 1205, shrunk in 181 tries).

crash: ValueError: setting an array element with a sequence. at tangentish/runtime.py:299 in
unindex
"""

import numpy as np


def f(v, x):
    z1 = v
    y2 = -v
    k3 = 0
    while k3 < 1:
        k3 += 1
        x *= np.tanh(z1[0])
    it5 = 2
    while it5 > 0:
        it5 -= 1
        y2[0.5 * z1 < 0.0] -= 2.0
    return 2.0 + np.sin(x * x) - np.max(np.arcsin(0.9 * np.tanh(y2)))


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['v', 'name']],
    "many": False,
    "second": None,
    "seed": [0, 1205, 0, 4],
    "params": [['v', 'array', [3], None], ['x', 'float', [], None]],
    "inputs": [[-0.02051337337194914, -0.2942910076173504, -0.7788322459329283],
               -0.6156207458672156],
    "found": ('crash: ValueError: setting an array element with a sequence. at '
              'tangentish/runtime.py:299 in unindex'),
}
