"""Fuzz regression: gradgrad crash (seed 0, program 6, shrunk in 249 tries).

crash: SyntaxError: keyword argument repeated: out_bar (<tangentish grad_grad_f_wrt_x_wrt_v
71b04afffc>, line 17) at tangentish/loader.py:74 in load
"""


def pair(a):
    return (1.0, 1.0)


def f(v, x):
    t12 = v * x
    acc13, e14 = pair(t12)
    return acc13


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": ['v', 'name'],
    "seed": [0, 6, 0, 6],
    "params": [['v', 'array', [2], None], ['x', 'float', [], None]],
    "inputs": [[-0.2637229574953328, -0.860114579426055], 0.6862768276857194],
    "found": ('crash: SyntaxError: keyword argument repeated: out_bar (<tangentish '
              'grad_grad_f_wrt_x_wrt_v 71b04afffc>, line 17) at tangentish/loader.py:74 in load'),
}
