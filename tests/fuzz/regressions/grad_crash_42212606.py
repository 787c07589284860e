"""Fuzz regression: grad crash (seed 0, program 25, shrunk in 753 tries).

crash: UnboundLocalError: cannot access local variable 'result' where it is not associated with
a value at <tangentish grad_f_wrt_x_p 37d167d472>:15 in grad_f_wrt_x_p
"""


def f(x, p):
    if 1.0:
        if 1.0 <= 0.5:
            return 1.0
    if 1.0:
        if 0.5 <= 0.0:
            return 1.0
    return 1.0


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['x', 'index'], ['p', 'index']],
    "many": True,
    "second": None,
    "seed": [0, 25, 0, 0],
    "params": [['x', 'float', [], None], ['p', 'array', [2], None]],
    "inputs": [-0.49025247258229254, [-0.4737535275993938, 1.1584795922881397]],
    "found": ("crash: UnboundLocalError: cannot access local variable 'result' where it is not "
              'associated with a value at <tangentish grad_f_wrt_x_p 37d167d472>:15 in '
              'grad_f_wrt_x_p'),
}
