"""Fuzz regression: grad crash (seed 5111, program 46, shrunk in 458 tries, then by hand).

crash: UnboundLocalError: a local variable is used before it has a value on this path (in the
original function this read would fail too) at tangentish/runtime/_common.py:154 in _refuse
(``_rt.read_mask`` of the placeholder of an early return's value, made before a reversed loop)
"""

import numpy as np


def h1(b, d):
    if np.max(b) > 0.5:
        if np.linalg.norm(b * np.array([-0.97, 0.76])) <= -0.5:
            return 1.5 * np.quantile(b, 0.3)
    acc6 = sum([np.min(b)] + [np.clip(d, -1.0, 0.5), d * 0.93])
    return -(0.93 - np.max(b)) + acc6


def f(v, w, n, A):
    if np.mean(v) * -np.sum(A) >= -0.5:
        pass
    else:
        A = 1.0 - np.log1p(A ** 2)
        if np.sin(np.median(v)) <= 1.0:
            return np.log2(1.0 + np.std(v) ** 2)
    for i in range(len(A)):
        g27 = np.linalg.norm(np.reciprocal(2.0 + np.sin(A)), axis=0)
        res29 = np.arccos(0.5 * np.sin(h1(b=1.5 * A, d=np.median(A))))
    return res29


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['A', 'name'], ['v', 'name'], ['w', 'name']],
    "many": True,
    "second": None,
    "seed": [5111, 46, 0, 0],
    "params": [['v', 'array', [2], None],
               ['w', 'array', [2], None],
               ['n', 'int', [], 0],
               ['A', 'array', [4, 2], None]],
    "inputs": [[-0.5738783166058319, 0.5668456575678809],
               [-0.6772026136415442, 0.6902959760813361],
               0,
               [[1.3255093045724737, 0.9622501771933756],
                [-0.5171946674957302, -1.2927682097567037],
                [1.231731010755305, -1.4318299739520062],
                [-1.2717992066060924, -1.0219135087982645]]],
    "found": ('crash: UnboundLocalError: a local variable is used before it has a value on this '
              'path (in the original function this read would fail too) at '
              'tangentish/runtime/_common.py:154 in _refuse'),
}
