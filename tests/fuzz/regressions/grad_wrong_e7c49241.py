"""Fuzz regression: grad wrong (seed 0, program 839, shrunk in 348 tries).

wrong: grad for x: got np.float64(0.0), finite differences np.float64(1.0) (tolerance 2.03e-09,
1 of 1 elements off)
"""


def f(x):
    if 1.0:
        if 1.0:
            return x
    return 1.0


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['x', 'name']],
    "many": False,
    "second": None,
    "seed": [0, 839, 0, 0],
    "params": [['x', 'float', [], None]],
    "inputs": [0.5729322979581024],
    "found": ('wrong: grad for x: got np.float64(0.0), finite differences np.float64(1.0) '
              '(tolerance 2.03e-09, 1 of 1 elements off)'),
}
