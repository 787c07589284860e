"""Fuzz regression: vjp crash (seed 0, program 1723, shrunk in 205 tries).

crash: ValueError: setting an array element with a sequence. at <tangentish vjp_f_wrt_A_forward
1056b3d910>:23 in vjp_f_wrt_A_forward
"""

import numpy as np


def f(A):
    Z1 = A * 1.0
    Z1[1, -3] -= 1.0
    count2 = 0
    while count2 < 2:
        count2 += 1
        Z1 += A
    return np.max(Z1)


FUZZ_CASE = {
    "mode": 'vjp',
    "wrt": [['A', 'name']],
    "many": True,
    "second": None,
    "seed": [0, 1723, 0, 3],
    "params": [['A', 'array', [2, 3], None]],
    "inputs": [[[0.9669102936798568, -0.46991029339200296, -0.5389032996704518],
                [-0.9131940953439629, 1.3933315761135274, -0.23079146061818956]]],
    "found": ('crash: ValueError: setting an array element with a sequence. at <tangentish '
              'vjp_f_wrt_A_forward 1056b3d910>:23 in vjp_f_wrt_A_forward'),
}
