"""Forward mode over a gradient: an item read at a constant position of a tuple popped off the
gradient's tape varies only where something pushed at that position does
(``tangentish/passes/tape_slots.py``).

Before: the hvp of ``stacked_layers`` (mutation fuzzer, seed 85, program 22) raised a raw
``IndexError``: the gradient pushed ``params['hidden']``, a dict of constants, beside varying
arrays; taken off the tape it counted as varying, its tangent was ``np.zeros_like`` of a dict (a
0-d object array) and the helper's derivative indexed it by ``'W'``.
"""

from __future__ import annotations

import numpy as np
import pytest
from foreign_acts import layer, softsign  # (another file's: derivatives of their own)
from idioms15_check import Case, by_name, check, seeded


def _hidden(X, params):
    return layer(X, params=params["hidden"], act=softsign)


def stacked_layers(params, X):
    for _twice in range(2):
        h = _hidden(X, params)
        h = np.array(h, dtype=float)
        h[..., :1] = h[..., :1] * 2.0 + 0.25
    return np.mean(layer(h, act=np.sin, params=params["out"]) ** 2)


def constant_rows_on_the_tape(X, table):
    total = 0.0
    for k in range(3):
        row = table["rows"][k]
        h = layer(X, params={"W": row, "b": table["b"]}, act=softsign)
        total = total + np.sum(h ** 2) * (k + 1.0)
    return total


normal, _, _ = seeded(8522)
PARAMS = {"hidden": {"W": normal(3, 4), "b": normal(4)}, "out": {"W": normal(4, 2), "b": normal(2)}}
TABLE = {"rows": [normal(3, 2) for _ in range(3)], "b": normal(2)}
CASES = [
    Case("stacked_layers_wrt_X", stacked_layers, (PARAMS, normal(5, 3)), 1),
    Case("stacked_layers_wrt_params", stacked_layers, (PARAMS, normal(5, 3)), 0),
    Case("constant_rows_on_the_tape", constant_rows_on_the_tape, (normal(4, 3), TABLE), 0),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_constants_popped_off_a_tape_have_no_tangent(name):
    check(BY_NAME[name])
