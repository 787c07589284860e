"""Fuzz regression: gradgrad crash (seed 5120, program 56, shrunk in 493 tries).

crash: UnboundLocalError: cannot access local variable 'exp_x_1' where it is not associated with
a value at <tangentish grad_grad_f_wrt_x_wrt_x 671cfd78bd79311d>:93 in grad_grad_f_wrt_x_wrt_x
"""

import numpy as np


def f(x):
    x /= 1.0 > 0.5
    if 1.0:
        e2 = 1.0
    else:
        e2 = np.exp(x) * x
    for _ in range(2):
        res11 = np.sin(e2)
    return res11


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'name']],
    "many": False,
    "second": ['x', 'name'],
    "seed": [5120, 56, 0, 6],
    "params": [['x', 'float', [], None]],
    "inputs": [0.0],
    "found": ("crash: UnboundLocalError: cannot access local variable 'exp_x_1' where it is not "
              'associated with a value at <tangentish grad_grad_f_wrt_x_wrt_x 671cfd78bd79311d>:93 '
              'in grad_grad_f_wrt_x_wrt_x'),
}
