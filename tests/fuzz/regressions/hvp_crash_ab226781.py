"""Fuzz regression: hvp crash (seed 0, program 1247, shrunk in 698 tries).

crash: AxisError: axis 1 is out of bounds for array of dimension 1 at tangentish/runtime.py:37
in _restore
"""

import numpy as np


def h1(a, *, scale=1.0):
    return scale * scale


def pair(a):
    H4 = np.zeros((4, 3))
    H4[2] += a
    return (h1(np.mean(H4, axis=1), scale=a), 1.0)


def f(p):
    s14, t15 = pair(a=np.mean(p))
    return s14


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['p', 'index']],
    "many": False,
    "second": None,
    "seed": [0, 1247, 0, 4],
    "params": [['p', 'array', [4], None]],
    "inputs": [[1.0504930423472087, -1.455761006064813, 0.1727006395374373, 1.1888884288629042]],
    "found": ('crash: AxisError: axis 1 is out of bounds for array of dimension 1 at '
              'tangentish/runtime.py:37 in _restore'),
}
