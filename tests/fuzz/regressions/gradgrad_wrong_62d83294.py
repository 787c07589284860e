"""Fuzz regression: gradgrad wrong (seed 9022, program 4, shrunk in 135 tries).

wrong: grad of grad for x, x: got np.float64(nan), finite differences
np.float64(-0.5101775955710082) (tolerance 1.67e-07, 1 of 1 elements off)
"""

import math

import numpy as np

import tangentish


def make_scaled(c):

    def scaled(t):
        return c * np.tanh(t) + 0.5 * t
    return scaled


W = np.array([-0.74, 0.12, 0.03, -0.08])
C = np.array([[0.85, -0.5, 0.16, -0.29], [0.87, -0.78, -0.38, 0.88], [0.59, 0.6, 0.42, 0.52]])
SCALE = 0.3


def h1(a, b):
    z2 = C[-2][-1] - b * a
    d3 = {'a': a, 'b': math.sin(SCALE), 'c': a}
    acc4 = d3['a'] + d3['b'] + d3['c']
    return float(SCALE) + np.sum(z2) + acc4


class Layer:

    def __init__(self, k):
        pass

    def __call__(self, a):
        return self.k * np.tanh(a) + 0.5 * np.sin(a)

    def forward(self, a):
        return np.cos(self(a)) * self.k
LAYERS = [Layer(-0.75)]


def f(v, x):
    h6 = make_scaled(C[2, 3])
    r5 = h6(tangentish.value_and_grad(h1, wrt='b')(x, b=np.cbrt(np.cumsum(v[::-1])[::-1] * np.cumsum(v[::-1])[::-1] + 1.0))[1]) + h6(np.tanh(v))
    for i, xi7 in enumerate(W):
        g8 = W * 1.0
        if float(i) * h1(a=xi7, b=r5) < 0.5:
            it11 = iter([-np.log1p(v ** 2), r5])
            a12 = next(it11)
            b13 = next(it11, 0.5)
            rest14 = list(it11)
            z10 = a12 - b13 * 0.5 + sum(rest14, 0.0)
        elif np.arccos(0.5 * np.sin(SCALE)) > -0.5:
            r15 = g8
            H16 = np.copy(C)
            H16[0], H16[-3] = (H16[-3] * np.sum(v[r15 > 0.0]), H16[0].copy())
            s9 = np.diff(r15[::-1])[0] + x
        elif i % 2 == 0:
            s17 = r5[3]
            s9 = SCALE
        else:
            g8[2:4] -= (-(g8 - r5))[2:4]
            if x < 0.2:
                e19 = xi7
                for layer in reversed(LAYERS):
                    x = 0.5 * layer.forward(x)
            elif i % 2 == 0:
                acc20 = r5[-1 - i]
            else:
                rows22 = [np.cosh(v) * np.sin(0.3), g8[[3, 0, 1, 0]], np.cumprod(W[::-1])]
                cols23 = list(zip(*rows22))
                e21 = sum(cols23[0]) + cols23[-1][1]
                r24 = np.log2(np.abs(e21 - r5) + 0.5)
            s9 = math.atan2(min(max(x, -0.5), 1.0), 1.0 * x)
    for k25 in range(3):
        res26 = x + np.mean(np.sqrt((np.abs(-r5) + 0.5) * k25))
    return res26


FUZZ_CASE = {
    "mode": 'gradgrad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": ['x', 'name'],
    "seed": [9022, 4, 0, 6],
    "params": [['v', 'array', [4], None], ['x', 'float', [], None]],
    "inputs": [[-0.953511963682864, -0.7775754785807062, -1.4839841754486265, 0.636670008117596],
               0.5992201858811463],
    "found": ('wrong: grad of grad for x, x: got np.float64(nan), finite differences '
              'np.float64(-0.5101775955710082) (tolerance 1.67e-07, 1 of 1 elements off)'),
}
