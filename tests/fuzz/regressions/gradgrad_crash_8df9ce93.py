"""Fuzz regression: gradgrad crash (seed 0, program 1068, shrunk in 279 tries).

crash: TypeError: 'range' object cannot be interpreted as an integer at <tangentish
grad_grad_f_wrt_y_wrt_x 6060060154>:33 in grad_grad_f_wrt_y_wrt_x
"""


def f(x, y, v):
    for xi3 in v:
        while y < 4:
            y = y + 1.0
    return x * y


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['y', 'index']],
    "many": False,
    "second": ['x', 'index'],
    "seed": [0, 1068, 0, 6],
    "params": [['x', 'float', [], None], ['y', 'float', [], None], ['v', 'array', [2], None]],
    "inputs": [-0.9275192037806078, 0.6614564845679576, [1.1951469614842694, 0.4406270584428227]],
    "found": ("crash: TypeError: 'range' object cannot be interpreted as an integer at <tangentish "
              'grad_grad_f_wrt_y_wrt_x 6060060154>:33 in grad_grad_f_wrt_y_wrt_x'),
}
