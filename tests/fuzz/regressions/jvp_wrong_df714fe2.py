"""Fuzz regression: jvp wrong (seed 9616, program 8, shrunk in 614 tries).

wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0) (tolerance 1.46e-11,
1 of 1 elements off)
"""


def pair(a, b, d):
    return (a, 1.0)


def f(x):
    import numpy as onp
    z1 = onp.zeros(3)
    z1[-3], z1[-3] = (x, z1[-3])
    e2, t3 = pair(onp.linalg.norm(onp.sqrt(onp.concatenate((z1, [1.0, 0.0])))), 1.0, 0.25)
    t4 = e2
    return t4


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['x', 'index']],
    "many": False,
    "second": None,
    "seed": [9616, 8, 0, 2],
    "params": [['x', 'float', [], None]],
    "inputs": [1.2634063988439719],
    "found": ('wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0) '
              '(tolerance 1.46e-11, 1 of 1 elements off)'),
    "lenient": ['unused_domain'],
}
