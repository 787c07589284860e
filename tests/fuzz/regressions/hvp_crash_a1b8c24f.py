"""Fuzz regression: hvp crash (seed 5051, program 93, shrunk in 742 tries).  The
tangent of grad(f): the support of r1[0]'s tangent, which reads r1, was computed into a mask
before the branch changes r1 in place, and after the ``if`` the mask stood for the support on
the path that skips the branch too, where it is never bound.

crash: UnboundLocalError: cannot access local variable 'r10_1_mask' where it is not associated
with a value at <tangentish jvp_grad_f_wrt_p_wrt_p 62d5b953c5839235>:56 in
jvp_grad_f_wrt_p_wrt_p
"""

import math

import numpy as np


def f(p):
    r1 = np.zeros(2)
    v2 = r1
    v2[0] *= p @ p
    c3 = math.erf(r1[0])
    if 0.5 < 1.0 < 1.0:
        r1[1] *= 1.0
    c15 = c3
    res16 = c15
    return res16


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['p', 'index']],
    "many": False,
    "second": None,
    "seed": [5051, 93, 0, 4],
    "params": [['p', 'array', [4], None]],
    "inputs": [[-0.35533730581990675, 0.5756082559790703, 1.4520104754470085, -0.3151577774181593]],
    "found": ("crash: UnboundLocalError: cannot access local variable 'r10_1_mask' where it is not "
              'associated with a value at <tangentish jvp_grad_f_wrt_p_wrt_p 62d5b953c5839235>:56 '
              'in jvp_grad_f_wrt_p_wrt_p'),
}
