"""Fuzz regression: jvp crash (seed 0, program 153, shrunk in 130 tries).

crash: IndexError: invalid index to scalar variable. at <tangentish jvp_f_wrt_B 0749b37b4f>:7 in
jvp_f_wrt_B
"""

import numpy as np


def f(B, v):
    v = np.sum(B) + v
    return v[3]


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['B', 'negative']],
    "many": False,
    "second": None,
    "seed": [0, 153, 0, 2],
    "params": [['B', 'array', [2, 4], None], ['v', 'array', [4], None]],
    "inputs": [[[0.0748707878905619, -0.8640375134498159, 0.9749707561571821, -0.5549478279055052],
                [1.0881946077828855, 0.31437417629314224, 0.7698946895860246, -0.9861550348397258]],
               [-0.49819596653498444, -0.3714662268989968, 0.17543764809711848, 0.684103865931224]],
    "found": ('crash: IndexError: invalid index to scalar variable. at <tangentish jvp_f_wrt_B '
              '0749b37b4f>:7 in jvp_f_wrt_B'),
}
