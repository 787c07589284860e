"""Fuzz regression: grad crash (seed 4870, program 65, shrunk in 1128 tries).

crash: UnboundLocalError: cannot access local variable 'a_minus_a_bar' where it is not
associated with a value at <tangentish grad_grad_h2_wrt_a_wrt_a e2616639937f2adb>:65 in
grad_grad_h2_wrt_a_wrt_a
"""

import numpy as np

import tangentish


def h2(a):
    d1 = {}
    d1['a'] = a
    d1['b'] = 0.25
    d1['c'] = 1.0 + a + (a - a)
    d1['b'] = np.logaddexp(1.0, a)
    s2 = 0.0
    for key, val in d1.items():
        s2 = s2 + val
    e3 = s2
    t4, t5 = (e3, 1.0)
    return np.hypot(t4, 1.5)


def f(p):
    fn9 = lambda t: p[1]
    return tangentish.grad(h2, wrt='a')(fn9(1.0))


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['p', 'index']],
    "many": True,
    "second": None,
    "seed": [4870, 65, 0, 0],
    "params": [['p', 'array', [4], None]],
    "inputs": [[-1.0303451226948044, 1.161447808408072, 1.4262052217929506, 0.6783706714882181]],
    "found": ("crash: UnboundLocalError: cannot access local variable 'a_minus_a_bar' where it is "
              'not associated with a value at <tangentish grad_grad_h2_wrt_a_wrt_a '
              'e2616639937f2adb>:65 in grad_grad_h2_wrt_a_wrt_a'),
}
