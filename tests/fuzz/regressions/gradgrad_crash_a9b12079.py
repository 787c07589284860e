"""Fuzz regression: gradgrad crash (seed 0, program 83, shrunk in 244 tries).

crash: ValueError: not enough values to unpack (expected 9, got 2) at <tangentish
grad_grad_f_wrt_x_wrt_r 28911a21d3>:45 in grad_grad_f_wrt_x_wrt_r
"""

import numpy as np


def f(x, r):
    p = x
    x = np.prod(r)
    parts3 = []
    for i4 in r:
        parts3.append(np.sum(p) + np.max(p))
    acc2 = np.sum(parts3)
    return x * acc2


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'name']],
    "many": False,
    "second": ['r', 'index'],
    "seed": [0, 83, 0, 6],
    "params": [['x', 'float', [], None], ['r', 'array', [3], None]],
    "inputs": [-0.2824175873049679,
               [0.12949131423630256, -0.21374213372309359, -1.2205770532948341]],
    "found": ('crash: ValueError: not enough values to unpack (expected 9, got 2) at <tangentish '
              'grad_grad_f_wrt_x_wrt_r 28911a21d3>:45 in grad_grad_f_wrt_x_wrt_r'),
}
