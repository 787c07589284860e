"""Helpers inlined by the front half (a helper handed a dict or record display is inlined by
``passes/record_helpers.py``) bring code that the original text does not show; the passes after
it that first look at the text (``may_bind_function`` for local function aliases, the function
tables, ``.T[``/``.flat[`` writes, module defaults) run when helpers were inlined.

Before: ``layer(h, {'W': W2, 'b': b2}, np.sin)`` after ``layer(X, {...}, softsign)`` left the
inlined body's ``act = np.sin; act(...)`` as a call of a local value, refused in every mode (and
the hvp of ``layer(X, params=params['hidden'], act=softsign)`` with a dict argument, whose
gradient over the leaves hands the helper a display: mutation fuzzer, seed 53, program 25).
"""

from __future__ import annotations

import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

ACTS = {"tanh": np.tanh, "sin": np.sin}


def layer(x, params, act=np.tanh):
    return act(x @ params["W"] + params["b"])


def softsign(z):
    return z / (1.0 + np.abs(z))


def table_layer(x, params, name):
    return ACTS[name](x @ params["W"] + params["b"])


def two_acts(W, b, W2, b2, X):
    h = layer(X, {"W": W, "b": b}, softsign)
    return np.mean(layer(h, {"W": W2, "b": b2}, np.sin) ** 2)


def passed_then_default(W, b, W2, b2, X):
    h = layer(X, {"W": W, "b": b}, np.sin)
    return np.mean(layer(h, {"W": W2, "b": b2}) ** 2)


def keyword_acts(W, b, W2, b2, X):
    h = layer(X, {"W": W, "b": b}, act=np.cos)
    return np.sum(layer(h, {"W": W2, "b": b2}, act=np.sin))


def acts_in_a_loop(W, b, W2, b2, X):
    h = X
    for _ in range(2):
        h = layer(h, {"W": W, "b": b}, np.sin) @ W2 * 0.5
    return np.sum(layer(h @ W, {"W": W2, "b": b2}, act=np.tanh) ** 2)


def named_dict_params(params, X):
    h = layer(X, params=params["hidden"], act=softsign)
    return np.mean(layer(h, act=np.sin, params=params["out"]) ** 2)


def looped_named_dict_params(params, X):
    for _twice in range(2):
        h = layer(X, params=params["hidden"], act=softsign)
    h = h * 1.5
    return np.mean(layer(h, act=np.sin, params=params["out"]) ** 2)


def table_in_helper(W, b, W2, b2, X):
    h = table_layer(X, {"W": W, "b": b}, "sin")
    return np.sum(table_layer(h, {"W": W2, "b": b2}, "tanh") ** 2)


normal, _, _ = seeded(6161)
W, B, W2, B2, X = normal(3, 4), normal(4), normal(4, 3), normal(3), normal(5, 3)
PARAMS = {"hidden": {"W": W, "b": B}, "out": {"W": W2, "b": B2}}
LEAVES = (W, B, W2, B2, X)

CASES = [
    Case("two_acts", two_acts, LEAVES, (0, 2)),
    Case("passed_then_default", passed_then_default, LEAVES, (0, 3)),
    Case("keyword_acts", keyword_acts, LEAVES, (1, 2)),
    Case("acts_in_a_loop", acts_in_a_loop, LEAVES, (0, 3)),
    Case("named_dict_params", named_dict_params, (PARAMS, X)),
    Case("looped_named_dict_params", looped_named_dict_params, (PARAMS, X)),
    Case("table_in_helper", table_in_helper, LEAVES, (0, 1)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_helpers_inlined_early_in_every_mode_against_finite_differences(name):
    check(BY_NAME[name])
