"""Fuzz regression: hvp wrong (seed 0, program 141, shrunk in 221 tries).

wrong: hvp: a float, expected an array of shape (4,)
"""


def h1(a, b):
    return 1.0


def f(w):
    if 1.0:
        return 1.0
    return h1(1.0, b=w)


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['w', 'name']],
    "many": False,
    "second": None,
    "seed": [0, 141, 0, 4],
    "params": [['w', 'array', [4], None]],
    "inputs": [[-0.08247635540501497,
                0.48756934963873455,
                -0.6834689260217708,
                -0.9767681830320057]],
    "found": 'wrong: hvp: a float, expected an array of shape (4,)',
}
