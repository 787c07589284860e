"""Fuzz regression: grad wrong (seed 638, program 50, shrunk in 174 tries).

wrong: grad for x: got np.float64(-0.413971483267805), finite differences
np.float64(-0.0027998675031260523) (tolerance 2.61e-10, 1 of 1 elements off)
"""


def f(x):
    for i in range(3):
        for j in range(0, 3, 2):
            x = 1.0 + x
        x /= x * x
    return x


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['x', 'negative']],
    "many": False,
    "second": None,
    "seed": [638, 50, 0, 0],
    "params": [['x', 'float', [], None]],
    "inputs": [1.3797341602893831],
    "found": ('wrong: grad for x: got np.float64(-0.413971483267805), finite differences '
              'np.float64(-0.0027998675031260523) (tolerance 2.61e-10, 1 of 1 elements off)'),
}
