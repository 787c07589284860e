"""Fuzz regression: hvp crash (seed 6720, program 27, shrunk in 260 tries, then by hand).

The mask of a tuple's adjoint (``_rt.unindex(g, pair, 1)``, an object array of items) was
broadcast as an array's; unindex/add_at/conform of a sequence now make sequences
(passes/shapes.py sequence_names).

crash: ValueError: setting an array element with a sequence. The requested array has an
inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part. at
<tangentish jvp_grad_f_wrt_v_wrt_v 6fc1f4f77eb29e53>:79 in jvp_grad_f_wrt_v_wrt_v
"""

import numpy as np


def pair(a):
    g2 = np.zeros(2)
    g2[0:1] -= np.arctan2(a, 0.7)[0:1]
    return (np.sum(g2), g2)


def f(v):
    c4 = np.sqrt(v * v + 1.0)
    r5 = v * (c4 + c4)
    s7, r8 = pair(a=np.minimum(r5, c4) + r5)
    s9, z10 = pair(r8)
    return r8[1] + s7 + s9


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['v', 'name']],
    "many": False,
    "second": None,
    "seed": [6720, 27, 0, 4],
    "params": [['v', 'array', [2], None]],
    "inputs": [[-0.6328099778781486, 0.48795508941210763]],
    "found": ('crash: ValueError: setting an array element with a sequence. The requested array '
              'has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + '
              'inhomogeneous part. at <tangentish jvp_grad_f_wrt_v_wrt_v 6fc1f4f77eb29e53>:79 in '
              'jvp_grad_f_wrt_v_wrt_v'),
}
