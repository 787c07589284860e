"""Fuzz regression: grad crash (seed 7776, program 0, shrunk in 248 tries).

crash: AssertionError: the node is not its parent's child at
tangentish/passes/common_names.py:165 in replace
"""

import numpy as np

SCALE = 0.51


def f(A, v):
    t7 = np.arctan(np.sum(A[1.0 < 0.0])) + SCALE
    return t7


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['v', 'negative'], ['A', 'name']],
    "many": True,
    "second": None,
    "seed": [7776, 0, 0, 0],
    "params": [['A', 'array', [4, 2], None], ['v', 'array', [2], None]],
    "inputs": [[[-0.48205740486693127, -0.9754310266806875],
                [-0.9641342318162863, 0.6969916963586993],
                [-0.6167628421199035, 1.4594373450549916],
                [1.115631077523258, -1.1572740535812902]],
               [-0.4481805992075043, -1.0276689194352384]],
    "found": ("crash: AssertionError: the node is not its parent's child at "
              'tangentish/passes/common_names.py:165 in replace'),
}
