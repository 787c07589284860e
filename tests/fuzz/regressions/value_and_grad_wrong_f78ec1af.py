"""Fuzz regression: value_and_grad wrong (seed 9304, program 3, shrunk in 71 tries).

wrong: value: a float where f returns a float64 of dtype float64
"""


def f(x):
    import numpy
    res13 = numpy.abs(1.0) ** 2
    return res13


FUZZ_CASE = {
    "mode": 'value_and_grad',
    "wrt": [['x', 'index']],
    "many": False,
    "second": None,
    "seed": [9304, 3, 0, 1],
    "params": [['x', 'float', [], None]],
    "inputs": [-1.0957927387203643],
    "found": 'wrong: value: a float where f returns a float64 of dtype float64',
    "lenient": ['unused_chains', 'unused_domain'],
}
