"""Fuzz regression: grad wrong (seed 4200, program 111, shrunk in 470 tries; made one the
reference accepts by hand: numpy.sqrt(p * p), p[1] positive.  The loop dropped the support of
the copy p_1 of p: it carried only those of the singular ops' results).

wrong: grad for p[0]: got np.float64(nan), finite differences np.float64(1.0) (tolerance
2.00e-09, 2 of 2 elements off)
"""


def f(p):
    import numpy
    z4 = numpy.sqrt(p * p)
    if 1.0 < 0.5:
        z4, p = (1.0, z4)
    for i in p:
        pass
    acc16, r17 = p
    return acc16


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['p', 'index']],
    "many": False,
    "second": None,
    "seed": [4200, 111, 0, 0],
    "params": [['p', 'array', [2], None]],
    "inputs": [[0.0, 1.4709885572417525]],
    "found": ('wrong: grad for p[0]: got np.float64(nan), finite differences np.float64(1.0) '
              '(tolerance 2.00e-09, 2 of 2 elements off)'),
}
