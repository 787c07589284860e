"""Fuzz regression: grad crash (seed 5580, program 42, shrunk in 316 tries).

crash: IndexError: list index out of range at tangentish/passes/shift.py:292 in _indexes_axis
"""

import numpy as np


def pair(a):
    return (1.0, 1.0)


def f(A):
    s4, H5 = pair(np.max(A, axis=-2, keepdims=True)[0])
    return 1.0


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['A', 'negative']],
    "many": True,
    "second": None,
    "seed": [5580, 42, 0, 0],
    "params": [['A', 'array', [4, 3], None]],
    "inputs": [[[-1.2988947158530635, 0.2787283201083639, -0.5801394728586554],
                [0.24595536477921032, -0.9485247724902359, 1.1645162260213673],
                [0.7260657052460968, -0.30699783735306796, 1.4448703554598015],
                [1.2962253508645523, -0.31885475312721234, -1.1797614176820104]]],
    "found": ('crash: IndexError: list index out of range at tangentish/passes/shift.py:292 in '
              '_indexes_axis'),
}
