"""Fuzz regression: grad crash (seed 7926, program 5, shrunk in 562 tries).

crash: AssertionError: the node is not its parent's child at
tangentish/passes/common_names.py:165 in replace
"""



def f(v, u):
    import numpy as onp
    xs2 = [onp.sum(v[1.0 > 0.5]) ** 3 + u, 1.0]
    t3 = xs2[1]
    res5 = t3
    return res5


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['u', 'index'], ['v', 'index']],
    "many": True,
    "second": None,
    "seed": [7926, 5, 0, 0],
    "params": [['v', 'array', [3], None], ['u', 'array', [3], None]],
    "inputs": [[0.0, -1.4874439052890185, 0.5958810180691483],
               [-0.2893506042983809, 1.43149722151637, 1.4667052413313484]],
    "found": ("crash: AssertionError: the node is not its parent's child at "
              'tangentish/passes/common_names.py:165 in replace'),
}
