"""Fuzz regression: grad wrong (seed 62, program 116, shrunk in 181 tries).

wrong: grad for x: got np.float64(-1.0), finite differences np.float64(-2.0) (tolerance
4.19e-09, 1 of 1 elements off)
"""

import numpy as np


def f(x):
    parts5 = []
    parts5.append(x)
    r7 = np.hstack(parts5) + np.vstack(parts5)
    return np.linalg.norm(r7)


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['x', 'name']],
    "many": True,
    "second": None,
    "seed": [62, 116, 0, 0],
    "params": [['x', 'float', [], None]],
    "inputs": [-0.7982945222920927],
    "found": ('wrong: grad for x: got np.float64(-1.0), finite differences np.float64(-2.0) '
              '(tolerance 4.19e-09, 1 of 1 elements off)'),
}
