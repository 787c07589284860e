"""Fuzz regression: hvp crash (seed 7360, program 8, shrunk in 192 tries).

crash: ValueError: setting an array element with a sequence. The requested array has an
inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part. at
<tangentish jvp_grad_f_wrt_v_wrt_v 8a4aa3ca2539e209>:88 in jvp_grad_f_wrt_v_wrt_v
"""

import numpy as np


def pair(a, b=0.5, *, scale=2.0):
    y1 = np.sort(-a)
    t5 = 0
    return (0.25 * np.where((t5 > 0.0) | (t5 < -0.5), 0.3, scale), -a * 0.25)


def f(v):
    import numpy
    from numpy import linalg
    acc8, g9 = pair(-(numpy.max(v) * v * (v * 1.0)), (0.3 - 3.0 + 3.0 * numpy.max(v)) * numpy.sum(numpy.diff(v[[0, 0]]) ** 2))
    z10 = numpy.cumprod(g9)
    e16, z17 = pair(a=g9 * numpy.partition(z10, 1)[1], b=acc8 / (2.0 + numpy.sin(0.7)) - v[-2] + acc8, scale=acc8)
    return linalg.norm(0.25 * z17.copy()) + e16


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['v', 'index']],
    "many": False,
    "second": None,
    "seed": [7360, 8, 0, 4],
    "params": [['v', 'array', [2], None]],
    "inputs": [[0.005250744873334767, 0.7995361084325956]],
    "found": ('crash: ValueError: setting an array element with a sequence. The requested array '
              'has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + '
              'inhomogeneous part. at <tangentish jvp_grad_f_wrt_v_wrt_v 8a4aa3ca2539e209>:88 in '
              'jvp_grad_f_wrt_v_wrt_v'),
}
