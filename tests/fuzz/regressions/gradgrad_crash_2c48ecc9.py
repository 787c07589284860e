"""Fuzz regression: gradgrad crash (seed 7801, program 5, shrunk in 145 tries, then by hand).

crash: TypeError: 'bool' object is not subscriptable at <tangentish grad_grad_f_wrt_x_wrt_x
3a4eb42cd9967ed3>:134 in grad_grad_f_wrt_x_wrt_x
"""

import numpy as np


def f(x):
    for col7 in x * np.ones((1, 2)):
        e9 = [col7[0] + 0.5 ** 1.5 for q in range(1)]
        return e9[0] * x


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'name']],
    "many": False,
    "second": ['x', 'name'],
    "seed": [7801, 5, 0, 6],
    "params": [['x', 'float', [], None]],
    "inputs": [-1.308946720306634],
    "found": ("crash: TypeError: 'bool' object is not subscriptable at <tangentish "
              'grad_grad_f_wrt_x_wrt_x 3a4eb42cd9967ed3>:134 in grad_grad_f_wrt_x_wrt_x'),
}
