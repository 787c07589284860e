"""Fuzz regression: jvp crash (seed 4896, program 58, shrunk in 415 tries).

crash: TypeError: 'bool' object is not subscriptable at <tangentish jvp_f_wrt_A
0d1e629e2d3beb4d>:60 in jvp_f_wrt_A
"""

import math

import numpy as np

W = [0.53, -0.51]
C = np.array([[-0.67, -0.55], [-0.53, -0.54], [-0.9, 0.86]])
SCALE = 1.81


def h1(a, b, *, scale=2.0):
    t1 = LAYERS[-1](1.0)
    s2 = W[0]
    return C[2, -1] + scale + t1 + s2


def h2(a, b):
    hs4 = [np.tanh(C)]
    for k5 in range(3):
        hs4 = hs4 + [np.tanh(hs4[-1]) * 0.5 + 0.5 * b]
    H3 = np.sum(np.stack(hs4), axis=0)
    a = np.quantile(H3 + a, 0.3)
    P6, g7 = (np.log10(np.exp(b[::-1])), a * 0.3 * np.clip(W, -1.0, 0.5))
    return math.sqrt(np.abs(a + np.mean(g7)) + 0.5) + np.sum(P6)


class Layer:

    def __init__(self, k):
        self.k = k

    def __call__(self, a):
        return self.k * np.tanh(a) + 0.5 * np.sin(a)
LAYERS = [Layer(0.03), Layer(0.01), Layer(0.79)]


def f(A, v):
    acc10 = SCALE
    count11 = 0
    while True:
        count11 += 1
        if count11 > 6:
            break
        acc10 = acc10 + np.clip(np.log1p(acc10 ** 2), -1.0, 0.5)
        acc10 = np.sin(acc10) * A[-3, 1]
    g19 = sum([v] + [v])
    return h2(a=h1(a=A, b=C.copy()), b=2.0 * (acc10 * C)) + np.max(g19)


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['A', 'negative']],
    "many": False,
    "second": None,
    "seed": [4896, 58, 0, 2],
    "params": [['A', 'array', [3, 2], None], ['v', 'array', [2], None]],
    "inputs": [[[0.3280700301705197, -0.7172542137862908],
                [-0.8621123822621253, -1.2119391979830447],
                [0.0, -0.645241271643016]],
               [0.18422698833019835, 0.0]],
    "found": ("crash: TypeError: 'bool' object is not subscriptable at <tangentish jvp_f_wrt_A "
              '0d1e629e2d3beb4d>:60 in jvp_f_wrt_A'),
}
