"""Fuzz regression: grad crash (seed 0, program 486, shrunk in 178 tries).

crash: ValueError: matmul: Input operand 1 does not have enough dimensions (has 0, gufunc core
with signature (n?,k),(k,m?)->(n?,m?) requires 1) at <tangentish grad_pair_wrt_a f740e8d2ac>:8
in grad_pair_wrt_a
"""

import numpy as np


def pair(a, b=2.0):
    return (1.5, np.outer(1.0, a))


def f(A):
    acc5, H6 = pair(A)
    return acc5


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['A', 'index']],
    "many": False,
    "second": None,
    "seed": [0, 486, 0, 0],
    "params": [['A', 'array', [4, 2], None]],
    "inputs": [[[0.8474407863102686, -0.4065195873655938],
                [-0.3749564280457376, 0.4879873009335909],
                [-1.011126055330018, -0.22581410556259085],
                [0.2947736492494786, -1.012130818338523]]],
    "found": ('crash: ValueError: matmul: Input operand 1 does not have enough dimensions (has 0, '
              'gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1) at <tangentish '
              'grad_pair_wrt_a f740e8d2ac>:8 in grad_pair_wrt_a'),
}
