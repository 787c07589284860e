"""Fuzz regression: value_and_grad wrong (seed 0, program 800, shrunk in 82 tries).

wrong: value: got -19.80139516577416, f returns -7.655729082452682
"""


def f(v):
    for xi5 in v:
        v = xi5 + v
    return v.sum()


FUZZ_CASE = {
    "mode": 'value_and_grad',
    "wrt": [['v', 'index']],
    "many": False,
    "second": None,
    "seed": [0, 800, 0, 1],
    "params": [['v', 'array', [3], None]],
    "inputs": [[-1.464215535413425, 0.34409124513311573, -0.7938079803328614]],
    "found": 'wrong: value: got -19.80139516577416, f returns -7.655729082452682',
}
