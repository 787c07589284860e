"""Fuzz regression: grad crash (seed 5010, program 91, shrunk in 873 tries).

crash: ValueError: could not broadcast input array from shape (2,) into shape (3,) at
tangentish/runtime/broadcast.py:80 in unreduce
"""

import numpy as np


def f(x, p, y):
    parts2 = []
    for i3 in range(2):
        parts2.append(np.logaddexp.reduce(np.log10(1.0 + p), axis=None))
    t1 = parts2[1] + np.sum(np.stack(parts2))
    if 1.0:
        c7 = t1
        s6 = 0.5 * c7
    res14 = s6
    return res14


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['y', 'name'], ['x', 'negative'], ['p', 'index']],
    "many": True,
    "second": None,
    "seed": [5010, 91, 0, 0],
    "params": [['x', 'float', [], None], ['p', 'array', [3], None], ['y', 'float', [], None]],
    "inputs": [-0.7515067727346423,
               [-0.1414997878487625, -0.1284772910800558, 0.0],
               0.3198708505247434],
    "found": ('crash: ValueError: could not broadcast input array from shape (2,) into shape (3,) '
              'at tangentish/runtime/broadcast.py:80 in unreduce'),
}
