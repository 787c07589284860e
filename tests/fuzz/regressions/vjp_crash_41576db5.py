"""Fuzz regression: vjp crash (seed 430, program 7, shrunk in 173 tries).

crash: NameError: name 'res24_1' is not defined at <tangentish vjp_f_wrt_p_forward
2472e79add173325>:3 in vjp_f_wrt_p_forward
"""


def f(p):
    c1 = 1.0
    for _ in p:
        res24 = c1
    return res24


FUZZ_CASE = {
    "mode": 'vjp',
    "wrt": [['p', 'name']],
    "many": False,
    "second": None,
    "seed": [430, 7, 0, 3],
    "params": [['p', 'array', [2], None]],
    "inputs": [[-1.1146329148682355, -0.7301113527455415]],
    "found": ("crash: NameError: name 'res24_1' is not defined at <tangentish vjp_f_wrt_p_forward "
              '2472e79add173325>:3 in vjp_f_wrt_p_forward'),
}
