"""Fuzz regression: gradgrad crash (seed 5610, program 94, shrunk in 437 tries).

crash: TypeError: 'bool' object is not subscriptable at <tangentish grad_grad_f_wrt_x_wrt_x
2946e25c6c686275>:150 in grad_grad_f_wrt_x_wrt_x
"""

import numpy as np


def f(x):
    g4 = np.zeros(3)
    v5 = g4
    v5 /= x
    for xi7 in g4:
        return np.einsum('i->', g4)
    for k8 in 2:
        res9 = x * (0.3 - 1.0)
    return res9


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": ['x', 'name'],
    "seed": [5610, 94, 0, 6],
    "params": [['x', 'float', [], None]],
    "inputs": [-0.1393022398688739],
    "found": ("crash: TypeError: 'bool' object is not subscriptable at <tangentish "
              'grad_grad_f_wrt_x_wrt_x 2946e25c6c686275>:150 in grad_grad_f_wrt_x_wrt_x'),
}
