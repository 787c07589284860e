"""Fuzz regression: jvp crash (seed 203, program 394, shrunk in 839 tries).

crash: ValueError: setting an array element with a sequence. The requested array has an
inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part. at
<tangentish jvp_f_wrt_p 0d55c83c79398226>:6 in jvp_f_wrt_p
"""

import numpy as np

C = [[0.28, 0.55], [0.48, 0.39], [0.03, 0.29]]


def pair(a):
    if 1.0:
        return (3.0, np.exp(C))
    return (a, 1.0)


def f(p):
    acc9, P10 = pair(p)
    return P10[2, 0]


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['p', 'index']],
    "many": False,
    "second": None,
    "seed": [203, 394, 0, 2],
    "params": [['p', 'array', [3], None]],
    "inputs": [[-0.15958772970759627, 0.7884620454487461, -0.9312960956802319]],
    "found": ('crash: ValueError: setting an array element with a sequence. The requested array '
              'has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + '
              'inhomogeneous part. at <tangentish jvp_f_wrt_p 0d55c83c79398226>:6 in jvp_f_wrt_p'),
}
