"""Fuzz regression: jvp wrong (seed 8013, program 0, shrunk in 490 tries, then by hand).

wrong: jvp tangent: got np.float64(nan), finite differences np.float64(0.0801551155980591)
(tolerance 5.82e-10, 1 of 1 elements off)
"""

import numpy as np

W = [0.3, 0.14, 0.25]


def f(p, A):
    acc2 = np.zeros(4)
    np.add.at(acc2, [1, 3, 2], np.inner(np.matmul(A, W), p))
    return np.sum(np.sqrt(np.compress([True, True, False, False], acc2 * acc2)))


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['p', 'index']],
    "many": False,
    "second": None,
    "seed": [8013, 0, 0, 2],
    "params": [['p', 'array', [4], None], ['A', 'array', [4, 3], None]],
    "inputs": [[-0.0962708337705247, 0.7150017465964487, -0.2134575020994065, 0.6149586189923602],
               [[0.0, 1.1708838436215183, 1.45994535026009],
                [-0.7474621834828592, 1.0676494540876584, -0.4602731101745703],
                [-1.3667806717408155, -0.6461363237645017, -0.35675542478545763],
                [1.160807474365472, -0.19031634345721327, 0.5569960539671004]]],
    "found": ('wrong: jvp tangent: got np.float64(nan), finite differences '
              'np.float64(0.0801551155980591) (tolerance 5.82e-10, 1 of 1 elements off)'),
    "lenient": ['unused_domain'],
}
