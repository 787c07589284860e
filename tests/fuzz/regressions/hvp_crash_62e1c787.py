"""Fuzz regression: hvp crash (seed 4700, program 243, shrunk in 698 tries).

crash: IndexError: too many indices for array: array is 0-dimensional, but 1 were indexed at
<tangentish jvp_grad_f_wrt_v_wrt_v 2c0e157aa451d054>:63 in jvp_grad_f_wrt_v_wrt_v
"""

import numpy as np


def f(v):
    for i in v:
        y1 = v * (1.0 * 1.0)
    s9 = np.quantile(y1, 0.3)
    y12 = np.zeros(3)
    v13 = y12[::1]
    v13[1] -= s9
    return np.quantile(y12, 0.3)


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['v', 'index']],
    "many": False,
    "second": None,
    "seed": [4700, 243, 0, 4],
    "params": [['v', 'array', [3], None]],
    "inputs": [[-0.08473566208797867, -0.7913021237577035, 1.0686475517271297]],
    "found": ('crash: IndexError: too many indices for array: array is 0-dimensional, but 1 were '
              'indexed at <tangentish jvp_grad_f_wrt_v_wrt_v 2c0e157aa451d054>:63 in '
              'jvp_grad_f_wrt_v_wrt_v'),
}
