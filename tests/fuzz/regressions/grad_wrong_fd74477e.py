"""Fuzz regression: grad wrong (seed 0, program 509, shrunk in 418 tries).

wrong: grad for w[3]: got np.float64(-0.6278164428523251), finite differences
np.float64(-3.147373257755305) (tolerance 4.72e-05, 1 of 4 elements off)
"""

import numpy as np


def h1(a, b=1.5):
    c1 = b
    y5 = c1
    a /= y5
    b += 1.0
    return a


def f(w):
    t6 = h1(0.3, np.where(0.3 < 0.0, 1.0, w[3]))
    return t6


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['w', 'negative']],
    "many": False,
    "second": None,
    "seed": [0, 509, 0, 0],
    "params": [['w', 'array', [4], None]],
    "inputs": [[-0.7746701542589743, 0.32783521743317756, -0.7515029175541108, -0.3087354519184822]],
    "found": ('wrong: grad for w[3]: got np.float64(-0.6278164428523251), finite differences '
              'np.float64(-3.147373257755305) (tolerance 4.72e-05, 1 of 4 elements off)'),
}
