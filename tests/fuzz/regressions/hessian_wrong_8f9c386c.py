"""Fuzz regression: hessian wrong (seed 4893, program 110, shrunk in 501 tries).

wrong: hessian: got np.float64(0.0), finite differences np.float64(-0.37435952276700846)
(tolerance 1.27e-07, 1 of 1 elements off)
"""


def f(x, v, y):
    for _ in v:
        x, acc15, y = (y, 1.0, y + x)
    res17 = 1.0 / x
    return res17


FUZZ_CASE = {
    "mode": 'hessian',
    "wrt": [['x', 'name']],
    "many": False,
    "second": None,
    "seed": [4893, 110, 0, 5],
    "params": [['x', 'float', [], None], ['v', 'array', [3], None], ['y', 'float', [], None]],
    "inputs": [-0.4816856836924188,
               [0.31206874013480324, -0.024678317306514597, -1.0699603906362456],
               -0.6332355307276862],
    "found": ('wrong: hessian: got np.float64(0.0), finite differences '
              'np.float64(-0.37435952276700846) (tolerance 1.27e-07, 1 of 1 elements off)'),
}
