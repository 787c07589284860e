"""Fuzz regression: hessian crash (seed 0, program 2, shrunk in 25 tries).

crash: TypeError: jvp_grad_f_wrt_x_wrt_x() got an unexpected keyword argument 'out_bar_dot' at
tangentish/api.py:61 in derivative
"""


def f(x):
    return 1.0


FUZZ_CASE = {
    "mode": 'hessian',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": None,
    "seed": [0, 2, 0, 5],
    "params": [['x', 'float', [], None]],
    "inputs": [-0.061424269062663406],
    "found": ('crash: TypeError: jvp_grad_f_wrt_x_wrt_x() got an unexpected keyword argument '
              "'out_bar_dot' at tangentish/api.py:61 in derivative"),
}
