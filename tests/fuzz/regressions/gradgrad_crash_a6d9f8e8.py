"""Fuzz regression: gradgrad crash (seed 6953, program 47, shrunk in 942 tries).

crash: IndexError: invalid index to scalar variable. at <tangentish grad_grad_f_wrt_x_wrt_x
b6f474c047185b76>:113 in grad_grad_f_wrt_x_wrt_x
"""

import itertools


def f(x):
    import math as pymath

    import numpy as onp
    acc11 = list(itertools.accumulate([x, 1.0, 1.5], onp.maximum))
    s10 = acc11[1]
    e13 = pymath.hypot(s10, pymath.pow(1.0, 1.5))
    return e13


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'name']],
    "many": False,
    "second": ['x', 'index'],
    "seed": [6953, 47, 0, 6],
    "params": [['x', 'float', [], None]],
    "inputs": [-0.8772172331200989],
    "found": ('crash: IndexError: invalid index to scalar variable. at <tangentish '
              'grad_grad_f_wrt_x_wrt_x b6f474c047185b76>:113 in grad_grad_f_wrt_x_wrt_x'),
}
