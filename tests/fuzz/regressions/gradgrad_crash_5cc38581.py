"""Fuzz regression: gradgrad crash (seed 7676, program 10, shrunk in 1072 tries; z made positive,
where the check is valid: the crash is the same at either sign).

crash: TypeError: 'bool' object is not subscriptable at <tangentish grad_grad_f_wrt_z_wrt_z
ddc7e66301f10afc>:124 in grad_grad_f_wrt_z_wrt_z
"""

import math

import numpy as np


def pair(a, b, d, *, scale=2.0):
    return (1.0, 1.0)


def f(y, z):
    hs2 = [1.0]
    for k3 in range(3):
        hs2 = [np.tanh(hs2[-1]) * 0.5 + z]
    e1 = np.sum(hs2)
    e4, c5 = pair(1.0, float(np.asarray(y, dtype=np.float64)), e1)
    c5, y, e1 = (y, e1, np.sin(e1) * y + np.cos(c5))
    acc7 = y
    for col14 in (2, 4):
        return np.cbrt(acc7 * acc7 + 1.0) * math.sqrt(max(z - 0.125, 0.0))


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['z', 'name']],
    "many": False,
    "second": ['z', 'name'],
    "seed": [7676, 10, 0, 6],
    "params": [['y', 'float', [], None], ['z', 'float', [], None]],
    "inputs": [0.8008585116878519, 1.0559785869870748],
    "found": ("crash: TypeError: 'bool' object is not subscriptable at <tangentish "
              'grad_grad_f_wrt_z_wrt_z ddc7e66301f10afc>:124 in grad_grad_f_wrt_z_wrt_z'),
}
