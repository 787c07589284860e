"""Fuzz regression: gradgrad wrong (seed 4, program 3662, shrunk in 236 tries).

wrong: grad of grad for x, x: got np.float64(-0.18758418725419956), finite differences
np.float64(0.29660441300940316) (tolerance 2.01e-08, 1 of 1 elements off)
"""

import numpy as np

W = [0.19, 0.12]


def f(x):
    y4 = np.copy(W)
    y4[1] = x
    r5 = y4[[0, 1]] - np.arcsinh(y4)
    return np.sum(r5)


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": ['x', 'index'],
    "seed": [4, 3662, 0, 6],
    "params": [['x', 'float', [], None]],
    "inputs": [1.2902933645036079],
    "found": ('wrong: grad of grad for x, x: got np.float64(-0.18758418725419956), finite '
              'differences np.float64(0.29660441300940316) (tolerance 2.01e-08, 1 of 1 elements '
              'off)'),
}
