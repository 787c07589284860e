"""Fuzz regression: jvp wrong (seed 0, program 836, shrunk in 98 tries).

wrong: jvp tangent: got np.float64(-0.10270041037449663), finite differences
np.float64(-1.2324049244939597) (tolerance 2.47e-09, 1 of 1 elements off)
"""

import numpy as np


def f(x, A):
    P5 = x - A
    return np.sum(P5)


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['x', 'index']],
    "many": True,
    "second": None,
    "seed": [0, 836, 0, 2],
    "params": [['x', 'float', [], None], ['A', 'array', [4, 3], None]],
    "inputs": [-0.4625923915235821,
               [[1.0129421633414664, -1.1831739129354197, -0.392555004310589],
                [-1.257180096523583, 0.3219293905445766, -0.35661021568469975],
                [-0.285852713879041, -1.4060101872225421, -1.20566202161601],
                [-0.28639989707069713, 0.11666917728058768, -0.7024762143636201]]],
    "found": ('wrong: jvp tangent: got np.float64(-0.10270041037449663), finite differences '
              'np.float64(-1.2324049244939597) (tolerance 2.47e-09, 1 of 1 elements off)'),
}
