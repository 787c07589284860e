"""Fuzz regression: hvp crash (seed 0, program 338, shrunk in 182 tries).

crash: ValueError: setting an array element with a sequence. The requested array has an
inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part. at
tangentish/runtime.py:360 in zeros_like
"""


def h1(a, b, d=1.5):
    return 1.0


def f(v):
    acc7 = h1(v, v[1], 1.0)
    return acc7


FUZZ_CASE = {
    "mode": 'hvp',
    "wrt": [['v', 'index']],
    "many": False,
    "second": None,
    "seed": [0, 338, 0, 4],
    "params": [['v', 'array', [4], None]],
    "inputs": [[-1.136872293887515,
                0.8451231470156015,
                -0.006001248703354056,
                -0.36054057390928884]],
    "found": ('crash: ValueError: setting an array element with a sequence. The requested array '
              'has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + '
              'inhomogeneous part. at tangentish/runtime.py:360 in zeros_like'),
}
