"""Fuzz regression: value_and_grad crash (seed 7213, program 6, shrunk in 36 tries).

crash: NameError: name 'y1_1' is not defined at <tangentish value_and_grad_f_wrt_v
7f4e68880e9c24a6>:116 in value_and_grad_f_wrt_v
"""


import functools


def f(v, p):
    import numpy as onp
    y1 = onp.zeros(4)
    r2 = y1[::-1]
    for _ in range(3):
        v, y1, r2 = (y1, r2, onp.sin(r2) * y1 + onp.cos(v))
    c3 = (onp.maximum(3.0, 0.0) - onp.sum(onp.partition(r2, 3)[:4])) * (onp.partition(y1, 3)[3] if -1.0 < onp.einsum('i->', r2) < 0.5 else onp.mean(y1))
    t6 = functools.reduce(lambda acc, e: acc * 0.5 + e, [onp.einsum('i,i', onp.where(r2 > 0.5, onp.log(r2), r2) * onp.quantile(p, 0.3), y1), onp.log1p(onp.reciprocal(2.0 + onp.sin(c3)) ** 2) * onp.einsum('i,i->', onp.arctan(r2), onp.cos(r2)), c3])
    return -onp.quantile(v, 0.3) * onp.sinc(c3) + t6


FUZZ_CASE = {
    "mode": 'value_and_grad',
    "wrt": [['v', 'name']],
    "many": False,
    "second": None,
    "seed": [7213, 6, 0, 1],
    "params": [['v', 'array', [4], None], ['p', 'array', [3], None]],
    "inputs": [[1.292401731712176, -0.888015697015794, 1.0575395680916388, 1.1740537560749287],
               [-0.3487959266453058, -0.9193062566703998, -0.5975899621059582]],
    "found": ("crash: NameError: name 'y1_1' is not defined at <tangentish value_and_grad_f_wrt_v "
              '7f4e68880e9c24a6>:116 in value_and_grad_f_wrt_v'),
}
