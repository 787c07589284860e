"""Fuzz regression: hvp wrong (seed 11, program 363, shrunk in 343 tries).

wrong: hvp: got np.float64(14284.744609257621), finite differences
np.float64(14284.399047531298) (tolerance 2.22e-01, 1 of 1 elements off)

The reference was wrong, not tangentish: f is a degree-27 polynomial in x inside sinc, and at the
oracle's step (2**-10) the Richardson estimate of the gradient's derivative is outside its
asymptotic range (its error estimate too small).  Central differences of the gradient at 1e-6
give 61319.5171, tangentish's hessian 61319.51709.  Second-order references are now re-measured
at a 16x smaller step before a mismatch counts (modes._expect_reference).
"""

import numpy as np


def h1(a, b):
    return np.sinc(b) * np.sinc(b) + 1.0


def f(x):
    for i in range(1, 4):
        x += x * (x * x)
    return np.hypot(h1(a=1.0, b=x), x)


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": None,
    "seed": [11, 363, 0, 4],
    "params": [['x', 'float', [], None]],
    "inputs": [-0.9114492192393154],
    "found": ('wrong: hvp: got np.float64(14284.744609257621), finite differences '
              'np.float64(14284.399047531298) (tolerance 2.22e-01, 1 of 1 elements off)'),
}
