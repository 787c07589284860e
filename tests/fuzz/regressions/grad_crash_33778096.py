"""Fuzz regression: grad crash (seed 0, program 420, shrunk in 51 tries).

crash: NameError: name 'sum_v_bar' is not defined at <tangentish grad_f_wrt_v
1ee92d0273d2f098>:10 in grad_f_wrt_v
"""

import numpy as np


def f(v):
    return np.sum(1.0) * (np.sum(v) * 1.0 * 1.0)


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['v', 'negative']],
    "many": True,
    "second": None,
    "seed": [0, 420, 0, 0],
    "params": [['v', 'array', [4], None]],
    "inputs": [[-0.6938815553169966, -1.3929362650194106, -1.2833239958104838, -1.2157068376521838]],
    "found": ("crash: NameError: name 'sum_v_bar' is not defined at <tangentish grad_f_wrt_v "
              '1ee92d0273d2f098>:10 in grad_f_wrt_v'),
}
