"""Fuzz regression: vjp crash (seed 362, program 45, shrunk in 375 tries).

crash: NameError: name 'v_2' is not defined at <tangentish vjp_f_wrt_v_backward
7f37d79cb5fccd54>:5 in vjp_f_wrt_v_backward
"""


def h2(a, b):
    a *= 1.0
    return 1.0


def f(v):
    if 1.0:
        if 1.0:
            v = 3.0
    return h2(1.0, b=v)


FUZZ_CASE = {
    "mode": 'vjp',
    "wrt": [['v', 'name']],
    "many": True,
    "second": None,
    "seed": [362, 45, 0, 3],
    "params": [['v', 'array', [4], None]],
    "inputs": [[1.3505466687173167, -0.45745093706620854, -1.4510261006667582, 0.275031389946077]],
    "found": ("crash: NameError: name 'v_2' is not defined at <tangentish vjp_f_wrt_v_backward "
              '7f37d79cb5fccd54>:5 in vjp_f_wrt_v_backward'),
}
