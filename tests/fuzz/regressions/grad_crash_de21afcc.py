"""Fuzz regression: grad crash (seed 1, program 337, shrunk in 139 tries).

crash: UnboundLocalError: a local variable is used before it has a value on this path (in the
original function this read would fail too) at tangentish/runtime/_common.py:98 in _refuse
"""


SCALE = 0.52


def f(v):
    if 1.0:
        return SCALE


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['v', 'name']],
    "many": True,
    "second": None,
    "seed": [1, 337, 0, 0],
    "params": [['v', 'array', [4], None]],
    "inputs": [[-1.1588576264285138, -1.1331932618195437, 0.9061488712260171, 1.3188837580904305]],
    "found": ('crash: UnboundLocalError: a local variable is used before it has a value on this '
              'path (in the original function this read would fail too) at '
              'tangentish/runtime/_common.py:98 in _refuse'),
}
