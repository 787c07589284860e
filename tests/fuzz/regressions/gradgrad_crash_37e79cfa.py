"""Fuzz regression: gradgrad crash (seed 89, program 89, shrunk in 240 tries).

crash: UnboundLocalError: a local variable is used before it has a value on this path (in the
original function this read would fail too) at tangentish/runtime/_common.py:95 in _refuse
"""

import math

import numpy as np


def h1(a):
    H1 = np.hypot(a * np.ones(4), a)
    return np.mean(H1 * 2.0)


def h2(a, *, scale=2.0):
    if h1(a) * 0.3 < 1.0 * 0.5:
        acc8 = np.cbrt(math.hypot(2.0, np.cosh(a)) * math.hypot(2.0, np.cosh(a)) + 1.0)
        t7 = np.expm1(acc8 * 0.25)
    elif a <= 0.2:
        e9 = math.exp(scale) * (0.25 * scale)
        Z10 = e9 * np.ones((2, 4))
        t7 = scale * np.logaddexp(np.max(Z10), a)
    else:
        return h1(np.log2(np.exp(scale)))
    return np.cbrt(t7 * t7 + 1.0)


def f(A, v, x):
    t11 = np.sum(A)
    k15 = 0
    while True:
        k15 += 1
        if k15 > 3:
            break
        s16 = t11 * 1.0
        s16 = s16 + np.logaddexp(h2(s16, scale=x), np.sum(A) * 1.0)
        t11 /= 1.0 + np.maximum(np.arctan(s16), 0.5) ** 2
    c19 = h2(t11, scale=np.maximum(x + x, math.log(2.0 + np.sin(t11))))
    return x + np.linalg.norm(v - v) + c19


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'index']],
    "many": False,
    "second": ['x', 'name'],
    "seed": [89, 89, 0, 6],
    "params": [['A', 'array', [2, 4], None], ['v', 'array', [4], None], ['x', 'float', [], None]],
    "inputs": [[[0.13411894937305213, -1.3841061536894834, 0.3103512129908199, -0.8625816230629202],
                [1.1466211835913196, 1.2256078679431148, 1.345896929873319, -0.9302564125815622]],
               [-1.1341931341802485, 0.3897330825545908, -0.34399691000510924, 0.39045354291800205],
               -0.996123064005888],
    "found": ('crash: UnboundLocalError: a local variable is used before it has a value on this '
              'path (in the original function this read would fail too) at '
              'tangentish/runtime/_common.py:95 in _refuse'),
}
