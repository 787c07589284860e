"""Fuzz regression: hvp crash (seed 0, program 194, shrunk in 353 tries).

crash: ValueError: setting an array element with a sequence. The requested array has an
inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part. at
<tangentish jvp_grad_f_wrt_v_wrt_v 48602a6345cdb6a7>:55 in jvp_grad_f_wrt_v_wrt_v
"""

import numpy as np


def f(v):
    for i in v:
        for j in v:
            e9 = np.mean(v)
            return e9 / (1.0 * 1.0)


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['v', 'index']],
    "many": False,
    "second": None,
    "seed": [0, 194, 0, 4],
    "params": [['v', 'array', [3], None]],
    "inputs": [[0.6729864672743302, 0.5888023561546203, 0.599779626482015]],
    "found": ('crash: ValueError: setting an array element with a sequence. The requested array '
              'has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + '
              'inhomogeneous part. at <tangentish jvp_grad_f_wrt_v_wrt_v 48602a6345cdb6a7>:55 in '
              'jvp_grad_f_wrt_v_wrt_v'),
}
