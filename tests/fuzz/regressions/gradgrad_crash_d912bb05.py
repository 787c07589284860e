"""Fuzz regression: gradgrad crash (seed 3, program 450, shrunk in 581 tries).

crash: NameError: name 'tape_last_1' is not defined at <tangentish grad_grad_f_wrt_x_wrt_x
9b7c59df62f3d49a>:54 in grad_grad_f_wrt_x_wrt_x
"""

import numpy as np


def f(v, x):
    for i in v:
        for j in v:
            v[1.0 < 0.0] = 1.0
    parts5 = []
    for i6 in v:
        parts5.append(np.hypot(1.0, x))
    acc4 = np.sum(parts5)
    return acc4


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'name']],
    "many": False,
    "second": ['x', 'name'],
    "seed": [3, 450, 0, 6],
    "params": [['v', 'array', [3], None], ['x', 'float', [], None]],
    "inputs": [[-0.04950907981528996, -1.1028887523647328, 1.345643435146315], 0.3471799538763438],
    "found": ("crash: NameError: name 'tape_last_1' is not defined at <tangentish "
              'grad_grad_f_wrt_x_wrt_x 9b7c59df62f3d49a>:54 in grad_grad_f_wrt_x_wrt_x'),
}
