"""Fuzz regression: jvp crash (seed 0, program 249, shrunk in 141 tries).

crash: TypeError: 'float' object is not subscriptable at <tangentish jvp_f_wrt_x 3fa24b103f>:6
in jvp_f_wrt_x
"""


def f(w, x):
    g3 = 1.0 + w
    g3[0:2] -= x
    return g3[0]


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['x', 'index']],
    "many": False,
    "second": None,
    "seed": [0, 249, 0, 2],
    "params": [['w', 'array', [2], None], ['x', 'float', [], None]],
    "inputs": [[-0.6288045014304044, -0.8174825956683893], -0.8275191425151934],
    "found": ("crash: TypeError: 'float' object is not subscriptable at <tangentish jvp_f_wrt_x "
              '3fa24b103f>:6 in jvp_f_wrt_x'),
}
