"""Fuzz regression: gradgrad crash (seed 4804, program 103, shrunk in 759 tries; `2.0 +` put
back by hand under the power, where the shrinker dropped it, so the point is in its domain).

crash: UnboundLocalError: cannot access local variable 'kept_1' where it is not associated with
a value at <tangentish grad_grad_f_wrt_x_wrt_x d507828017d7f545>:110 in grad_grad_f_wrt_x_wrt_x
"""

import numpy as np


def f(x):
    acc1, c2 = (1.0, x * (2.0 + np.sin(x)) ** 0.5)
    tj4 = (1.0,) + (c2, 1.0)
    t3 = tj4
    if 1.0 > 1.0:
        e5 = x * (t3 - 1.0)
    else:
        e5 = 1.0
    return e5


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'index']],
    "many": False,
    "second": ['x', 'name'],
    "seed": [4804, 103, 0, 6],
    "params": [['x', 'float', [], None]],
    "inputs": [-0.7627900527718321],
    "found": ("crash: UnboundLocalError: cannot access local variable 'kept_1' where it is not "
              'associated with a value at <tangentish grad_grad_f_wrt_x_wrt_x '
              'd507828017d7f545>:110 in grad_grad_f_wrt_x_wrt_x'),
}
