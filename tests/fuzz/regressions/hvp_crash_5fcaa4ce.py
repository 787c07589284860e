"""Fuzz regression: hvp crash (seed 4801, program 102, shrunk in 1013 tries).

crash: UnboundLocalError: cannot access local variable 'y7' where it is not associated with a
value at <tangentish jvp_grad_f_wrt_v_wrt_v 00c21b3edc2e65e0>:18 in jvp_grad_f_wrt_v_wrt_v
"""



def f(v):
    import numpy as onp
    g1 = 1.0
    if not 1.0:
        pass
    elif 1.0:
        pass
    else:
        y7 = v * 1.0.concatenate(1.0)
        g1 = onp.sqrt(onp.concatenate((y7, 1.0)))
    for i in v:
        g1, y4, v = (1.0, 1.0, g1)
    return v


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['v', 'name']],
    "many": False,
    "second": None,
    "seed": [4801, 102, 0, 4],
    "params": [['v', 'array', [3], None]],
    "inputs": [[0.054810441410864996, 1.2035236448462543, 0.08480605119914575]],
    "found": ("crash: UnboundLocalError: cannot access local variable 'y7' where it is not "
              'associated with a value at <tangentish jvp_grad_f_wrt_v_wrt_v 00c21b3edc2e65e0>:18 '
              'in jvp_grad_f_wrt_v_wrt_v'),
}
