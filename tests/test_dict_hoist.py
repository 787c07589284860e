"""passes/dict_hoist.py: a dict built inside a larger expression where the statement evaluates it
once (handed to a call, read at once) is bound to a fresh local first, so that the dict passes
take it: before, each of these was refused (``a key of 's' that is not a constant``, ``a dict
display``, ``no derivative rule for `dict` ``, a helper ``returns a dict``).  Each against
central differences (``helpers.numeric_grad``), in reverse and forward mode; one in a branch of a
conditional expression stays refused (``test_dict_locals.py``: ``r_in_call``).  And
passes/dict_rebound.py: a parameter rebound to a dict built from it (``params = {...}``), against
its closed form (refused before)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish


def _rhs(s, k):
    return {"x": s["v"], "v": -k * s["x"]}


def comprehension_to_helper(x, v, k):
    s = {"x": x, "v": v}
    k1 = _rhs(s, k)
    k2 = _rhs({n: s[n] + 0.1 * k1[n] for n in s}, k)
    return k2["x"] ** 2 + k2["v"] * x


def display_to_helper(x, v, k):
    return _rhs({"x": x + 0.1, "v": v}, k)["v"] * v


def dict_call_to_helper(x, v, k):
    k2 = _rhs(dict(x=x * v, v=v), k)  # noqa: C408 (the form under test)
    return k2["x"] * k2["v"]


def len_and_items(x, v, k):
    total = k * len(dict.fromkeys(("a", "b"), 2.0 * v))
    for name, value in {"a": x * k, "b": np.sin(v)}.items():
        total = total + value ** 2 if name == "a" else total * value
    return total


ROWS = [comprehension_to_helper, display_to_helper, dict_call_to_helper, len_and_items]
POINT = (0.7, -0.4, 1.3)


@pytest.mark.parametrize("fn", ROWS, ids=[f.__name__ for f in ROWS])
def test_a_dict_built_in_an_expression_is_differentiated(fn):
    expected = numeric_grad(fn, POINT, wrt=(0, 1, 2))
    got = tangentish.grad(fn, wrt=(0, 1, 2))(*POINT)
    np.testing.assert_allclose(got, expected, rtol=1e-7, atol=1e-9)
    _, slope = tangentish.jvp(fn, wrt=(0, 1, 2))(*POINT, x_dot=1.0, v_dot=-0.5, k_dot=0.25)
    np.testing.assert_allclose(slope, np.dot(expected, [1.0, -0.5, 0.25]), rtol=1e-7, atol=1e-9)


def rebound_parameter(params, k):  # (passes/dict_rebound.py: refused before, "binding 'params'
    params = {n: v * k for n, v in params.items()}  # other than to a dict")
    params["x"] += params["v"]
    return params["x"] * params["v"]


def test_a_parameter_rebound_to_a_dict_built_from_it():
    params, k = {"x": 0.7, "v": -0.4}, 1.3
    got = tangentish.grad(rebound_parameter, wrt=(0, 1))(params, k)
    x, v = params["x"], params["v"]  # (k x + k v) k v: the closed form
    np.testing.assert_allclose([got[0]["x"], got[0]["v"], got[1]],
                               [k * k * v, k * k * x + 2 * k * k * v, 2 * k * (x + v) * v])
