"""Fuzz regression: grad crash (seed 63, program 196, shrunk in 711 tries).

crash: UnboundLocalError: cannot access local variable 'h1' where it is not associated with a
value at <tangentish grad_f_wrt_v bf1b3c0c3a3af574>:3 in grad_f_wrt_v
"""


def h1(a, b, d=0.5, *, scale=2.0):
    parts2 = []
    parts2.append(1.0)
    return 1.0


def h2(a, b, *, scale=0.5):
    r8 = h1(a=1.0, b=1.0) * 3.0


def f(v):
    z15 = h2(1.0, 1.0)
    return 1.0


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['v', 'name']],
    "many": True,
    "second": None,
    "seed": [63, 196, 0, 0],
    "params": [['v', 'array', [3], None]],
    "inputs": [[0.9201393670089764, 0.8975371578297877, -0.8477074152050446]],
    "found": ("crash: UnboundLocalError: cannot access local variable 'h1' where it is not "
              'associated with a value at <tangentish grad_f_wrt_v bf1b3c0c3a3af574>:3 in '
              'grad_f_wrt_v'),
}
