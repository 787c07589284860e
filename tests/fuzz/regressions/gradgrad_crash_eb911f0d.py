"""Fuzz regression: gradgrad crash (seed 4751, program 43, shrunk in 512 tries).

crash: UnboundLocalError: cannot access local variable 'tape_last_6' where it is not associated
with a value at <tangentish grad_grad_f_wrt_x_wrt_x ed2f142c26aef711>:352 in
grad_grad_f_wrt_x_wrt_x
"""

import math

import numpy as np

SCALE = 0.7


def h1(a, b, *, scale=1.0):
    if np.log1p((scale / (1.0 + b ** 2)) ** 2) < a + a:
        t5 = SCALE
    else:
        scale, b = (b, scale * b)
        t5 = -1.5 * math.erf(scale)
    return (t5 + 0.7) * math.atan2(0.3, np.abs(t5) + 0.5)


def h2(a):
    s7, e8 = (a * h1(SCALE, a), a)
    return np.expm1(np.log10(np.abs(0.5) + 0.5)) + e8


def pair(a):
    t27 = (a - 0.5) / (math.atan(a) * math.atan(a) + 0.5)
    return (math.erf(0.7 / np.cosh(SCALE)), np.cosh(SCALE) ** 0.5 - SCALE / (2.0 + np.sin(t27)))


def f(x, n):
    s28 = sum(filter(lambda e: e > 0.0, [x + np.sqrt(2.0 + np.sin(-x)), x, x]), 0.0)
    pairs30 = [(np.exp(math.erf(s28 - x)), ((x + x) / np.exp(math.cos(x))) ** 2), (np.log2(-h1(a=x, b=x, scale=x) * -h1(a=x, b=x, scale=x) + 0.5), h2(np.arctan(x)) * x)]
    firsts31, seconds32 = zip(*pairs30)
    acc29 = sum(firsts31) * 0.5 + seconds32[0]
    for i in range(1, 4):
        x /= 1.0 + np.sin(acc29) ** 2
        if acc29 <= 0.2:
            pass
        else:
            if i > 0:
                t37, acc38 = pair(np.log2(2.0 + np.sin(np.exp2(SCALE))))
                e36 = acc38
            else:
                parts41 = []
                for i42 in range(3):
                    parts41.append(SCALE)
            if h1(a=e36, b=0.25, scale=0.25) * SCALE < 1.0:
                for _ in range(3):
                    e36, s28, acc29 = (s28, acc29, np.sin(acc29) * s28 + np.cos(e36))
            else:
                for _ in range(3):
                    acc29, s28, e36 = (s28, e36, np.sin(e36) * s28 + np.cos(acc29))
                z44 = np.zeros(2)
    return h1(x, b=h1(acc29, math.log(x * x + 0.5), scale=x), scale=float(0.5 - 0.5))


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": ['x', 'name'],
    "seed": [4751, 43, 1, 6],
    "params": [['x', 'float', [], None], ['n', 'int', [], 2]],
    "inputs": [-0.06720799919004494, 2],
    "found": ("crash: UnboundLocalError: cannot access local variable 'tape_last_6' where it is "
              'not associated with a value at <tangentish grad_grad_f_wrt_x_wrt_x '
              'ed2f142c26aef711>:352 in grad_grad_f_wrt_x_wrt_x'),
}
