"""Fuzz regression: value_and_grad wrong (seed 0, program 615, shrunk in 188 tries).

wrong: value_and_grad for y: got np.float64(0.0), finite differences np.float64(1.0) (tolerance
2.05e-09, 1 of 1 elements off)
"""


def f(y):
    if 1.0 < 1.0:
        return 1.5
    return y


FUZZ_CASE = {
    "mode": 'value_and_grad',
    "wrt": [['y', 'index']],
    "many": True,
    "second": None,
    "seed": [0, 615, 0, 1],
    "params": [['y', 'float', [], None]],
    "inputs": [0.9253561604856624],
    "found": ('wrong: value_and_grad for y: got np.float64(0.0), finite differences '
              'np.float64(1.0) (tolerance 2.05e-09, 1 of 1 elements off)'),
}
