"""Fuzz regression: gradgrad crash (seed 0, program 162, shrunk in 707 tries).

crash: ValueError: setting an array element with a sequence. at
tangentish/runtime/indexing.py:37 in unindex
"""

import numpy as np


def pair(a, *, scale=1.0):
    return (1.0, a - scale)


def f(v, y):
    c4, y5 = pair(a=v, scale=y)
    r6 = np.sin(y5)
    return np.max(r6)


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['y', 'index']],
    "many": False,
    "second": ['y', 'name'],
    "seed": [0, 162, 0, 6],
    "params": [['v', 'array', [4], None], ['y', 'float', [], None]],
    "inputs": [[-1.4636810734510846, -0.7784900367408308, 1.206721107493626, 0.6296382249513219],
               1.243381268649006],
    "found": ('crash: ValueError: setting an array element with a sequence. at '
              'tangentish/runtime/indexing.py:37 in unindex'),
}
