"""Fuzz regression: hvp crash (seed 9050, program 2, shrunk in 60 tries).

crash: ZeroDivisionError: float division by zero at <tangentish jvp_grad_f_wrt_x_wrt_x
ee4a0dbbce2f26a4>:291 in jvp_grad_f_wrt_x_wrt_x
"""

import math

import numpy as np

W = np.array([0.53, 0.87])


def f(x, y, n, p):
    import numpy
    if y / 0.5 < 0.5:
        act2 = lambda t: numpy.tanh(t) * 1.5
    else:
        act2 = lambda t: 0.5 * t
    r1 = act2(p) + act2(p * 0.5)
    for i in range(1 - 1, -1, -1):
        if 3.0 * 0.5 - math.pow(numpy.abs(y) + 0.5, 1.5) >= 0.2:
            if y >= numpy.log10(numpy.abs(x) + 0.5) or numpy.reciprocal(numpy.exp(2.0)) / (1.0 + numpy.cosh(x) ** 2) >= r1[1] + x:
                params6 = {'w': y, 'b': x ** 3 * y}
                c5 = params6['w'] * 0.5 + sum(numpy.sum(v ** 2) for v in params6.values())
                s8 = c5
            r1 = r1 + 3.0 * (r1 * x)
            t3 = (r1[-2] - y) * numpy.expm1(x)
        else:
            for j in range(len(W)):
                it10 = iter([y, numpy.exp(x) * -r1[-2]])
                a11 = next(it10)
                b12 = next(it10, 0.5)
                c13 = next(it10, a11)
                e9 = a11 * b12 + c13
                if numpy.fmax(numpy.sqrt(numpy.concatenate((numpy.sqrt(numpy.concatenate((W * W, [-1.0, 0.0])))[[0, 1]] * numpy.sqrt(numpy.concatenate((W * W, [-1.0, 0.0])))[[0, 1]], [-1.0, 0.0])))[:2], 0.25).min() > 0.2:
                    return 2.0 / (e9 * e9 + 0.5) + p[-2]
            it15 = 0
            while abs(y) < 3.0 and it15 < 3:
                it15 += 1
                rows17 = [p ** 2 + numpy.arccos(0.5 * numpy.sin(p)), 3.0 * p ** numpy.arange(4), numpy.log(1.0 + r1 ** 2)]
                cols18 = list(zip(*rows17))
                s16 = sum(cols18[0]) + cols18[-1][1]
                y /= 1.0 + numpy.minimum(numpy.sum(numpy.sqrt(numpy.concatenate((W * x * (W * x), [-1.0, 0.0])))[:2]), 1.0) ** 2
            t3 = math.log(numpy.abs(x * x) + 0.5)
        it19 = 0
    act30 = numpy.tanh
    g29 = act30(0.5 * -(y + p)) * 2.0
    for k31 in range(2):
        res32 = y + 0.3 * y + g29[0] + numpy.sum(numpy.log((y * 3.0 * (y * 3.0) + 0.5) * k31 + k31))
    return res32


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['x', 'name']],
    "many": False,
    "second": None,
    "seed": [9050, 2, 0, 4],
    "params": [['x', 'float', [], None],
               ['y', 'float', [], None],
               ['n', 'int', [], 2],
               ['p', 'array', [4], None]],
    "inputs": [0.9040318242640999,
               0.0,
               2,
               [0.0, -0.5302922053700814, 0.7402814534937745, -0.5675559376336825]],
    "found": ('crash: ZeroDivisionError: float division by zero at <tangentish '
              'jvp_grad_f_wrt_x_wrt_x ee4a0dbbce2f26a4>:291 in jvp_grad_f_wrt_x_wrt_x'),
    "lenient": ['unused_chains', 'unused_domain'],
}
