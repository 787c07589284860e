"""Fuzz regression: vjp crash (seed 0, program 3, shrunk in 222 tries).

crash: UnboundLocalError: cannot access local variable 'neg_v' where it is not associated with a
value at <tangentish vjp_f_wrt_v_forward 85adfbaf1b>:8 in vjp_f_wrt_v_forward
"""


def f(v):
    if 1.0:
        return 1.0
    return (-v).max()


FUZZ_CASE = {
    "mode": 'vjp',
    "wrt": [['v', 'negative']],
    "many": False,
    "second": None,
    "seed": [0, 3, 0, 3],
    "params": [['v', 'array', [3], None]],
    "inputs": [[1.1849182223695163, 1.0812433103248127, -0.5358755329874599]],
    "found": ("crash: UnboundLocalError: cannot access local variable 'neg_v' where it is not "
              'associated with a value at <tangentish vjp_f_wrt_v_forward 85adfbaf1b>:8 in '
              'vjp_f_wrt_v_forward'),
}
