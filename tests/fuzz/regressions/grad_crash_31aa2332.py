"""Fuzz regression: grad crash (seed 4802, program 2, shrunk in 859 tries).

crash: TypeError: 'numpy.bool' object is not reversible at <tangentish grad_f_wrt_A_p
55597f356e6cd2cd>:62 in grad_f_wrt_A_p
"""

import numpy as np


class Model:

    def __init__(self):
        self.k = 0.85
        self.v = [0.07, -0.97, -0.08, 0.44]

    def h2(self, a):
        c3 = sum(filter(lambda e: e > 0.5, [a * a + (self.k + a), a * np.ones(3) @ (a * np.ones((3, 4)) * 2.0) @ self.v, self.k - 1.5 - np.quantile(0.3 * np.ones((3, 4)), 0.3)]), 0.0)
        return 1.0
MODEL = Model()


def f(A, p):
    for i in A:
        for j in A:
            A = np.sin(A) * (np.cbrt(A * A + 1.0) * (1.5 * np.ones((3, 1)) * (np.mean(p) * np.ones((3, 1)))))
    pairs5 = [(np.cbrt(A * A + 1.0), 1.0 + np.mean(p) - np.log1p(0.7 ** 2) - (2.0 * 0.7 if np.max(A) <= 0.5 and np.mean(A) >= MODEL.h2(np.mean(p)) else -1.0)), 1.0]
    return np.mean(A)


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['A', 'name'], ['p', 'negative']],
    "many": True,
    "second": None,
    "seed": [4802, 2, 0, 0],
    "params": [['A', 'array', [3, 4], None], ['p', 'array', [3], None]],
    "inputs": [[[-1.134680745755808, -0.4362984039965454, 0.7603377260266866, -0.16869478971923701],
                [-0.5090924186120375,
                 -0.5190610205115062,
                 -0.7192899997108646,
                 0.48283244787622026],
                [0.08881412541953138,
                 -0.5420955755964684,
                 -0.2984358623652801,
                 -0.1196465565575946]],
               [0.6940161213169214, -0.8269336251104389, 0.3145732760965272]],
    "found": ("crash: TypeError: 'numpy.bool' object is not reversible at <tangentish "
              'grad_f_wrt_A_p 55597f356e6cd2cd>:62 in grad_f_wrt_A_p'),
}
